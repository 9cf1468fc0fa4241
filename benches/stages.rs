//! Throughput of each stage on real article text, and of the pathological inputs of issues 5
//! and 16.
//!
//! Real text comes from ../shared/corpus/news.jsonl (the first 2,000 articles) when it is there,
//! else from data/samples. `cargo bench --bench stages`; `cargo bench --bench stages -- detect`
//! for one group. WHOSAID_BENCH_LONG_MB sets the size of the one-line article (default 50).

use std::hint::black_box;
use std::path::Path;

use criterion::{criterion_group, criterion_main, BenchmarkGroup, Criterion, Throughput};
use whosaid::{decode, Pipeline};
use whosaid_attribute::Resolver;
use whosaid_core::Article;
use whosaid_detect::Detector;
use whosaid_export::{Format, Record, RecordWriter, WriterOptions};
use whosaid_segment::Segmenter;

const CORPUS: &str = "../shared/corpus/news.jsonl";
const CORPUS_ARTICLES: usize = 2000;

/// Real articles: the corpus when present, the bundled samples otherwise.
fn articles() -> Vec<Article> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    if let Ok(corpus) = std::fs::read_to_string(root.join(CORPUS)) {
        return corpus
            .lines()
            .take(CORPUS_ARTICLES)
            .enumerate()
            .filter_map(|(i, line)| {
                let value: serde_json::Value = serde_json::from_str(line).ok()?;
                Some(Article::new(i.to_string(), value["text"].as_str()?))
            })
            .collect();
    }
    eprintln!("bench: {CORPUS} not found; using data/samples");
    let mut paths: Vec<_> = std::fs::read_dir(root.join("data/samples"))
        .expect("data/samples exists")
        .map(|e| e.expect("readable").path())
        .collect();
    paths.sort();
    paths
        .iter()
        .map(|p| {
            let text = std::fs::read_to_string(p).expect("samples are UTF-8");
            Article::new(p.display().to_string(), text)
        })
        .collect()
}

fn total_bytes(articles: &[Article]) -> u64 {
    articles.iter().map(|a| a.text.len() as u64).sum()
}

fn stages(c: &mut Criterion) {
    let articles = articles();
    let segmenter = Segmenter::new();
    let detector = Detector::new();
    let resolver = Resolver::new();
    let docs: Vec<_> = articles
        .iter()
        .map(|a| segmenter.segment(&a.text, a.title.as_deref()))
        .collect();
    let claims: Vec<_> = articles
        .iter()
        .zip(&docs)
        .map(|(a, d)| detector.detect(&a.text, d))
        .collect();
    let attributions: Vec<_> = articles
        .iter()
        .zip(&docs)
        .zip(&claims)
        .map(|((a, d), c)| resolver.resolve(a, d, c.clone()))
        .collect();
    let records: Vec<Record> = articles
        .iter()
        .zip(&attributions)
        .flat_map(|(a, at)| Record::from_attributions(a, at))
        .collect();

    let mut group = c.benchmark_group("stages");
    group.throughput(Throughput::Bytes(total_bytes(&articles)));
    group.sample_size(10);
    group.bench_function("segment", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(segmenter.segment(&a.text, a.title.as_deref()));
            }
        })
    });
    group.bench_function("detect", |b| {
        b.iter(|| {
            for (a, d) in articles.iter().zip(&docs) {
                black_box(detector.detect(&a.text, d));
            }
        })
    });
    group.bench_function("attribute", |b| {
        b.iter(|| {
            for ((a, d), c) in articles.iter().zip(&docs).zip(&claims) {
                black_box(resolver.resolve(a, d, c.clone()));
            }
        })
    });
    group.bench_function("export", |b| {
        b.iter(|| {
            let mut out = RecordWriter::new(Vec::new(), WriterOptions::default()).unwrap();
            for (a, at) in articles.iter().zip(&attributions) {
                for r in Record::from_attributions(a, at) {
                    out.write(r).unwrap();
                }
            }
            black_box(out.finish().unwrap())
        })
    });
    let jsonl = WriterOptions {
        format: Format::Jsonl,
        sanitize: false,
    };
    group.bench_function("export-jsonl", |b| {
        b.iter(|| {
            let mut out = RecordWriter::new(Vec::new(), jsonl).unwrap();
            for r in &records {
                out.write(r.clone()).unwrap();
            }
            black_box(out.finish().unwrap())
        })
    });
    let pipeline = Pipeline::new();
    group.bench_function("pipeline", |b| {
        b.iter(|| {
            for a in &articles {
                black_box(pipeline.records(a));
            }
        })
    });
    group.finish();

    // The whole pipeline with the bundled tagger (`--tagger`, opt-in) against the rules alone,
    // in one run: issue 15's target is at most 1.5x. `tag` is the tagger alone on every
    // sentence that may hold reported speech (in the pipeline it also skips those of rule
    // claims).
    let mut group = c.benchmark_group("tagger");
    group.throughput(Throughput::Bytes(total_bytes(&articles)));
    group.sample_size(10);
    for (name, pipeline) in [
        ("rules-only", Pipeline::rules_only()),
        ("with-model", Pipeline::with_bundled_tagger()),
    ] {
        group.bench_function(name, |b| {
            b.iter(|| {
                for a in &articles {
                    black_box(pipeline.records(a));
                }
            })
        });
    }
    let model = whosaid::default_model();
    group.bench_function("tag", |b| {
        b.iter(|| {
            for (a, d) in articles.iter().zip(&docs) {
                black_box(model.tag(&a.text, d));
            }
        })
    });
    group.finish();

    let bytes: Vec<Vec<u8>> = articles
        .iter()
        .map(|a| a.text.clone().into_bytes())
        .collect();
    let legacy: Vec<Vec<u8>> = articles
        .iter()
        .map(|a| encoding_rs::WINDOWS_1252.encode(&a.text).0.into_owned())
        .collect();
    let mut group = c.benchmark_group("decode");
    group.throughput(Throughput::Bytes(total_bytes(&articles)));
    group.sample_size(10);
    group.bench_function("utf8", |b| {
        b.iter(|| {
            for t in &bytes {
                black_box(decode(t.clone()));
            }
        })
    });
    group.bench_function("windows-1252", |b| {
        b.iter(|| {
            for t in &legacy {
                black_box(decode(t.clone()));
            }
        })
    });
    group.finish();
}

