"""The package's records are the CLI's: same keys in the same order, same values."""

import whosaid
from conftest import NEWS, POLNEAR_DEV, SAMPLES, cli_records, jsonl_articles, need, sample_articles


def assert_same_rows(got: list, want: list) -> None:
    assert len(got) == len(want)
    for g, w in zip(got, want):
        assert list(g) == list(w), "keys or their order differ"
        assert g == w


def test_samples_extract_equals_cli(cli):
    want = cli_records(cli, str(SAMPLES))
    got = [r for a in sample_articles() for r in whosaid.extract(a["text"], id=a["id"])]
    assert len(got) > 50  # the samples have claims; an empty comparison proves nothing
    assert_same_rows(got, want)


def test_samples_offsets_index_the_text():
    for a in sample_articles():
        for r in whosaid.extract(a["text"], id=a["id"]):
            assert a["text"][r["start"] : r["end"]] == r["quote"]


def test_polnear_dev_equals_cli(cli):
    need(POLNEAR_DEV)
    want = cli_records(cli, str(POLNEAR_DEV))
    articles = jsonl_articles(POLNEAR_DEV)
    assert len(want) > 500
    # Each article alone, and the whole file streamed: both are the CLI's rows.
    one_by_one = [
        r
        for a in articles
        for r in whosaid.extract(a["text"], id=a["id"], outlet=a.get("outlet"), title=a.get("title"))
    ]
    assert_same_rows(one_by_one, want)
    assert_same_rows(list(whosaid.extract_many(articles)), want)


def test_beliefs_option_equals_cli_flag(cli):
    need(POLNEAR_DEV)
    want = cli_records(cli, "--beliefs", str(POLNEAR_DEV))
    got = list(whosaid.extract_many(jsonl_articles(POLNEAR_DEV), beliefs=True))
    assert_same_rows(got, want)
    # The option changes rows: without it there are fewer (no detect/raising).
    assert any(r["rule"].startswith("detect/raising") for r in got)


def test_outlet_default_equals_cli(cli, tmp_path):
    articles = sample_articles()[:2]
    articles[1]["outlet"] = "Diyaruna Weekly"
    path = tmp_path / "two.jsonl"
    import json

    path.write_text("".join(json.dumps(a) + "\n" for a in articles), encoding="utf-8")
    want = cli_records(cli, "--outlet", "Gazette", str(path))
    got = list(whosaid.extract_many(articles, outlet="Gazette"))
    assert_same_rows(got, want)
    assert {r["outlet"] for r in got} >= {"Gazette"}


def test_extract_many_equals_extract_across_batches():
    # 1,500 articles: several batches, with ids and without (position ids).
    base = sample_articles()
    articles = []
    for i in range(1500):
        a = base[i % len(base)]
        articles.append({"id": f"{a['id']}-{i}", "text": a["text"]} if i % 3 else a["text"])
    want = []
    for position, a in enumerate(articles, 1):
        if isinstance(a, str):
            want.extend(whosaid.extract(a, id=str(position)))
        else:
            want.extend(whosaid.extract(a["text"], id=a["id"]))
    for threads in (1, 2):
        got = list(whosaid.extract_many(iter(articles), threads=threads))
        assert got == want


def test_ids_may_be_ints_and_stay_strings():
    (row,) = whosaid.extract("“Yes,” Maria Lopez said.", id=42)
    assert row["article_id"] == "42" and row["claim_id"] == "42#1"
    (row,) = list(whosaid.extract_many([{"id": 7, "text": "“Yes,” Maria Lopez said."}]))
    assert row["article_id"] == "7"


def test_news_head_equals_cli(cli, tmp_path):
    need(NEWS)
    with open(NEWS, encoding="utf-8") as f:
        head = [next(f) for _ in range(2000)]
    path = tmp_path / "head.jsonl"
    path.write_text("".join(head), encoding="utf-8")
    import json

    assert_same_rows(list(whosaid.extract_many(json.loads(l) for l in head)), cli_records(cli, str(path)))


def test_tagger_options_equal_cli_flags(cli):
    # The tagger is opt-in: by default no row is the model's; tagger=True is --tagger.
    articles = sample_articles()
    default = list(whosaid.extract_many(articles))
    assert not any(r["rule"].startswith("model/tagger") for r in default)
    assert all(r["confidence"] == 1.0 for r in default)
    assert_same_rows(list(whosaid.extract_many(articles, rules_only=True)), default)
    want = cli_records(cli, "--tagger", str(SAMPLES))
    got = list(whosaid.extract_many(articles, tagger=True))
    assert any(r["rule"].startswith("model/tagger") and r["confidence"] < 1 for r in got)
    assert_same_rows(got, want)
    # min_confidence is --min-confidence, whichever order the keywords come in.
    want = cli_records(cli, "--tagger", "--min-confidence", "0.3", str(SAMPLES))
    assert len(want) > len(got)
    for options in ({"tagger": True, "min_confidence": 0.3}, {"min_confidence": 0.3, "tagger": True}):
        assert_same_rows(list(whosaid.extract_many(articles, **options)), want)


def test_model_option_equals_cli_flag(cli, tmp_path):
    # A model trained by `whosaid train` on the tests' hand-made gold, used as --model is.
    model = tmp_path / "model.bin"
    gold = SAMPLES.parent.parent / "tests" / "fixtures" / "train" / "tiny.gold.jsonl"
    import subprocess

    subprocess.run([str(cli), "train", "-q", "--gold", str(gold), "-o", str(model)], check=True)
    text = tmp_path / "a.txt"
    # Quotation marks let the tagger read the sentence (it skips those without a cue-list word,
    # quotation mark, colon or "according").
    text.write_text("Lena Ostrova doubts the \u201ctunnel\u201d will open in June.\n", encoding="utf-8")
    want = cli_records(cli, "--model", str(model), str(text))
    assert any(r["rule"].startswith("model/tagger") for r in want)
    for path in (str(model), model):
        assert_same_rows(whosaid.extract(text.read_text(encoding="utf-8"), id="a", model=path), want)
