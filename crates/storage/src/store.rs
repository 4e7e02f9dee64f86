//! Attachments' bytes in object storage, through `object_store`: a local
//! directory or an S3-compatible bucket, streamed both ways.

use std::{path::Path, sync::Arc};

use async_trait::async_trait;
use crt_domain::ports::{AttachmentStore, ByteStream, StoreError};
use futures::StreamExt;
use object_store::{
    ObjectStore, aws::AmazonS3Builder, buffered::BufWriter, local::LocalFileSystem,
    path::Path as ObjectPath,
};
use tokio::io::AsyncWriteExt;

/// S3-compatible storage.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct S3Config {
    /// The bucket.
    pub bucket: String,
    /// A prefix inside it (no leading or trailing slash; may be empty).
    pub prefix: String,
    /// The region (`us-gov-west-1`).
    pub region: Option<String>,
    /// Another endpoint than AWS's (MinIO, moto, a Cloud Foundry service).
    pub endpoint: Option<String>,
    /// The access key id (else the AWS environment and instance roles).
    pub access_key_id: Option<String>,
    /// The secret access key.
    pub secret_access_key: Option<String>,
}

/// Where attachments are kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum StorageConfig {
    /// A local directory (created if missing).
    Local(std::path::PathBuf),
    /// An S3-compatible bucket.
    S3(S3Config),
}

/// The `AttachmentStore` over `object_store`.
#[derive(Clone, Debug)]
pub struct ObjectStorage {
    store: Arc<dyn ObjectStore>,
    prefix: String,
    description: String,
}

fn unavailable(e: &object_store::Error) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

impl ObjectStorage {
    /// Opens the storage `config` describes.
    ///
    /// Errors: a local directory that cannot be created, or S3 settings the
    /// client refuses.
    pub fn open(config: &StorageConfig) -> Result<Self, String> {
        match config {
            StorageConfig::Local(dir) => {
                std::fs::create_dir_all(dir)
                    .map_err(|e| format!("cannot create {}: {e}", dir.display()))?;
                let fs = LocalFileSystem::new_with_prefix(dir)
                    .map_err(|e| format!("{}: {e}", dir.display()))?;
                Ok(Self {
                    store: Arc::new(fs),
                    prefix: String::new(),
                    description: format!("local directory {}", dir.display()),
                })
            }
            StorageConfig::S3(s3) => {
                let mut b = AmazonS3Builder::from_env().with_bucket_name(&s3.bucket);
                if let Some(r) = &s3.region {
                    b = b.with_region(r);
                }
                if let Some(e) = &s3.endpoint {
                    b = b.with_endpoint(e).with_allow_http(e.starts_with("http://"));
                    // Path-style addressing: what MinIO, moto and most
                    // non-AWS services answer.
                    b = b.with_virtual_hosted_style_request(false);
                }
                if let (Some(id), Some(secret)) = (&s3.access_key_id, &s3.secret_access_key) {
                    b = b.with_access_key_id(id).with_secret_access_key(secret);
                }
                let store = b.build().map_err(|e| e.to_string())?;
                let at = s3
                    .endpoint
                    .as_deref()
                    .map_or_else(String::new, |e| format!(" at {e}"));
                Ok(Self {
                    store: Arc::new(store),
                    prefix: s3.prefix.trim_matches('/').to_owned(),
                    description: format!("s3://{}/{}{at}", s3.bucket, s3.prefix.trim_matches('/')),
                })
            }
        }
    }

    fn path(&self, key: &str) -> ObjectPath {
        if self.prefix.is_empty() {
            ObjectPath::from(key)
        } else {
            ObjectPath::from(format!("{}/{key}", self.prefix))
        }
    }
}

#[async_trait]
impl AttachmentStore for ObjectStorage {
    fn describe(&self) -> String {
        self.description.clone()
    }

    async fn put_file(&self, key: &str, path: &Path) -> Result<(), StoreError> {
        let mut file = tokio::fs::File::open(path)
            .await
            .map_err(|e| StoreError::Unavailable(format!("cannot read the upload: {e}")))?;
        // Small files in one request, large ones in parts of 10 MB: memory
        // stays flat whatever the size.
        let mut writer = BufWriter::new(self.store.clone(), self.path(key));
        let copied = tokio::io::copy(&mut file, &mut writer).await;
        if let Err(e) = copied {
            let _ = writer.abort().await;
            return Err(StoreError::Unavailable(e.to_string()));
        }
        if let Err(e) = writer.shutdown().await {
            // An S3 multipart upload left open costs storage: abort it.
            let _ = writer.abort().await;
            return Err(StoreError::Unavailable(e.to_string()));
        }
        Ok(())
    }

    async fn get(&self, key: &str) -> Result<ByteStream, StoreError> {
        match self.store.get(&self.path(key)).await {
            Ok(found) => Ok(Box::pin(
                found
                    .into_stream()
                    .map(|chunk| chunk.map_err(|e| unavailable(&e))),
            )),
            Err(object_store::Error::NotFound { .. }) => Err(StoreError::NotFound(key.to_owned())),
            Err(e) => Err(unavailable(&e)),
        }
    }

    async fn delete(&self, key: &str) -> Result<(), StoreError> {
        match self.store.delete(&self.path(key)).await {
            Ok(()) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(unavailable(&e)),
        }
    }

    async fn check(&self) -> Result<(), StoreError> {
        match self.store.head(&self.path(".crt-storage-check")).await {
            Ok(_) | Err(object_store::Error::NotFound { .. }) => Ok(()),
            Err(e) => Err(unavailable(&e)),
        }
    }
}
