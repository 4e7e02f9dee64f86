//! The portal's translations. Every text the public reads is a message of
//! [Project Fluent](https://projectfluent.org/) in `locales/<lang>/*.ftl`,
//! one folder per language, embedded in the binary like the templates.
//! English is a translation like the others. This crate loads the files,
//! formats a message for a language, and chooses a language from a
//! browser's `Accept-Language`. It depends on no other crate of the
//! workspace: the domain gives message ids and arguments, the web layer and
//! the letters ask this crate for the words.

use std::collections::{BTreeMap, BTreeSet};

use fluent_bundle::{FluentArgs, FluentResource, FluentValue, concurrent::FluentBundle};
use fluent_syntax::ast;
use rust_embed::RustEmbed;

#[derive(RustEmbed)]
#[folder = "../../locales/"]
struct LocaleFiles;

/// A language the public side is offered in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Language {
    /// The code stored on reports and used in `?lang=` (lower case).
    pub code: &'static str,
    /// The BCP 47 tag for `<html lang>` and `hreflang`.
    pub tag: &'static str,
    /// The language's name in itself (the language menu).
    pub name: &'static str,
    /// Its name in English (staff pages).
    pub english_name: &'static str,
}

/// The seven languages, in the order of the language menu.
pub const LANGUAGES: [Language; 7] = [
    Language {
        code: "en",
        tag: "en",
        name: "English",
        english_name: "English",
    },
    Language {
        code: "es",
        tag: "es",
        name: "Español",
        english_name: "Spanish",
    },
    Language {
        code: "zh-hant",
        tag: "zh-Hant",
        name: "繁體中文",
        english_name: "Chinese (Traditional)",
    },
    Language {
        code: "zh-hans",
        tag: "zh-Hans",
        name: "简体中文",
        english_name: "Chinese (Simplified)",
    },
    Language {
        code: "vi",
        tag: "vi",
        name: "Tiếng Việt",
        english_name: "Vietnamese",
    },
    Language {
        code: "ko",
        tag: "ko",
        name: "한국어",
        english_name: "Korean",
    },
    Language {
        code: "tl",
        tag: "tl",
        name: "Tagalog",
        english_name: "Tagalog",
    },
];

/// The language of anyone who has not chosen one and whose browser names
/// none of ours.
pub const DEFAULT: &str = "en";

/// The language with this code or tag (`zh-hant`, `zh-Hant`, `ES`), if it
/// is one of ours.
pub fn language(code: &str) -> Option<&'static Language> {
    LANGUAGES
        .iter()
        .find(|l| l.code.eq_ignore_ascii_case(code.trim()))
}

/// Our language for one BCP 47 tag a browser sends (`es-MX` → `es`,
/// `zh-TW` → `zh-hant`, `zh-CN` and plain `zh` → `zh-hans`, `fil` → `tl`).
pub fn match_tag(tag: &str) -> Option<&'static str> {
    let lower = tag.trim().to_ascii_lowercase();
    let mut parts = lower.split(['-', '_']);
    let primary = parts.next().unwrap_or("");
    let rest: Vec<&str> = parts.collect();
    let code = match primary {
        "en" => "en",
        "es" => "es",
        "vi" => "vi",
        "ko" => "ko",
        "tl" | "fil" => "tl",
        "zh" => {
            let traditional = rest
                .iter()
                .any(|p| matches!(*p, "hant" | "tw" | "hk" | "mo"));
            let simplified = rest.contains(&"hans");
            if traditional && !simplified {
                "zh-hant"
            } else {
                "zh-hans"
            }
        }
        _ => return None,
    };
    Some(code)
}

/// The first of our languages in an `Accept-Language` header, by the
/// weights the browser gives (`q=0` excludes); `None` when it names none.
pub fn negotiate(accept_language: &str) -> Option<&'static str> {
    let mut wanted: Vec<(u32, usize, &'static str)> = Vec::new();
    for (i, item) in accept_language.split(',').enumerate().take(32) {
        let mut parts = item.split(';');
        let tag = parts.next().unwrap_or("").trim();
        let q = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .next()
            .map_or(Some(1000), |q| {
                q.trim().parse::<f32>().ok().map(|q| {
                    // Weights are 0..=1 with three decimals at most.
                    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
                    let w = (q.clamp(0.0, 1.0) * 1000.0).round() as u32;
                    w
                })
            });
        let Some(q) = q else { continue };
        if q == 0 {
            continue;
        }
        if let Some(code) = match_tag(tag) {
            wanted.push((q, i, code));
        }
    }
    // Highest weight first; among equal weights, the browser's order.
    wanted.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)));
    wanted.first().map(|w| w.2)
}

/// An argument of a message.
#[derive(Clone, Debug, PartialEq)]
pub enum Arg {
    /// Text (shown as given).
    Text(String),
    /// A whole number.
    Number(i64),
}

impl From<&str> for Arg {
    fn from(s: &str) -> Self {
        Arg::Text(s.to_owned())
    }
}
impl From<String> for Arg {
    fn from(s: String) -> Self {
        Arg::Text(s)
    }
}
impl From<i64> for Arg {
    fn from(n: i64) -> Self {
        Arg::Number(n)
    }
}
impl From<usize> for Arg {
    fn from(n: usize) -> Self {
        Arg::Number(i64::try_from(n).unwrap_or(i64::MAX))
    }
}

/// Why the message files could not be loaded.
#[derive(Debug)]
pub struct LoadError(pub String);

impl std::error::Error for LoadError {}

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

type Bundle = FluentBundle<FluentResource>;

