//! The allowed range of every input, in one place: the command line, the file reader, the GUI's
//! drag values and the engine's own check all use these, so they cannot disagree.

use crate::i18n::{Lang, fill};

/// A closed (or half-open at the bottom) range of allowed values for one input.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct Limit {
    pub min: f64,
    pub max: f64,
    /// When true the minimum itself is not allowed (a network hashrate of 0 is meaningless).
    pub min_exclusive: bool,
    /// Whole numbers only (unit counts, block heights, months).
    pub integer: bool,
    pub unit: &'static str,
}

impl Limit {
    const fn closed(min: f64, max: f64, unit: &'static str) -> Limit {
        Limit {
            min,
            max,
            min_exclusive: false,
            integer: false,
            unit,
        }
    }

    const fn above(min: f64, max: f64, unit: &'static str) -> Limit {
        Limit {
            min,
            max,
            min_exclusive: true,
            integer: false,
            unit,
        }
    }

    pub(crate) const fn whole(min: f64, max: f64, unit: &'static str) -> Limit {
        Limit {
            min,
            max,
            min_exclusive: false,
            integer: true,
            unit,
        }
    }

    /// What is allowed, in words: "a number from 1 to 5", "a number above 0 and at most 1e9 EH/s".
    pub fn allowed(&self) -> String {
        self.allowed_in(Lang::En)
    }

    /// What is allowed, in words in `lang`.
    pub fn allowed_in(&self, lang: Lang) -> String {
        let p = &crate::i18n::strings(lang).problems;
        let kind = if self.integer {
            p.kind_whole_number
        } else {
            p.kind_number
        };
        let unit_words = match self.unit {
            "units" => p.unit_units,
            "hours/year" => p.unit_hours_per_year,
            "years" => p.unit_years,
            "%/year" => p.unit_pct_per_year,
            "months" => p.unit_months,
            "USD/month" => p.unit_usd_per_month,
            "paths" => crate::i18n::strings(lang).investment.unit_paths,
            "steps" => p.unit_steps,
            symbol => symbol,
        };
        let unit = match unit_words {
            "" => String::new(),
            words => fill(p.allowed_unit, &[("unit", words)]),
        };
        let template = if self.min_exclusive {
            p.allowed_above
        } else {
            p.allowed_from_to
        };
        fill(
            template,
            &[
                ("kind", kind),
                ("min", &fmt_bound(self.min)),
                ("max", &fmt_bound(self.max)),
                ("unit", &unit),
            ],
        )
    }

    pub fn contains(&self, value: f64) -> bool {
        value.is_finite()
            && if self.min_exclusive {
                value > self.min
            } else {
                value >= self.min
            }
            && value <= self.max
            && (!self.integer || value.fract() == 0.0)
    }

    /// `Ok(value)` when allowed, else the problem, which says what is allowed.
    pub fn check(&self, value: f64) -> Result<f64, OutOfRange> {
        if self.contains(value) {
            Ok(value)
        } else {
            Err(OutOfRange {
                value,
                limit: *self,
            })
        }
    }
}

/// A value outside its [`Limit`].
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
#[error("{}", self.localized(Lang::En))]
pub struct OutOfRange {
    pub value: f64,
    pub limit: Limit,
}

impl OutOfRange {
    /// "0.5 is not allowed; must be a number from 1 to 5", in `lang`.
    pub fn localized(&self, lang: Lang) -> String {
        let p = &crate::i18n::strings(lang).problems;
        let allowed = self.limit.allowed_in(lang);
        let template = if self.value.is_nan() {
            p.nan_not_allowed
        } else if self.value == f64::INFINITY {
            p.infinity_not_allowed
        } else {
            p.value_not_allowed
        };
        fill(
            template,
            &[("value", &fmt_value(self.value)), ("allowed", &allowed)],
        )
    }
}

/// A limit's bound in words: plain, or in e-notation when very large or very small.
pub fn fmt_bound(x: f64) -> String {
    if is_extreme(x) {
        format!("{x:e}")
    } else {
        trim_float(x)
    }
}

/// Formats a float without trailing zeros, for messages (`100.3`, not `100.30000000000001`).
pub(crate) fn trim_float(x: f64) -> String {
    let s = format!("{x:.4}");
    let s = s.trim_end_matches('0').trim_end_matches('.');
    s.to_string()
}

/// A user's number in an error message: as written for ordinary magnitudes, in e-notation when
/// very large or very small (`1e308`, `1.5e-40`), so a message never holds a 300-digit number.
pub fn fmt_value(x: f64) -> String {
    if x.is_nan() {
        "NaN".to_string()
    } else if x.is_infinite() {
        if x > 0.0 { "infinity" } else { "-infinity" }.to_string()
    } else if is_extreme(x) {
        format!("{x:e}")
    } else {
        format!("{x}")
    }
}

