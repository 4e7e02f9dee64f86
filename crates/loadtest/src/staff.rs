//! Staff scenarios: a signed-in person working the list (page 1 with a
//! random sort, random filters and searches), opening reports and
//! commenting on them. The account comes from `LOAD_TESTER` and
//! `LOAD_PASSWORD`, as in the old guide's locust set-up.

use std::sync::{Arc, Mutex};

use anyhow::{Context, bail};

use crate::form::{client, hidden};

/// A staff account's credentials.
#[derive(Clone)]
pub struct Account {
    /// Username.
    pub username: String,
    /// Password.
    pub password: String,
}

impl Account {
    /// `LOAD_TESTER` and `LOAD_PASSWORD`, when both are set.
    pub fn from_env() -> Option<Self> {
        let username = std::env::var("LOAD_TESTER")
            .ok()
            .filter(|v| !v.is_empty())?;
        let password = std::env::var("LOAD_PASSWORD")
            .ok()
            .filter(|v| !v.is_empty())?;
        Some(Self { username, password })
    }
}

/// A signed-in staff member's browser.
pub struct StaffClient {
    base: String,
    client: reqwest::Client,
    /// Report ids seen on list pages, shared by every client of a run.
    ids: Arc<Mutex<Vec<i64>>>,
}

/// Tries at signing in before a run gives up.
const SIGN_IN_ATTEMPTS: u32 = 5;

const SORTS: &[&str] = &[
    "-create_date",
    "create_date",
    "assigned_section",
    "-status",
    "id",
];
const SEARCHES: &[&str] = &[
    "assigned_section=HCE&status=open",
    "assigned_section=CRM",
    "status=new",
    "violation_summary=landlord",
    "violation_summary=%22load+test%22",
    "violation_summary=wheelchair+ramp",
    "location_state=NV",
    "primary_complaint=housing&status=new",
    "intake_format=web&sort=-create_date",
    "contact_last_name=smith",
];

impl StaffClient {
    /// Signs in through the password form.
    ///
    /// Errors: the sign-in page or the post failed, or the account was
    /// refused.
    pub async fn sign_in(
        base: &str,
        account: &Account,
        ids: Arc<Mutex<Vec<i64>>>,
    ) -> anyhow::Result<Self> {
        let client = client()?;
        // A proxy's 502 or a dropped connection while an instance restarts
        // is tried again, as a person would; a refused account is not.
        let mut attempt = 1;
        let resp = loop {
            match Self::post_sign_in(&client, base, account).await {
                Ok(resp) if !resp.status().is_server_error() => break resp,
                Ok(resp) if attempt >= SIGN_IN_ATTEMPTS => break resp,
                Err(e) if attempt >= SIGN_IN_ATTEMPTS => return Err(e),
                _ => {
                    attempt += 1;
                    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
                }
            }
        };
        let landed = resp.url().path().to_owned();
        if !resp.status().is_success() || landed != "/form/view/" {
            bail!(
                "signing in as {} failed ({}, at {landed}, attempt {attempt}): check LOAD_TESTER and LOAD_PASSWORD, and that the account has staff access",
                account.username,
                resp.status()
            );
        }
        let me = Self {
            base: base.to_owned(),
            client,
            ids,
        };
        me.remember_ids(&resp.text().await?);
        Ok(me)
    }

    async fn post_sign_in(
        client: &reqwest::Client,
        base: &str,
        account: &Account,
    ) -> anyhow::Result<reqwest::Response> {
        let page = client
            .get(format!("{base}/accounts/login/"))
            .send()
            .await?
            .error_for_status()?
            .text()
            .await?;
        let csrf = hidden(&page, "csrf_token").context("no CSRF token on the sign-in page")?;
        Ok(client
            .post(format!("{base}/accounts/login/"))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("next", "/form/view/"),
                ("username", &account.username),
                ("password", &account.password),
            ])
            .send()
            .await?)
    }

    fn remember_ids(&self, page: &str) {
        let mut found = Vec::new();
        for part in page.split("href=\"/form/view/").skip(1) {
            if let Some((n, _)) = part.split_once("/\"")
                && let Ok(id) = n.parse::<i64>()
            {
                found.push(id);
            }
        }
        if !found.is_empty()
            && let Ok(mut ids) = self.ids.lock()
        {
            ids.extend(found);
            ids.sort_unstable();
            ids.dedup();
        }
    }

    fn random_id(&self, pick: usize) -> Option<i64> {
        let ids = self.ids.lock().ok()?;
        (!ids.is_empty()).then(|| ids[pick % ids.len()])
    }

    async fn get_ok(&self, path: &str) -> anyhow::Result<String> {
        let resp = self
            .client
            .get(format!("{}{path}", self.base))
            .send()
            .await?;
        let status = resp.status();
        if !status.is_success() {
            bail!("GET {path}: {status}");
        }
        if resp.url().path() == "/accounts/login/" {
            bail!("GET {path}: sent to the sign-in page (session lost)");
        }
        Ok(resp.text().await?)
    }

    /// Page 1 of the list in one of a few sorts.
    pub async fn list(&self, pick: usize) -> anyhow::Result<()> {
        let page = self
            .get_ok(&format!("/form/view/?sort={}", SORTS[pick % SORTS.len()]))
            .await?;
        self.remember_ids(&page);
        Ok(())
    }

    /// One of the filters and searches staff use.
    pub async fn search(&self, pick: usize) -> anyhow::Result<()> {
        let page = self
            .get_ok(&format!("/form/view/?{}", SEARCHES[pick % SEARCHES.len()]))
            .await?;
        self.remember_ids(&page);
        Ok(())
    }

    async fn some_report(&self, pick: usize) -> anyhow::Result<i64> {
        if let Some(id) = self.random_id(pick) {
            return Ok(id);
        }
        self.list(pick).await?;
        self.random_id(pick)
            .context("the list shows no report to open (file some first)")
    }

    /// A report's detail page.
    pub async fn detail(&self, pick: usize) -> anyhow::Result<()> {
        let id = self.some_report(pick).await?;
        let page = self.get_ok(&format!("/form/view/{id}/")).await?;
        if hidden(&page, "version").is_none() {
            bail!("report {id}: no detail form on the page");
        }
        Ok(())
    }

    /// A comment on a report (its page read first for the version).
    pub async fn comment(&self, pick: usize) -> anyhow::Result<()> {
        let id = self.some_report(pick).await?;
        let page = self.get_ok(&format!("/form/view/{id}/")).await?;
        let csrf = hidden(&page, "csrf_token").context("no CSRF token on the detail page")?;
        let version = hidden(&page, "version").context("no version on the detail page")?;
        let resp = self
            .client
            .post(format!("{}/form/view/{id}/", self.base))
            .form(&[
                ("csrf_token", csrf.as_str()),
                ("version", &version),
                ("comment", "Load test comment."),
            ])
            .send()
            .await?;
        let status = resp.status();
        if !status.is_success() {
            bail!("comment on {id}: {status}");
        }
        if !resp.text().await?.contains("Load test comment.") {
            bail!("comment on {id}: not shown after saving");
        }
        Ok(())
    }
}
