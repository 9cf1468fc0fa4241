//! The corpus speakers table: one row per person, organisation or group across every claims
//! file of a corpus, the table of `whosaid speakers` and `whosaid extract --corpus-speakers`.

use std::borrow::Cow;
use std::collections::{BTreeMap, HashMap};

use serde::Serialize;

use crate::Record;

mod names;
mod write;

pub use write::{CorpusWriter, CORPUS_HEADER};

/// Most values listed in the `titles`, `roles` and `organisations` columns, and most full
/// names listed in a `note`; the most frequent come first.
pub const VALUES_LISTED: usize = 10;

/// One row of the corpus speakers table: one person, organisation or group, with every
/// spelling of it merged. Field order is the column order ([`CORPUS_HEADER`]).
///
/// How spellings merge ([`Corpus::finish`]):
///
/// - A person's name is reduced to its core: the titles and premodifiers before it are left
///   out ("Pres. Obama" -> "Obama", "Former President Bill Clinton" -> "Bill Clinton"; the
///   words are in `data/lexicons/titles.txt` and `name-premodifiers.txt`), and so is a final
///   possessive `'s`. Spellings whose cores have the same speaker id are one person.
/// - A surname (a core of one word, or of particles such as "bin" and one word) written like
///   a name merges into the one full name in the corpus that ends with it and is written
///   like a name (capitalised: "spokesman" is no surname). When
///   several do ("George Bush", "Jeb Bush"), the surname stays a row of its own and its
///   `note` lists them. Different full names never merge.
/// - Organisations, groups and documents merge only when their speaker ids are equal.
/// - Claims with no speaker, or an anonymous one, are in no row.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct CorpusRow {
    /// The speaker id of the row's fullest name, without titles (`person:barack-obama`);
    /// it need not be in any claims row: see `ids`.
    pub speaker_id: String,
    /// The most frequent spelling of that name, without titles ("Barack Obama").
    pub name: String,
    /// `person`, `organisation`, `group` or `document`.
    #[serde(rename = "type")]
    pub speaker_type: String,
    /// Every distinct `speaker` string merged into the row (whitespace runs made one space),
    /// most frequent first, `"; "` between them.
    pub variants: String,
    /// Distinct titles, most frequent first, at most [`VALUES_LISTED`].
    pub titles: String,
    /// Distinct roles, most frequent first, at most [`VALUES_LISTED`].
    pub roles: String,
    /// Distinct organisations, most frequent first, at most [`VALUES_LISTED`].
    pub organisations: String,
    /// Distinct claims: (article_id, claim_id) pairs.
    pub claims: u64,
    /// Distinct articles.
    pub articles: u64,
    /// Claims whose first row is direct.
    pub direct: u64,
    /// Claims whose first row is mixed.
    pub mixed: u64,
    /// Claims whose first row is indirect.
    pub indirect: u64,
    /// Every `speaker_id` of the claims table merged into the row, most frequent first,
    /// `"; "` between them: the join from claims rows to this row.
    pub ids: String,
    /// Why the row stands apart: for a surname that several full names end with,
    /// `ambiguous: ` and those full names' ids, most claims first (`ambiguous:
    /// person:jeb-bush; person:george-bush`); empty otherwise.
    pub note: String,
}

/// What a [`Corpus`] read and made.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct CorpusSummary {
    /// Claim rows read.
    pub rows: u64,
    /// Distinct claims: (article_id, claim_id) pairs.
    pub claims: u64,
    /// Articles with claims.
    pub articles: u64,
    /// Claims with no named speaker: none at all, or an anonymous one.
    pub unnamed: u64,
    /// Of those, claims with an anonymous speaker.
    pub anonymous: u64,
    /// Distinct speaker ids.
    pub ids: u64,
    /// Rows of the table.
    pub speakers: u64,
    /// Surnames merged into a full name.
    pub merged: u64,
    /// Surnames left apart because several full names end with them.
    pub ambiguous: u64,
}

/// A claim's kind, the kind of its first row.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Kind {
    Direct,
    Mixed,
    Indirect,
}

