//! The detector's state for one article, the token tests every rule uses, and the sentence
//! loop that hands each cue to the frame of its family.

use rustc_hash::FxHashMap;
use whosaid_core::{
    Claim, ClaimKind, Confidence, Document, FurnitureKind, RuleId, Span, TokenKind,
};

use crate::lexicons::{Cue, Form, Lexicons, List, List::*};

/// Who said a claim, with which cue, to whom, found by which rule.
#[derive(Clone, Copy)]
pub(crate) struct Said {
    pub(crate) cue: Span,
    /// None for a belief nobody in the text holds ("is expected to").
    pub(crate) source: Option<Span>,
    pub(crate) recipient: Option<Span>,
    pub(crate) rule: RuleId,
}

pub(crate) struct Ctx<'a> {
    pub(crate) lex: &'a Lexicons,
    /// Whether to report beliefs nobody holds (`raising`).
    pub(crate) beliefs: bool,
    pub(crate) text: &'a str,
    pub(crate) doc: &'a Document,
    /// Each token's text, sliced once: rules look at tokens' texts hundreds of thousands of
    /// times an article, and slicing the article checks both ends for char boundaries each
    /// time. 16 bytes a token: the binary hands over at most 256 KiB of text at a time.
    pub(crate) texts: Vec<&'a str>,
    /// For each token, true when it lies inside a quotation (marks excluded).
    pub(crate) inside: Vec<bool>,
    /// For each token, [`OPENS`] and [`CLOSES`] when it opens or closes a quote: one byte a
    /// token rather than two quote indices, so that a 50 MB article does not need 150 MB
    /// for them; the indices are in `quote_of`.
    pub(crate) marks: Vec<u8>,
    /// The quote each opening or closing mark belongs to, by token: lookups stay
    /// constant-time however many quotes an article has.
    pub(crate) quote_of: FxHashMap<(usize, u8), u32>,
    /// For each token, true once a claim covers it.
    pub(crate) claimed: Vec<bool>,
    /// Words among the tokens before each token (one more entry than tokens), so that
    /// [`Ctx::words`] takes constant time: rules count the words of a span for every cue, and
    /// counting them one by one made a long sentence with many cues quadratic (#16).
    pub(crate) words_before: Vec<u32>,
    /// The last answer of [`Ctx::cut_at_participle`]: `(from, e, cut)`. No token in
    /// `from + 1..cut` ends a claim, so a later query from inside that range has the same
    /// answer; the cues of a sentence ask in text order, which keeps a sentence with many cues
    /// linear (#16).
    pub(crate) last_cut: std::cell::Cell<(usize, usize, usize)>,
    /// The token ranges of the current sentence's quotes that come before their cue
    /// (`"<claim>," X said`), in the order they were claimed.
    pub(crate) sentence_claims: Vec<(usize, usize)>,
    /// Claim tokens the current sentence may still give: a few times its length. Claims that
    /// overlap one another (each running to the sentence's end in "x, he said, x, he said,
    /// ..." repeated) would otherwise make output grow with the square of a long sentence
    /// (#16); a news sentence's claims stay far below it.
    pub(crate) budget: usize,
    /// For each paragraph, the start of its first claim (`usize::MAX` for none).
    pub(crate) first_claim: Vec<usize>,
    pub(crate) claims: Vec<Claim>,
    pub(crate) group: usize,
}

/// How many times its own length in claim tokens a sentence may give ([`Ctx::budget`]).
pub(crate) const CLAIMS_PER_SENTENCE: usize = 4;

/// In [`Ctx::marks`]: the token opens a quote.
pub(crate) const OPENS: u8 = 1;
/// In [`Ctx::marks`]: the token closes a quote.
pub(crate) const CLOSES: u8 = 2;

/// `word.split_once('-')` by a plain byte loop: words are a few bytes long, and this runs
/// for nearly every token, where setting up a substring search cost more than the search.
pub(crate) fn split_hyphen(word: &str) -> Option<(&str, &str)> {
    let at = word.bytes().position(|b| b == b'-')?;
    Some((&word[..at], &word[at + 1..]))
}

