//! The pieces of Python semantics that score.py's figures depend on, reproduced exactly.
//!
//! score.py is the referee: a figure that differs from it in the last digit is a bug here. Each
//! function names the Python expression it stands for.

use std::sync::LazyLock;

use regex::Regex;

/// Python's `re` `\w` on `str` patterns: `str.isalnum()` (letters, and digits and other
/// numerals of every script) or `_`. Unlike the regex crate's `\w`, it excludes combining marks
/// and connector punctuation other than `_`.
static WORD: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[\p{L}\p{N}_]+").expect("a valid literal pattern"));

/// The characters that Python's `str.isprintable()` rejects (its `repr` escapes them): control,
/// format, private-use and unassigned characters, and separators other than the space.
static UNPRINTABLE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"[\p{Cc}\p{Cf}\p{Co}\p{Cn}\p{Zl}\p{Zp}\p{Zs}]").expect("a valid literal pattern")
});

/// Python's `str.isspace()`: Unicode `White_Space` plus the information separators
/// U+001C..U+001F, which Python counts as space and Rust does not.
pub(crate) fn is_space(c: char) -> bool {
    c.is_whitespace() || ('\u{1c}'..='\u{1f}').contains(&c)
}

/// Python's `s.strip()`.
pub(crate) fn strip(s: &str) -> &str {
    s.trim_matches(is_space)
}

/// score.py's `as_int(v)`: Python's `int(v)` on a CSV field, `None` where it raises.
///
/// Accepts surrounding whitespace, a sign, and single underscores between digits, as Python
/// does. Python would also accept decimal digits of other scripts; those are rejected here.
pub(crate) fn as_int(v: Option<&str>) -> Option<i64> {
    let s = strip(v?);
    let (negative, digits) = match s.as_bytes().first() {
        Some(b'-') => (true, &s[1..]),
        Some(b'+') => (false, &s[1..]),
        _ => (false, s),
    };
    let mut value: i64 = 0;
    let mut after_digit = false;
    for c in digits.chars() {
        if c == '_' {
            if !after_digit {
                return None;
            }
            after_digit = false;
            continue;
        }
        let d = c.to_digit(10)?;
        value = value.checked_mul(10)?.checked_add(i64::from(d))?;
        after_digit = true;
    }
    // Empty, or ending in an underscore.
    if !after_digit {
        return None;
    }
    Some(if negative { -value } else { value })
}

/// score.py's `tokens(s)`: `set(re.findall(r"\w+", (s or "").lower()))`.
pub(crate) fn tokens(s: &str) -> std::collections::HashSet<String> {
    let lower = s.to_lowercase();
    WORD.find_iter(&lower)
        .map(|m| m.as_str().to_string())
        .collect()
}

/// Python's `text[k]` on a list of characters: negative indices count from the end; `None`
/// where Python raises `IndexError`.
pub(crate) fn index(chars: &[char], k: i64) -> Option<char> {
    let len = i64::try_from(chars.len()).ok()?;
    let k = if k < 0 { k + len } else { k };
    if (0..len).contains(&k) {
        usize::try_from(k).ok().map(|k| chars[k])
    } else {
        None
    }
}

/// Python's `text[s:e]` on a list of characters: negative bounds count from the end, bounds
/// are clamped, and an empty string comes back when `e` falls before `s`.
pub(crate) fn slice(chars: &[char], s: i64, e: i64) -> String {
    let len = i64::try_from(chars.len()).unwrap_or(i64::MAX);
    let clamp = |k: i64| {
        let k = if k < 0 { k.saturating_add(len) } else { k };
        usize::try_from(k.clamp(0, len)).unwrap_or(0)
    };
    let (s, e) = (clamp(s), clamp(e));
    if e <= s {
        String::new()
    } else {
        chars[s..e].iter().collect()
    }
}