impl Kind {
    fn of(kind: &str) -> Kind {
        match kind {
            "direct" => Kind::Direct,
            "mixed" => Kind::Mixed,
            _ => Kind::Indirect,
        }
    }
}

/// The speakers of one article's claims, made from its claim records in order. A worker of
/// `whosaid extract` makes one per article, for the thread that writes to add to the
/// [`Corpus`] in input order.
#[derive(Debug, Clone, Default)]
pub struct CorpusArticle {
    article_id: String,
    rows: u64,
    claims: Vec<ArticleClaim>,
    /// Index in `claims` by claim id.
    by_claim: HashMap<String, usize>,
    /// The keys of the (speaker id, name) pairs met so far: an article names its speakers
    /// again and again.
    keys: Vec<(String, String, String)>,
}

/// One claim of an article.
#[derive(Debug, Clone)]
struct ArticleClaim {
    kind: Kind,
    anonymous: bool,
    /// Its speakers, one per key.
    speakers: Vec<ClaimSpeaker>,
}

/// The fields of the claims table counted for a speaker, by index in [`ClaimSpeaker`]'s and
/// [`KeyStats`]'s arrays.
const IDS: usize = 0;
const NAMES: usize = 1;
const TITLES: usize = 2;
const ROLES: usize = 3;
const ORGANISATIONS: usize = 4;
const FIELDS: usize = 5;

/// What the rows of one claim say of one speaker (one key): the distinct non-empty values of
/// each field ([`IDS`], [`NAMES`], ...).
#[derive(Debug, Clone, Default)]
struct ClaimSpeaker {
    key: String,
    values: [Vec<String>; FIELDS],
}

impl CorpusArticle {
    /// The speakers of article `article_id`, none yet.
    pub fn new(article_id: &str) -> CorpusArticle {
        CorpusArticle {
            article_id: article_id.to_string(),
            ..CorpusArticle::default()
        }
    }

    /// Adds a claim record of the article (its `article_id` is not checked).
    pub fn add(&mut self, record: &Record<'_>) {
        self.rows += 1;
        let at = match self.by_claim.get(record.claim_id.as_ref()) {
            Some(&at) => at,
            None => {
                let at = self.claims.len();
                self.by_claim.insert(record.claim_id.to_string(), at);
                self.claims.push(ArticleClaim {
                    kind: Kind::of(record.kind),
                    anonymous: false,
                    speakers: Vec::new(),
                });
                at
            }
        };
        let id = record.speaker_id.as_ref();
        if record.speaker_type == "anonymous" {
            self.claims[at].anonymous = true;
            return;
        }
        if id.is_empty() {
            return;
        }
        let name = tidy(&record.speaker);
        let key = match self.keys.iter().find(|(i, n, _)| i == id && *n == name) {
            Some((_, _, key)) => key.clone(),
            None => {
                let key = names::key(id, &name);
                self.keys
                    .push((id.to_string(), name.to_string(), key.clone()));
                key
            }
        };
        let claim = &mut self.claims[at];
        let speaker = match claim.speakers.iter().position(|s| s.key == key) {
            Some(k) => &mut claim.speakers[k],
            None => {
                claim.speakers.push(ClaimSpeaker {
                    key,
                    ..ClaimSpeaker::default()
                });
                claim.speakers.last_mut().expect("just pushed")
            }
        };
        let values = &mut speaker.values;
        add_distinct(&mut values[IDS], id);
        add_distinct(&mut values[NAMES], &name);
        add_distinct(&mut values[TITLES], &tidy(&record.title));
        add_distinct(&mut values[ROLES], &tidy(&record.role));
        add_distinct(&mut values[ORGANISATIONS], &tidy(&record.organisation));
    }