/// The prefix counts of [`Ctx::words_before`]. Token counts fit in `u32`: the binary hands
/// over at most 256 KiB of text at a time, and even a whole article of 4 GiB could not hold
/// more words than that.
fn words_before(doc: &Document) -> Vec<u32> {
    let mut counts = Vec::with_capacity(doc.tokens.len() + 1);
    let mut n = 0u32;
    counts.push(0);
    for t in &doc.tokens {
        n = n.saturating_add(u32::from(t.kind == TokenKind::Word));
        counts.push(n);
    }
    counts
}

/// Finds the claims of one article.
pub(crate) fn detect(lex: &Lexicons, beliefs: bool, text: &str, doc: &Document) -> Vec<Claim> {
    let mut inside = vec![false; doc.tokens.len()];
    for q in &doc.quotes {
        let para_end = doc.paragraphs[q.paragraph].sentences.end;
        let last_token = doc
            .sentences
            .get(para_end.wrapping_sub(1))
            .map_or(doc.tokens.len(), |s| s.tokens.end);
        let end = q.close_token.unwrap_or(last_token);
        for flag in &mut inside[q.open_token + 1..end] {
            *flag = true;
        }
    }
    let mut marks = vec![0u8; doc.tokens.len()];
    let mut quote_of = FxHashMap::default();
    quote_of.reserve(doc.quotes.len() * 2);
    for (n, q) in doc.quotes.iter().enumerate() {
        let Ok(n) = u32::try_from(n) else { break };
        marks[q.open_token] |= OPENS;
        quote_of.insert((q.open_token, OPENS), n);
        if let Some(c) = q.close_token {
            marks[c] |= CLOSES;
            quote_of.insert((c, CLOSES), n);
        }
    }
    let mut ctx = Ctx {
        lex,
        beliefs,
        text,
        doc,
        texts: doc.tokens.iter().map(|t| &text[t.span()]).collect(),
        inside,
        marks,
        quote_of,
        claimed: vec![false; doc.tokens.len()],
        words_before: words_before(doc),
        last_cut: std::cell::Cell::new((usize::MAX, 0, 0)),
        sentence_claims: Vec::new(),
        budget: usize::MAX,
        first_claim: vec![usize::MAX; doc.paragraphs.len()],
        claims: Vec::new(),
        group: 0,
    };
    for (p, para) in doc.paragraphs.iter().enumerate() {
        match para.furniture {
            None => {
                ctx.transcript(p);
                for s in para.sentences.clone() {
                    ctx.sentence(s);
                }
                ctx.continuations(p);
            }
            Some(FurnitureKind::Title) => {
                for s in para.sentences.clone() {
                    ctx.headline(s);
                }
            }
            Some(_) => {}
        }
    }
    let mut claims = ctx.claims;
    claims.sort_by_key(|c| (c.span.start, c.span.end));
    claims.dedup_by(|b, a| a.span == b.span);
    // Number the claims 0, 1, 2 ... in text order, pieces of one claim sharing a number, so
    // that claim ids have no gaps where a frame gave up or a duplicate went.
    let mut renumber = rustc_hash::FxHashMap::default();
    for c in &mut claims {
        let next = renumber.len();
        c.group = *renumber.entry(c.group).or_insert(next);
    }
    claims
}

