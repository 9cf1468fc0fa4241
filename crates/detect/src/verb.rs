//! Speech-verb frames: where the claim and the speaker stand around a cue verb (`said`,
//! `told`, `warned`), and unlisted verbs right before or after a quote.

use whosaid_core::{Claim, ClaimKind, RuleId, Span};

use crate::ctx::{Ctx, Said};
use crate::lexicons::{Cue, Form, List::*};
use crate::rules::Rule;

/// `<claim>, <speaker> said`: the claim before a speaker and cue.
pub(crate) const VERB_TRAILING: RuleId = RuleId("detect/verb-trailing");
/// `<speaker> said (that) <claim>`: the speaker and cue lead, the claim follows.
pub(crate) const VERB_LEADING: RuleId = RuleId("detect/verb-leading");
/// `<claim>, said <speaker>`: the cue before the speaker.
pub(crate) const VERB_INVERTED: RuleId = RuleId("detect/verb-inverted");
/// `<adverbial>, <speaker> said, <claim>`: a cue inside the claim's sentence.
pub(crate) const VERB_PARENTHETICAL: RuleId = RuleId("detect/verb-parenthetical");
/// `"<piece>," <speaker> said, "<piece>"`: the second piece of a split quote.
pub(crate) const VERB_SPLIT_QUOTE: RuleId = RuleId("detect/verb-split-quote");
/// `<piece>, <speaker> said, <claim>`: the first piece of a claim split by its cue, before
/// a parenthetical speaker and cue.
pub(crate) const VERB_SPLIT_LEAD: RuleId = RuleId("detect/verb-split-lead");
/// `<claim>, <speaker> said, <more claim>`: content that goes on after the cue.
pub(crate) const VERB_SPLIT_CLAUSE: RuleId = RuleId("detect/verb-split-clause");
/// `<speaker> <did something> and said <claim>`: a second verb sharing the subject.
pub(crate) const VERB_COORDINATED: RuleId = RuleId("detect/verb-coordinated");
/// `<speaker>, who said <claim>, ...`: a cue in a relative clause; "who" is the
pub(crate) const VERB_RELATIVE: RuleId = RuleId("detect/verb-relative");

/// `when <speaker> said <claim>`: a speaker and cue after a subordinator, the claim after them.
pub(crate) const VERB_SUBORDINATE: RuleId = RuleId("detect/verb-subordinate");
/// `<speaker> is saying <claim>`: the -ing form of a cue after "be" reports like a finite verb.
pub(crate) const VERB_PROGRESSIVE: RuleId = RuleId("detect/verb-progressive");
/// `<speaker> ... by saying <claim>`: a cue's -ing form after a preposition.
pub(crate) const VERB_GERUND: RuleId = RuleId("detect/verb-gerund");

/// The most words after a cue whose claim came before it: `..., he said in an interview with
/// the paper.`
const TAIL_WORDS: usize = 6;

