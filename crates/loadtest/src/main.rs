//! `crt-loadtest`: measures a running crt-portal from outside, over HTTP.
//!
//! - `get`: many keep-alive connections fetching one page (default
//!   `/report/`) as fast as they can; prints requests/s and latency
//!   percentiles.
//! - `submit`: clients that each file complete reports like a browser
//!   without JavaScript (every step, its CSRF token, every redirect
//!   followed); prints reports/s and per-report latency.
//! - `mixed`: the public form and staff work (list, searches, detail,
//!   comment) by weight, signed in as `LOAD_TESTER`; per-scenario figures
//!   and a JSON result.
//!
//! `get` and `submit` need nothing on the server side but the public form,
//! so they can be pointed at a staging deployment (see docs/benchmarks.md
//! and docs/load-testing.md).

mod form;
mod mixed;
mod staff;
mod stats;

use std::{
    io::{Read, Write},
    net::{TcpStream, ToSocketAddrs},
    sync::{
        Arc,
        atomic::{AtomicBool, Ordering},
    },
    time::{Duration, Instant},
};

use anyhow::{Context, bail};
use clap::{Parser, Subcommand};
use stats::Summary;

#[derive(Parser)]
#[command(name = "crt-loadtest", about = "Load-test a running crt-portal")]
struct Cli {
    /// Base URL of the portal (plain http://host:port).
    #[arg(long, default_value = "http://127.0.0.1:8000")]
    url: String,
    /// Allow a target that is not this machine (a staging deployment):
    /// tell its hosting provider first (docs/load-testing.md).
    #[arg(long)]
    i_have_permission: bool,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Fetch one page over keep-alive connections.
    Get {
        /// Path to fetch.
        #[arg(long, default_value = "/report/")]
        path: String,
        /// Concurrent connections.
        #[arg(long, default_value_t = 16)]
        connections: usize,
        /// Seconds to run (after a 1 s warm-up).
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// A Cookie header to send (e.g. a session with a draft, to measure
        /// a fully rendered step).
        #[arg(long)]
        cookie: Option<String>,
        /// More request headers, e.g. `--header 'Authorization: Bearer crt_…'`
        /// to measure the JSON API with a token.
        #[arg(long)]
        header: Vec<String>,
    },
    /// File complete reports through every step.
    Submit {
        /// Concurrent clients.
        #[arg(long, default_value_t = 1)]
        clients: usize,
        /// Seconds to run.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
    },
    /// The public form and staff work mixed by weight. Staff scenarios sign
    /// in as LOAD_TESTER with LOAD_PASSWORD (environment variables).
    Mixed {
        /// Concurrent clients (each a person with their own cookies).
        #[arg(long, default_value_t = 8)]
        clients: usize,
        /// Seconds to run.
        #[arg(long, default_value_t = 10)]
        seconds: u64,
        /// Scenario weights.
        #[arg(long, default_value = "form=10,list=2,search=2,detail=1,comment=1")]
        weights: mixed::Weights,
        /// Seed of the random mix (the same seed, the same sequence).
        #[arg(long, default_value_t = 1)]
        seed: u64,
        /// Write the result as JSON to this file (with the record numbers
        /// of every confirmation page seen).
        #[arg(long)]
        json: Option<std::path::PathBuf>,
    },
}

/// A minimal HTTP/1.1 keep-alive GET loop on one connection (a full client
/// would cost the 2-core machine more than the server does).
fn get_loop(
    addr: std::net::SocketAddr,
    host: &str,
    path: &str,
    cookie: Option<&str>,
    headers: &[String],
    stop: &AtomicBool,
    warmup_until: Instant,
) -> anyhow::Result<Vec<Duration>> {
    let mut stream = TcpStream::connect(addr)?;
    stream.set_nodelay(true)?;
    let mut extra = cookie
        .map(|c| format!("Cookie: {c}\r\n"))
        .unwrap_or_default();
    for h in headers {
        extra.push_str(h);
        extra.push_str("\r\n");
    }
    let request =
        format!("GET {path} HTTP/1.1\r\nHost: {host}\r\nUser-Agent: crt-loadtest\r\n{extra}\r\n");
    let mut buf = vec![0u8; 256 * 1024];
    let mut lat = Vec::with_capacity(100_000);
    while !stop.load(Ordering::Relaxed) {
        let t = Instant::now();
        stream.write_all(request.as_bytes())?;
        // Read headers, then exactly Content-Length bytes of body.
        let mut have = 0;
        let (head_end, body_len) = loop {
            let n = stream.read(&mut buf[have..])?;
            if n == 0 {
                bail!("server closed the connection");
            }
            have += n;
            if let Some(i) = buf[..have].windows(4).position(|w| w == b"\r\n\r\n") {
                let head = std::str::from_utf8(&buf[..i]).context("headers")?;
                if !head.starts_with("HTTP/1.1 200") {
                    bail!("unexpected answer: {}", head.lines().next().unwrap_or(""));
                }
                let len = head
                    .lines()
                    .find_map(|l| {
                        let (k, v) = l.split_once(':')?;
                        k.eq_ignore_ascii_case("content-length")
                            .then(|| v.trim().parse::<usize>().ok())?
                    })
                    .context("no Content-Length")?;
                break (i + 4, len);
            }
        };
        let mut got = have - head_end;
        while got < body_len {
            let n = stream.read(&mut buf[..])?;
            if n == 0 {
                bail!("server closed the connection mid-body");
            }
            got += n;
        }
        if t >= warmup_until {
            lat.push(t.elapsed());
        }
    }
    Ok(lat)
}