impl<'a> Ctx<'a> {
    pub(crate) fn tok(&self, i: usize) -> &'a str {
        self.texts[i]
    }

    pub(crate) fn span(&self, i: usize) -> Span {
        self.doc.tokens[i].span()
    }

    /// True for a word token; false past the last token, so look-aheads need no bounds test.
    pub(crate) fn is_word(&self, i: usize) -> bool {
        self.doc
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word)
    }

    pub(crate) fn is(&self, i: usize, s: &str) -> bool {
        self.tok(i).eq_ignore_ascii_case(s)
    }

    /// True when token `i` is in `list`, ignoring ASCII case.
    #[inline(always)]
    pub(crate) fn in_list(&self, i: usize, list: List) -> bool {
        self.lex.list(list).contains(self.tok(i))
    }

    /// A capitalised word, or a name with a short lowercase particle glued on ("al-Qaim").
    pub(crate) fn capitalised(&self, i: usize) -> bool {
        let w = self.tok(i);
        self.is_word(i)
            && (w.chars().next().is_some_and(char::is_uppercase)
                || split_hyphen(w).is_some_and(|(p, rest)| {
                    p.len() <= 3 && rest.chars().next().is_some_and(char::is_uppercase)
                }))
    }

    pub(crate) fn is_quote_mark(&self, i: usize) -> bool {
        matches!(
            self.doc.tokens[i].kind,
            TokenKind::DoubleQuote | TokenKind::SingleQuote
        )
    }

    /// The quote that token `i` opens (`mark` = [`OPENS`]) or closes ([`CLOSES`]).
    ///
    /// Inlined: rules ask this of hundreds of thousands of tokens an article, and nearly all
    /// of them are no quote mark, which one byte of `marks` tells without a call.
    #[inline]
    pub(crate) fn quote_at(&self, i: usize, mark: u8) -> Option<&'a whosaid_core::Quote> {
        if self.marks.get(i).is_none_or(|&m| m & mark == 0) {
            return None;
        }
        self.quote_of_mark(i, mark)
    }

    #[inline(never)]
    pub(crate) fn quote_of_mark(&self, i: usize, mark: u8) -> Option<&'a whosaid_core::Quote> {
        let n = self.quote_of.get(&(i, mark))?;
        Some(&self.doc.quotes[*n as usize])
    }

    /// The quote whose closing mark is token `i`.
    pub(crate) fn quote_closed_at(&self, i: usize) -> Option<&'a whosaid_core::Quote> {
        self.quote_at(i, CLOSES)
    }

    /// The quote whose opening mark is token `i`.
    pub(crate) fn quote_opened_at(&self, i: usize) -> Option<&'a whosaid_core::Quote> {
        self.quote_at(i, OPENS)
    }

    pub(crate) fn cover(&self, from: usize, to: usize) -> Span {
        Span::new(self.span(from).start, self.span(to - 1).end)
    }

    pub(crate) fn words(&self, from: usize, to: usize) -> usize {
        if from >= to {
            return 0;
        }
        let at = |i: usize| self.words_before[i.min(self.words_before.len() - 1)] as usize;
        at(to) - at(from)
    }

    pub(crate) fn next_group(&mut self) -> usize {
        self.group += 1;
        self.group - 1
    }

    /// True when token `i` is a period glued to the abbreviation before it ("Gen.").
    pub(crate) fn abbreviation_period(&self, i: usize, from: usize) -> bool {
        i > from
            && self.tok(i) == "."
            && self.is_word(i - 1)
            && self.span(i - 1).end == self.span(i).start
            && (self.tok(i - 1).len() <= 5 || self.tok(i - 1).contains('.'))
            && self
                .tok(i - 1)
                .chars()
                .next()
                .is_some_and(char::is_uppercase)
    }

    /// True when the -ing form of a cue at `i` follows a form of "be", past auxiliaries and
    /// adverbs: "is defending", "are now hoping", "has been saying" (`detect/verb-progressive`).
    pub(crate) fn progressive(&self, i: usize, a: usize) -> bool {
        if self.in_list(i, NotProgressiveCues) {
            return false;
        }
        let mut k = i;
        while k > a && self.is_between(k - 1) {
            k -= 1;
        }
        k > a && self.in_list(k - 1, ProgressiveAuxiliaries)
    }

    /// True for a word that may stand between a speaker and the cue: an auxiliary or an
    /// adverb ("has also said", "then loudly asked").
    pub(crate) fn is_between(&self, i: usize) -> bool {
        let w = self.tok(i);
        self.is_word(i)
            && (self.lex.auxiliaries.contains(w)
                || (w.len() > 4 && w.ends_with("ly") && w.chars().all(char::is_lowercase))
                || self.is_time_word(i))
    }

    /// A word of a time phrase between a speaker and the cue: "The campaign on Tuesday
    /// responded", "Trump last week said", "officials Monday night said".
    pub(crate) fn is_time_word(&self, i: usize) -> bool {
        let day = |t: usize| self.in_list(t, Weekdays);
        day(i)
            || self.in_list(i, RelativeDays)
            || (self.is(i, "on") && self.is_word(i + 1) && day(i + 1))
            || (self.in_list(i, DayParts) && i > 0 && day(i - 1))
            || (self.in_list(i, TimeUnits) && i > 0 && self.in_list(i - 1, TimeUnitModifiers))
            || (self.in_list(i, NearTimeModifiers)
                && self.is_word(i + 1)
                && self.in_list(i + 1, TimeUnits))
    }

    /// True for the apostrophe of a plural possessive glued to its word: "Sanders' spokesman".
    pub(crate) fn possessive_mark(&self, t: usize) -> bool {
        self.doc.tokens[t].kind == TokenKind::SingleQuote
            && t > 0
            && self.is_word(t - 1)
            && self.span(t - 1).end == self.span(t).start
            && self.tok(t - 1).ends_with('s')
            && !self.inside[t]
            && self.quote_closed_at(t).is_none()
    }

    /// Pushes the claim that runs from token `start` after a cue to the end of its clause
    /// (before `, adding that ...`, a closing `, they said`, or the end of a leading quote),
    /// when it has at least `min_words` words.
    pub(crate) fn push_after(
        &mut self,
        start: usize,
        e: usize,
        min_words: usize,
        paragraph: usize,
        said: Said,
    ) {
        let mut end = self.quote_end(start, self.cut_at_participle(start, e));
        if self.lex.cue(&self.text[said.cue]).is_some_and(|c| c.noun) {
            end = self.noun_phrase_end(start, end);
        }
        let group = self.group;
        if self.push_piece(start, end, min_words, group, paragraph, &said) {
            self.group += 1;
        }
    }

    /// Pushes tokens `from..to` as a piece of claim `group` when they hold at least
    /// `min_words` words; returns whether it did.
    pub(crate) fn push_piece(
        &mut self,
        from: usize,
        to: usize,
        min_words: usize,
        group: usize,
        paragraph: usize,
        said: &Said,
    ) -> bool {
        let Some((_, f, t)) = self.content_span(from, to, min_words) else {
            return false;
        };
        let Said {
            cue,
            source,
            recipient,
            rule,
        } = *said;
        self.push(f, t, group, paragraph, Some(cue), source, recipient, rule);
        true
    }

    /// Records that tokens `from..to` of `paragraph` are claimed, from byte `start`.
    pub(crate) fn mark(&mut self, from: usize, to: usize, paragraph: usize, start: usize) {
        for flag in &mut self.claimed[from..to] {
            *flag = true;
        }
        let first = &mut self.first_claim[paragraph];
        *first = (*first).min(start);
    }

    #[allow(clippy::too_many_arguments)]
    pub(crate) fn push(
        &mut self,
        from: usize,
        to: usize,
        group: usize,
        paragraph: usize,
        cue: Option<Span>,
        source: Option<Span>,
        recipient: Option<Span>,
        rule: RuleId,
    ) {
        let Some(left) = self.budget.checked_sub(to.saturating_sub(from)) else {
            return;
        };
        self.budget = left;
        let (kind, span) = self.kind_of(from, to);
        self.mark(from, to, paragraph, span.start);
        if kind == ClaimKind::Direct && cue.is_some_and(|cue| cue.start >= span.end) {
            self.sentence_claims.push((from, to));
        }
        self.claims.push(Claim {
            kind,
            span,
            group,
            paragraph,
            cue,
            source,
            recipient,
            rule,
            continuation: false,
            confidence: Confidence::CERTAIN,
        });
    }

    /// Where a claim that may run from token `from` to `to` starts so that it spans no text
    /// an earlier claim of the sentence covers together with its cue: after the last quote
    /// before its cue (`"<claim>," X said`) that ends inside it. (A claim after its cue, as
    /// in "Manila hopes to tack on ..., to any new agreement, officials said", and an indirect
    /// one, which may be a verb's object read as a claim, stay part of the longer claim.)
    /// Without this, in a long sentence of `"...," X said. y "...," X said. y ...` (a
    /// lowercase word keeps it one sentence) every claim ran from the sentence's start, and
    /// output grew with the square of the sentence (#16). Only the latest few claims are
    /// looked at, which in text order are the ones that can end inside it.
    pub(crate) fn unclaimed_from(&self, from: usize, to: usize) -> usize {
        self.sentence_claims
            .iter()
            .rev()
            .take(8)
            .filter(|&&(f, t)| f < t && from < t && t < to)
            .map(|&(_, t)| t)
            .max()
            .unwrap_or(from)
    }

    /// A sentence's first token, its end without final punctuation, and its paragraph.
    pub(crate) fn bounds(&self, si: usize) -> (usize, usize, usize) {
        let sentence = &self.doc.sentences[si];
        let (a, mut e) = (sentence.tokens.start, sentence.tokens.end);
        while e > a && matches!(self.tok(e - 1), "." | "!" | "?" | ";" | "…") && !self.inside[e - 1]
        {
            e -= 1;
        }
        (a, e, sentence.paragraph)
    }

    pub(crate) fn sentence(&mut self, si: usize) {
        let (a, e, paragraph) = self.bounds(si);
        if e <= a {
            return;
        }
        let first_claim = self.claims.len();
        self.sentence_claims.clear();
        self.budget = CLAIMS_PER_SENTENCE * (e - a) + 64;
        // The last closing quote mark so far in the sentence, for `verb_after_quote`.
        let mut last_close = None;
        let mut i = a;
        while i < e {
            if self.marks[i] & CLOSES != 0 {
                last_close = Some(i);
            }
            if self.inside[i] || !self.is_word(i) {
                i += 1;
                continue;
            }
            if self.verb_then_quote(i, a, e, paragraph) {
                i += 1;
                continue;
            }
            if self.asked_question(i, a, e, paragraph) {
                i += 1;
                continue;
            }
            if self.beliefs && self.raising(i, a, e, paragraph) {
                i += 1;
                continue;
            }
            if self.is(i, "according") && i + 1 < e && self.is(i + 1, "to") {
                self.according(i, a, e, paragraph);
                i += 2;
                continue;
            }
            if let Some(cue) = self
                .lex
                .cue(self.tok(i))
                .or_else(|| self.verb_after_quote(i, a, e, last_close))
            {
                if !(self.capitalised(i) && i > a) {
                    if cue.form == Form::Ing && i > a && self.tok(i - 1) == "," {
                        if self.lex.participles.contains(self.tok(i)) {
                            self.participle(i, a, e, paragraph, first_claim);
                        }
                    } else if cue.form != Form::Ing {
                        self.cue(i, a, e, paragraph, cue);
                    } else if self.progressive(i, a) {
                        // "Obama is defending his plan": the -ing form after "be" is finite.
                        let cue = Cue {
                            form: Form::Third,
                            ..cue
                        };
                        let before = self.claims.len();
                        self.cue(i, a, e, paragraph, cue);
                        for claim in &mut self.claims[before..] {
                            claim.rule = crate::verb::VERB_PROGRESSIVE;
                        }
                    } else {
                        self.gerund(i, a, e, paragraph);
                    }
                }
            }
            i += 1;
        }
        if self.claims.len() == first_claim {
            self.colon_lead(a, e, paragraph);
        }
        self.budget = usize::MAX;
    }
}
