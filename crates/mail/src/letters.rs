//! Letters: templates as files under `templates/email/<name>/` (or
//! `<name>.<language>/` for a translation), each with `meta.json` (title,
//! language, purpose, description), `subject.txt` and `body.html`. They are
//! embedded in the binary, loaded and test-rendered at start (a broken
//! letter stops the server, not a send), and wrapped in `_layout.html`.
//! Values are HTML-escaped in bodies: report text is hostile input.

use std::collections::BTreeMap;

use chrono::{DateTime, Datelike, Utc};
use crt_domain::{
    email::{EmailPurpose, LETTER_VARIABLES, letter_variables},
    report::ReportRecord,
};
use std::sync::Arc;

use crt_i18n::{Arg, Messages};
use rust_embed::RustEmbed;
use serde::{Deserialize, Serialize};
use tera::{Context, Tera};

#[derive(RustEmbed)]
#[folder = "../../templates/email/"]
struct LetterFiles;

/// The English auto-response's name; translations are `autoresponse.<lang>`.
pub const AUTORESPONSE: &str = crt_domain::service::AUTO_RESPONSE_LETTER;

/// A letter's description, from its `meta.json`.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LetterMeta {
    /// Title shown to staff ("Referral to another agency").
    pub title: String,
    /// BCP 47 language ("en", "es").
    pub language: String,
    /// auto, manual or internal.
    pub purpose: EmailPurpose,
    /// When to use it (shown to staff).
    #[serde(default)]
    pub description: String,
}

/// A letter as staff choose it.
#[derive(Clone, Debug, PartialEq, Eq, Serialize)]
pub struct Letter {
    /// Directory name (`autoresponse`, `autoresponse.es`, `referral`).
    pub name: String,
    /// Its metadata.
    pub meta: LetterMeta,
}

/// A rendered letter.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct RenderedLetter {
    /// Plain-text subject.
    pub subject: String,
    /// Complete HTML body.
    pub html: String,
}

/// Why letters could not be loaded or rendered.
#[derive(Debug, thiserror::Error)]
pub enum LetterError {
    /// A letter directory is incomplete or its metadata is wrong.
    #[error("letter {name}: {problem}")]
    Invalid {
        /// The letter.
        name: String,
        /// What is wrong.
        problem: String,
    },
    /// No letter by that name.
    #[error("no letter named {0:?}")]
    Unknown(String),
    /// Tera failed.
    #[error("letter template: {0}")]
    Template(String),
}

fn tera_error(e: &tera::Error) -> LetterError {
    LetterError::Template(crt_domain::error_chain(e))
}

/// Every letter, compiled.
pub struct LetterBook {
    tera: Tera,
    letters: BTreeMap<String, LetterMeta>,
    /// The words the program puts in letters (greeting, dates, footer),
    /// per language.
    messages: Arc<Messages>,
}

/// A date as letters in `language` write it.
fn letter_date(messages: &Messages, language: &str, date: DateTime<Utc>) -> String {
    messages.text(
        language,
        "letter-date",
        &[
            ("month", Arg::Number(i64::from(date.month()))),
            ("day", Arg::Number(i64::from(date.day()))),
            ("year", Arg::Number(i64::from(date.year()))),
        ],
    )
}

impl LetterBook {
    /// The letters embedded in the binary (debug builds read
    /// `templates/email/` from disk).
    pub fn embedded(messages: Arc<Messages>) -> Result<Self, LetterError> {
        let files = LetterFiles::iter().filter_map(|name| {
            let file = LetterFiles::get(&name)?;
            Some((
                name.into_owned(),
                String::from_utf8_lossy(&file.data).into_owned(),
            ))
        });
        Self::from_files(files, messages)
    }