/// Python's `repr(s)` for a `str`: single quotes unless the text holds a single quote and no
/// double quote; `\\`, `\t`, `\n`, `\r` and unprintable characters escaped.
pub(crate) fn repr(s: &str) -> String {
    let quote = if s.contains('\'') && !s.contains('"') {
        '"'
    } else {
        '\''
    };
    let mut out = String::with_capacity(s.len() + 2);
    out.push(quote);
    for c in s.chars() {
        match c {
            '\\' => out.push_str("\\\\"),
            '\t' => out.push_str("\\t"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            c if c == quote => {
                out.push('\\');
                out.push(c);
            }
            ' '..='~' => out.push(c),
            c if c.is_ascii() => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c if !UNPRINTABLE.is_match(c.encode_utf8(&mut [0; 4])) => out.push(c),
            c if u32::from(c) <= 0xff => out.push_str(&format!("\\x{:02x}", u32::from(c))),
            c if u32::from(c) <= 0xffff => out.push_str(&format!("\\u{:04x}", u32::from(c))),
            c => out.push_str(&format!("\\U{:08x}", u32::from(c))),
        }
    }
    out.push(quote);
    out
}

/// Python's `round(x, 1)`: the double nearest to `x` correctly rounded to one decimal, ties
/// to even on the exact binary value. Rust's fixed-precision formatting rounds the same way.
pub(crate) fn round1(x: f64) -> f64 {
    format!("{x:.1}")
        .parse()
        .expect("a formatted float parses back")
}

/// Python's `str(v)` for a JSON value used as an article id.
pub(crate) fn str_of(v: &serde_json::Value) -> Option<String> {
    use serde_json::Value;
    match v {
        Value::String(s) => Some(s.clone()),
        Value::Bool(true) => Some("True".into()),
        Value::Bool(false) => Some("False".into()),
        Value::Null => Some("None".into()),
        Value::Number(n) if n.is_f64() => n.as_f64().map(|f| format!("{f:?}")),
        Value::Number(n) => Some(n.to_string()),
        Value::Array(_) | Value::Object(_) => None,
    }
}

/// Python's `bool(v)` for a JSON value.
pub(crate) fn truthy(v: &serde_json::Value) -> bool {
    use serde_json::Value;
    match v {
        Value::Null => false,
        Value::Bool(b) => *b,
        Value::Number(n) => n.as_f64().is_some_and(|f| f != 0.0),
        Value::String(s) => !s.is_empty(),
        Value::Array(a) => !a.is_empty(),
        Value::Object(o) => !o.is_empty(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    macro_rules! ints {
        ($($name:ident: $input:expr => $want:expr;)*) => {$(
            #[test]
            fn $name() {
                assert_eq!(as_int($input), $want, "int({:?})", $input);
            }
        )*};
    }

    ints! {
        int_plain: Some("42") => Some(42);
        int_spaces: Some(" \t12\n") => Some(12);
        int_info_separator: Some("\u{1f}7") => Some(7);
        int_sign: Some("-3") => Some(-3);
        int_plus: Some("+5") => Some(5);
        int_underscore: Some("1_000") => Some(1000);
        int_double_underscore: Some("1__0") => None;
        int_leading_underscore: Some("_1") => None;
        int_trailing_underscore: Some("1_") => None;
        int_leading_zeros: Some("007") => Some(7);
        int_empty: Some("") => None;
        int_blank: Some("  ") => None;
        int_sign_only: Some("-") => None;
        int_float: Some("3.0") => None;
        int_none: None::<&str> => None;
        int_inner_space: Some("1 2") => None;
        int_overflow: Some("99999999999999999999") => None;
    }

    #[test]
    fn words_are_python_words() {
        let t = tokens("Brig. Gen. Müller-Lüdenscheidt, Café_Owner ² ٣ x\u{301}y");
        for w in [
            "brig",
            "gen",
            "müller",
            "lüdenscheidt",
            "café_owner",
            "²",
            "٣",
            "x",
            "y",
        ] {
            assert!(t.contains(w), "{w} missing from {t:?}");
        }
        // A combining mark is not a word character in Python.
        assert!(!t.iter().any(|w| w.contains('\u{301}')));
        // `İ` lowercases to `i` + combining dot, which splits.
        assert!(tokens("İz").contains("i"));
    }

    #[test]
    fn python_indexing() {
        let chars: Vec<char> = "abc".chars().collect();
        assert_eq!(index(&chars, 0), Some('a'));
        assert_eq!(index(&chars, -1), Some('c'));
        assert_eq!(index(&chars, 3), None);
        assert_eq!(index(&chars, -4), None);
        assert_eq!(slice(&chars, 1, 10), "bc");
        assert_eq!(slice(&chars, -2, 3), "bc");
        assert_eq!(slice(&chars, 2, 1), "");
        assert_eq!(slice(&chars, -10, -1), "ab");
    }

    #[test]
    fn python_repr() {
        assert_eq!(repr("plain"), "'plain'");
        assert_eq!(repr("it's"), "\"it's\"");
        assert_eq!(repr("it's \"x\""), "'it\\'s \"x\"'");
        assert_eq!(repr("a\\b\n\t\r"), "'a\\\\b\\n\\t\\r'");
        assert_eq!(repr("“Hi” €"), "'“Hi” €'");
        assert_eq!(
            repr("a\u{a0}b\u{200b}c\u{7f}\u{1}"),
            "'a\\xa0b\\u200bc\\x7f\\x01'"
        );
        assert_eq!(repr("😀\u{e0001}"), "'😀\\U000e0001'");
    }

    #[test]
    fn rounding_is_python_round() {
        // Exact binary ties go to even; others round by their exact binary value.
        for (x, want) in [
            (0.25, 0.2),
            (0.35, 0.3),
            (45.25, 45.2),
            (0.05, 0.1),
            (99.95, 100.0),
        ] {
            assert_eq!(round1(x), want, "round({x}, 1)");
        }
    }

    #[test]
    fn python_str_and_truth() {
        use serde_json::json;
        assert_eq!(str_of(&json!(5)).as_deref(), Some("5"));
        assert_eq!(str_of(&json!(5.0)).as_deref(), Some("5.0"));
        assert_eq!(str_of(&json!(true)).as_deref(), Some("True"));
        assert_eq!(str_of(&json!([1])), None);
        assert!(truthy(&json!("yes")) && truthy(&json!(1)) && truthy(&json!(true)));
        assert!(!truthy(&json!("")) && !truthy(&json!(0)) && !truthy(&json!(null)));
    }
}
