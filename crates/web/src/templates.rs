//! Tera templates, embedded in the binary (release builds need no files
//! beside them; debug builds read `templates/` from disk at start). Only
//! `.html` names exist, so autoescaping applies to every page: report text is
//! hostile input.

use rust_embed::RustEmbed;
use tera::{Context, Tera};

#[derive(RustEmbed)]
#[folder = "../../templates/"]
struct TemplateFiles;

/// The loaded templates.
pub struct Templates {
    tera: Tera,
}

impl Templates {
    /// Loads and compiles every template.
    pub fn load() -> Result<Self, tera::Error> {
        let mut files = Vec::new();
        for name in TemplateFiles::iter() {
            // Letters (`email/`) are loaded by `crt-mail`'s letter book.
            if name.starts_with("email/") {
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
        Ok(Self { tera })
    }

    /// Renders a page; an error is logged and becomes a plain 500 page.
    pub fn render(&self, name: &str, ctx: &Context) -> Result<String, tera::Error> {
        self.tera.render(name, ctx).inspect_err(|e| {
            // tera's Display hides the cause chain; log it whole.
            let msg = crt_domain::error_chain(e);
            tracing::error!(template = name, error = %msg, "template failed");
        })
    }

    /// Whether a template exists.
    pub fn has(&self, name: &str) -> bool {
        self.tera.get_template_names().any(|n| n == name)
    }
}
