//! Static files (the U.S. Web Design System build and our own CSS/JS),
//! embedded in the binary and served with cache headers and ETags.

use poem::{
    Request, Response, handler,
    http::{StatusCode, header},
    web::Path,
};
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../../static/"]
struct StaticFiles;

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

/// `GET /static/*path`
#[handler]
pub fn serve(req: &Request, Path(path): Path<String>) -> Response {
    let Some(file) = StaticFiles::get(&path) else {
        return StatusCode::NOT_FOUND.into();
    };
    let etag = format!("\"{}\"", hex::encode(&file.metadata.sha256_hash()[..16]));
    let fresh = req
        .headers()
        .get(header::IF_NONE_MATCH)
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v.split(',').any(|t| t.trim() == etag));
    let builder = Response::builder()
        .header(header::CACHE_CONTROL, "public, max-age=86400")
        .header(header::ETAG, etag);
    if fresh {
        return builder.status(StatusCode::NOT_MODIFIED).finish();
    }
    builder
        .content_type(content_type(&path))
        .body(file.data.into_owned())
}
