//! Price series files: CSV with the header `timestamp,price_usd_mwh` and, optionally,
//! `intensity_g_kwh`; ISO 8601 times with an offset or `Z`, one row a step of 5, 15, 30 or 60
//! minutes. Anything else — a gap, a repeated or earlier time, a changing step, a value that is
//! not a number — is refused with the file, line, column and field.

use crate::file_error::FileError;
use crate::file_io;
use crate::model::date::Date;
use crate::model::dispatch::{PriceSeries, STEP_MINUTES_ALLOWED};
use crate::model::limits::{self, Limit, fmt_value};
use crate::problem::Problem;
use std::path::Path;

/// A 5-minute year is about 4 MB; this leaves room for long lines and two years.
pub const MAX_SERIES_BYTES: u64 = 64 * 1024 * 1024;
/// Two leap years of 5-minute steps.
pub const MAX_STEPS: usize = 2 * 366 * 288;

pub const TIMESTAMP: &str = "timestamp";
pub const PRICE: &str = "price_usd_mwh";
pub const INTENSITY: &str = "intensity_g_kwh";

/// Reads and checks a price series file.
pub fn read_price_series(path: &Path) -> Result<PriceSeries, FileError> {
    let text = file_io::read_text_capped(path, MAX_SERIES_BYTES)?;
    parse_price_series(&path.display().to_string(), &text)
}

/// Parses a price series; `path` names the file in errors.
pub fn parse_price_series(path: &str, text: &str) -> Result<PriceSeries, FileError> {
    let error = |line: usize, col: usize, field: Option<&str>, problem: Problem| FileError {
        path: path.to_string(),
        position: Some((line, col)),
        field: field.map(str::to_string),
        problem: Box::new(problem),
    };
    let mut lines = text
        .split('\n')
        .enumerate()
        .map(|(i, l)| (i + 1, l.strip_suffix('\r').unwrap_or(l)))
        .filter(|(_, l)| !l.trim().is_empty());
    let Some((header_line, header)) = lines.next() else {
        return Err(FileError::new(path, Problem::Empty));
    };
    let with_intensity =
        header_has_intensity(header).map_err(|p| error(header_line, 1, None, p))?;
    let columns = if with_intensity { 3 } else { 2 };

    let mut prices = Vec::new();
    let mut intensities = Vec::new();
    let mut times = TimeSteps::default();
    for (line, text) in lines {
        let mut fields = Vec::with_capacity(columns);
        let mut col = 1;
        for field in text.split(',') {
            fields.push((col, field));
            col += field.chars().count() + 1;
        }
        if fields.len() != columns {
            return Err(error(
                line,
                1,
                None,
                Problem::FieldCount {
                    expected: columns,
                    found: fields.len(),
                },
            ));
        }
        if prices.len() == MAX_STEPS {
            return Err(error(
                line,
                1,
                None,
                Problem::TooManyRows { max: MAX_STEPS },
            ));
        }
        let (time_col, time_text) = fields[0];
        timestamp_field(time_text)
            .and_then(|(time, offset)| times.push(time, offset, line))
            .map_err(|p| error(line, time_col, Some(TIMESTAMP), p))?;

        let (price_col, price_text) = fields[1];
        prices.push(
            number(price_text, limits::PRICE_USD_PER_MWH)
                .map_err(|p| error(line, price_col, Some(PRICE), p))?,
        );
        if with_intensity {
            let (col, text) = fields[2];
            intensities.push(
                number(text, limits::INTENSITY_G_PER_KWH)
                    .map_err(|p| error(line, col, Some(INTENSITY), p))?,
            );
        }
    }
    let (Some((start_unix_s, offset)), Some(step)) = (times.start, times.step_s) else {
        return Err(FileError::new(path, Problem::TooFewRows));
    };
    Ok(PriceSeries {
        start_unix_s,
        utc_offset_minutes: offset,
        step_minutes: (step / 60) as u32,
        price_usd_per_mwh: prices,
        intensity_g_per_kwh: with_intensity.then_some(intensities),
    })
}

/// Whether a series' header names the intensity column after the time and the price; a
/// header that is neither form is refused.
fn header_has_intensity(header: &str) -> Result<bool, Problem> {
    let names: Vec<String> = header
        .split(',')
        .map(|n| unquote(n).to_ascii_lowercase())
        .collect();
    match names.iter().map(String::as_str).collect::<Vec<_>>()[..] {
        [TIMESTAMP, PRICE] => Ok(false),
        [TIMESTAMP, PRICE, INTENSITY] => Ok(true),
        _ => Err(Problem::SeriesHeader {
            found: header.trim().to_string(),
        }),
    }
}