    /// Adds the claims of another part of the same article (rows of one id that came
    /// together in two pieces).
    fn merge(&mut self, other: CorpusArticle) {
        self.rows += other.rows;
        let mut other_ids: Vec<(String, usize)> = other.by_claim.into_iter().collect();
        other_ids.sort_by_key(|&(_, at)| at);
        let mut claims: Vec<Option<ArticleClaim>> = other.claims.into_iter().map(Some).collect();
        for (claim_id, at) in other_ids {
            let claim = claims[at].take().expect("each claim once");
            match self.by_claim.get(&claim_id) {
                Some(&mine) => {
                    let mine = &mut self.claims[mine];
                    mine.anonymous |= claim.anonymous;
                    for speaker in claim.speakers {
                        match mine.speakers.iter_mut().find(|s| s.key == speaker.key) {
                            Some(s) => s.absorb(speaker),
                            None => mine.speakers.push(speaker),
                        }
                    }
                }
                None => {
                    self.by_claim.insert(claim_id, self.claims.len());
                    self.claims.push(claim);
                }
            }
        }
    }
}

impl ClaimSpeaker {
    fn absorb(&mut self, other: ClaimSpeaker) {
        for (mine, theirs) in self.values.iter_mut().zip(other.values) {
            for value in theirs {
                add_distinct(mine, &value);
            }
        }
    }
}

/// `text` with its whitespace runs made one space and none at either end: "Richard\nLyng",
/// broken across lines in the article, is "Richard Lyng".
fn tidy(text: &str) -> Cow<'_, str> {
    let tidy = text
        .split(' ')
        .all(|w| !w.is_empty() && !w.contains(char::is_whitespace));
    if tidy || text.is_empty() {
        Cow::Borrowed(text)
    } else {
        Cow::Owned(text.split_whitespace().collect::<Vec<_>>().join(" "))
    }
}

fn add_distinct(values: &mut Vec<String>, value: &str) {
    if !value.is_empty() && !values.iter().any(|v| v == value) {
        values.push(value.to_string());
    }
}

/// Claim and article counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
struct Tally {
    claims: u64,
    articles: u64,
    direct: u64,
    mixed: u64,
    indirect: u64,
}

impl Tally {
    fn claim(&mut self, kind: Kind) {
        self.claims += 1;
        match kind {
            Kind::Direct => self.direct += 1,
            Kind::Mixed => self.mixed += 1,
            Kind::Indirect => self.indirect += 1,
        }
    }

    fn add(&mut self, other: &Tally) {
        self.claims += other.claims;
        self.articles += other.articles;
        self.direct += other.direct;
        self.mixed += other.mixed;
        self.indirect += other.indirect;
    }
}

/// Most values a [`Counts`] keeps in a list before it turns into a map.
const FEW: usize = 8;

/// How often each value was seen (once per claim): a list while there are few values, as for
/// nearly every speaker and field, a map when there are many. A map for each field of each
/// of a corpus's speakers took three times the memory.
#[derive(Debug, Clone)]
enum Counts {
    Few(Vec<(String, u64)>),
    /// Boxed, so that the many short lists are not the size of a map.
    #[allow(clippy::box_collection)]
    Many(Box<HashMap<String, u64>>),
}

impl Default for Counts {
    fn default() -> Counts {
        Counts::Few(Vec::new())
    }
}

impl Counts {
    /// Counts `value` `n` more times.
    fn add(&mut self, value: String, n: u64) {
        match self {
            Counts::Few(list) => {
                if let Some((_, count)) = list.iter_mut().find(|(v, _)| *v == value) {
                    *count += n;
                } else if list.len() < FEW {
                    // Most lists hold one value: room for four, as a push makes, was most
                    // of their memory.
                    list.reserve_exact(1);
                    list.push((value, n));
                } else {
                    let mut map: HashMap<String, u64> = list.drain(..).collect();
                    map.insert(value, n);
                    *self = Counts::Many(Box::new(map));
                }
            }
            Counts::Many(map) => *map.entry(value).or_default() += n,
        }
    }

    /// Adds every count of `other`.
    fn absorb(&mut self, other: Counts) {
        for (value, n) in other.into_iter() {
            self.add(value, n);
        }
    }

    /// The number of distinct values.
    fn len(&self) -> usize {
        match self {
            Counts::Few(list) => list.len(),
            Counts::Many(map) => map.len(),
        }
    }

