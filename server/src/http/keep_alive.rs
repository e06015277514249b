//! How long a kept-alive connection may wait for its next request, apart from how long a
//! request's header may take to arrive.
//!
//! hyper has one clock for both: its header timeout starts when it begins to wait for a
//! request, so an idle kept-alive connection is closed after the header timeout (10 s).
//! A client that reuses its connection just then (an API client, or a browser tab that
//! polls every 10 s) has its request land on a closing socket and sees it reset. Here the
//! wait for a request's first byte is bounded by the longer `idle` allowance instead, and
//! the header timeout runs from that first byte. A fresh connection's first request keeps
//! the header timeout from the start, so opening sockets and sending nothing holds them no
//! longer than before.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};
use std::task::{Context, Poll};
use std::time::{Duration, Instant};

use hyper::rt::{Sleep, Timer};
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// The number of bytes a connection has read, shared by its reader and its timer.
#[derive(Clone, Default)]
pub struct BytesRead(Arc<AtomicU64>);

impl BytesRead {
    fn get(&self) -> u64 {
        self.0.load(Ordering::Relaxed)
    }
}

/// `inner` counting the bytes read from it into a [`BytesRead`]; writes pass through.
pub struct Counted<S> {
    inner: S,
    read: BytesRead,
}

impl<S> Counted<S> {
    /// Counts `inner`'s reads into `read`.
    pub fn new(inner: S, read: BytesRead) -> Self {
        Counted { inner, read }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for Counted<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let before = buf.filled().len();
        let outcome = Pin::new(&mut this.inner).poll_read(cx, buf);
        let read = (buf.filled().len() - before) as u64;
        this.read.0.fetch_add(read, Ordering::Relaxed);
        outcome
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for Counted<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write(cx, buf)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        Pin::new(&mut self.get_mut().inner).poll_write_vectored(cx, bufs)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_flush(cx)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_shutdown(cx)
    }
}

/// One connection's timer for hyper's HTTP/1 server, which uses a timer for its header
/// timeout alone: each deadline it asks for is moved to count from the request's first
/// byte, which may take up to `idle` to come once the connection has served a request.
pub struct HeaderClock {
    read: BytesRead,
    idle: Duration,
}

impl HeaderClock {
    /// The clock of a connection whose reads are counted in `read`.
    pub fn new(read: BytesRead, idle: Duration) -> Self {
        HeaderClock { read, idle }
    }
}

impl Timer for HeaderClock {
    fn sleep(&self, duration: Duration) -> Pin<Box<dyn Sleep>> {
        self.sleep_until(Instant::now() + duration)
    }

    fn sleep_until(&self, deadline: Instant) -> Pin<Box<dyn Sleep>> {
        let started = Instant::now();
        let allowance = deadline.saturating_duration_since(started);
        let baseline = self.read.get();
        // Before a connection's first request, the header timeout counts from the start.
        let first_byte_by = if baseline == 0 { deadline } else { started + self.idle.max(allowance) };
        Box::pin(HeaderDeadline {
            read: self.read.clone(),
            baseline,
            allowance,
            first_byte_seen: false,
            sleep: Box::pin(tokio::time::sleep_until(first_byte_by.into())),
        })
    }
}

/// Due `allowance` after the first byte read past `baseline`, or when the wait for that
/// byte is over.
struct HeaderDeadline {
    read: BytesRead,
    baseline: u64,
    allowance: Duration,
    first_byte_seen: bool,
    sleep: Pin<Box<tokio::time::Sleep>>,
}

impl Sleep for HeaderDeadline {}

impl Future for HeaderDeadline {
    type Output = ();

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<()> {
        let this = self.get_mut();
        // hyper polls its timer each time it has read and still lacks a whole header, so
        // the first poll after the first byte is within a read of its arrival.
        if !this.first_byte_seen && this.read.get() > this.baseline {
            this.first_byte_seen = true;
            let due = (Instant::now() + this.allowance).min(this.sleep.deadline().into_std());
            this.sleep.as_mut().reset(due.into());
        }
        this.sleep.as_mut().poll(cx)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: Duration = Duration::from_millis(200);
    const IDLE: Duration = Duration::from_millis(1_000);

    async fn time_until_due(sleep: Pin<Box<dyn Sleep>>) -> Duration {
        let started = Instant::now();
        sleep.await;
        started.elapsed()
    }

    async fn poll_once(sleep: &mut Pin<Box<dyn Sleep>>) -> Poll<()> {
        std::future::poll_fn(|cx| Poll::Ready(sleep.as_mut().poll(cx))).await
    }

    #[tokio::test]
    async fn a_fresh_connection_gets_the_header_timeout_from_the_start() {
        let clock = HeaderClock::new(BytesRead::default(), IDLE);
        let took = time_until_due(clock.sleep(HEADER)).await;
        assert!((HEADER..IDLE).contains(&took), "{took:?}");
    }

    #[tokio::test]
    async fn a_kept_alive_connection_may_wait_the_idle_allowance_for_its_next_request() {
        let read = BytesRead::default();
        read.0.store(500, Ordering::Relaxed);
        let clock = HeaderClock::new(read, IDLE);
        let took = time_until_due(clock.sleep(HEADER)).await;
        assert!((IDLE..IDLE * 2).contains(&took), "{took:?}");
    }

    #[tokio::test]
    async fn once_a_request_starts_its_header_has_the_header_timeout() {
        let read = BytesRead::default();
        read.0.store(500, Ordering::Relaxed);
        let clock = HeaderClock::new(read.clone(), IDLE);
        let mut sleep = clock.sleep(HEADER);
        let started = Instant::now();
        tokio::time::sleep(HEADER).await;
        assert!(poll_once(&mut sleep).await.is_pending(), "idle for longer than the header timeout");
        read.0.fetch_add(10, Ordering::Relaxed);
        assert!(poll_once(&mut sleep).await.is_pending());
        sleep.await;
        let took = started.elapsed();
        assert!((HEADER * 2..IDLE).contains(&took), "{took:?}");
    }
}
