//! A month-by-month projection of a scenario: difficulty and price growth, halvings, payback.

use super::bitcoin::{self, HALVING_INTERVAL_BLOCKS};
use super::evaluate::{DAYS_PER_MONTH, FleetRates, btc_per_day, ratio};
use super::limits;
use super::scenario::{FieldError, Scenario, check};
use serde::Serialize;

/// How the market is assumed to move. Saved in scenario files as `projection: (..)`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, serde::Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ProjectionSettings {
    pub months: u32,
    /// Network difficulty growth, %/year, compounded monthly: each month multiplies the
    /// network hashrate by `(1 + g)^(1/12)`.
    pub difficulty_growth_pct_per_year: f64,
    /// BTC price growth, %/year, compounded monthly likewise.
    pub btc_price_growth_pct_per_year: f64,
    /// How much of the network switches off at each halving, %.
    pub halving_difficulty_drop_pct: f64,
    /// What the hardware sells for at the end, % of its cost.
    pub hardware_resale_pct: f64,
    /// Switch the fleet off in a month whose mining would lose cash (revenue and the levers'
    /// income below electricity and carbon), as an operator would; fixed opex is paid anyway.
    #[serde(skip_serializing_if = "std::ops::Not::not")]
    pub switch_off_when_losing: bool,
}

impl Default for ProjectionSettings {
    fn default() -> Self {
        ProjectionSettings {
            months: 36,
            difficulty_growth_pct_per_year: 0.0,
            btc_price_growth_pct_per_year: 0.0,
            halving_difficulty_drop_pct: 0.0,
            hardware_resale_pct: 0.0,
            switch_off_when_losing: false,
        }
    }
}

impl ProjectionSettings {
    pub fn validate(&self) -> Result<(), FieldError> {
        check("months", limits::PROJECTION_MONTHS, f64::from(self.months))?;
        check(
            "difficulty_growth_pct_per_year",
            limits::GROWTH_PCT_PER_YEAR,
            self.difficulty_growth_pct_per_year,
        )?;
        check(
            "btc_price_growth_pct_per_year",
            limits::GROWTH_PCT_PER_YEAR,
            self.btc_price_growth_pct_per_year,
        )?;
        check(
            "halving_difficulty_drop_pct",
            limits::HALVING_DROP_PCT,
            self.halving_difficulty_drop_pct,
        )?;
        check(
            "hardware_resale_pct",
            limits::PERCENT,
            self.hardware_resale_pct,
        )
    }
}

/// One month of a projection. Money in USD, `month` counts from 1.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectionMonth {
    pub month: u32,
    /// Days from the start of the projection to the end of this month.
    pub end_day: f64,
    pub network_hashrate_ehs: f64,
    pub btc_price_usd: f64,
    pub block_subsidy_btc: f64,
    pub btc_mined: f64,
    pub revenue_usd: f64,
    /// Income besides mining: demand-response credit and heat sold.
    pub other_income_usd: f64,
    pub electricity_cost_usd: f64,
    pub opex_usd: f64,
    pub carbon_cost_usd: f64,
    pub profit_usd: f64,
    /// Whether the fleet was switched off this month (it would have lost cash mining).
    pub switched_off: bool,
    /// Hardware outlay at the start, then every month's profit (and the resale at the end).
    pub cumulative_cash_flow_usd: f64,
    pub cumulative_btc: f64,
}

/// A halving that falls inside the projection.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Halving {
    pub height: u64,
    /// Days from the start, estimated at 144 blocks a day.
    pub day: f64,
    /// The month (from 1) it falls in.
    pub month: u32,
    pub subsidy_after_btc: f64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Projection {
    pub months: Vec<ProjectionMonth>,
    pub halvings: Vec<Halving>,
    /// False when the block height is unknown (the subsidy was given directly), so no halving
    /// could be placed.
    pub halvings_modelled: bool,
    pub hardware_cost_usd: f64,
    pub resale_usd: f64,
    pub total_btc: f64,
    pub total_revenue_usd: f64,
    /// Electricity, opex and carbon, less income besides mining, over the whole horizon.
    pub total_cash_cost_usd: f64,
    /// The first month whose cumulative cash flow is ≥ 0; `None` is "never" within the horizon.
    pub payback_month: Option<u32>,
    /// The first month the fleet is switched off, when the projection switches it off in
    /// months that lose cash.
    pub first_month_off: Option<u32>,
    /// Cash costs over the horizon per BTC mined.
    pub cash_cost_per_btc_usd: Option<f64>,
    /// Cash costs plus hardware less resale, per BTC mined.
    pub all_in_cost_per_btc_usd: Option<f64>,
}