    fn iter(&self) -> Box<dyn Iterator<Item = (&str, u64)> + '_> {
        match self {
            Counts::Few(list) => Box::new(list.iter().map(|(v, n)| (v.as_str(), *n))),
            Counts::Many(map) => Box::new(map.iter().map(|(v, n)| (v.as_str(), *n))),
        }
    }

    fn into_iter(self) -> Box<dyn Iterator<Item = (String, u64)>> {
        match self {
            Counts::Few(list) => Box::new(list.into_iter()),
            Counts::Many(map) => Box::new((*map).into_iter()),
        }
    }
}

/// Everything counted under one key.
#[derive(Debug, Clone, Default)]
struct KeyStats {
    /// How many claims had each value of each field ([`IDS`], [`NAMES`], ...).
    counts: [Counts; FIELDS],
    /// The claims and articles of this key and of no other key it might merge with.
    tally: Tally,
}

impl KeyStats {
    fn absorb(&mut self, other: KeyStats) {
        for (mine, theirs) in self.counts.iter_mut().zip(other.counts) {
            mine.absorb(theirs);
        }
        self.tally.add(&other.tally);
    }
}

/// The corpus speakers table being built: claim records go in, a file's or an article's at a
/// time, in file order, and [`finish`](Corpus::finish) merges the spellings of each speaker
/// and makes the rows.
///
/// Memory grows with the distinct speakers and their distinct spellings, titles, roles and
/// organisations, plus one article: claims are counted an article at a time, which is why the
/// rows of an article must come together, as `whosaid extract` writes them. Rows of one
/// article id that come apart (a duplicate id in the input) count as two articles.
///
/// ```
/// use whosaid_export::{Corpus, Record};
///
/// # fn rec(article: &str, claim: &str, speaker: &str, id: &str) -> Record<'static> {
/// #     Record { article_id: article.to_string().into(), claim_id: claim.to_string().into(),
/// #         kind: "direct", quote: "…".into(), start: 0, end: 1,
/// #         speaker: speaker.to_string().into(), speaker_type: "person",
/// #         speaker_id: id.to_string().into(), title: "".into(), role: "".into(),
/// #         organisation: "".into(), outlet: "".into(), cue: "said".into(),
/// #         speaker_mention: "".into(), speaker_start: None, speaker_end: None,
/// #         cue_start: None, cue_end: None, resolution: "explicit", rule: "".into(),
/// #         confidence: whosaid_core::Confidence::CERTAIN }
/// # }
/// let mut corpus = Corpus::new();
/// corpus.add(&rec("a1", "a1#1", "Barack Obama", "person:barack-obama"));
/// corpus.add(&rec("a1", "a1#1", "Barack Obama", "person:barack-obama"));
/// corpus.add(&rec("a2", "a2#1", "Pres. Obama", "person:pres-obama"));
/// let (rows, summary) = corpus.finish();
/// assert_eq!(rows.len(), 1);
/// assert_eq!(rows[0].speaker_id, "person:barack-obama");
/// assert_eq!(rows[0].variants, "Barack Obama; Pres. Obama");
/// assert_eq!((rows[0].claims, rows[0].articles), (2, 2));
/// assert_eq!((summary.rows, summary.claims, summary.merged), (3, 2, 1));
/// ```
#[derive(Debug, Default)]
pub struct Corpus {
    /// The article being read: added when the next one starts.
    pending: Option<CorpusArticle>,
    keys: HashMap<String, KeyStats>,
    /// The claims and articles shared by keys that might merge (a claim whose rows name
    /// "Obama" and "Barack Obama"), by those keys in order, so that each counts once per
    /// speaker whatever merges.
    shared: HashMap<Vec<String>, Tally>,
    summary: CorpusSummary,
}

impl Corpus {
    /// An empty table.
    pub fn new() -> Corpus {
        Corpus::default()
    }

    /// Adds a claim record. Records come in file order: the rows of an article together.
    pub fn add(&mut self, record: &Record<'_>) {
        match &mut self.pending {
            Some(article) if article.article_id == record.article_id => article.add(record),
            _ => {
                let mut article = CorpusArticle::new(&record.article_id);
                article.add(record);
                self.add_article(article);
            }
        }
    }

