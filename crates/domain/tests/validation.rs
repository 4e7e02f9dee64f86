//! Every validation rule and every exact message of DOMAIN.md ("The public
//! report form" → "Validation and messages"), checked through the public API
//! only: `validate_report`, the step parsers, the step registry and the
//! protected-class catalog. "Today" is fixed at 2026-11-25.

#![allow(clippy::unwrap_used, clippy::expect_used)] // a failed unwrap is a failed test

use std::sync::LazyLock;

use chrono::NaiveDate;
use crt_domain::{
    choice::Choice,
    form::{STEPS, step, steps_for},
    protected_class::{
        ProtectedClassCatalog, ProtectedClassOption, current_catalog, current_options,
    },
    report::{
        CommercialOrPublicPlace, Concern, Contact, CorrectionalFacility, CorrectionalFacilityType,
        ElectionDetails, EmployerSize, IntakeFormat, PrimaryComplaint, PublicOrPrivateEmployer,
        PublicOrPrivateSchool, Report, YesNo,
    },
    validation::{
        Answers, Check, Context, FieldError, MessageArg, Problem, answers_of, parse_concern,
        parse_contact, parse_incident_date, parse_location, parse_primary_complaint,
        parse_protected_classes, parse_violation_summary, validate_report,
    },
};

// ---------------------------------------------------------------- helpers

static CATALOG: LazyLock<ProtectedClassCatalog> = LazyLock::new(current_catalog);

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 25).unwrap()
}

fn ctx() -> Context<'static> {
    Context {
        catalog: &CATALOG,
        today: today(),
    }
}

/// `(field, message)` pairs, in the order they were reported.
type Errors = Vec<(String, String)>;

fn owned(expected: &[(&str, &str)]) -> Errors {
    expected
        .iter()
        .map(|(f, m)| ((*f).to_owned(), (*m).to_owned()))
        .collect()
}

fn pairs_of(errors: crt_domain::validation::FieldErrors) -> Errors {
    errors
        .0
        .into_iter()
        .map(|e| {
            let text = english(&e);
            (e.field, text)
        })
        .collect()
}

/// The problems `validate_report` finds (none when it builds a report).
fn errors_in(a: &Answers) -> Errors {
    match validate_report(a, ctx()) {
        Ok(_) => Vec::new(),
        Err(e) => pairs_of(e),
    }
}

/// Asserts `validate_report` reports exactly these problems, in this order.
#[track_caller]
fn assert_errors(a: &Answers, expected: &[(&str, &str)]) {
    assert_eq!(errors_in(a), owned(expected), "answers: {a:?}");
}

/// Asserts `validate_report` accepts the answers and returns the report.
#[track_caller]
fn report_of(a: &Answers) -> Report {
    match validate_report(a, ctx()) {
        Ok(r) => r,
        Err(e) => panic!("expected a report, got {e}\nanswers: {a:?}"),
    }
}

/// What one step's `check` reports for these answers.
fn step_errors(name: &str, a: &Answers) -> Errors {
    let s = step(name).unwrap_or_else(|| panic!("no step {name}"));
    let mut c = Check::new(a, ctx());
    (s.check)(&mut c);
    pairs_of(c.finish())
}

fn too_long(max: usize, n: usize) -> String {
    format!("Ensure this value has at most {max} characters (it has {n}).")
}

fn invalid_choice(shown: &str) -> String {
    format!("Select a valid choice. {shown} is not one of the available choices.")
}

/// The answers with `field` set to `value` (replacing what was there).
fn with(mut a: Answers, field: &str, value: &str) -> Answers {
    a.set(field, vec![value.to_owned()]);
    a
}

/// The answers with `field` set to several values (a checkbox group).
fn with_all(mut a: Answers, field: &str, values: &[&str]) -> Answers {
    a.set(field, values.iter().map(|v| (*v).to_owned()).collect());
    a
}

/// The answers without `field`.
fn without(mut a: Answers, field: &str) -> Answers {
    a.set(field, Vec::new());
    a
}

/// The answers with the incident date set (`day` may be "" for blank).
fn dated(a: Answers, month: &str, day: &str, year: &str) -> Answers {
    let a = with(a, "last_incident_month", month);
    let a = with(a, "last_incident_day", day);
    with(a, "last_incident_year", year)
}

/// The questions every draft answers, whatever the concern.
const COMMON: &[(&str, &str)] = &[
    ("servicemember", "no"),
    ("location_name", "Springfield City Hall"),
    ("location_city_town", "Springfield"),
    ("location_state", "IL"),
    ("protected_class", "disability"),
    ("last_incident_month", "11"),
    ("last_incident_year", "2026"),
    ("violation_summary", "The polling place had no ramp."),
];

/// The required (and one optional) extra questions of each location variant.
fn extras(p: PrimaryComplaint) -> &'static [(&'static str, &'static str)] {
    use PrimaryComplaint as P;
    match p {
        P::Workplace => &[
            ("public_or_private_employer", "private_employer"),
            ("employer_size", "15_or_more"),
        ],
        P::Housing | P::SomethingElse => &[],
        P::Education => &[("public_or_private_school", "public")],
        P::Police => &[
            ("inside_correctional_facility", "inside"),
            ("correctional_facility_type", "state_local"),
        ],
        P::Voting => &[("election_details", "federal")],
        P::CommercialOrPublic => &[
            ("commercial_or_public_place", "other"),
            ("other_commercial_or_public_place", "A bus station"),
        ],
    }
}

/// The concern `extras(p)` describes.
fn expected_concern(p: PrimaryComplaint) -> Concern {
    use PrimaryComplaint as P;
    match p {
        P::Workplace => Concern::Workplace {
            employer: PublicOrPrivateEmployer::Private,
            employer_size: EmployerSize::FifteenOrMore,
        },
        P::Housing => Concern::Housing,
        P::Education => Concern::Education {
            school: PublicOrPrivateSchool::Public,
        },
        P::Police => Concern::Police {
            facility: CorrectionalFacility::Inside(CorrectionalFacilityType::StateLocal),
        },
        P::Voting => Concern::Voting {
            election_details: Some(ElectionDetails::Federal),
        },
        P::CommercialOrPublic => Concern::CommercialOrPublic {
            place: CommercialOrPublicPlace::Other,
            other_place: Some("A bus station".into()),
        },
        P::SomethingElse => Concern::SomethingElse,
    }
}

/// A minimal valid draft for concern `p` (no contact details).
fn draft(p: PrimaryComplaint) -> Answers {
    Answers::from_pairs(
        COMMON
            .iter()
            .chain(extras(p))
            .copied()
            .chain([("primary_complaint", p.value())]),
    )
}