/// Projects a scenario month by month. A month containing a halving is split at the halving's
/// estimated day, so its BTC is mined partly at the old and partly at the new subsidy.
pub fn project(scenario: &Scenario, settings: &ProjectionSettings) -> Projection {
    let rates = FleetRates::of(scenario);
    let site = &scenario.site;
    let market = &scenario.market;

    let monthly_factor = |pct_per_year: f64| (1.0 + pct_per_year / 100.0).powf(1.0 / 12.0);
    let difficulty_factor = monthly_factor(settings.difficulty_growth_pct_per_year);
    let price_factor = monthly_factor(settings.btc_price_growth_pct_per_year);
    let halving_keep = 1.0 - settings.halving_difficulty_drop_pct / 100.0;

    let horizon_days = f64::from(settings.months) * DAYS_PER_MONTH;
    let height = market.block_height();
    let halvings: Vec<Halving> = match height {
        Some(h0) => {
            let mut out = Vec::new();
            let mut next = bitcoin::next_halving_height(h0);
            loop {
                let day = bitcoin::days_until_height(h0, next);
                if day >= horizon_days {
                    break;
                }
                out.push(Halving {
                    height: next,
                    day,
                    month: (day / DAYS_PER_MONTH).floor() as u32 + 1,
                    subsidy_after_btc: bitcoin::block_subsidy_btc(next),
                });
                next += HALVING_INTERVAL_BLOCKS;
            }
            out
        }
        None => Vec::new(),
    };

    let energy_kwh_per_month = rates.energy_kwh_per_day * DAYS_PER_MONTH;
    let electricity = energy_kwh_per_month * rates.price_usd_per_kwh;
    // Income besides mining (demand-response credit, heat sold), as in the evaluation.
    let other_income =
        (rates.curtailment_credit_usd_per_day + rates.heat_revenue_usd_per_day) * DAYS_PER_MONTH;
    let carbon = rates.co2_kg_per_day / 1000.0 * DAYS_PER_MONTH * site.carbon_price_usd_per_t;
    let opex = site.opex_usd_per_month;
    let resale_usd = rates.hardware_cost_usd * settings.hardware_resale_pct / 100.0;

    let mut months = Vec::with_capacity(settings.months as usize);
    let mut cumulative = -rates.hardware_cost_usd;
    let mut cumulative_btc = 0.0;
    let mut total_revenue = 0.0;
    let mut payback_month = None;
    let mut first_month_off = None;
    let mut months_off = 0u32;
    let mut growth = 1.0; // difficulty growth so far
    let mut price = market.btc_price_usd;
    let base_network_hs = market.network_hashrate_hs();

    for m in 0..settings.months {
        let start = f64::from(m) * DAYS_PER_MONTH;
        let end = start + DAYS_PER_MONTH;
        // Split the month at any halvings inside it; each piece mines at its own subsidy and
        // network hashrate.
        let mut btc = 0.0;
        let mut piece_start = start;
        let mut cuts: Vec<f64> = halvings
            .iter()
            .filter(|h| h.day > start && h.day < end)
            .map(|h| h.day)
            .collect();
        cuts.push(end);
        let mut network_hs = 0.0;
        let mut subsidy = 0.0;
        for cut in cuts {
            let mid = (piece_start + cut) / 2.0;
            let passed = halvings.iter().filter(|h| h.day <= mid).count() as i32;
            subsidy = match height {
                Some(h0) => bitcoin::block_subsidy_btc(h0 + (mid * bitcoin::BLOCKS_PER_DAY) as u64),
                None => market.subsidy_btc(),
            };
            // A shrinking network stops at the smallest one the engine accepts.
            network_hs = (base_network_hs * growth * halving_keep.powi(passed))
                .max(super::limits::NETWORK_HASHRATE_EHS.min * 1e18);
            let per_day = btc_per_day(
                rates.hashrate_ths,
                rates.uptime_pct,
                network_hs,
                subsidy + market.fees_btc_per_block,
                site.pool_fee_pct,
            );
            btc += per_day * (cut - piece_start);
            piece_start = cut;
        }
        let running_revenue = btc * price;
        // Mining pays for itself this month when what it earns covers what running costs.
        let switched_off = settings.switch_off_when_losing
            && running_revenue + other_income < electricity + carbon;
        let on = if switched_off { 0.0 } else { 1.0 };
        let (btc, revenue) = (btc * on, running_revenue * on);
        let (month_other, month_electricity, month_carbon) =
            (other_income * on, electricity * on, carbon * on);
        if switched_off && first_month_off.is_none() {
            first_month_off = Some(m + 1);
        }
        let profit = revenue + month_other - month_electricity - opex - month_carbon;
        months_off += u32::from(switched_off);
        cumulative += profit;
        if m + 1 == settings.months {
            cumulative += resale_usd;
        }
        cumulative_btc += btc;
        total_revenue += revenue;
        if payback_month.is_none() && cumulative >= 0.0 {
            payback_month = Some(m + 1);
        }
        months.push(ProjectionMonth {
            month: m + 1,
            end_day: end,
            network_hashrate_ehs: network_hs / 1e18,
            btc_price_usd: price,
            block_subsidy_btc: subsidy,
            btc_mined: btc,
            revenue_usd: revenue,
            other_income_usd: month_other,
            electricity_cost_usd: month_electricity,
            opex_usd: opex,
            carbon_cost_usd: month_carbon,
            profit_usd: profit,
            switched_off,
            cumulative_cash_flow_usd: cumulative,
            cumulative_btc,
        });
        growth *= difficulty_factor;
        price *= price_factor;
    }

    let months_on = f64::from(settings.months - months_off);
    let total_cash_cost = if months_off == 0 {
        (electricity + opex + carbon - other_income) * f64::from(settings.months)
    } else {
        (electricity + carbon - other_income) * months_on + opex * f64::from(settings.months)
    };
    Projection {
        halvings_modelled: height.is_some(),
        halvings,
        hardware_cost_usd: rates.hardware_cost_usd,
        resale_usd,
        total_btc: cumulative_btc,
        total_revenue_usd: total_revenue,
        total_cash_cost_usd: total_cash_cost,
        payback_month,
        first_month_off,
        cash_cost_per_btc_usd: ratio(total_cash_cost, cumulative_btc),
        all_in_cost_per_btc_usd: ratio(
            total_cash_cost + rates.hardware_cost_usd - resale_usd,
            cumulative_btc,
        ),
        months,
    }
}