    /// Adds the claims of an article, made by [`CorpusArticle::add`] from its records; the
    /// same as adding those records one by one.
    pub fn add_article(&mut self, article: CorpusArticle) {
        if article.rows == 0 {
            return;
        }
        match &mut self.pending {
            Some(pending) if pending.article_id == article.article_id => pending.merge(article),
            _ => {
                self.flush();
                self.pending = Some(article);
            }
        }
    }

    /// Adds everything another table was given: the table of a file, once it was read
    /// without error.
    pub fn absorb(&mut self, mut other: Corpus) {
        other.flush();
        self.flush();
        for (key, stats) in other.keys {
            match self.keys.get_mut(&key) {
                Some(mine) => mine.absorb(stats),
                None => {
                    self.keys.insert(key, stats);
                }
            }
        }
        for (keys, tally) in other.shared {
            self.shared.entry(keys).or_default().add(&tally);
        }
        let (mine, theirs) = (&mut self.summary, other.summary);
        mine.rows += theirs.rows;
        mine.claims += theirs.claims;
        mine.articles += theirs.articles;
        mine.unnamed += theirs.unnamed;
        mine.anonymous += theirs.anonymous;
    }

    /// Counts the pending article.
    fn flush(&mut self) {
        let Some(article) = self.pending.take() else {
            return;
        };
        self.summary.rows += article.rows;
        self.summary.articles += 1;
        let mut in_article: Vec<String> = Vec::new();
        for claim in article.claims {
            self.summary.claims += 1;
            if claim.speakers.is_empty() {
                self.summary.unnamed += 1;
                self.summary.anonymous += u64::from(claim.anonymous);
                continue;
            }
            let mut keys = Vec::with_capacity(claim.speakers.len());
            for speaker in claim.speakers {
                let stats = match self.keys.get_mut(&speaker.key) {
                    Some(stats) => stats,
                    None => self.keys.entry(speaker.key.clone()).or_default(),
                };
                for (counts, values) in stats.counts.iter_mut().zip(speaker.values) {
                    for value in values {
                        counts.add(value, 1);
                    }
                }
                keys.push(speaker.key);
            }
            self.tally(&keys, |t| t.claim(claim.kind));
            in_article.extend(keys);
        }
        in_article.sort_unstable();
        in_article.dedup();
        self.tally(&in_article, |t| t.articles += 1);
    }

    /// Counts a claim or an article for each of its distinct `keys`: under the key when no
    /// other of them may merge with it, else once under the keys that may.
    fn tally(&mut self, keys: &[String], count: impl Fn(&mut Tally)) {
        let mut groups: BTreeMap<&str, Vec<&String>> = BTreeMap::new();
        for key in keys {
            groups.entry(names::merge_group(key)).or_default().push(key);
        }
        for (_, mut group) in groups {
            if let [key] = group[..] {
                count(&mut self.keys.get_mut(key).expect("counted key").tally);
            } else {
                group.sort_unstable();
                let group = group.into_iter().cloned().collect();
                count(self.shared.entry(group).or_default());
            }
        }
    }

