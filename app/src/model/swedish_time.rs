//! Times as people in Sweden read them. Klustra keeps instants ([`Timestamp`], UTC) and
//! calendar dates ([`Date`]); this module shows an instant on a Swedish wall clock with its
//! zone named, `CET` or `CEST` in summer.
//!
//! The zone's rules are compiled in from the IANA database (`jiff::tz::get!`), so neither
//! the server nor the browser needs a zone database at run time, and only this one zone is
//! embedded.

use jiff::Timestamp;
use jiff::civil::{Date, DateTime};
use jiff::tz::{Offset, TimeZone};

/// Sweden's time zone, `Europe/Stockholm`.
static SWEDEN: TimeZone = jiff::tz::get!("Europe/Stockholm");

/// An instant on a Swedish wall clock.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SwedishTime {
    /// The instant itself.
    at: Timestamp,
    /// Sweden's offset from UTC at that instant (+01:00, or +02:00 in summer).
    offset: Offset,
}

impl SwedishTime {
    /// The instant `at` as shown in Sweden.
    pub fn of(at: Timestamp) -> Self {
        SwedishTime { at, offset: SWEDEN.to_offset(at) }
    }

    /// The wall-clock date and time.
    pub fn local(self) -> DateTime {
        self.offset.to_datetime(self.at)
    }

    /// The calendar date in Sweden.
    pub fn date(self) -> Date {
        self.local().date()
    }

    /// The zone's abbreviation: `CET`, or `CEST` in summer.
    pub fn zone(self) -> String {
        SWEDEN.to_offset_info(self.at).abbreviation().to_string()
    }

    /// RFC 3339 with Sweden's offset, for machine-readable columns that people read too:
    /// `2026-11-28T03:41:23+01:00`.
    pub fn rfc3339(self) -> String {
        format!("{:.0}", self.at.display_with_offset(self.offset))
    }

    /// The time as Excel stores it: days since 1899-12-30 and the fraction of the day, on
    /// the Swedish clock (Excel's cells have no zone).
    pub fn excel_serial(self) -> f64 {
        const EXCEL_EPOCH_TO_UNIX_DAYS: f64 = 25_569.0;
        let local_seconds = self.at.as_second() + i64::from(self.offset.seconds());
        EXCEL_EPOCH_TO_UNIX_DAYS + local_seconds as f64 / 86_400.0
    }
}

/// `2026-11-28 03:41 CET`, the way Swedish readers write a date and time, the zone named.
impl std::fmt::Display for SwedishTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let local = self.local();
        write!(
            f,
            "{} {:02}:{:02} {}",
            local.date(),
            local.hour(),
            local.minute(),
            SWEDEN.to_offset_info(self.at).abbreviation()
        )
    }
}

/// An instant as shown to people: `2026-11-23 11:05 CET` (`CEST` in summer).
pub fn display_time(at: Timestamp) -> String {
    SwedishTime::of(at).to_string()
}

/// Today's date in Sweden.
#[cfg(feature = "ssr")]
pub fn today() -> Date {
    SwedishTime::of(Timestamp::now()).date()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(utc: &str) -> Timestamp {
        utc.parse().expect("an RFC 3339 instant")
    }

    fn shown(utc: &str) -> String {
        display_time(at(utc))
    }

    #[test]
    fn winter_is_one_hour_ahead_and_summer_two() {
        assert_eq!(shown("2026-11-28T02:41:23.385Z"), "2026-11-28 03:41 CET");
        assert_eq!(shown("2026-07-01T10:00:00.000Z"), "2026-07-01 12:00 CEST");
        assert_eq!(shown("2026-12-31T23:30:00.000Z"), "2027-01-01 00:30 CET");
        assert_eq!(SwedishTime::of(at("2026-12-31T23:30:00Z")).date(), Date::constant(2027, 1, 1));
    }

    #[test]
    fn summer_time_starts_on_the_last_sunday_of_march_at_one_utc() {
        // 29 March 2026: 02:00 CET becomes 03:00 CEST.
        assert_eq!(shown("2026-03-29T00:59:00Z"), "2026-03-29 01:59 CET");
        assert_eq!(shown("2026-03-29T01:00:00Z"), "2026-03-29 03:00 CEST");
        // 28 March 2027 is the next year's last Sunday.
        assert_eq!(shown("2027-03-28T00:59:59Z"), "2027-03-28 01:59 CET");
        assert_eq!(shown("2027-03-28T01:00:00Z"), "2027-03-28 03:00 CEST");
    }

    #[test]
    fn summer_time_ends_on_the_last_sunday_of_october_at_one_utc() {
        // 25 October 2026: 03:00 CEST becomes 02:00 CET, so 02:xx happens twice, the zone
        // telling the two apart.
        assert_eq!(shown("2026-10-25T00:30:00Z"), "2026-10-25 02:30 CEST");
        assert_eq!(shown("2026-10-25T00:59:00Z"), "2026-10-25 02:59 CEST");
        assert_eq!(shown("2026-10-25T01:00:00Z"), "2026-10-25 02:00 CET");
        assert_eq!(shown("2026-10-25T01:30:00Z"), "2026-10-25 02:30 CET");
    }

    #[test]
    fn machine_readable_times_carry_the_swedish_offset() {
        assert_eq!(SwedishTime::of(at("2026-11-28T02:41:23.385Z")).rfc3339(), "2026-11-28T03:41:23+01:00");
        assert_eq!(SwedishTime::of(at("2026-07-01T10:00:00Z")).rfc3339(), "2026-07-01T12:00:00+02:00");
    }

    #[test]
    fn excel_counts_days_from_1899_12_30_on_the_swedish_clock() {
        let noon = SwedishTime::of(at("2026-01-01T11:00:00Z")).excel_serial();
        assert!((noon - 46_023.5).abs() < 1e-9, "{noon}");
        let summer_noon = SwedishTime::of(at("2026-07-01T10:00:00Z")).excel_serial();
        assert!((summer_noon - 46_204.5).abs() < 1e-9, "{summer_noon}");
    }
}
