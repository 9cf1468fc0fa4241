//! Cue frames: where the claim and the speaker stand around each cue.

use rustc_hash::FxHashMap;
use whosaid_core::{Claim, ClaimKind, Document, FurnitureKind, RuleId, Span, TokenKind};

use crate::lexicons::{Cue, Form, Lexicons, List, List::*};
use crate::rules::*;

const MAX_SPEAKER_WORDS: usize = 12;

/// The most words after a cue whose claim came before it: `..., he said in an interview with
/// the paper.`
const TAIL_WORDS: usize = 6;

/// Who said a claim, with which cue, to whom, found by which rule.
#[derive(Clone, Copy)]
struct Said {
    cue: Span,
    /// None for a belief nobody in the text holds ("is expected to").
    source: Option<Span>,
    recipient: Option<Span>,
    rule: RuleId,
}

struct Ctx<'a> {
    lex: &'a Lexicons,
    /// Whether to report beliefs nobody holds (`raising`).
    beliefs: bool,
    text: &'a str,
    doc: &'a Document,
    /// Each token's text, sliced once: rules look at tokens' texts hundreds of thousands of
    /// times an article, and slicing the article checks both ends for char boundaries each
    /// time. 16 bytes a token: the binary hands over at most 256 KiB of text at a time.
    texts: Vec<&'a str>,
    /// For each token, true when it lies inside a quotation (marks excluded).
    inside: Vec<bool>,
    /// For each token, [`OPENS`] and [`CLOSES`] when it opens or closes a quote: one byte a
    /// token rather than two quote indices, so that a 50 MB article does not need 150 MB
    /// for them; the indices are in `quote_of`.
    marks: Vec<u8>,
    /// The quote each opening or closing mark belongs to, by token: lookups stay
    /// constant-time however many quotes an article has.
    quote_of: FxHashMap<(usize, u8), u32>,
    /// For each token, true once a claim covers it.
    claimed: Vec<bool>,
    /// For each paragraph, the start of its first claim (`usize::MAX` for none).
    first_claim: Vec<usize>,
    claims: Vec<Claim>,
    group: usize,
}

/// In [`Ctx::marks`]: the token opens a quote.
const OPENS: u8 = 1;
/// In [`Ctx::marks`]: the token closes a quote.
const CLOSES: u8 = 2;