/// A valid housing draft: the plain location questions only.
fn housing() -> Answers {
    draft(PrimaryComplaint::Housing)
}

/// Every field any step asks.
fn all_fields() -> Vec<&'static str> {
    let mut out: Vec<&str> = Vec::new();
    for s in STEPS {
        for f in s.fields {
            if !out.contains(f) {
                out.push(f);
            }
        }
    }
    out
}

/// A syntactically valid e-mail address of exactly `n` characters (n ≥ 195).
fn email_of_len(n: usize) -> String {
    let last = n - 64 - 1 - 63 - 1 - 63 - 1;
    let e = format!(
        "{}@{}.{}.{}",
        "a".repeat(64),
        "b".repeat(63),
        "c".repeat(63),
        "d".repeat(last)
    );
    assert_eq!(e.chars().count(), n);
    e
}

/// A valid phone number of exactly `n` characters (n ≥ 10).
fn phone_of_len(n: usize) -> String {
    format!("{}2025550100", "(".repeat(n - 10))
}

// ---------------------------------------------------------------- messages

/// The sentences of DOMAIN.md, word for word: the English rendering of
/// each problem (locales/en/main.ftl) must stay exactly these.
mod messages {
    pub const SERVICEMEMBER: &str = "Please select a status as an active duty service member.";
    pub const EMAIL_INVALID: &str = "Enter a valid email address.";
    pub const PHONE_INVALID: &str = "If you submit a phone number, please make sure to include between 7 and 15 digits. The characters \"+\", \")\", \"(\", \"-\", and \".\" are allowed. Please include country code if entering an international phone number.";
    pub const PRIMARY_COMPLAINT: &str = "Please select a primary reason to continue.";
    pub const LOCATION_NAME: &str = "Please enter the name of the location where this took place.";
    pub const LOCATION_CITY: &str = "Please enter the city or town where this took place.";
    pub const LOCATION_STATE: &str = "Please select the state where this took place.";
    pub const EMPLOYER_TYPE: &str = "Please select what type of employer this is.";
    pub const EMPLOYER_SIZE: &str = "Please select how large the employer is.";
    pub const PLACE: &str = "Please select the type of location. If none of these apply to your situation, please select \"Other\".";
    pub const CORRECTIONAL_WHERE: &str = "Please select where this occurred";
    pub const CORRECTIONAL_TYPE: &str = "Please select the type of location";
    pub const SCHOOL: &str = "Please select the type of school or educational program.";
    pub const PROTECTED_CLASS: &str = "Please make a selection to continue. If none of these apply to your situation, please select \"None of these apply to me\" or \"Other reason\" and explain.";
    pub const MONTH_MISSING: &str = "Please enter a month.";
    pub const MONTH_INVALID: &str = "Please enter a valid month. Month must be between 1 and 12.";
    pub const YEAR_MISSING: &str = "Please enter a year.";
    pub const YEAR_INVALID: &str = "Please enter a year after 1900.";
    pub const DAY_INVALID: &str = "Please enter a valid day of the month. Day must be between 1 and the last day of the month.";
    pub const DATE_FUTURE: &str = "Date can not be in the future.";
    pub const SUMMARY: &str = "Please provide description to continue";
    pub const STATE_INVALID: &str = "Select a valid state or territory.";
    pub const ZIP_INVALID: &str = "Enter a valid ZIP code.";
}

/// English words of the problems, from the message files.
static WORDS: LazyLock<crt_i18n::Messages> =
    LazyLock::new(|| crt_i18n::Messages::load().expect("message files"));

/// A problem in English, as the form shows it.
fn english(e: &FieldError) -> String {
    let Some(id) = e.message_id() else {
        return match &e.problem {
            Problem::Staff(t) => t.clone(),
            other => panic!("no message for {other:?}"),
        };
    };
    let args: Vec<(&str, crt_i18n::Arg)> = e
        .message_args()
        .into_iter()
        .map(|(k, v)| {
            (
                k,
                match v {
                    MessageArg::Text(t) => crt_i18n::Arg::Text(t.to_owned()),
                    MessageArg::Number(n) => crt_i18n::Arg::from(n),
                },
            )
        })
        .collect();
    assert!(WORDS.has("en", &id), "no English message {id}");
    WORDS.text("en", &id, &args)
}

/// Each problem of the public form, the field it is reported on, and the
/// sentence DOMAIN.md gives it.
fn domain_md_sentences() -> Vec<(&'static str, Problem, &'static str)> {
    vec![
        ("servicemember", Problem::Missing, messages::SERVICEMEMBER),
        (
            "contact_email",
            Problem::InvalidEmail,
            messages::EMAIL_INVALID,
        ),
        (
            "contact_phone",
            Problem::InvalidPhone,
            messages::PHONE_INVALID,
        ),
        (
            "primary_complaint",
            Problem::Missing,
            messages::PRIMARY_COMPLAINT,
        ),
        ("location_name", Problem::Missing, messages::LOCATION_NAME),
        (
            "location_city_town",
            Problem::Missing,
            messages::LOCATION_CITY,
        ),
        ("location_state", Problem::Missing, messages::LOCATION_STATE),
        (
            "public_or_private_employer",
            Problem::Missing,
            messages::EMPLOYER_TYPE,
        ),
        ("employer_size", Problem::Missing, messages::EMPLOYER_SIZE),
        (
            "commercial_or_public_place",
            Problem::Missing,
            messages::PLACE,
        ),
        (
            "inside_correctional_facility",
            Problem::Missing,
            messages::CORRECTIONAL_WHERE,
        ),
        (
            "correctional_facility_type",
            Problem::Missing,
            messages::CORRECTIONAL_TYPE,
        ),
        (
            "public_or_private_school",
            Problem::Missing,
            messages::SCHOOL,
        ),
        (
            "protected_class",
            Problem::Missing,
            messages::PROTECTED_CLASS,
        ),
        (
            "last_incident_month",
            Problem::Missing,
            messages::MONTH_MISSING,
        ),
        (
            "last_incident_month",
            Problem::MonthInvalid,
            messages::MONTH_INVALID,
        ),
        (
            "last_incident_year",
            Problem::Missing,
            messages::YEAR_MISSING,
        ),
        (
            "last_incident_year",
            Problem::YearInvalid,
            messages::YEAR_INVALID,
        ),
        (
            "last_incident_day",
            Problem::DayInvalid,
            messages::DAY_INVALID,
        ),
        (
            "last_incident_month",
            Problem::DateInFuture,
            messages::DATE_FUTURE,
        ),
        ("violation_summary", Problem::Missing, messages::SUMMARY),
        (
            "contact_state",
            Problem::InvalidState,
            messages::STATE_INVALID,
        ),
        ("contact_zip", Problem::InvalidZip, messages::ZIP_INVALID),
    ]
}