/// The rules of the speech-verb frames family.
pub(crate) const RULES: &[Rule] = &[
    Rule {
        id: VERB_TRAILING,
        doc: "`<claim>, <speaker> said`: the claim before a speaker and cue.",
        example: "Fighters fled the town, the governor said.",
        finds: "Fighters fled the town",
        not: "The governor left the town, and fighters fled.",
    },
    Rule {
        id: VERB_LEADING,
        doc: "`<speaker> said (that) <claim>`: the speaker and cue lead, the claim follows.",
        example: "The mayor told reporters that the bridge would reopen.",
        finds: "the bridge would reopen",
        not: "The mayor wanted to know when the bridge would reopen.",
    },
    Rule {
        id: VERB_INVERTED,
        doc: "`<claim>, said <speaker>`: the cue before the speaker.",
        example: "\"We will return,\" said Maria Lopez, a teacher.",
        finds: "We will return,",
        not: "He said.",
    },
    Rule {
        id: VERB_PARENTHETICAL,
        doc: "`<adverbial>, <speaker> said, <claim>`: a cue inside the claim's sentence.",
        example: "Simply put, they said, the fighters have lost the will to fight.",
        finds: "the fighters have lost the will to fight",
        not: "Simply put, the fighters have lost.",
    },
    Rule {
        id: VERB_SPLIT_QUOTE,
        doc: "`\"<piece>,\" <speaker> said, \"<piece>\"`: the second piece of a split quote.",
        example: "\"It is hard,\" Ali said, \"but we will stay.\"",
        finds: "but we will stay.",
        not: "It is hard, but we will stay.",
    },
    Rule {
        id: VERB_SPLIT_LEAD,
        doc: "`<piece>, <speaker> said, <claim>`: the first piece of a claim split by its cue.",
        example: "It was, the president said, \"a stone worn down by the tragedy.\"",
        finds: "It was",
        not: "Last week, the border was closed again.",
    },
    Rule {
        id: VERB_SPLIT_CLAUSE,
        doc: "`<claim>, <speaker> said, <more claim>`: content that goes on after the cue.",
        example: "The border is closed, he said, and nobody can cross it now.",
        finds: "and nobody can cross it now",
        not: "The border is closed, which nobody expected.",
    },
    Rule {
        id: VERB_COORDINATED,
        doc: "`<speaker> <did something> and said <claim>`: a second verb sharing the subject.",
        example: "Mrs. Clinton shook her head and said, \"No, that will not happen.\"",
        finds: "No, that will not happen.",
        not: "The senator shook her head and left the room.",
    },
    Rule {
        id: VERB_RELATIVE,
        doc: "`<speaker>, who said <claim>, ...`: a cue in a relative clause; \"who\" is the \
              mention and stands for the phrase before it.",
        example: "The plan was drafted by Ann Lee, who said the tax would fall, and her staff.",
        finds: "the tax would fall",
        not: "The plan was drafted by Ann Lee, who left the party, and her staff.",
    },
    Rule {
        id: VERB_SUBORDINATE,
        doc: "`when <speaker> said <claim>`: a speaker and cue after a subordinator (\"when\", \
              \"after\", \"though\"), the claim after them; never a claim before the cue.",
        example: "The talks stalled after the minister said the deal was dead.",
        finds: "the deal was dead",
        not: "The crowd cheered when the minister arrived in the town.",
    },
    Rule {
        id: VERB_PROGRESSIVE,
        doc: "`<speaker> is saying <claim>`: the -ing form of a cue after a form of \"be\" \
              reports like a finite verb (\"is defending\", \"are hoping to\").",
        example: "The governor is publicly saying that the plant will stay open.",
        finds: "the plant will stay open",
        not: "The governor is visiting the plant, saying little.",
    },
    Rule {
        id: VERB_GERUND,
        doc: "`<speaker> ... by saying <claim>`: a cue's -ing form after a preposition.",
        example: "The senator answered the critics by saying \"we will not back down.\"",
        finds: "we will not back down.",
        not: "The senator was famous for warning shots across the bow.",
    },
];

