//! `crt-admin seed --reports N [--seed S]`: realistic fake reports, for
//! demonstrations and for measuring the staff list at scale. Every report is
//! built from answers through the same validation and routing as the public
//! form, so seeded data is never data the portal could not hold.

use std::{io::Write, process::ExitCode, time::Instant};

use anyhow::anyhow;
use chrono::{Duration, Utc};
use crt_domain::{
    choice::Choice,
    ports::ProtectedClassRepository,
    report::{
        CommercialOrPublicPlace, CorrectionalFacilityType, ElectionDetails, EmployerSize,
        InsideCorrectionalFacility, PrimaryComplaint, PublicOrPrivateEmployer,
        PublicOrPrivateSchool, StaffFields, Status,
    },
    routing::assign_section,
    validation::{Answers, Context, validate_report},
};
use rand::{Rng, SeedableRng, rngs::StdRng, seq::IndexedRandom};

#[derive(Debug, clap::Args)]
pub struct Args {
    /// How many reports to create.
    #[arg(long)]
    reports: usize,
    /// Random seed (the same seed gives the same reports).
    #[arg(long, default_value_t = 1)]
    seed: u64,
}

const FIRST: &[&str] = &[
    "Ana", "Bo", "Carmen", "Dmitri", "Esther", "Farid", "Grace", "Hiro", "Imani", "José", "Kim",
    "Lena", "Marcus", "Nadia", "Omar", "Priya",
];
const LAST: &[&str] = &[
    "Lopez", "Nguyen", "Smith", "Okafor", "Cohen", "Haddad", "Johnson", "Kowalski", "Martinez",
    "Brown", "Yamamoto", "Patel", "Williams", "Garcia",
];
const PLACES: &[&str] = &[
    "Riverside Apartments",
    "County Jail",
    "Main Street Diner",
    "Lincoln High School",
    "City Hall",
    "Sunrise Clinic",
    "First National Bank",
    "Oak Park",
    "Acme Logistics",
    "Grace Church",
    "Precinct 12 polling place",
];
const CITIES: &[&str] = &[
    "Springfield",
    "Reno",
    "Albany",
    "Tucson",
    "Savannah",
    "Duluth",
    "Fresno",
    "Toledo",
    "Boise",
    "Wichita",
    "Nashville",
    "Camden",
];
const STATES: &[&str] = &[
    "IL", "NV", "NY", "AZ", "GA", "MN", "CA", "OH", "ID", "KS", "TN", "NJ", "TX", "FL", "WA", "DC",
    "PR",
];
const OPENINGS: &[&str] = &[
    "I was told I could not",
    "The manager refused to let me",
    "An officer stopped me and would not let me",
    "The landlord said I could not",
    "Staff at the front desk would not let me",
    "My supervisor told me I could not",
];
const ACTIONS: &[&str] = &[
    "rent the apartment",
    "vote",
    "enter the building",
    "apply for the job",
    "enroll my son",
    "see a doctor",
    "open an account",
    "use the ramp",
    "bring my service dog",
];
const REASONS: &[&str] = &[
    "because of my accent",
    "because I use a wheelchair",
    "because of my religion",
    "because I am pregnant",
    "because of where I was born",
    "because of my age",
    "because of the color of my skin",
    "and gave no reason at all",
];
const DETAILS: &[&str] = &[
    "This happened in front of other people.",
    "I asked for a supervisor but nobody came.",
    "I have emails that show what they said.",
    "It has happened three times since last spring.",
    "A witness saw everything and can confirm it.",
    "I filed a complaint with the city but heard nothing back.",
    "They laughed when I asked why.",
    "I was afraid to go back.",
];
const STAFF: &[&str] = &["ana", "bo", "cy", "dee", "eve"];

fn pick<'a>(rng: &mut StdRng, list: &[&'a str]) -> &'a str {
    list.choose(rng).copied().unwrap_or("")
}