/// [`fmt_value`] with `decimals` places for ordinary magnitudes (`20.00`).
pub fn fmt_value_fixed(x: f64, decimals: usize) -> String {
    if x.is_finite() && !is_extreme(x) {
        format!("{x:.decimals$}")
    } else {
        fmt_value(x)
    }
}

fn is_extreme(x: f64) -> bool {
    x.abs() >= 1e6 || (x != 0.0 && x.abs() < 1e-4)
}

// Upper bounds are generous (far beyond any real site or market) and keep every product of
// inputs finite, so no output can overflow to infinity.
pub const ELECTRICITY_USD_PER_KWH: Limit = Limit::closed(0.0, 100.0, "USD/kWh");
pub const PUE: Limit = Limit::closed(1.0, 5.0, "");
pub const PERCENT: Limit = Limit::closed(0.0, 100.0, "%");
pub const OPEX_USD_PER_MONTH: Limit = Limit::closed(0.0, 1e12, "USD/month");
pub const CARBON_PRICE_USD_PER_T: Limit = Limit::closed(0.0, 1e6, "USD/t");
pub const HASHRATE_THS: Limit = Limit::closed(0.0, 1e12, "TH/s");
pub const POWER_W: Limit = Limit::closed(0.0, 1e12, "W");
pub const UNITS: Limit = Limit::whole(0.0, 1e9, "units");
pub const UNIT_COST_USD: Limit = Limit::closed(0.0, 1e9, "USD");
pub const HARDWARE_LIFE_YEARS: Limit = Limit::above(0.0, 100.0, "years");
pub const BTC_PRICE_USD: Limit = Limit::closed(0.0, 1e12, "USD");
/// From about what one CPU mined in 2009 (difficulty 1 is 7.2e-12 EH/s): a smaller network
/// would make the reward per hash overflow.
pub const NETWORK_HASHRATE_EHS: Limit = Limit::closed(1e-12, 1e12, "EH/s");
/// Bitcoin's difficulty is never below 1.
pub const DIFFICULTY: Limit = Limit::closed(1.0, 1e24, "");
pub const BLOCK_SUBSIDY_BTC: Limit = Limit::closed(0.0, 50.0, "BTC");
pub const BLOCK_HEIGHT: Limit = Limit::whole(0.0, 1e9, "");
pub const FEES_BTC_PER_BLOCK: Limit = Limit::closed(0.0, 1e4, "BTC");
pub const INTENSITY_G_PER_KWH: Limit = Limit::closed(0.0, 1e4, "g/kWh");
pub const EMISSION_FACTOR_G_PER_KWH: Limit = Limit::closed(0.0, 1e4, "g/kWh");
pub const PROJECTION_MONTHS: Limit = Limit::whole(1.0, 1200.0, "months");
pub const GROWTH_PCT_PER_YEAR: Limit = Limit::above(-100.0, 1000.0, "%/year");
/// Hours a year a site may be curtailed.
pub const CURTAILED_HOURS_PER_YEAR: Limit = Limit::closed(0.0, 8766.0, "hours/year");
/// Energy attribute certificates a site retires in a year.
pub const CERTIFICATES_MWH_PER_YEAR: Limit = Limit::closed(0.0, 1e9, "MWh");
/// Credits and heat prices per MWh.
pub const USD_PER_MWH: Limit = Limit::closed(0.0, 1e5, "USD/MWh");
/// Below 100 %: a halving that removed the whole network would leave nothing to divide by.
pub const HALVING_DROP_PCT: Limit = Limit::closed(0.0, 99.0, "%");
// The investment case and the uncertainty of a projection (the scenario's `projection` section).
/// An effective annual discount rate, %/year: above −100 %.
pub const DISCOUNT_RATE_PCT_PER_YEAR: Limit = Limit::above(-100.0, 1000.0, "%/year");
/// A loan's amount: up to the largest fleet (1e9 units at 1e9 USD).
pub const LOAN_USD: Limit = Limit::closed(0.0, 1e18, "USD");
/// A loan's nominal annual rate, %/year.
pub const LOAN_RATE_PCT_PER_YEAR: Limit = Limit::closed(0.0, 1000.0, "%/year");
/// A loan's term.
pub const LOAN_MONTHS: Limit = Limit::whole(1.0, 1200.0, "months");
/// Monte Carlo paths.
pub const PATHS: Limit = Limit::whole(1.0, 100_000.0, "paths");
/// Every path's month is kept for the percentiles: paths × (months + 1) values at most (200 MB).
pub const PATH_MONTHS_MAX: f64 = 25e6;
/// A seed: a whole number an f64 holds exactly (scenario files and flags are numbers).
pub const SEED: Limit = Limit::whole(0.0, 1e15, "");
/// An annual volatility (standard deviation of the annual log change), %/year.
pub const VOLATILITY_PCT_PER_YEAR: Limit = Limit::closed(0.0, 500.0, "%/year");
/// A correlation coefficient.
pub const CORRELATION: Limit = Limit::closed(-1.0, 1.0, "");