#[test]
fn messages_are_the_sentences_of_domain_md() {
    for (field, problem, sentence) in domain_md_sentences() {
        let e = FieldError {
            field: field.to_owned(),
            problem,
        };
        assert_eq!(english(&e), sentence, "{field}");
    }
    // Every problem of every language renders (the message files are
    // complete): the rest of the check is crt-i18n's.
    for lang in crt_i18n::LANGUAGES {
        for (field, problem, _) in domain_md_sentences() {
            let e = FieldError {
                field: field.to_owned(),
                problem,
            };
            let id = e.message_id().unwrap();
            assert!(WORDS.has(lang.code, &id), "{} lacks {id}", lang.code);
        }
    }
}

// ---------------------------------------------------------------- step 1: contact

#[test]
fn servicemember_is_required_and_contact_fields_are_optional() {
    // No contact detail at all is fine.
    let r = report_of(&housing());
    assert_eq!(r.contact, Contact::default());
    assert_eq!(r.servicemember, YesNo::No);
    assert_eq!(
        report_of(&with(housing(), "servicemember", "yes")).servicemember,
        YesNo::Yes
    );

    let sm = [("servicemember", messages::SERVICEMEMBER)];
    assert_errors(&without(housing(), "servicemember"), &sm);
    assert_errors(&with(housing(), "servicemember", "   "), &sm);
    assert_errors(
        &with(housing(), "servicemember", "maybe"),
        &[("servicemember", &invalid_choice("maybe"))],
    );
    // The label is not the value.
    assert_errors(
        &with(housing(), "servicemember", "Yes"),
        &[("servicemember", &invalid_choice("Yes"))],
    );
}

#[test]
fn contact_fields_are_kept_trimmed() {
    let a = Answers::from_pairs([
        ("contact_first_name", "  Jane "),
        ("contact_last_name", "Doe"),
        ("contact_email", " jane.doe@example.org "),
        ("contact_phone", "(202) 555-0100"),
        ("contact_address_line_1", "950 Pennsylvania Ave NW"),
        ("contact_address_line_2", "Room 1"),
        ("contact_city", "Washington"),
        ("contact_state", "DC"),
        ("contact_zip", "20530-0001"),
    ]);
    let mut draft = housing();
    for (f, v) in a.iter() {
        draft.set(f, v.to_vec());
    }
    let c = report_of(&draft).contact;
    assert_eq!(c.first_name.as_deref(), Some("Jane"));
    assert_eq!(c.last_name.as_deref(), Some("Doe"));
    assert_eq!(c.email.unwrap().as_str(), "jane.doe@example.org");
    assert_eq!(c.phone.unwrap().digits(), "2025550100");
    assert_eq!(c.address_line_1.as_deref(), Some("950 Pennsylvania Ave NW"));
    assert_eq!(c.address_line_2.as_deref(), Some("Room 1"));
    assert_eq!(c.city.as_deref(), Some("Washington"));
    assert_eq!(c.state.unwrap().name(), "District of Columbia");
    assert_eq!(c.zip.unwrap().as_str(), "20530-0001");
}

