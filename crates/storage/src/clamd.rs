//! clamd's INSTREAM protocol: `zINSTREAM\0`, then chunks (a 4-byte
//! big-endian length and the bytes), then a zero length; clamd answers
//! `stream: OK`, `stream: <signature> FOUND` or `… ERROR`, ending with NUL.

use std::{path::Path, time::Duration};

use async_trait::async_trait;
use crt_domain::ports::{ScanError, Verdict, VirusScanner};
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt};

/// Where clamd listens.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ClamdAddress {
    /// `host:port` (or `tcp://host:port`).
    Tcp(String),
    /// A Unix socket (`/run/clamav/clamd.ctl` or `unix:///…`).
    Unix(String),
}

impl ClamdAddress {
    /// Reads `CLAMD_ADDRESS`'s value.
    ///
    /// Errors: a value that is neither a socket path nor `host:port`.
    pub fn parse(value: &str) -> Result<Self, String> {
        let v = value.trim();
        if let Some(path) = v.strip_prefix("unix://") {
            return Ok(Self::Unix(path.to_owned()));
        }
        if v.starts_with('/') {
            return Ok(Self::Unix(v.to_owned()));
        }
        let hostport = v.strip_prefix("tcp://").unwrap_or(v);
        match hostport.rsplit_once(':') {
            Some((host, port)) if !host.is_empty() && port.parse::<u16>().is_ok() => {
                Ok(Self::Tcp(hostport.to_owned()))
            }
            _ => Err(format!(
                "{value:?} is neither host:port nor a Unix socket path"
            )),
        }
    }
}

/// The clamd client.
#[derive(Clone, Debug)]
pub struct Clamd {
    address: ClamdAddress,
    /// The longest a scan may take, from connecting to clamd's answer.
    timeout: Duration,
}

/// A chunk sent to clamd (well under its default StreamMaxLength).
const CHUNK: usize = 64 * 1024;

trait Conn: AsyncRead + AsyncWrite + Unpin + Send {}
impl<T: AsyncRead + AsyncWrite + Unpin + Send> Conn for T {}

impl Clamd {
    /// A client for clamd at `address`; each scan takes at most `timeout`.
    pub fn new(address: ClamdAddress, timeout: Duration) -> Self {
        Self { address, timeout }
    }

    async fn connect(&self) -> Result<Box<dyn Conn>, ScanError> {
        let unreachable = |e: std::io::Error| ScanError::Unreachable(format!("{self}: {e}"));
        Ok(match &self.address {
            ClamdAddress::Tcp(a) => Box::new(
                tokio::net::TcpStream::connect(a)
                    .await
                    .map_err(unreachable)?,
            ),
            #[cfg(unix)]
            ClamdAddress::Unix(p) => Box::new(
                tokio::net::UnixStream::connect(p)
                    .await
                    .map_err(unreachable)?,
            ),
            #[cfg(not(unix))]
            ClamdAddress::Unix(p) => {
                return Err(ScanError::Unreachable(format!(
                    "Unix sockets are not available here ({p})"
                )));
            }
        })
    }

    async fn reply(conn: &mut Box<dyn Conn>) -> Result<String, ScanError> {
        let mut out = Vec::new();
        let mut byte = [0u8; 1];
        loop {
            let n = conn
                .read(&mut byte)
                .await
                .map_err(|e| ScanError::Unreachable(e.to_string()))?;
            if n == 0 || byte[0] == 0 || out.len() > 4096 {
                break;
            }
            out.push(byte[0]);
        }
        Ok(String::from_utf8_lossy(&out).trim().to_owned())
    }

