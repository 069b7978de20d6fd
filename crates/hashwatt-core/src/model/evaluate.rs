//! One scenario in, every figure out. The definitions here are the project's public contract;
//! the README's "Methods" section states each of them with its source.

use super::bitcoin::BLOCKS_PER_DAY;
use super::energy::IntensityBand;
use super::rates::running_hs;
pub use super::rates::{
    DAYS_PER_MONTH, DAYS_PER_YEAR, Divisor, FleetRates, btc_per_day, network_share_pct, ratio,
};
use super::scenario::{IntensityMethod, Scenario};
use serde::Serialize;

/// Every figure for one scenario. Figures that would divide by zero are `None`, never NaN or
/// infinity. Serialised, this is exactly the command line's `--json` object.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Evaluation {
    pub fleet_hashrate_ths: f64,
    pub efficiency_j_per_th: Option<f64>,
    pub power_kw: f64,
    pub energy_kwh_per_day: f64,
    pub energy_mwh_per_year: f64,
    pub grid_intensity_g_per_kwh: f64,
    pub co2_kg_per_day: f64,
    pub co2_t_per_year: f64,
    pub network_hashrate_ehs: f64,
    pub btc_per_day: f64,
    pub revenue_usd_per_day: f64,
    pub electricity_cost_usd_per_day: f64,
    pub carbon_cost_usd_per_day: f64,
    pub opex_usd_per_day: f64,
    pub profit_usd_per_day: f64,
    pub hashprice_usd_per_ph_day: f64,
    pub break_even_btc_price_usd: Option<f64>,
    pub all_in_cost_per_btc_usd: Option<f64>,
    pub break_even_electricity_usd_kwh: Option<f64>,
    pub energy_kwh_per_btc: Option<f64>,
    pub co2_t_per_btc: Option<f64>,
    pub payback_days: Option<f64>,
    /// With demand response: the uptime after curtailment, %.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub effective_uptime_pct: Option<f64>,
    /// With demand response: the credit for energy not consumed, USD/day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curtailment_credit_usd_per_day: Option<f64>,
    /// With a renewable supply: the blended price paid per kWh.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub supply_price_usd_per_kwh: Option<f64>,
    /// With heat reuse: heat sold, USD/day.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heat_revenue_usd_per_day: Option<f64>,
    /// With heat reuse: the heating fuel's emissions it displaces, t/year. Not netted against
    /// the site's own CO₂.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heat_displaced_co2_t_per_year: Option<f64>,
    /// On flared gas: the flaring avoided, t/year, a counterfactual. Not netted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flaring_avoided_co2_t_per_year: Option<f64>,
    /// Scope 1/2/3 and the renewable shares (GHG Protocol, MiCA): seven keys after the
    /// contract's.
    #[serde(flatten)]
    pub accounting: super::accounting::SiteAccounting,
    /// The intensity's range from the emission table's low and high factors.
    #[serde(skip)]
    pub intensity_band: IntensityBand,
    /// Whether the intensity is the measured figure or mix × table.
    #[serde(skip)]
    pub intensity_method: IntensityMethod,
    /// Hardware outlay: Σ units × unit cost.
    #[serde(skip)]
    pub hardware_cost_usd: f64,
    /// Straight-line depreciation, USD/day.
    #[serde(skip)]
    pub depreciation_usd_per_day: f64,
    /// Electricity, opex and carbon less income besides mining, USD/day: what mining must earn.
    /// Profit is `btc_per_day × BTC price − this`, the same two operations at any price.
    #[serde(skip)]
    pub cash_cost_usd_per_day: f64,
}

