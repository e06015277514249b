//! A write that makes no progress for too long fails: a client that asks for a large
//! response (or follows a busy board) and never reads would otherwise keep its connection,
//! its buffers and its socket's queue forever.

use std::future::Future;
use std::io;
use std::pin::Pin;
use std::task::{Context, Poll};
use std::time::Duration;

use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};
use tokio::time::{Sleep, sleep};

/// `inner` whose writes (and flushes and shutdown) fail with [`io::ErrorKind::TimedOut`]
/// once they have been blocked for `limit` without a byte going out. Reads pass through:
/// their time limits are the header and body timeouts and the sockets' idle timeout.
pub struct StallGuard<S> {
    inner: S,
    limit: Duration,
    /// Running while a write is blocked; cleared by any progress.
    stalled: Option<Pin<Box<Sleep>>>,
}

impl<S> StallGuard<S> {
    /// Guards `inner`'s writes with `limit`.
    pub fn new(inner: S, limit: Duration) -> Self {
        StallGuard { inner, limit, stalled: None }
    }

    /// After a write returned `Pending`: pending still, or the error once the stall has
    /// lasted `limit`.
    fn stall<T>(&mut self, cx: &mut Context<'_>) -> Poll<io::Result<T>> {
        let limit = self.limit;
        let timer = self.stalled.get_or_insert_with(|| Box::pin(sleep(limit)));
        match timer.as_mut().poll(cx) {
            Poll::Ready(()) => Poll::Ready(Err(io::Error::new(
                io::ErrorKind::TimedOut,
                format!("the client read nothing for {} s", limit.as_secs()),
            ))),
            Poll::Pending => Poll::Pending,
        }
    }

    /// Passes a write's outcome on, restarting the stall clock when it got anywhere.
    fn progress<T>(&mut self, cx: &mut Context<'_>, outcome: Poll<io::Result<T>>) -> Poll<io::Result<T>> {
        match outcome {
            Poll::Pending => self.stall(cx),
            ready => {
                self.stalled = None;
                ready
            }
        }
    }
}

impl<S: AsyncRead + Unpin> AsyncRead for StallGuard<S> {
    fn poll_read(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &mut ReadBuf<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.get_mut().inner).poll_read(cx, buf)
    }
}

impl<S: AsyncWrite + Unpin> AsyncWrite for StallGuard<S> {
    fn poll_write(self: Pin<&mut Self>, cx: &mut Context<'_>, buf: &[u8]) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let outcome = Pin::new(&mut this.inner).poll_write(cx, buf);
        this.progress(cx, outcome)
    }

    fn poll_write_vectored(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let this = self.get_mut();
        let outcome = Pin::new(&mut this.inner).poll_write_vectored(cx, bufs);
        this.progress(cx, outcome)
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let outcome = Pin::new(&mut this.inner).poll_flush(cx);
        this.progress(cx, outcome)
    }

    fn poll_shutdown(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        let this = self.get_mut();
        let outcome = Pin::new(&mut this.inner).poll_shutdown(cx);
        this.progress(cx, outcome)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tokio::io::AsyncWriteExt;

    const LIMIT: Duration = Duration::from_millis(300);

    #[tokio::test]
    async fn a_reader_that_stops_reading_fails_the_write_after_the_limit() {
        // A pipe of 1 KiB that nobody reads: the second write blocks for good.
        let (writer, _reader) = tokio::io::duplex(1024);
        let mut guarded = StallGuard::new(writer, LIMIT);
        guarded.write_all(&[0; 1024]).await.unwrap();
        let started = std::time::Instant::now();
        let err = guarded.write_all(&[0; 1024]).await.unwrap_err();
        assert_eq!(err.kind(), io::ErrorKind::TimedOut);
        assert!((LIMIT..LIMIT * 5).contains(&started.elapsed()), "{:?}", started.elapsed());
    }

    #[tokio::test]
    async fn a_slow_reader_that_keeps_reading_is_not_cut_off() {
        let (writer, mut reader) = tokio::io::duplex(1024);
        let mut guarded = StallGuard::new(writer, LIMIT);
        let reading = tokio::spawn(async move {
            let mut buf = [0; 512];
            let mut total = 0;
            while total < 8 * 1024 {
                tokio::time::sleep(LIMIT / 3).await;
                total += tokio::io::AsyncReadExt::read(&mut reader, &mut buf).await.unwrap();
            }
        });
        guarded.write_all(&[0; 8 * 1024]).await.expect("each read within the limit keeps it going");
        reading.await.unwrap();
    }
}
