//! Calendar dates and wall-clock instants in China Standard Time, without a date crate.
//!
//! Hand-written (days-from-civil arithmetic): the forms need only whole dates, minutes and one
//! UTC offset, which a general date crate would serve at several times the wasm size.

use std::fmt;

/// A proleptic Gregorian calendar date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Date {
    /// Year, 1900..=2999 for input dates.
    pub year: i32,
    /// Month 1..=12.
    pub month: u32,
    /// Day 1..=31.
    pub day: u32,
}

impl Date {
    /// A real calendar date, or `None` (`2021-02-30`).
    pub fn new(year: i32, month: u32, day: u32) -> Option<Date> {
        if !(1..=12).contains(&month) || day == 0 || day > days_in_month(year, month) {
            return None;
        }
        Some(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (if m > 2 { m - 3 } else { m + 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

    /// The date `days` after 1970-01-01.
    pub fn from_days_since_epoch(days: i64) -> Date {
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
        let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
        let year = (yoe + era * 400 + i64::from(month <= 2)) as i32;
        Date { year, month, day }
    }

    /// Appends `YYYY-MM-DD` without the formatting machinery (messages name dates row after row).
    pub fn push_iso(&self, out: &mut String) {
        let two = |out: &mut String, n: u32| {
            out.push(char::from(b'0' + (n / 10 % 10) as u8));
            out.push(char::from(b'0' + (n % 10) as u8));
        };
        match u32::try_from(self.year) {
            Ok(year) if year <= 9999 => {
                two(out, year / 100);
                two(out, year % 100);
                out.push('-');
                two(out, self.month);
                out.push('-');
                two(out, self.day);
            }
            _ => {
                use fmt::Write;
                let _ = write!(out, "{self}");
            }
        }
    }
}

impl fmt::Display for Date {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// Days in `month` (1..=12) of `year`.
pub fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// A time of day, minute precision (`16:00`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct TimeOfDay {
    /// Minutes after midnight, 0..1440.
    pub minutes: u32,
}

impl TimeOfDay {
    /// Parses `H:MM` or `HH:MM` (24-hour).
    pub fn parse(text: &str) -> Option<TimeOfDay> {
        let (h, m) = text.trim().split_once(':')?;
        if h.is_empty() || h.len() > 2 || m.len() != 2 {
            return None;
        }
        let h: u32 = digits(h)?;
        let m: u32 = digits(m)?;
        (h < 24 && m < 60).then_some(TimeOfDay { minutes: h * 60 + m })
    }
}

impl fmt::Display for TimeOfDay {
    fn fmt(&self, f: &mut fmt::Formatter) -> fmt::Result {
        write!(f, "{:02}:{:02}", self.minutes / 60, self.minutes % 60)
    }
}

/// A moment in time: milliseconds since the Unix epoch.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Instant {
    /// Milliseconds since 1970-01-01T00:00:00Z.
    pub unix_ms: i64,
}

/// A moment read on a wall clock at a given UTC offset.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WallClock {
    /// The local date.
    pub date: Date,
    /// Milliseconds after local midnight.
    pub ms_of_day: i64,
}

/// Milliseconds in a day.
pub const DAY_MS: i64 = 86_400_000;
/// China Standard Time's offset from UTC, where every seed's dates and deadlines fall.
pub const CHINA_MS: i64 = 8 * 3_600_000;

/// The Unix ms at which China day `day` (days since 1970-01-01) starts; open ends stay open.
pub fn china_midnight(day: i64) -> i64 {
    match day {
        i64::MIN | i64::MAX => day,
        d => d.saturating_mul(DAY_MS).saturating_sub(CHINA_MS),
    }
}

/// The China day (days since 1970-01-01) holding Unix ms `ms`; open ends stay open.
pub fn china_day(ms: i64) -> i64 {
    match ms {
        i64::MIN | i64::MAX => ms,
        ms => ms.saturating_add(CHINA_MS).div_euclid(DAY_MS),
    }
}

impl Instant {
    /// The local date and time at `offset_minutes` east of UTC.
    pub fn wall_clock(self, offset_minutes: i32) -> WallClock {
        let local = self.unix_ms.saturating_add(i64::from(offset_minutes) * 60_000);
        let days = local.div_euclid(86_400_000);
        WallClock { date: Date::from_days_since_epoch(days), ms_of_day: local.rem_euclid(86_400_000) }
    }

    /// Parses ISO 8601 with an offset: `2021-06-22T15:40:00+08:00`, `…Z`, seconds and fractions optional.
    pub fn parse_iso(text: &str) -> Option<Instant> {
        let text = text.trim();
        let (date, rest) = text.split_once(['T', 't', ' '])?;
        let mut parts = date.split('-');
        let (y, mo, d) = (parts.next()?, parts.next()?, parts.next()?);
        if parts.next().is_some() || y.len() != 4 || mo.len() != 2 || d.len() != 2 {
            return None;
        }
        let date = Date::new(digits(y)?, digits(mo)?, digits(d)?)?;
        let (time, offset_minutes) = split_offset(rest)?;
        let mut hms = time.split(':');
        let h: i64 = digits(two(hms.next()?)?)?;
        let m: i64 = digits(two(hms.next()?)?)?;
        let (s, ms) = match hms.next() {
            None => (0, 0),
            Some(sec) => {
                let (whole, frac) = sec.split_once('.').unwrap_or((sec, ""));
                let s: i64 = digits(two(whole)?)?;
                let frac3: String = frac.chars().chain("000".chars()).take(3).collect();
                if !frac.is_empty() && !frac.bytes().all(|b| b.is_ascii_digit()) {
                    return None;
                }
                (s, digits::<i64>(&frac3)?)
            }
        };
        if hms.next().is_some() || h > 23 || m > 59 || s > 60 {
            return None;
        }
        let ms_of_day = ((h * 60 + m) * 60 + s) * 1000 + ms;
        let unix_ms = date.days_since_epoch() * 86_400_000 + ms_of_day - i64::from(offset_minutes) * 60_000;
        Some(Instant { unix_ms })
    }
}

fn two(s: &str) -> Option<&str> {
    (s.len() == 2).then_some(s)
}

fn split_offset(rest: &str) -> Option<(&str, i32)> {
    if let Some(time) = rest.strip_suffix(['Z', 'z']) {
        return Some((time, 0));
    }
    let at = rest.rfind(['+', '-'])?;
    let (time, offset) = rest.split_at_checked(at)?;
    let sign = if offset.starts_with('-') { -1 } else { 1 };
    let offset = offset.get(1..)?;
    let (h, m) = offset.split_once(':').unwrap_or((offset.get(..2)?, offset.get(2..)?));
    let (h, m): (i32, i32) = (digits(two(h)?)?, digits(two(m)?)?);
    (h <= 14 && m < 60).then_some((time, sign * (h * 60 + m)))
}

/// Parses a non-empty run of ASCII digits.
fn digits<T: std::str::FromStr>(s: &str) -> Option<T> {
    if s.is_empty() || !s.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    s.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn push_iso_writes_what_display_writes() {
        for days in (-800_000..800_000).step_by(997) {
            let date = Date::from_days_since_epoch(days);
            let mut out = String::from("at ");
            date.push_iso(&mut out);
            assert_eq!(out, format!("at {date}"));
        }
        // Past four digits (never an input date) it falls back to the formatter.
        let far = Date { year: 12_345, month: 1, day: 2 };
        let mut out = String::new();
        far.push_iso(&mut out);
        assert_eq!(out, "12345-01-02");
    }

    #[test]
    fn days_round_trip_across_centuries() {
        for days in (-800_000..800_000).step_by(997) {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(Date::new(1970, 1, 1).map(Date::days_since_epoch), Some(0));
    }

    #[test]
    fn calendar_dates_only() {
        assert!(Date::new(2021, 2, 29).is_none());
        assert!(Date::new(2020, 2, 29).is_some());
        assert!(Date::new(2000, 2, 29).is_some());
        assert!(Date::new(1900, 2, 29).is_none());
        assert!(Date::new(2021, 4, 31).is_none());
        assert!(Date::new(2021, 13, 1).is_none());
    }

    #[test]
    fn iso_instants_with_offsets() {
        let a = Instant::parse_iso("2021-06-22T15:40:00+08:00");
        let b = Instant::parse_iso("2021-06-22T07:40:00Z");
        let c = Instant::parse_iso("2021-06-22T07:40Z");
        let d = Instant::parse_iso("2021-06-22T15:40:00.000+0800");
        assert!(a.is_some());
        assert_eq!(a, b);
        assert_eq!(a, c);
        assert_eq!(a, d);
        let wall = a.map(|i| i.wall_clock(480));
        assert_eq!(wall.map(|w| w.date), Date::new(2021, 6, 22));
        assert_eq!(wall.map(|w| w.ms_of_day), Some((15 * 60 + 40) * 60_000));
    }

    #[test]
    fn malformed_instants_are_rejected() {
        for bad in ["", "2021-06-22", "2021-06-22T25:00:00+08:00", "2021-02-30T10:00:00Z", "2021-06-22T10:00:00", "x"] {
            assert_eq!(Instant::parse_iso(bad), None, "{bad}");
        }
    }

    #[test]
    fn times_of_day() {
        assert_eq!(TimeOfDay::parse("16:00").map(|t| t.minutes), Some(960));
        assert_eq!(TimeOfDay::parse("9:05").map(|t| t.minutes), Some(545));
        assert_eq!(TimeOfDay::parse("24:00"), None);
        assert_eq!(TimeOfDay::parse("16:0"), None);
    }
}
