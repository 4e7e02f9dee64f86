//! The weighted mixed scenario: clients that each pick, operation by
//! operation, the public form or a staff action by weight (the old guide's
//! locust mix: form 10, list 2, searches 2, detail 1, comment 1), with
//! per-scenario throughput, latency and errors, and a JSON result.

use std::{
    collections::BTreeMap,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use anyhow::bail;
use serde::Serialize;

use crate::{
    form::file_one,
    staff::{Account, StaffClient},
    stats::Summary,
};

/// The scenarios, in the order they are reported.
pub const SCENARIOS: &[&str] = &["form", "list", "search", "detail", "comment"];

/// Weights by scenario: `form=10,list=2,search=2,detail=1,comment=1`.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Weights(pub BTreeMap<String, u32>);

impl std::str::FromStr for Weights {
    type Err = String;

    fn from_str(s: &str) -> Result<Self, String> {
        let mut map = BTreeMap::new();
        for part in s.split(',').map(str::trim).filter(|p| !p.is_empty()) {
            let (name, w) = part
                .split_once('=')
                .ok_or_else(|| format!("{part:?}: write scenario=weight"))?;
            if !SCENARIOS.contains(&name) {
                return Err(format!(
                    "{name:?} is not a scenario (there are {})",
                    SCENARIOS.join(", ")
                ));
            }
            let w: u32 = w
                .parse()
                .map_err(|e| format!("{part:?}: a weight is a whole number ({e})"))?;
            map.insert(name.to_owned(), w);
        }
        if map.values().all(|w| *w == 0) {
            return Err("give at least one scenario a weight above 0".into());
        }
        Ok(Self(map))
    }
}

impl Weights {
    fn total(&self) -> u32 {
        self.0.values().sum()
    }

    /// The scenario for a draw in `0..total`.
    fn pick(&self, mut draw: u32) -> &str {
        for (name, w) in &self.0 {
            if draw < *w {
                return name;
            }
            draw -= w;
        }
        "form"
    }

    fn needs_staff(&self) -> bool {
        self.0.iter().any(|(n, w)| n != "form" && *w > 0)
    }
}

/// A small, seeded random sequence (xorshift), so a run's mix repeats.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
}

/// The whole run, as written to `--json`.
#[derive(Serialize)]
pub struct RunResult {
    /// Target.
    pub url: String,
    /// Concurrent clients.
    pub clients: usize,
    /// Planned seconds.
    pub seconds: u64,
    /// The weights used.
    pub weights: Weights,
    /// Measured seconds.
    pub elapsed_s: f64,
    /// One entry per scenario with a weight.
    pub scenarios: Vec<Summary>,
    /// Record numbers shown on confirmation pages.
    pub confirmed: Vec<String>,
}

#[derive(Default)]
struct Tally {
    lat: Vec<Duration>,
    errors: usize,
    retried: usize,
    samples: Vec<String>,
}

async fn staff_op(s: &StaffClient, scenario: &str, pick: usize) -> anyhow::Result<()> {
    match scenario {
        "list" => s.list(pick).await,
        "search" => s.search(pick).await,
        "detail" => s.detail(pick).await,
        _ => s.comment(pick).await,
    }
}