/// (field, limit, makes a value of n characters)
type LimitCase = (&'static str, usize, fn(usize) -> String);

#[test]
fn contact_length_limits() {
    let text = |n: usize| "a".repeat(n);
    let zip = |n: usize| "1".repeat(n);
    let cases: [LimitCase; 9] = [
        ("contact_first_name", 225, text),
        ("contact_last_name", 225, text),
        ("contact_email", 225, email_of_len),
        ("contact_phone", 225, phone_of_len),
        ("contact_address_line_1", 225, text),
        ("contact_address_line_2", 225, text),
        ("contact_city", 700, text),
        ("contact_zip", 10, zip),
        ("contact_zip", 10, |n| {
            format!("12345-{}", "6".repeat(n - 6))
        }),
    ];
    for (field, max, value) in cases {
        let at_max = with(housing(), field, &value(max));
        assert_errors(&at_max, &[]);
        let over = with(housing(), field, &value(max + 1));
        assert_errors(&over, &[(field, &too_long(max, max + 1))]);
    }
    // Characters are counted, not bytes.
    assert_errors(
        &with(housing(), "contact_first_name", &"é".repeat(225)),
        &[],
    );
    assert_errors(
        &with(housing(), "contact_city", &"é".repeat(701)),
        &[("contact_city", &too_long(700, 701))],
    );
    // Surrounding spaces do not count.
    assert_errors(
        &with(
            housing(),
            "contact_last_name",
            &format!("  {}  ", text(225)),
        ),
        &[],
    );
}

#[test]
fn contact_email_must_be_a_valid_address() {
    for bad in [
        "plain",
        "@example.org",
        "jane@",
        "jane@example",
        "jane@example.c",
        "jane doe@example.org",
        "jane@@example.org",
        ".jane@example.org",
        "jane..doe@example.org",
        "jane@-example.org",
        "jane@example.org.",
        "<script>@example.org",
    ] {
        assert_errors(
            &with(housing(), "contact_email", bad),
            &[("contact_email", messages::EMAIL_INVALID)],
        );
    }
    for good in ["a@b.co", "jane.doe+crt@example.org", "x_y@sub.domain.gov"] {
        let r = report_of(&with(housing(), "contact_email", good));
        assert_eq!(r.contact.email.unwrap().as_str(), good);
    }
}

#[test]
fn contact_phone_needs_7_to_15_digits_and_no_letters() {
    for bad in [
        "123456",           // 6 digits
        "555-01",           // 5 digits
        "1234567890123456", // 16 digits
        "+1 (202) 555-0100 ext 12",
        "202-555-CALL",
        "202/555/0100",
        "#1234567",
    ] {
        assert_errors(
            &with(housing(), "contact_phone", bad),
            &[("contact_phone", messages::PHONE_INVALID)],
        );
    }
    for good in [
        "1234567",
        "123456789012345",
        "(202) 555-0100",
        "202.555.0100",
        "+44 20 7946 0958",
    ] {
        let r = report_of(&with(housing(), "contact_phone", good));
        assert_eq!(r.contact.phone.unwrap().as_str(), good);
    }
}

#[test]
fn contact_state_must_be_on_the_list() {
    for bad in ["XX", "dc", "Washington", "D.C."] {
        assert_errors(
            &with(housing(), "contact_state", bad),
            &[("contact_state", messages::STATE_INVALID)],
        );
    }
    for (code, name) in [
        ("DC", "District of Columbia"),
        ("PR", "Puerto Rico"),
        ("WY", "Wyoming"),
    ] {
        let r = report_of(&with(housing(), "contact_state", code));
        assert_eq!(r.contact.state.unwrap().name(), name);
    }
}

#[test]
fn zip_codes_must_be_digits_and_dashes() {
    for field in ["contact_zip", "location_zipcode"] {
        for bad in ["ABCDE", "2053O", "12", "-2053", "20530 0001"] {
            assert_errors(
                &with(housing(), field, bad),
                &[(field, messages::ZIP_INVALID)],
            );
        }
        for good in ["20530", "20530-0001", "123"] {
            assert_errors(&with(housing(), field, good), &[]);
        }
    }
}

#[test]
fn every_contact_problem_is_reported_at_once() {
    let a = with(housing(), "contact_first_name", &"a".repeat(300));
    let a = with(a, "contact_email", "nope");
    let a = with(a, "contact_phone", "12");
    let a = with(a, "contact_state", "XX");
    let a = with(a, "contact_zip", "ABCDE");
    let a = without(a, "servicemember");
    assert_errors(
        &a,
        &[
            ("contact_first_name", &too_long(225, 300)),
            ("contact_email", messages::EMAIL_INVALID),
            ("contact_phone", messages::PHONE_INVALID),
            ("contact_state", messages::STATE_INVALID),
            ("contact_zip", messages::ZIP_INVALID),
            ("servicemember", messages::SERVICEMEMBER),
        ],
    );
}

// ---------------------------------------------------------------- step 2: primary concern

#[test]
fn primary_complaint_is_required_and_must_be_one_of_seven() {
    // Without a concern no location variant is shown, so the location
    // questions are not asked (nor their errors reported).
    let bare = |a: Answers| {
        let mut a = a;
        for (f, _) in COMMON.iter().filter(|(f, _)| f.starts_with("location_")) {
            a.set(*f, Vec::new());
        }
        a
    };
    let pc = [("primary_complaint", messages::PRIMARY_COMPLAINT)];
    assert_errors(&bare(without(housing(), "primary_complaint")), &pc);
    assert_errors(&bare(with(housing(), "primary_complaint", " ")), &pc);
    for bad in ["banking", "Workplace", "commercial-or-public"] {
        assert_errors(
            &bare(with(housing(), "primary_complaint", bad)),
            &[("primary_complaint", &invalid_choice(bad))],
        );
    }
    // Long rubbish is cut to its first 40 characters in the message.
    let long = "x".repeat(100);
    assert_errors(
        &bare(with(housing(), "primary_complaint", &long)),
        &[("primary_complaint", &invalid_choice(&"x".repeat(40)))],
    );
    // Every one of the seven is accepted and reported back.
    assert_eq!(PrimaryComplaint::ALL.len(), 7);
    for &p in PrimaryComplaint::ALL {
        assert_eq!(report_of(&draft(p)).primary_complaint(), p);
    }
}

// ---------------------------------------------------------------- step 3: location

#[test]
fn location_name_city_and_state_are_required_for_every_concern() {
    for &p in PrimaryComplaint::ALL {
        let mut a = draft(p);
        for f in ["location_name", "location_city_town", "location_state"] {
            a = without(a, f);
        }
        let expected = [
            ("location_name", messages::LOCATION_NAME),
            ("location_city_town", messages::LOCATION_CITY),
            ("location_state", messages::LOCATION_STATE),
        ];
        assert_errors(&a, &expected);
        // Blank answers count as missing.
        let blank = with(
            with(
                with(draft(p), "location_name", " "),
                "location_city_town",
                "",
            ),
            "location_state",
            "\t",
        );
        assert_errors(&blank, &expected);
    }
}

#[test]
fn location_state_zip_and_lengths() {
    assert_errors(
        &with(housing(), "location_state", "Illinois"),
        &[("location_state", messages::STATE_INVALID)],
    );
    let cases = [
        ("location_name", 225),
        ("location_address_line_1", 225),
        ("location_address_line_2", 225),
        ("location_city_town", 700),
        ("location_zipcode", 10),
    ];
    for (field, max) in cases {
        assert_errors(&with(housing(), field, &"1".repeat(max)), &[]);
        assert_errors(
            &with(housing(), field, &"1".repeat(max + 1)),
            &[(field, &too_long(max, max + 1))],
        );
    }
    let r = report_of(&with(
        with(housing(), "location_address_line_1", "1 Main St"),
        "location_zipcode",
        "62701",
    ));
    assert_eq!(r.location.name, "Springfield City Hall");
    assert_eq!(r.location.city_town, "Springfield");
    assert_eq!(r.location.state.as_str(), "IL");
    assert_eq!(r.location.address_line_1.as_deref(), Some("1 Main St"));
    assert_eq!(r.location.address_line_2, None);
    assert_eq!(r.location.zipcode.unwrap().as_str(), "62701");
}

#[test]
fn workplace_requires_employer_type_and_size() {
    let w = || draft(PrimaryComplaint::Workplace);
    let a = without(without(w(), "public_or_private_employer"), "employer_size");
    assert_errors(
        &a,
        &[
            ("public_or_private_employer", messages::EMPLOYER_TYPE),
            ("employer_size", messages::EMPLOYER_SIZE),
        ],
    );
    assert_errors(
        &without(w(), "employer_size"),
        &[("employer_size", messages::EMPLOYER_SIZE)],
    );
    assert_errors(
        &with(w(), "public_or_private_employer", "government"),
        &[("public_or_private_employer", &invalid_choice("government"))],
    );
    assert_errors(
        &with(w(), "employer_size", "15"),
        &[("employer_size", &invalid_choice("15"))],
    );
    for &employer in PublicOrPrivateEmployer::ALL {
        for &size in EmployerSize::ALL {
            let a = with(
                with(w(), "public_or_private_employer", employer.value()),
                "employer_size",
                size.value(),
            );
            assert_eq!(
                report_of(&a).concern,
                Concern::Workplace {
                    employer,
                    employer_size: size
                }
            );
        }
    }
    let values: Vec<_> = EmployerSize::ALL.iter().map(|s| s.value()).collect();
    assert_eq!(values, ["14_or_less", "15_or_more", "not_sure"]);
}

#[test]
fn police_asks_facility_type_only_when_inside() {
    let p = || draft(PrimaryComplaint::Police);
    assert_errors(
        &without(p(), "inside_correctional_facility"),
        &[("inside_correctional_facility", messages::CORRECTIONAL_WHERE)],
    );
    // The stored values are inside/outside ("Yes"/"No" are the labels).
    assert_errors(
        &with(p(), "inside_correctional_facility", "Yes"),
        &[("inside_correctional_facility", &invalid_choice("Yes"))],
    );
    assert_errors(
        &without(p(), "correctional_facility_type"),
        &[("correctional_facility_type", messages::CORRECTIONAL_TYPE)],
    );
    assert_errors(
        &with(p(), "correctional_facility_type", "county"),
        &[("correctional_facility_type", &invalid_choice("county"))],
    );
    for &t in CorrectionalFacilityType::ALL {
        let r = report_of(&with(p(), "correctional_facility_type", t.value()));
        assert_eq!(
            r.concern,
            Concern::Police {
                facility: CorrectionalFacility::Inside(t)
            }
        );
    }
}

#[test]
fn police_outside_clears_the_facility_type() {
    let outside = with(
        draft(PrimaryComplaint::Police),
        "inside_correctional_facility",
        "outside",
    );
    let outside_concern = Concern::Police {
        facility: CorrectionalFacility::Outside,
    };
    // Not required …
    let r = report_of(&without(outside.clone(), "correctional_facility_type"));
    assert_eq!(r.concern, outside_concern);
    // … and a leftover answer, even a bad one, is ignored and not kept.
    for leftover in ["federal", "nonsense"] {
        let r = report_of(&with(
            outside.clone(),
            "correctional_facility_type",
            leftover,
        ));
        assert_eq!(r.concern, outside_concern);
        let back = answers_of(&r);
        assert_eq!(back.get("inside_correctional_facility"), Some("outside"));
        assert_eq!(back.get("correctional_facility_type"), None);
    }
}

#[test]
fn commercial_place_is_required_and_other_place_at_most_150() {
    let c = || draft(PrimaryComplaint::CommercialOrPublic);
    assert_errors(
        &without(c(), "commercial_or_public_place"),
        &[("commercial_or_public_place", messages::PLACE)],
    );
    assert_errors(
        &with(c(), "commercial_or_public_place", "airport"),
        &[("commercial_or_public_place", &invalid_choice("airport"))],
    );
    let field = "other_commercial_or_public_place";
    assert_errors(&with(c(), field, &"o".repeat(150)), &[]);
    assert_errors(
        &with(c(), field, &"o".repeat(151)),
        &[(field, &too_long(150, 151))],
    );
    // Both problems at once.
    assert_errors(
        &with(
            without(c(), "commercial_or_public_place"),
            field,
            &"o".repeat(200),
        ),
        &[
            ("commercial_or_public_place", messages::PLACE),
            (field, &too_long(150, 200)),
        ],
    );
    // The explanation is optional.
    for &place in CommercialOrPublicPlace::ALL {
        let a = with(
            without(c(), field),
            "commercial_or_public_place",
            place.value(),
        );
        assert_eq!(
            report_of(&a).concern,
            Concern::CommercialOrPublic {
                place,
                other_place: None
            }
        );
    }
}

#[test]
fn education_requires_the_school_type() {
    let e = || draft(PrimaryComplaint::Education);
    assert_errors(
        &without(e(), "public_or_private_school"),
        &[("public_or_private_school", messages::SCHOOL)],
    );
    assert_errors(
        &with(e(), "public_or_private_school", "charter"),
        &[("public_or_private_school", &invalid_choice("charter"))],
    );
    for &school in PublicOrPrivateSchool::ALL {
        let a = with(e(), "public_or_private_school", school.value());
        assert_eq!(report_of(&a).concern, Concern::Education { school });
    }
}

#[test]
fn voting_election_details_are_optional() {
    let v = || draft(PrimaryComplaint::Voting);
    assert_eq!(
        report_of(&without(v(), "election_details")).concern,
        Concern::Voting {
            election_details: None
        }
    );
    for &d in ElectionDetails::ALL {
        let a = with(v(), "election_details", d.value());
        assert_eq!(
            report_of(&a).concern,
            Concern::Voting {
                election_details: Some(d)
            }
        );
    }
    assert_errors(
        &with(v(), "election_details", "primary"),
        &[("election_details", &invalid_choice("primary"))],
    );
}

#[test]
fn housing_and_something_else_ask_only_the_plain_questions() {
    for (p, concern) in [
        (PrimaryComplaint::Housing, Concern::Housing),
        (PrimaryComplaint::SomethingElse, Concern::SomethingElse),
    ] {
        // Answers meant for other variants are not looked at.
        let mut a = draft(p);
        for f in [
            "public_or_private_employer",
            "employer_size",
            "public_or_private_school",
            "inside_correctional_facility",
            "correctional_facility_type",
            "election_details",
            "commercial_or_public_place",
            "other_commercial_or_public_place",
        ] {
            a = with(a, f, &"?".repeat(300));
        }
        assert_eq!(report_of(&a).concern, concern);
        assert_errors(
            &without(draft(p), "location_name"),
            &[("location_name", messages::LOCATION_NAME)],
        );
    }
}

// ---------------------------------------------------------------- step 4: protected classes

#[test]
fn protected_class_needs_at_least_one_choice() {
    let pc = [("protected_class", messages::PROTECTED_CLASS)];
    assert_errors(&without(housing(), "protected_class"), &pc);
    assert_errors(&with_all(housing(), "protected_class", &["", "  "]), &pc);
    // other_class alone is not a choice.
    assert_errors(
        &with(
            without(housing(), "protected_class"),
            "other_class",
            "my accent",
        ),
        &pc,
    );
    // Every option the form offers is accepted on its own.
    for o in CATALOG.form_choices() {
        let r = report_of(&with(housing(), "protected_class", &o.value));
        assert_eq!(r.protected_classes, std::slice::from_ref(&o.value));
    }
}

#[test]
fn protected_class_refuses_unknown_and_retired_values() {
    let old = "national_origin_ancestry_ethnicity_language";
    let mut options = current_options();
    options.push(ProtectedClassOption {
        value: old.into(),
        code: "National origin/language".into(),
        label: "National origin (including ancestry, ethnicity, and language)".into(),
        form_order: None,
    });
    let with_retired = ProtectedClassCatalog::new(options).unwrap();
    let retired_ctx = Context {
        catalog: &with_retired,
        today: today(),
    };
    let errors = |a: &Answers| pairs_of(validate_report(a, retired_ctx).unwrap_err());

    // The retired value is known to the catalog but no longer offered; the
    // message shows the first 40 characters of what was posted.
    assert!(with_retired.get(old).is_some());
    let retired = with(housing(), "protected_class", old);
    assert_eq!(
        errors(&retired),
        owned(&[(
            "protected_class",
            "Select a valid choice. national_origin_ancestry_ethnicity_langu is not one of the available choices."
        )])
    );
    // Unknown values, alone or beside a good one, are each refused (and the
    // "make a selection" message is not added on top).
    let a = with_all(
        housing(),
        "protected_class",
        &["age", "astrology", "Race/color"],
    );
    assert_eq!(
        errors(&a),
        owned(&[
            ("protected_class", &invalid_choice("astrology")),
            ("protected_class", &invalid_choice("Race/color")),
        ])
    );
    // The current catalog has no such option either.
    assert_errors(
        &with(housing(), "protected_class", old),
        &[("protected_class", &invalid_choice(&old[..40]))],
    );
}

#[test]
fn protected_classes_collapse_duplicates_and_follow_form_order() {
    let a = with_all(
        housing(),
        "protected_class",
        &[
            "other",
            "race_color",
            " age ",
            "race_color",
            "disability",
            "age",
        ],
    );
    let r = report_of(&a);
    assert_eq!(
        r.protected_classes,
        ["age", "disability", "race_color", "other"]
    );
    assert!(r.has_class("race_color") && !r.has_class("sex"));

    // The whole list, given backwards, comes back in form order.
    let mut all: Vec<&str> = CATALOG
        .form_choices()
        .iter()
        .map(|o| o.value.as_str())
        .collect();
    let in_order = all.clone();
    all.reverse();
    let r = report_of(&with_all(housing(), "protected_class", &all));
    assert_eq!(r.protected_classes, in_order);
    assert_eq!(
        r.protected_classes.last().map(String::as_str),
        Some("other")
    );
}

#[test]
fn other_class_is_optional_and_at_most_150() {
    let a = with_all(housing(), "protected_class", &["other"]);
    assert_eq!(report_of(&a).other_class, None);
    let r = report_of(&with(a.clone(), "other_class", &"c".repeat(150)));
    assert_eq!(r.other_class, Some("c".repeat(150)));
    assert_errors(
        &with(a, "other_class", &"c".repeat(151)),
        &[("other_class", &too_long(150, 151))],
    );
    assert_errors(
        &with(
            without(housing(), "protected_class"),
            "other_class",
            &"c".repeat(151),
        ),
        &[
            ("protected_class", messages::PROTECTED_CLASS),
            ("other_class", &too_long(150, 151)),
        ],
    );
}

// ---------------------------------------------------------------- step 5: date

#[test]
fn month_is_required_and_between_1_and_12() {
    assert_errors(
        &without(housing(), "last_incident_month"),
        &[("last_incident_month", messages::MONTH_MISSING)],
    );
    assert_errors(
        &with(housing(), "last_incident_month", " "),
        &[("last_incident_month", messages::MONTH_MISSING)],
    );
    for bad in ["0", "13", "abc", "-1", "1.5", "99999999999", "+5", "1 2"] {
        assert_errors(
            &dated(housing(), bad, "", "2025"),
            &[("last_incident_month", messages::MONTH_INVALID)],
        );
    }
    for m in 1..=12 {
        let r = report_of(&dated(housing(), &m.to_string(), "", "2025"));
        assert_eq!(r.incident_date.month(), m);
    }
    assert_eq!(
        report_of(&dated(housing(), "07", "", "2025"))
            .incident_date
            .month(),
        7
    );
}

#[test]
fn year_is_required_four_digits_from_1900() {
    assert_errors(
        &without(housing(), "last_incident_year"),
        &[("last_incident_year", messages::YEAR_MISSING)],
    );
    // Before 1900, not 4 digits ("202 " is trimmed to 3), not digits.
    for bad in [
        "1899", "0999", "99", "20266", "abcd", "2O25", "-2025", "202 ",
    ] {
        let a = dated(housing(), "1", "", bad);
        assert_errors(&a, &[("last_incident_year", messages::YEAR_INVALID)]);
    }
    let r = report_of(&dated(housing(), "1", "1", "1900"));
    assert_eq!(r.incident_date.year(), 1900);
    assert_eq!(
        r.incident_date.date(),
        NaiveDate::from_ymd_opt(1900, 1, 1).unwrap()
    );
    // Month and year problems are reported together.
    assert_errors(
        &dated(without(housing(), "last_incident_year"), "13", "", ""),
        &[
            ("last_incident_month", messages::MONTH_INVALID),
            ("last_incident_year", messages::YEAR_MISSING),
        ],
    );
    assert_errors(
        &dated(housing(), "", "", ""),
        &[
            ("last_incident_month", messages::MONTH_MISSING),
            ("last_incident_year", messages::YEAR_MISSING),
        ],
    );
}

#[test]
fn day_is_optional_but_must_exist_in_the_month() {
    // Blank counts as the 1st.
    let r = report_of(&dated(housing(), "6", "", "2025"));
    assert_eq!(r.incident_date.day(), None);
    assert_eq!(
        r.incident_date.date(),
        NaiveDate::from_ymd_opt(2025, 6, 1).unwrap()
    );
    let day = [("last_incident_day", messages::DAY_INVALID)];
    for bad in ["0", "32", "abc", "-3"] {
        assert_errors(&dated(housing(), "6", bad, "2025"), &day);
    }
    // Days that exist in no such month.
    assert_errors(&dated(housing(), "4", "31", "2025"), &day);
    assert_errors(&dated(housing(), "9", "31", "2026"), &day);
    assert_errors(&dated(housing(), "2", "30", "2024"), &day);
    assert_errors(&dated(housing(), "2", "29", "2025"), &day);
    assert_errors(&dated(housing(), "2", "29", "1900"), &day);
    // Days that do.
    for (m, d, y) in [
        ("2", "29", "2024"),
        ("2", "29", "2000"),
        ("1", "31", "2025"),
        ("4", "30", "2025"),
    ] {
        let r = report_of(&dated(housing(), m, d, y));
        assert_eq!(r.incident_date.day(), Some(d.parse().unwrap()));
    }
    // A bad day does not hide a bad month.
    assert_errors(
        &dated(housing(), "0", "40", "2025"),
        &[
            ("last_incident_month", messages::MONTH_INVALID),
            ("last_incident_day", messages::DAY_INVALID),
        ],
    );
}

#[test]
fn date_can_not_be_in_the_future() {
    let future = [("last_incident_month", messages::DATE_FUTURE)];
    // Later this month, next month (blank day = the 1st), next year.
    assert_errors(&dated(housing(), "11", "26", "2026"), &future);
    assert_errors(&dated(housing(), "12", "", "2026"), &future);
    assert_errors(&dated(housing(), "1", "1", "2027"), &future);
    assert_errors(&dated(housing(), "1", "", "2099"), &future);
    // Today and earlier are fine.
    for (m, d) in [("11", "25"), ("11", ""), ("11", "1"), ("10", "31")] {
        assert_errors(&dated(housing(), m, d, "2026"), &[]);
    }
    let r = report_of(&dated(housing(), "11", "25", "2026"));
    assert_eq!(r.incident_date.date(), today());
    // The future check applies to the day given, with another "today".
    let tomorrow = Context {
        catalog: &CATALOG,
        today: NaiveDate::from_ymd_opt(2026, 11, 26).unwrap(),
    };
    assert!(validate_report(&dated(housing(), "11", "26", "2026"), tomorrow).is_ok());
}

// ---------------------------------------------------------------- step 6: description

#[test]
fn violation_summary_is_required_with_7000_characters_and_500_words_at_most() {
    let field = "violation_summary";
    assert_errors(&without(housing(), field), &[(field, messages::SUMMARY)]);
    assert_errors(
        &with(housing(), field, " \n\t "),
        &[(field, messages::SUMMARY)],
    );

    let r = report_of(&with(housing(), field, &"x".repeat(7000)));
    assert_eq!(r.violation_summary.chars().count(), 7000);
    assert_errors(
        &with(housing(), field, &"x".repeat(7001)),
        &[(field, &too_long(7000, 7001))],
    );
    assert_errors(
        &with(housing(), field, &"é".repeat(7001)),
        &[(field, &too_long(7000, 7001))],
    );

    let words = |n: usize| vec!["word"; n].join(" ");
    assert_eq!(
        report_of(&with(housing(), field, &words(500))).violation_summary,
        words(500)
    );
    assert_errors(
        &with(housing(), field, &words(501)),
        &[(
            field,
            "Please shorten your description to 500 words or fewer (it has 501).",
        )],
    );
    // Any whitespace separates words.
    assert_errors(
        &with(housing(), field, &vec!["w"; 501].join("\n")),
        &[(
            field,
            "Please shorten your description to 500 words or fewer (it has 501).",
        )],
    );
}

// ---------------------------------------------------------------- the whole form

#[test]
fn empty_answers_give_every_error_of_every_shown_step() {
    assert_errors(
        &Answers::new(),
        &[
            ("servicemember", messages::SERVICEMEMBER),
            ("primary_complaint", messages::PRIMARY_COMPLAINT),
            ("protected_class", messages::PROTECTED_CLASS),
            ("last_incident_month", messages::MONTH_MISSING),
            ("last_incident_year", messages::YEAR_MISSING),
            ("violation_summary", messages::SUMMARY),
        ],
    );
}

#[test]
fn errors_of_every_step_come_back_together_in_form_order() {
    // Only the concern chosen: the location variant's questions join in.
    let a = Answers::from_pairs([("primary_complaint", "workplace")]);
    assert_errors(
        &a,
        &[
            ("servicemember", messages::SERVICEMEMBER),
            ("location_name", messages::LOCATION_NAME),
            ("location_city_town", messages::LOCATION_CITY),
            ("location_state", messages::LOCATION_STATE),
            ("public_or_private_employer", messages::EMPLOYER_TYPE),
            ("employer_size", messages::EMPLOYER_SIZE),
            ("protected_class", messages::PROTECTED_CLASS),
            ("last_incident_month", messages::MONTH_MISSING),
            ("last_incident_year", messages::YEAR_MISSING),
            ("violation_summary", messages::SUMMARY),
        ],
    );
    // One mistake per step of a police report.
    let a = draft(PrimaryComplaint::Police);
    let a = with(a, "contact_email", "jane@");
    let a = without(a, "correctional_facility_type");
    let a = with(a, "protected_class", "astrology");
    let a = dated(a, "2", "30", "2024");
    let a = with(a, "violation_summary", &"v".repeat(7001));
    assert_errors(
        &a,
        &[
            ("contact_email", messages::EMAIL_INVALID),
            ("correctional_facility_type", messages::CORRECTIONAL_TYPE),
            ("protected_class", &invalid_choice("astrology")),
            ("last_incident_day", messages::DAY_INVALID),
            ("violation_summary", &too_long(7000, 7001)),
        ],
    );
}

#[test]
fn validate_report_is_the_checks_of_the_shown_steps() {
    let drafts = PrimaryComplaint::ALL
        .iter()
        .map(|&p| draft(p))
        .chain([Answers::new(), dated(housing(), "12", "", "2026")]);
    for a in drafts {
        let from_steps: Errors = steps_for(&a)
            .flat_map(|s| step_errors(s.name, &a))
            .collect();
        assert_eq!(errors_in(&a), from_steps, "{a:?}");
    }
}

/// A draft answering every question of concern `p`, with untidy input.
fn full_draft(p: PrimaryComplaint) -> Answers {
    let mut a = draft(p);
    for (f, v) in [
        ("contact_first_name", " Jane "),
        ("contact_last_name", "Doe"),
        ("contact_email", "jane.doe@example.org"),
        ("contact_phone", "+1 (202) 555-0100"),
        ("contact_address_line_1", "950 Pennsylvania Ave NW"),
        ("contact_address_line_2", "Room 1"),
        ("contact_city", "Washington"),
        ("contact_state", "DC"),
        ("contact_zip", "20530-0001"),
        ("servicemember", "yes"),
        ("location_address_line_1", "300 S 2nd St"),
        ("location_address_line_2", "Lobby"),
        ("location_zipcode", "62701"),
        ("other_class", "My accent"),
        ("last_incident_day", "25"),
        ("violation_summary", "  I was turned away at the door.  "),
    ] {
        a = with(a, f, v);
    }
    with_all(
        a,
        "protected_class",
        &["other", "race_color", "age", "race_color"],
    )
}

#[test]
fn a_full_valid_draft_for_every_concern_builds_a_report_that_round_trips() {
    for &p in PrimaryComplaint::ALL {
        let r = report_of(&full_draft(p));
        assert_eq!(r.primary_complaint(), p);
        assert_eq!(r.concern, expected_concern(p));
        assert_eq!(r.servicemember, YesNo::Yes);
        assert_eq!(r.contact.first_name.as_deref(), Some("Jane"));
        assert_eq!(
            r.contact.email.as_ref().unwrap().as_str(),
            "jane.doe@example.org"
        );
        assert_eq!(r.contact.phone.as_ref().unwrap().digits(), "12025550100");
        assert_eq!(r.location.address_line_2.as_deref(), Some("Lobby"));
        assert_eq!(r.protected_classes, ["age", "race_color", "other"]);
        assert_eq!(r.other_class.as_deref(), Some("My accent"));
        assert_eq!(r.incident_date.date(), today());
        assert_eq!(r.incident_date.day(), Some(25));
        assert_eq!(r.violation_summary, "I was turned away at the door.");
        assert_eq!(r.intake_format, IntakeFormat::Web);
        assert_eq!(r.language, "en");

        let back = answers_of(&r);
        assert_eq!(back.get("primary_complaint"), Some(p.value()));
        assert_eq!(validate_report(&back, ctx()), Ok(r.clone()), "{p:?}");
        // And the minimal draft round-trips too (no day, no contact).
        let minimal = report_of(&draft(p));
        assert_eq!(minimal.incident_date.day(), None);
        assert_eq!(validate_report(&answers_of(&minimal), ctx()), Ok(minimal));
    }
}

#[test]
fn step_parsers_return_what_they_read() {
    let a = full_draft(PrimaryComplaint::Workplace);
    let mut c = Check::new(&a, ctx());
    let (contact, sm) = parse_contact(&mut c).unwrap();
    assert_eq!(
        (contact.last_name.as_deref(), sm),
        (Some("Doe"), YesNo::Yes)
    );
    assert_eq!(
        parse_primary_complaint(&mut c),
        Some(PrimaryComplaint::Workplace)
    );
    assert_eq!(parse_location(&mut c).unwrap().city_town, "Springfield");
    assert_eq!(
        parse_concern(&mut c, PrimaryComplaint::Workplace),
        Some(expected_concern(PrimaryComplaint::Workplace))
    );
    let (classes, other) = parse_protected_classes(&mut c).unwrap();
    assert_eq!((classes.len(), other.as_deref()), (3, Some("My accent")));
    assert_eq!(parse_incident_date(&mut c).unwrap().date(), today());
    assert!(
        parse_violation_summary(&mut c)
            .unwrap()
            .starts_with("I was")
    );
    assert!(c.finish().is_empty());

    // Missing answers: None, with the message recorded.
    let empty = Answers::new();
    let mut c = Check::new(&empty, ctx());
    assert_eq!(parse_contact(&mut c), None);
    assert_eq!(parse_primary_complaint(&mut c), None);
    assert_eq!(parse_location(&mut c), None);
    assert_eq!(parse_concern(&mut c, PrimaryComplaint::Education), None);
    assert_eq!(
        parse_concern(&mut c, PrimaryComplaint::Housing),
        Some(Concern::Housing)
    );
    assert_eq!(parse_protected_classes(&mut c), None);
    assert_eq!(parse_incident_date(&mut c), None);
    assert_eq!(parse_violation_summary(&mut c), None);
    let errors = c.finish();
    let school: Vec<String> = errors
        .for_field("public_or_private_school")
        .into_iter()
        .map(english)
        .collect();
    assert_eq!(school, [messages::SCHOOL]);
    assert_eq!(errors.0.len(), 10);
}

// ---------------------------------------------------------------- the step registry

#[test]
fn each_step_checks_only_its_own_fields() {
    let fields = all_fields();
    // Starting points: nothing, and a valid draft of every concern (with the
    // police one outside as well).
    let mut bases = vec![Answers::new()];
    bases.extend(PrimaryComplaint::ALL.iter().map(|&p| draft(p)));
    bases.push(with(
        draft(PrimaryComplaint::Police),
        "inside_correctional_facility",
        "outside",
    ));
    // Each base as is, and with any one field missing, rubbish, too long,
    // zero or in the future.
    let mut cases = Vec::new();
    for base in &bases {
        cases.push(base.clone());
        for f in &fields {
            cases.push(without(base.clone(), f));
            cases.push(with(base.clone(), f, "rubbish"));
            cases.push(with(base.clone(), f, &"9".repeat(8000)));
            cases.push(with(base.clone(), f, "0"));
        }
        cases.push(dated(base.clone(), "12", "31", "2026"));
    }
    let mut complained: Vec<&str> = Vec::new();
    for a in &cases {
        for s in STEPS {
            for (field, message) in step_errors(s.name, a) {
                assert!(
                    s.fields.contains(&field.as_str()),
                    "step {} reported {field:?} ({message}), not one of its fields {:?}",
                    s.name,
                    s.fields
                );
                if !complained.contains(&s.name) {
                    complained.push(s.name);
                }
            }
        }
    }
    // Every step but the review found something to say at some point.
    let asking: Vec<&str> = STEPS
        .iter()
        .filter(|s| !s.fields.is_empty())
        .map(|s| s.name)
        .collect();
    complained.sort_unstable();
    let mut asking_sorted = asking.clone();
    asking_sorted.sort_unstable();
    assert_eq!(complained, asking_sorted);
    assert_eq!(step("review").map(|s| s.fields.len()), Some(0));
}

#[test]
fn every_step_but_review_complains_about_empty_answers() {
    let empty = Answers::new();
    let expected: [(&str, &[&str]); 14] = [
        ("contact", &["servicemember"]),
        ("primary-concern", &["primary_complaint"]),
        (
            "location-workplace",
            &[
                "location_name",
                "location_city_town",
                "location_state",
                "public_or_private_employer",
                "employer_size",
            ],
        ),
        (
            "location-housing",
            &["location_name", "location_city_town", "location_state"],
        ),
        (
            "location-education",
            &[
                "location_name",
                "location_city_town",
                "location_state",
                "public_or_private_school",
            ],
        ),
        (
            "location-police",
            &[
                "location_name",
                "location_city_town",
                "location_state",
                "inside_correctional_facility",
            ],
        ),
        // Optional: nothing to complain about when empty.
        ("witness", &[]),
        (
            "location-voting",
            &["location_name", "location_city_town", "location_state"],
        ),
        (
            "location-commercial-or-public",
            &[
                "location_name",
                "location_city_town",
                "location_state",
                "commercial_or_public_place",
            ],
        ),
        (
            "location-something-else",
            &["location_name", "location_city_town", "location_state"],
        ),
        ("personal-characteristics", &["protected_class"]),
        ("date", &["last_incident_month", "last_incident_year"]),
        ("description", &["violation_summary"]),
        ("review", &[]),
    ];
    assert_eq!(STEPS.len(), expected.len());
    for (s, (name, fields)) in STEPS.iter().zip(expected) {
        assert_eq!(s.name, name);
        let got: Vec<String> = step_errors(name, &empty)
            .into_iter()
            .map(|(f, _)| f)
            .collect();
        assert_eq!(got, *fields, "step {name}");
    }
}
