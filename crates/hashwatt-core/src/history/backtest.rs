//! A backtest: the scenario's fleet and site run through real months of the history, the
//! hardware bought at the start.
//!
//! A month's BTC = the blocks the fleet finds × (subsidy + fees per block) × (1 − pool fee),
//! where the blocks found are fleet TH/s × 1e12 × seconds in the month × uptime /
//! (difficulty × 2^32), at most the month's blocks: the fleet is part of the network, so a
//! fleet larger than the history's network is the whole network and finds every block.
//! Revenue at the month's mean price; electricity, opex, carbon and other income as `report`
//! counts them per day, times the month's days.

use super::{Month, MonthRecord, TWO_POW_32};
use crate::model::Scenario;
use crate::model::evaluate::{DAYS_PER_YEAR, FleetRates};
use serde::Serialize;

/// The fleet and site as plain numbers.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BacktestInputs {
    pub hashrate_ths: f64,
    /// Uptime after any curtailment, 0–1.
    pub uptime: f64,
    /// 0–1.
    pub pool_fee: f64,
    pub electricity_usd_per_day: f64,
    /// Opex plus carbon cost less other income (curtailment credit, heat sold), USD/day.
    pub other_costs_usd_per_day: f64,
    pub co2_t_per_day: f64,
    pub hardware_usd: f64,
}

