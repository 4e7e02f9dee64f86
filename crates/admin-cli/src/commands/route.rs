//! `crt-admin route`: the routing rule from the command line, one report
//! (flags) or many (`--batch`, one JSON object per line on stdin).

use std::{
    io::{BufRead, Write},
    process::ExitCode,
};

use anyhow::{Context, anyhow};
use crt_domain::{
    choice::Choice,
    report::{
        CommercialOrPublicPlace, InsideCorrectionalFacility, PrimaryComplaint,
        PublicOrPrivateSchool,
    },
    routing::{RoutingInput, route},
};
use serde::Deserialize;

#[derive(Debug, clap::Args)]
pub struct Args {
    /// Read one JSON object per line from stdin (keys as the flags, with
    /// underscores; protected_class a list) and print one line per input:
    /// the section code, a tab, the explanation.
    #[arg(long, conflicts_with_all = ["primary_complaint", "protected_class"])]
    batch: bool,
    /// The primary concern (workplace, housing, education, police, voting,
    /// commercial_or_public, something_else).
    #[arg(long, required_unless_present = "batch")]
    primary_complaint: Option<String>,
    /// A protected-class value (repeat for several).
    #[arg(long)]
    protected_class: Vec<String>,
    /// Commercial or public place (place_of_worship, store, healthcare, financial, public_space, other).
    #[arg(long)]
    commercial_or_public_place: Option<String>,
    /// inside or outside.
    #[arg(long)]
    inside_correctional_facility: Option<String>,
    /// public, private or not_sure.
    #[arg(long)]
    public_or_private_school: Option<String>,
}

/// One line of `--batch` input. Unknown keys are ignored.
#[derive(Debug, Default, Deserialize)]
struct Line {
    #[serde(default)]
    primary_complaint: Option<String>,
    #[serde(default)]
    protected_class: OneOrMany,
    #[serde(default)]
    commercial_or_public_place: Option<String>,
    #[serde(default)]
    inside_correctional_facility: Option<String>,
    #[serde(default)]
    public_or_private_school: Option<String>,
}

#[derive(Debug, Default, Deserialize)]
#[serde(untagged)]
enum OneOrMany {
    #[default]
    None,
    One(String),
    Many(Vec<String>),
}

fn choice<C: Choice>(flag: &str, v: Option<&str>) -> anyhow::Result<Option<C>> {
    match v.map(str::trim).filter(|v| !v.is_empty()) {
        None => Ok(None),
        Some(v) => C::from_value(v).map(Some).ok_or_else(|| {
            let allowed: Vec<_> = C::ALL.iter().map(|c| c.value()).collect();
            anyhow!("{flag}: {v:?} is not one of {}", allowed.join(", "))
        }),
    }
}

fn routed(line: &Line) -> anyhow::Result<String> {
    let classes: Vec<&str> = match &line.protected_class {
        OneOrMany::None => Vec::new(),
        OneOrMany::One(v) => vec![v.as_str()],
        OneOrMany::Many(v) => v.iter().map(String::as_str).collect(),
    };
    let input = RoutingInput {
        primary_complaint: choice::<PrimaryComplaint>(
            "primary_complaint",
            line.primary_complaint.as_deref(),
        )?,
        protected_classes: classes
            .into_iter()
            .map(str::trim)
            .filter(|c| !c.is_empty())
            .collect(),
        commercial_or_public_place: choice::<CommercialOrPublicPlace>(
            "commercial_or_public_place",
            line.commercial_or_public_place.as_deref(),
        )?,
        inside_correctional_facility: choice::<InsideCorrectionalFacility>(
            "inside_correctional_facility",
            line.inside_correctional_facility.as_deref(),
        )?,
        public_or_private_school: choice::<PublicOrPrivateSchool>(
            "public_or_private_school",
            line.public_or_private_school.as_deref(),
        )?,
    };
    let (section, why) = route(&input);
    Ok(format!("{}\t{why}", section.value()))
}

pub fn run(args: Args) -> anyhow::Result<ExitCode> {
    if !args.batch {
        let line = Line {
            primary_complaint: args.primary_complaint,
            protected_class: OneOrMany::Many(args.protected_class),
            commercial_or_public_place: args.commercial_or_public_place,
            inside_correctional_facility: args.inside_correctional_facility,
            public_or_private_school: args.public_or_private_school,
        };
        let out = routed(&line)?;
        let (code, why) = out.split_once('\t').unwrap_or((&out, ""));
        println!("{code}\n{why}");
        return Ok(ExitCode::SUCCESS);
    }
    let stdin = std::io::stdin();
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failed = 0usize;
    for (n, line) in stdin.lock().lines().enumerate() {
        let line = line.context("reading stdin")?;
        if line.trim().is_empty() {
            continue;
        }
        let result = serde_json::from_str::<Line>(&line)
            .map_err(|e| anyhow!("line {}: not a JSON object of routing answers: {e}", n + 1))
            .and_then(|l| routed(&l).map_err(|e| anyhow!("line {}: {e}", n + 1)));
        match result {
            Ok(text) => writeln!(out, "{text}")?,
            Err(e) => {
                failed += 1;
                writeln!(out, "ERROR\t{e}")?;
            }
        }
    }
    out.flush()?;
    if failed > 0 {
        eprintln!("{failed} line(s) could not be routed");
        return Ok(ExitCode::from(2));
    }
    Ok(ExitCode::SUCCESS)
}