fn bench_one(
    group: &mut BenchmarkGroup<'_, criterion::measurement::WallTime>,
    name: &str,
    text: String,
) {
    let pipeline = Pipeline::new();
    let article = Article::new(name, text);
    group.throughput(Throughput::Bytes(article.text.len() as u64));
    group.bench_function(name, |b| b.iter(|| black_box(pipeline.records(&article))));
}

/// Inputs that a careless stage handles in quadratic time: compare their MB/s with
/// `stages/pipeline`.
fn pathological(c: &mut Criterion) {
    let articles = articles();
    let mut group = c.benchmark_group("pathological");
    group.sample_size(10);
    bench_one(&mut group, "quote-marks", "\"“”‘’' said ".repeat(20_000));
    bench_one(
        &mut group,
        "unbalanced-quotes",
        "He said \"this never ends, and “neither does this. ".repeat(5_000),
    );
    bench_one(
        &mut group,
        "said-said-said",
        "He said \"word\" and left. ".repeat(10_000),
    );
    // #16: 256 KB that nothing splits into sentences (a lowercase word after each period),
    // each made of one construction repeated. They ran in 6.2 s with a 1 GB CSV, 2.95 s and
    // more, against 0.02 s for 256 KB of news; compare with `unsplittable/news-256k`.
    let unit_256k = |unit: &str| unit.repeat((256 << 10) / unit.len());
    let mut news = String::new();
    for a in &articles {
        if news.len() >= 256 << 10 {
            break;
        }
        news.push_str(&a.text);
        news.push_str("\n\n");
    }
    bench_one(&mut group, "unsplittable/news-256k", news);
    for (name, unit) in [
        ("quote-said-x", "\"We win,\" the minister said. x "),
        ("comma-he-said", "x, he said, "),
        ("said-quote-and", "he said \"a b\" and "),
        ("according-to", "according to "),
    ] {
        bench_one(&mut group, &format!("unsplittable/{name}"), unit_256k(unit));
    }
    // Lowercase word salad with cues and commas, from a fixed generator.
    let words = [
        "the",
        "said",
        "plan",
        "says",
        "would",
        "told",
        "officials",
        "adding",
        "that",
        ",",
        "according",
        "to",
        "market",
        "and",
        "but",
        "he",
        "she",
        "was",
        "new",
        "rates",
    ];
    let mut salad = String::with_capacity(256 << 10);
    let mut state = 0x2545_f491_u32;
    while salad.len() < 256 << 10 {
        state ^= state << 13;
        state ^= state >> 17;
        state ^= state << 5;
        salad.push_str(words[state as usize % words.len()]);
        salad.push(' ');
    }
    bench_one(&mut group, "unsplittable/word-salad", salad);
    // Real text with every newline removed: one paragraph, one line.
    let mb: usize = std::env::var("WHOSAID_BENCH_LONG_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(50);
    let mut long = String::with_capacity(mb << 20);
    'fill: loop {
        for a in &articles {
            if long.len() >= mb << 20 {
                break 'fill;
            }
            long.push_str(&a.text.replace(['\n', '\r'], " "));
            long.push(' ');
        }
    }
    bench_one(&mut group, &format!("one-line-{mb}mb"), long);
    group.finish();
}

criterion_group!(benches, stages, pathological);
criterion_main!(benches);
