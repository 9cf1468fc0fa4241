"""Bad input raises TypeError or ValueError naming the article; the interpreter goes on."""

import pytest

import whosaid

GOOD = "“It works,” Ana Ruiz said."


@pytest.mark.parametrize(
    "bad, error, message",
    [
        (3, TypeError, 'article 2: expected a str or a dict with "text", found int'),
        ({"id": "x9"}, ValueError, 'article x9: missing field "text"'),
        ({"id": "x9", "text": None}, ValueError, 'article x9: missing field "text"'),
        ({"id": "x9", "text": b"bytes"}, TypeError, "article x9: text must be a str, found bytes"),
        ({"id": 1.5, "text": "t"}, TypeError, "article 2: id must be a str or an int, found float"),
        ({"id": "x9", "text": "t", "outlet": 5}, TypeError, "article x9: outlet must be a str, found int"),
        ({"id": "x9", "text": "\ud800"}, ValueError, "article x9: text is not valid Unicode"),
    ],
)
def test_bad_article_raises_at_its_place(bad, error, message):
    stream = whosaid.extract_many([GOOD, bad, GOOD])
    first = next(stream)
    assert first["article_id"] == "1"  # the article before it was yielded
    with pytest.raises(error, match=message.replace("(", r"\(")):
        next(stream)
    assert list(stream) == []  # the stream ends at the error


def test_error_from_the_iterable_is_raised_at_its_place():
    def articles():
        yield GOOD
        raise OSError("disk gone")

    stream = whosaid.extract_many(articles())
    assert next(stream)["article_id"] == "1"
    with pytest.raises(OSError, match="disk gone"):
        next(stream)


def test_extract_errors_name_the_article():
    with pytest.raises(TypeError, match="article a1: text must be a str, found NoneType"):
        whosaid.extract(None, id="a1")
    with pytest.raises(ValueError, match="article a1: text is not valid Unicode"):
        whosaid.extract("x\udc80y", id="a1")
    with pytest.raises(TypeError, match="article a1: title must be a str"):
        whosaid.extract("x", id="a1", title=3)


def test_unknown_option_and_bad_option_value():
    with pytest.raises(TypeError, match='unexpected keyword argument "belief"; the options are beliefs'):
        whosaid.extract(GOOD, belief=True)
    with pytest.raises(TypeError, match='unexpected keyword argument "x"'):
        whosaid.extract_many([GOOD], x=1)
    with pytest.raises(TypeError, match='option "beliefs"'):
        whosaid.extract(GOOD, beliefs="yes")


def test_not_iterable():
    with pytest.raises(TypeError):
        whosaid.extract_many(5)


def test_interpreter_survives_and_goes_on():
    for _ in range(3):
        with pytest.raises(ValueError):
            list(whosaid.extract_many([{"id": "z"}]))
    assert whosaid.extract(GOOD)[0]["speaker"] == "Ana Ruiz"


def test_tagger_option_errors(tmp_path):
    # rules_only conflicts with tagger and model, as the CLI's flags do.
    with pytest.raises(TypeError, match="rules_only conflicts with tagger and model"):
        whosaid.extract(GOOD, rules_only=True, tagger=True)
    with pytest.raises(TypeError, match="rules_only conflicts"):
        whosaid.extract(GOOD, model="m.bin", rules_only=True)
    # A model file that is missing or is no model is a ValueError naming it.
    with pytest.raises(ValueError, match="cannot read the model .*missing.bin"):
        whosaid.extract(GOOD, model=str(tmp_path / "missing.bin"))
    bad = tmp_path / "bad.bin"
    bad.write_text("not a model")
    with pytest.raises(ValueError, match="bad.bin: .*not a whosaid tagger model"):
        whosaid.extract(GOOD, model=bad)
    with pytest.raises(ValueError, match="not a number from 0 to 1"):
        whosaid.extract(GOOD, tagger=True, min_confidence=1.5)
