//! Attachments on a report's page: upload (multipart, several files; each
//! streamed to a temporary file, scanned, stored; never held whole in
//! memory), download (staff only, streamed, as an attachment with the type
//! its content was recognised as), and removal (soft), through the
//! `Attachments` service.

use crt_domain::{
    attachments::{AttachmentId, SNIFF_BYTES},
    service::{AttachmentError, Upload},
};
use futures::StreamExt;
use poem::{
    Body, IntoResponse, Response, handler,
    http::{StatusCode, header},
    web::{Data, Multipart, Path, Redirect},
};
use sha2::{Digest, Sha256};
use tokio::io::{AsyncReadExt, AsyncWriteExt};

use super::{load, load_for_post, view};
use crate::{
    AppState,
    error::{WebError, WebResult},
    extract::{PostedForm, ReportPath},
    staff::auth::Staff,
};

/// A file received into a temporary file.
struct Received {
    size: u64,
    sha256: String,
    head: Vec<u8>,
    /// Over the size limit: reading stopped, nothing more was written.
    too_large: bool,
}

/// Why a file could not be received.
enum ReceiveError {
    /// The browser's part of it (a dropped connection, a broken body): 400.
    Client(std::io::Error),
    /// Ours (the temporary file): 500.
    Disk(std::io::Error),
}

/// Streams one field into `path`, hashing it and keeping its first bytes;
/// stops writing past `max` bytes.
async fn receive(
    field: poem::web::Field,
    path: &std::path::Path,
    max: u64,
) -> Result<Received, ReceiveError> {
    let mut reader = field.into_async_read();
    let mut file = tokio::fs::File::create(path)
        .await
        .map_err(ReceiveError::Disk)?;
    let mut hash = Sha256::new();
    let mut head = Vec::with_capacity(SNIFF_BYTES);
    let mut size: u64 = 0;
    let mut buf = vec![0u8; 64 * 1024];
    loop {
        let n = reader.read(&mut buf).await.map_err(ReceiveError::Client)?;
        if n == 0 {
            break;
        }
        size += n as u64;
        if size > max {
            return Ok(Received {
                size,
                sha256: String::new(),
                head,
                too_large: true,
            });
        }
        if head.len() < SNIFF_BYTES {
            let take = (SNIFF_BYTES - head.len()).min(n);
            head.extend_from_slice(&buf[..take]);
        }
        hash.update(&buf[..n]);
        file.write_all(&buf[..n])
            .await
            .map_err(ReceiveError::Disk)?;
    }
    file.flush().await.map_err(ReceiveError::Disk)?;
    Ok(Received {
        size,
        sha256: hex::encode(hash.finalize()),
        head,
        too_large: false,
    })
}

/// A directory of its own for one request's uploads (readable by this
/// user only), removed when dropped.
struct Scratch(std::path::PathBuf);

impl Scratch {
    fn new() -> std::io::Result<Self> {
        let dir = std::env::temp_dir().join(format!(
            "crt-upload-{}",
            hex::encode(rand::random::<[u8; 12]>())
        ));
        let mut builder = std::fs::DirBuilder::new();
        #[cfg(unix)]
        std::os::unix::fs::DirBuilderExt::mode(&mut builder, 0o700);
        builder.create(&dir)?;
        Ok(Self(dir))
    }
}