impl Ctx<'_> {
    /// Any past or present verb right after a quote and a short speaker phrase is a cue:
    /// `"...," he surmised`, `"...," Smith quipped`. `last_close` is the last closing quote
    /// mark before `i` in the sentence (from `a`).
    pub(crate) fn verb_after_quote(
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

    pub(crate) fn cue(&mut self, c: usize, a: usize, e: usize, paragraph: usize, verb: Cue) {
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
        // Skip auxiliaries and adverbs between speaker and cue: "has also said", and the "be"
        // of an -ing cue: "is now defending".
        let mut k = c;
        while k > a && self.is_between(k - 1) {
            k -= 1;
        }
        let progressive = self
            .lex
            .cue(self.tok(c))
            .is_some_and(|v| v.form == Form::Ing);
        if progressive && k > a && self.in_list(k - 1, ProgressiveAuxiliaries) {
            k -= 1;
            while k > a && self.is_between(k - 1) {
                k -= 1;
            }
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
        // "when he told reporters that ...": after a subordinator the claim can only follow
        // the cue; what stands before it is another clause.
        let subordinate = !boundary_ok && self.in_list(before - 1, LeadingBoundaries);
        if !boundary_ok && !subordinate {
            return;
        }
        if subordinate {
            // A fronted clause ("When Trump suggested that ..., Rubio fired back") ends at its
            // first comma; the main clause after it is the writer's.
            let sub = before - 1;
            let fronted = sub == a || (sub == a + 1 && self.in_list(a, SentenceConjunctions));
            let end = match after {
                Some(start) if fronted => (start..e)
                    .find(|&t| self.tok(t) == "," && !self.inside[t])
                    .unwrap_or(e),
                _ => e,
            };
            if let Some(start) = after.filter(|&s| self.words(s, end) >= 2) {
                self.push_after(start, end, 2, paragraph, said_by(VERB_SUBORDINATE));
            }
            return;
        }
        // A claim cut short after an earlier quote and its cue bounds the next one in turn:
        // `"...," X said. y "...," X said. y "...," X said` gives claims of one unit each.
        let mut after_quote = false;
        let claim_before = if before > a {
            let to = if self.quote_closed_at(before - 1).is_some() {
                before
            } else {
                before - 1
            };
            let start = self.unclaimed_from(a, to);
            after_quote = start > a;
            self.content_span(start, to, 1)
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
                let said = said_by(VERB_LEADING);
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
                let said = said_by(VERB_LEADING);
                self.push_after(start, e, 2, paragraph, said);
                return;
            }
        }
        // An -ing cue after "be" reports what follows it; before it stands the writer's
        // clause ("When Trump used the words ..., he was referring to ...").
        let Some((_, from, to)) = claim_before.filter(|_| !progressive) else {
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
            let n = self.next_after_cue(c, e, object).expect("checked above") + 1;
            let end = self.cut_at_participle(n, e);
            let said = said_by(VERB_PARENTHETICAL);
            // `Mr. Obama, officials said, has become ...`: when the rest opens with its verb,
            // the lead is the claim's subject, its first piece; so is any lead that opens
            // the clause, as PolNeAR marks it (`It was, the president said, "a stone ..."`,
            // `The goal, he said, is ...`). An adverbial lead ("Simply put,", "When it
            // passes,", "Over time,") or a time or place is not.
            let verb_next = n < end
                && (self.in_list(n, FiniteAuxiliaries)
                    || (self.tok(n).ends_with("ed")
                        && self.tok(n).chars().all(|c| c.is_ascii_lowercase())));
            let first_piece = verb_next || !(lead || self.adverbial_lead(from, to));
            if self.push_piece(n, end, 3, group, paragraph, &said) && first_piece {
                self.push_piece(from, to, 1, group, paragraph, &said_by(VERB_SPLIT_LEAD));
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
            VERB_TRAILING,
        );
        if after_quote {
            self.sentence_claims.push((from, to));
        }
        if comma_after {
            let n = self.next_after_cue(c, e, object).expect("checked above") + 1;
            if let Some(q) = self.quote_opened_at(n).filter(|_| n < e) {
                // The piece is the quote; what follows it is the writer's again.
                let end = q.close_token.map_or(e, |c| (c + 1).min(e));
                let said = said_by(VERB_SPLIT_QUOTE);
                self.push_piece(n, end, 1, group, paragraph, &said);
            } else if n < e
                && !self.in_list(n, NotMoreClaim)
                && self
                    .lex
                    .cue(self.tok(n))
                    .is_none_or(|c| c.form != Form::Ing)
            {
                let end = self.cut_at_participle(n, e);
                let said = said_by(VERB_SPLIT_CLAUSE);
                self.push_piece(n, end, 4, group, paragraph, &said);
            }
        }
    }

    /// True when tokens `from..to` before a parenthetical cue are an adverbial rather than
    /// the start of the claim's clause: they open with a preposition or subordinator ("By
    /// eliminating ...", "When it passes", "Over time"), an adverb in -ly ("Simply put"),
    /// or are a lone conjunction ("But").
    fn adverbial_lead(&self, from: usize, to: usize) -> bool {
        let w = self.tok(from);
        self.in_list(from, AdverbialOpeners)
            || self.in_list(from, TimePlaceLeads)
            || self.in_list(from, TopicPrepositions)
            || self.in_list(from, PhraseOpeners)
            || (w.len() > 4 && w.to_ascii_lowercase().ends_with("ly"))
            || (self.words(from, to) == 1 && self.in_list(from, Coordinators))
    }

    /// `<claim>, said <speaker>` (and a second piece after the speaker: `"A," said Ana Ruiz,
    /// "B."`), for the cue at `c` with nothing but auxiliaries and adverbs from `k` to it.
    /// Returns whether the frame took the cue.
    pub(crate) fn inverted(
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
                    let rule = VERB_INVERTED;
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
                                VERB_SPLIT_QUOTE,
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
    pub(crate) fn coordinated(
        &mut self,
        a: usize,
        e: usize,
        k: usize,
        paragraph: usize,
        cue_span: Span,
        after: Option<usize>,
        recipient: Option<Span>,
    ) {
        let earlier = self.last_claim_before(a, paragraph, cue_span.start);
        let subject = earlier
            .and_then(|cl| cl.source)
            .or_else(|| self.sentence_subject(a, k - 1));
        if let (Some(start), Some(subject)) = (after, subject) {
            let said = Said {
                cue: cue_span,
                source: Some(subject),
                recipient,
                rule: VERB_COORDINATED,
            };
            self.push_after(start, e, 2, paragraph, said);
        }
    }

    /// The last claim of the sentence from token `a` whose cue ends by byte `at`: the claim
    /// whose speaker a later verb of the sentence shares ("X said A and added B").
    fn last_claim_before(&self, a: usize, paragraph: usize, at: usize) -> Option<&Claim> {
        let sentence_start = self.span(a).start;
        self.claims
            .iter()
            .rev()
            .take_while(|cl| cl.span.start >= sentence_start && cl.paragraph == paragraph)
            .find(|cl| cl.cue.is_some_and(|cu| cu.end <= at))
    }

    /// A cue's -ing form right after a preposition is a gerund (`responded by saying ...`,
    /// `After saying ...`), whose speaker is the sentence's subject, else the speaker of its
    /// last claim ("X said A, and answered B by saying C"); but in "According to the
    /// documents, fighters justified it by saying ..." the gerund is inside that claim, and
    /// its speaker is the claim's subject, not its source. Returns whether the frame took
    /// the cue.
    pub(crate) fn gerund(&mut self, c: usize, a: usize, e: usize, paragraph: usize) -> bool {
        let Some(verb) = self.lex.cue(self.tok(c)) else {
            return false;
        };
        if c == a || !self.in_list(c - 1, GerundPrepositions) {
            return false;
        }
        let cue_at = self.span(c);
        let earlier = || {
            self.last_claim_before(a, paragraph, self.span(c - 1).start)
                .filter(|cl| !cl.span.contains(cue_at))
                .and_then(|cl| cl.source)
        };
        let Some(source) = self.sentence_subject(a, c - 1).or_else(earlier) else {
            return false;
        };
        let (after, recipient) = self.content_after(c, e, verb);
        let Some(start) = after else {
            return false;
        };
        // Without "that", a colon or a quote, only the participles that report a clause
        // ("saying", "claiming") do; the verbs whose claim is an object or that take a hearer
        // ("for warning shots", "by touting her record", "by telling them") do not.
        let clause = (start > c + 1 && (self.is(start - 1, "that") || self.tok(start - 1) == ":"))
            || (start..e).any(|t| self.quote_opened_at(t).is_some())
            || (self.lex.participles.contains(self.tok(c)) && !verb.noun && !verb.object);
        if !clause {
            return false;
        }
        let said = Said {
            cue: cue_at,
            source: Some(source),
            recipient,
            rule: VERB_GERUND,
        };
        let before = self.claims.len();
        self.push_after(start, e, 2, paragraph, said);
        self.claims.len() > before
    }

    /// A claim in a relative clause set off by commas: `<antecedent>, who <cue> <claim>, ...`.
    /// The source runs from the antecedent to "who", so that the resolver names the
    /// antecedent while "who" stays the mention; the claim ends at the clause's comma. After
    /// "those who said ..." the main verb cannot be told from the claim, so such clauses are
    /// left alone.
    #[allow(clippy::too_many_arguments)]
    pub(crate) fn relative(
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
            rule: VERB_RELATIVE,
        };
        self.push_after(start, end, 2, paragraph, said);
    }

    /// Any verb between a short speaker phrase and a comma or colon that opens a quote is a
    /// cue: `Sanders shot back, "..."`, `Mrs. Clinton quipped: "..."`.
    pub(crate) fn verb_then_quote(
        &mut self,
        i: usize,
        a: usize,
        e: usize,
        paragraph: usize,
    ) -> bool {
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
            rule: VERB_LEADING,
        };
        let before = self.claims.len();
        self.push_after(j + 1, e, 1, paragraph, said);
        self.claims.len() > before
    }
}