/// `word.split_once('-')` by a plain byte loop: words are a few bytes long, and this runs
/// for nearly every token, where setting up a substring search cost more than the search.
fn split_hyphen(word: &str) -> Option<(&str, &str)> {
    let at = word.bytes().position(|b| b == b'-')?;
    Some((&word[..at], &word[at + 1..]))
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
    fn tok(&self, i: usize) -> &'a str {
        self.texts[i]
    }

    fn span(&self, i: usize) -> Span {
        self.doc.tokens[i].span()
    }

    /// True for a word token; false past the last token, so look-aheads need no bounds test.
    fn is_word(&self, i: usize) -> bool {
        self.doc
            .tokens
            .get(i)
            .is_some_and(|t| t.kind == TokenKind::Word)
    }

    fn is(&self, i: usize, s: &str) -> bool {
        self.tok(i).eq_ignore_ascii_case(s)
    }

    /// True when token `i` is in `list`, ignoring ASCII case.
    #[inline(always)]
    fn in_list(&self, i: usize, list: List) -> bool {
        self.lex.list(list).contains(self.tok(i))
    }

    /// A capitalised word, or a name with a short lowercase particle glued on ("al-Qaim").
    fn capitalised(&self, i: usize) -> bool {
        let w = self.tok(i);
        self.is_word(i)
            && (w.chars().next().is_some_and(char::is_uppercase)
                || split_hyphen(w).is_some_and(|(p, rest)| {
                    p.len() <= 3 && rest.chars().next().is_some_and(char::is_uppercase)
                }))
    }

    fn is_quote_mark(&self, i: usize) -> bool {
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
    fn quote_at(&self, i: usize, mark: u8) -> Option<&'a whosaid_core::Quote> {
        if self.marks.get(i).is_none_or(|&m| m & mark == 0) {
            return None;
        }
        self.quote_of_mark(i, mark)
    }

    #[inline(never)]
    fn quote_of_mark(&self, i: usize, mark: u8) -> Option<&'a whosaid_core::Quote> {
        let n = self.quote_of.get(&(i, mark))?;
        Some(&self.doc.quotes[*n as usize])
    }

    /// The quote whose closing mark is token `i`.
    fn quote_closed_at(&self, i: usize) -> Option<&'a whosaid_core::Quote> {
        self.quote_at(i, CLOSES)
    }

    /// The quote whose opening mark is token `i`.
    fn quote_opened_at(&self, i: usize) -> Option<&'a whosaid_core::Quote> {
        self.quote_at(i, OPENS)
    }

    fn cover(&self, from: usize, to: usize) -> Span {
        Span::new(self.span(from).start, self.span(to - 1).end)
    }

    fn words(&self, from: usize, to: usize) -> usize {
        (from..to).filter(|&i| self.is_word(i)).count()
    }

    fn next_group(&mut self) -> usize {
        self.group += 1;
        self.group - 1
    }

    /// True when token `i` is a period glued to the abbreviation before it ("Gen.").
    fn abbreviation_period(&self, i: usize, from: usize) -> bool {
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

    /// True for a word that may stand between a speaker and the cue: an auxiliary or an
    /// adverb ("has also said", "then loudly asked").
    fn is_between(&self, i: usize) -> bool {
        let w = self.tok(i);
        self.is_word(i)
            && (self.lex.auxiliaries.contains(w)
                || (w.len() > 4 && w.ends_with("ly") && w.chars().all(char::is_lowercase))
                || self.is_time_word(i))
    }

    /// A word of a time phrase between a speaker and the cue: "The campaign on Tuesday
    /// responded", "Trump last week said", "officials Monday night said".
    fn is_time_word(&self, i: usize) -> bool {
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
    fn possessive_mark(&self, t: usize) -> bool {
        self.doc.tokens[t].kind == TokenKind::SingleQuote
            && t > 0
            && self.is_word(t - 1)
            && self.span(t - 1).end == self.span(t).start
            && self.tok(t - 1).ends_with('s')
            && !self.inside[t]
            && self.quote_closed_at(t).is_none()
    }

    /// Scans left from token `last` (inclusive) over a speaker phrase; returns its first token.
    fn speaker_left(&self, last: usize, from: usize) -> Option<usize> {
        // A personal pronoun is a whole speaker phrase: "videos he calls ...".
        if self.in_list(last, SpeakerPronouns) {
            return Some(last);
        }
        let mut s = last + 1;
        let mut words = 0;
        while s > from {
            let t = s - 1;
            if self.is_word(t) {
                if self.in_list(t, ClauseWords)
                    || self
                        .lex
                        .cue(self.tok(t))
                        .is_some_and(|c| c.form != Form::Base || !self.capitalised(t))
                        && t != last
                {
                    break;
                }
                // "Smith and Jones said", but not "... opposed and Obama said".
                if self.is(t, "and")
                    && !(t > from && self.capitalised(t - 1) && self.capitalised(t + 1))
                {
                    break;
                }
                words += 1;
            } else if !(self.abbreviation_period(t, from)
                || matches!(self.tok(t), "(" | ")" | "&")
                || self.possessive_mark(t))
            {
                break;
            }
            s = t;
            if words > MAX_SPEAKER_WORDS {
                return None;
            }
        }
        // A phrase may not start with a connective or end on a determiner.
        while s <= last
            && (self.is(s, "and") || self.is(s, "of") || matches!(self.tok(s), "(" | ")"))
        {
            s += 1;
        }
        (s <= last && (s..=last).any(|t| self.is_word(t))).then_some(s)
    }

    /// Scans right from token `first` over the hearer of a cue ("Diyaruna", "reporters",
    /// "The Washington Post"); returns one past its last token.
    fn recipient_right(&self, first: usize, end: usize) -> usize {
        let mut i = first;
        if i < end && self.in_list(i, Articles) {
            i += 1;
        }
        if i < end && self.capitalised(i) && !self.in_list(i, PhraseOpeners) {
            while i < end
                && (self.capitalised(i)
                    || self.abbreviation_period(i, first)
                    || (self.in_list(i, NameJoiners) && i + 1 < end && self.capitalised(i + 1)))
            {
                i += 1;
            }
            return i;
        }
        if i < end && self.is_word(i) && !self.in_list(i, NotHearers) {
            // One common noun: "reporters", "him", "lawmakers".
            return i + 1;
        }
        first
    }

    /// Where the claim starts after a cue at `cue` (and its hearer), if one follows in the
    /// same sentence.
    fn content_after(&self, cue: usize, end: usize, verb: Cue) -> (Option<usize>, Option<Span>) {
        let object = verb.object;
        let mut j = cue + 1;
        let mut recipient = None;
        if object && j < end {
            let r = self.recipient_right(j, end);
            if r > j {
                recipient = Some(self.cover(j, r));
                j = r;
            }
        }
        if j >= end {
            return (None, recipient);
        }
        if self.is(j, "that") || self.tok(j) == ":" {
            return ((j + 1 < end).then_some(j + 1), recipient);
        }
        // "said Monday it would veto the bill": after a bare time the claim begins.
        let mut t = j;
        while t < end && self.is_time_word(t) {
            t += 1;
        }
        if t > j
            && t < end
            && self.is_word(t)
            && !self.is(t, "that")
            && !self.in_list(t, PhraseOpeners)
            && !self.in_list(t, NoClaimAfterCue)
        {
            return (Some(t), recipient);
        }
        // "said this week that" opens a time phrase; "said this is bad" opens the claim.
        let time_phrase =
            !self.in_list(j, NearTimeModifiers) || (j + 1 < end && self.in_list(j + 1, TimeNouns));
        if time_phrase && self.in_list(j, PhraseOpeners) {
            // Skip a time or place phrase up to "that" or a colon, if one comes soon.
            let limit = (j + 14).min(end);
            for k in j..limit {
                if self.is(k, "that") || self.tok(k) == ":" {
                    // "on Fox News Sunday" is where it was said: keep it as the recipient.
                    if recipient.is_none() && self.is(j, "on") && self.capitalised(j + 1) {
                        recipient = Some(self.cover(j + 1, k));
                    }
                    return ((k + 1 < end).then_some(k + 1), recipient);
                }
                if self.is_quote_mark(k) && !self.inside[k] {
                    if self.quote_opened_at(k).is_some() && k > j {
                        return (Some(k), recipient);
                    }
                    break;
                }
                // "said over the past three months, the fighters ...": the adverbial opens
                // the claim.
                if self.tok(k) == "," {
                    // `said at a town hall on Monday, "we would ..."`: the quote is the claim.
                    if k + 1 < end && self.quote_opened_at(k + 1).is_some() {
                        return (Some(k + 1), recipient);
                    }
                    if k > j + 1
                        && self.words(k + 1, end) >= 4
                        && !self.in_list(k + 1, NotClaimAfterComma)
                    {
                        return (Some(j), recipient);
                    }
                    break;
                }
            }
            // "said on Fox News Sunday.": where it was said, with the claim before the cue.
            if recipient.is_none() && self.is(j, "on") && j + 1 < end && self.capitalised(j + 1) {
                let mut r = j + 1;
                while r < end && (self.capitalised(r) || self.abbreviation_period(r, j)) {
                    r += 1;
                }
                recipient = Some(self.cover(j + 1, r));
            }
            return (None, recipient);
        }
        // `Ryan said, "Look, ..."`: a comma, then the quote.
        if self.tok(j) == "," && j + 1 < end && self.quote_opened_at(j + 1).is_some() {
            return (Some(j + 1), recipient);
        }
        // "declined to comment", "vowed to fight on".
        if verb.infinitive && self.is(j, "to") && j + 1 < end {
            return (Some(j), recipient);
        }
        // "called for a special prosecutor": what was called for is the claim.
        if self.is(j, "for") && self.tok(cue).to_ascii_lowercase().starts_with("call") {
            return (
                (j + 1 < end && self.is_word(j + 1)).then_some(j + 1),
                recipient,
            );
        }
        // `He said of Congress: "They just need ..."`.
        if self.in_list(j, TopicPrepositions) {
            let colon = (j + 1..(j + 9).min(end)).find(|&k| self.tok(k) == ":");
            if let Some(k) = colon.filter(|&k| k + 1 < end) {
                return (Some(k + 1), recipient);
            }
        }
        // `wrote to his 20,000 followers, "It's time ..."`: a short phrase, a comma, then the
        // quote that is the claim.
        if let Some(k) =
            (j..(j + 10).min(end)).find(|&k| self.tok(k) == "," || self.is_quote_mark(k))
        {
            if k > j && self.tok(k) == "," && k + 1 < end && self.quote_opened_at(k + 1).is_some() {
                return (Some(k + 1), recipient);
            }
        }
        // "said no." declines; "says no matter what ..." does not.
        let bare_answer = self.in_list(j, BareAnswers)
            && (j + 1 >= end || matches!(self.tok(j + 1), "," | "." | ";") || self.is(j + 1, "to"));
        if bare_answer
            || self.in_list(j, NoClaimAfterCue)
            || self.tok(j) == ","
            || self.tok(j) == ";"
        {
            return (None, recipient);
        }
        if self.is_word(j) || self.quote_opened_at(j).is_some() {
            return (Some(j), recipient);
        }
        (None, recipient)
    }

    /// Trims a token range of claim content to a span: drops a leading "that", trailing commas,
    /// and returns `None` when too little is left.
    fn content_span(
        &self,
        mut from: usize,
        mut to: usize,
        min_words: usize,
    ) -> Option<(Span, usize, usize)> {
        while from < to
            && (self.is(from, "that") && !self.inside[from]
                || matches!(self.tok(from), "," | ":" | ";" | "—" | "–" | "-" | "("))
        {
            from += 1;
        }
        while to > from
            && matches!(self.tok(to - 1), "," | ":" | ";" | "—" | "–" | "-" | ".")
            && !self.inside[to - 1]
        {
            to -= 1;
        }
        let quoted = self.quote_opened_at(from).is_some();
        if to <= from || self.words(from, to) < if quoted { 1 } else { min_words } {
            return None;
        }
        Some((self.cover(from, to), from, to))
    }

    /// Classifies a claim span: a single quote filling it is direct (its inner text is the
    /// claim); a span containing a quotation of two or more words is mixed.
    fn kind_of(&self, from: usize, to: usize) -> (ClaimKind, Span) {
        let span = self.cover(from, to);
        // A quote introduced by "that" is woven into reported speech: mixed.
        let integrated = from > 0 && self.is(from - 1, "that");
        // Direct: an opening mark at `from` whose quote closes at `to - 1` (or after a trailing
        // comma or period), or is left open to the end of the paragraph.
        if let Some(q) = self.quote_opened_at(from) {
            let closes_at_end = match q.close_token {
                Some(c) => {
                    c + 1 >= to
                        || (c + 2 == to && matches!(self.tok(to - 1), "," | "." | "!" | "?"))
                }
                None => true,
            };
            if closes_at_end && integrated {
                return (ClaimKind::Mixed, span);
            }
            if closes_at_end {
                let inner = q.inner.trim(self.text);
                if !inner.is_empty() {
                    return (ClaimKind::Direct, inner);
                }
            }
        }
        let mixed = (from..to).filter_map(|t| self.quote_opened_at(t)).any(|q| {
            span.contains(q.outer) && {
                // A quoted word or phrase with a lowercase word is the speaker's own wording
                // (PolNeAR types such claims mixed, "were \"intolerable\""); all-capitalised
                // quotes are names and titles.
                let lower = |w: &str| w.chars().next().is_some_and(char::is_lowercase);
                self.text[q.inner].split_whitespace().any(lower)
            }
        });
        (
            if mixed {
                ClaimKind::Mixed
            } else {
                ClaimKind::Indirect
            },
            span,
        )
    }

    /// Pushes the claim that runs from token `start` after a cue to the end of its clause
    /// (before `, adding that ...`, a closing `, they said`, or the end of a leading quote),
    /// when it has at least `min_words` words.
    fn push_after(
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
    fn push_piece(
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

    /// Where the object of a `+noun` cue ends: before a time or place ("endorsed Trump here on
    /// Sunday", "praised her at a rally"), unless a clause or quote comes first.
    fn noun_phrase_end(&self, start: usize, end: usize) -> usize {
        if self.is(start, "that") || self.quote_opened_at(start).is_some() {
            return end;
        }
        (start + 1..end)
            .find(|&t| {
                !self.inside[t]
                    && (self.is_time_word(t)
                        || self.in_list(t, NounObjectEnds)
                        || (self.is(t, "in")
                            && t + 1 < end
                            && self.in_list(t + 1, PlaceDeterminers)))
            })
            .unwrap_or(end)
    }

    /// Records that tokens `from..to` of `paragraph` are claimed, from byte `start`.
    fn mark(&mut self, from: usize, to: usize, paragraph: usize, start: usize) {
        for flag in &mut self.claimed[from..to] {
            *flag = true;
        }
        let first = &mut self.first_claim[paragraph];
        *first = (*first).min(start);
    }

    #[allow(clippy::too_many_arguments)]
    fn push(
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
        let (kind, span) = self.kind_of(from, to);
        self.mark(from, to, paragraph, span.start);
        self.claims.push(Claim {
            kind,
            span,
            group,
            paragraph,
            cue,
            source,
            recipient,
            rule,
        });
    }

    /// A sentence's first token, its end without final punctuation, and its paragraph.
    fn bounds(&self, si: usize) -> (usize, usize, usize) {
        let sentence = &self.doc.sentences[si];
        let (a, mut e) = (sentence.tokens.start, sentence.tokens.end);
        while e > a && matches!(self.tok(e - 1), "." | "!" | "?" | ";" | "…") && !self.inside[e - 1]
        {
            e -= 1;
        }
        (a, e, sentence.paragraph)
    }

    fn sentence(&mut self, si: usize) {
        let (a, e, paragraph) = self.bounds(si);
        if e <= a {
            return;
        }
        let first_claim = self.claims.len();
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
                    }
                }
            }
            i += 1;
        }
        if self.claims.len() == first_claim {
            self.colon_lead(a, e, paragraph);
        }
    }

    /// Any past or present verb right after a quote and a short speaker phrase is a cue:
    /// `"...," he surmised`, `"...," Smith quipped`. `last_close` is the last closing quote
    /// mark before `i` in the sentence (from `a`).
    fn verb_after_quote(
        &self,
        i: usize,
        a: usize,
        end: usize,
        last_close: Option<usize>,
    ) -> Option<Cue> {
        // Cheap test first, as this runs for every word: a closing quote shortly before.
        if i < a + 3 || last_close.is_none_or(|c| i - c > 8) {
            return None;
        }
        let w = self.tok(i);
        // After `"...," he` nearly any word is the verb ("he went on", "it read").
        let verb_like = w.len() > 2
            && w.chars().all(char::is_lowercase)
            && !self.in_list(i, ClauseWords)
            && !self.in_list(i, NotBeforeCue)
            && !self.in_list(i, NotVerbsAfterQuote);
        if !verb_like || i < a + 3 {
            return None;
        }
        // A word of the speaker phrase, not its verb, when a listed cue follows soon
        // ("Command chief ... told"); an unlisted verb ends its clause or looks inflected.
        if (i + 1..(i + 9).min(end)).any(|t| self.lex.cue(self.tok(t)).is_some()) {
            return None;
        }
        let inflected = w.ends_with("ed") || (w.ends_with('s') && !w.ends_with("ss"));
        if !inflected
            && end - i > 4
            && self.is_word(i + 1)
            && !self.in_list(i + 1, WordsAfterUnlistedVerb)
        {
            return None;
        }
        let closes_quote = |t: usize| {
            self.quote_closed_at(t).is_some()
                || (self.tok(t) == "," && t > a && self.quote_closed_at(t - 1).is_some())
        };
        // Inverted: `"This is fantastic!" beamed Donald Hartley`.
        if closes_quote(i - 1)
            && w.ends_with("ed")
            && (self.capitalised(i + 1) || self.in_list(i + 1, InvertedOpeners))
        {
            return Some(Cue {
                form: Form::Past,
                object: false,
                infinitive: false,
                noun: false,
            });
        }
        let mut k = i;
        while k > a && self.is_between(k - 1) {
            k -= 1;
        }
        let start = self.speaker_left(k.checked_sub(1)?, a)?;
        let short = self.short_speaker(start, k);
        let before = start.checked_sub(1)?;
        let after_quote = self.quote_closed_at(before).is_some()
            || (self.tok(before) == ","
                && before > a
                && self.quote_closed_at(before - 1).is_some());
        (short && after_quote).then_some(Cue {
            form: Form::Past,
            object: false,
            infinitive: false,
            noun: false,
        })
    }

    /// True when tokens `start..end` are a speaker phrase short enough to stand before a verb
    /// no lexicon lists: "he", "Smith", "Sen. Ann Lee", or a short description ("the
    /// editorial", "an angry Hollande", "a Democratic staffer in the room").
    fn short_speaker(&self, start: usize, end: usize) -> bool {
        (self.words(start, end) <= 4
            && (self.in_list(start, SpeakerPronouns)
                || (start..end).all(|t| self.capitalised(t) || !self.is_word(t))))
            || (self.words(start, end) <= 6 && self.in_list(start, DescriptionOpeners))
    }

    fn cue(&mut self, c: usize, a: usize, e: usize, paragraph: usize, verb: Cue) {
        let (object, form) = (verb.object, verb.form);
        // Stance verbs report only with a clause: "offered to help", "agreed that ...", not
        // "offers it a direct line".
        let comma_quote =
            c + 2 < e && self.tok(c + 1) == "," && self.quote_opened_at(c + 2).is_some();
        if verb.infinitive
            && !comma_quote
            && !(c + 1 < e
                && (self.in_list(c + 1, StanceComplements)
                    || self.quote_opened_at(c + 1).is_some()))
        {
            return;
        }
        // "found himself embroiled", "finds itself at the center": no finding is reported.
        if self.in_list(c, FindVerbs) && c + 1 < e && self.in_list(c + 1, Reflexives) {
            return;
        }
        // Skip auxiliaries and adverbs between speaker and cue: "has also said".
        let mut k = c;
        while k > a && self.is_between(k - 1) {
            k -= 1;
        }
        if k > a && self.in_list(k - 1, NotBeforeCue) {
            return;
        }
        if k == a && form == Form::Base {
            return;
        }
        let cue_span = self.span(c);
        let (after, recipient) = self.content_after(c, e, verb);

        if self.inverted(c, a, e, k, paragraph, verb) {
            return;
        }

        // The speaker phrase before the cue, with an appositive or relative clause between
        // it and the cue: `Abu Ali, who fled the town, said ...`.
        if k == a {
            return;
        }
        if k - 1 > a && self.in_list(k - 1, Coordinators) {
            self.coordinated(a, e, k, paragraph, cue_span, after, recipient);
            return;
        }
        // `Kaine, who criticized fellow Democrats, ...`: the relative pronoun is the speaker
        // mention, standing for the phrase before it.
        if self.is(k - 1, "who") {
            self.relative(k - 1, a, e, paragraph, cue_span, after, recipient);
            return;
        }
        let (source_start, source_end) = if self.tok(k - 1) == "," {
            match self.appositive_speaker(k - 1, a) {
                Some(s) => (s, k - 1),
                None => return,
            }
        } else {
            match self.speaker_left(k - 1, a) {
                Some(s) => (s, k),
                None => return,
            }
        };
        let source = self.cover(source_start, source_end);
        let said_by = |rule| Said {
            cue: cue_span,
            source: Some(source),
            recipient,
            rule,
        };
        let before = source_start; // tokens a..before may hold the claim
        let boundary_ok = before == a
            || matches!(
                self.tok(before - 1),
                "," | "—" | "–" | "--" | "-" | ":" | "("
            )
            || self.quote_closed_at(before - 1).is_some()
            || self.in_list(before - 1, SpeakerBoundaries);
        if !boundary_ok {
            return;
        }
        let claim_before = if before > a {
            let to = if self.quote_closed_at(before - 1).is_some() {
                before
            } else {
                before - 1
            };
            self.content_span(a, to, 1)
        } else {
            None
        };
        // `Asked whether he would resign, Smith said, "Probably."`: the question is a claim of
        // its own with no speaker; what follows the cue is the answer.
        if self.asked_lead(a, e, before, paragraph) {
            let answer = after.or_else(|| {
                self.next_after_cue(c, e, object)
                    .filter(|&n| self.tok(n) == ",")
                    .map(|n| n + 1)
            });
            if let Some(start) = answer {
                let said = said_by(CUE_BEFORE);
                self.push_after(start, e, 1, paragraph, said);
            }
            return;
        }
        let after_words = after.map_or(0, |s| self.words(s, e));
        // `<claim>, X said, "<more>"`: the quote after the comma is a second piece of the claim
        // before, not a claim of its own.
        let comma_quote = after.is_some_and(|s| s > c + 1 && self.tok(s - 1) == ",");
        let after = after.filter(|_| !(comma_quote && claim_before.is_some()));
        if let Some(start) = after.filter(|_| after_words >= 2) {
            // `<speaker> said (that) <claim>`, possibly after a leading adverbial.
            // Only a quoted lead beats the claim after the cue: an unquoted one is usually an
            // adverbial ("Late last year, the department said it ...").
            // Nor do words that already are another claim's: "Bob said there was \"some
            // reporting\", but he said ...".
            let leading_claim = claim_before.filter(|&(_, f, t)| {
                self.kind_of(f, t).0 != ClaimKind::Indirect && !(f..t).any(|i| self.claimed[i])
            });
            if leading_claim.is_none() || self.is(c + 1, "that") {
                let said = said_by(CUE_BEFORE);
                self.push_after(start, e, 2, paragraph, said);
                return;
            }
        }
        let Some((_, from, to)) = claim_before else {
            return;
        };
        // An unquoted `<claim>, X said (in an interview).` ends its clause soon after the cue;
        // in "Though the White House kept mum, all signs pointed to a delay in ..." the verb
        // has a story of its own.
        let clause_end = (c + 1..e)
            .find(|&t| !self.inside[t] && (self.tok(t) == "," || self.is_quote_mark(t)))
            .unwrap_or(e);
        if self.words(c + 1, clause_end) > TAIL_WORDS
            && self.kind_of(from, to).0 == ClaimKind::Indirect
        {
            return;
        }
        let group = self.next_group();
        // `Simply put, they said, <claim>`: a short adverbial before, the claim after.
        let comma_after = after.is_none()
            && self
                .next_after_cue(c, e, object)
                .is_some_and(|n| self.tok(n) == ",");
        // An adverbial lead ("Simply put,", "By eliminating the line,") is not the claim.
        let adverbial = self.words(from, to) <= 3 || self.in_list(from, AdverbialOpeners);
        // "On Saturday, Trump called ...", "Last week, she endorsed ...": a time or place
        // lead is never the claim.
        let lead = self.words(from, to) <= 6
            && (self.in_list(from, TimePlaceLeads) || self.is_time_word(from))
            && self.kind_of(from, to).0 == ClaimKind::Indirect;
        if lead && !comma_after {
            return;
        }
        if comma_after && adverbial && self.kind_of(from, to).0 != ClaimKind::Direct {
            {
                let n = self.next_after_cue(c, e, object).expect("checked above") + 1;
                let end = self.cut_at_participle(n, e);
                let said = said_by(PARENTHETICAL);
                self.push_piece(n, end, 3, group, paragraph, &said);
            }
            return;
        }
        self.push(
            from,
            to,
            group,
            paragraph,
            Some(cue_span),
            Some(source),
            recipient,
            CUE_AFTER,
        );
        if comma_after {
            let n = self.next_after_cue(c, e, object).expect("checked above") + 1;
            if let Some(q) = self.quote_opened_at(n).filter(|_| n < e) {
                // The piece is the quote; what follows it is the writer's again.
                let end = q.close_token.map_or(e, |c| (c + 1).min(e));
                let said = said_by(SPLIT);
                self.push_piece(n, end, 1, group, paragraph, &said);
            } else if n < e
                && !self.in_list(n, NotMoreClaim)
                && self
                    .lex
                    .cue(self.tok(n))
                    .is_none_or(|c| c.form != Form::Ing)
            {
                let end = self.cut_at_participle(n, e);
                let said = said_by(AFTER_CUE);
                self.push_piece(n, end, 4, group, paragraph, &said);
            }
        }
    }

    /// `<claim>, said <speaker>` (and a second piece after the speaker: `"A," said Ana Ruiz,
    /// "B."`), for the cue at `c` with nothing but auxiliaries and adverbs from `k` to it.
    /// Returns whether the frame took the cue.
    fn inverted(
        &mut self,
        c: usize,
        a: usize,
        e: usize,
        k: usize,
        paragraph: usize,
        verb: Cue,
    ) -> bool {
        let object = verb.object;
        let cue_span = self.span(c);
        // Inverted: `<claim>, said <speaker>`; but `Abu Ali, who fled, said the ...` has its
        // speaker before the cue.
        let speaker_leads =
            c > a && self.tok(c - 1) == "," && self.appositive_speaker(c - 1, a) == Some(a);
        // A verb with a hearer is never inverted: in `"...," X told AFP` AFP is not the speaker;
        // nor are verbs of evaluation ("..., called the new law \"better\"").
        let invertible = !self.lex.cue(self.tok(c)).is_some_and(|cu| cu.infinitive)
            && !self.in_list(c, NotInvertedCues);
        if k == c
            && c > a
            && !object
            && invertible
            && !speaker_leads
            && (self.tok(c - 1) == "," || self.quote_closed_at(c - 1).is_some())
            && c + 1 < e
        {
            // The speaker phrase runs to the end of the sentence, or to a quote that goes on
            // after it (`"A," said Ana Ruiz, "B."`); its name to the first comma, and an
            // appositive after the name may hold verbs of its own ("one resident, who asked
            // to be identified ...").
            let more = (c + 1..e).find(|&t| self.quote_opened_at(t).is_some());
            let src_end = more.map_or(e, |m| if self.tok(m - 1) == "," { m - 1 } else { m });
            let name_end = (c + 1..src_end)
                .find(|&t| self.tok(t) == ",")
                .unwrap_or(src_end);
            // "said Ana Ruiz", "said the minister", "said headmaster Tomas Reyes".
            let opener = self.capitalised(c + 1)
                || self.in_list(c + 1, InvertedOpeners)
                || (self.words(c + 1, name_end) <= 8
                    && (c + 1..name_end).any(|t| self.capitalised(t)));
            // ... and no verb: in "Mr. Slinker, whose start-up ..., said Mr. Trump was ..."
            // what follows the cue is the claim.
            let no_more_cues = (c + 1..name_end).all(|t| {
                self.inside[t]
                    || (self.lex.cue(self.tok(t)).is_none() && !self.in_list(t, ClauseWords))
            });
            if opener
                && no_more_cues
                && src_end > c + 1
                && src_end - c <= 50
                && !self.in_list(c + 1, PhraseOpeners)
                && !self.in_list(c + 1, NoClaimAfterCue)
            {
                let boundary = c - 1;
                let to = if self.tok(boundary) == "," {
                    boundary
                } else {
                    boundary + 1
                };
                if let Some((_, from, to)) = self.content_span(a, to, 1) {
                    let source = self.cover(c + 1, src_end);
                    let group = self.next_group();
                    let rule = INVERTED;
                    self.push(
                        from,
                        to,
                        group,
                        paragraph,
                        Some(cue_span),
                        Some(source),
                        None,
                        rule,
                    );
                    if let Some(m) = more {
                        let end = self.cut_at_participle(m, e);
                        if let Some((_, f2, t2)) = self.content_span(m, end, 1) {
                            let source = Some(source);
                            self.push(
                                f2,
                                t2,
                                group,
                                paragraph,
                                Some(cue_span),
                                source,
                                None,
                                SPLIT,
                            );
                        }
                    }
                }
                return true;
            }
        }
        false
    }

    /// `<speaker> <did something> and said <claim>`: a cue coordinated with an earlier verb at
    /// `k - 1` ("and", "but") shares its sentence's subject, or the speaker of the claim just
    /// before it ("X said A and added that B").
    #[allow(clippy::too_many_arguments)]
    fn coordinated(
        &mut self,
        a: usize,
        e: usize,
        k: usize,
        paragraph: usize,
        cue_span: Span,
        after: Option<usize>,
        recipient: Option<Span>,
    ) {
        let sentence_start = self.span(a).start;
        let earlier = self
            .claims
            .iter()
            .rev()
            .take_while(|cl| cl.span.start >= sentence_start && cl.paragraph == paragraph)
            .find(|cl| cl.cue.is_some_and(|cu| cu.end <= cue_span.start))
            .and_then(|cl| cl.source);
        let subject = earlier.or_else(|| self.sentence_subject(a, k - 1));
        if let (Some(start), Some(subject)) = (after, subject) {
            let said = Said {
                cue: cue_span,
                source: Some(subject),
                recipient,
                rule: COORDINATED,
            };
            self.push_after(start, e, 2, paragraph, said);
        }
    }

    /// `Asked <question>, <speaker> said <answer>`: when the sentence from `a` opens with a
    /// question put to the speaker whose phrase starts at `before`, pushes the question, a
    /// claim with no speaker, and returns true; the cue's frame then takes the answer.
    fn asked_lead(&mut self, a: usize, e: usize, before: usize, paragraph: usize) -> bool {
        let asked = if self.is(a, "asked") {
            Some(a + 1)
        } else if self.is(a, "when") && a + 1 < e && self.is(a + 1, "asked") {
            Some(a + 2)
        } else {
            None
        };
        let Some(q_from) = asked.filter(|_| before > a + 1 && self.tok(before - 1) == ",") else {
            return false;
        };
        if let Some((_, f, t)) = self.content_span(q_from, before - 1, 2) {
            let group = self.next_group();
            self.push(f, t, group, paragraph, None, None, None, ASKED);
        }
        true
    }

    /// The first token after a cue and its hearer.
    fn next_after_cue(&self, c: usize, e: usize, object: bool) -> Option<usize> {
        let mut j = c + 1;
        if object {
            j = self.recipient_right(j, e);
        }
        // `he told Bloomberg News in October, "..."`, `he said of the campaign, "..."`: a
        // short time, place or topic phrase before the comma.
        if j < e && (self.in_list(j, PhraseOpeners) || self.in_list(j, TopicPrepositions)) {
            if let Some(comma) = (j + 1..(j + 8).min(e)).find(|&k| self.tok(k) == ",") {
                if (j..comma).all(|k| {
                    self.is_word(k) || self.abbreviation_period(k, j) || self.possessive_mark(k)
                }) {
                    j = comma;
                }
            }
        }
        (j < e).then_some(j)
    }

    /// With a comma at `comma` just before the cue: finds `<speaker>, <appositive>,` and
    /// returns the speaker's first token.
    fn appositive_speaker(&self, comma: usize, a: usize) -> Option<usize> {
        // Up to three comma-separated pieces may stand between the name and the cue:
        // "Ramil Carr, 31, a Philadelphia photographer, said".
        let mut right = comma;
        for _ in 0..3 {
            let mut p = right;
            let limit = right.saturating_sub(30).max(a);
            while p > limit {
                p -= 1;
                if self.tok(p) == "," {
                    break;
                }
                if (self.is_quote_mark(p) && !self.possessive_mark(p)) || self.inside[p] {
                    return None;
                }
            }
            if p <= a || self.tok(p) != "," || p + 1 >= right {
                return None;
            }
            let opens = p + 1;
            let first = self.tok(opens).chars().next();
            let appositive = self
                .in_list(opens, AppositiveOpeners)
                || (first.is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
                    && self.words(opens, right) <= 16)
                // "Peter King, Republican of New York, said": a short capitalised
                // appositive after a full name.
                || (self.words(opens, right) <= 6
                    && p >= 2
                    && self.capitalised(p - 1)
                    && self.capitalised(p - 2))
                // "the White House spokesman, Josh Earnest, said": the name after the role.
                || (self.words(opens, right) <= 6
                    && self.capitalised(opens)
                    && (opens..right).all(|t| {
                        self.capitalised(t) || !self.is_word(t) || self.in_list(t, NameInnerWords)
                    }));
            if !appositive {
                return None;
            }
            if let Some(s) = self.speaker_left(p - 1, a) {
                let named = (self.capitalised(s)
                    || self.capitalised(p - 1)
                    || self.in_list(s, DescriptionOpeners))
                    && !self.in_list(s, FrontedOpeners);
                // "Sen. Marco Rubio, R-Fla., said": a party and state label is itself an
                // appositive; the name is further left.
                let label = p - s <= 2 && self.tok(s).len() <= 6 && self.tok(s).contains('-');
                if named && !label {
                    return Some(s);
                }
            }
            right = p;
        }
        None
    }

    /// A claim in a relative clause set off by commas: `<antecedent>, who <cue> <claim>, ...`.
    /// The source runs from the antecedent to "who", so that the resolver names the
    /// antecedent while "who" stays the mention; the claim ends at the clause's comma. After
    /// "those who said ..." the main verb cannot be told from the claim, so such clauses are
    /// left alone.
    #[allow(clippy::too_many_arguments)]
    fn relative(
        &mut self,
        who: usize,
        a: usize,
        e: usize,
        paragraph: usize,
        cue: Span,
        after: Option<usize>,
        recipient: Option<Span>,
    ) {
        let Some(start) = after.filter(|_| who > a + 1 && self.tok(who - 1) == ",") else {
            return;
        };
        // Only a name or a short description stands for "who": "... politically risky for
        // Cruz, who" leaves the speaker unresolved.
        let last = who - 2;
        let mut name = who - 1;
        while name > a
            && (self.capitalised(name - 1)
                || self.abbreviation_period(name - 1, a)
                || (self.in_list(name - 1, NameConnectives) && name - 1 > a))
        {
            name -= 1;
        }
        while name < who - 1 && !self.capitalised(name) {
            name += 1;
        }
        let described = || {
            (last.saturating_sub(5).max(a)..=last).rev().find(|&t| {
                self.in_list(t, AntecedentOpeners)
                    && (t..=last).all(|u| {
                        self.is_word(u)
                            && !self.in_list(u, ClauseWords)
                            && self.lex.cue(self.tok(u)).is_none()
                    })
            })
        };
        let antecedent = if name < who - 1 {
            Some(name)
        } else {
            described()
        };
        let end = (start..e)
            .find(|&t| self.tok(t) == "," && !self.inside[t])
            .unwrap_or(e);
        let said = Said {
            cue,
            source: Some(self.cover(antecedent.unwrap_or(who), who + 1)),
            recipient,
            rule: RELATIVE,
        };
        self.push_after(start, end, 2, paragraph, said);
    }

    /// Ends claim content before `, adding that ...`, `, according to ...`, or a closing
    /// `, they said` that belongs to another claim of the sentence.
    fn cut_at_participle(&self, from: usize, e: usize) -> usize {
        for i in from + 1..e {
            // Every test is of a word outside quotes, and most look for a comma before it.
            if self.inside[i] {
                continue;
            }
            let after_comma = self.tok(i - 1) == ",";
            // "she will vote for him but has withheld her endorsement": a second verb of the
            // speaker's, coordinated with the cue, ends the claim.
            if self.in_list(i, Coordinators)
                && i + 1 < e
                && (self.in_list(i + 1, PerfectAuxiliaries)
                    || self
                        .lex
                        .cue(self.tok(i + 1))
                        .is_some_and(|c| matches!(c.form, Form::Past | Form::Third)))
            {
                return if after_comma { i - 1 } else { i };
            }
            if after_comma {
                if self.lex.participles.contains(self.tok(i)) {
                    return i - 1;
                }
                if self.is(i, "according") && i + 1 < e && self.is(i + 1, "to") {
                    return i - 1;
                }
                // `, and he railed against ...`: a new clause with its own subject, no longer
                // the claim (`, but cautioned against ...` ended it above).
                if self.in_list(i, Coordinators)
                    && i + 1 < e
                    && self.in_list(i + 1, SpeakerPronouns)
                {
                    return i - 1;
                }
                // `, but officials said ...`, `, while the campaign says ...`: another
                // speaker's claim begins.
                if self.in_list(i, ClauseConjunctions) {
                    let subject_then_cue = (i + 2..(i + 6).min(e)).find(|&t| {
                        !self.is_word(t - 1)
                            || self.in_list(t - 1, ClauseWords)
                            || self
                                .lex
                                .cue(self.tok(t))
                                .is_some_and(|c| c.form != Form::Ing)
                    });
                    if subject_then_cue.is_some_and(|t| {
                        self.is_word(t - 1)
                            && !self.in_list(t - 1, ClauseWords)
                            && !self.in_list(t - 1, NotBeforeCue)
                    }) {
                        return i - 1;
                    }
                }
                // `, <speaker> said.` closing the sentence: a short tail with a past or
                // present cue and nothing after it but a hearer or a time.
                let tail_words = self.words(i, e);
                if tail_words <= 8 {
                    let cue_at = (i..e).find(|&t| {
                        !self.inside[t]
                            && self
                                .lex
                                .cue(self.tok(t))
                                .is_some_and(|c| c.form != Form::Ing)
                    });
                    if cue_at.is_some_and(|t| t > i && self.words(t + 1, e) <= 4) {
                        return i - 1;
                    }
                }
            }
        }
        e
    }

    fn according(&mut self, i: usize, a: usize, e: usize, paragraph: usize) {
        let cue = self.cover(i, i + 2);
        let src_from = i + 2;
        let mut src_to = src_from;
        while src_to < e
            && !matches!(self.tok(src_to), "," | ";" | "—" | "–")
            && !self.is_quote_mark(src_to)
        {
            src_to += 1;
        }
        if src_to == src_from || self.words(src_from, src_to) > 15 {
            return;
        }
        let source = self.cover(src_from, src_to);
        let leading = i == a || (i == a + 1 && self.in_list(a, SentenceConjunctions));
        let group = self.next_group();
        if leading {
            if src_to < e && self.tok(src_to) == "," {
                let end = self.cut_at_participle(src_to + 1, e);
                if let Some((_, f, t)) = self.content_span(src_to + 1, end, 2) {
                    self.push(
                        f,
                        t,
                        group,
                        paragraph,
                        Some(cue),
                        Some(source),
                        None,
                        ACCORDING_BEFORE,
                    );
                }
            }
        } else if i > a {
            let to = if self.tok(i - 1) == "," { i - 1 } else { i };
            if self.tok(i - 1) != "," && !self.is_quote_mark(i - 1) {
                return;
            }
            let said = Said {
                cue,
                source: Some(source),
                recipient: None,
                rule: ACCORDING_AFTER,
            };
            // `The implication, according to the aide, is that ...`: the claim's verb comes
            // after the source (what follows a source is otherwise its appositive); a time or
            // place lead before it is not part of it.
            let rest = src_to + 1;
            let goes_on = src_to + 1 < e
                && self.tok(src_to) == ","
                && self.words(rest, e) >= 3
                && self.in_list(rest, FiniteAuxiliaries);
            let lead = self.in_list(a, PhraseOpeners) || self.is_time_word(a);
            if !(goes_on && lead) {
                self.push_piece(a, to, 2, group, paragraph, &said);
            }
            if goes_on {
                let end = self.cut_at_participle(rest, e);
                self.push_piece(rest, end, 3, group, paragraph, &said);
            }
        }
    }

    fn participle(&mut self, i: usize, a: usize, e: usize, paragraph: usize, first_claim: usize) {
        let Some(verb) = self.lex.cue(self.tok(i)) else {
            return;
        };
        let (after, recipient) = self.content_after(i, e, verb);
        let Some(start) = after else { return };
        // "adding that" and "saying" are the common ones; other participles need "that" or a
        // quote so that "warning shots" or "pointing fingers" stay out.
        let end = self.quote_end(start, self.cut_at_participle(start, e));
        let Some((_, from, to)) = self.content_span(start, end, 2) else {
            return;
        };
        // The speaker is the sentence's: the last claim found in it, else its subject.
        let source = self.claims[first_claim..]
            .iter()
            .filter(|c| c.cue.is_some_and(|cue| cue.end <= self.span(i).start))
            .max_by_key(|c| c.cue.map(|cue| cue.start))
            .and_then(|c| c.source)
            .or_else(|| self.sentence_subject(a, i));
        let Some(source) = source else { return };
        let group = self.next_group();
        self.push(
            from,
            to,
            group,
            paragraph,
            Some(self.span(i)),
            Some(source),
            recipient,
            PARTICIPLE,
        );
    }

    /// The subject of a sentence, for a verb at token `i` that has none next to it ("...,
    /// adding that", "and said"): a name or pronoun at the start of the sentence or after a
    /// fronted adverbial ("Last month, Smith warned ..., arguing that ...").
    fn sentence_subject(&self, a: usize, i: usize) -> Option<Span> {
        // Nearest clause start first: in "X signed an order, while Huckabee, the former
        // governor, proposed ... and said", the subject of "said" is Huckabee.
        let mut starts: Vec<usize> = std::iter::once(a)
            .chain(
                (a..i.min(a + 30))
                    .filter(|&t| matches!(self.tok(t), "," | "—" | "–"))
                    .map(|t| t + 1),
            )
            .collect();
        starts.reverse();
        starts.into_iter().find_map(|st| {
            if st >= i || self.in_list(st, FrontedOpeners) {
                return None;
            }
            // "However, Adelson met ...": a lone word before a comma is an adverb.
            if st + 1 < i && self.tok(st + 1) == "," {
                return None;
            }
            let s_end = (st..i).find(|&t| {
                !(self.is_word(t) || self.abbreviation_period(t, st))
                    || self.in_list(t, ClauseWords)
                    || self.lex.cue(self.tok(t)).is_some()
                    || (t > st && !self.capitalised(t) && !self.in_list(t, NameConnectives))
            })?;
            (s_end > st
                && self.words(st, s_end) <= 6
                && (self.capitalised(st) || self.in_list(st, SpeakerPronouns)))
            .then(|| self.cover(st, s_end))
        })
    }

    /// Where claim content starting at `start` ends: at the close of a quote of three or more
    /// words that opens it (`declared "What a Super Tuesday!" and said ...`), else at `end`.
    fn quote_end(&self, start: usize, end: usize) -> usize {
        match self
            .quote_opened_at(start)
            .and_then(|q| q.close_token.map(|c| (q, c)))
        {
            // Only when a second verb follows: `declared "What a night!" and said ...`; in
            // `said "it gets me mad" every time ...` the quote is part of a longer claim.
            Some((q, c))
                if c + 2 < end
                    && self.text[q.inner].split_whitespace().count() >= 3
                    && self.in_list(c + 1, Coordinators)
                    && (self.lex.cue(self.tok(c + 2)).is_some()
                        || self.tok(c + 2).ends_with("ed")) =>
            {
                c + 1
            }
            _ => end,
        }
    }

    /// A transcript turn: a paragraph opening with a short name and a colon (`TAPPER: Do you
    /// think ...?`, `Q: ...`, `Lopez: Well, ...`); the rest of the paragraph is the claim.
    fn transcript(&mut self, p: usize) {
        let para = &self.doc.paragraphs[p];
        if para.sentences.is_empty() {
            return;
        }
        let a = self.doc.sentences[para.sentences.start].tokens.start;
        let b = self.doc.sentences[para.sentences.end - 1].tokens.end;
        let Some(colon) = (a + 1..(a + 6).min(b)).find(|&i| self.tok(i) == ":") else {
            return;
        };
        let name_ok = (a..colon).all(|i| self.capitalised(i) || self.abbreviation_period(i, a))
            && !self.in_list(a, NotSpeakerLabels)
            && self.words(colon + 1, b) >= 2;
        if !name_ok || self.quote_opened_at(colon + 1).is_some() {
            return;
        }
        if let Some((_, f, t)) = self.content_span(colon + 1, b, 2) {
            let group = self.next_group();
            let source = Some(self.cover(a, colon));
            self.push(
                f,
                t,
                group,
                p,
                Some(self.span(colon)),
                source,
                None,
                TRANSCRIPT,
            );
        }
    }

    /// Any verb between a short speaker phrase and a comma or colon that opens a quote is a
    /// cue: `Sanders shot back, "..."`, `Mrs. Clinton quipped: "..."`.
    fn verb_then_quote(&mut self, i: usize, a: usize, e: usize, paragraph: usize) -> bool {
        // Cheap test first, as this runs for every word: an opening quote (a byte in `marks`)
        // after a comma or colon right after the verb or after its particle.
        let quote_after = |j: usize| {
            j + 1 < e && self.quote_opened_at(j + 1).is_some() && matches!(self.tok(j), "," | ":")
        };
        if i == a || !(quote_after(i + 1) || quote_after(i + 2)) {
            return false;
        }
        let w = self.tok(i);
        let particle = i + 1 < e && self.in_list(i + 1, VerbParticles);
        let j = if particle { i + 2 } else { i + 1 };
        let verb_like = w.len() > 2
            && (particle || w.ends_with("ed") || (w.ends_with('s') && !w.ends_with("ss")))
            && w.chars().all(|c| c.is_ascii_lowercase())
            && self.lex.cue(w).is_none()
            && !self.in_list(i, ClauseWords);
        if !verb_like || !quote_after(j) {
            return false;
        }
        let Some(start) = self.speaker_left(i - 1, a) else {
            return false;
        };
        let short = self.short_speaker(start, i);
        let boundary = start == a
            || matches!(self.tok(start - 1), "," | "—" | "–")
            || self.quote_closed_at(start - 1).is_some();
        if !(short && boundary) {
            return false;
        }
        let said = Said {
            cue: self.cover(i, j),
            source: Some(self.cover(start, i)),
            recipient: None,
            rule: CUE_BEFORE,
        };
        let before = self.claims.len();
        self.push_after(j + 1, e, 1, paragraph, said);
        self.claims.len() > before
    }

    /// A question put to the speaker, in a passive or a time clause: `when asked whether
    /// <claim>`, `he was asked how <claim>`. The question is a claim with no speaker (who
    /// asked is rarely said); the answer, if any, is the sentence's own claim.
    fn asked_question(&mut self, i: usize, a: usize, e: usize, paragraph: usize) -> bool {
        let lead = |t: usize| self.in_list(t, AskedLeads);
        let passive = |t: usize| self.in_list(t, PassiveAuxiliaries);
        let q = i + 1;
        if !self.is(i, "asked")
            || i == a
            || !(lead(i - 1) || passive(i - 1))
            || q + 1 >= e
            || !self.in_list(q, QuestionOpeners)
        {
            return false;
        }
        // The question runs to the end of its clause.
        let end = (q..e)
            .find(|&t| !self.inside[t] && matches!(self.tok(t), "," | ";" | "—" | "–"))
            .unwrap_or(e);
        let said = Said {
            cue: self.span(i),
            source: None,
            recipient: None,
            rule: ASKED,
        };
        let group = self.group;
        let pushed = self.push_piece(q, end, 2, group, paragraph, &said);
        if pushed {
            self.group += 1;
        }
        pushed
    }

    /// A belief without a holder, about the subject of a verb of appearance or expectation:
    /// `<subject> seemed <claim>`, `<subject> is expected to <claim>`. The claim comes in two
    /// pieces, the subject and what is believed of it, and has no speaker.
    fn raising(&mut self, i: usize, a: usize, e: usize, paragraph: usize) -> bool {
        let cue_from = if self.in_list(i, AppearanceVerbs) {
            i
        } else if self.is(i, "expected") {
            let mut b = i;
            if b > a && self.in_list(b - 1, RaisingAdverbs) {
                b -= 1;
            }
            if !(b > a && self.in_list(b - 1, BeForms)) {
                return false;
            }
            b - 1
        } else {
            return false;
        };
        let comp = i + 1;
        if comp + 1 >= e || !self.is_word(comp) || !self.is_word(comp + 1) {
            return false;
        }
        // "appeared to be", "seemed unsure"; but "appeared on CNN" is no belief.
        let to = self.is(comp, "to");
        if !to && (!self.tok(i).starts_with("seem") || self.in_list(comp, ClauseWords)) {
            return false;
        }
        let mut k = cue_from;
        while k > a && (self.in_list(k - 1, RaisingAdverbs) || self.is_between(k - 1)) {
            k -= 1;
        }
        let subject = match k.checked_sub(1).filter(|&t| t >= a && self.is_word(t)) {
            // "It seems unlikely that ...": no subject to speak of.
            Some(t) if self.in_list(t, ExpletiveSubjects) => None,
            Some(t) if self.in_list(t, RelativePronouns) => Some(t),
            Some(t) => self.speaker_left(t, a),
            None => None,
        };
        let said = Said {
            cue: self.cover(cue_from, i + 1),
            source: None,
            recipient: None,
            rule: RAISING,
        };
        let end = self.quote_end(comp, self.cut_at_participle(comp, e));
        let group = self.group;
        let mut pushed = false;
        if let Some(s) = subject {
            pushed |= self.push_piece(s, k, 1, group, paragraph, &said);
        }
        pushed |= self.push_piece(comp, end, 2, group, paragraph, &said);
        if pushed {
            self.group += 1;
        }
        pushed
    }

    /// A headline states an attribution only explicitly: `McCain: Populist Anger Appeals to
    /// ...`, `Bellwether County Says Trump Should Win`.
    fn headline(&mut self, si: usize) {
        let (a, e, paragraph) = self.bounds(si);
        let name_ok = |to: usize| {
            to > a
                && (a..to).all(|i| {
                    self.capitalised(i)
                        || self.abbreviation_period(i, a)
                        || self.in_list(i, NameConnectives)
                        || !self.is_word(i) && self.tok(i) != ","
                })
                // An all-capitals lead is a newswire slug ("JAPAN TRADE:"), not a speaker.
                && (a..to).any(|i| self.is_word(i) && self.tok(i).chars().any(char::is_lowercase))
        };
        let colon = (a + 1..(a + 14).min(e)).find(|&i| self.tok(i) == ":");
        let says = (a + 1..(a + 8).min(e)).find(|&i| {
            !self.inside[i]
                && self
                    .lex
                    .cue(self.tok(i))
                    .is_some_and(|c| matches!(c.form, Form::Third | Form::Past))
        });
        if self.in_list(a, NotSpeakerLabels) {
            return;
        }
        let (lead, cue) = match (colon, says) {
            (Some(c), _) if name_ok(c) => (c, self.span(c)),
            (_, Some(v)) if name_ok(v) => (v, self.span(v)),
            _ => return,
        };
        if let Some((_, f, t)) = self.content_span(lead + 1, e, 2) {
            let group = self.next_group();
            let source = self.cover(a, lead);
            self.push(
                f,
                t,
                group,
                paragraph,
                Some(cue),
                Some(source),
                None,
                HEADLINE,
            );
        }
    }

    /// `Trump: "..."`: a short capitalised name, a colon, and a quote.
    fn colon_lead(&mut self, a: usize, e: usize, paragraph: usize) {
        // The last colon followed by a quote that runs to the end of the sentence.
        let Some(colon) = (a + 1..e).rev().find(|&i| {
            self.tok(i) == ":"
                && !self.inside[i]
                && i + 1 < e
                && self
                    .quote_opened_at(i + 1)
                    .is_some_and(|q| q.close_token.is_none_or(|c| c + 2 >= e))
        }) else {
            return;
        };
        // `Trump: "..."`, `pollster Daron Shaw: "..."`, `O'Malley interjected: "..."`.
        let mut k = colon;
        // "Then she added warily:", "As Cornyn put it:": an adverb, or "it" after a verb.
        while k > a + 1 {
            let it_after_verb = self.is(k - 1, "it")
                && k > a + 2
                && self.is_word(k - 2)
                && self.tok(k - 2).chars().all(char::is_lowercase);
            if !(self.is_between(k - 1) || it_after_verb) {
                break;
            }
            k -= 1;
        }
        let verb = k > a + 1
            && self.is_word(k - 1)
            && self.tok(k - 1).chars().all(char::is_lowercase)
            && (self.lex.cue(self.tok(k - 1)).is_some()
                || self.tok(k - 1).ends_with("ed")
                || self.in_list(k - 1, ColonVerbs));
        if verb {
            k -= 1;
            while k > a && self.is_between(k - 1) {
                k -= 1;
            }
        }
        let Some(start) = k.checked_sub(1).and_then(|last| self.speaker_left(last, a)) else {
            return;
        };
        let named = (start..k).any(|t| self.capitalised(t)) || self.in_list(start, SpeakerPronouns);
        let boundary = start == a
            || matches!(self.tok(start - 1), "," | "—" | "–" | "(")
            || self.in_list(start - 1, SpeakerBoundaries);
        if !named || !boundary || self.words(start, k) > 8 {
            return;
        }
        if let Some((_, f, t)) = self.content_span(colon + 1, e, 1) {
            let group = self.next_group();
            let source = Some(self.cover(start, k));
            let cue = Some(if verb { self.span(k) } else { self.span(colon) });
            self.push(f, t, group, paragraph, cue, source, None, COLON);
        }
    }

    /// Quotes that fill a sentence of their own, with no cue, after an attributed claim in the
    /// same or the previous paragraph: the same speaker goes on.
    fn continuations(&mut self, p: usize) {
        let para = &self.doc.paragraphs[p];
        for s in para.sentences.clone() {
            let sentence = &self.doc.sentences[s];
            let (a, b) = (sentence.tokens.start, sentence.tokens.end);
            let Some(q) = self.quote_opened_at(a) else {
                continue;
            };
            let end = q.close_token.map_or(b, |c| c + 1);
            let rest_is_punct = (end..b).all(|i| !self.is_word(i) && !self.is_quote_mark(i));
            // `"..." — Sen. Ann Lee.`, or the credit as the next sentence or paragraph.
            let credit = if rest_is_punct {
                let next = if s + 1 < para.sentences.end {
                    Some(&self.doc.sentences[s + 1])
                } else {
                    self.doc
                        .paragraphs
                        .get(p + 1)
                        .filter(|np| np.furniture.is_none())
                        .and_then(|np| {
                            (!np.sentences.is_empty())
                                .then(|| &self.doc.sentences[np.sentences.start])
                        })
                };
                next.and_then(|n| self.dash_credit(n.tokens.start, n.tokens.end))
            } else {
                self.dash_credit(end, b)
            };
            let inner_tokens = q.open_token + 1..end.saturating_sub(1).max(q.open_token + 1);
            if !(rest_is_punct || credit.is_some())
                || self.claimed[inner_tokens.clone()].iter().any(|&c| c)
            {
                continue;
            }
            let inner = q.inner.trim(self.text);
            // Short quotes ("Bodies everywhere.") continue only a claim of the same paragraph.
            let min_words = if self.first_claim[p] < inner.start {
                1
            } else {
                3
            };
            if inner.is_empty() || self.text[inner].split_whitespace().count() < min_words {
                continue;
            }
            // `Pence said in response. "As big as it needs to be."`, `He told reporters:` then
            // the quote: the sentence before names the speaker but says nothing itself.
            let previous = if s > para.sentences.start {
                Some(s - 1)
            } else {
                self.doc.paragraphs[..p]
                    .last()
                    .filter(|pp| pp.furniture.is_none() && !pp.sentences.is_empty())
                    .map(|pp| pp.sentences.end - 1)
            };
            // `"... offensive!" Cruz said.`: the sentence after the quote names the speaker.
            let follow = (s + 1 < para.sentences.end)
                .then(|| self.speaker_only(s + 1))
                .flatten();
            let lead = credit
                .or(follow)
                .or_else(|| previous.and_then(|ps| self.speaker_only(ps)));
            // Only when something was attributed shortly before: this paragraph or the last
            // two, or the quote goes on into a next paragraph that names its speaker.
            let near = self.first_claim[p.saturating_sub(2)..=p]
                .iter()
                .any(|&start| start < inner.start);
            // A quote that fills its whole paragraph is a claim even with nobody to give it to.
            let whole_paragraph = a == self.doc.sentences[para.sentences.start].tokens.start
                && b == self.doc.sentences[para.sentences.end - 1].tokens.end;
            if !near && !whole_paragraph && q.close_token.is_some() && lead.is_none() {
                continue;
            }
            let group = self.next_group();
            self.mark(inner_tokens.start, inner_tokens.end, p, inner.start);
            self.claims.push(Claim {
                kind: ClaimKind::Direct,
                span: inner,
                group,
                paragraph: p,
                cue: lead.map(|l| l.1),
                source: lead.map(|l| l.0),
                recipient: None,
                rule: match (credit, follow, lead) {
                    (Some(_), _, _) => DASH_CREDIT,
                    (None, Some(_), _) => CUE_AFTER_QUOTE,
                    (None, None, Some(_)) => CUE_BEFORE_QUOTE,
                    (None, None, None) => CONTINUATION,
                },
            });
        }
    }

    /// `— Sen. Ann Lee.`: a dash and a short capitalised name filling tokens `from..to`
    /// (a final period aside); returns the name and the dash.
    fn dash_credit(&self, from: usize, to: usize) -> Option<(Span, Span)> {
        if from >= to || !matches!(self.tok(from), "—" | "–" | "-" | "--") {
            return None;
        }
        let mut end = to;
        while end > from + 1
            && matches!(self.tok(end - 1), "." | "!" | "?")
            && !self.abbreviation_period(end - 1, from)
        {
            end -= 1;
        }
        let name = from + 1..end;
        let ok = !name.is_empty()
            && self.words(name.start, name.end) <= 6
            && (name.start..name.end).all(|t| {
                self.capitalised(t)
                    || self.abbreviation_period(t, from)
                    || matches!(self.tok(t), "," | "(" | ")")
                    || self.in_list(t, NameConnectives)
            })
            && self.capitalised(name.start);
        ok.then(|| (self.cover(name.start, name.end), self.span(from)))
    }

    /// For a sentence that ends `<speaker> said [in a statement][:]` and holds no claim of
    /// its own, the speaker phrase and the cue.
    fn speaker_only(&self, si: usize) -> Option<(Span, Span)> {
        let sentence = &self.doc.sentences[si];
        if self.claimed[sentence.tokens.clone()].iter().any(|&c| c) {
            return None;
        }
        let (a, b) = (sentence.tokens.start, sentence.tokens.end);
        let c = (a..b).rev().find(|&i| {
            !self.inside[i]
                && self.is_word(i)
                && self
                    .lex
                    .cue(self.tok(i))
                    .is_some_and(|cue| cue.form != Form::Ing)
        })?;
        // Nothing but a hearer, a time or place, and punctuation after the cue, or an aside
        // after a comma ("LeVell declared, a point he likes to make").
        let tail = (c + 1..b).find(|&i| self.tok(i) == ",").unwrap_or(b);
        if self.words(c + 1, tail) > 6
            || (c + 1..tail).any(|i| self.is(i, "that") || self.is_quote_mark(i))
        {
            return None;
        }
        let mut k = c;
        while k > a && self.is_word(k - 1) && self.lex.auxiliaries.contains(self.tok(k - 1)) {
            k -= 1;
        }
        if k == a || self.in_list(k - 1, NotBeforeCue) {
            return None;
        }
        let start = self.speaker_left(k - 1, a)?;
        Some((self.cover(start, k), self.span(c)))
    }
}