impl Drop for Scratch {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// Scans, stores and records one received file. In a task of its own: a
/// browser that goes away mid-request cannot leave bytes stored without
/// their row (the service deletes them when the row cannot be written).
async fn store_one(
    service: crt_domain::service::Attachments,
    report: crt_domain::report::ReportId,
    path: std::path::PathBuf,
    name: String,
    received: Received,
    actor: String,
) -> Result<crt_domain::attachments::Attachment, AttachmentError> {
    if received.too_large {
        return Err(AttachmentError::Refused(
            crt_domain::attachments::FileRefusal::TooLarge {
                name: crt_domain::attachments::clean_file_name(&name),
                limit: crt_domain::attachments::human_size(service.max_bytes),
            },
        ));
    }
    let task = tokio::spawn(async move {
        let file = Upload {
            path: &path,
            file_name: &name,
            size: received.size,
            sha256: &received.sha256,
            head: &received.head,
        };
        service.upload(report, file, &actor).await
    });
    task.await.map_err(|e| {
        AttachmentError::StoreDown(crt_domain::ports::StoreError::Unavailable(e.to_string()))
    })?
}

/// `POST /form/view/<id>/attachments/`: the form's CSRF token first, then
/// one or more `file` fields. Everything stored: back to the page (a
/// reload sends nothing again); anything refused: the page with why.
#[handler]
pub async fn upload(
    staff: Staff,
    id: ReportPath,
    state: Data<&AppState>,
    mut multipart: Multipart,
) -> WebResult {
    let state = *state;
    let bad = |e: poem::error::ParseMultipartError| {
        WebError::BadRequest(format!("the upload could not be read: {e}"))
    };
    // The token comes first (the form puts it there), so nothing is read
    // into a file before the request is known to be the staff member's.
    let token = match multipart.next_field().await.map_err(bad)? {
        Some(f) if f.name() == Some("csrf_token") => f.text().await.ok(),
        _ => None,
    };
    if !staff.csrf_token_ok(state.settings.secret_key.expose(), token.as_deref()) {
        return Err(WebError::Forbidden);
    }
    let record = load(state, id).await?;
    if record.staff.disposed_at.is_some() {
        return Err(WebError::Unprocessable(
            "This report was disposed of under its retention schedule: no file can be kept with it.".into(),
        ));
    }
    let scratch =
        Scratch::new().map_err(|e| WebError::internal("making an upload directory", e))?;
    let service = &state.services.attachments;
    let (mut stored, mut problems) = (Vec::new(), Vec::new());
    let mut status = StatusCode::OK;
    // Once the scanner or storage is out of reach, the other files are not
    // tried (each would wait out the same time limit).
    let mut down: Option<String> = None;
    let mut n = 0;
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let Some(name) = field
            .file_name()
            .map(str::to_owned)
            .filter(|n| !n.is_empty())
        else {
            continue; // a field without a file (nothing chosen)
        };
        let shown = crt_domain::attachments::clean_file_name(&name);
        if let Some(why) = &down {
            problems.push(format!("{shown}: not tried ({why})."));
            continue;
        }
        n += 1;
        let path = scratch.0.join(n.to_string());
        let received = match receive(field, &path, service.max_bytes).await {
            Ok(r) => r,
            Err(ReceiveError::Client(e)) => {
                return Err(WebError::BadRequest(format!(
                    "the upload was cut off or could not be read: {e}"
                )));
            }
            Err(ReceiveError::Disk(e)) => return Err(WebError::internal("receiving an upload", e)),
        };
        let outcome = store_one(
            service.clone(),
            record.id,
            path.clone(),
            name,
            received,
            staff.user.username.clone(),
        )
        .await;
        let _ = tokio::fs::remove_file(&path).await;
        match outcome {
            Ok(a) => {
                tracing::info!(
                    report = record.id.0,
                    attachment = a.id.0,
                    size = a.size,
                    "attachment stored"
                );
                stored.push(a.file_name);
            }
            Err(AttachmentError::Repository(e)) => return Err(e.into()),
            Err(e) => {
                match &e {
                    AttachmentError::Refused(crt_domain::attachments::FileRefusal::Infected {
                        signature,
                        ..
                    }) => {
                        tracing::warn!(
                            report = record.id.0,
                            signature,
                            "infected upload refused, not stored"
                        );
                        status = status.max(StatusCode::UNPROCESSABLE_ENTITY);
                    }
                    AttachmentError::ScannerDown(why) => {
                        tracing::error!(error = %why, "upload refused: the virus scanner is out of reach");
                        status = StatusCode::SERVICE_UNAVAILABLE;
                        down = Some("the virus scanner is out of reach".into());
                    }
                    AttachmentError::StoreDown(why) => {
                        tracing::error!(error = %why, "upload refused: object storage is out of reach");
                        status = StatusCode::SERVICE_UNAVAILABLE;
                        down = Some("object storage is out of reach".into());
                    }
                    _ => status = status.max(StatusCode::UNPROCESSABLE_ENTITY),
                }
                problems.push(e.to_string());
            }
        }
    }
    drop(scratch);
    if problems.is_empty() && !stored.is_empty() {
        return Ok(
            Redirect::see_other(format!("/form/view/{}/#attachments", record.id.0)).into_response(),
        );
    }
    let mut message = String::new();
    if !stored.is_empty() {
        message.push_str(&format!("Attached: {}. ", stored.join(", ")));
    }
    if !problems.is_empty() {
        message.push_str(&format!("Not attached: {}", problems.join(" ")));
    }
    if stored.is_empty() && problems.is_empty() {
        message.push_str("Choose one or more files to attach.");
        status = StatusCode::UNPROCESSABLE_ENTITY;
    }
    view::render(
        state,
        &staff,
        &record,
        status,
        Some(message.trim()),
        "crt/detail.html",
    )
    .await
}