/// Whether `url` points at this machine (loopback or `localhost`).
fn is_loopback(url: &str) -> bool {
    let rest = url
        .strip_prefix("http://")
        .or_else(|| url.strip_prefix("https://"))
        .unwrap_or(url);
    let authority = rest.split('/').next().unwrap_or("");
    let host = match authority.strip_prefix('[') {
        Some(v6) => v6.split(']').next().unwrap_or(""),
        None => authority.split(':').next().unwrap_or(""),
    };
    host.eq_ignore_ascii_case("localhost")
        || host
            .parse::<std::net::IpAddr>()
            .is_ok_and(|ip| ip.is_loopback())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let cli = Cli::parse();
    let base = cli.url.trim_end_matches('/').to_owned();
    if !is_loopback(&base) && !cli.i_have_permission {
        eprintln!(
            "error: {base} is not this machine. A load test against a deployment needs its hosting \
             provider warned first (cloud.gov: support@cloud.gov); then add --i-have-permission."
        );
        std::process::exit(2);
    }
    match cli.command {
        Command::Get {
            path,
            connections,
            seconds,
            cookie,
            header,
        } => {
            let hostport = base
                .strip_prefix("http://")
                .context("only plain http:// URLs")?
                .to_owned();
            let addr = hostport.to_socket_addrs()?.next().context("address")?;
            let stop = Arc::new(AtomicBool::new(false));
            let warmup_until = Instant::now() + Duration::from_secs(1);
            let threads: Vec<_> = (0..connections)
                .map(|_| {
                    let (stop, host, path, cookie, header) = (
                        stop.clone(),
                        hostport.clone(),
                        path.clone(),
                        cookie.clone(),
                        header.clone(),
                    );
                    std::thread::spawn(move || {
                        get_loop(
                            addr,
                            &host,
                            &path,
                            cookie.as_deref(),
                            &header,
                            &stop,
                            warmup_until,
                        )
                    })
                })
                .collect();
            tokio::time::sleep(Duration::from_secs(1 + seconds)).await;
            stop.store(true, Ordering::Relaxed);
            let mut all = Vec::new();
            for t in threads {
                all.extend(
                    t.join()
                        .map_err(|_panic| anyhow::anyhow!("worker panicked"))??,
                );
            }
            let elapsed = Duration::from_secs(seconds);
            println!(
                "{}",
                Summary::new("get", all, elapsed).line(
                    &format!("GET {path} with {connections} connections"),
                    elapsed
                )
            );
        }
        Command::Submit { clients, seconds } => {
            let started = Instant::now();
            let deadline = started + Duration::from_secs(seconds);
            let tasks: Vec<_> = (0..clients)
                .map(|_| {
                    let base = base.clone();
                    tokio::spawn(async move {
                        let mut lat = Vec::new();
                        while Instant::now() < deadline {
                            let t = Instant::now();
                            form::file_one(&base, 0).await?;
                            lat.push(t.elapsed());
                        }
                        anyhow::Ok(lat)
                    })
                })
                .collect();
            let mut all = Vec::new();
            for t in tasks {
                all.extend(t.await??);
            }
            let elapsed = started.elapsed();
            println!(
                "{}",
                Summary::new("form", all, elapsed).line(
                    &format!("complete reports with {clients} client(s)"),
                    elapsed
                )
            );
        }
        Command::Mixed {
            clients,
            seconds,
            weights,
            seed,
            json,
        } => {
            let result = match mixed::run(&base, clients, seconds, weights, seed).await {
                Ok(r) => r,
                Err(e) => {
                    eprintln!("error: {e:#}");
                    std::process::exit(2);
                }
            };
            let elapsed = Duration::from_secs_f64(result.elapsed_s);
            let mut errors = 0;
            for s in &result.scenarios {
                println!("{}", s.line(&s.scenario, elapsed));
                for e in &s.sample_errors {
                    println!("  error: {e}");
                }
                errors += s.errors;
            }
            println!("confirmation pages: {}", result.confirmed.len());
            if let Some(path) = json {
                std::fs::write(&path, serde_json::to_string_pretty(&result)?)
                    .with_context(|| format!("writing {}", path.display()))?;
            }
            if errors > 0 {
                std::process::exit(1);
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::is_loopback;

    #[test]
    fn only_this_machine_without_permission() {
        for ok in [
            "http://127.0.0.1:8000",
            "http://localhost:8000/",
            "http://[::1]:8000",
            "http://127.1.2.3",
        ] {
            assert!(is_loopback(ok), "{ok}");
        }
        for far in [
            "http://crt-portal-stage.app.cloud.gov",
            "http://10.0.0.5:8000",
            "http://127.0.0.1.example.org:80",
            "http://[2001:db8::1]:8000",
        ] {
            assert!(!is_loopback(far), "{far}");
        }
    }
}
