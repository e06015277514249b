//! Several instances on one PostgreSQL: each wakes the others after a local commit and
//! brings its own sockets what the others committed.
//!
//! The database stays the ordered log. A notification only says "workshop W has reached
//! sequence number N"; the woken instance fetches what it has not published yet and
//! publishes it on its hub. Sockets drop what they already have and fetch any gap from the
//! database, so a lost notification (or a listener reconnecting) delays an event until the
//! next notification or the next sweep, and loses nothing.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Duration;

use sqlx::postgres::PgListener;
use tokio::sync::mpsc;

use super::{Committed, Hub};
use crate::store::Store;
use app::model::ids::WorkshopId;

/// The PostgreSQL notification channel the instances share.
pub const CHANNEL: &str = "klustra_board";

/// How often the workshops with sockets here are compared with the database, for
/// notifications that never arrived.
const SWEEP_EVERY: Duration = Duration::from_secs(1);

/// Starts relaying between the instances on the PostgreSQL at `url`, until the hub shuts
/// down.
pub fn start(url: &str, store: Store, hub: Arc<Hub>) {
    let (outbox, committed) = mpsc::unbounded_channel();
    hub.set_outbox(outbox);
    tokio::spawn(announce(committed, store.clone()));
    tokio::spawn(listen(url.to_string(), store, hub));
}

/// Sends a notification per workshop for the commits made here, batching what queued up
/// while the last batch was sent.
async fn announce(mut committed: mpsc::UnboundedReceiver<Committed>, store: Store) {
    while let Some(first) = committed.recv().await {
        let mut newest: HashMap<WorkshopId, i64> = HashMap::from([first]);
        while let Ok((workshop_id, seq)) = committed.try_recv() {
            let entry = newest.entry(workshop_id).or_default();
            *entry = (*entry).max(seq);
        }
        let batch: Vec<Committed> = newest.into_iter().collect();
        if let Err(err) = store.notify(CHANNEL, &batch).await {
            // The others still find these commits in their next sweep.
            tracing::warn!(error = %err, "notifying the other instances failed");
        }
    }
}

/// Listens for the other instances' notifications and sweeps regularly.
async fn listen(url: String, store: Store, hub: Arc<Hub>) {
    let mut stopping = hub.shutting_down();
    let mut listener = loop {
        match connect(&url).await {
            Ok(listener) => break listener,
            Err(err) => {
                tracing::warn!(error = %err, "listening for other instances failed; retrying");
                tokio::select! {
                    () = tokio::time::sleep(SWEEP_EVERY) => {}
                    () = stopped(&mut stopping) => return,
                }
            }
        }
    };
    let mut sweep = tokio::time::interval(SWEEP_EVERY);
    sweep.set_missed_tick_behavior(tokio::time::MissedTickBehavior::Delay);
    loop {
        tokio::select! {
            () = stopped(&mut stopping) => return,
            notification = listener.try_recv() => match notification {
                Ok(Some(notification)) => match parse(notification.payload()) {
                    Some((workshop_id, seq)) => relay(&store, &hub, workshop_id, seq).await,
                    None => tracing::warn!(payload = notification.payload(), "ignoring a foreign notification"),
                },
                // The connection dropped (and reconnects on the next call): what was
                // notified meanwhile is lost, so look at the database now.
                Ok(None) => sweep_all(&store, &hub).await,
                Err(err) => {
                    tracing::warn!(error = %err, "the notification listener failed");
                    tokio::time::sleep(SWEEP_EVERY).await;
                }
            },
            _ = sweep.tick() => sweep_all(&store, &hub).await,
        }
    }
}

/// Completes when the server starts shutting down.
async fn stopped(stopping: &mut tokio::sync::watch::Receiver<bool>) {
    // `is_ok` drops the guard `wait_for` returns at once: it must not live across an await.
    let _ = stopping.wait_for(|stopping| *stopping).await.is_ok();
}

async fn connect(url: &str) -> Result<PgListener, sqlx::Error> {
    let mut listener = PgListener::connect(url).await?;
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

/// The `"<workshop id> <sequence number>"` payload of a notification.
fn parse(payload: &str) -> Option<Committed> {
    let (workshop_id, seq) = payload.split_once(' ')?;
    Some((workshop_id.parse().ok()?, seq.parse().ok()?))
}

/// Publishes the events of `workshop_id` up to `seq` that this instance's sockets have not
/// been sent, if any socket here shows that workshop.
async fn relay(store: &Store, hub: &Hub, workshop_id: WorkshopId, seq: i64) {
    let Some(newest) = hub.newest(workshop_id) else { return };
    if newest >= seq {
        return;
    }
    // Nothing published here yet: every socket read the board when it connected, and one
    // that missed an event in between sees the gap and reads it again.
    let after = if newest == 0 { seq - 1 } else { newest };
    match store.events_since(workshop_id, after).await {
        Ok(events) => events.into_iter().for_each(|event| hub.publish_relayed(event)),
        Err(err) => tracing::warn!(error = %err, "fetching another instance's events failed"),
    }
}

/// Compares every workshop with sockets here with the database.
async fn sweep_all(store: &Store, hub: &Hub) {
    for (workshop_id, newest) in hub.listened() {
        match store.last_seq(workshop_id).await {
            Ok(last) if last > newest => relay(store, hub, workshop_id, last).await,
            Ok(_) => {}
            Err(err) => tracing::warn!(error = %err, "sweeping for missed events failed"),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_name_a_workshop_and_a_sequence_number() {
        let id = WorkshopId::random();
        assert_eq!(parse(&format!("{id} 42")), Some((id, 42)));
        assert_eq!(parse("not a payload"), None);
        assert_eq!(parse(&format!("{id} x")), None);
    }
}
