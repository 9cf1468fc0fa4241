// whosaid audit: details on hover or focus, filters, and a walk through the claims to review.
// Works offline; reads only data- attributes and writes them with textContent, never as markup.
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
  function show(c, at) {
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
    if (d.sid) add("identity", d.type + " · " + d.sid);
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
    place(at || c.head, true);
  }

  // Placement: below the claim and its speaker mention and cue, where the eye goes next;
  // beside the text when there is no room below; above only when that leaves the paragraph
  // before the claim uncovered, since it may hold the antecedent under review; otherwise the
  // page scrolls to make room below. Always inside the window.
  var GAP = 8;
  var anchor = null;
  // A scroll the script made, and the hover events it causes, do not hide the details.
  var ownScroll = null, stillMouse = false;
  function clamp(v, lo, hi) { return Math.max(lo, Math.min(v, hi)); }
  function barBottom() {
    var bar = document.querySelector("header.top");
    if (!bar || getComputedStyle(bar).position !== "sticky") return 0;
    return Math.max(0, bar.getBoundingClientRect().bottom);
  }
  function place(el, mayScroll) {
    anchor = el;
    tip.style.maxWidth = "";
    var para = el.closest(".para, .gap, li");
    var box = function () {
      var rects = Array.prototype.slice.call(el.getClientRects());
      if (current) current.marks.forEach(function (m) {
        if (m.closest(".para, .gap, li") === para) rects.push.apply(rects, m.getClientRects());
      });
      if (!rects.length) return null;
      return {
        top: Math.min.apply(null, rects.map(function (r) { return r.top; })),
        bottom: Math.max.apply(null, rects.map(function (r) { return r.bottom; })),
        left: rects[0].left
      };
    };
    var b = box();
    if (!b) return;
    var vw = document.documentElement.clientWidth, vh = window.innerHeight;
    var h = tip.offsetHeight;
    function at(x, y) {
      tip.style.left = clamp(x, GAP, vw - tip.offsetWidth - GAP) + "px";
      tip.style.top = clamp(y, GAP, vh - tip.offsetHeight - GAP) + "px";
    }
    if (b.bottom + GAP + h <= vh - GAP) return at(b.left, b.bottom + GAP);
    var column = (el.closest(".text") || el.parentElement).getBoundingClientRect();
    var room = vw - GAP - (column.right + 2 * GAP);
    if (room >= 256) {
      tip.style.maxWidth = Math.min(room, 512) + "px";
      return at(column.right + 2 * GAP, b.top);
    }
    var before = para && para.previousElementSibling;
    var floor = Math.max(GAP, barBottom(), before ? before.getBoundingClientRect().bottom + GAP : 0);
    if (b.top - GAP - h >= floor) return at(b.left, b.top - GAP - h);
    var need = b.bottom + GAP + h - (vh - GAP);
    if (mayScroll && b.top - need >= barBottom()) {
      window.scrollBy(0, need);
      ownScroll = window.scrollY;
      stillMouse = true;
      b = box();
    }
    // A claim too tall to fit with its details: they cover its end, never what comes before.
    at(b.left, b.bottom + GAP);
  }

  document.addEventListener("mousemove", function (e) {
    if (e.movementX || e.movementY) stillMouse = false;
  });
  document.addEventListener("mouseover", function (e) {
    // The page moved under a mouse that did not: not the reader's doing.
    if (stillMouse) return;
    var c = claimOf(e.target);
    if (c && c !== current) show(c, e.target.closest(".claim"));
    else if (!c && current && document.activeElement !== current.head) hide();
  });
  document.addEventListener("focusin", function (e) {
    var c = claimOf(e.target);
    if (!c) return;
    show(c, c.head);
    // A claim to review reached with Tab counts as where the walk is.
    var k = flagged.indexOf(c.head);
    if (k >= 0) {
      here = k;
      counter();
    }
  });
  document.addEventListener("focusout", hide);
  window.addEventListener("scroll", function () {
    if (ownScroll !== null && window.scrollY === ownScroll) return;
    ownScroll = null;
    if (!current) return;
    // Details of the focused claim follow it; those of a hovered one go.
    if (document.activeElement === current.head) place(anchor, false);
    else hide();
  }, { passive: true });

  // Filters: by speaker (its identity), by speaker type, by resolution, flagged claims only.
  var fSpeaker = document.getElementById("f-speaker");
  var fType = document.getElementById("f-type");
  var fRes = document.getElementById("f-res");
  var fWeak = document.getElementById("f-weak");
  var fCount = document.getElementById("f-count");
  function wantSpeaker(sid, v) { return !v || (v === "none" ? !sid : v === "=" + sid); }
  // On the index page: the pages each listed speaker is on, and its type.
  var pagesOf = new Map(), typeOf = new Map();
  $$("tr[data-pages]").forEach(function (row) {
    pagesOf.set("=" + row.dataset.sid, row.dataset.pages.split(" "));
    typeOf.set("=" + row.dataset.sid, row.dataset.type);
  });
  var query = "";
  function apply() {
    var sp = fSpeaker.value, ty = fType.value, res = fRes.value, weak = fWeak.checked;
    var active = !!(sp || ty || res || weak);
    var shown = 0, perArticle = new Map();
    byRow.forEach(function (c) {
      var d = c.head.dataset;
      var ok = wantSpeaker(d.sid, sp) && (!ty || d.type === ty) && (!res || d.res === res)
        && (!weak || d.weak !== undefined);
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
      var pages = sp && sp !== "none" && (!ty || typeOf.get(sp) === ty) ? pagesOf.get(sp) : null;
      var ok = (!sp || (sp === "none" ? +d.none > 0 : !!pages && pages.indexOf(d.href) >= 0))
        && (!ty || d.types.split(" ").indexOf(ty) >= 0)
        && (!res || d.res.split(" ").indexOf(res) >= 0) && (!weak || +d.weak > 0);
      row.classList.toggle("hidden", active && !ok);
      if (!active || ok) pagesShown++;
    });
    $$("table.speakers tbody tr").forEach(function (row) {
      var d = row.dataset;
      var ok = (!sp || sp === (d.sid === undefined ? "none" : "=" + d.sid)) && (!ty || ty === d.type);
      row.classList.toggle("hidden", !ok);
    });
    if (!active) fCount.textContent = "";
    else if (articles.length) fCount.textContent = shown + " of " + byRow.size + " highlights in " + visible + " of " + articles.length + " articles";
    else fCount.textContent = pagesShown + " of " + pageRows.length + " pages";
    var q = new URLSearchParams();
    if (sp) q.set("speaker", sp);
    if (ty) q.set("type", ty);
    if (res) q.set("res", res);
    if (weak) q.set("review", "1");
    query = q.toString();
    counter();
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
  [fSpeaker, fType, fRes, fWeak].forEach(function (el) { el.addEventListener("change", apply); });
  document.getElementById("f-clear").addEventListener("click", function () {
    fSpeaker.value = ""; fType.value = ""; fRes.value = ""; fWeak.checked = false; apply();
  });
  document.addEventListener("click", function (e) {
    var pick = e.target.closest ? e.target.closest("button.pick") : null;
    if (!pick) return;
    choose(fSpeaker, pick.dataset.pick);
    apply();
  });

  // Claims to review, in text order: `n` and `p` (or the buttons) move to the next and
  // previous one that the filters show, scroll it into view and show its details.
  var flagged = heads.filter(function (h) { return h.classList.contains("weak"); });
  var rPos = document.getElementById("r-pos");
  var here = -1;
  function shownNow(h) { return !h.classList.contains("off") && !h.closest("article.hidden"); }
  function counter() {
    if (!rPos) return;
    var total = 0, before = 0;
    flagged.forEach(function (h, k) {
      if (!shownNow(h)) return;
      total++;
      if (k < here) before++;
    });
    var on = here >= 0 && shownNow(flagged[here]);
    rPos.textContent = on ? (before + 1) + " of " + total : total + " to review";
  }
  function step(dir) {
    var n = flagged.length;
    if (!n) return;
    // From the claim the reader is on, if any: the walk goes on from where they are.
    var from = here;
    var on = current && current.head;
    if (on && flagged.indexOf(on) < 0) {
      var after = flagged.findIndex(function (h) {
        return on.compareDocumentPosition(h) & Node.DOCUMENT_POSITION_FOLLOWING;
      });
      from = after < 0 ? n : after;
      if (dir > 0) from--;
    } else if (on) {
      from = flagged.indexOf(on);
    } else if (from < 0 && dir < 0) {
      from = n;
    }
    for (var i = 1; i <= n; i++) {
      var k = ((from + dir * i) % n + n) % n;
      if (!shownNow(flagged[k])) continue;
      here = k;
      var h = flagged[k];
      h.scrollIntoView({ block: "center" });
      ownScroll = window.scrollY;
      stillMouse = true;
      h.focus({ preventScroll: true });
      counter();
      return;
    }
  }
  var rNext = document.getElementById("r-next"), rPrev = document.getElementById("r-prev");
  if (rNext) rNext.addEventListener("click", function () { step(1); });
  if (rPrev) rPrev.addEventListener("click", function () { step(-1); });
  document.addEventListener("keydown", function (e) {
    if (e.key === "Escape") return hide();
    if (e.ctrlKey || e.metaKey || e.altKey || !rPos) return;
    if (e.target.closest && e.target.closest("input, select, textarea, [contenteditable]")) return;
    if (e.key === "n" || e.key === "p") {
      e.preventDefault();
      step(e.key === "n" ? 1 : -1);
    }
  });

  var params = new URLSearchParams(window.location.search);
  choose(fSpeaker, params.get("speaker"));
  choose(fType, params.get("type"));
  choose(fRes, params.get("res"));
  fWeak.checked = params.get("review") === "1";
  if (fSpeaker.value || fType.value || fRes.value || fWeak.checked) apply();
})();
