//! The words of staff notifications (the domain's [`NoticeRenderer`]): the
//! "Assigned to you" e-mail and a saved search's digest, from the
//! templates under `templates/notices/`, embedded and checked at start.
//! Values are HTML-escaped (a saved search's name is typed by staff).

use crt_domain::{
    notifications::{Assignment, Digest, Frequency},
    service::{NoticeRenderer, RenderedLetter},
};
use rust_embed::RustEmbed;
use tera::{Context, Tera};

#[derive(RustEmbed)]
#[folder = "../../templates/notices/"]
struct NoticeFiles;

/// Renders notices with links to `site_url`.
pub struct Notices {
    tera: Tera,
    site_url: String,
}

impl Notices {
    /// Loads the templates.
    ///
    /// Errors: a template that does not parse.
    pub fn new(site_url: &str) -> Result<Self, tera::Error> {
        let mut tera = Tera::default();
        let mut files = Vec::new();
        for name in NoticeFiles::iter() {
            if let Some(f) = NoticeFiles::get(&name) {
                files.push((
                    name.to_string(),
                    String::from_utf8_lossy(&f.data).into_owned(),
                ));
            }
        }
        tera.add_raw_templates(files)?;
        tera.autoescape_on(vec![".html"]);
        Ok(Self {
            tera,
            site_url: site_url.trim_end_matches('/').to_owned(),
        })
    }

    /// A link to `path` on the portal, for a template's `| safe`: the
    /// operator's address with HTML's special characters escaped, and a
    /// path made of digits and code letters only.
    fn link(&self, path: &str) -> String {
        let mut out = String::new();
        for c in self.site_url.chars().chain(path.chars()) {
            match c {
                '&' => out.push_str("&amp;"),
                '<' => out.push_str("&lt;"),
                '>' => out.push_str("&gt;"),
                '"' => out.push_str("&quot;"),
                '\'' => out.push_str("&#39;"),
                c => out.push(c),
            }
        }
        out
    }

    fn render(&self, template: &str, subject: String, mut ctx: Context) -> RenderedLetter {
        ctx.insert("settings_link", &self.link("/form/notifications/"));
        ctx.insert("subject", &subject);
        // The templates are embedded and tested; a failure is a plain
        // fallback rather than a lost notice.
        let html = self.tera.render(template, &ctx).unwrap_or_else(|e| {
            tracing::error!(template, error = %e, "a notice template failed to render");
            format!("<p>{}</p>", tera::escape_html(&subject))
        });
        RenderedLetter { subject, html }
    }
}

/// One line for a subject: no line breaks, at most 120 characters.
fn subject_line(s: &str) -> String {
    let one: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    one.chars().take(120).collect()
}

impl NoticeRenderer for Notices {
    fn assigned(&self, a: &Assignment) -> RenderedLetter {
        let mut ctx = Context::new();
        ctx.insert("public_id", &a.public_id.to_string());
        ctx.insert(
            "report_link",
            &self.link(&format!("/form/view/{}/", a.report_id.0)),
        );
        ctx.insert("actor", &a.actor);
        self.render(
            "assigned.html",
            format!("Assigned to you: report {}", a.public_id),
            ctx,
        )
    }

    fn digest(&self, d: &Digest) -> RenderedLetter {
        let mut ctx = Context::new();
        let when = match d.frequency {
            Frequency::Daily => " today",
            Frequency::Weekly => " this week",
            Frequency::Immediately | Frequency::Over(_) => "",
        };
        let n = d.count;
        let reports = if n == 1 { "report" } else { "reports" };
        ctx.insert(
            "headline",
            &format!(
                "{n} new {reports} matched your saved search \"{}\"{when}.",
                d.search_name
            ),
        );
        let lines: Vec<serde_json::Value> = d
            .lines
            .iter()
            .map(|l| {
                serde_json::json!({
                    "link": self.link(&format!("/form/view/{}/", l.report_id.0)),
                    "public_id": l.public_id.to_string(),
                    "received": l.received.format("%Y-%m-%d").to_string(),
                    "section": l.section,
                    "concern": l.concern,
                })
            })
            .collect();
        ctx.insert("lines", &lines);
        ctx.insert("more", &n.saturating_sub(d.lines.len() as u64));
        ctx.insert("search_link", &self.link(&format!("/form/s/{}", d.code)));
        ctx.insert("search_name", &d.search_name);
        self.render(
            "digest.html",
            subject_line(&format!("{n} new {reports}: {}", d.search_name)),
            ctx,
        )
    }
}

#[cfg(test)]
mod tests {
    use chrono::{TimeZone, Utc};
    use crt_domain::{notifications::DigestLine, report::ReportId, values::PublicId};

    use super::*;

    #[test]
    fn notices_link_to_the_portal_and_escape_what_staff_typed() {
        let n = Notices::new("https://portal.example/?a=\"b\"&").unwrap();
        let at = Utc.with_ymd_and_hms(2026, 12, 5, 9, 0, 0).unwrap();
        let a = Assignment {
            activity_id: 7,
            report_id: ReportId(42),
            public_id: PublicId::parse("42-KTR").unwrap(),
            assignee: "bo".into(),
            actor: "ana<b>".into(),
            at,
        };
        let l = n.assigned(&a);
        assert_eq!(l.subject, "Assigned to you: report 42-KTR");
        assert!(
            l.html
                .contains("https://portal.example/?a=&quot;b&quot;&amp;/form/view/42/"),
            "{}",
            l.html
        );
        assert!(l.html.contains("ana&lt;b&gt;"), "{}", l.html);
        let d = Digest {
            search_name: "Ramps <script>\nnew".into(),
            code: "abcdefgh".into(),
            count: 30,
            lines: vec![DigestLine {
                report_id: ReportId(42),
                public_id: PublicId::parse("42-KTR").unwrap(),
                received: at,
                section: "DRS".into(),
                concern: "Something else".into(),
            }],
            frequency: Frequency::Daily,
        };
        let l = n.digest(&d);
        assert_eq!(l.subject, "30 new reports: Ramps <script> new");
        assert!(l.html.contains("Ramps &lt;script&gt;"), "{}", l.html);
        assert!(!l.html.contains("<script>"), "{}", l.html);
        assert!(l.html.contains("And 29 more."), "{}", l.html);
        assert!(l.html.contains("/form/s/abcdefgh\""), "{}", l.html);
        assert!(l.html.contains("2026-12-05"), "{}", l.html);
    }
}
