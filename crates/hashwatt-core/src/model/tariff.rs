//! Time-of-use tariffs: prices by months, weekdays and hours of the day, expanded into an
//! hourly year for the hour-by-hour dispatch.

use super::date::Date;
use super::field_error::{FieldError, check};
use super::limits::{self, Limit};
use super::series::PriceSeries;
use serde::{Deserialize, Serialize};

/// A day of the week.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub enum Weekday {
    Mon,
    Tue,
    Wed,
    Thu,
    Fri,
    Sat,
    Sun,
}

impl Weekday {
    pub const ALL: [Weekday; 7] = [
        Weekday::Mon,
        Weekday::Tue,
        Weekday::Wed,
        Weekday::Thu,
        Weekday::Fri,
        Weekday::Sat,
        Weekday::Sun,
    ];

    /// Monday 0 … Sunday 6.
    pub fn index(self) -> u32 {
        self as u32
    }

    /// The weekday of a day counted from 1970-01-01 (a Thursday).
    pub fn of_day(days_since_epoch: i64) -> Weekday {
        Weekday::ALL[(days_since_epoch + 3).rem_euclid(7) as usize]
    }
}

/// A tariff: periods, each with its price, tried in order; the first that covers an hour
/// prices it, and an hour none covers is at the site's flat price.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Tariff {
    /// The calendar year it is expanded over (its weekdays and length).
    pub year: i32,
    /// The tariff's clock: minutes from UTC (-360 for US Central standard time).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub utc_offset_minutes: i32,
    pub periods: Vec<TariffPeriod>,
}

fn is_zero(v: &i32) -> bool {
    *v == 0
}

/// One period: the months, weekdays and hours it covers (each empty: all), and its price.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TariffPeriod {
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub name: String,
    /// Months 1–12.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub months: Vec<u32>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub weekdays: Vec<Weekday>,
    /// Hour ranges `(from, to)` on the tariff's clock, `from` included and `to` not, 0–24;
    /// `(22, 6)` runs over midnight.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub hours: Vec<(u32, u32)>,
    pub price_usd_mwh: f64,
}

const YEAR: Limit = Limit::whole(1900.0, 2200.0, "");
const MONTH: Limit = Limit::whole(1.0, 12.0, "");
const HOUR: Limit = Limit::whole(0.0, 24.0, "");
/// UTC−12:00 to UTC+14:00.
const UTC_OFFSET_MINUTES: Limit = Limit::whole(-720.0, 840.0, "");

impl TariffPeriod {
    /// Bit masks of the months (bit 1–12), weekdays (bit 0–6) and hours (bit 0–23) covered.
    fn masks(&self) -> (u16, u8, u32) {
        let months = if self.months.is_empty() {
            u16::MAX
        } else {
            self.months.iter().fold(0, |m, &x| m | 1 << x.min(15))
        };
        let weekdays = if self.weekdays.is_empty() {
            u8::MAX
        } else {
            self.weekdays.iter().fold(0, |m, d| m | 1 << d.index())
        };
        let hours = if self.hours.is_empty() {
            u32::MAX
        } else {
            self.hours.iter().fold(0, |m, &(from, to)| {
                let (from, to) = (from % 24, to.min(24));
                let mut mask = m;
                let mut h = from;
                // `(h, h)` would be the whole day or none; validation refuses it.
                while h != to {
                    mask |= 1 << h;
                    h = (h + 1) % 24;
                    if h == from {
                        break;
                    }
                }
                mask
            })
        };
        (months, weekdays, hours)
    }
}

impl Tariff {
    /// Checks every value: `field` is the tariff's path (`dispatch.tariff`).
    pub fn validate(&self, field: &str) -> Result<(), FieldError> {
        check(&format!("{field}.year"), YEAR, f64::from(self.year))?;
        check(
            &format!("{field}.utc_offset_minutes"),
            UTC_OFFSET_MINUTES,
            f64::from(self.utc_offset_minutes),
        )?;
        for (i, p) in self.periods.iter().enumerate() {
            let at = format!("{field}.periods[{i}]");
            for &m in &p.months {
                check(&format!("{at}.months"), MONTH, f64::from(m))?;
            }
            for &(from, to) in &p.hours {
                check(&format!("{at}.hours"), HOUR, f64::from(from))?;
                check(&format!("{at}.hours"), HOUR, f64::from(to))?;
                if from % 24 == to % 24 {
                    // An empty range: say what a range may be.
                    check(
                        &format!("{at}.hours"),
                        Limit::whole(f64::from(from % 24 + 1), 24.0, ""),
                        f64::from(to),
                    )?;
                }
            }
            check(
                &format!("{at}.price_usd_mwh"),
                limits::PRICE_USD_PER_MWH,
                p.price_usd_mwh,
            )?;
        }
        Ok(())
    }