/// Runs the mix.
///
/// Errors: staff scenarios without `LOAD_TESTER` / `LOAD_PASSWORD`, or a
/// sign-in that fails.
pub async fn run(
    base: &str,
    clients: usize,
    seconds: u64,
    weights: Weights,
    seed: u64,
) -> anyhow::Result<RunResult> {
    let account = if weights.needs_staff() {
        match Account::from_env() {
            Some(a) => Some(a),
            None => bail!(
                "staff scenarios need a staff account: set LOAD_TESTER and LOAD_PASSWORD \
                 (or give them weight 0, e.g. --weights form=1)"
            ),
        }
    } else {
        None
    };
    let ids = Arc::new(Mutex::new(Vec::new()));
    let mut staff = Vec::new();
    for _ in 0..clients {
        staff.push(match &account {
            Some(a) => Some(StaffClient::sign_in(base, a, ids.clone()).await?),
            None => None,
        });
    }
    let started = Instant::now();
    let deadline = started + Duration::from_secs(seconds);
    let tasks: Vec<_> = staff
        .into_iter()
        .enumerate()
        .map(|(i, staff)| {
            let (base, weights) = (base.to_owned(), weights.clone());
            tokio::spawn(async move {
                let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) ^ (i as u64 + 1) | 1);
                let mut tally: BTreeMap<String, Tally> = BTreeMap::new();
                let mut confirmed = Vec::new();
                while Instant::now() < deadline {
                    let draw = (rng.next() % u64::from(weights.total())) as u32;
                    let scenario = weights.pick(draw).to_owned();
                    let pick = rng.next() as usize;
                    let t = Instant::now();
                    let mut retried = false;
                    let outcome = if scenario == "form" {
                        file_one(&base, 3).await.map(|f| {
                            retried = f.retries > 0;
                            confirmed.push(f.record_number);
                        })
                    } else {
                        let Some(s) = &staff else { continue };
                        match staff_op(s, &scenario, pick).await {
                            Ok(()) => Ok(()),
                            // Once more, as a person reloading would.
                            Err(_) => {
                                retried = true;
                                tokio::time::sleep(Duration::from_millis(200)).await;
                                staff_op(s, &scenario, pick).await
                            }
                        }
                    };
                    let entry = tally.entry(scenario).or_default();
                    match outcome {
                        Ok(()) => {
                            entry.lat.push(t.elapsed());
                            entry.retried += usize::from(retried);
                        }
                        Err(e) => {
                            entry.errors += 1;
                            if entry.samples.len() < 5 {
                                entry.samples.push(format!("{e:#}"));
                            }
                        }
                    }
                }
                (tally, confirmed)
            })
        })
        .collect();
    let mut all: BTreeMap<String, Tally> = BTreeMap::new();
    let mut confirmed = Vec::new();
    for t in tasks {
        let (tally, c) = t.await?;
        confirmed.extend(c);
        for (name, part) in tally {
            let whole = all.entry(name).or_default();
            whole.lat.extend(part.lat);
            whole.errors += part.errors;
            whole.retried += part.retried;
            whole.samples.extend(
                part.samples
                    .into_iter()
                    .take(5 - whole.samples.len().min(5)),
            );
        }
    }
    let elapsed = started.elapsed();
    let scenarios = SCENARIOS
        .iter()
        .filter(|s| weights.0.get(**s).is_some_and(|w| *w > 0))
        .map(|s| {
            let t = all.remove(*s).unwrap_or_default();
            let mut summary = Summary::new(s, t.lat, elapsed);
            summary.errors = t.errors;
            summary.retried = t.retried;
            summary.sample_errors = t.samples;
            summary
        })
        .collect();
    Ok(RunResult {
        url: base.to_owned(),
        clients,
        seconds,
        weights,
        elapsed_s: (elapsed.as_secs_f64() * 100.0).round() / 100.0,
        scenarios,
        confirmed,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn weights_parse_and_pick_in_proportion() {
        let w: Weights = "form=10,list=2,search=2,detail=1,comment=1"
            .parse()
            .unwrap();
        assert_eq!(w.total(), 16);
        let mut counts: BTreeMap<&str, u32> = BTreeMap::new();
        for d in 0..16 {
            *counts.entry(w.pick(d)).or_default() += 1;
        }
        assert_eq!(counts["form"], 10);
        assert_eq!(counts["comment"], 1);
        assert!(w.needs_staff());
        assert!(!"form=1".parse::<Weights>().unwrap().needs_staff());
        for bad in ["form", "form=x", "coffee=1", "form=0", ""] {
            assert!(bad.parse::<Weights>().is_err(), "{bad}");
        }
    }

    #[test]
    fn the_mix_repeats_with_its_seed() {
        let draws = |seed: u64| {
            let mut r = Rng(seed | 1);
            (0..5).map(|_| r.next()).collect::<Vec<_>>()
        };
        assert_eq!(draws(7), draws(7));
        assert_ne!(draws(7), draws(8));
    }
}
