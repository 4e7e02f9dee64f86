//! A small SMTP catcher: a real SMTP listener that keeps every message it
//! receives. Tests send to it over TCP; `crt-admin mail catch` runs it for
//! local development when MailHog is not installed. It speaks enough SMTP for
//! lettre and most clients (EHLO/HELO, MAIL, RCPT, DATA, RSET, NOOP, QUIT),
//! and refuses recipients on its reject list with 550 (to test permanent
//! failures). With [`Faults`] it misbehaves on purpose, like MailHog's
//! "Jim": a share of messages refused with a temporary 451, a share of
//! connections dropped before the message is accepted, a delay before each
//! reply; seeded, so a run can be repeated.

use std::{
    net::SocketAddr,
    sync::{Arc, Mutex},
};

use tokio::{
    io::{AsyncBufReadExt, AsyncWriteExt, BufReader},
    net::{TcpListener, TcpStream},
    sync::Notify,
};

mod decode;
use decode::{base64_bytes, decode_base64, decode_quoted_printable, q_bytes};

/// One message as received.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct CaughtMail {
    /// MAIL FROM address.
    pub from: String,
    /// RCPT TO addresses.
    pub to: Vec<String>,
    /// The DATA, dot-unstuffed, with CRLF line ends.
    pub raw: String,
}

impl CaughtMail {
    /// A header's value (first occurrence, unfolded), without decoding.
    pub fn header(&self, name: &str) -> Option<String> {
        let head = self.raw.split("\r\n\r\n").next().unwrap_or("");
        let mut value: Option<String> = None;
        for line in head.split("\r\n") {
            if let Some(v) = value.as_mut() {
                if line.starts_with(' ') || line.starts_with('\t') {
                    v.push(' ');
                    v.push_str(line.trim());
                    continue;
                }
                break;
            }
            if let Some((k, v)) = line.split_once(':')
                && k.eq_ignore_ascii_case(name)
            {
                value = Some(v.trim().to_owned());
            }
        }
        value
    }

    /// A header's value with its RFC 2047 encoded words
    /// (`=?utf-8?b?…?=`, `=?utf-8?q?…?=`) decoded: a subject in Korean as
    /// the person reads it.
    pub fn decoded_header(&self, name: &str) -> Option<String> {
        let raw = self.header(name)?;
        let mut out = String::new();
        // Bytes of adjacent encoded words: one character may be split
        // across two of them.
        let mut pending: Vec<u8> = Vec::new();
        let flush = |out: &mut String, pending: &mut Vec<u8>| {
            if !pending.is_empty() {
                out.push_str(&String::from_utf8_lossy(pending));
                pending.clear();
            }
        };
        for token in raw.split(' ').filter(|t| !t.is_empty()) {
            let word = token
                .strip_prefix("=?")
                .and_then(|t| t.strip_suffix("?="))
                .and_then(|inner| {
                    let mut parts = inner.splitn(3, '?');
                    let (_charset, coding, text) = (parts.next()?, parts.next()?, parts.next()?);
                    match coding {
                        "b" | "B" => Some(base64_bytes(text)),
                        "q" | "Q" => Some(q_bytes(text)),
                        _ => None,
                    }
                });
            match word {
                Some(bytes) => {
                    if pending.is_empty() && !out.is_empty() {
                        out.push(' ');
                    }
                    pending.extend(bytes);
                }
                None => {
                    flush(&mut out, &mut pending);
                    if !out.is_empty() {
                        out.push(' ');
                    }
                    out.push_str(token);
                }
            }
        }
        flush(&mut out, &mut pending);
        Some(out)
    }

    /// The body, decoded from quoted-printable or base64 when the
    /// Content-Transfer-Encoding says so.
    pub fn body(&self) -> String {
        let body = self.raw.split_once("\r\n\r\n").map_or("", |(_, b)| b);
        match self
            .header("Content-Transfer-Encoding")
            .map(|e| e.to_ascii_lowercase())
            .as_deref()
        {
            Some("quoted-printable") => decode_quoted_printable(body),
            Some("base64") => decode_base64(body),
            _ => body.to_owned(),
        }
    }
}

