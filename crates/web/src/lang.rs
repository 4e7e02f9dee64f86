//! The language of a public page: `?lang=CODE` on any public address (and
//! then remembered for the browser session in the `crt_lang` cookie), else
//! that cookie, else the browser's `Accept-Language`, else English. Staff
//! pages are English whatever is chosen. The words are `crt-i18n`'s.

use crt_domain::validation::{FieldError, MessageArg};
use crt_i18n::{Arg, Messages};
use poem::{FromRequest, Request, RequestBody, http::header};

/// The cookie that remembers a chosen language (a session cookie).
pub const COOKIE: &str = "crt_lang";
/// Its name when cookies are Secure.
pub const SECURE_COOKIE: &str = "__Host-crt_lang";

/// The cookie's name for this deployment.
pub fn cookie_name(secure: bool) -> &'static str {
    if secure { SECURE_COOKIE } else { COOKIE }
}

/// The language asked for in the query (`?lang=es`), if it is one of ours.
pub fn from_query(req: &Request) -> Option<&'static str> {
    let query = req.uri().query()?;
    query
        .split('&')
        .filter_map(|pair| pair.split_once('='))
        .filter(|(k, _)| *k == "lang")
        .find_map(|(_, v)| crt_i18n::language(v))
        .map(|l| l.code)
}

fn from_cookie(req: &Request, secure: bool) -> Option<&'static str> {
    let name = cookie_name(secure);
    req.headers()
        .get_all(header::COOKIE)
        .iter()
        .filter_map(|v| v.to_str().ok())
        .flat_map(|v| v.split(';'))
        .filter_map(|c| c.trim().split_once('='))
        .filter(|(k, _)| *k == name)
        .find_map(|(_, v)| crt_i18n::language(v))
        .map(|l| l.code)
}

fn from_header(req: &Request) -> Option<&'static str> {
    req.headers()
        .get(header::ACCEPT_LANGUAGE)
        .and_then(|v| v.to_str().ok())
        .and_then(crt_i18n::negotiate)
}

/// The language of this request's page.
pub fn of_request(req: &Request, secure: bool) -> &'static str {
    from_query(req)
        .or_else(|| from_cookie(req, secure))
        .or_else(|| from_header(req))
        .unwrap_or(crt_i18n::DEFAULT)
}

/// The `Set-Cookie` value that remembers `lang` for the browser session.
pub fn set_cookie(lang: &str, secure: bool) -> String {
    crate::session::cookie_header(cookie_name(secure), lang, None, secure)
}

tokio::task_local! {
    /// The query of the request being answered, without `lang` (the
    /// language menu's links keep the rest of it: an unsubscribe link's
    /// address and token, a step's name).
    pub static QUERY_WITHOUT_LANG: String;
}

/// `query` without its `lang` parameters.
pub fn without_lang(query: &str) -> String {
    query
        .split('&')
        .filter(|p| !p.is_empty() && p.split('=').next() != Some("lang"))
        .collect::<Vec<_>>()
        .join("&")
}

/// The menu's link to this page in `code`.
pub fn menu_href(code: &str) -> String {
    let rest = QUERY_WITHOUT_LANG
        .try_with(Clone::clone)
        .unwrap_or_default();
    if rest.is_empty() {
        format!("?lang={code}")
    } else {
        format!("?{rest}&lang={code}")
    }
}

/// A public page's language, as a handler argument.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Lang(pub &'static str);

impl<'a> FromRequest<'a> for Lang {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        let secure = req
            .data::<crate::AppState>()
            .is_some_and(crate::AppState::secure_cookies);
        Ok(Lang(of_request(req, secure)))
    }
}

/// A problem with an answer, in words of `lang`.
pub fn problem_text(messages: &Messages, lang: &str, e: &FieldError) -> String {
    match e.message_id() {
        None => match &e.problem {
            crt_domain::validation::Problem::Staff(text) => text.clone(),
            _ => String::new(),
        },
        Some(id) => {
            let args: Vec<(&str, Arg)> = e
                .message_args()
                .into_iter()
                .map(|(k, v)| {
                    (
                        k,
                        match v {
                            MessageArg::Text(t) => Arg::Text(t.to_owned()),
                            MessageArg::Number(n) => Arg::from(n),
                        },
                    )
                })
                .collect();
            messages.text(lang, &id, &args)
        }
    }
}
