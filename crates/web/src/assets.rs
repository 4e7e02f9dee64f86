//! Static files (the U.S. Web Design System build and our own CSS/JS),
//! embedded in the binary with their brotli and gzip forms made at build
//! time (`build.rs`). Pages link them by content-hashed names
//! (`/static/uswds/css/uswds.min.3f2a91c0ab12.css`, through the templates'
//! `asset()` function), served with `Cache-Control: immutable` for a year;
//! the plain names (what the USWDS stylesheet's `url(…)`s use) are served
//! too, cached for a day. Each answer is the smallest encoding the browser
//! accepts.

use std::{collections::HashMap, sync::OnceLock};

use poem::{
    Request, Response, handler,
    http::{StatusCode, header},
    web::Path,
};

/// One static file and its precompressed forms.
struct Asset {
    /// Its path under `static/`.
    path: &'static str,
    /// The first 12 hex digits of its SHA-256.
    hash: &'static str,
    /// The file.
    raw: &'static [u8],
    /// Brotli, when smaller.
    br: Option<&'static [u8]>,
    /// Gzip, when smaller.
    gz: Option<&'static [u8]>,
}

static ASSETS: &[Asset] = include!(concat!(env!("OUT_DIR"), "/assets.rs"));

/// `dir/name.min.css` with its hash: `dir/name.min.<hash>.css`.
fn hashed_path(path: &str, hash: &str) -> String {
    match path.rsplit_once('.') {
        Some((stem, ext)) if !stem.ends_with('/') => format!("{stem}.{hash}.{ext}"),
        _ => format!("{path}.{hash}"),
    }
}

/// Every file by its plain and its hashed path (`true`: hashed).
fn index() -> &'static HashMap<String, (&'static Asset, bool)> {
    static INDEX: OnceLock<HashMap<String, (&'static Asset, bool)>> = OnceLock::new();
    INDEX.get_or_init(|| {
        let mut map = HashMap::new();
        for a in ASSETS {
            map.insert(a.path.to_owned(), (a, false));
            map.insert(hashed_path(a.path, a.hash), (a, true));
        }
        map
    })
}

/// The address pages link a static file by (its hashed name); `None` for
/// a file that does not exist.
pub fn url(path: &str) -> Option<String> {
    let (asset, _) = index().get(path.trim_start_matches('/'))?;
    Some(format!("/static/{}", hashed_path(asset.path, asset.hash)))
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "css" => "text/css; charset=utf-8",
        "js" => "text/javascript; charset=utf-8",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "jpg" | "jpeg" => "image/jpeg",
        "gif" => "image/gif",
        "ico" => "image/x-icon",
        "woff2" => "font/woff2",
        "woff" => "font/woff",
        "ttf" => "font/ttf",
        "txt" | "md" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}

/// Whether `Accept-Encoding` accepts `coding` (a `q=0` refuses it).
pub(crate) fn accepts(req: &Request, coding: &str) -> bool {
    req.headers()
        .get_all(header::ACCEPT_ENCODING)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(','))
        .any(|part| {
            let mut bits = part.split(';').map(str::trim);
            let name = bits.next().unwrap_or("");
            let q_zero = bits.any(|b| {
                b.strip_prefix("q=")
                    .is_some_and(|q| q.parse::<f32>().is_ok_and(|q| q <= 0.0))
            });
            (name.eq_ignore_ascii_case(coding) || name == "*") && !q_zero
        })
}

/// `GET /static/*path`
#[handler]
pub fn serve(req: &Request, Path(path): Path<String>) -> Response {
    let Some((asset, hashed)) = index().get(path.as_str()).copied() else {
        return StatusCode::NOT_FOUND.into();
    };
    let (body, coding) = match (asset.br, asset.gz) {
        (Some(b), _) if accepts(req, "br") => (b, Some("br")),
        (_, Some(g)) if accepts(req, "gzip") => (g, Some("gzip")),
        _ => (asset.raw, None),
    };
    let etag = format!(
        "\"{}{}\"",
        asset.hash,
        coding.map_or("", |c| if c == "br" { "-br" } else { "-gz" })
    );
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let cache = if hashed {
        "public, max-age=31536000, immutable"
    } else {
        "public, max-age=86400"
    };
    let mut builder = Response::builder()
        .header(header::CACHE_CONTROL, cache)
        .header(header::ETAG, etag);
    if asset.br.is_some() || asset.gz.is_some() {
        builder = builder.header(header::VARY, "Accept-Encoding");
    }
    if fresh {
        return builder.status(StatusCode::NOT_MODIFIED).finish();
    }
    if let Some(c) = coding {
        builder = builder.header(header::CONTENT_ENCODING, c);
    }
    builder.content_type(content_type(asset.path)).body(body)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_keep_the_extension() {
        assert_eq!(
            hashed_path("uswds/css/uswds.min.css", "abc"),
            "uswds/css/uswds.min.abc.css"
        );
        assert_eq!(hashed_path("LICENSE", "abc"), "LICENSE.abc");
        let css = url("uswds/css/uswds.min.css").unwrap();
        assert!(
            css.starts_with("/static/uswds/css/uswds.min.") && css.ends_with(".css"),
            "{css}"
        );
        assert_eq!(url("nope.css"), None);
        let big = ASSETS
            .iter()
            .find(|a| a.path == "uswds/css/uswds.min.css")
            .unwrap();
        assert!(
            big.br.unwrap().len() * 5 < big.raw.len(),
            "brotli shrinks the stylesheet"
        );
        assert!(big.gz.unwrap().len() * 4 < big.raw.len(), "so does gzip");
    }
}