/// Faults the catcher injects (all off by default).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Faults {
    /// Share of messages answered `451` at the end of DATA (not kept).
    pub reject_rate: f64,
    /// Share of messages whose connection is dropped at the end of DATA,
    /// before any answer (not kept).
    pub disconnect_rate: f64,
    /// Wait before each reply.
    pub delay: std::time::Duration,
    /// Seed of the choices.
    pub seed: u64,
}

/// What the catcher does with a message it received.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Fate {
    Keep,
    Refuse,
    Drop,
}

/// A small seeded generator (xorshift64*): repeatable fault choices, no
/// cryptography needed.
struct Dice(u64);

impl Dice {
    fn roll(&mut self) -> f64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        (x.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[derive(Default)]
struct Inbox {
    mails: Mutex<Vec<CaughtMail>>,
    arrived: Notify,
    reject: Mutex<Vec<String>>,
    faults: Faults,
    dice: Mutex<Option<Dice>>,
    refused: std::sync::atomic::AtomicU64,
    dropped: std::sync::atomic::AtomicU64,
}

impl Inbox {
    fn fate(&self) -> Fate {
        let f = self.faults;
        if f.reject_rate <= 0.0 && f.disconnect_rate <= 0.0 {
            return Fate::Keep;
        }
        let r = match self.dice.lock() {
            Ok(mut d) => d
                .get_or_insert_with(|| {
                    Dice(f.seed.wrapping_mul(2).wrapping_add(0x9E37_79B9_7F4A_7C15))
                })
                .roll(),
            Err(_) => return Fate::Keep,
        };
        use std::sync::atomic::Ordering;
        if r < f.reject_rate {
            self.refused.fetch_add(1, Ordering::Relaxed);
            Fate::Refuse
        } else if r < f.reject_rate + f.disconnect_rate {
            self.dropped.fetch_add(1, Ordering::Relaxed);
            Fate::Drop
        } else {
            Fate::Keep
        }
    }
}

/// A running catcher; it stops when dropped.
pub struct SmtpCatcher {
    addr: SocketAddr,
    inbox: Arc<Inbox>,
    task: tokio::task::JoinHandle<()>,
}

impl Drop for SmtpCatcher {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl SmtpCatcher {
    /// Listens on `addr` (`127.0.0.1:0` picks a free port).
    pub async fn start(addr: &str) -> std::io::Result<Self> {
        Self::start_with(addr, Faults::default()).await
    }

    /// Listens on `addr`, injecting `faults`.
    pub async fn start_with(addr: &str, faults: Faults) -> std::io::Result<Self> {
        let listener = TcpListener::bind(addr).await?;
        let addr = listener.local_addr()?;
        let inbox = Arc::new(Inbox {
            faults,
            ..Inbox::default()
        });
        let shared = inbox.clone();
        let task = tokio::spawn(async move {
            while let Ok((stream, _)) = listener.accept().await {
                let inbox = shared.clone();
                tokio::spawn(async move {
                    if let Err(e) = serve(stream, inbox).await {
                        tracing::debug!(error = %e, "SMTP catcher connection ended");
                    }
                });
            }
        });
        Ok(Self { addr, inbox, task })
    }

    /// The address it listens on.
    pub fn addr(&self) -> SocketAddr {
        self.addr
    }

    /// Messages refused with 451, and connections dropped, so far.
    pub fn faults_injected(&self) -> (u64, u64) {
        use std::sync::atomic::Ordering;
        (
            self.inbox.refused.load(Ordering::Relaxed),
            self.inbox.dropped.load(Ordering::Relaxed),
        )
    }

    /// Answers 550 to RCPT TO for this address from now on.
    pub fn reject(&self, address: &str) {
        if let Ok(mut r) = self.inbox.reject.lock() {
            r.push(address.to_ascii_lowercase());
        }
    }

    /// Every message received so far.
    pub fn mails(&self) -> Vec<CaughtMail> {
        self.inbox
            .mails
            .lock()
            .map(|m| m.clone())
            .unwrap_or_default()
    }

    /// Waits until at least `n` messages have arrived (or `timeout` passes)
    /// and returns them.
    pub async fn wait_for(&self, n: usize, timeout: std::time::Duration) -> Vec<CaughtMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let notified = self.inbox.arrived.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let mails = self.mails();
            if mails.len() >= n || tokio::time::Instant::now() >= deadline {
                return mails;
            }
            let _ = tokio::time::timeout_at(deadline, notified).await;
        }
    }

    /// Waits for messages forever, calling `each` for every new one
    /// (`crt-admin mail catch`).
    pub async fn for_each(&self, mut each: impl FnMut(&CaughtMail)) {
        let mut seen = 0;
        loop {
            let notified = self.inbox.arrived.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            let mails = self.mails();
            for m in &mails[seen..] {
                each(m);
            }
            seen = mails.len();
            notified.await;
        }
    }
}

fn address(arg: &str) -> String {
    let arg = arg.trim();
    let inner = match (arg.find('<'), arg.find('>')) {
        (Some(a), Some(b)) if b > a => &arg[a + 1..b],
        _ => arg.split_whitespace().next().unwrap_or(""),
    };
    inner.to_owned()
}

async fn serve(stream: TcpStream, inbox: Arc<Inbox>) -> std::io::Result<()> {
    // Replies are small writes after small reads: without this, Nagle's
    // algorithm and delayed ACKs add tens of milliseconds per message.
    stream.set_nodelay(true)?;
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 crt-catcher ESMTP ready\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    let delay = inbox.faults.delay;
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let command = line.trim_end();
        let upper = command.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-crt-catcher\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if upper.starts_with("HELO") || upper.starts_with("NOOP") {
            b"250 OK\r\n"
        } else if upper.starts_with("RSET") {
            from.clear();
            to.clear();
            b"250 OK\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&command[10..]);
            to.clear();
            b"250 OK\r\n"
        } else if upper.starts_with("RCPT TO:") {
            let rcpt = address(&command[8..]);
            let refused = inbox
                .reject
                .lock()
                .map(|r| r.contains(&rcpt.to_ascii_lowercase()))
                .unwrap_or(false);
            if refused {
                b"550 5.1.1 mailbox unavailable\r\n"
            } else {
                to.push(rcpt);
                b"250 OK\r\n"
            }
        } else if upper == "DATA" {
            if to.is_empty() {
                b"554 no valid recipients\r\n"
            } else {
                write.write_all(b"354 end with <CRLF>.<CRLF>\r\n").await?;
                let mut raw = String::new();
                loop {
                    line.clear();
                    if lines.read_line(&mut line).await? == 0 {
                        return Ok(());
                    }
                    let l = line.trim_end_matches(['\r', '\n']);
                    if l == "." {
                        break;
                    }
                    raw.push_str(l.strip_prefix('.').unwrap_or(l));
                    raw.push_str("\r\n");
                }
                match inbox.fate() {
                    Fate::Keep => {}
                    Fate::Refuse => {
                        from.clear();
                        to.clear();
                        write
                            .write_all(b"451 4.3.0 try again later (injected fault)\r\n")
                            .await?;
                        continue;
                    }
                    // Gone before answering: the sender cannot know.
                    Fate::Drop => return Ok(()),
                }
                let n = {
                    let mut mails = inbox.mails.lock().map_err(|e| {
                        std::io::Error::other(format!("catcher inbox poisoned: {e}"))
                    })?;
                    mails.push(CaughtMail {
                        from: std::mem::take(&mut from),
                        to: std::mem::take(&mut to),
                        raw,
                    });
                    mails.len()
                };
                inbox.arrived.notify_waiters();
                write
                    .write_all(format!("250 OK queued as catcher-{n}\r\n").as_bytes())
                    .await?;
                continue;
            }
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 bye\r\n").await?;
            return Ok(());
        } else {
            b"502 command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}
