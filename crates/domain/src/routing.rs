//! Which section gets a report (DOMAIN.md "Routing"), with a sentence that
//! says why. A pure function of the answers: no database, no settings.

use crate::{
    choice::Choice,
    report::{
        CommercialOrPublicPlace, Concern, CorrectionalFacility, InsideCorrectionalFacility,
        PrimaryComplaint, PublicOrPrivateSchool, Report, Section,
    },
};

/// The answers routing looks at. Anything missing is `None` (a report taken
/// at intake may lack them); routing never fails.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct RoutingInput<'a> {
    /// The primary concern (`None` routes to ADM).
    pub primary_complaint: Option<PrimaryComplaint>,
    /// The protected-class values chosen.
    pub protected_classes: Vec<&'a str>,
    /// Commercial or public place, if answered.
    pub commercial_or_public_place: Option<CommercialOrPublicPlace>,
    /// Inside a correctional facility, if answered.
    pub inside_correctional_facility: Option<InsideCorrectionalFacility>,
    /// Kind of school, if answered.
    pub public_or_private_school: Option<PublicOrPrivateSchool>,
}

impl<'a> RoutingInput<'a> {
    /// The routing answers of a validated report.
    pub fn of(report: &'a Report) -> Self {
        let mut input = RoutingInput {
            primary_complaint: Some(report.primary_complaint()),
            protected_classes: report
                .protected_classes
                .iter()
                .map(String::as_str)
                .collect(),
            ..Default::default()
        };
        match &report.concern {
            Concern::CommercialOrPublic { place, .. } => {
                input.commercial_or_public_place = Some(*place)
            }
            Concern::Police { facility } => {
                input.inside_correctional_facility = Some(match facility {
                    CorrectionalFacility::Inside(_) => InsideCorrectionalFacility::Inside,
                    CorrectionalFacility::Outside => InsideCorrectionalFacility::Outside,
                })
            }
            Concern::Education { school } => input.public_or_private_school = Some(*school),
            _ => {}
        }
        input
    }
}

/// Routes a report: its section and the reason, e.g.
/// `(Section::DisabilityRights, "Voting concern with disability chosen: …")`.
pub fn assign_section(report: &Report) -> (Section, String) {
    route(&RoutingInput::of(report))
}

