//! Extractors: what a handler takes from a request, checked before it runs.
//! A bad request never reaches a handler's logic: a posted form that is too
//! large, not URL-encoded or not UTF-8, a report id that is not a number,
//! a staff page without a signed-in staff member, each becomes its
//! [`WebError`] here.

use crt_domain::{report::ReportId, validation::Answers};
use poem::{FromRequest, Request, RequestBody, web::Path};

use crate::{
    error::WebError,
    form_body::{self, BodyError},
    session::Session,
    staff::auth::Staff,
};

/// A posted `application/x-www-form-urlencoded` form, size-limited before
/// it is read and strictly UTF-8, repeated names kept (checkbox groups).
#[derive(Clone, Debug, Default)]
pub struct PostedForm(pub Vec<(String, String)>);

impl PostedForm {
    /// The first value posted under `name`.
    pub fn get(&self, name: &str) -> Option<&str> {
        self.0
            .iter()
            .find(|(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The first value under `name`, trimmed; `None` when blank.
    pub fn text(&self, name: &str) -> Option<&str> {
        self.get(name).map(str::trim).filter(|v| !v.is_empty())
    }

    /// Every value posted under `name`.
    pub fn all<'a>(&'a self, name: &'a str) -> impl Iterator<Item = &'a str> + 'a {
        self.0
            .iter()
            .filter(move |(n, _)| n == name)
            .map(|(_, v)| v.as_str())
    }

    /// The form as answers of the public form.
    pub fn answers(&self) -> Answers {
        Answers::from_pairs(self.0.iter().map(|(k, v)| (k.as_str(), v.as_str())))
    }
}

impl<'a> FromRequest<'a> for PostedForm {
    async fn from_request(req: &'a Request, body: &mut RequestBody) -> poem::Result<Self> {
        let body = body.take()?;
        match form_body::read(req, body).await {
            Ok(pairs) => Ok(Self(pairs)),
            Err(BodyError::TooLarge) => Err(WebError::TooLarge.into()),
            Err(BodyError::Malformed(why)) => {
                tracing::info!(why, "malformed form post");
                Err(WebError::BadRequest(why.into()).into())
            }
        }
    }
}

/// The query string's name/value pairs, repeated names kept (the staff
/// list's filters). A query that cannot be decoded is refused (400, naming
/// the problem) rather than read as no filters at all.
#[derive(Clone, Debug, Default)]
pub struct QueryPairs(pub Vec<(String, String)>);

impl<'a> FromRequest<'a> for QueryPairs {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        let raw = req.uri().query().unwrap_or("");
        form_body::parse(raw.as_bytes())
            .map(Self)
            .map_err(|e| WebError::BadRequest(query_problem(&e)).into())
    }
}

/// What to tell someone whose address has a query that cannot be read.
pub fn query_problem(e: &BodyError) -> String {
    let why = match e {
        BodyError::Malformed(why) => why,
        BodyError::TooLarge => "it is too long",
    };
    format!(
        "The search in the address could not be read ({why}), so no search was run. Correct the address or start again from the report list."
    )
}

/// The `:id` of a report's URL (anything but a number is a page that does
/// not exist).
#[derive(Clone, Copy, Debug)]
pub struct ReportPath(pub ReportId);

impl<'a> FromRequest<'a> for ReportPath {
    async fn from_request(req: &'a Request, body: &mut RequestBody) -> poem::Result<Self> {
        match Path::<i64>::from_request(req, body).await {
            Ok(Path(id)) => Ok(Self(ReportId(id))),
            Err(_) => Err(WebError::NotFound.into()),
        }
    }
}

/// The signed-in staff member, as the staff guard found them.
impl<'a> FromRequest<'a> for Staff {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        req.extensions()
            .get::<Staff>()
            .cloned()
            .ok_or_else(|| WebError::Forbidden.into())
    }
}

/// The visitor's public-form session (a new one if the browser has none).
impl<'a> FromRequest<'a> for Session {
    async fn from_request(req: &'a Request, _body: &mut RequestBody) -> poem::Result<Self> {
        let state = req
            .data::<crate::AppState>()
            .ok_or_else(|| WebError::internal("public session", "no application state"))?;
        Ok(Session::from_request(
            req,
            state.settings.secret_key.expose(),
            state.secure_cookies(),
        ))
    }
}
