//! SMTP for local development: MailHog or any catcher on
//! `EMAIL_HOST:EMAIL_PORT` (default 127.0.0.1:1025), no TLS, no auth. An
//! address the server refuses (5xx) is permanent; anything else transient.

use async_trait::async_trait;
use crt_domain::email::{Delivery, EmailSender, EmailStatus, OutgoingEmail, SendError};
use lettre::{
    AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor,
    message::{Mailbox, header::ContentType},
};

/// Sends over plain SMTP.
pub struct SmtpSender {
    transport: AsyncSmtpTransport<Tokio1Executor>,
    from: Mailbox,
}

impl SmtpSender {
    /// A sender to `host:port` with this From address.
    pub fn new(host: &str, port: u16, from: &str) -> Result<Self, String> {
        let from: Mailbox = from
            .parse()
            .map_err(|e| format!("EMAIL_FROM {from:?} is not an address: {e}"))?;
        let transport = AsyncSmtpTransport::<Tokio1Executor>::builder_dangerous(host)
            .port(port)
            .timeout(Some(std::time::Duration::from_secs(15)))
            .build();
        Ok(Self { transport, from })
    }
}

#[async_trait]
impl EmailSender for SmtpSender {
    fn name(&self) -> &'static str {
        "smtp"
    }

    async fn send(&self, mail: &OutgoingEmail) -> Result<Delivery, SendError> {
        let to: Mailbox = mail
            .recipient
            .as_str()
            .parse()
            .map_err(|e| SendError::Permanent(format!("recipient: {e}")))?;
        let message = Message::builder()
            .message_id(Some(format!(
                "<{}@{}>",
                mail.reference,
                self.from.email.domain()
            )))
            .from(self.from.clone())
            .to(to)
            .subject(mail.subject.clone())
            .header(ContentType::TEXT_HTML)
            .body(mail.html_body.clone())
            .map_err(|e| SendError::Permanent(format!("cannot build the message: {e}")))?;
        match self.transport.send(message).await {
            Ok(response) => Ok(Delivery {
                provider_id: response
                    .message()
                    .next()
                    .map(|s| s.chars().take(100).collect()),
                status: EmailStatus::Sent,
                note: None,
            }),
            Err(e) if e.is_permanent() => Err(SendError::Permanent(format!("SMTP: {e}"))),
            Err(e) => Err(SendError::Transient(format!("SMTP: {e}"))),
        }
    }
}
