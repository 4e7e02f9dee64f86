//! The letter book behind the domain's [`LetterRenderer`] port: the letters
//! staff may send, rendered with a report's data and the recipient's signed
//! unsubscribe link.

use std::sync::Arc;

use crt_domain::{
    ports::Clock,
    report::ReportRecord,
    service::{LetterRenderer, RenderedLetter, StaffLetter},
};

use crate::{UnsubscribeLinks, letters::LetterBook};

/// Letters for the `QueueLetter` service.
#[derive(Clone)]
pub struct StaffLetters {
    book: Arc<LetterBook>,
    links: UnsubscribeLinks,
    clock: Arc<dyn Clock>,
}

impl StaffLetters {
    /// Over the letter book, the unsubscribe links and a clock (the
    /// letter's date).
    pub fn new(book: Arc<LetterBook>, links: UnsubscribeLinks, clock: Arc<dyn Clock>) -> Self {
        Self { book, links, clock }
    }
}

impl LetterRenderer for StaffLetters {
    fn staff_letters(&self) -> Vec<StaffLetter> {
        self.book
            .for_staff()
            .into_iter()
            .map(|l| StaffLetter {
                name: l.name,
                title: l.meta.title,
            })
            .collect()
    }

    fn title(&self, name: &str) -> Option<String> {
        self.book.get(name).map(|m| m.title.clone())
    }

    fn render(&self, name: &str, record: &ReportRecord) -> Result<RenderedLetter, String> {
        let unsubscribe = record
            .report
            .contact
            .email
            .as_ref()
            .map(|e| self.links.url(e))
            .unwrap_or_default();
        self.book
            .render(name, record, self.clock.now(), &unsubscribe)
            .map(|r| RenderedLetter {
                subject: r.subject,
                html: r.html,
            })
            .map_err(|e| e.to_string())
    }
}