/// `filename="…"` for any browser, and `filename*` with the real name.
fn content_disposition(name: &str) -> String {
    let ascii: String = name
        .chars()
        .map(|c| {
            if c.is_ascii_graphic() && c != '"' && c != '\\' || c == ' ' {
                c
            } else {
                '_'
            }
        })
        .collect();
    let encoded = percent_encoding::utf8_percent_encode(name, percent_encoding::NON_ALPHANUMERIC);
    format!("attachment; filename=\"{ascii}\"; filename*=UTF-8''{encoded}")
}

/// `GET /form/view/<id>/attachments/<aid>/`: the file, streamed.
#[handler]
pub async fn download(
    staff: Staff,
    Path((report, attachment)): Path<(i64, i64)>,
    state: Data<&AppState>,
) -> WebResult {
    let found = state
        .services
        .attachments
        .download(
            crt_domain::report::ReportId(report),
            AttachmentId(attachment),
            &staff.user.username,
        )
        .await;
    let (a, bytes) = match found {
        Ok(x) => x,
        Err(AttachmentError::NotFound) => return Err(WebError::NotFound),
        Err(AttachmentError::Missing(key)) => {
            tracing::error!(
                key,
                "download: the stored file is missing (crt-admin attachments verify)"
            );
            return Err(WebError::NotFound);
        }
        Err(AttachmentError::StoreDown(e)) => {
            tracing::error!(error = %e, "download: object storage is out of reach");
            return Err(WebError::Unavailable);
        }
        Err(AttachmentError::Repository(e)) => return Err(e.into()),
        Err(e) => return Err(WebError::internal("downloading an attachment", e)),
    };
    let body = Body::from_bytes_stream(bytes.map(|chunk| chunk.map_err(std::io::Error::other)));
    Ok(Response::builder()
        .content_type(&a.content_type)
        .header(
            header::CONTENT_DISPOSITION,
            content_disposition(&a.file_name),
        )
        .header(header::CONTENT_LENGTH, a.size)
        .header(header::CACHE_CONTROL, "no-store")
        // Never run as a page, whatever a browser makes of it.
        .header("content-security-policy", "default-src 'none'; sandbox")
        .body(body))
}

/// `POST /form/view/<id>/attachments/<aid>/remove/`: removed from the
/// report (kept in storage for the retention rules), logged.
#[handler]
pub async fn remove(
    staff: Staff,
    Path((report, attachment)): Path<(i64, i64)>,
    form: PostedForm,
    state: Data<&AppState>,
) -> WebResult {
    let state = *state;
    let record = load_for_post(
        state,
        &staff,
        &form,
        ReportPath(crt_domain::report::ReportId(report)),
    )
    .await?;
    match state
        .services
        .attachments
        .remove(record.id, AttachmentId(attachment), &staff.user.username)
        .await
    {
        Ok(_) => Ok(
            Redirect::see_other(format!("/form/view/{}/#attachments", record.id.0)).into_response(),
        ),
        Err(AttachmentError::NotFound) => Err(WebError::NotFound),
        Err(AttachmentError::Repository(e)) => Err(e.into()),
        Err(e) => Err(WebError::internal("removing an attachment", e)),
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_name_is_offered_safely() {
        assert_eq!(
            super::content_disposition("Carta de queja.pdf"),
            "attachment; filename=\"Carta de queja.pdf\"; filename*=UTF-8''Carta%20de%20queja%2Epdf"
        );
        let hostile = super::content_disposition("a\"b\r\nX: y.pdf");
        assert!(
            hostile.starts_with("attachment; filename=\"a_b__X: y.pdf\""),
            "{hostile}"
        );
        assert!(!hostile.contains('\r') && !hostile.contains('\n'));
        let korean = super::content_disposition("신고서.pdf");
        assert!(korean.contains("filename=\"___.pdf\""), "{korean}");
        assert!(korean.contains("filename*=UTF-8''%EC%8B%A0"), "{korean}");
    }
}
