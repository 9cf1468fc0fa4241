// whosaid audit: details on hover or focus, and filters. Works offline; reads only data-
// attributes and writes them with textContent, never as markup.
(function () {
  "use strict";
  var $$ = function (sel, root) { return Array.prototype.slice.call((root || document).querySelectorAll(sel)); };
  var tip = document.getElementById("tip");
  var heads = $$(".claim[data-row]");
  var byRow = new Map();
  heads.forEach(function (h) { byRow.set(h.dataset.row, { head: h, parts: [h], marks: [] }); });
  $$(".claim[data-cont]").forEach(function (el) {
    var c = byRow.get(el.dataset.cont);
    if (c) c.parts.push(el);
  });
  $$("[data-for]").forEach(function (el) {
    el.dataset.for.split(" ").forEach(function (row) {
      var c = byRow.get(row);
      if (c) c.marks.push(el);
    });
  });

  function claimOf(target) {
    var el = target && target.closest ? target.closest(".claim") : null;
    if (!el) return null;
    return byRow.get(el.dataset.row || el.dataset.cont) || null;
  }

  var current = null;
  function hide() {
    if (current) current.parts.concat(current.marks).forEach(function (el) { el.classList.remove("hot"); });
    current = null;
    tip.hidden = true;
  }
  function show(c, anchor) {
    hide();
    current = c;
    c.parts.concat(c.marks).forEach(function (el) { el.classList.add("hot"); });
    var d = c.head.dataset;
    var dl = document.createElement("dl");
    function add(label, value, cls) {
      var dt = document.createElement("dt");
      dt.textContent = label;
      var dd = document.createElement("dd");
      dd.textContent = value;
      if (cls) dd.className = cls;
      dl.append(dt, dd);
    }
    var none = "—";
    add("speaker", d.speaker || "(no speaker)", "speaker");
    add("title", d.title || none);
    add("role", d.role || none);
    add("organisation", d.org || none);
    add("outlet", d.outlet || none);
    add("cue", d.cue || none);
    add("mention", d.mention || none);
    add("resolution", d.res + " · " + d.kind + " claim");
    var unknown = c.head.closest("[data-chains=unknown]");
    add("chain", d.chain || (unknown ? "not recorded in a claims CSV" : none));
    add("rule", d.rule);
    add("claim", d.claimId + " · characters " + d.start + "–" + d.end);
    if (d.weak) add("review", d.why, "warn");
    tip.replaceChildren(dl);
    tip.hidden = false;
    place(anchor || c.head);
  }
  function place(el) {
    var rects = el.getClientRects();
    var r = rects.length ? rects[0] : el.getBoundingClientRect();
    var w = tip.offsetWidth, h = tip.offsetHeight;
    var x = Math.max(8, Math.min(r.left, window.innerWidth - w - 8));
    var y = r.bottom + 8;
    if (y + h > window.innerHeight - 8) y = Math.max(8, r.top - h - 8);
    tip.style.left = x + "px";
    tip.style.top = y + "px";
  }

  document.addEventListener("mouseover", function (e) {
    var c = claimOf(e.target);
    if (c && c !== current) show(c, e.target.closest(".claim"));
    else if (!c && current && document.activeElement !== current.head) hide();
  });
  document.addEventListener("focusin", function (e) {
    var c = claimOf(e.target);
    if (c) show(c, c.head);
  });
  document.addEventListener("focusout", hide);
  document.addEventListener("keydown", function (e) { if (e.key === "Escape") hide(); });
  window.addEventListener("scroll", function () {
    if (current && document.activeElement !== current.head) hide();
  }, { passive: true });

  // Filters: by speaker, by resolution, flagged claims only.
  var fSpeaker = document.getElementById("f-speaker");
  var fRes = document.getElementById("f-res");
  var fWeak = document.getElementById("f-weak");
  var fCount = document.getElementById("f-count");
  function wantSpeaker(name, v) { return !v || (v === "none" ? !name : v === "=" + name); }
  // On the index page: the pages each listed speaker is on.
  var pagesOf = new Map();
  $$("tr[data-pages]").forEach(function (row) {
    pagesOf.set("=" + row.dataset.speaker, row.dataset.pages.split(" "));
  });
  var query = "";
  function apply() {
    var sp = fSpeaker.value, res = fRes.value, weak = fWeak.checked;
    var active = !!(sp || res || weak);
    var shown = 0, perArticle = new Map();
    byRow.forEach(function (c) {
      var d = c.head.dataset;
      var ok = wantSpeaker(d.speaker, sp) && (!res || d.res === res) && (!weak || d.weak !== undefined);
      c.parts.forEach(function (el) { el.classList.toggle("off", !ok); });
      if (ok) shown++;
      var art = c.head.closest("article.doc");
      if (art) perArticle.set(art, (perArticle.get(art) || 0) + (ok ? 1 : 0));
    });
    var articles = $$("article.doc"), visible = 0;
    articles.forEach(function (art) {
      var hideIt = active && !perArticle.get(art);
      art.classList.toggle("hidden", hideIt);
      if (!hideIt) visible++;
    });
    $$("tr[data-article]").forEach(function (row) {
      var art = document.getElementById(row.dataset.article);
      row.classList.toggle("hidden", !!art && art.classList.contains("hidden"));
    });
    var pageRows = $$("tr[data-href]"), pagesShown = 0;
    pageRows.forEach(function (row) {
      var d = row.dataset;
      var pages = sp && sp !== "none" ? pagesOf.get(sp) : null;
      var ok = (!sp || (sp === "none" ? +d.none > 0 : !!pages && pages.indexOf(d.href) >= 0))
        && (!res || d.res.split(" ").indexOf(res) >= 0) && (!weak || +d.weak > 0);
      row.classList.toggle("hidden", active && !ok);
      if (!active || ok) pagesShown++;
    });
    $$("tr[data-speaker]").forEach(function (row) {
      row.classList.toggle("hidden", !!sp && sp !== "=" + row.dataset.speaker);
    });
    if (!active) fCount.textContent = "";
    else if (articles.length) fCount.textContent = shown + " of " + byRow.size + " highlights in " + visible + " of " + articles.length + " articles";
    else fCount.textContent = pagesShown + " of " + pageRows.length + " pages";
    var q = new URLSearchParams();
    if (sp) q.set("speaker", sp);
    if (res) q.set("res", res);
    if (weak) q.set("review", "1");
    query = q.toString();
  }
  // Links to the other pages carry the filters, added when followed (rewriting thousands of
  // links at each change would be slow).
  document.addEventListener("click", function (e) {
    var a = e.target.closest ? e.target.closest("a[href]") : null;
    if (!a) return;
    var href = a.getAttribute("href");
    var hash = href.indexOf("#");
    var file = (hash < 0 ? href : href.slice(0, hash)).split("?")[0];
    if (!/\.html$/.test(file)) return;
    a.setAttribute("href", file + (query ? "?" + query : "") + (hash < 0 ? "" : href.slice(hash)));
  });
  function choose(select, value) {
    if (!value) return;
    var has = Array.prototype.some.call(select.options, function (o) { return o.value === value; });
    if (!has) {
      var o = document.createElement("option");
      o.value = value;
      o.textContent = value.charAt(0) === "=" ? value.slice(1) + " · 0" : value;
      select.append(o);
    }
    select.value = value;
  }
  [fSpeaker, fRes, fWeak].forEach(function (el) { el.addEventListener("change", apply); });
  document.getElementById("f-clear").addEventListener("click", function () {
    fSpeaker.value = ""; fRes.value = ""; fWeak.checked = false; apply();
  });
  document.addEventListener("click", function (e) {
    var pick = e.target.closest ? e.target.closest("button.pick") : null;
    if (!pick) return;
    choose(fSpeaker, pick.dataset.pick);
    apply();
  });
  var params = new URLSearchParams(window.location.search);
  choose(fSpeaker, params.get("speaker"));
  choose(fRes, params.get("res"));
  fWeak.checked = params.get("review") === "1";
  if (fSpeaker.value || fRes.value || fWeak.checked) apply();
})();