/// Evaluates a scenario. Pure: the same scenario always gives the same figures.
pub fn evaluate(scenario: &Scenario) -> Evaluation {
    let rates = FleetRates::of(scenario);
    let site = &scenario.site;
    let market = &scenario.market;

    // The fleet is part of the network: never more than all of it (one max, no branch).
    let network_hs = market
        .network_hashrate_hs()
        .max(running_hs(rates.hashrate_ths, rates.uptime_pct));
    let per_network_hs = Divisor::new(network_hs);
    let reward_btc = market.subsidy_btc() + market.fees_btc_per_block;
    let btc_per_day = btc_per_day(
        rates.hashrate_ths,
        rates.uptime_pct,
        per_network_hs,
        reward_btc,
        site.pool_fee_pct,
    );
    let hashprice_usd_per_ph_day = per_network_hs.divide(1e15).unwrap_or(0.0)
        * BLOCKS_PER_DAY
        * reward_btc
        * market.btc_price_usd;

    let revenue = btc_per_day * market.btc_price_usd;
    let electricity = rates.energy_kwh_per_day * rates.price_usd_per_kwh;
    let co2_t_per_day = rates.co2_kg_per_day * 1e-3;
    let carbon = co2_t_per_day * site.carbon_price_usd_per_t;
    let opex = site.opex_usd_per_month * (12.0 / DAYS_PER_YEAR);
    // Income besides mining (levers): it lowers what mining must earn.
    let other_income = rates.curtailment_credit_usd_per_day + rates.heat_revenue_usd_per_day;
    let cash_cost = electricity + opex + carbon - other_income;
    let profit = revenue - cash_cost;
    let depreciation = ratio(
        rates.hardware_cost_usd,
        scenario.hardware_life_years * DAYS_PER_YEAR,
    )
    .unwrap_or(0.0);

    // The site (grid) price at which profit is zero; the renewable supply's share is paid at
    // its own price: profit = revenue + other − opex − carbon − E × (r × P_ren + (1 − r) × P).
    // Without levers this is (revenue − opex) / E − intensity × carbon price / 10⁶.
    let renewable = scenario.levers.renewable_fraction();
    let renewable_cost = match &scenario.levers.renewable {
        Some(r) => r.cost_usd_per_day(rates.energy_kwh_per_day, renewable),
        None => 0.0,
    };
    let break_even_electricity = ratio(
        revenue + other_income - opex - carbon - renewable_cost,
        rates.energy_kwh_per_day * (1.0 - renewable),
    );
    let payback_days = if profit > 0.0 && rates.hardware_cost_usd > 0.0 {
        ratio(rates.hardware_cost_usd, profit)
    } else {
        None
    };

    let per_btc = Divisor::new(btc_per_day);

    Evaluation {
        fleet_hashrate_ths: rates.hashrate_ths,
        efficiency_j_per_th: ratio(rates.it_power_w, rates.hashrate_ths),
        power_kw: rates.power_kw,
        energy_kwh_per_day: rates.energy_kwh_per_day,
        energy_mwh_per_year: rates.energy_kwh_per_day * (DAYS_PER_YEAR * 1e-3),
        grid_intensity_g_per_kwh: rates.intensity.central_g_per_kwh,
        co2_kg_per_day: rates.co2_kg_per_day,
        co2_t_per_year: co2_t_per_day * DAYS_PER_YEAR,
        network_hashrate_ehs: network_hs * 1e-18,
        btc_per_day,
        revenue_usd_per_day: revenue,
        electricity_cost_usd_per_day: electricity,
        carbon_cost_usd_per_day: carbon,
        opex_usd_per_day: opex,
        profit_usd_per_day: profit,
        hashprice_usd_per_ph_day,
        break_even_btc_price_usd: per_btc.divide(cash_cost),
        all_in_cost_per_btc_usd: per_btc.divide(cash_cost + depreciation),
        break_even_electricity_usd_kwh: break_even_electricity,
        energy_kwh_per_btc: per_btc.divide(rates.energy_kwh_per_day),
        co2_t_per_btc: per_btc.divide(co2_t_per_day),
        payback_days,
        effective_uptime_pct: scenario.levers.curtailment.map(|_| rates.uptime_pct),
        curtailment_credit_usd_per_day: scenario
            .levers
            .curtailment
            .map(|_| rates.curtailment_credit_usd_per_day),
        supply_price_usd_per_kwh: scenario.levers.renewable.map(|_| rates.price_usd_per_kwh),
        heat_revenue_usd_per_day: scenario
            .levers
            .heat_reuse
            .map(|_| rates.heat_revenue_usd_per_day),
        heat_displaced_co2_t_per_year: scenario
            .levers
            .heat_reuse
            .map(|h| h.displaced_co2_t_per_year(rates.energy_kwh_per_day, DAYS_PER_YEAR)),
        flaring_avoided_co2_t_per_year: scenario
            .levers
            .flared_gas
            .map(|f| f.avoided_co2_t_per_year(rates.energy_kwh_per_day, DAYS_PER_YEAR)),
        accounting: super::accounting::account_with(scenario, &rates),
        intensity_band: rates.intensity,
        intensity_method: site.grid.effective_method(),
        hardware_cost_usd: rates.hardware_cost_usd,
        depreciation_usd_per_day: depreciation,
        cash_cost_usd_per_day: cash_cost,
    }
}

impl Evaluation {
    /// Income besides mining, USD/day: the levers' demand-response credit and heat sold (0
    /// with no lever on). Profit is revenue + this − electricity − opex − carbon.
    pub fn other_income_usd_per_day(&self) -> f64 {
        self.curtailment_credit_usd_per_day.unwrap_or(0.0)
            + self.heat_revenue_usd_per_day.unwrap_or(0.0)
    }

    /// A figure in CO₂ scaled to the band's low and high ends (`co2_t_per_year` → its range).
    pub fn carbon_band(&self, central: f64) -> (f64, f64) {
        let b = &self.intensity_band;
        let scale = |end: f64| ratio(end, b.central_g_per_kwh).map_or(central, |r| central * r);
        (scale(b.low_g_per_kwh), scale(b.high_g_per_kwh))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_divisor_agrees_with_ratio_to_the_last_place_and_on_every_refusal() {
        let divisors = [
            0.0,
            -0.0,
            3.0,
            -7.5,
            1e-300,
            6.02e23,
            144.0,
            f64::NAN,
            f64::INFINITY,
        ];
        let numerators = [0.0, 1.0, -2.5, 1e300, 123_456.789, f64::NAN, f64::INFINITY];
        for b in divisors {
            let d = Divisor::new(b);
            for a in numerators {
                match (ratio(a, b), d.divide(a)) {
                    (Some(q), Some(p)) => {
                        let ulp = q.abs() * f64::EPSILON;
                        assert!((q - p).abs() <= ulp, "{a} / {b}: {q} against {p}");
                    }
                    (None, None) => {}
                    (q, p) => panic!("{a} / {b}: ratio {q:?}, divisor {p:?}"),
                }
            }
        }
    }
}
