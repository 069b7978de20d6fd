//! Calendar dates for projections (when a future halving falls, month labels): just enough
//! proleptic-Gregorian arithmetic, no time zones.

use crate::i18n::{Lang, fill};

/// A calendar day. In files it is the text `"YYYY-MM-DD"`; reading refuses an impossible day
/// (`2025-02-31`), month 0 or 13, and a year outside [`Date::MIN_YEAR`]..=[`Date::MAX_YEAR`],
/// with the file, line and field.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: i32,
    pub month: u32,
    pub day: u32,
}

impl Date {
    /// The years a date in a file may have: no market snapshot or mining map falls outside,
    /// and projections from them stay within the calendar arithmetic here.
    pub const MIN_YEAR: i32 = 1900;
    pub const MAX_YEAR: i32 = 2200;

    /// Parses `YYYY-MM-DD` (a real day, the year within the allowed range).
    pub fn parse(text: &str) -> Option<Date> {
        Date::parse_checked(text).ok()
    }

    /// Parses `YYYY-MM-DD`, or says why the text is not such a date.
    pub fn parse_checked(text: &str) -> Result<Date, DateError> {
        let not_a_date = || DateError::NotADate {
            text: text.to_string(),
        };
        let parts: Vec<&str> = text.split('-').collect();
        let [year, month, day] = parts[..] else {
            return Err(not_a_date());
        };
        let digits = |part: &str, len: usize| {
            (part.len() == len && part.bytes().all(|b| b.is_ascii_digit()))
                .then(|| part.parse::<u32>().ok())
                .flatten()
        };
        let (Some(year), Some(month), Some(day)) =
            (digits(year, 4), digits(month, 2), digits(day, 2))
        else {
            return Err(not_a_date());
        };
        // Four digits: it fits.
        let year = year as i32;
        if !(Date::MIN_YEAR..=Date::MAX_YEAR).contains(&year) {
            return Err(DateError::Year {
                text: text.to_string(),
            });
        }
        if !(1..=12).contains(&month) {
            return Err(DateError::Month {
                text: text.to_string(),
            });
        }
        let days = days_in_month(year, month);
        if day == 0 || day > days {
            return Err(DateError::Day {
                text: text.to_string(),
                year,
                month,
                days,
            });
        }
        Ok(Date { year, month, day })
    }

    /// Days since 1970-01-01 (negative before).
    pub fn days_since_epoch(self) -> i64 {
        // Howard Hinnant's days_from_civil.
        let y = i64::from(self.year) - i64::from(self.month <= 2);
        let era = y.div_euclid(400);
        let yoe = y - era * 400;
        let m = i64::from(self.month);
        let doy = (153 * (m + if m > 2 { -3 } else { 9 }) + 2) / 5 + i64::from(self.day) - 1;
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
        era * 146_097 + doe - 719_468
    }

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

    /// The date `days` later (fractions of a day are dropped).
    pub fn plus_days(self, days: f64) -> Date {
        Date::from_days_since_epoch(self.days_since_epoch() + days.floor() as i64)
    }
}

/// Why a text is not a date a file may hold.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{}", self.localized(Lang::En))]
pub enum DateError {
    NotADate {
        text: String,
    },
    Year {
        text: String,
    },
    Month {
        text: String,
    },
    Day {
        text: String,
        year: i32,
        month: u32,
        days: u32,
    },
}

impl DateError {
    /// The message in `lang`.
    pub fn localized(&self, lang: Lang) -> String {
        let p = &crate::i18n::strings(lang).problems;
        match self {
            DateError::NotADate { text } => fill(p.not_a_date, &[("text", text)]),
            DateError::Year { text } => fill(
                p.date_year,
                &[
                    ("text", text),
                    ("min", &Date::MIN_YEAR.to_string()),
                    ("max", &Date::MAX_YEAR.to_string()),
                ],
            ),
            DateError::Month { text } => fill(p.date_month, &[("text", text)]),
            DateError::Day {
                text,
                year,
                month,
                days,
            } => fill(
                p.date_day,
                &[
                    ("text", text),
                    ("month", &format!("{month:02}")),
                    ("year", &year.to_string()),
                    ("days", &days.to_string()),
                ],
            ),
        }
    }
}

impl std::fmt::Display for Date {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

impl serde::Serialize for Date {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        serializer.collect_str(self)
    }
}

impl<'de> serde::Deserialize<'de> for Date {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
        struct DateText;
        impl serde::de::Visitor<'_> for DateText {
            type Value = Date;
            fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                f.write_str("a date \"YYYY-MM-DD\"")
            }
            fn visit_str<E: serde::de::Error>(self, text: &str) -> Result<Date, E> {
                Date::parse_checked(text).map_err(E::custom)
            }
        }
        deserializer.deserialize_str(DateText)
    }
}

fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn round_trips_and_known_days() {
        let d = Date::parse("2024-04-20").unwrap();
        assert_eq!(d.to_string(), "2024-04-20");
        assert_eq!(Date::parse("1970-01-01").unwrap().days_since_epoch(), 0);
        // The genesis block: 2009-01-03, unix 1231006505 s → day 14247.
        assert_eq!(
            Date::parse("2009-01-03").unwrap().days_since_epoch(),
            1_231_006_505 / 86_400
        );
        for days in [-1000, 0, 59, 60, 11_016, 20_000, 30_000] {
            assert_eq!(Date::from_days_since_epoch(days).days_since_epoch(), days);
        }
        assert_eq!(d.plus_days(365.9).to_string(), "2025-04-20");
    }

    #[test]
    fn halving_dates_from_heights() {
        // Halving 3 (630,000) fell on 2020-05-11; 210,000 blocks at 144 a day later is
        // 1,458 days on, 2024-05-08 — the real halving came 18 days sooner (blocks were faster
        // than ten minutes), which is the error such an estimate carries.
        let d = Date::parse("2020-05-11")
            .unwrap()
            .plus_days(210_000.0 / 144.0);
        assert_eq!(d.to_string(), "2024-05-08");
    }

    #[test]
    fn rejects_bad_dates() {
        for bad in [
            "2025-02-29",
            "2024-13-01",
            "2024-00-10",
            "20240101",
            "2024-01-01-01",
            "",
        ] {
            assert_eq!(Date::parse(bad), None, "{bad}");
        }
        assert!(Date::parse("2024-02-29").is_some());
    }

    #[test]
    fn says_why_a_date_is_refused() {
        let why = |text: &str| Date::parse_checked(text).unwrap_err().to_string();
        assert_eq!(
            why("2025-02-31"),
            "\"2025-02-31\" is not allowed; month 02 of 2025 has 28 days"
        );
        assert_eq!(
            why("2024-04-00"),
            "\"2024-04-00\" is not allowed; month 04 of 2024 has 30 days"
        );
        assert_eq!(
            why("0000-01-01"),
            "\"0000-01-01\" is not allowed; the year must be from 1900 to 2200"
        );
        assert_eq!(
            why("2024-13-01"),
            "\"2024-13-01\" is not allowed; the month must be from 01 to 12"
        );
        for bad in [
            "2024-1-01",
            "+024-01-01",
            "2024-01-1 ",
            "２０２４-01-01",
            "2024/01/01",
        ] {
            assert_eq!(
                why(bad),
                format!("\"{bad}\" is not allowed; must be a date YYYY-MM-DD")
            );
        }
        assert_eq!(
            Date::parse_checked("2200-12-31"),
            Ok(Date {
                year: 2200,
                month: 12,
                day: 31
            })
        );
    }
}
