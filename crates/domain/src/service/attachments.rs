//! Staff attachments as a use case: a file is checked (size, extension and
//! content together), scanned for viruses before it is stored (never stored
//! unscanned: a scanner out of reach refuses the upload), kept under a
//! random key, and recorded with an activity entry; downloads and removals
//! are logged; removal is soft (the bytes stay for the retention rules).

use std::{path::Path, sync::Arc};

use crate::{
    attachments::{
        Attachment, AttachmentId, FileRefusal, clean_file_name, human_size, new_object_key,
        recognise,
    },
    ports::{
        AttachmentRepository, AttachmentStore, ByteStream, Clock, NewAttachment, RepositoryError,
        ScanError, StoreError, Verdict, VirusScanner,
    },
    report::ReportId,
};

/// The default largest file (`ATTACHMENT_MAX_BYTES`): 100 MB.
pub const DEFAULT_MAX_BYTES: u64 = 100 * 1024 * 1024;

/// A file received, already on local disk (the web layer streamed it there).
#[derive(Clone, Copy, Debug)]
pub struct Upload<'a> {
    /// Where it is.
    pub path: &'a Path,
    /// The name it came with.
    pub file_name: &'a str,
    /// Its size in bytes.
    pub size: u64,
    /// SHA-256 of its bytes, hex.
    pub sha256: &'a str,
    /// Its first bytes (up to `attachments::SNIFF_BYTES`).
    pub head: &'a [u8],
}

/// Why an attachment was not stored, shown or removed.
#[derive(Debug, thiserror::Error)]
pub enum AttachmentError {
    /// The file itself is refused (type, size, virus): the message says why.
    #[error(transparent)]
    Refused(#[from] FileRefusal),
    /// The virus scanner cannot be reached or is not configured: nothing
    /// is stored unscanned.
    #[error("{0} The file was not stored; please try again later.")]
    ScannerDown(ScanError),
    /// Object storage cannot be reached.
    #[error("{0}. Please try again later.")]
    StoreDown(StoreError),
    /// No such attachment on this report (or it was removed).
    #[error("no such attachment")]
    NotFound,
    /// The attachment is recorded but its bytes are not in storage (a
    /// restore that missed them): `crt-admin attachments verify` lists them.
    #[error("the stored file is missing: {0}")]
    Missing(String),
    /// The database failed.
    #[error(transparent)]
    Repository(#[from] RepositoryError),
}

/// The "attach, download, remove a file" use case.
#[derive(Clone)]
pub struct Attachments {
    /// The attachments table.
    pub repo: Arc<dyn AttachmentRepository>,
    /// Where the bytes are kept.
    pub store: Arc<dyn AttachmentStore>,
    /// The virus scanner.
    pub scanner: Arc<dyn VirusScanner>,
    /// The time of the activity entries.
    pub clock: Arc<dyn Clock>,
    /// The largest file taken (`ATTACHMENT_MAX_BYTES`).
    pub max_bytes: u64,
}

impl Attachments {
    /// Checks, scans, stores and records one file for `report`.
    ///
    /// Errors: `Refused` (type, size, a virus: nothing stored);
    /// `ScannerDown`; `StoreDown`; `Repository` (the stored bytes are
    /// deleted again).
    pub async fn upload(
        &self,
        report: ReportId,
        upload: Upload<'_>,
        actor: &str,
    ) -> Result<Attachment, AttachmentError> {
        let name = clean_file_name(upload.file_name);
        if upload.size > self.max_bytes {
            return Err(FileRefusal::TooLarge {
                name,
                limit: human_size(self.max_bytes),
            }
            .into());
        }
        let kind = recognise(&name, upload.head)?;
        match self.scanner.scan_file(upload.path).await {
            Ok(Verdict::Clean) => {}
            Ok(Verdict::Infected(signature)) => {
                return Err(FileRefusal::Infected { name, signature }.into());
            }
            Err(e) => return Err(AttachmentError::ScannerDown(e)),
        }
        let key = new_object_key(report);
        self.store
            .put_file(&key, upload.path)
            .await
            .map_err(AttachmentError::StoreDown)?;
        let new = NewAttachment {
            report_id: report,
            object_key: key.clone(),
            file_name: name,
            content_type: kind.content_type.to_owned(),
            size: upload.size,
            sha256: upload.sha256.to_owned(),
            uploaded_by: actor.to_owned(),
        };
        match self.repo.add_attachment(&new, self.clock.now()).await {
            Ok(a) => Ok(a),
            Err(e) => {
                // Not recorded: the bytes must not stay behind unaccounted.
                let _ = self.store.delete(&key).await;
                Err(e.into())
            }
        }
    }

    /// A report's attachments (removed ones included, marked).
    ///
    /// Errors: `Repository`.
    pub async fn list(&self, report: ReportId) -> Result<Vec<Attachment>, AttachmentError> {
        Ok(self.repo.attachments_of(report).await?)
    }

    fn of_report(a: Attachment, report: ReportId) -> Result<Attachment, AttachmentError> {
        if a.report_id == report && a.removed_at.is_none() {
            Ok(a)
        } else {
            Err(AttachmentError::NotFound)
        }
    }

    async fn find(
        &self,
        report: ReportId,
        id: AttachmentId,
    ) -> Result<Attachment, AttachmentError> {
        match self.repo.attachment(id).await {
            Ok(a) => Self::of_report(a, report),
            Err(RepositoryError::NotFound) => Err(AttachmentError::NotFound),
            Err(e) => Err(e.into()),
        }
    }

    /// The attachment and its bytes, the download logged.
    ///
    /// Errors: `NotFound` (another report's, or removed); `StoreDown`;
    /// `Repository`.
    pub async fn download(
        &self,
        report: ReportId,
        id: AttachmentId,
        actor: &str,
    ) -> Result<(Attachment, ByteStream), AttachmentError> {
        let a = self.find(report, id).await?;
        let bytes = match self.store.get(&a.object_key).await {
            Ok(b) => b,
            Err(StoreError::NotFound(key)) => return Err(AttachmentError::Missing(key)),
            Err(e) => return Err(AttachmentError::StoreDown(e)),
        };
        self.repo
            .log_attachment_download(&a, actor, self.clock.now())
            .await?;
        Ok((a, bytes))
    }

    /// Removes an attachment from the report (soft: kept in storage).
    ///
    /// Errors: `NotFound`; `Repository`.
    pub async fn remove(
        &self,
        report: ReportId,
        id: AttachmentId,
        actor: &str,
    ) -> Result<Attachment, AttachmentError> {
        let a = self.find(report, id).await?;
        Ok(self
            .repo
            .remove_attachment(a.id, actor, self.clock.now())
            .await?)
    }
}
