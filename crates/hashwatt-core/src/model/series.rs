//! A regular series of power prices (and perhaps the grid's intensity), as the dispatch and a
//! time-of-use tariff lay them out.

/// A regular series of power prices, and perhaps the grid's intensity, one value per step;
/// each value lasts one step.
#[derive(Clone, Debug, PartialEq)]
pub struct PriceSeries {
    /// When the first step starts, seconds since 1970-01-01 UTC.
    pub start_unix_s: i64,
    /// The offset from UTC the series' times were written in (its first row's), minutes: times
    /// are shown in it.
    pub utc_offset_minutes: i32,
    pub step_minutes: u32,
    pub price_usd_per_mwh: Vec<f64>,
    /// The grid's intensity in each step, when the series has that column.
    pub intensity_g_per_kwh: Option<Vec<f64>>,
}

impl PriceSeries {
    pub fn len(&self) -> usize {
        self.price_usd_per_mwh.len()
    }

    pub fn is_empty(&self) -> bool {
        self.price_usd_per_mwh.is_empty()
    }

    pub fn step_hours(&self) -> f64 {
        f64::from(self.step_minutes) / 60.0
    }

    pub fn hours(&self) -> f64 {
        self.len() as f64 * self.step_hours()
    }

    /// When step `i` starts, seconds since 1970-01-01 UTC.
    pub fn step_start_unix_s(&self, i: usize) -> i64 {
        self.start_unix_s + i as i64 * i64::from(self.step_minutes) * 60
    }

    /// Step `i`'s start as ISO 8601 in the series' offset: `2024-01-01T00:00:00Z` or
    /// `2024-01-01T00:00:00-06:00`.
    pub fn timestamp(&self, i: usize) -> String {
        format_timestamp(self.step_start_unix_s(i), self.utc_offset_minutes)
    }
}

/// `unix_s` as ISO 8601 local time at `offset_minutes` from UTC, `Z` for UTC.
pub fn format_timestamp(unix_s: i64, offset_minutes: i32) -> String {
    let local = unix_s + i64::from(offset_minutes) * 60;
    let date = super::date::Date::from_days_since_epoch(local.div_euclid(86_400));
    let seconds = local.rem_euclid(86_400);
    let (h, m, s) = (seconds / 3600, seconds / 60 % 60, seconds % 60);
    let offset = if offset_minutes == 0 {
        "Z".to_string()
    } else {
        let sign = if offset_minutes < 0 { '-' } else { '+' };
        let a = offset_minutes.unsigned_abs();
        format!("{sign}{:02}:{:02}", a / 60, a % 60)
    };
    format!(
        "{:04}-{:02}-{:02}T{h:02}:{m:02}:{s:02}{offset}",
        date.year, date.month, date.day
    )
}