/// Routes the given answers (the rule itself; [`assign_section`] feeds it a
/// report, `crt-admin route` feeds it command-line answers).
pub fn route(input: &RoutingInput<'_>) -> (Section, String) {
    use PrimaryComplaint as P;
    use Section as S;
    let classes = &input.protected_classes;
    let has = |v: &str| classes.contains(&v);
    let disability = has("disability");
    let concern = input
        .primary_complaint
        .map_or("No primary concern", |p| match p {
            P::Workplace => "Workplace concern",
            P::Housing => "Housing concern",
            P::Education => "Education concern",
            P::Police => "Police or correctional concern",
            P::Voting => "Voting concern",
            P::CommercialOrPublic => "Commercial or public place concern",
            P::SomethingElse => "\"Something else\" concern",
        });
    let (section, why): (Section, String) = match input.primary_complaint {
        Some(P::Voting) if disability => (S::DisabilityRights, "with disability chosen".into()),
        Some(P::Voting) => (S::Voting, "without disability".into()),
        Some(P::Workplace) => {
            let ier = ["immigration", "national_origin", "language"];
            if !classes.is_empty() && classes.iter().all(|c| ier.contains(c)) {
                (
                    S::ImmigrantAndEmployeeRights,
                    "where every class chosen is immigration, national origin or language".into(),
                )
            } else if classes.is_empty() {
                (
                    S::EmploymentLitigation,
                    "with no protected class chosen".into(),
                )
            } else {
                (
                    S::EmploymentLitigation,
                    "with a class other than immigration, national origin or language".into(),
                )
            }
        }
        Some(P::CommercialOrPublic) if disability => {
            (S::DisabilityRights, "with disability chosen".into())
        }
        Some(P::CommercialOrPublic)
            if input.commercial_or_public_place == Some(CommercialOrPublicPlace::Healthcare) =>
        {
            (
                S::SpecialLitigation,
                "at a health care facility, without disability".into(),
            )
        }
        Some(P::CommercialOrPublic) => (
            S::HousingAndCivilEnforcement,
            "not at a health care facility, without disability".into(),
        ),
        Some(P::Housing) => (
            S::HousingAndCivilEnforcement,
            "(always Housing and Civil Enforcement)".into(),
        ),
        Some(P::Education) => match input.public_or_private_school {
            Some(PublicOrPrivateSchool::Private) if disability => (
                S::DisabilityRights,
                "at a private school, with disability chosen".into(),
            ),
            Some(PublicOrPrivateSchool::Private) => (
                S::EducationalOpportunities,
                "at a private school, without disability".into(),
            ),
            Some(s) => (
                S::EducationalOpportunities,
                format!("with school type \"{}\"", s.value()),
            ),
            // No school type (staff intake, the API, old data): as for a
            // private school, disability is checked first.
            None if disability => (
                S::DisabilityRights,
                "with no school type given, with disability chosen".into(),
            ),
            None => (
                S::EducationalOpportunities,
                "with no school type given, without disability".into(),
            ),
        },
        Some(P::Police) if disability => (S::DisabilityRights, "with disability chosen".into()),
        Some(P::Police)
            if input.inside_correctional_facility == Some(InsideCorrectionalFacility::Inside) =>
        {
            (
                S::SpecialLitigation,
                "inside a correctional facility, without disability".into(),
            )
        }
        Some(P::Police) => (
            S::Criminal,
            "not inside a correctional facility, without disability".into(),
        ),
        Some(P::SomethingElse) if disability => {
            (S::DisabilityRights, "with disability chosen".into())
        }
        Some(P::SomethingElse) if classes.len() == 1 && has("gun_ownership") => (
            S::SecondAmendment,
            "with gun ownership as the only class chosen".into(),
        ),
        Some(P::SomethingElse) => (
            S::Administrative,
            "without disability, and not gun ownership alone".into(),
        ),
        None => (
            S::Administrative,
            "(routed to Administrative for review)".into(),
        ),
    };
    let explanation = format!(
        "{concern} {why}: routed to {} ({}).",
        section.label(),
        section.value()
    );
    (section, explanation)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input<'a>(p: Option<&str>, classes: &[&'a str], extra: Option<&str>) -> RoutingInput<'a> {
        let p = p.map(|p| PrimaryComplaint::from_value(p).unwrap());
        let mut i = RoutingInput {
            primary_complaint: p,
            protected_classes: classes.to_vec(),
            ..Default::default()
        };
        if let Some(x) = extra {
            i.commercial_or_public_place = CommercialOrPublicPlace::from_value(x);
            i.inside_correctional_facility = InsideCorrectionalFacility::from_value(x);
            i.public_or_private_school = PublicOrPrivateSchool::from_value(x);
        }
        i
    }

    /// (primary concern, classes, location answer, expected section)
    type Case = (
        Option<&'static str>,
        &'static [&'static str],
        Option<&'static str>,
        &'static str,
    );

    #[test]
    fn every_rule() {
        // (primary, classes, location answer, expected section)
        let table: &[Case] = &[
            // voting
            (Some("voting"), &["disability"], None, "DRS"),
            (Some("voting"), &["race_color", "disability"], None, "DRS"),
            (Some("voting"), &["race_color"], None, "VOT"),
            (Some("voting"), &[], None, "VOT"),
            // workplace
            (Some("workplace"), &["immigration"], None, "IER"),
            (
                Some("workplace"),
                &["national_origin", "language"],
                None,
                "IER",
            ),
            (
                Some("workplace"),
                &["immigration", "national_origin", "language"],
                None,
                "IER",
            ),
            (Some("workplace"), &["immigration", "age"], None, "ELS"),
            (Some("workplace"), &["disability"], None, "ELS"),
            (Some("workplace"), &[], None, "ELS"),
            (
                Some("workplace"),
                &["national_origin_ancestry_ethnicity_language"],
                None,
                "ELS",
            ),
            // commercial or public place
            (
                Some("commercial_or_public"),
                &["disability"],
                Some("healthcare"),
                "DRS",
            ),
            (
                Some("commercial_or_public"),
                &["race_color"],
                Some("healthcare"),
                "SPL",
            ),
            (
                Some("commercial_or_public"),
                &["race_color"],
                Some("store"),
                "HCE",
            ),
            (Some("commercial_or_public"), &[], None, "HCE"),
            // an absent place falls through: disability first, then HCE
            (Some("commercial_or_public"), &["disability"], None, "DRS"),
            (Some("commercial_or_public"), &["race_color"], None, "HCE"),
            // housing
            (Some("housing"), &["disability"], None, "HCE"),
            (Some("housing"), &[], None, "HCE"),
            // education
            (Some("education"), &["disability"], Some("public"), "EOS"),
            (Some("education"), &["disability"], Some("not_sure"), "EOS"),
            (Some("education"), &["disability"], Some("private"), "DRS"),
            (Some("education"), &["race_color"], Some("private"), "EOS"),
            (Some("education"), &["race_color"], None, "EOS"),
            (Some("education"), &["disability"], None, "DRS"),
            (Some("education"), &[], None, "EOS"),
            // police
            (Some("police"), &["disability"], Some("inside"), "DRS"),
            (Some("police"), &["race_color"], Some("inside"), "SPL"),
            (Some("police"), &["race_color"], Some("outside"), "CRM"),
            (Some("police"), &[], None, "CRM"),
            // an absent facility answer falls through: disability first, then CRM
            (Some("police"), &["disability"], None, "DRS"),
            (Some("police"), &["race_color"], None, "CRM"),
            // something else
            (
                Some("something_else"),
                &["disability", "gun_ownership"],
                None,
                "DRS",
            ),
            (Some("something_else"), &["gun_ownership"], None, "2AS"),
            (
                Some("something_else"),
                &["gun_ownership", "age"],
                None,
                "ADM",
            ),
            (Some("something_else"), &[], None, "ADM"),
            // voting, workplace, housing and "something else" ask no location
            // answer: every case above has it absent.
            // anything else
            (None, &["disability"], None, "ADM"),
        ];
        for (p, classes, extra, expected) in table {
            let (section, why) = route(&input(*p, classes, *extra));
            assert_eq!(
                section.value(),
                *expected,
                "{p:?} {classes:?} {extra:?}: {why}"
            );
            assert!(why.ends_with(&format!("({expected}).")), "{why}");
        }
    }
}
