//! Latency percentiles and the per-scenario summary, printed and as JSON.

use std::time::Duration;

use serde::Serialize;

/// The `p` quantile (0 to 1) of sorted latencies.
pub fn percentile(sorted: &[Duration], p: f64) -> Duration {
    if sorted.is_empty() {
        return Duration::ZERO;
    }
    let i = ((sorted.len() as f64 - 1.0) * p).round() as usize;
    sorted[i.min(sorted.len() - 1)]
}

/// What one scenario did in a run.
#[derive(Debug, Serialize)]
pub struct Summary {
    /// Scenario name.
    pub scenario: String,
    /// Operations completed (a complete report counts as one).
    pub operations: usize,
    /// Operations that failed even after their retry.
    pub errors: usize,
    /// Operations that failed once and then succeeded (a person pressing
    /// the button again).
    pub retried: usize,
    /// Completed operations per second of the run.
    pub per_second: f64,
    /// Latency percentiles and maximum, in milliseconds.
    pub p50_ms: f64,
    /// 90th percentile.
    pub p90_ms: f64,
    /// 99th percentile.
    pub p99_ms: f64,
    /// Slowest.
    pub max_ms: f64,
    /// The first few error messages.
    pub sample_errors: Vec<String>,
}

impl Summary {
    /// Summarises latencies over `elapsed`.
    pub fn new(scenario: &str, mut lat: Vec<Duration>, elapsed: Duration) -> Self {
        lat.sort();
        let ms = |d: Duration| (d.as_secs_f64() * 100_000.0).round() / 100.0;
        Self {
            scenario: scenario.to_owned(),
            operations: lat.len(),
            errors: 0,
            retried: 0,
            per_second: (lat.len() as f64 / elapsed.as_secs_f64() * 10.0).round() / 10.0,
            p50_ms: ms(percentile(&lat, 0.5)),
            p90_ms: ms(percentile(&lat, 0.9)),
            p99_ms: ms(percentile(&lat, 0.99)),
            max_ms: ms(lat.last().copied().unwrap_or_default()),
            sample_errors: Vec::new(),
        }
    }

    /// One line for people.
    pub fn line(&self, label: &str, elapsed: Duration) -> String {
        let mut out = format!(
            "{label}: {} in {:.1} s = {:.0}/s; latency p50 {:.2} ms, p90 {:.2} ms, p99 {:.2} ms, max {:.2} ms",
            self.operations,
            elapsed.as_secs_f64(),
            self.per_second,
            self.p50_ms,
            self.p90_ms,
            self.p99_ms,
            self.max_ms,
        );
        if self.errors > 0 || self.retried > 0 {
            out.push_str(&format!(
                "; {} error(s), {} retried",
                self.errors, self.retried
            ));
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_and_rates() {
        let lat: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let s = Summary::new("list", lat, Duration::from_secs(10));
        assert_eq!((s.operations, s.per_second), (100, 10.0));
        assert_eq!(
            (s.p50_ms, s.p90_ms, s.p99_ms, s.max_ms),
            (51.0, 90.0, 99.0, 100.0)
        );
        assert_eq!(percentile(&[], 0.5), Duration::ZERO);
        let json = serde_json::to_value(&s).unwrap();
        assert_eq!(json["scenario"], "list");
        assert_eq!(json["p99_ms"], 99.0);
    }
}
