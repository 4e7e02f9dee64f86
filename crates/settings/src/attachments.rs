//! Staff attachments' settings: where the files are kept (a local
//! directory, or S3-compatible storage), the largest file, and the virus
//! scanner.

use crate::{Secret, SettingsError, env::Lookup, env::parse_trimmed, env::problem};

/// Where attachments are kept.
#[derive(Clone, Debug)]
pub enum AttachmentStorage {
    /// `ATTACHMENTS_DIR`.
    Local(std::path::PathBuf),
    /// `ATTACHMENTS_STORAGE=s3://bucket/prefix` with the `AWS_*` variables.
    S3 {
        /// The bucket.
        bucket: String,
        /// The prefix inside it (may be empty).
        prefix: String,
        /// `AWS_REGION`.
        region: Option<String>,
        /// `AWS_ENDPOINT_URL`.
        endpoint: Option<String>,
        /// `AWS_ACCESS_KEY_ID`.
        access_key_id: Option<String>,
        /// `AWS_SECRET_ACCESS_KEY`.
        secret_access_key: Option<Secret>,
    },
}

/// Staff attachments.
#[derive(Clone, Debug)]
pub struct AttachmentSettings {
    /// Where the files are kept.
    pub storage: AttachmentStorage,
    /// `ATTACHMENT_MAX_BYTES`.
    pub max_bytes: u64,
    /// `CLAMD_ADDRESS`, as given (the adapter reads it).
    pub clamd_address: String,
}

pub(crate) fn read(
    lookup: &Lookup<'_>,
    deployed: bool,
) -> Result<AttachmentSettings, SettingsError> {
    let max_bytes = lookup.required_var("ATTACHMENT_MAX_BYTES", |v| {
        match parse_trimmed::<u64>(v, || format!("{v:?} is not a number of bytes"))? {
            0 => Err("must be at least 1".to_owned()),
            n => Ok(n),
        }
    })?;
    let clamd_address = lookup.required_var("CLAMD_ADDRESS", |v| Ok(v.trim().to_owned()))?;
    // Read (and checked) even when S3 is used: a mistake in it is named.
    let dir = lookup.required_var("ATTACHMENTS_DIR", |v| {
        Ok(std::path::PathBuf::from(v.trim()))
    })?;
    let storage = match lookup.get("ATTACHMENTS_STORAGE") {
        Some(url) => {
            let rest = url.trim().strip_prefix("s3://").ok_or_else(|| {
                problem(
                    "ATTACHMENTS_STORAGE",
                    format!("{url:?} is not s3://bucket or s3://bucket/prefix"),
                )
            })?;
            let (bucket, prefix) = rest.split_once('/').unwrap_or((rest, ""));
            if bucket.is_empty() {
                return Err(problem("ATTACHMENTS_STORAGE", "names no bucket"));
            }
            let endpoint = lookup.get("AWS_ENDPOINT_URL");
            if deployed
                && endpoint
                    .as_deref()
                    .is_some_and(|e| e.starts_with("http://"))
            {
                return Err(problem(
                    "AWS_ENDPOINT_URL",
                    "must be https:// in a deployed environment",
                ));
            }
            AttachmentStorage::S3 {
                bucket: bucket.to_owned(),
                prefix: prefix.trim_matches('/').to_owned(),
                region: lookup.get("AWS_REGION"),
                endpoint,
                access_key_id: lookup.get("AWS_ACCESS_KEY_ID"),
                secret_access_key: lookup.get("AWS_SECRET_ACCESS_KEY").map(Secret),
            }
        }
        None => AttachmentStorage::Local(dir),
    };
    Ok(AttachmentSettings {
        storage,
        max_bytes,
        clamd_address,
    })
}

#[cfg(test)]
#[path = "attachments_tests.rs"]
mod tests;
