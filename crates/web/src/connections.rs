//! Slow-client protection: at most `MAX_CONNECTIONS` connections at once
//! (more wait in the listen queue), and a client that has started a
//! request must send its whole head (request line and headers) within
//! `REQUEST_HEADER_TIMEOUT`, or the connection is closed. A connection
//! idle between requests is closed by the server's idle timeout.

use std::{
    io,
    pin::Pin,
    sync::Arc,
    task::{Context, Poll, ready},
    time::Duration,
};

use poem::http::uri::Scheme;
use poem::listener::Acceptor;
use poem::web::{LocalAddr, RemoteAddr};
use tokio::{
    io::{AsyncRead, AsyncWrite, ReadBuf},
    sync::{OwnedSemaphorePermit, Semaphore},
    time::Sleep,
};

/// An acceptor with a connection cap and a request-head deadline.
pub struct GuardedAcceptor<A> {
    inner: A,
    permits: Arc<Semaphore>,
    header_timeout: Duration,
}

impl<A> GuardedAcceptor<A> {
    /// Wraps `inner`.
    pub fn new(inner: A, max_connections: usize, header_timeout: Duration) -> Self {
        Self {
            inner,
            permits: Arc::new(Semaphore::new(max_connections)),
            header_timeout,
        }
    }
}

impl<A: Acceptor> Acceptor for GuardedAcceptor<A> {
    type Io = Guarded<A::Io>;

    fn local_addr(&self) -> Vec<LocalAddr> {
        self.inner.local_addr()
    }

    async fn accept(&mut self) -> io::Result<(Self::Io, LocalAddr, RemoteAddr, Scheme)> {
        // Wait for a free slot before taking the next connection.
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .map_err(io::Error::other)?;
        let (io, local, remote, scheme) = self.inner.accept().await?;
        let guarded = Guarded {
            io,
            _permit: permit,
            timeout: self.header_timeout,
            head: Head::Waiting,
        };
        Ok((guarded, local, remote, scheme))
    }
}

/// Where a connection is in reading a request head.
enum Head {
    /// Between requests (or before the first): no deadline.
    Waiting,
    /// A head has started: it must end (a blank line) before the deadline.
    Reading {
        deadline: Pin<Box<Sleep>>,
        /// The last four bytes read, to find `\r\n\r\n` across reads.
        tail: u32,
    },
    /// The head is in; the body and the answer follow.
    Done,
}

/// A connection with its slot and its head deadline.
pub struct Guarded<Io> {
    io: Io,
    _permit: OwnedSemaphorePermit,
    timeout: Duration,
    head: Head,
}

impl<Io> Guarded<Io> {
    fn saw(&mut self, bytes: &[u8]) {
        for b in bytes {
            match &mut self.head {
                Head::Done => return,
                Head::Waiting => {
                    self.head = Head::Reading {
                        deadline: Box::pin(tokio::time::sleep(self.timeout)),
                        tail: u32::from(*b),
                    };
                }
                Head::Reading { tail, .. } => {
                    *tail = (*tail << 8) | u32::from(*b);
                    if *tail == u32::from_be_bytes(*b"\r\n\r\n") {
                        self.head = Head::Done;
                    }
                }
            }
        }
    }
}

impl<Io: AsyncRead + Unpin> AsyncRead for Guarded<Io> {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if let Head::Reading { deadline, .. } = &mut self.head
            && deadline.as_mut().poll(cx).is_ready()
        {
            return Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                "the request's headers came too slowly",
            )));
        }
        let before = buf.filled().len();
        ready!(Pin::new(&mut self.io).poll_read(cx, buf))?;
        if !matches!(self.head, Head::Done) {
            self.saw(&buf.filled()[before..]);
        }
        Poll::Ready(Ok(()))
    }
}

impl<Io: AsyncWrite + Unpin> AsyncWrite for Guarded<Io> {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let written = ready!(Pin::new(&mut self.io).poll_write(cx, buf))?;
        // An answer is going out: the next bytes read start a new head.
        if written > 0 && matches!(self.head, Head::Done) {
            self.head = Head::Waiting;
        }
        Poll::Ready(Ok(written))
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.io).poll_shutdown(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn a_head_is_done_at_its_blank_line_even_across_reads() {
        let (a, _b) = tokio::io::duplex(64);
        let permit = Arc::new(Semaphore::new(1)).acquire_owned().await.unwrap();
        let mut g = Guarded {
            io: a,
            _permit: permit,
            timeout: Duration::from_secs(1),
            head: Head::Waiting,
        };
        g.saw(b"GET / HTTP/1.1\r\nHost: x\r");
        assert!(matches!(g.head, Head::Reading { .. }));
        g.saw(b"\n\r");
        assert!(matches!(g.head, Head::Reading { .. }));
        g.saw(b"\nbody");
        assert!(matches!(g.head, Head::Done));
    }
}
