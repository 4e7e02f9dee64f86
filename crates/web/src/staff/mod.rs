//! The staff ("CRT") view. Every route nested here sits behind
//! [`auth::require_staff`]: deny by default, so a new staff page is
//! protected without saying so.

pub mod auth;
mod bulk;
mod change_form;
mod dashboard;
mod detail;
mod intake;
pub(crate) mod list;
mod notifications;
pub(crate) mod retention;
mod saved;
mod saved_action;
pub(crate) mod sso;
mod trends;

use poem::{EndpointExt, Route, get};

/// The staff routes, declared once: the router is built from this list,
/// and so is [`PATHS`], which the route walk test requests anonymously.
macro_rules! staff_routes {
    ($($path:literal => $endpoint:expr),+ $(,)?) => {
        /// Every staff route's pattern under `/form` (`:id` for a report).
        pub const PATHS: &[&str] = &[$($path),+];

        /// The routes under `/form`, all requiring a signed-in user with
        /// portal access.
        pub fn routes() -> impl poem::Endpoint {
            Route::new()
                $(.at($path, $endpoint))+
                .around(auth::require_staff)
        }
    };
}

staff_routes! {
    "/view/" => get(list::list),
    "/view/:id/" => get(detail::show).post(detail::act),
    "/view/:id/print/" => get(detail::print),
    "/view/:id/correct/" => get(detail::correct_form).post(detail::correct_save),
    "/view/:id/reroute/" => poem::post(detail::reroute),
    "/view/:id/contact/" => get(detail::letters::contact_preview).post(detail::letters::contact_send),
    "/view/:id/contact/letter/" => get(detail::letters::contact_letter),
    "/view/:id/attachments/" => poem::post(detail::attachments::upload),
    "/view/:id/attachments/:aid/" => get(detail::attachments::download),
    "/view/:id/attachments/:aid/remove/" => poem::post(detail::attachments::remove),
    "/actions/" => poem::post(bulk::apply),
    "/saved-searches/" => get(saved::index).post(saved::save),
    "/saved-searches/:code/delete/" => poem::post(saved::delete),
    "/saved-searches/:code/action/" => get(saved_action::show).post(saved_action::act),
    "/s/:code" => get(saved::open),
    "/notifications/" => get(notifications::show).post(notifications::save),
    "/trends/" => get(trends::show),
    "/dashboard/" => get(dashboard::show),
    "/retention/" => get(retention::overview),
    "/retention/propose/" => poem::post(retention::propose),
    "/retention/:id/" => get(retention::batch),
    "/retention/:id/approve/" => poem::post(retention::approve),
    "/retention/:id/reject/" => poem::post(retention::reject),
    "/new/" => get(intake::show).post(intake::file),
    "/new/phone/:name/" => get(intake::show_hotline).post(intake::file_hotline),
}

/// Every staff route as a request path, with report 1 for `:id`.
pub fn sample_paths() -> Vec<String> {
    PATHS
        .iter()
        .map(|p| format!("/form{}", p.replace(":id", "1")))
        .collect()
}
