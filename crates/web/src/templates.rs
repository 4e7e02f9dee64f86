//! Tera templates, embedded in the binary (release builds need no files
//! beside them; debug builds read `templates/` from disk at start). Only
//! `.html` names exist, so autoescaping applies to every page: report text is
//! hostile input.

use std::{collections::HashMap, sync::Arc};

use crt_i18n::{Arg, LANGUAGES, Messages};
use rust_embed::RustEmbed;
use serde::Serialize;
use tera::{Context, Tera};

#[derive(RustEmbed)]
#[folder = "../../templates/"]
struct TemplateFiles;

/// The loaded templates: one compiled set per language, each with its
/// own `t` function.
pub struct Templates {
    /// Per language code, in the order of [`LANGUAGES`] (English first).
    by_lang: Vec<(&'static str, Tera)>,
    messages: Arc<Messages>,
}

/// An entry of the language menu.
#[derive(Serialize)]
struct MenuEntry {
    code: &'static str,
    /// This page in that language (its query kept, `lang` replaced).
    href: String,
    tag: &'static str,
    name: &'static str,
    current: bool,
}

/// `{{ t(key="button-next") }}`, `{{ t(key="progress-of-total", total=7) }}`:
/// the message in the template set's language. A message missing in every
/// language fails the render (and the template test), never shows its id.
fn translate(
    messages: Arc<Messages>,
    lang: &'static str,
) -> impl Fn(&HashMap<String, tera::Value>) -> tera::Result<tera::Value> + Sync + Send {
    move |args| {
        let key = args
            .get("key")
            .and_then(|v| v.as_str())
            .ok_or_else(|| tera::Error::msg("t(key=...) needs a key"))?;
        if !messages.has(crt_i18n::DEFAULT, key) {
            return Err(tera::Error::msg(format!("no message {key:?} in English")));
        }
        let fargs: Vec<(&str, Arg)> = args
            .iter()
            .filter(|(k, _)| k.as_str() != "key")
            .map(|(k, v)| {
                let arg = match v {
                    tera::Value::Number(n) => n
                        .as_i64()
                        .map_or_else(|| Arg::Text(n.to_string()), Arg::Number),
                    tera::Value::String(s) => Arg::Text(s.clone()),
                    other => Arg::Text(other.to_string()),
                };
                (k.as_str(), arg)
            })
            .collect();
        Ok(tera::Value::String(messages.text(lang, key, &fargs)))
    }
}

impl Templates {
    /// Loads and compiles every template.
    pub fn load(messages: Arc<Messages>) -> Result<Self, tera::Error> {
        let mut files = Vec::new();
        for name in TemplateFiles::iter() {
            // Letters (`email/`) and notices (`notices/`) are loaded by
            // `crt-mail`.
            if name.starts_with("email/") || name.starts_with("notices/") {
                continue;
            }
            if let Some(file) = TemplateFiles::get(&name) {
                let text = String::from_utf8(file.data.into_owned())
                    .map_err(|e| tera::Error::msg(format!("template {name} is not UTF-8: {e}")))?;
                files.push((name.into_owned(), text));
            }
        }
        let mut tera = Tera::default();
        tera.autoescape_on(vec![".html"]);
        // `{{ asset(path="uswds/css/uswds.min.css") }}`: a static file's
        // cache-busting address (see `assets`); a missing file fails the
        // render (and the template test), never a broken link.
        tera.register_function(
            "asset",
            |args: &std::collections::HashMap<String, tera::Value>| {
                let path = args
                    .get("path")
                    .and_then(|v| v.as_str())
                    .ok_or_else(|| tera::Error::msg("asset(path=...) needs a path"))?;
                crate::assets::url(path)
                    .map(tera::Value::String)
                    .ok_or_else(|| tera::Error::msg(format!("no static file {path:?}")))
            },
        );
        tera.add_raw_templates(files)?;
        let by_lang = LANGUAGES
            .iter()
            .map(|l| {
                let mut t = tera.clone();
                t.register_function("t", translate(messages.clone(), l.code));
                (l.code, t)
            })
            .collect();
        Ok(Self { by_lang, messages })
    }

    /// The messages the templates use.
    pub fn messages(&self) -> &Arc<Messages> {
        &self.messages
    }

    fn tera(&self, lang: &str) -> &Tera {
        self.by_lang
            .iter()
            .find(|(c, _)| *c == lang)
            .or_else(|| self.by_lang.first())
            .map(|(_, t)| t)
            .unwrap_or_else(|| unreachable!("LANGUAGES is not empty"))
    }

    /// Renders a staff page (in English, without the language menu); an
    /// error is logged and becomes a plain 500 page.
    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, tera::Error> {
        let mut ctx = ctx.clone();
        ctx.insert("html_lang", "en");
        self.render_with(crt_i18n::DEFAULT, name, &ctx)
    }

    /// Renders a public page in `lang`, with the language menu (each
    /// language named in itself, linking to this page in it).
    pub fn render_in(&self, lang: &str, name: &str, ctx: &Context) -> Result<String, tera::Error> {
        let mut ctx = ctx.clone();
        let current = crt_i18n::language(lang).unwrap_or(&LANGUAGES[0]);
        ctx.insert("lang", current.code);
        ctx.insert("html_lang", current.tag);
        let menu: Vec<MenuEntry> = LANGUAGES
            .iter()
            .map(|l| MenuEntry {
                code: l.code,
                href: crate::lang::menu_href(l.code),
                tag: l.tag,
                name: l.name,
                current: l.code == current.code,
            })
            .collect();
        ctx.insert("language_menu", &menu);
        self.render_with(current.code, name, &ctx)
    }

    fn render_with(&self, lang: &str, name: &str, ctx: &Context) -> Result<String, tera::Error> {
        self.tera(lang).render(name, ctx).inspect_err(|e| {
            // tera's Display hides the cause chain; log it whole.
            let msg = crt_domain::error_chain(e);
            tracing::error!(template = name, error = %msg, "template failed");
        })
    }

    /// Whether a template exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera(crt_i18n::DEFAULT)
            .get_template_names()
            .any(|n| n == name)
    }
}
