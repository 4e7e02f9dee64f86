//! What crt-mail needs to know, in its own terms: the composition root
//! (`crt-web`, `crt-admin`) builds a [`MailConfig`] from its settings, so
//! this crate does not depend on how settings are read.

use std::fmt;

/// The e-mail configuration: the backend, the recipient policy and the
/// unsubscribe links.
#[derive(Clone)]
pub struct MailConfig {
    /// Which backend sends, or why none does.
    pub backend: MailBackend,
    /// `RESTRICT_EMAIL_RECIPIENTS_TO` as given (`;`-separated; empty = anyone).
    pub restrict_recipients_to: String,
    /// The portal's public address (`SITE_URL`), for links in letters.
    pub site_url: String,
    /// The key that signs unsubscribe links (`SECRET_KEY`).
    pub unsubscribe_secret: String,
}

/// Which backend the configuration makes possible.
#[derive(Clone, PartialEq, Eq)]
pub enum MailBackend {
    /// The TMS API (token, endpoint and webhook nets all set).
    Tms {
        /// `TMS_TARGET_ENDPOINT`
        endpoint: String,
        /// `TMS_AUTH_TOKEN`
        token: String,
        /// Who may call the delivery webhook, as shown in the log line
        /// (`TMS_WEBHOOK_ALLOWED_CIDR_NETS`; checked by the web server).
        webhook_nets: String,
    },
    /// SMTP (MailHog or any catcher; no TLS).
    Smtp {
        /// `EMAIL_HOST`
        host: String,
        /// `EMAIL_PORT`
        port: u16,
        /// `EMAIL_FROM`
        from: String,
    },
    /// E-mail is off: queued mail waits.
    Off {
        /// The settings that would turn it on.
        missing: Vec<String>,
    },
}

impl fmt::Debug for MailConfig {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("MailConfig")
            .field("backend", &self.backend)
            .field("restrict_recipients_to", &self.restrict_recipients_to)
            .field("site_url", &self.site_url)
            .field("unsubscribe_secret", &"***")
            .finish()
    }
}

impl fmt::Debug for MailBackend {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Tms {
                endpoint,
                token: _,
                webhook_nets,
            } => f
                .debug_struct("Tms")
                .field("endpoint", endpoint)
                .field("token", &"***")
                .field("webhook_nets", webhook_nets)
                .finish(),
            Self::Smtp { host, port, from } => f
                .debug_struct("Smtp")
                .field("host", host)
                .field("port", port)
                .field("from", from)
                .finish(),
            Self::Off { missing } => f.debug_struct("Off").field("missing", missing).finish(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{UnsubscribeLinks, sender_for};

    fn config(backend: MailBackend) -> MailConfig {
        MailConfig {
            backend,
            restrict_recipients_to: "a@example.org".into(),
            site_url: "https://portal.example/".into(),
            unsubscribe_secret: "k".repeat(40),
        }
    }

    #[tokio::test]
    async fn the_backend_chooses_the_sender() {
        let off = config(MailBackend::Off {
            missing: vec!["TMS_AUTH_TOKEN".into()],
        });
        assert!(sender_for(&off).unwrap().is_none());
        let smtp = config(MailBackend::Smtp {
            host: "127.0.0.1".into(),
            port: 1025,
            from: "Portal <no-reply@portal.example>".into(),
        });
        assert_eq!(sender_for(&smtp).unwrap().unwrap().name(), "smtp");
        let bad_from = config(MailBackend::Smtp {
            host: "127.0.0.1".into(),
            port: 1025,
            from: "not an address".into(),
        });
        assert!(sender_for(&bad_from).err().unwrap().contains("EMAIL_FROM"));
        // Unsubscribe links: the configured address and key.
        let links = UnsubscribeLinks::from_settings(&smtp);
        let same = UnsubscribeLinks::new("https://portal.example", &"k".repeat(40));
        assert_eq!(links.token("a@example.org"), same.token("a@example.org"));
    }

    #[test]
    fn secrets_are_not_printed() {
        let config = MailConfig {
            backend: MailBackend::Tms {
                endpoint: "https://tms.example".into(),
                token: "tms-token-value".into(),
                webhook_nets: "10.0.0.0/8".into(),
            },
            restrict_recipients_to: String::new(),
            site_url: "https://portal.example".into(),
            unsubscribe_secret: "signing-key-value".into(),
        };
        let shown = format!("{config:?}");
        assert!(shown.contains("https://tms.example"), "{shown}");
        assert!(
            !shown.contains("tms-token-value") && !shown.contains("signing-key-value"),
            "{shown}"
        );
    }
}
