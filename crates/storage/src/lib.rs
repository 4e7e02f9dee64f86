//! # crt-storage
//!
//! The outbound adapters of staff attachments:
//! - [`ObjectStorage`]: the `AttachmentStore` port over `object_store`, on a
//!   local directory (the default, under `./data/`) or S3-compatible object
//!   storage (`s3://bucket/prefix`, an endpoint override for MinIO, moto or
//!   a Cloud Foundry S3 service). Files are streamed in and out, never held
//!   whole in memory.
//! - [`Clamd`]: the `VirusScanner` port over clamd's INSTREAM protocol, on
//!   TCP or a Unix socket, with a time limit.
//!
//! Like every adapter it is built from its own small configuration by the
//! composition roots; it knows nothing of the settings crate.

mod clamd;
mod store;

pub use clamd::{Clamd, ClamdAddress};
pub use store::{ObjectStorage, S3Config, StorageConfig};
