//! Reading a posted HTML form: size-limited before parsing, strictly UTF-8,
//! repeated names kept (checkbox groups).

use poem::{Body, Request, http::header};

/// Largest form body accepted (the longest answers fit several times over).
pub const MAX_BODY: usize = 64 * 1024;

/// Why a body was refused.
#[derive(Debug, PartialEq, Eq)]
pub enum BodyError {
    /// Larger than [`MAX_BODY`] (413).
    TooLarge,
    /// Not a URL-encoded form, or not UTF-8 (400).
    Malformed(&'static str),
}

/// One name or value: `+` is a space, `%XX` a byte, and the bytes must be
/// UTF-8 (a broken escape or other text is refused, never guessed at).
fn decode(part: &[u8]) -> Result<String, BodyError> {
    let spaced: Vec<u8> = part
        .iter()
        .map(|b| if *b == b'+' { b' ' } else { *b })
        .collect();
    let broken_escape = spaced.iter().enumerate().any(|(i, b)| {
        *b == b'%'
            && !(spaced.get(i + 1).is_some_and(u8::is_ascii_hexdigit)
                && spaced.get(i + 2).is_some_and(u8::is_ascii_hexdigit))
    });
    if broken_escape {
        return Err(BodyError::Malformed("a % escape in the form is broken"));
    }
    percent_encoding::percent_decode(&spaced)
        .decode_utf8()
        .map(std::borrow::Cow::into_owned)
        .map_err(|_not_utf8| BodyError::Malformed("the form was not sent as UTF-8 text"))
}

/// Parses `application/x-www-form-urlencoded` bytes into name/value pairs.
pub fn parse(bytes: &[u8]) -> Result<Vec<(String, String)>, BodyError> {
    bytes
        .split(|b| *b == b'&')
        .filter(|p| !p.is_empty())
        .map(|p| {
            let (k, v) = match p.iter().position(|b| *b == b'=') {
                Some(i) => (&p[..i], &p[i + 1..]),
                None => (p, &p[p.len()..]),
            };
            Ok((decode(k)?, decode(v)?))
        })
        .collect()
}

/// Reads and parses a posted form, refusing oversize bodies before reading
/// them whole.
pub async fn read(req: &Request, body: Body) -> Result<Vec<(String, String)>, BodyError> {
    let declared = req
        .headers()
        .get(header::CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > MAX_BODY) {
        return Err(BodyError::TooLarge);
    }
    let ct = req
        .headers()
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    if !ct
        .trim_start()
        .to_ascii_lowercase()
        .starts_with("application/x-www-form-urlencoded")
    {
        return Err(BodyError::Malformed(
            "the form must be sent as application/x-www-form-urlencoded",
        ));
    }
    let bytes = body.into_bytes_limit(MAX_BODY).await.map_err(|e| match e {
        poem::error::ReadBodyError::PayloadTooLarge => BodyError::TooLarge,
        _ => BodyError::Malformed("the form could not be read"),
    })?;
    parse(&bytes)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pairs_repeats_and_escapes() {
        let got = parse(b"a=1&b=x+y&c=%3Cscript%3E&c=%E2%9C%93&empty=&flag").unwrap();
        assert_eq!(
            got,
            [
                ("a", "1"),
                ("b", "x y"),
                ("c", "<script>"),
                ("c", "✓"),
                ("empty", ""),
                ("flag", "")
            ]
            .map(|(k, v)| (k.to_owned(), v.to_owned()))
        );
    }

    #[test]
    fn bad_input_is_refused() {
        assert!(
            matches!(parse(b"a=%FF"), Err(BodyError::Malformed(_))),
            "not UTF-8"
        );
        assert!(matches!(parse(b"a=%4"), Err(BodyError::Malformed(_))));
        assert!(matches!(parse(b"a=%zz"), Err(BodyError::Malformed(_))));
        assert!(matches!(
            parse(&[b'a', b'=', 0xC3]),
            Err(BodyError::Malformed(_))
        ));
    }
}