fn answers(rng: &mut StdRng, classes: &[String], today: chrono::NaiveDate) -> Answers {
    let mut a: Vec<(&str, String)> = Vec::new();
    let first = pick(rng, FIRST);
    let last = pick(rng, LAST);
    a.push((
        "servicemember",
        if rng.random_bool(0.1) { "yes" } else { "no" }.into(),
    ));
    if rng.random_bool(0.9) {
        a.push(("contact_first_name", first.into()));
        a.push(("contact_last_name", last.into()));
    }
    if rng.random_bool(0.7) {
        let ascii: String = first.chars().filter(char::is_ascii_alphabetic).collect();
        a.push((
            "contact_email",
            format!(
                "{}.{}{}@example.org",
                ascii.to_lowercase(),
                last.to_lowercase(),
                rng.random_range(1..300)
            ),
        ));
    }
    if rng.random_bool(0.5) {
        a.push((
            "contact_phone",
            format!(
                "({}) 555-{:04}",
                rng.random_range(201..990),
                rng.random_range(0..10000)
            ),
        ));
    }
    let primary = *PrimaryComplaint::ALL
        .choose(rng)
        .unwrap_or(&PrimaryComplaint::SomethingElse);
    a.push(("primary_complaint", primary.value().into()));
    a.push(("location_name", pick(rng, PLACES).into()));
    a.push(("location_city_town", pick(rng, CITIES).into()));
    a.push(("location_state", pick(rng, STATES).into()));
    fn any<C: Choice>(rng: &mut StdRng) -> String {
        C::ALL
            .choose(rng)
            .map(|c| c.value().to_owned())
            .unwrap_or_default()
    }
    a.push((
        "public_or_private_employer",
        any::<PublicOrPrivateEmployer>(rng),
    ));
    a.push(("employer_size", any::<EmployerSize>(rng)));
    a.push((
        "public_or_private_school",
        any::<PublicOrPrivateSchool>(rng),
    ));
    a.push((
        "inside_correctional_facility",
        any::<InsideCorrectionalFacility>(rng),
    ));
    a.push((
        "correctional_facility_type",
        any::<CorrectionalFacilityType>(rng),
    ));
    a.push((
        "commercial_or_public_place",
        any::<CommercialOrPublicPlace>(rng),
    ));
    a.push(("election_details", any::<ElectionDetails>(rng)));
    let n = rng.random_range(1..=3);
    for c in classes.choose_multiple(rng, n) {
        a.push(("protected_class", c.clone()));
        if c == "other" {
            a.push(("other_class", "Because I am a veteran".into()));
        }
    }
    let days_ago = rng.random_range(0..700);
    let when = today - Duration::days(days_ago);
    a.push((
        "last_incident_month",
        chrono::Datelike::month(&when).to_string(),
    ));
    a.push((
        "last_incident_year",
        chrono::Datelike::year(&when).to_string(),
    ));
    let mut text = format!(
        "{} {} {}.",
        pick(rng, OPENINGS),
        pick(rng, ACTIONS),
        pick(rng, REASONS)
    );
    for _ in 0..rng.random_range(1..5) {
        text.push(' ');
        text.push_str(pick(rng, DETAILS));
    }
    a.push(("violation_summary", text));
    Answers::from_pairs(a)
}

pub async fn run(url: &str, args: Args) -> anyhow::Result<ExitCode> {
    let db = super::open(url).await?;
    let catalog = db.catalog().await?;
    let classes: Vec<String> = catalog
        .form_choices()
        .iter()
        .map(|o| o.value.clone())
        .filter(|v| v != "none")
        .collect();
    let mut rng = StdRng::seed_from_u64(args.seed);
    let now = Utc::now();
    let today = now.date_naive();
    let started = Instant::now();
    let mut items = Vec::with_capacity(args.reports);
    for _ in 0..args.reports {
        let answers = answers(&mut rng, &classes, today);
        let report = validate_report(
            &answers,
            Context {
                catalog: &catalog,
                today,
            },
        )
        .map_err(|e| anyhow!("generated an invalid report (a bug in the generator): {e}"))?;
        let (section, why) = assign_section(&report);
        let mut staff = StaffFields::new_report(section, why);
        let created = now - Duration::minutes(rng.random_range(0..(730 * 24 * 60)));
        match rng.random_range(0..100) {
            0..60 => {}
            60..85 => {
                staff.status = Status::Open;
                staff.assigned_to = Some(pick(&mut rng, STAFF).to_owned());
            }
            _ => {
                staff.status = Status::Closed;
                staff.closed_date = Some(created + Duration::days(rng.random_range(1..60)));
            }
        }
        items.push((report, staff, created));
    }
    let total = items.len();
    let mut last_shown = 0;
    let inserted = db
        .insert_reports_bulk(&items, |done| {
            // A progress line on stderr (stdout stays for the summary).
            if done * 20 / total.max(1) != last_shown * 20 / total.max(1) || done == total {
                eprint!("\rseeding: {done}/{total} ({}%)", done * 100 / total.max(1));
                let _ = std::io::stderr().flush();
                last_shown = done;
            }
        })
        .await?;
    eprintln!();
    db.analyze().await?;
    println!(
        "created {inserted} reports in {:.1} s (seed {})",
        started.elapsed().as_secs_f64(),
        args.seed
    );
    Ok(ExitCode::SUCCESS)
}