/// A row's time: seconds since 1970-01-01 UTC and its offset from UTC, minutes.
fn timestamp_field(text: &str) -> Result<(i64, i32), Problem> {
    parse_timestamp(unquote(text)).ok_or_else(|| {
        let value = unquote(text).to_string();
        // A valid ISO 8601 time that falls between two seconds is refused for that reason.
        if has_fraction_of_a_second(&value) {
            Problem::FractionOfASecond { value }
        } else {
            Problem::BadTimestamp { value }
        }
    })
}

/// The times of a series' rows so far: the first, with its offset; the last, with its line;
/// and the step the first two set, seconds.
#[derive(Default)]
struct TimeSteps {
    start: Option<(i64, i32)>,
    previous: Option<(i64, usize)>,
    step_s: Option<i64>,
}

impl TimeSteps {
    /// Takes the time on `line`, refused unless it is one allowed step after the last (the
    /// second sets the step).
    fn push(&mut self, time: i64, offset: i32, line: usize) -> Result<(), Problem> {
        if let Some((before, before_line)) = self.previous {
            let delta = time - before;
            let minutes = || fmt_value(delta as f64 / 60.0);
            if delta < 0 {
                return Err(Problem::TimeBefore { line: before_line });
            }
            if delta == 0 {
                return Err(Problem::TimeRepeated { line: before_line });
            }
            match self.step_s {
                None => {
                    if delta % 60 != 0
                        || !STEP_MINUTES_ALLOWED.contains(&((delta / 60).min(1 << 20) as u32))
                    {
                        return Err(Problem::StepNotAllowed { minutes: minutes() });
                    }
                    self.step_s = Some(delta);
                }
                Some(step) if delta == step => {}
                Some(step) => {
                    let step = (step / 60) as u32;
                    return Err(if delta % (i64::from(step) * 60) == 0 {
                        Problem::TimeGap {
                            minutes: minutes(),
                            line: before_line,
                            step,
                        }
                    } else {
                        Problem::StepChanges {
                            minutes: minutes(),
                            line: before_line,
                            step,
                        }
                    });
                }
            }
        } else {
            self.start = Some((time, offset));
        }
        self.previous = Some((time, line));
        Ok(())
    }
}

/// A field without its surrounding spaces and double quotes.
fn unquote(field: &str) -> &str {
    let field = field.trim();
    field
        .strip_prefix('"')
        .and_then(|f| f.strip_suffix('"'))
        .unwrap_or(field)
        .trim()
}

/// A finite number within `limit`.
fn number(text: &str, limit: Limit) -> Result<f64, Problem> {
    let text = unquote(text);
    let value: f64 = text
        .parse()
        .ok()
        .filter(|v: &f64| v.is_finite())
        .ok_or_else(|| Problem::NotANumber {
            value: text.to_string(),
        })?;
    Ok(limit.check(value)?)
}

/// `YYYY-MM-DDTHH:MM[:SS[.000]]` followed by `Z` or an offset `±HH:MM` (or `±HHMM`, `±HH`);
/// a space may stand for the `T`. Returns seconds since 1970-01-01 UTC and the offset in
/// minutes. A time without an offset is refused: it could be any of 26 hours.
pub fn parse_timestamp(text: &str) -> Option<(i64, i32)> {
    let (date, rest) = (text.get(..10)?, text.get(10..)?);
    let date = Date::parse(date)?;
    let rest = rest.strip_prefix(['T', 't', ' '])?;
    let offset_at = rest.find(['Z', 'z', '+', '-'])?;
    let (clock, zone) = rest.split_at(offset_at);
    let two = |s: &str| -> Option<i64> {
        (s.len() == 2 && s.bytes().all(|b| b.is_ascii_digit()))
            .then(|| s.parse().ok())
            .flatten()
    };
    let mut parts = clock.split(':');
    let hour = two(parts.next()?)?;
    let minute = two(parts.next()?)?;
    let second = match parts.next() {
        None => 0,
        Some(s) => {
            let (whole, fraction) = s.split_once('.').unwrap_or((s, ""));
            if !fraction.bytes().all(|b| b == b'0') {
                return None;
            }
            two(whole)?
        }
    };
    if parts.next().is_some() || hour > 23 || minute > 59 || second > 59 {
        return None;
    }
    let offset_minutes = match zone {
        "Z" | "z" => 0,
        _ => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let digits = zone[1..].replace(':', "");
            let (h, m) = match digits.len() {
                2 => (two(&digits)?, 0),
                4 => (two(&digits[..2])?, two(&digits[2..])?),
                _ => return None,
            };
            if h > 14 || m > 59 {
                return None;
            }
            sign * (h * 60 + m) as i32
        }
    };
    let local = date.days_since_epoch() * 86_400 + hour * 3600 + minute * 60 + second;
    Some((local - i64::from(offset_minutes) * 60, offset_minutes))
}