    /// Builds the book from `(path, text)` pairs, paths relative to
    /// `templates/email/` (`referral/meta.json`, `_layout.html`).
    pub fn from_files(
        files: impl IntoIterator<Item = (String, String)>,
        messages: Arc<Messages>,
    ) -> Result<Self, LetterError> {
        let mut raw: Vec<(String, String)> = Vec::new();
        let mut metas: BTreeMap<String, String> = BTreeMap::new();
        let mut dirs: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for (path, text) in files {
            let path = path.replace('\\', "/");
            match path.split_once('/') {
                Some((dir, "meta.json")) => {
                    metas.insert(dir.to_owned(), text);
                }
                Some((dir, file)) => {
                    dirs.entry(dir.to_owned())
                        .or_default()
                        .push(file.to_owned());
                    raw.push((path, text));
                }
                None => raw.push((path, text)),
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        tera.add_raw_templates(raw).map_err(|e| tera_error(&e))?;
        if !tera.get_template_names().any(|n| n == "_layout.html") {
            return Err(LetterError::Invalid {
                name: "_layout.html".into(),
                problem: "missing (every letter is wrapped in it)".into(),
            });
        }
        let mut letters = BTreeMap::new();
        for (name, text) in metas {
            let bad = |problem: String| LetterError::Invalid {
                name: name.clone(),
                problem,
            };
            let meta: LetterMeta =
                serde_json::from_str(&text).map_err(|e| bad(format!("meta.json: {e}")))?;
            for needed in ["subject.txt", "body.html"] {
                if !dirs
                    .get(&name)
                    .is_some_and(|f| f.iter().any(|x| x == needed))
                {
                    return Err(bad(format!("{needed} is missing")));
                }
            }
            let expected_language = name.split_once('.').map_or("en", |(_, l)| l);
            if meta.language != expected_language {
                return Err(bad(format!(
                    "meta.json says language {:?} but the directory name means {expected_language:?}",
                    meta.language
                )));
            }
            if meta.title.trim().is_empty() {
                return Err(bad("meta.json: title is empty".into()));
            }
            letters.insert(name, meta);
        }
        if let Some(dir) = dirs.keys().find(|d| !letters.contains_key(*d)) {
            return Err(LetterError::Invalid {
                name: dir.clone(),
                problem: "meta.json is missing".into(),
            });
        }
        if let Some(lang) = letters
            .values()
            .map(|m| m.language.as_str())
            .find(|l| crt_i18n::language(l).is_none())
        {
            return Err(LetterError::Invalid {
                name: lang.to_owned(),
                problem: "a letter's language is not one of the portal's".into(),
            });
        }
        let book = Self {
            tera,
            letters,
            messages,
        };
        // Render every letter once with sample values: an unknown variable
        // or a broken tag stops the start, not a send.
        let sample: BTreeMap<&str, String> = LETTER_VARIABLES
            .iter()
            .map(|v| (*v, format!("<{v}>")))
            .collect();
        for name in book.letters.keys() {
            book.render_with(name, &sample, "https://portal.example/email/unsubscribe/")?;
        }
        Ok(book)
    }

    /// Every letter, by name.
    pub fn all(&self) -> Vec<Letter> {
        self.letters
            .iter()
            .map(|(name, meta)| Letter {
                name: name.clone(),
                meta: meta.clone(),
            })
            .collect()
    }

    /// The letters staff may send (purpose manual), sorted by title.
    pub fn for_staff(&self) -> Vec<Letter> {
        let mut v: Vec<Letter> = self
            .all()
            .into_iter()
            // Each letter once: staff choose its language in the preview.
            .filter(|l| l.meta.purpose == EmailPurpose::Manual && !l.name.contains('.'))
            .collect();
        v.sort_by(|a, b| a.meta.title.cmp(&b.meta.title).then(a.name.cmp(&b.name)));
        v
    }

    /// A letter's metadata.
    pub fn get(&self, name: &str) -> Option<&LetterMeta> {
        self.letters.get(name)
    }

    /// The name of the letter `letter` (with or without a language) in
    /// `language`, or `None` when that letter has no version in it.
    pub fn in_language(&self, letter: &str, language: &str) -> Option<&str> {
        let base = letter.split_once('.').map_or(letter, |(b, _)| b);
        let wanted = if language == crt_i18n::DEFAULT {
            base.to_owned()
        } else {
            format!("{base}.{language}")
        };
        self.letters
            .get_key_value(wanted.as_str())
            .map(|(k, _)| k.as_str())
    }

    /// The languages a letter exists in.
    pub fn languages_of(&self, letter: &str) -> Vec<&str> {
        let base = letter.split_once('.').map_or(letter, |(b, _)| b);
        crt_i18n::LANGUAGES
            .iter()
            .map(|l| l.code)
            .filter(|l| self.in_language(base, l).is_some())
            .collect()
    }

    /// The version of `letter` in `language`, falling back on English (a
    /// letter missing in a language is a test failure; the fallback keeps
    /// a send from failing, and is logged).
    pub fn localized(&self, letter: &str, language: &str) -> Option<&str> {
        if let Some(found) = self.in_language(letter, language) {
            return Some(found);
        }
        tracing::warn!(letter, language, "no letter in this language: English sent");
        let base = letter.split_once('.').map_or(letter, |(b, _)| b);
        let wanted = format!("{base}.{language}");
        self.letters
            .get_key_value(wanted.as_str())
            .or_else(|| self.letters.get_key_value(base))
            .map(|(k, _)| k.as_str())
    }

    /// Renders a letter for a report; `unsubscribe_url` goes in the footer.
    pub fn render(
        &self,
        name: &str,
        record: &ReportRecord,
        outgoing: DateTime<Utc>,
        unsubscribe_url: &str,
    ) -> Result<RenderedLetter, LetterError> {
        let mut vars = letter_variables(record, outgoing);
        if let Some(meta) = self.letters.get(name) {
            // The greeting and the dates in the letter's own language.
            let lang = meta.language.as_str();
            let c = &record.report.contact;
            let full_name = [c.first_name.as_deref(), c.last_name.as_deref()]
                .into_iter()
                .flatten()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .collect::<Vec<_>>()
                .join(" ");
            let addressee = if full_name.is_empty() {
                self.messages.text(lang, "letter-addressee-anonymous", &[])
            } else {
                self.messages.text(
                    lang,
                    "letter-addressee-named",
                    &[("name", Arg::Text(full_name))],
                )
            };
            vars.insert("addressee", addressee);
            vars.insert(
                "date_of_intake",
                letter_date(&self.messages, lang, record.create_date),
            );
            vars.insert("outgoing_date", letter_date(&self.messages, lang, outgoing));
        }
        self.render_with(name, &vars, unsubscribe_url)
    }

    fn render_with(
        &self,
        name: &str,
        vars: &BTreeMap<&str, String>,
        unsubscribe_url: &str,
    ) -> Result<RenderedLetter, LetterError> {
        let meta = self
            .letters
            .get(name)
            .ok_or_else(|| LetterError::Unknown(name.to_owned()))?;
        let mut ctx = Context::new();
        for (k, v) in vars {
            ctx.insert(*k, v);
        }
        ctx.insert("unsubscribe_url", unsubscribe_url);
        ctx.insert("language", &meta.language);
        ctx.insert(
            "language_tag",
            crt_i18n::language(&meta.language).map_or("en", |l| l.tag),
        );
        let record = vars.get("record_locator").cloned().unwrap_or_default();
        let lang = meta.language.as_str();
        // The unsubscribe page opens in the letter's language.
        let localized_url;
        let unsubscribe_url = if lang == crt_i18n::DEFAULT {
            unsubscribe_url
        } else {
            let sep = if unsubscribe_url.contains('?') {
                '&'
            } else {
                '?'
            };
            localized_url = format!("{unsubscribe_url}{sep}lang={lang}");
            localized_url.as_str()
        };
        ctx.insert("unsubscribe_url", unsubscribe_url);
        for (key, id) in [
            ("head_department", "letter-head-department"),
            ("head_division", "letter-head-division"),
        ] {
            ctx.insert(key, &self.messages.text(lang, id, &[]));
        }
        ctx.insert(
            "footer_about",
            &self.messages.text(
                lang,
                "letter-footer-about",
                &[("record", Arg::Text(record))],
            ),
        );
        // The link is ours (the address escaped here); the message has no
        // markup (a test keeps it so).
        let link = format!(
            "<a href=\"{}\">{}</a>",
            tera::escape_html(unsubscribe_url),
            tera::escape_html(
                &self
                    .messages
                    .text(lang, "letter-footer-unsubscribe-link", &[])
            )
        );
        ctx.insert(
            "footer_unsubscribe",
            &self.messages.text(
                lang,
                "letter-footer-unsubscribe",
                &[("link", Arg::Text(link))],
            ),
        );
        let subject = self
            .tera
            .render(&format!("{name}/subject.txt"), &ctx)
            .map_err(|e| tera_error(&e))?;
        // One line: a newline in a subject would end the header.
        let subject = subject.split_whitespace().collect::<Vec<_>>().join(" ");
        let content = self
            .tera
            .render(&format!("{name}/body.html"), &ctx)
            .map_err(|e| tera_error(&e))?;
        ctx.insert("content", &content);
        ctx.insert("subject", &subject);
        let html = self
            .tera
            .render("_layout.html", &ctx)
            .map_err(|e| tera_error(&e))?;
        Ok(RenderedLetter { subject, html })
    }
}