impl BacktestInputs {
    pub fn of(scenario: &Scenario) -> BacktestInputs {
        let rates = FleetRates::of(scenario);
        let site = &scenario.site;
        let co2_t_per_day = rates.co2_kg_per_day / 1000.0;
        let opex = site.opex_usd_per_month * 12.0 / DAYS_PER_YEAR;
        let carbon = co2_t_per_day * site.carbon_price_usd_per_t;
        let other_income = rates.curtailment_credit_usd_per_day + rates.heat_revenue_usd_per_day;
        BacktestInputs {
            hashrate_ths: rates.hashrate_ths,
            uptime: rates.uptime_pct / 100.0,
            pool_fee: site.pool_fee_pct / 100.0,
            electricity_usd_per_day: rates.energy_kwh_per_day * rates.price_usd_per_kwh,
            other_costs_usd_per_day: opex + carbon - other_income,
            co2_t_per_day,
            hardware_usd: rates.hardware_cost_usd,
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BacktestMonth {
    pub month: Month,
    pub btc: f64,
    pub btc_price_usd: f64,
    pub revenue_usd: f64,
    pub electricity_usd: f64,
    pub other_costs_usd: f64,
    pub cash_cost_usd: f64,
    pub profit_usd: f64,
    /// From −hardware at the start.
    pub cumulative_cash_flow_usd: f64,
    /// Cash cost per BTC mined; none when nothing was mined.
    pub cash_cost_per_btc_usd: Option<f64>,
    pub co2_t: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BacktestSummary {
    pub months: usize,
    pub btc_mined: f64,
    pub revenue_usd: f64,
    pub electricity_usd: f64,
    pub cash_cost_usd: f64,
    pub profit_usd: f64,
    pub hardware_usd: f64,
    pub cumulative_cash_flow_usd: f64,
    /// The first month the cumulative cash flow reaches zero; none if it never does.
    pub payback_month: Option<Month>,
    pub cash_cost_per_btc_usd: Option<f64>,
    pub co2_t: f64,
    /// The fleet's largest share of a month's network hashrate, % (the history's hashrate,
    /// which the fleet is part of: at most 100).
    pub largest_network_share_pct: f64,
}

/// Above this share of the network a fleet's own hashes would move the difficulty, which the
/// history (and a projection's assumptions) do not follow: the results warn.
pub const NETWORK_SHARE_WARNING_PCT: f64 = 1.0;

/// The warning for a fleet that is `share_pct` % of the network, in `lang`; `None` at or below
/// [`NETWORK_SHARE_WARNING_PCT`].
pub fn network_share_warning(share_pct: f64, lang: crate::i18n::Lang) -> Option<String> {
    (share_pct > NETWORK_SHARE_WARNING_PCT).then(|| {
        crate::i18n::fill(
            crate::i18n::strings(lang).history.fleet_share_warning,
            &[("share", &crate::format::fixed(share_pct, 1))],
        )
    })
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Backtest {
    pub months: Vec<BacktestMonth>,
    pub summary: BacktestSummary,
}

/// Why a backtest cannot run over the months asked for.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BacktestError {
    #[error("{}", self.localized(crate::i18n::Lang::En))]
    Empty,
    #[error("{}", self.localized(crate::i18n::Lang::En))]
    NoPrice(Month),
}

impl BacktestError {
    /// The problem in `lang`, as the command line says it.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        let t = &crate::i18n::strings(lang).history;
        match self {
            BacktestError::Empty => t.no_months.to_string(),
            BacktestError::NoPrice(month) => {
                crate::i18n::fill(t.flag_no_price, &[("month", &month.to_string())])
            }
        }
    }
}

/// Runs `inputs` through `months` (consecutive, as [`super::History::range`] gives them).
pub fn run(inputs: &BacktestInputs, months: &[MonthRecord]) -> Result<Backtest, BacktestError> {
    if months.is_empty() {
        return Err(BacktestError::Empty);
    }
    let mut out = Vec::with_capacity(months.len());
    let mut cumulative = -inputs.hardware_usd;
    let mut payback_month = None;
    let hashes_per_second = inputs.hashrate_ths * 1e12 * inputs.uptime;
    let pool_keep = 1.0 - inputs.pool_fee;
    let mut largest_share = 0.0f64;
    for r in months {
        let price = r.btc_price_usd.ok_or(BacktestError::NoPrice(r.month))?;
        let days = f64::from(r.month.days());
        let seconds = r.month.seconds();
        let blocks_found = hashes_per_second * seconds / (r.difficulty * TWO_POW_32);
        // The network is at least the fleet: it finds no more than every block of the month.
        let btc = blocks_found.min(r.blocks) * r.reward_btc_per_block() * pool_keep;
        // The share of the month's hashrate, the network counted as at least the fleet.
        let network_hs = (r.network_hashrate_ehs * 1e18).max(hashes_per_second);
        if network_hs > 0.0 {
            largest_share = largest_share.max(hashes_per_second / network_hs);
        }
        let revenue = btc * price;
        let electricity = inputs.electricity_usd_per_day * days;
        let other = inputs.other_costs_usd_per_day * days;
        let cash_cost = electricity + other;
        let profit = revenue - cash_cost;
        cumulative += profit;
        if payback_month.is_none() && cumulative >= 0.0 {
            payback_month = Some(r.month);
        }
        out.push(BacktestMonth {
            month: r.month,
            btc,
            btc_price_usd: price,
            revenue_usd: revenue,
            electricity_usd: electricity,
            other_costs_usd: other,
            cash_cost_usd: cash_cost,
            profit_usd: profit,
            cumulative_cash_flow_usd: cumulative,
            cash_cost_per_btc_usd: (btc > 0.0).then(|| cash_cost / btc),
            co2_t: inputs.co2_t_per_day * days,
        });
    }
    let sum = |f: fn(&BacktestMonth) -> f64| out.iter().map(f).sum::<f64>();
    let btc_mined = sum(|m| m.btc);
    let cash_cost_usd = sum(|m| m.cash_cost_usd);
    let summary = BacktestSummary {
        months: out.len(),
        btc_mined,
        revenue_usd: sum(|m| m.revenue_usd),
        electricity_usd: sum(|m| m.electricity_usd),
        cash_cost_usd,
        profit_usd: sum(|m| m.profit_usd),
        hardware_usd: inputs.hardware_usd,
        cumulative_cash_flow_usd: cumulative,
        payback_month,
        cash_cost_per_btc_usd: (btc_mined > 0.0).then(|| cash_cost_usd / btc_mined),
        co2_t: sum(|m| m.co2_t),
        largest_network_share_pct: largest_share * 100.0,
    };
    Ok(Backtest {
        months: out,
        summary,
    })
}
