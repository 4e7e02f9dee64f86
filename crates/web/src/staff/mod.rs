//! The staff ("CRT") view. Every route nested here sits behind
//! [`auth::require_staff`]: deny by default, so a new staff page is
//! protected without saying so.

pub mod auth;
mod bulk;
mod change_form;
mod detail;
mod list;
mod trends;

use poem::{EndpointExt, Route, get};

/// Paths of the staff routes, with sample parameters (the route-table walk
/// test requests each one anonymously).
pub const SAMPLE_PATHS: &[&str] = &[
    "/form/view/",
    "/form/view/1/",
    "/form/view/1/print/",
    "/form/view/1/contact/",
    "/form/view/1/contact/letter/",
    "/form/actions/",
    "/form/trends/",
];

/// The routes under `/form`, all requiring a signed-in user with portal access.
pub fn routes() -> impl poem::Endpoint {
    Route::new()
        .at("/view/", get(list::list))
        .at("/view/:id/", get(detail::show).post(detail::act))
        .at("/view/:id/print/", get(detail::print))
        .at(
            "/view/:id/contact/",
            get(detail::letters::contact_preview).post(detail::letters::contact_send),
        )
        .at(
            "/view/:id/contact/letter/",
            get(detail::letters::contact_letter),
        )
        .at("/actions/", poem::post(bulk::apply))
        .at("/trends/", get(trends::show))
        .around(auth::require_staff)
}
