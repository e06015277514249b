//! Times at the database edge. Both engines keep an instant as RFC 3339 UTC text with
//! milliseconds (`2026-11-23T12:34:56.789Z`) and a date as `YYYY-MM-DD`: text of one width
//! sorts in time order, which the SQL relies on (`expires_at > $1`, `ORDER BY created_at`).
//! Everything above the store sees [`Timestamp`]s and [`Date`]s.

use jiff::civil::Date;
use jiff::{RoundMode, Timestamp, TimestampRound, Unit};

use super::StoreError;

/// The current time, to the millisecond (what the database keeps, so a time read back
/// equals the one written).
pub fn now() -> Timestamp {
    to_millis(Timestamp::now())
}

/// The time `from_now` ahead of now.
pub fn after(from_now: std::time::Duration) -> Timestamp {
    to_millis(Timestamp::now().saturating_add(from_now).unwrap_or(Timestamp::MAX))
}

/// The current time as stored, e.g. `2026-11-23T12:34:56.789Z`.
pub fn now_rfc3339() -> String {
    stored(now())
}

/// An instant as stored.
pub fn stored(at: Timestamp) -> String {
    format!("{at:.3}")
}

/// Reads an instant stored in `column`.
pub(super) fn timestamp_column(text: &str, column: &'static str) -> Result<Timestamp, StoreError> {
    text.parse().map_err(|_| StoreError::Corrupt(column))
}

/// Reads an optional instant stored in `column`.
pub(super) fn optional_timestamp(
    text: Option<String>,
    column: &'static str,
) -> Result<Option<Timestamp>, StoreError> {
    text.map(|text| timestamp_column(&text, column)).transpose()
}

/// Reads an optional date stored in `column`.
pub(super) fn optional_date(text: Option<String>, column: &'static str) -> Result<Option<Date>, StoreError> {
    text.map(|text| text.parse().map_err(|_| StoreError::Corrupt(column))).transpose()
}

fn to_millis(at: Timestamp) -> Timestamp {
    let truncate = TimestampRound::new().smallest(Unit::Millisecond).mode(RoundMode::Trunc);
    at.round(truncate).unwrap_or(at)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_are_stored_with_milliseconds_in_utc() {
        assert_eq!(stored(Timestamp::UNIX_EPOCH), "1970-01-01T00:00:00.000Z");
        assert_eq!(stored(Timestamp::from_millisecond(951_782_400_005).unwrap()), "2000-02-29T00:00:00.005Z");
        assert_eq!(
            stored(Timestamp::from_millisecond(1_795_437_296_789).unwrap()),
            "2026-11-23T12:34:56.789Z"
        );
    }

    #[test]
    fn what_is_stored_reads_back_equal() {
        let at = now();
        assert_eq!(timestamp_column(&stored(at), "created_at").unwrap(), at);
        assert!(matches!(
            timestamp_column("yesterday", "created_at"),
            Err(StoreError::Corrupt("created_at"))
        ));
        let day = optional_date(Some("2028-02-29".into()), "held_on").unwrap();
        assert_eq!(day, Some(Date::constant(2028, 2, 29)));
    }

    #[test]
    fn later_instants_sort_later_as_text() {
        let earlier = stored(now());
        let later = stored(after(std::time::Duration::from_millis(1)));
        assert!(earlier < later, "{earlier} < {later}");
    }
}
