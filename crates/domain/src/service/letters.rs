//! Writing to a complainant from the staff view: which letters staff may
//! send, the preview (rendered with the report's data), and queueing it in
//! the outbox with an activity entry, exactly once per preview.

use std::sync::Arc;

use crate::{
    email::{NewLetter, OutboxRepository},
    ports::{Clock, RepositoryError},
    report::ReportRecord,
};

use super::OutboxWake;

/// A letter staff may send.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StaffLetter {
    /// Its name (the template's).
    pub name: String,
    /// Its title, as staff read it.
    pub title: String,
}

/// A letter rendered for one report.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedLetter {
    /// Plain-text subject.
    pub subject: String,
    /// Complete HTML body.
    pub html: String,
}

/// The letters: a port, implemented by the mail adapter's letter book.
pub trait LetterRenderer: Send + Sync {
    /// The letters staff may send, in the order they are offered.
    fn staff_letters(&self) -> Vec<StaffLetter>;

    /// The title of any letter (staff or automatic) by name.
    fn title(&self, name: &str) -> Option<String>;

    /// Renders `name` for `record` as it would be sent now, with the
    /// recipient's unsubscribe link.
    ///
    /// Errors: a message (the letter's template is broken).
    fn render(&self, name: &str, record: &ReportRecord) -> Result<RenderedLetter, String>;
}

/// Why a letter cannot be previewed or queued.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    /// No e-mail backend is configured.
    #[error("E-mail is not configured here, so letters cannot be sent (see docs/email.md).")]
    MailOff,
    /// The report has no address.
    #[error("This report has no e-mail address to write to.")]
    NoAddress,
    /// Not a letter staff may send.
    #[error("Choose a letter from the list.")]
    UnknownLetter,
    /// The form's one-time key is missing or malformed.
    #[error("The form was not sent whole. Open the letter again and send it from there.")]
    BadRequestKey,
    /// The letter's template failed.
    #[error("letter {letter}: {message}")]
    Render {
        /// Which letter.
        letter: String,
        /// What failed.
        message: String,
    },
    /// Storing failed (`NotFound`: the report is gone).
    #[error(transparent)]
    Repository(#[from] RepositoryError),
}

impl LetterError {
    /// Whether staff can fix this on the page (the rest are faults).
    pub fn is_staff_fixable(&self) -> bool {
        matches!(self, Self::MailOff | Self::NoAddress | Self::UnknownLetter)
    }
}

/// What queueing did.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Queued {
    /// Queued as this outbox mail.
    New(i64),
    /// Sent twice from the same preview (a double click): queued once before.
    AlreadyQueued,
}

/// The "write to a complainant" use case.
#[derive(Clone)]
pub struct QueueLetter {
    /// The outbox letters are queued in.
    pub outbox: Arc<dyn OutboxRepository>,
    /// The letters.
    pub letters: Arc<dyn LetterRenderer>,
    /// Wakes the outbox worker when a letter is queued.
    pub wake: Arc<dyn OutboxWake>,
    /// The time of the activity entry.
    pub clock: Arc<dyn Clock>,
    /// Whether an e-mail backend is configured.
    pub mail_enabled: bool,
}

impl QueueLetter {
    /// Whether mail can be sent at all.
    pub fn mail_enabled(&self) -> bool {
        self.mail_enabled
    }

    /// The letters staff may send.
    pub fn staff_letters(&self) -> Vec<StaffLetter> {
        self.letters.staff_letters()
    }

    /// The title of a letter by name (the name itself if unknown).
    pub fn title(&self, name: &str) -> String {
        self.letters.title(name).unwrap_or_else(|| name.to_owned())
    }

    /// The letter `letter` in `language` (by default the report's: letters
    /// answer in the language the person wrote in) rendered for `record`,
    /// for the preview; with the name of the version chosen
    /// (`referral_hud.es`).
    ///
    /// Errors: `MailOff`, `NoAddress`, `UnknownLetter` (also a letter that
    /// has no version in that language), `Render`.
    pub fn preview(
        &self,
        record: &ReportRecord,
        letter: Option<&str>,
        language: Option<&str>,
    ) -> Result<(String, RenderedLetter), LetterError> {
        if !self.mail_enabled {
            return Err(LetterError::MailOff);
        }
        if record.report.contact.email.is_none() {
            return Err(LetterError::NoAddress);
        }
        let base = letter.unwrap_or("");
        let base = base.split_once('.').map_or(base, |(b, _)| b);
        if !self.letters.staff_letters().iter().any(|l| l.name == base) {
            return Err(LetterError::UnknownLetter);
        }
        let language = language
            .filter(|l| crate::report::is_language(l))
            .unwrap_or(&record.report.language);
        let name = if language == "en" {
            base.to_owned()
        } else {
            format!("{base}.{language}")
        };
        let name = name.as_str();
        if self.letters.title(name).is_none() {
            return Err(LetterError::UnknownLetter);
        }
        let rendered =
            self.letters
                .render(name, record)
                .map_err(|message| LetterError::Render {
                    letter: name.to_owned(),
                    message,
                })?;
        Ok((name.to_owned(), rendered))
    }

    /// Queues `letter` for `record` (rendered again, as previewed) with an
    /// activity entry, in one transaction, and wakes the worker.
    /// `request_key` is the preview's one-time key (32 hex digits).
    ///
    /// Errors: as [`QueueLetter::preview`]; `BadRequestKey`; `Repository`.
    pub async fn queue(
        &self,
        record: &ReportRecord,
        letter: Option<&str>,
        language: Option<&str>,
        request_key: Option<&str>,
        actor: &str,
    ) -> Result<Queued, LetterError> {
        let (name, rendered) = self.preview(record, letter, language)?;
        let recipient = record
            .report
            .contact
            .email
            .clone()
            .ok_or(LetterError::NoAddress)?;
        let request_key = request_key
            .filter(|k| k.len() == 32 && k.bytes().all(|b| b.is_ascii_hexdigit()))
            .ok_or(LetterError::BadRequestKey)?;
        let new = NewLetter {
            recipient,
            title: self.title(&name),
            template: name,
            subject: rendered.subject,
            body: rendered.html,
            request_key: Some(request_key.to_owned()),
        };
        match self
            .outbox
            .queue_letter(record.id, &new, actor, self.clock.now())
            .await
        {
            Ok(mail) => {
                self.wake.wake();
                Ok(Queued::New(mail))
            }
            Err(RepositoryError::Duplicate(_)) => Ok(Queued::AlreadyQueued),
            Err(e) => Err(e.into()),
        }
    }
}