    /// The tariff's year hour by hour; hours no period covers cost `flat_usd_per_mwh`.
    pub fn expand(&self, flat_usd_per_mwh: f64) -> PriceSeries {
        let first = Date {
            year: self.year,
            month: 1,
            day: 1,
        }
        .days_since_epoch();
        let next = Date {
            year: self.year + 1,
            month: 1,
            day: 1,
        }
        .days_since_epoch();
        let masks: Vec<(u16, u8, u32, f64)> = self
            .periods
            .iter()
            .map(|p| {
                let (m, w, h) = p.masks();
                (m, w, h, p.price_usd_mwh)
            })
            .collect();
        let mut prices = Vec::with_capacity(((next - first) * 24) as usize);
        for day in first..next {
            let month = Date::from_days_since_epoch(day).month;
            let weekday = Weekday::of_day(day).index();
            for hour in 0..24 {
                let price = masks
                    .iter()
                    .find(|(m, w, h, _)| {
                        m & (1 << month) != 0 && w & (1 << weekday) != 0 && h & (1 << hour) != 0
                    })
                    .map_or(flat_usd_per_mwh, |&(_, _, _, p)| p);
                prices.push(price);
            }
        }
        PriceSeries {
            start_unix_s: first * 86_400 - i64::from(self.utc_offset_minutes) * 60,
            utc_offset_minutes: self.utc_offset_minutes,
            step_minutes: 60,
            price_usd_per_mwh: prices,
            intensity_g_per_kwh: None,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn peak_tariff() -> Tariff {
        Tariff {
            year: 2025,
            utc_offset_minutes: -360,
            periods: vec![
                TariffPeriod {
                    name: "summer peak".into(),
                    months: vec![6, 7, 8, 9],
                    weekdays: vec![
                        Weekday::Mon,
                        Weekday::Tue,
                        Weekday::Wed,
                        Weekday::Thu,
                        Weekday::Fri,
                    ],
                    hours: vec![(16, 20)],
                    price_usd_mwh: 200.0,
                },
                TariffPeriod {
                    name: "night".into(),
                    hours: vec![(22, 6)],
                    price_usd_mwh: 30.0,
                    ..TariffPeriod::default()
                },
            ],
        }
    }

    #[test]
    fn a_tariff_expands_to_its_hourly_year() {
        let series = peak_tariff().expand(60.0);
        assert_eq!(series.len(), 8760);
        assert_eq!(series.step_minutes, 60);
        assert_eq!(series.timestamp(0), "2025-01-01T00:00:00-06:00");
        // 2025-01-01 00:00 local is 06:00 UTC.
        assert_eq!(
            series.start_unix_s,
            Date {
                year: 2025,
                month: 1,
                day: 1
            }
            .days_since_epoch()
                * 86_400
                + 6 * 3600
        );
        let hour_of = |month: u32, day: u32, hour: i64| {
            let d = Date {
                year: 2025,
                month,
                day,
            }
            .days_since_epoch()
                - Date {
                    year: 2025,
                    month: 1,
                    day: 1,
                }
                .days_since_epoch();
            (d * 24 + hour) as usize
        };
        let p = &series.price_usd_per_mwh;
        // Tuesday 2025-07-01, 16:00–19:59 peak; 20:00 flat; 23:00 and 05:00 night.
        assert_eq!(p[hour_of(7, 1, 15)], 60.0);
        assert_eq!(p[hour_of(7, 1, 16)], 200.0);
        assert_eq!(p[hour_of(7, 1, 19)], 200.0);
        assert_eq!(p[hour_of(7, 1, 20)], 60.0);
        assert_eq!(p[hour_of(7, 1, 23)], 30.0);
        assert_eq!(p[hour_of(7, 1, 5)], 30.0);
        assert_eq!(p[hour_of(7, 1, 6)], 60.0);
        // Saturday 2025-07-05 has no peak; January neither.
        assert_eq!(p[hour_of(7, 5, 17)], 60.0);
        assert_eq!(p[hour_of(1, 7, 17)], 60.0);
        // 4 peak hours on each of the 87 weekdays of June to September 2025 (21 + 23 + 21 + 22).
        assert_eq!(p.iter().filter(|&&x| x == 200.0).count(), 87 * 4);
        assert_eq!(p.iter().filter(|&&x| x == 30.0).count(), 365 * 8);
        // A leap year has 8,784 hours.
        let leap = Tariff {
            year: 2024,
            ..peak_tariff()
        };
        assert_eq!(leap.expand(60.0).len(), 8784);
    }

    #[test]
    fn a_tariff_out_of_range_names_its_field() {
        let mut t = peak_tariff();
        t.periods[0].months.push(13);
        let e = t.validate("dispatch.tariff").unwrap_err();
        assert_eq!(e.field, "dispatch.tariff.periods[0].months");
        assert_eq!(
            e.problem.to_string(),
            "13 is not allowed; must be a whole number from 1 to 12"
        );
        let mut t = peak_tariff();
        t.periods[1].hours = vec![(5, 5)];
        let e = t.validate("dispatch.tariff").unwrap_err();
        assert_eq!(e.field, "dispatch.tariff.periods[1].hours");
        let mut t = peak_tariff();
        t.periods[1].price_usd_mwh = f64::NAN;
        assert_eq!(
            t.validate("dispatch.tariff").unwrap_err().field,
            "dispatch.tariff.periods[1].price_usd_mwh"
        );
        assert!(peak_tariff().validate("dispatch.tariff").is_ok());
    }

    #[test]
    fn weekdays_follow_the_calendar() {
        // 1970-01-01 was a Thursday, 2025-07-01 a Tuesday.
        assert_eq!(Weekday::of_day(0), Weekday::Thu);
        let d = Date {
            year: 2025,
            month: 7,
            day: 1,
        };
        assert_eq!(Weekday::of_day(d.days_since_epoch()), Weekday::Tue);
        assert_eq!(Weekday::of_day(-1), Weekday::Wed);
    }
}