    /// Merges the spellings of each speaker and makes the table, sorted by claims (most
    /// first), then speaker id; also says what was read and made.
    pub fn finish(mut self) -> (Vec<CorpusRow>, CorpusSummary) {
        self.flush();
        let mut summary = self.summary;
        summary.ids = self.keys.values().map(|s| s.counts[IDS].len() as u64).sum();

        // Each key's best name, for the full names' shape.
        let core_of = |stats: &KeyStats| {
            ranked(&stats.counts[NAMES])
                .first()
                .map_or(String::new(), |name| names::name_core(name).to_string())
        };
        let mut full_names: HashMap<&str, Vec<&str>> = HashMap::new();
        for (key, stats) in &self.keys {
            if names::is_person(key)
                && !names::is_surname(key)
                && names::looks_like_name(&core_of(stats))
            {
                full_names
                    .entry(names::merge_group(key))
                    .or_default()
                    .push(key);
            }
        }
        let mut root: HashMap<String, String> = HashMap::new();
        // "Donald J. Trump" is Donald Trump when the corpus has both: a full name with middle
        // initials goes to the same name without them.
        for key in self.keys.keys() {
            if !names::is_person(key) || names::is_surname(key) {
                continue;
            }
            let without = without_initials(key);
            if without != *key && self.keys.contains_key(&without) && !names::is_surname(&without) {
                root.insert(key.clone(), without);
                summary.merged += 1;
            }
        }
        let mut ambiguous: HashMap<String, Vec<&str>> = HashMap::new();
        for key in self.keys.keys() {
            if !names::is_person(key)
                || !names::is_surname(key)
                || !names::looks_like_name(&core_of(&self.keys[key]))
            {
                continue;
            }
            let mut candidates: Vec<&str> = full_names
                .get(names::merge_group(key))
                .into_iter()
                .flatten()
                .copied()
                .filter(|full| names::extends(full, key) && !root.contains_key(*full))
                .collect();
            // One full name quoted at least DOMINANT (5) times as often as all the others of the
            // surname together is the one the surname means: "Obama" alone is Barack Obama in
            // a corpus where Michelle Obama speaks twice and he a hundred times.
            // A full name's claims with those of its spellings with initials.
            let claims_of = |full: &str| {
                self.keys[full].tally.claims
                    + root
                        .iter()
                        .filter(|(_, into)| into.as_str() == full)
                        .map(|(k, _)| self.keys[k].tally.claims)
                        .sum::<u64>()
            };
            let dominant = (candidates.len() > 1)
                .then(|| {
                    let top = *candidates
                        .iter()
                        .max_by_key(|f| (claims_of(f), std::cmp::Reverse(**f)))?;
                    let rest: u64 = candidates
                        .iter()
                        .filter(|f| **f != top)
                        .map(|f| claims_of(f))
                        .sum();
                    (claims_of(top) >= DOMINANT * rest.max(1)).then_some(top)
                })
                .flatten();
            if let Some(top) = dominant {
                candidates.retain(|f| *f == top);
            }
            match candidates.len() {
                0 => {}
                1 => {
                    root.insert(key.clone(), candidates[0].to_string());
                    summary.merged += 1;
                }
                _ => {
                    candidates.sort_unstable();
                    ambiguous.insert(key.clone(), candidates);
                    summary.ambiguous += 1;
                }
            }
        }
        let ambiguous: HashMap<String, Vec<String>> = ambiguous
            .into_iter()
            .map(|(key, full)| (key, full.into_iter().map(str::to_string).collect()))
            .collect();
        drop(full_names);

        // Every root's merged counts, in place: the merged keys move into their roots.
        let mut merged = self.keys;
        for (key, into) in &root {
            let stats = merged.remove(key).expect("a counted key");
            merged
                .get_mut(into)
                .expect("a counted full name")
                .absorb(stats);
        }
        let root_of =
            |key: &str| -> String { root.get(key).map_or(key, String::as_str).to_string() };
        for (keys, tally) in &self.shared {
            let mut roots: Vec<String> = keys.iter().map(|k| root_of(k)).collect();
            roots.sort_unstable();
            roots.dedup();
            for r in roots {
                merged
                    .get_mut(&r)
                    .expect("a root of counted keys")
                    .tally
                    .add(tally);
            }
        }

        let claims_of = |key: &str| merged.get(key).map_or(0, |s| s.tally.claims);
        let mut rows: Vec<CorpusRow> = merged
            .iter()
            .map(|(key, stats)| {
                let note = ambiguous.get(key).map_or(String::new(), |full| {
                    let mut full: Vec<&str> = full.iter().map(String::as_str).collect();
                    full.sort_by_key(|f| std::cmp::Reverse(claims_of(f)));
                    let more = full.len().saturating_sub(VALUES_LISTED);
                    let mut note = format!("ambiguous: {}", listed(&full, VALUES_LISTED));
                    if more > 0 {
                        note.push_str(&format!("; and {more} more"));
                    }
                    note
                });
                row(key, stats, note)
            })
            .collect();
        rows.sort_by(|a, b| {
            b.claims
                .cmp(&a.claims)
                .then_with(|| a.speaker_id.cmp(&b.speaker_id))
        });
        summary.speakers = rows.len() as u64;
        (rows, summary)
    }
}