    async fn instream(&self, path: &Path) -> Result<Verdict, ScanError> {
        let mut file = tokio::fs::File::open(path)
            .await
            .map_err(|e| ScanError::Failed(format!("cannot read the file: {e}")))?;
        let mut conn = self.connect().await?;
        let lost = |e: std::io::Error| ScanError::Unreachable(e.to_string());
        conn.write_all(b"zINSTREAM\0").await.map_err(lost)?;
        let mut buf = vec![0u8; CHUNK];
        loop {
            let n = file
                .read(&mut buf)
                .await
                .map_err(|e| ScanError::Failed(format!("cannot read the file: {e}")))?;
            if n == 0 {
                break;
            }
            let len = u32::try_from(n).unwrap_or(u32::MAX).to_be_bytes();
            conn.write_all(&len).await.map_err(lost)?;
            conn.write_all(&buf[..n]).await.map_err(lost)?;
        }
        conn.write_all(&[0, 0, 0, 0]).await.map_err(lost)?;
        conn.flush().await.map_err(lost)?;
        let answer = Self::reply(&mut conn).await?;
        parse_answer(&answer)
    }
}

/// clamd's answer to a stream.
fn parse_answer(answer: &str) -> Result<Verdict, ScanError> {
    let body = answer.strip_prefix("stream:").unwrap_or(answer).trim();
    if body == "OK" {
        Ok(Verdict::Clean)
    } else if let Some(signature) = body.strip_suffix("FOUND") {
        Ok(Verdict::Infected(signature.trim().to_owned()))
    } else {
        Err(ScanError::Failed(answer.to_owned()))
    }
}

impl std::fmt::Display for Clamd {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match &self.address {
            ClamdAddress::Tcp(a) => write!(f, "clamd at {a}"),
            ClamdAddress::Unix(p) => write!(f, "clamd at {p}"),
        }
    }
}

#[async_trait]
impl VirusScanner for Clamd {
    fn describe(&self) -> String {
        self.to_string()
    }

    async fn scan_file(&self, path: &Path) -> Result<Verdict, ScanError> {
        // A larger file gets more time (clamd reads about 50 MB/s here).
        let size = tokio::fs::metadata(path)
            .await
            .map(|m| m.len())
            .unwrap_or(0);
        let limit = self.timeout + Duration::from_secs(size / (10 * 1024 * 1024));
        tokio::time::timeout(limit, self.instream(path))
            .await
            .map_err(|_elapsed| {
                ScanError::Unreachable(format!("{self} did not answer within {limit:?}"))
            })?
    }

    async fn ping(&self) -> Result<(), ScanError> {
        let ping = async {
            let mut conn = self.connect().await?;
            conn.write_all(b"zPING\0")
                .await
                .map_err(|e| ScanError::Unreachable(e.to_string()))?;
            let answer = Self::reply(&mut conn).await?;
            if answer == "PONG" {
                Ok(())
            } else {
                Err(ScanError::Failed(format!("PING answered {answer:?}")))
            }
        };
        tokio::time::timeout(Duration::from_secs(3), ping)
            .await
            .map_err(|_elapsed| ScanError::Unreachable(format!("{self} did not answer PING")))?
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn addresses_and_answers_are_read() {
        assert_eq!(
            ClamdAddress::parse("127.0.0.1:3310"),
            Ok(ClamdAddress::Tcp("127.0.0.1:3310".into()))
        );
        assert_eq!(
            ClamdAddress::parse("tcp://clamd.internal:3310"),
            Ok(ClamdAddress::Tcp("clamd.internal:3310".into()))
        );
        assert_eq!(
            ClamdAddress::parse("/run/clamav/clamd.ctl"),
            Ok(ClamdAddress::Unix("/run/clamav/clamd.ctl".into()))
        );
        assert_eq!(
            ClamdAddress::parse("unix:///tmp/c.sock"),
            Ok(ClamdAddress::Unix("/tmp/c.sock".into()))
        );
        assert!(ClamdAddress::parse("clamd").is_err());
        assert!(ClamdAddress::parse("host:notaport").is_err());
        assert_eq!(parse_answer("stream: OK").ok(), Some(Verdict::Clean));
        assert_eq!(
            parse_answer("stream: Eicar-Test-Signature FOUND").ok(),
            Some(Verdict::Infected("Eicar-Test-Signature".into()))
        );
        assert!(parse_answer("INSTREAM size limit exceeded. ERROR").is_err());
    }
}
