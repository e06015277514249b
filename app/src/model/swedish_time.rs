//! Stored times (RFC 3339 UTC) as the wall-clock time in Sweden, for reports read by people:
//! Central European Time, with summer time from the last Sunday of March to the last Sunday
//! of October (01:00 UTC both), as the EU has kept it since 1996.

/// A time on a Swedish wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SwedishTime {
    /// Days since 1970-01-01 of the local date.
    days: i64,
    /// Seconds since local midnight.
    seconds: i64,
    /// Summer time (CEST) rather than standard time (CET).
    summer: bool,
}

impl SwedishTime {
    /// Reads a stored time such as `2026-11-28T02:41:23.385Z`; `None` if it is not one.
    pub fn from_stored(utc: &str) -> Option<Self> {
        let number = |range: std::ops::Range<usize>| utc.get(range)?.parse::<i64>().ok();
        let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
        let (hour, minute, second) = (number(11..13)?, number(14..16)?, number(17..19)?);
        let valid =
            (1..=12).contains(&month) && (1..=31).contains(&day) && hour < 24 && minute < 60 && second < 61;
        if !valid || utc.get(4..5) != Some("-") || utc.get(10..11) != Some("T") {
            return None;
        }
        let instant = days_from_civil(year, month, day) * 86_400 + hour * 3600 + minute * 60 + second;
        let offset = offset_hours(instant, year);
        let local = instant + offset * 3600;
        Some(SwedishTime {
            days: local.div_euclid(86_400),
            seconds: local.rem_euclid(86_400),
            summer: offset == 2,
        })
    }

    /// The zone's abbreviation: `CET`, or `CEST` in summer.
    pub fn zone(self) -> &'static str {
        if self.summer { "CEST" } else { "CET" }
    }

    /// The time as Excel stores it: days since 1899-12-30 and the fraction of the day.
    pub fn excel_serial(self) -> f64 {
        (self.days + 25_569) as f64 + self.seconds as f64 / 86_400.0
    }
}

/// `2026-11-28 03:41`, the way Swedish readers write a date and time.
impl std::fmt::Display for SwedishTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (year, month, day) = civil_from_days(self.days);
        write!(f, "{year:04}-{month:02}-{day:02} {:02}:{:02}", self.seconds / 3600, self.seconds % 3600 / 60)
    }
}

/// Hours ahead of UTC in Sweden at `instant` (seconds since 1970, UTC, in `year`).
fn offset_hours(instant: i64, year: i64) -> i64 {
    let summer_starts = last_sunday(year, 3) * 86_400 + 3600;
    let summer_ends = last_sunday(year, 10) * 86_400 + 3600;
    if (summer_starts..summer_ends).contains(&instant) { 2 } else { 1 }
}

/// Days since 1970-01-01 of the last Sunday of `month` (which has 31 days) in `year`.
fn last_sunday(year: i64, month: i64) -> i64 {
    let last = days_from_civil(year, month, 31);
    // 1970-01-01 was a Thursday: weekday 4 with Sunday as 0.
    last - (last + 4).rem_euclid(7)
}

/// Days since 1970-01-01 of a date; Howard Hinnant's algorithm.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let yoe = year.rem_euclid(400);
    let doy = (153 * (if month > 2 { month - 3 } else { month + 9 }) + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// Days since 1970-01-01 to a (year, month, day) date; Howard Hinnant's algorithm, the
/// inverse of [`days_from_civil`].
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::SwedishTime;

    fn shown(utc: &str) -> String {
        SwedishTime::from_stored(utc).expect("a stored time").to_string()
    }

    #[test]
    fn winter_is_one_hour_ahead_and_summer_two() {
        assert_eq!(shown("2026-11-28T02:41:23.385Z"), "2026-11-28 03:41");
        assert_eq!(shown("2026-07-01T10:00:00.000Z"), "2026-07-01 12:00");
        assert_eq!(shown("2026-12-31T23:30:00.000Z"), "2027-01-01 00:30");
        let zone = |utc| SwedishTime::from_stored(utc).unwrap().zone();
        assert_eq!((zone("2026-11-28T02:41:23.385Z"), zone("2026-07-01T10:00:00.000Z")), ("CET", "CEST"));
    }

    #[test]
    fn the_clocks_change_on_the_last_sundays_of_march_and_october_at_one_utc() {
        // 2026: summer time from 29 March 01:00 UTC to 25 October 01:00 UTC.
        assert_eq!(shown("2026-03-29T00:59:00.000Z"), "2026-03-29 01:59");
        assert_eq!(shown("2026-03-29T01:00:00.000Z"), "2026-03-29 03:00");
        assert_eq!(shown("2026-10-25T00:59:00.000Z"), "2026-10-25 02:59");
        assert_eq!(shown("2026-10-25T01:00:00.000Z"), "2026-10-25 02:00");
    }

    #[test]
    fn excel_counts_days_from_1899_12_30() {
        let noon = SwedishTime::from_stored("2026-01-01T11:00:00.000Z").unwrap();
        assert!((noon.excel_serial() - 46_023.5).abs() < 1e-9, "{}", noon.excel_serial());
    }

    #[test]
    fn anything_else_is_not_a_time() {
        for text in ["", "yesterday", "2026-13-01T00:00:00Z", "2026/01/01 00:00:00"] {
            assert_eq!(SwedishTime::from_stored(text), None, "{text}");
        }
    }
}