/// A fleet's efficiency: above 0, up to a 2009 CPU's (about 5.7e6 J/TH) with room to spare.
pub const EFFICIENCY_J_PER_TH: Limit = Limit::above(0.0, 1e7, "J/TH");
/// A wholesale power price, USD/MWh: negative when generators pay to be taken off, up to far
/// beyond any market's cap (ERCOT's is 5,000).
pub const PRICE_USD_PER_MWH: Limit = Limit::closed(-1e4, 1e5, "USD/MWh");
/// A minimum run or off time, steps (0: none).
pub const DISPATCH_STEPS: Limit = Limit::whole(0.0, 1e5, "steps");

// A history CSV's columns (`history::parse_csv`). Generous but physical: each bound lies far
// beyond any month the network has had, and together they keep every figure derived from a
// month (hashprice, power, a backtest's BTC and USD) finite and small enough to draw.
/// Difficulty: 1.5e14 in 2025; 1e18 leaves room for four more orders of magnitude.
pub const HISTORY_DIFFICULTY: Limit = Limit::closed(1.0, 1e18, "");
/// Blocks in a month: 4,464 at ten minutes over 31 days; four times that allows for blocks
/// found fast while the hashrate outruns the difficulty, as in 2010.
pub const HISTORY_BLOCKS_PER_MONTH: Limit = Limit::whole(1.0, 4.0 * 4464.0, "");
/// Mean fees per block: the highest month's mean was a few BTC; 100 BTC is twice the first
/// subsidy.
pub const HISTORY_FEES_BTC_PER_BLOCK: Limit = Limit::closed(0.0, 100.0, "BTC");
/// Mean BTC price: 10^8 USD a coin is over a thousand times today's.
pub const HISTORY_BTC_PRICE_USD: Limit = Limit::closed(0.0, 1e8, "USD");
/// Network hashrate: the largest the other bounds imply is about 3e7 EH/s.
pub const HISTORY_HASHRATE_EHS: Limit = Limit::closed(0.0, 1e9, "EH/s");
/// Transactions in a month: about 1.3e7 today; 1e10 is hundreds of times the block space.
pub const HISTORY_TRANSACTIONS: Limit = Limit::whole(0.0, 1e10, "");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn messages_say_what_is_allowed() {
        assert_eq!(
            PUE.check(0.5).unwrap_err().to_string(),
            "0.5 is not allowed; must be a number from 1 to 5"
        );
        assert_eq!(
            NETWORK_HASHRATE_EHS.check(0.0).unwrap_err().to_string(),
            "0 is not allowed; must be a number from 1e-12 to 1e12 EH/s"
        );
        assert_eq!(
            UNITS.check(2.5).unwrap_err().to_string(),
            "2.5 is not allowed; must be a whole number from 0 to 1e9 units"
        );
        assert_eq!(
            PERCENT.check(f64::NAN).unwrap_err().to_string(),
            "NaN is not allowed; must be a number from 0 to 100 %"
        );
        assert_eq!(
            BTC_PRICE_USD.check(f64::INFINITY).unwrap_err().to_string(),
            "infinity is not allowed; must be a number from 0 to 1e12 USD"
        );
    }

    #[test]
    fn extreme_values_print_in_e_notation() {
        assert_eq!(
            BTC_PRICE_USD.check(1e308).unwrap_err().to_string(),
            "1e308 is not allowed; must be a number from 0 to 1e12 USD"
        );
        assert_eq!(
            NETWORK_HASHRATE_EHS.check(1.5e-40).unwrap_err().to_string(),
            "1.5e-40 is not allowed; must be a number from 1e-12 to 1e12 EH/s"
        );
        assert_eq!(
            PUE.check(-2.5e300).unwrap_err().to_string(),
            "-2.5e300 is not allowed; must be a number from 1 to 5"
        );
        // Ordinary values keep their plain text.
        assert_eq!(fmt_value(123_456.5), "123456.5");
        assert_eq!(fmt_value(0.001), "0.001");
        assert_eq!(fmt_value(0.0), "0");
        assert_eq!(fmt_value_fixed(20.0, 2), "20.00");
        assert_eq!(fmt_value_fixed(1e300, 2), "1e300");
        assert_eq!(fmt_value_fixed(f64::NAN, 2), "NaN");
    }

    #[test]
    fn bounds_are_inclusive_unless_stated() {
        assert_eq!(PUE.check(1.0), Ok(1.0));
        assert_eq!(PUE.check(5.0), Ok(5.0));
        assert!(PUE.check(5.0001).is_err());
        assert!(HARDWARE_LIFE_YEARS.check(0.0).is_err());
        assert!(HARDWARE_LIFE_YEARS.check(0.1).is_ok());
        assert!(ELECTRICITY_USD_PER_KWH.check(-0.01).is_err());
        assert!(GROWTH_PCT_PER_YEAR.check(-100.0).is_err());
        assert!(GROWTH_PCT_PER_YEAR.check(-99.0).is_ok());
    }
}