#[cfg(test)]
mod switch_off_tests {
    use super::*;
    use crate::presets::PresetLibrary;

    fn texas() -> Scenario {
        let library = PresetLibrary::builtin();
        library
            .scenario("texas-s21")
            .unwrap()
            .doc
            .resolve(&library)
            .unwrap()
    }

    /// The network doubles every year: mining stops paying for its power within the horizon.
    fn squeeze(switch_off_when_losing: bool) -> ProjectionSettings {
        ProjectionSettings {
            months: 48,
            difficulty_growth_pct_per_year: 100.0,
            switch_off_when_losing,
            ..ProjectionSettings::default()
        }
    }

    #[test]
    fn months_that_lose_cash_are_switched_off_from_the_first_one() {
        let scenario = texas();
        let always = project(&scenario, &squeeze(false));
        let operator = project(&scenario, &squeeze(true));
        assert_eq!(always.first_month_off, None);
        let first = operator.first_month_off.expect("some month loses cash");
        // It is the first month whose running margin (without fixed opex) is below zero.
        let losing = always
            .months
            .iter()
            .find(|m| {
                m.revenue_usd + m.other_income_usd < m.electricity_cost_usd + m.carbon_cost_usd
            })
            .expect("a losing month");
        assert_eq!(first, losing.month);
        for (a, o) in always.months.iter().zip(&operator.months) {
            if o.switched_off {
                assert_eq!((o.btc_mined, o.electricity_cost_usd), (0.0, 0.0));
                assert_eq!(o.profit_usd, -o.opex_usd, "only fixed costs are paid");
            } else {
                assert_eq!(o.profit_usd, a.profit_usd);
            }
            // Switching off never loses more than mining on would.
            assert!(o.profit_usd >= a.profit_usd, "month {}", o.month);
        }
        let last = |p: &Projection| p.months.last().unwrap().cumulative_cash_flow_usd;
        assert!(last(&operator) > last(&always));
    }

    #[test]
    fn a_projection_that_never_loses_cash_is_unchanged() {
        let scenario = texas();
        // A year at today's market: before the 2028 halving, every month pays for its power.
        let calm = |switch| ProjectionSettings {
            months: 12,
            switch_off_when_losing: switch,
            ..ProjectionSettings::default()
        };
        let a = project(&scenario, &calm(false));
        let b = project(&scenario, &calm(true));
        assert_eq!(b.first_month_off, None);
        assert_eq!(a, b);
    }
}