/// Every language's messages, loaded once at start.
pub struct Messages {
    bundles: Vec<(&'static str, Bundle)>,
    /// Per language: message id → the variables it uses.
    variables: BTreeMap<&'static str, BTreeMap<String, BTreeSet<String>>>,
}

impl std::fmt::Debug for Messages {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Messages")
            .field("languages", &self.bundles.len())
            .finish()
    }
}

fn pattern_variables(p: &ast::Pattern<&str>, out: &mut BTreeSet<String>) {
    for el in &p.elements {
        if let ast::PatternElement::Placeable { expression } = el {
            expression_variables(expression, out);
        }
    }
}

fn expression_variables(e: &ast::Expression<&str>, out: &mut BTreeSet<String>) {
    match e {
        ast::Expression::Inline(i) => inline_variables(i, out),
        ast::Expression::Select { selector, variants } => {
            inline_variables(selector, out);
            for v in variants {
                pattern_variables(&v.value, out);
            }
        }
    }
}

fn inline_variables(i: &ast::InlineExpression<&str>, out: &mut BTreeSet<String>) {
    match i {
        ast::InlineExpression::VariableReference { id } => {
            out.insert(id.name.to_owned());
        }
        ast::InlineExpression::Placeable { expression } => expression_variables(expression, out),
        ast::InlineExpression::FunctionReference { arguments, .. } => {
            for a in &arguments.positional {
                inline_variables(a, out);
            }
        }
        _ => {}
    }
}

impl Messages {
    /// Loads and checks every message file: a file that does not parse, a
    /// message defined twice, or a language without files is an error
    /// naming the file.
    pub fn load() -> Result<Self, LoadError> {
        let mut bundles = Vec::new();
        let mut variables = BTreeMap::new();
        for lang in &LANGUAGES {
            let langid: unic_langid::LanguageIdentifier = lang
                .tag
                .parse()
                .map_err(|e| LoadError(format!("language tag {}: {e}", lang.tag)))?;
            let mut bundle = Bundle::new_concurrent(vec![langid]);
            // Pages are HTML: no Unicode isolation marks around values.
            bundle.set_use_isolating(false);
            let mut vars: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
            let prefix = format!("{}/", lang.code);
            let mut names: Vec<String> = LocaleFiles::iter()
                .filter(|n| n.starts_with(&prefix) && n.ends_with(".ftl"))
                .map(|n| n.into_owned())
                .collect();
            names.sort();
            if names.is_empty() {
                return Err(LoadError(format!(
                    "locales/{}/ has no .ftl file",
                    lang.code
                )));
            }
            for name in names {
                let Some(file) = LocaleFiles::get(&name) else {
                    continue;
                };
                let text = String::from_utf8(file.data.into_owned())
                    .map_err(|e| LoadError(format!("locales/{name} is not UTF-8: {e}")))?;
                let resource = FluentResource::try_new(text).map_err(|(_, errors)| {
                    LoadError(format!(
                        "locales/{name}: {}",
                        errors
                            .iter()
                            .map(|e| e.to_string())
                            .collect::<Vec<_>>()
                            .join("; ")
                    ))
                })?;
                for entry in resource.entries() {
                    if let ast::Entry::Message(m) = entry {
                        let mut set = BTreeSet::new();
                        if let Some(v) = &m.value {
                            pattern_variables(v, &mut set);
                        }
                        vars.insert(m.id.name.to_owned(), set);
                    }
                }
                bundle.add_resource(resource).map_err(|errors| {
                    LoadError(format!(
                        "locales/{name}: {}",
                        errors
                            .iter()
                            .map(|e| format!("{e:?}"))
                            .collect::<Vec<_>>()
                            .join("; ")
                    ))
                })?;
            }
            variables.insert(lang.code, vars);
            bundles.push((lang.code, bundle));
        }
        Ok(Self { bundles, variables })
    }

    fn bundle(&self, lang: &str) -> Option<&Bundle> {
        self.bundles
            .iter()
            .find(|(c, _)| *c == lang)
            .map(|(_, b)| b)
    }

    /// The message `id` in `lang` with `args`, or `None` when that language
    /// lacks it (or the language is not ours).
    pub fn get(&self, lang: &str, id: &str, args: &[(&str, Arg)]) -> Option<String> {
        let bundle = self.bundle(lang)?;
        let pattern = bundle.get_message(id)?.value()?;
        let mut fargs = FluentArgs::new();
        for (k, v) in args {
            match v {
                Arg::Text(s) => fargs.set(*k, FluentValue::from(s.as_str())),
                Arg::Number(n) => fargs.set(*k, FluentValue::from(*n)),
            }
        }
        let mut errors = Vec::new();
        let text = bundle.format_pattern(pattern, Some(&fargs), &mut errors);
        Some(text.into_owned())
    }

    /// The message `id` in `lang`; in English when that language lacks it
    /// (the completeness test keeps that from happening), and the id itself
    /// when English lacks it too: never a blank.
    pub fn text(&self, lang: &str, id: &str, args: &[(&str, Arg)]) -> String {
        self.get(lang, id, args)
            .or_else(|| self.get(DEFAULT, id, args))
            .unwrap_or_else(|| id.to_owned())
    }

    /// Whether `lang` has the message `id`.
    pub fn has(&self, lang: &str, id: &str) -> bool {
        self.bundle(lang).is_some_and(|b| b.has_message(id))
    }

    /// Every message id of `lang` with the variables it uses.
    pub fn ids(&self, lang: &str) -> Option<&BTreeMap<String, BTreeSet<String>>> {
        self.variables.get(lang)
    }
}

#[cfg(test)]
mod tests;
