//! Scanners every family shares: the speaker phrase left of a cue, the hearer and the claim
//! right of it, where a claim's content ends, and what kind of claim a span is.

use whosaid_core::{ClaimKind, Span};

use crate::ctx::Ctx;
use crate::lexicons::{Cue, Form, List::*};

/// The most words a speaker phrase left of a cue may have.
const MAX_SPEAKER_WORDS: usize = 12;

impl<'a> Ctx<'a> {
    /// Scans left from token `last` (inclusive) over a speaker phrase; returns its first token.
    pub(crate) fn speaker_left(&self, last: usize, from: usize) -> Option<usize> {
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
    pub(crate) fn recipient_right(&self, first: usize, end: usize) -> usize {
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
    pub(crate) fn content_after(
        &self,
        cue: usize,
        end: usize,
        verb: Cue,
    ) -> (Option<usize>, Option<Span>) {
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
    pub(crate) fn content_span(
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
    pub(crate) fn kind_of(&self, from: usize, to: usize) -> (ClaimKind, Span) {
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

    /// Where the object of a `+noun` cue ends: before a time or place ("endorsed Trump here on
    /// Sunday", "praised her at a rally"), unless a clause or quote comes first.
    pub(crate) fn noun_phrase_end(&self, start: usize, end: usize) -> usize {
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

    /// True when tokens `start..end` are a speaker phrase short enough to stand before a verb
    /// no lexicon lists: "he", "Smith", "Sen. Ann Lee", or a short description ("the
    /// editorial", "an angry Hollande", "a Democratic staffer in the room").
    pub(crate) fn short_speaker(&self, start: usize, end: usize) -> bool {
        (self.words(start, end) <= 4
            && (self.in_list(start, SpeakerPronouns)
                || (start..end).all(|t| self.capitalised(t) || !self.is_word(t))))
            || (self.words(start, end) <= 6 && self.in_list(start, DescriptionOpeners))
    }

    /// The first token after a cue and its hearer.
    pub(crate) fn next_after_cue(&self, c: usize, e: usize, object: bool) -> Option<usize> {
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
    pub(crate) fn appositive_speaker(&self, comma: usize, a: usize) -> Option<usize> {
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

    /// Ends claim content before `, adding that ...`, `, according to ...`, or a closing
    /// `, they said` that belongs to another claim of the sentence.
    pub(crate) fn cut_at_participle(&self, from: usize, e: usize) -> usize {
        let (last_from, last_e, last_cut) = self.last_cut.get();
        if last_e == e && last_from <= from && from < last_cut {
            return last_cut;
        }
        let cut = self.find_cut(from, e);
        self.last_cut.set((from, e, cut));
        cut
    }

    /// [`Ctx::cut_at_participle`] without its memory.
    fn find_cut(&self, from: usize, e: usize) -> usize {
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
            // `said she got a call from her niece, who had grown up ...`, `predicted a win - a
            // landslide based on ...`: a clause or appositive hung on the end of the content,
            // with no comma or dash after it to return to the claim, is the writer's.
            // "critics railed against it; editorials called it ...": a semicolon ends the
            // claim's clause.
            if self.tok(i - 1) == ";" && !self.inside[i - 1] && i - 1 > from {
                return i - 1;
            }
            let dash = i >= 2
                && matches!(self.tok(i - 1), "—" | "–" | "-" | "--")
                && self.span(i - 1).start > self.span(i - 2).end;
            if ((after_comma && self.in_list(i, TrailingClauseOpeners)) || dash)
                && i - 1 > from + 1
                && !(i..e)
                    .any(|t| !self.inside[t] && matches!(self.tok(t), "," | "—" | "–" | "-" | "--"))
            {
                return i - 1;
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

    /// The subject of a sentence, for a verb at token `i` that has none next to it ("...,
    /// adding that", "and said"): a name or pronoun at the start of the sentence or after a
    /// fronted adverbial ("Last month, Smith warned ..., arguing that ...").
    pub(crate) fn sentence_subject(&self, a: usize, i: usize) -> Option<Span> {
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
            // "Kill Bill director Quentin Tarantino had talked ... and said": a role noun
            // between two capitalised runs joins them; the name is the second.
            let s_end = match s_end {
                n if n > st
                    && n + 1 < i
                    && self.in_list(n, PersonNouns)
                    && self.capitalised(n + 1) =>
                {
                    (n + 1..i)
                        .find(|&t| {
                            !(self.capitalised(t) || self.abbreviation_period(t, st))
                                || self.lex.cue(self.tok(t)).is_some()
                        })
                        .unwrap_or(i)
                }
                n => n,
            };
            (s_end > st
                && self.words(st, s_end) <= 6
                && (self.capitalised(st) || self.in_list(st, SpeakerPronouns)))
            .then(|| self.cover(st, s_end))
        })
    }

    /// Where claim content starting at `start` ends: at the close of a quote of three or more
    /// words that opens it (`declared "What a Super Tuesday!" and said ...`), else at `end`.
    pub(crate) fn quote_end(&self, start: usize, end: usize) -> usize {
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
}