/// The row of a root key from its merged counts.
fn row(key: &str, stats: &KeyStats, note: String) -> CorpusRow {
    let variants = ranked(&stats.counts[NAMES]);
    let name = if names::is_person(key) {
        // The most frequent spelling of the root's own name, titles left out.
        let mut spellings = Counts::default();
        for (variant, n) in stats.counts[NAMES].iter() {
            let core = names::name_core(variant);
            if names::key(key, core) == key {
                spellings.add(core.to_string(), n);
            }
        }
        ranked(&spellings).first().map(|s| s.to_string())
    } else {
        variants.first().map(|s| s.to_string())
    }
    .unwrap_or_default();
    let all = usize::MAX;
    CorpusRow {
        speaker_id: key.to_string(),
        name,
        speaker_type: key.split_once(':').map_or("", |(t, _)| t).to_string(),
        variants: listed(&variants, all),
        titles: listed(&ranked(&stats.counts[TITLES]), VALUES_LISTED),
        roles: listed(&ranked(&stats.counts[ROLES]), VALUES_LISTED),
        organisations: listed(&ranked(&stats.counts[ORGANISATIONS]), VALUES_LISTED),
        claims: stats.tally.claims,
        articles: stats.tally.articles,
        direct: stats.tally.direct,
        mixed: stats.tally.mixed,
        indirect: stats.tally.indirect,
        ids: listed(&ranked(&stats.counts[IDS]), all),
        note,
    }
}

/// The values, most frequent first, then in string order.
fn ranked(counts: &Counts) -> Vec<&str> {
    let mut values: Vec<(&str, u64)> = counts.iter().collect();
    values.sort_unstable_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(b.0)));
    values.into_iter().map(|(v, _)| v).collect()
}

/// The first `most` values, `"; "` between them.
fn listed(values: &[&str], most: usize) -> String {
    values
        .iter()
        .take(most)
        .copied()
        .collect::<Vec<_>>()
        .join("; ")
}

/// How many times as many claims one full name must have as all the other full names of a
/// surname together for the surname alone to be merged into it.
const DOMINANT: u64 = 5;

