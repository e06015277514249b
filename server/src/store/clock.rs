//! Timestamps as RFC 3339 UTC strings, made here so every backend stores the same text.

use std::time::{Duration, SystemTime, UNIX_EPOCH};

use app::model::swedish_time::civil_from_days;

/// The current time, e.g. `2026-11-23T12:34:56.789Z`.
pub fn now_rfc3339() -> String {
    rfc3339_in(Duration::ZERO)
}

/// The time `from_now` ahead of now, in the same format.
pub fn rfc3339_in(from_now: Duration) -> String {
    let at = SystemTime::now().duration_since(UNIX_EPOCH).unwrap_or_default() + from_now;
    format_rfc3339(at.as_secs(), at.subsec_millis())
}

fn format_rfc3339(secs: u64, millis: u32) -> String {
    let days = secs / 86_400;
    let rem = secs % 86_400;
    let (year, month, day) = civil_from_days(days as i64);
    format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}.{millis:03}Z",
        rem / 3600,
        rem % 3600 / 60,
        rem % 60
    )
}

#[cfg(test)]
mod tests {
    use super::format_rfc3339;

    #[test]
    fn formats_known_instants() {
        assert_eq!(format_rfc3339(0, 0), "1970-01-01T00:00:00.000Z");
        assert_eq!(format_rfc3339(951_782_400, 5), "2000-02-29T00:00:00.005Z");
        assert_eq!(format_rfc3339(1_795_437_296, 789), "2026-11-23T12:34:56.789Z");
    }
}
