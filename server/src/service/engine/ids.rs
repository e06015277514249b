//! The clustering engine's ids read back as the store's. The engine keys notes, themes and
//! needs by text (the `klustra cluster` command clusters any `{id,text}` file), and the
//! service hands it only ids it made from Uuids, so every id it returns parses. One that
//! does not is a bug between the two: it is logged with its place and counted, never
//! dropped in silence.

use std::sync::atomic::{AtomicU64, Ordering};

use uuid::Uuid;

/// Ids the engine returned that were no Uuid, since the server started (each log line says
/// the count so far).
static UNREADABLE: AtomicU64 = AtomicU64::new(0);

/// `id` as the id type the caller wants (a note's, a theme's, ...); `None`, logged and
/// counted, when it is no Uuid. `what` names it in the log ("a theme's note").
pub(crate) fn read<Id: From<Uuid>>(id: &str, what: &str) -> Option<Id> {
    match Uuid::parse_str(id) {
        Ok(id) => Some(id.into()),
        Err(err) => {
            let so_far = UNREADABLE.fetch_add(1, Ordering::Relaxed) + 1;
            tracing::error!(id, what, %err, so_far, "the clustering engine returned an id that is no Uuid; left out");
            None
        }
    }
}

/// Each of `ids` as the id type the caller wants, those that are no Uuid left out as
/// [`read`] says.
pub(crate) fn read_all<Id: From<Uuid>>(ids: &[String], what: &str) -> Vec<Id> {
    ids.iter().filter_map(|id| read(id, what)).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_id_that_is_no_uuid_is_counted_and_the_rest_are_kept() {
        let kept = Uuid::new_v4();
        let before = UNREADABLE.load(Ordering::Relaxed);
        let read: Vec<Uuid> = read_all(&[kept.to_string(), "n17".into()], "a test's note");
        assert_eq!(read, vec![kept]);
        assert!(UNREADABLE.load(Ordering::Relaxed) > before, "counted");
    }
}