/// A person id without its one-letter words: "person:donald-j-trump" -> "person:donald-trump".
fn without_initials(key: &str) -> String {
    let Some((kind, slug)) = key.split_once(':') else {
        return key.to_string();
    };
    let words: Vec<&str> = slug.split('-').filter(|w| w.chars().count() > 1).collect();
    if words.len() < 2 {
        return key.to_string();
    }
    format!("{kind}:{}", words.join("-"))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A record of claim `claim` of `article`, of `kind`, by `speaker` (a person).
    fn rec(article: &str, claim: &str, kind: &'static str, speaker: &str) -> Record<'static> {
        let text = |s: &str| Cow::Owned(s.to_string());
        Record {
            article_id: text(article),
            claim_id: text(claim),
            kind,
            quote: text("…"),
            start: 0,
            end: 1,
            speaker: text(speaker),
            speaker_type: "person",
            speaker_id: text(&crate::speaker_id(
                Some(whosaid_core::SpeakerKind::Person),
                speaker,
            )),
            title: text(""),
            role: text(""),
            organisation: text(""),
            outlet: text(""),
            cue: text("said"),
            speaker_mention: text(""),
            speaker_start: None,
            speaker_end: None,
            cue_start: None,
            cue_end: None,
            resolution: "explicit",
            rule: text(""),
            confidence: whosaid_core::Confidence::CERTAIN,
        }
    }

    fn table(records: &[Record<'_>]) -> Vec<CorpusRow> {
        let mut corpus = Corpus::new();
        for r in records {
            corpus.add(r);
        }
        corpus.finish().0
    }

    #[test]
    fn a_claim_that_names_two_spellings_counts_once() {
        let rows = table(&[
            rec("a", "a#1", "mixed", "Obama"),
            rec("a", "a#1", "direct", "Barack Obama"),
            rec("a", "a#2", "direct", "Pres. Obama"),
            rec("b", "b#1", "indirect", "Obama"),
        ]);
        assert_eq!(rows.len(), 1, "{rows:#?}");
        let row = &rows[0];
        assert_eq!((row.claims, row.articles), (3, 2));
        assert_eq!((row.direct, row.mixed, row.indirect), (1, 1, 1));
        assert_eq!(row.variants, "Obama; Barack Obama; Pres. Obama");
    }

    #[test]
    fn a_claim_of_two_people_counts_for_each() {
        let rows = table(&[
            rec("a", "a#1", "direct", "Bush"),
            rec("a", "a#1", "direct", "Jeb Bush"),
            rec("a", "a#2", "direct", "George Bush"),
        ]);
        let claims: Vec<_> = rows
            .iter()
            .map(|r| (r.speaker_id.as_str(), r.claims, r.articles))
            .collect();
        assert_eq!(
            claims,
            [
                ("person:bush", 1, 1),
                ("person:george-bush", 1, 1),
                ("person:jeb-bush", 1, 1)
            ]
        );
    }

    #[test]
    fn articles_added_whole_or_by_record_give_the_same_table() {
        let records = [
            rec("a", "a#1", "direct", "Obama"),
            rec("a", "a#2", "direct", "Barack Obama"),
            rec("b", "b#1", "direct", "Obama"),
            // The same id again at once: one article, as a reader of the rows sees it.
            rec("b", "b#1", "indirect", "Barack Obama"),
            rec("a", "a#1", "direct", "Obama"),
        ];
        let mut whole = Corpus::new();
        for group in [&records[..2], &records[2..3], &records[3..4], &records[4..]] {
            let mut article = CorpusArticle::new(&group[0].article_id);
            for r in group {
                article.add(r);
            }
            whole.add_article(article);
            whole.add_article(CorpusArticle::new("empty"));
        }
        let (rows, summary) = whole.finish();
        assert_eq!(rows, table(&records));
        assert_eq!((rows[0].claims, rows[0].articles), (4, 3));
        assert_eq!((summary.rows, summary.claims, summary.articles), (5, 4, 3));
    }

    #[test]
    fn shards_absorbed_give_the_table_of_all() {
        let records = [
            rec("a", "a#1", "direct", "Obama"),
            rec("b", "b#1", "direct", "Barack Obama"),
            rec("c", "c#1", "direct", "Michelle Obama"),
        ];
        let mut all = Corpus::new();
        for r in &records {
            let mut shard = Corpus::new();
            shard.add(r);
            all.absorb(shard);
        }
        let (rows, summary) = all.finish();
        assert_eq!(rows, table(&records));
        assert_eq!((summary.merged, summary.ambiguous), (0, 1));
        let obama = rows
            .iter()
            .find(|r| r.speaker_id == "person:obama")
            .unwrap();
        assert_eq!(
            obama.note,
            "ambiguous: person:barack-obama; person:michelle-obama"
        );
    }

    #[test]
    fn a_surname_goes_to_the_full_name_quoted_five_times_as_often_as_the_others() {
        let mut records = vec![
            rec("a", "a#1", "direct", "Obama"),
            rec("c", "c#1", "direct", "Michelle Obama"),
        ];
        let ids: Vec<String> = (0..10).map(|i| format!("b{i}")).collect();
        for id in &ids {
            records.push(rec(id, "x#1", "direct", "Barack Obama"));
        }
        let mut corpus = Corpus::new();
        for r in &records {
            corpus.add(r);
        }
        let (rows, summary) = corpus.finish();
        assert_eq!((summary.merged, summary.ambiguous), (1, 0));
        let barack = rows
            .iter()
            .find(|r| r.speaker_id == "person:barack-obama")
            .unwrap();
        assert_eq!(barack.claims, 11);
        assert!(rows.iter().any(|r| r.speaker_id == "person:michelle-obama"));
        assert!(!rows.iter().any(|r| r.speaker_id == "person:obama"));
    }
}
