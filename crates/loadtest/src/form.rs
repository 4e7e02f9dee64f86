//! The public form, filed like a browser without JavaScript: every step
//! posted with its CSRF token, every 303 followed, the review submitted,
//! the record number read off the confirmation page.
//!
//! The client follows the page the server shows rather than a fixed
//! script: after a failed request (an instance killed mid-request) it
//! reloads the form and answers whatever step the draft is on, as a person
//! pressing the button again would.

use std::time::Duration;

use anyhow::{Context, bail};

/// The answers of each step of a housing report.
pub const STEPS: &[(&str, &[(&str, &str)])] = &[
    (
        "contact",
        &[
            ("servicemember", "no"),
            ("contact_first_name", "Load"),
            ("contact_email", "load@example.org"),
        ],
    ),
    ("primary-concern", &[("primary_complaint", "housing")]),
    (
        "location-housing",
        &[
            ("location_name", "Apartments"),
            ("location_city_town", "Reno"),
            ("location_state", "NV"),
        ],
    ),
    (
        "personal-characteristics",
        &[
            ("protected_class", "race_color"),
            ("protected_class", "disability"),
        ],
    ),
    (
        "date",
        &[("last_incident_month", "3"), ("last_incident_year", "2025")],
    ),
    (
        "description",
        &[(
            "violation_summary",
            "The landlord refused to rent to us. This is a load test.",
        )],
    ),
    ("review", &[]),
];

/// The value of the first hidden input called `name` on a page.
pub fn hidden(body: &str, name: &str) -> Option<String> {
    let marker = format!("name=\"{name}\" value=\"");
    let start = body.find(&marker)? + marker.len();
    let end = body[start..].find('"')? + start;
    Some(body[start..end].to_owned())
}

/// The record number on a confirmation page.
pub fn record_number(body: &str) -> Option<String> {
    let marker = "class=\"crt-public-id\">";
    let start = body.find(marker)? + marker.len();
    let end = body[start..].find('<')? + start;
    Some(body[start..end].trim().to_owned())
}

/// A client with its own cookie jar (one person).
pub fn client() -> anyhow::Result<reqwest::Client> {
    // reqwest may be built without a TLS provider of its own (see the root
    // Cargo.toml); install ring's so building a client cannot fail.
    let _ = rustls::crypto::ring::default_provider().install_default();
    Ok(reqwest::Client::builder()
        .cookie_store(true)
        .timeout(Duration::from_secs(30))
        .build()?)
}

/// How a report went.
pub struct Filed {
    /// The record number shown on the confirmation page.
    pub record_number: String,
    /// Requests that failed and were made again.
    pub retries: usize,
}

/// Files one complete report; up to `retries` failed requests are made
/// again (0: the first failure is the answer).
pub async fn file_one(base: &str, retries: usize) -> anyhow::Result<Filed> {
    let client = client()?;
    let mut failures = 0;
    let mut fail = |what: String| -> anyhow::Result<()> {
        failures += 1;
        if failures > retries {
            bail!("{what}");
        }
        Ok(())
    };
    let mut body: Option<String> = None;
    loop {
        let page = match body.take() {
            Some(b) => b,
            None => match client.get(format!("{base}/report/")).send().await {
                Ok(r) if r.status().is_success() => r.text().await?,
                Ok(r) => {
                    fail(format!("GET /report/: {}", r.status()))?;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    continue;
                }
                Err(e) => {
                    fail(format!("GET /report/: {e}"))?;
                    tokio::time::sleep(Duration::from_millis(200)).await;
                    continue;
                }
            },
        };
        if let Some(record_number) = record_number(&page) {
            return Ok(Filed {
                record_number,
                retries: failures,
            });
        }
        let step = hidden(&page, "step").context("neither a form step nor a confirmation")?;
        let fields = STEPS
            .iter()
            .find(|(s, _)| *s == step)
            .with_context(|| format!("a step this test does not answer: {step}"))?
            .1;
        let csrf = hidden(&page, "csrf_token").context("no CSRF token on the page")?;
        let action = if step == "review" { "submit" } else { "next" };
        let mut form: Vec<(&str, &str)> =
            vec![("csrf_token", &csrf), ("step", &step), ("action", action)];
        form.extend_from_slice(fields);
        // reqwest follows the 303 with a GET, like a browser.
        match client
            .post(format!("{base}/report/"))
            .form(&form)
            .send()
            .await
        {
            Ok(r) if r.status().is_success() => body = Some(r.text().await?),
            Ok(r) => {
                fail(format!("step {step}: {}", r.status()))?;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
            Err(e) => {
                fail(format!("step {step}: {e}"))?;
                tokio::time::sleep(Duration::from_millis(200)).await;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_pages() {
        let step = r#"<input type="hidden" name="csrf_token" value="abc"><input type="hidden" name="step" value="date">"#;
        assert_eq!(hidden(step, "step").as_deref(), Some("date"));
        assert_eq!(hidden(step, "csrf_token").as_deref(), Some("abc"));
        assert_eq!(hidden(step, "version"), None);
        let done = r#"Your record number is <strong class="crt-public-id">12-ABC</strong>."#;
        assert_eq!(record_number(done).as_deref(), Some("12-ABC"));
        assert_eq!(record_number(step), None);
    }
}
