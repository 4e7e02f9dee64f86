//! The ports of staff attachments: the object storage that keeps the bytes,
//! the virus scanner every file passes first, and the table of attachments.

use std::{collections::HashMap, path::Path, pin::Pin};

use async_trait::async_trait;
use bytes::Bytes;
use chrono::{DateTime, Utc};
use futures_core::Stream;

use super::RepositoryError;
use crate::{
    attachments::{Attachment, AttachmentId},
    report::ReportId,
};

/// A stored file's bytes, as they arrive from storage.
pub type ByteStream = Pin<Box<dyn Stream<Item = Result<Bytes, StoreError>> + Send>>;

/// Why object storage did not do what was asked.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// Storage did not answer (network, credentials, a full disk).
    #[error("object storage is out of reach: {0}")]
    Unavailable(String),
    /// No object under that key.
    #[error("no stored object {0}")]
    NotFound(String),
}

/// Where attachments' bytes are kept: a local directory or S3-compatible
/// object storage.
#[async_trait]
pub trait AttachmentStore: Send + Sync {
    /// Where, for operators ("local directory data/attachments",
    /// "s3://bucket/prefix at https://…"); no secret.
    fn describe(&self) -> String;

    /// Stores the file at `path` under `key`, streamed (never whole in
    /// memory).
    ///
    /// Errors: `Unavailable`.
    async fn put_file(&self, key: &str, path: &Path) -> Result<(), StoreError>;

    /// The bytes under `key`, streamed.
    ///
    /// Errors: `NotFound`; `Unavailable`.
    async fn get(&self, key: &str) -> Result<ByteStream, StoreError>;

    /// Deletes `key` (no error if it is already gone).
    ///
    /// Errors: `Unavailable`.
    async fn delete(&self, key: &str) -> Result<(), StoreError>;

    /// Whether storage answers (a listing of one object).
    ///
    /// Errors: `Unavailable`.
    async fn check(&self) -> Result<(), StoreError>;
}

/// What a virus scanner found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Verdict {
    /// Nothing.
    Clean,
    /// A signature matched (its name).
    Infected(String),
}

/// Why a file could not be scanned.
#[derive(Debug, thiserror::Error)]
pub enum ScanError {
    /// The scanner did not answer in time, or not at all.
    #[error("the virus scanner is out of reach: {0}")]
    Unreachable(String),
    /// The scanner answered with an error.
    #[error("the virus scanner refused the file: {0}")]
    Failed(String),
    /// Scanning is not set up (`CLAMD_ADDRESS`).
    #[error("no virus scanner is configured (CLAMD_ADDRESS)")]
    NotConfigured,
}

/// The virus scanner (clamd).
#[async_trait]
pub trait VirusScanner: Send + Sync {
    /// Where, for operators.
    fn describe(&self) -> String;

    /// Scans the file at `path`, streamed to the scanner.
    ///
    /// Errors: `Unreachable`, `Failed`, `NotConfigured`.
    async fn scan_file(&self, path: &Path) -> Result<Verdict, ScanError>;

    /// Whether the scanner answers.
    ///
    /// Errors: `Unreachable`, `NotConfigured`.
    async fn ping(&self) -> Result<(), ScanError>;
}

/// An attachment to record.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NewAttachment {
    /// The report.
    pub report_id: ReportId,
    /// Where its bytes are.
    pub object_key: String,
    /// Its (cleaned) name.
    pub file_name: String,
    /// Its recognised type.
    pub content_type: String,
    /// Bytes.
    pub size: u64,
    /// SHA-256, hex.
    pub sha256: String,
    /// Who uploaded it.
    pub uploaded_by: String,
}

/// The attachments table.
#[async_trait]
pub trait AttachmentRepository: Send + Sync {
    /// Records an attachment with an activity entry on its report, in one
    /// transaction.
    ///
    /// Errors: `NotFound` (no such report); `Backend`.
    async fn add_attachment(
        &self,
        new: &NewAttachment,
        now: DateTime<Utc>,
    ) -> Result<Attachment, RepositoryError>;

    /// A report's attachments, removed ones included, oldest first.
    ///
    /// Errors: `Backend`.
    async fn attachments_of(&self, report: ReportId) -> Result<Vec<Attachment>, RepositoryError>;

    /// One attachment.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn attachment(&self, id: AttachmentId) -> Result<Attachment, RepositoryError>;

    /// Marks an attachment removed (the bytes stay for the retention rules)
    /// with an activity entry; removing it again changes nothing.
    ///
    /// Errors: `NotFound`; `Backend`.
    async fn remove_attachment(
        &self,
        id: AttachmentId,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<Attachment, RepositoryError>;

    /// Logs a download in the report's activity.
    ///
    /// Errors: `Backend`.
    async fn log_attachment_download(
        &self,
        attachment: &Attachment,
        actor: &str,
        now: DateTime<Utc>,
    ) -> Result<(), RepositoryError>;

    /// Every attachment whose bytes are kept, by id (for `crt-admin
    /// attachments verify`; those of disposed reports are deleted).
    ///
    /// Errors: `Backend`.
    async fn all_attachments(&self) -> Result<Vec<Attachment>, RepositoryError>;

    /// How many attachments (not removed) each of these reports has.
    ///
    /// Errors: `Backend`.
    async fn attachment_counts(
        &self,
        reports: &[ReportId],
    ) -> Result<HashMap<ReportId, u64>, RepositoryError>;
}
