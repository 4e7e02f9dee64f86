//! The reference lists the answers are checked against, and routing.

use std::collections::BTreeMap;

use crt_domain::{
    choice::Choice,
    report::{
        CommercialOrPublicPlace, InsideCorrectionalFacility, PrimaryComplaint,
        PublicOrPrivateSchool, Section,
    },
    routing::{RoutingInput, route},
};
use poem::web::Data;
use poem_openapi::{OpenApi, param::Query, payload::Json};

use super::{
    ApiError, Tag,
    auth::Auth,
    support::Answer,
    types::{ProtectedClassView, RoutingView, SectionView},
};
use crate::AppState;

/// The reference operations.
pub struct ReferenceApi;

#[OpenApi]
impl ReferenceApi {
    /// The protected-class options, active and retired, in form order.
    #[oai(
        path = "/protected-classes",
        method = "get",
        tag = "Tag::Reference",
        operation_id = "listProtectedClasses"
    )]
    async fn protected_classes(
        &self,
        auth: Auth,
        state: Data<&AppState>,
    ) -> Answer<Json<Vec<ProtectedClassView>>> {
        auth.reader(&state).await?;
        let catalog = state.catalog.get(&state.db).await?;
        Ok(Json(
            catalog
                .all()
                .iter()
                .map(|o| ProtectedClassView {
                    value: o.value.clone(),
                    code: o.code.clone(),
                    label: o.label.clone(),
                    form_order: o.form_order,
                    active: o.is_active(),
                })
                .collect(),
        ))
    }

    /// The Division's sections.
    #[oai(
        path = "/sections",
        method = "get",
        tag = "Tag::Reference",
        operation_id = "listSections"
    )]
    async fn sections(&self, auth: Auth, state: Data<&AppState>) -> Answer<Json<Vec<SectionView>>> {
        auth.reader(&state).await?;
        Ok(Json(
            Section::ALL
                .iter()
                .map(|s| SectionView {
                    code: s.value().to_owned(),
                    label: s.label().to_owned(),
                })
                .collect(),
        ))
    }

    /// Where routing would send a set of answers, and why.
    #[oai(
        path = "/routing",
        method = "get",
        tag = "Tag::Reference",
        operation_id = "explainRouting"
    )]
    #[allow(clippy::too_many_arguments)] // one per answer routing reads
    async fn routing(
        &self,
        auth: Auth,
        state: Data<&AppState>,
        /// The primary concern.
        primary_complaint: Query<Option<String>>,
        /// Protected-class values.
        protected_class: Query<Vec<String>>,
        /// Commercial or public place.
        commercial_or_public_place: Query<Option<String>>,
        /// `inside` or `outside`.
        inside_correctional_facility: Query<Option<String>>,
        /// `public` or `private`.
        public_or_private_school: Query<Option<String>>,
    ) -> Answer<Json<RoutingView>> {
        auth.reader(&state).await?;
        let catalog = state.catalog.get(&state.db).await?;
        let mut problems: BTreeMap<String, Vec<String>> = BTreeMap::new();
        fn choice<C: Choice>(
            name: &str,
            v: Option<&str>,
            problems: &mut BTreeMap<String, Vec<String>>,
        ) -> Option<C> {
            let v = v.map(str::trim).filter(|v| !v.is_empty())?;
            let c = C::from_value(v);
            if c.is_none() {
                problems
                    .entry(name.to_owned())
                    .or_default()
                    .push(format!("{v:?} is not one of the choices."));
            }
            c
        }
        let input = RoutingInput {
            primary_complaint: choice::<PrimaryComplaint>(
                "primary_complaint",
                primary_complaint.0.as_deref(),
                &mut problems,
            ),
            protected_classes: protected_class.0.iter().map(String::as_str).collect(),
            commercial_or_public_place: choice::<CommercialOrPublicPlace>(
                "commercial_or_public_place",
                commercial_or_public_place.0.as_deref(),
                &mut problems,
            ),
            inside_correctional_facility: choice::<InsideCorrectionalFacility>(
                "inside_correctional_facility",
                inside_correctional_facility.0.as_deref(),
                &mut problems,
            ),
            public_or_private_school: choice::<PublicOrPrivateSchool>(
                "public_or_private_school",
                public_or_private_school.0.as_deref(),
                &mut problems,
            ),
        };
        for v in &protected_class.0 {
            if !catalog.all().iter().any(|o| &o.value == v) {
                problems
                    .entry("protected_class".into())
                    .or_default()
                    .push(format!("{v:?} is not a protected-class value."));
            }
        }
        if !problems.is_empty() {
            return Err(ApiError::fields(
                "Some answers could not be read; see errors.",
                problems,
            ));
        }
        let (section, why) = route(&input);
        Ok(Json(RoutingView {
            assigned_section: section.value().to_owned(),
            section_label: section.label().to_owned(),
            routing_explanation: why,
        }))
    }
}
