//! Decoding what a mail client encoded: quoted-printable and base64
//! bodies, and RFC 2047 encoded words in headers.

/// A quoted-printable body as text.
pub(super) fn decode_quoted_printable(s: &str) -> String {
    let mut out = Vec::new();
    let bytes = s.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'=' if bytes.get(i + 1) == Some(&b'\r') && bytes.get(i + 2) == Some(&b'\n') => i += 3,
            b'=' if bytes.get(i + 1) == Some(&b'\n') => i += 2,
            b'=' if i + 2 < bytes.len() => {
                let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).ok();
                match hex.and_then(|h| u8::from_str_radix(h, 16).ok()) {
                    Some(b) => {
                        out.push(b);
                        i += 3;
                    }
                    None => {
                        out.push(b'=');
                        i += 1;
                    }
                }
            }
            b => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub(super) fn decode_base64(s: &str) -> String {
    String::from_utf8_lossy(&base64_bytes(s)).into_owned()
}

/// The bytes of an RFC 2047 "Q" encoded word (`_` is a space).
pub(super) fn q_bytes(s: &str) -> Vec<u8> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'_' => out.push(b' '),
            b'=' if i + 2 < bytes.len() => {
                match std::str::from_utf8(&bytes[i + 1..i + 3])
                    .ok()
                    .and_then(|h| u8::from_str_radix(h, 16).ok())
                {
                    Some(b) => {
                        out.push(b);
                        i += 2;
                    }
                    None => out.push(b'='),
                }
            }
            b => out.push(b),
        }
        i += 1;
    }
    out
}

pub(super) fn base64_bytes(s: &str) -> Vec<u8> {
    let mut out = Vec::new();
    let (mut acc, mut bits) = (0u32, 0u32);
    for c in s.bytes() {
        let v = match c {
            b'A'..=b'Z' => c - b'A',
            b'a'..=b'z' => c - b'a' + 26,
            b'0'..=b'9' => c - b'0' + 52,
            b'+' => 62,
            b'/' => 63,
            _ => continue,
        };
        acc = (acc << 6) | u32::from(v);
        bits += 6;
        if bits >= 8 {
            bits -= 8;
            out.push(((acc >> bits) & 0xff) as u8);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::super::CaughtMail;

    fn mail(headers: &str) -> CaughtMail {
        CaughtMail {
            from: "a@example.org".into(),
            to: vec!["b@example.org".into()],
            raw: format!("{headers}\r\n\r\nbody"),
        }
    }

    #[test]
    fn encoded_words_are_decoded_across_splits_and_codings() {
        // "접수 번호" in base64, cut in the middle of a character, then plain text.
        let m = mail(
            "Subject: =?utf-8?b?7KCR7IiYIOuy?=\r\n =?utf-8?b?iO2YuA==?= 42-KTR\r\nTo: b@example.org",
        );
        assert_eq!(
            m.decoded_header("Subject").as_deref(),
            Some("접수 번호 42-KTR")
        );
        // Q coding: `_` is a space, =XX a byte; plain words before it.
        let q = mail("Subject: Re: =?utf-8?q?n=C3=BAmero_de_registro?=");
        assert_eq!(
            q.decoded_header("Subject").as_deref(),
            Some("Re: número de registro")
        );
        assert_eq!(
            mail("Subject: plain words")
                .decoded_header("Subject")
                .as_deref(),
            Some("plain words")
        );
        assert_eq!(mail("Subject: x").decoded_header("Cc"), None);
    }
}
