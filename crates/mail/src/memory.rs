//! An in-memory sender for tests: keeps what it was given and can be told
//! to fail.

use std::sync::Mutex;

use async_trait::async_trait;
use crt_domain::email::{Delivery, EmailSender, EmailStatus, OutgoingEmail, SendError};

/// Remembers every mail; fails while `fail_with` is set.
#[derive(Default)]
pub struct MemorySender {
    delay: std::time::Duration,
    sent: Mutex<Vec<OutgoingEmail>>,
    fail_with: Mutex<Option<SendError>>,
}

impl MemorySender {
    /// A sender that takes `delay` per mail (to make concurrency visible).
    pub fn with_delay(delay: std::time::Duration) -> Self {
        Self {
            delay,
            ..Self::default()
        }
    }

    /// The mails taken so far.
    pub fn sent(&self) -> Vec<OutgoingEmail> {
        self.sent.lock().map(|v| v.clone()).unwrap_or_default()
    }

    /// Makes every send fail with `error` (`None`: succeed again).
    pub fn fail_with(&self, error: Option<SendError>) {
        if let Ok(mut f) = self.fail_with.lock() {
            *f = error;
        }
    }
}

#[async_trait]
impl EmailSender for MemorySender {
    fn name(&self) -> &'static str {
        "memory"
    }

    async fn send(&self, mail: &OutgoingEmail) -> Result<Delivery, SendError> {
        if !self.delay.is_zero() {
            tokio::time::sleep(self.delay).await;
        }
        if let Some(e) = self.fail_with.lock().ok().and_then(|f| f.clone()) {
            return Err(e);
        }
        let mut sent = self
            .sent
            .lock()
            .map_err(|e| SendError::Transient(format!("the sent list is poisoned: {e}")))?;
        sent.push(mail.clone());
        Ok(Delivery {
            provider_id: Some(format!("mem-{}", sent.len())),
            status: EmailStatus::Sent,
            note: None,
        })
    }
}