#[cfg(test)]
mod tests {
    use crate::Detector;
    use whosaid_core::ClaimKind;
    use whosaid_segment::Segmenter;

    /// (claim text, kind, source text, cue text) for every claim in `text`.
    fn found(text: &str) -> Vec<(String, &'static str, String, String)> {
        let doc = Segmenter::new().segment(text, None);
        Detector::new()
            .detect(text, &doc)
            .iter()
            .map(|c| {
                let get = |s: Option<whosaid_core::Span>| {
                    s.map(|s| text[s].to_string()).unwrap_or_default()
                };
                (
                    text[c.span].to_string(),
                    c.kind.as_str(),
                    get(c.source),
                    get(c.cue),
                )
            })
            .collect()
    }

    macro_rules! detects {
        ($name:ident, $text:expr, [$(($claim:expr, $kind:expr, $source:expr, $cue:expr)),* $(,)?]) => {
            #[test]
            fn $name() {
                let expected: Vec<(String, &'static str, String, String)> =
                    vec![$(($claim.to_string(), $kind, $source.to_string(), $cue.to_string())),*];
                assert_eq!(found($text), expected);
            }
        };
    }

    detects!(
        straight_direct,
        "\"We are winning the war,\" Sheikh Ali said.",
        [("We are winning the war,", "direct", "Sheikh Ali", "said")]
    );
    detects!(
        curly_direct_nbsp,
        "“We are winning,”\u{a0}he told Radio Free.",
        [("We are winning,", "direct", "he", "told")]
    );
    detects!(
        indirect_after,
        "ISIS fighters are fragmented and demoralised, al-Mansour said.",
        [(
            "ISIS fighters are fragmented and demoralised",
            "indirect",
            "al-Mansour",
            "said"
        )]
    );
    detects!(
        role_premodifier,
        "The group is finished, Anbar provincial council member Karim Ali told Radio Free.",
        [(
            "The group is finished",
            "indirect",
            "Anbar provincial council member Karim Ali",
            "told"
        )]
    );
    detects!(
        titles_with_periods,
        "The strikes will go on, spokesman Brig. Gen. Yahya Ali said.",
        [(
            "The strikes will go on",
            "indirect",
            "spokesman Brig. Gen. Yahya Ali",
            "said"
        )]
    );
    detects!(
        inverted_with_appositive,
        "\"They fled,\" said Nazim Ali, a commander with the tribal fighters.",
        [(
            "They fled,",
            "direct",
            "Nazim Ali, a commander with the tribal fighters",
            "said"
        )]
    );
    detects!(told_that, "Before this, on June 17th, Interior Ministry spokesman Saad Maan told Radio Free that airstrikes had killed 20 fighters.", [("airstrikes had killed 20 fighters", "indirect", "Interior Ministry spokesman Saad Maan", "told")]);
    detects!(
        said_without_that,
        "Haddad said the group's fighters appeared nervous.",
        [(
            "the group's fighters appeared nervous",
            "indirect",
            "Haddad",
            "said"
        )]
    );
    detects!(
        plural_say,
        "The strikes have weakened the group, officials say.",
        [(
            "The strikes have weakened the group",
            "indirect",
            "officials",
            "say"
        )]
    );
    detects!(
        according_to_lead,
        "According to Rasul and other military sources, the first strikes broke up a convoy.",
        [(
            "the first strikes broke up a convoy",
            "indirect",
            "Rasul and other military sources",
            "According to"
        )]
    );
    detects!(
        according_to_tail,
        "The militants are growing more brutal, according to residents who fled.",
        [(
            "The militants are growing more brutal",
            "indirect",
            "residents who fled",
            "according to"
        )]
    );
    detects!(
        adding_that_mixed,
        "Some fighters have fled, he said, adding that \"this is evidence of their defeat\".",
        [
            ("Some fighters have fled", "indirect", "he", "said"),
            (
                "\"this is evidence of their defeat\"",
                "mixed",
                "he",
                "adding"
            ),
        ]
    );
    detects!(
        split_quote,
        "\"But these attempts have failed,\" Ali said, \"and the group now faces oblivion\".",
        [
            ("But these attempts have failed,", "direct", "Ali", "said"),
            ("and the group now faces oblivion", "direct", "Ali", "said"),
        ]
    );
    detects!(
        relative_clause_speaker,
        "Abu Ali, who worked in a clinic, said the fighters became more intrusive.",
        [(
            "the fighters became more intrusive",
            "indirect",
            "Abu Ali, who worked in a clinic",
            "said"
        )]
    );
    detects!(
        declined_to,
        "The minister declined to say whether the talks failed.",
        [(
            "to say whether the talks failed",
            "indirect",
            "The minister",
            "declined"
        )]
    );
    detects!(mixed_portrayal, "Early propaganda portrayed its fighters as \"invincible, obeying orders and not failing\", they said.", [
        ("Early propaganda portrayed its fighters as \"invincible, obeying orders and not failing\"", "mixed", "they", "said"),
        // The nested report, cut before the closing attribution.
        ("its fighters as \"invincible, obeying orders and not failing\"", "mixed", "Early propaganda", "portrayed"),
    ]);
    detects!(quoted_word_makes_it_mixed, "The leader's dream of a \"caliphate\" has turned into a nightmare, said Hashem Ali, an expert.", [("The leader's dream of a \"caliphate\" has turned into a nightmare", "mixed", "Hashem Ali, an expert", "said")]);
    detects!(second_quote_continues, "The fighters are \"very disappointed\", he told Radio Free. \"They know that their dreams have gone.\"", [
        ("The fighters are \"very disappointed\"", "mixed", "he", "told"),
        ("They know that their dreams have gone.", "direct", "", ""),
    ]);
    detects!(
        pleads_after_question,
        "\"Are you being cowardly? Have you lost your courage?\" the fighter pleads, in tears.",
        [(
            "Are you being cowardly? Have you lost your courage?",
            "direct",
            "the fighter",
            "pleads"
        )]
    );
    detects!(
        noun_report_is_no_cue,
        "The report said nothing new about the report.",
        []
    );
    detects!(
        infinitive_is_no_cue,
        "He wanted to say goodbye to the talks.",
        []
    );

    /// Regression: a look-ahead past the last token ("said" ending the text after an
    /// abbreviation) indexed out of bounds. Found by the property test.
    #[test]
    fn cue_as_last_token_after_abbreviations() {
        let _ = found("😀 Brig. Gen. said");
        let _ = found("He said \"");
        let _ = found("Trump: \"");
    }

    #[test]
    fn multi_paragraph_quote_continues() {
        let text = "\"We will not leave,\" the mayor said.\n\n\"This is our town and we built it with our hands.\n\n\"Nobody will take it from us,\" he added.";
        let got = found(text);
        assert_eq!(got.len(), 3, "{got:?}");
        assert_eq!(got[1].0, "This is our town and we built it with our hands.");
        assert_eq!(got[1].1, ClaimKind::Direct.as_str());
    }
}