/// Whether `text` would be a time [`parse_timestamp`] reads but for a fraction of a second
/// that is not zero (`…:00.5Z`).
fn has_fraction_of_a_second(text: &str) -> bool {
    let Some(dot) = text.get(10..).and_then(|rest| rest.find('.')) else {
        return false;
    };
    let dot = dot + 10;
    let digits = text[dot + 1..]
        .bytes()
        .take_while(u8::is_ascii_digit)
        .count();
    let whole = format!("{}{}", &text[..dot], &text[dot + 1 + digits..]);
    digits > 0 && parse_timestamp(&whole).is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<PriceSeries, String> {
        parse_price_series("prices.csv", text).map_err(|e| e.to_string())
    }

    #[test]
    fn timestamps_with_an_offset_or_z() {
        let utc = parse_timestamp("2024-07-01T19:00:00Z").unwrap();
        assert_eq!(
            parse_timestamp("2024-07-01T14:00:00-05:00").unwrap().0,
            utc.0
        );
        assert_eq!(
            parse_timestamp("2024-07-01T14:00:00-05:00").unwrap().1,
            -300
        );
        assert_eq!(parse_timestamp("2024-07-01 21:00+0200").unwrap().0, utc.0);
        assert_eq!(
            parse_timestamp("2024-07-01T20:00:00.000+01").unwrap().0,
            utc.0
        );
        assert_eq!(utc.0, 1_719_860_400);
        for bad in [
            "2024-07-01T19:00:00",
            "2024-07-01",
            "2024-13-01T00:00Z",
            "2024-02-30T00:00Z",
            "2024-07-01T24:00Z",
            "2024-07-01T19:00:00.5Z",
            "2024-07-01T19:00+25:00",
            "1/7/2024 19:00",
            "",
        ] {
            assert_eq!(parse_timestamp(bad), None, "{bad}");
        }
    }

    #[test]
    fn a_time_between_two_seconds_says_so() {
        let text = "timestamp,price_usd_mwh\n2024-07-01T00:00:00.5Z,25\n2024-07-01T01:00:00Z,26\n";
        assert_eq!(
            parse(text).unwrap_err(),
            "prices.csv:2:1: timestamp: \"2024-07-01T00:00:00.5Z\" falls between two seconds; \
             times must be on whole seconds (a fraction of .000 is fine)"
        );
        let bad = "timestamp,price_usd_mwh\n2024-07-01T00:00:00.5,25\n2024-07-01T01:00:00Z,26\n";
        assert!(parse(bad).unwrap_err().contains("is not an ISO 8601 time"));
    }

    #[test]
    fn a_huge_value_is_quoted_cut_short() {
        let huge = "9".repeat(2 << 20);
        let text = format!("timestamp,price_usd_mwh\n2024-07-01T00:00:00Z,{huge}\n");
        let message = parse(&text).unwrap_err();
        assert!(message.len() < 200, "{} bytes", message.len());
        assert!(
            message.contains(&format!("\"{}…\"", "9".repeat(40))),
            "{message}"
        );
    }

    #[test]
    fn a_regular_series_is_read_with_its_intensity() {
        let text = "\u{feff}Timestamp,price_usd_mwh,intensity_g_kwh\r\n\
                    2024-07-01T00:00:00-05:00,25.5,400\r\n\
                    2024-07-01T00:15:00-05:00,\"-3\",380\r\n\
                    2024-07-01T00:30:00-05:00,1e3,0\r\n\n";
        let series = parse_price_series("p.csv", &file_io::normalize_text(text.into())).unwrap();
        assert_eq!(series.step_minutes, 15);
        assert_eq!(series.price_usd_per_mwh, vec![25.5, -3.0, 1000.0]);
        assert_eq!(series.intensity_g_per_kwh, Some(vec![400.0, 380.0, 0.0]));
        assert_eq!(series.timestamp(2), "2024-07-01T00:30:00-05:00");
        assert_eq!(series.hours(), 0.75);
        let series =
            parse("timestamp,price_usd_mwh\n2024-01-01T00:00Z,1\n2024-01-01T01:00Z,2\n").unwrap();
        assert_eq!(series.intensity_g_per_kwh, None);
        assert_eq!(series.step_minutes, 60);
    }

    /// Every kind of bad file names the file, the line (and column) and the field.
    #[test]
    fn every_bad_series_names_file_line_and_field() {
        let head = "timestamp,price_usd_mwh\n";
        let cases = [
            (
                "time,price\n2024-01-01T00:00Z,1\n",
                "prices.csv:1:1: the first line must be the header `timestamp,price_usd_mwh` (optionally `,intensity_g_kwh`); found `time,price`",
            ),
            (
                "timestamp,price_usd_mwh\n2024-01-01T00:00Z,1\n2024-01-01T01:00Z,2\n2024-01-01T02:00Z,2\n2024-01-01T04:00Z,2\n",
                "prices.csv:5:1: timestamp: 120 minutes after line 4 where the step is 60: rows are missing (a gap)",
            ),
            (
                "timestamp,price_usd_mwh\n2024-01-01T00:00Z,1\n2024-01-01T01:00Z,2\n2024-01-01T01:00Z,2\n",
                "prices.csv:4:1: timestamp: the same time as line 3; each time may appear once",
            ),
            (
                "timestamp,price_usd_mwh\n2024-01-01T00:00Z,1\n2024-01-01T01:00Z,2\n2024-01-01T00:30Z,2\n",
                "prices.csv:4:1: timestamp: earlier than line 3; rows must be in time order",
            ),
            (
                "timestamp,price_usd_mwh\n2024-01-01T00:00Z,1\n2024-01-01T01:00Z,2\n2024-01-01T01:15Z,2\n",
                "prices.csv:4:1: timestamp: 15 minutes after line 3 where the step is 60: the step must not change",
            ),
            (
                "timestamp,price_usd_mwh\n2024-01-01T00:00Z,1\n2024-01-01T00:10Z,2\n",
                "prices.csv:3:1: timestamp: a step of 10 minutes; it must be 5, 15, 30 or 60 minutes",
            ),
            (
                "timestamp,price_usd_mwh\n2024-01-01T00:00Z,1\n2024-01-01T01:00Z,abc\n",
                "prices.csv:3:19: price_usd_mwh: \"abc\" is not a number",
            ),
            (
                "timestamp,price_usd_mwh\n2024-01-01T00:00Z,NaN\n",
                "prices.csv:2:19: price_usd_mwh: \"NaN\" is not a number",
            ),
            (
                "timestamp,price_usd_mwh,intensity_g_kwh\n2024-01-01T00:00Z,1,-5\n",
                "prices.csv:2:21: intensity_g_kwh: -5 is not allowed; must be a number from 0 to 10000 g/kWh",
            ),
            (
                "timestamp,price_usd_mwh\n2024-01-01 00:00,1\n",
                "prices.csv:2:1: timestamp: \"2024-01-01 00:00\" is not an ISO 8601 time with an offset or Z, e.g. 2024-07-01T14:00:00-05:00 or 2024-07-01T19:00:00Z",
            ),
            (
                "timestamp,price_usd_mwh\n2024-01-01T00:00Z,1,2\n",
                "prices.csv:2:1: 3 fields where the header has 2",
            ),
            (
                "timestamp,price_usd_mwh\n2024-01-01T00:00Z,1\n",
                "prices.csv: a price series needs at least two rows (the step is the time between them)",
            ),
            ("\n\n", "prices.csv: the file is empty"),
        ];
        for (text, expected) in cases {
            assert_eq!(parse(text).unwrap_err(), expected, "{text}");
        }
        assert!(parse(&format!("{head}2024-01-01T00:00Z,1\n2024-01-01T00:05Z,1\n")).is_ok());
    }

    #[test]
    fn a_change_of_clock_keeps_the_series_regular() {
        // US Central daylight time ends 2024-11-03 at 02:00 CDT (07:00 UTC).
        let text = "timestamp,price_usd_mwh\n\
                    2024-11-03T01:00:00-05:00,1\n\
                    2024-11-03T01:00:00-06:00,2\n\
                    2024-11-03T02:00:00-06:00,3\n";
        let series = parse(text).unwrap();
        assert_eq!(series.len(), 3);
        assert_eq!(series.step_minutes, 60);
    }
}
