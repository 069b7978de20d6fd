//! One description of every result figure: its key (the `--json` contract), its words in each
//! language, which way it is better, and its value in an evaluation. The window's cards, the
//! `report` table, `--json`, CSV and Markdown export and `compare` all list figures from here,
//! so a figure added once appears everywhere, in the same order.

use crate::i18n::{self, Lang, results::FigureWords};
use crate::model::{Evaluation, MonteCarlo, Projection};
use serde::Serialize;

/// Which way a figure is better.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Better {
    Lower,
    Higher,
    /// Size, not merit (a bigger fleet is not a better site).
    Neither,
}

impl Better {
    /// The word CSV and JSON use: `lower`, `higher`, or empty.
    pub fn word(self) -> &'static str {
        match self {
            Better::Lower => "lower",
            Better::Higher => "higher",
            Better::Neither => "",
        }
    }
}

/// A result figure of an evaluation.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Figure {
    FleetHashrateThs,
    EfficiencyJPerTh,
    PowerKw,
    EnergyKwhPerDay,
    EnergyMwhPerYear,
    GridIntensityGPerKwh,
    Co2KgPerDay,
    Co2TPerYear,
    NetworkHashrateEhs,
    BtcPerDay,
    RevenueUsdPerDay,
    ElectricityCostUsdPerDay,
    CarbonCostUsdPerDay,
    OpexUsdPerDay,
    ProfitUsdPerDay,
    HashpriceUsdPerPhDay,
    BreakEvenBtcPriceUsd,
    AllInCostPerBtcUsd,
    BreakEvenElectricityUsdKwh,
    EnergyKwhPerBtc,
    Co2TPerBtc,
    PaybackDays,
    // Figures of the policy and site levers: present only while their lever is on.
    EffectiveUptimePct,
    CurtailmentCreditUsdPerDay,
    SupplyPriceUsdPerKwh,
    HeatRevenueUsdPerDay,
    HeatDisplacedCo2TPerYear,
    FlaringAvoidedCo2TPerYear,
    // Site accounting (GHG Protocol Scope 2 Guidance, MiCA S.8–S.13): every evaluation has them.
    EnergyKwhPerYear,
    RenewableShareLocationPct,
    RenewableShareMarketPct,
    Scope1TPerYear,
    Scope2LocationTPerYear,
    Scope2MarketTPerYear,
    Scope3UpstreamTPerYear,
}

impl Figure {
    /// The figures every evaluation has, in `--json` order: the public contract.
    pub const CONTRACT: [Figure; 22] = [
        Figure::FleetHashrateThs,
        Figure::EfficiencyJPerTh,
        Figure::PowerKw,
        Figure::EnergyKwhPerDay,
        Figure::EnergyMwhPerYear,
        Figure::GridIntensityGPerKwh,
        Figure::Co2KgPerDay,
        Figure::Co2TPerYear,
        Figure::NetworkHashrateEhs,
        Figure::BtcPerDay,
        Figure::RevenueUsdPerDay,
        Figure::ElectricityCostUsdPerDay,
        Figure::CarbonCostUsdPerDay,
        Figure::OpexUsdPerDay,
        Figure::ProfitUsdPerDay,
        Figure::HashpriceUsdPerPhDay,
        Figure::BreakEvenBtcPriceUsd,
        Figure::AllInCostPerBtcUsd,
        Figure::BreakEvenElectricityUsdKwh,
        Figure::EnergyKwhPerBtc,
        Figure::Co2TPerBtc,
        Figure::PaybackDays,
    ];

    /// The levers' figures, in `--json` order after the contract's.
    pub const LEVERS: [Figure; 6] = [
        Figure::EffectiveUptimePct,
        Figure::CurtailmentCreditUsdPerDay,
        Figure::SupplyPriceUsdPerKwh,
        Figure::HeatRevenueUsdPerDay,
        Figure::HeatDisplacedCo2TPerYear,
        Figure::FlaringAvoidedCo2TPerYear,
    ];

    /// The site-accounting figures, in `--json` order after the contract's: every evaluation
    /// has them (a value may be `null`).
    pub const ACCOUNTING: [Figure; 7] = [
        Figure::EnergyKwhPerYear,
        Figure::RenewableShareLocationPct,
        Figure::RenewableShareMarketPct,
        Figure::Scope1TPerYear,
        Figure::Scope2LocationTPerYear,
        Figure::Scope2MarketTPerYear,
        Figure::Scope3UpstreamTPerYear,
    ];

    /// Every figure: the contract's, the accounting's, then the levers'.
    pub fn all() -> impl Iterator<Item = Figure> {
        Figure::CONTRACT
            .into_iter()
            .chain(Figure::ACCOUNTING)
            .chain(Figure::LEVERS)
    }

    /// The figure whose key is `key`.
    pub fn from_key(key: &str) -> Option<Figure> {
        Figure::all().find(|f| f.key() == key)
    }

    /// The key in `--json`, CSV and compare output: never translated.
    pub fn key(self) -> &'static str {
        match self {
            Figure::FleetHashrateThs => "fleet_hashrate_ths",
            Figure::EfficiencyJPerTh => "efficiency_j_per_th",
            Figure::PowerKw => "power_kw",
            Figure::EnergyKwhPerDay => "energy_kwh_per_day",
            Figure::EnergyMwhPerYear => "energy_mwh_per_year",
            Figure::GridIntensityGPerKwh => "grid_intensity_g_per_kwh",
            Figure::Co2KgPerDay => "co2_kg_per_day",
            Figure::Co2TPerYear => "co2_t_per_year",
            Figure::NetworkHashrateEhs => "network_hashrate_ehs",
            Figure::BtcPerDay => "btc_per_day",
            Figure::RevenueUsdPerDay => "revenue_usd_per_day",
            Figure::ElectricityCostUsdPerDay => "electricity_cost_usd_per_day",
            Figure::CarbonCostUsdPerDay => "carbon_cost_usd_per_day",
            Figure::OpexUsdPerDay => "opex_usd_per_day",
            Figure::ProfitUsdPerDay => "profit_usd_per_day",
            Figure::HashpriceUsdPerPhDay => "hashprice_usd_per_ph_day",
            Figure::BreakEvenBtcPriceUsd => "break_even_btc_price_usd",
            Figure::AllInCostPerBtcUsd => "all_in_cost_per_btc_usd",
            Figure::BreakEvenElectricityUsdKwh => "break_even_electricity_usd_kwh",
            Figure::EnergyKwhPerBtc => "energy_kwh_per_btc",
            Figure::Co2TPerBtc => "co2_t_per_btc",
            Figure::PaybackDays => "payback_days",
            Figure::EffectiveUptimePct => "effective_uptime_pct",
            Figure::CurtailmentCreditUsdPerDay => "curtailment_credit_usd_per_day",
            Figure::SupplyPriceUsdPerKwh => "supply_price_usd_per_kwh",
            Figure::HeatRevenueUsdPerDay => "heat_revenue_usd_per_day",
            Figure::HeatDisplacedCo2TPerYear => "heat_displaced_co2_t_per_year",
            Figure::FlaringAvoidedCo2TPerYear => "flaring_avoided_co2_t_per_year",
            Figure::EnergyKwhPerYear => "energy_kwh_per_year",
            Figure::RenewableShareLocationPct => "renewable_share_location_pct",
            Figure::RenewableShareMarketPct => "renewable_share_market_pct",
            Figure::Scope1TPerYear => "scope1_t_per_year",
            Figure::Scope2LocationTPerYear => "scope2_location_t_per_year",
            Figure::Scope2MarketTPerYear => "scope2_market_t_per_year",
            Figure::Scope3UpstreamTPerYear => "scope3_upstream_t_per_year",
        }
    }

    /// Which way the figure is better, for marking the best site in a comparison.
    pub fn better(self) -> Better {
        use Figure::*;
        match self {
            BtcPerDay
            | RevenueUsdPerDay
            | ProfitUsdPerDay
            | HashpriceUsdPerPhDay
            | BreakEvenElectricityUsdKwh
            | EffectiveUptimePct
            | CurtailmentCreditUsdPerDay
            | HeatRevenueUsdPerDay
            | RenewableShareLocationPct
            | RenewableShareMarketPct => Better::Higher,
            EfficiencyJPerTh
            | GridIntensityGPerKwh
            | Co2KgPerDay
            | Co2TPerYear
            | ElectricityCostUsdPerDay
            | CarbonCostUsdPerDay
            | OpexUsdPerDay
            | BreakEvenBtcPriceUsd
            | AllInCostPerBtcUsd
            | EnergyKwhPerBtc
            | Co2TPerBtc
            | PaybackDays
            | SupplyPriceUsdPerKwh
            | Scope1TPerYear
            | Scope2LocationTPerYear
            | Scope2MarketTPerYear
            | Scope3UpstreamTPerYear => Better::Lower,
            // Size, or a counterfactual beside the site's own emissions: not a merit.
            FleetHashrateThs
            | PowerKw
            | EnergyKwhPerDay
            | EnergyMwhPerYear
            | EnergyKwhPerYear
            | NetworkHashrateEhs
            | HeatDisplacedCo2TPerYear
            | FlaringAvoidedCo2TPerYear => Better::Neither,
        }
    }

    /// Whether the figure is a lever's, shown only while its lever is on.
    pub fn is_lever(self) -> bool {
        Figure::LEVERS.contains(&self)
    }

    /// The figure's label, unit and formula in `lang`.
    pub fn words(self, lang: Lang) -> FigureWords {
        let r = &i18n::strings(lang).results;
        let d = &i18n::strings(lang).disclosure;
        match self {
            Figure::EnergyKwhPerYear => d.energy_kwh_per_year,
            Figure::RenewableShareLocationPct => d.renewable_share_location_pct,
            Figure::RenewableShareMarketPct => d.renewable_share_market_pct,
            Figure::Scope1TPerYear => d.scope1_t_per_year,
            Figure::Scope2LocationTPerYear => d.scope2_location_t_per_year,
            Figure::Scope2MarketTPerYear => d.scope2_market_t_per_year,
            Figure::Scope3UpstreamTPerYear => d.scope3_upstream_t_per_year,
            Figure::FleetHashrateThs => r.fleet_hashrate_ths,
            Figure::EfficiencyJPerTh => r.efficiency_j_per_th,
            Figure::PowerKw => r.power_kw,
            Figure::EnergyKwhPerDay => r.energy_kwh_per_day,
            Figure::EnergyMwhPerYear => r.energy_mwh_per_year,
            Figure::GridIntensityGPerKwh => r.grid_intensity_g_per_kwh,
            Figure::Co2KgPerDay => r.co2_kg_per_day,
            Figure::Co2TPerYear => r.co2_t_per_year,
            Figure::NetworkHashrateEhs => r.network_hashrate_ehs,
            Figure::BtcPerDay => r.btc_per_day,
            Figure::RevenueUsdPerDay => r.revenue_usd_per_day,
            Figure::ElectricityCostUsdPerDay => r.electricity_cost_usd_per_day,
            Figure::CarbonCostUsdPerDay => r.carbon_cost_usd_per_day,
            Figure::OpexUsdPerDay => r.opex_usd_per_day,
            Figure::ProfitUsdPerDay => r.profit_usd_per_day,
            Figure::HashpriceUsdPerPhDay => r.hashprice_usd_per_ph_day,
            Figure::BreakEvenBtcPriceUsd => r.break_even_btc_price_usd,
            Figure::AllInCostPerBtcUsd => r.all_in_cost_per_btc_usd,
            Figure::BreakEvenElectricityUsdKwh => r.break_even_electricity_usd_kwh,
            Figure::EnergyKwhPerBtc => r.energy_kwh_per_btc,
            Figure::Co2TPerBtc => r.co2_t_per_btc,
            Figure::PaybackDays => r.payback_days,
            Figure::EffectiveUptimePct => r.effective_uptime_pct,
            Figure::CurtailmentCreditUsdPerDay => r.curtailment_credit_usd_per_day,
            Figure::SupplyPriceUsdPerKwh => r.supply_price_usd_per_kwh,
            Figure::HeatRevenueUsdPerDay => r.heat_revenue_usd_per_day,
            Figure::HeatDisplacedCo2TPerYear => r.heat_displaced_co2_t_per_year,
            Figure::FlaringAvoidedCo2TPerYear => r.flaring_avoided_co2_t_per_year,
        }
    }

    /// The figure's value in `e`: `None` when it is undefined (a division by zero) or its
    /// lever is off. A negative zero is given as 0, so no output shows `-0`.
    pub fn value(self, e: &Evaluation) -> Option<f64> {
        let value = match self {
            Figure::FleetHashrateThs => Some(e.fleet_hashrate_ths),
            Figure::EfficiencyJPerTh => e.efficiency_j_per_th,
            Figure::PowerKw => Some(e.power_kw),
            Figure::EnergyKwhPerDay => Some(e.energy_kwh_per_day),
            Figure::EnergyMwhPerYear => Some(e.energy_mwh_per_year),
            Figure::GridIntensityGPerKwh => Some(e.grid_intensity_g_per_kwh),
            Figure::Co2KgPerDay => Some(e.co2_kg_per_day),
            Figure::Co2TPerYear => Some(e.co2_t_per_year),
            Figure::NetworkHashrateEhs => Some(e.network_hashrate_ehs),
            Figure::BtcPerDay => Some(e.btc_per_day),
            Figure::RevenueUsdPerDay => Some(e.revenue_usd_per_day),
            Figure::ElectricityCostUsdPerDay => Some(e.electricity_cost_usd_per_day),
            Figure::CarbonCostUsdPerDay => Some(e.carbon_cost_usd_per_day),
            Figure::OpexUsdPerDay => Some(e.opex_usd_per_day),
            Figure::ProfitUsdPerDay => Some(e.profit_usd_per_day),
            Figure::HashpriceUsdPerPhDay => Some(e.hashprice_usd_per_ph_day),
            Figure::BreakEvenBtcPriceUsd => e.break_even_btc_price_usd,
            Figure::AllInCostPerBtcUsd => e.all_in_cost_per_btc_usd,
            Figure::BreakEvenElectricityUsdKwh => e.break_even_electricity_usd_kwh,
            Figure::EnergyKwhPerBtc => e.energy_kwh_per_btc,
            Figure::Co2TPerBtc => e.co2_t_per_btc,
            Figure::PaybackDays => e.payback_days,
            Figure::EffectiveUptimePct => e.effective_uptime_pct,
            Figure::CurtailmentCreditUsdPerDay => e.curtailment_credit_usd_per_day,
            Figure::SupplyPriceUsdPerKwh => e.supply_price_usd_per_kwh,
            Figure::HeatRevenueUsdPerDay => e.heat_revenue_usd_per_day,
            Figure::HeatDisplacedCo2TPerYear => e.heat_displaced_co2_t_per_year,
            Figure::FlaringAvoidedCo2TPerYear => e.flaring_avoided_co2_t_per_year,
            Figure::EnergyKwhPerYear => Some(e.accounting.energy_kwh_per_year),
            Figure::RenewableShareLocationPct => e.accounting.renewable_share_location_pct,
            Figure::RenewableShareMarketPct => e.accounting.renewable_share_market_pct,
            Figure::Scope1TPerYear => Some(e.accounting.scope1_t_per_year),
            Figure::Scope2LocationTPerYear => Some(e.accounting.scope2_location_t_per_year),
            Figure::Scope2MarketTPerYear => Some(e.accounting.scope2_market_t_per_year),
            Figure::Scope3UpstreamTPerYear => e.accounting.scope3_upstream_t_per_year,
        };
        // -0.0 + 0.0 is +0.0; every other value is unchanged.
        value.map(|v| v + 0.0)
    }

    /// Whether `e` has this figure: every contract figure (its value may be undefined), and a
    /// lever's only while the lever is on.
    pub fn applies_to(self, e: &Evaluation) -> bool {
        !self.is_lever() || self.value(e).is_some()
    }
}

/// The figures `e` has, with their values, in `--json` order: the 22 of the contract, the 7
/// of site accounting, then those of the levers that are on.
pub fn of(e: &Evaluation) -> impl Iterator<Item = (Figure, Option<f64>)> + '_ {
    Figure::all()
        .filter(|f| f.applies_to(e))
        .map(|f| (f, f.value(e)))
}

/// A projection's figures over its horizon: the `summary` of `hashwatt project --json`, the
/// window's projection cards. The key names are the public contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct ProjectionSummary {
    pub months: u32,
    pub btc_mined: f64,
    pub revenue_usd: f64,
    pub cash_cost_usd: f64,
    /// The owner's cumulative cash flow at the end of the horizon (after any loan).
    pub cumulative_cash_flow_usd: f64,
    pub npv_usd: f64,
    pub irr_pct: Option<f64>,
    pub payback_month: Option<u32>,
    pub loan_payment_usd_per_month: f64,
    pub loan_interest_usd: f64,
    /// The Monte Carlo figures, with paths.
    #[serde(flatten, skip_serializing_if = "Option::is_none")]
    pub uncertainty: Option<UncertaintySummary>,
}

/// A Monte Carlo run's figures, after the deterministic ones in [`ProjectionSummary`].
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct UncertaintySummary {
    pub paths: u32,
    pub seed: u64,
    /// 0–1.
    pub payback_probability: f64,
    pub cumulative_cash_flow_usd_p5: f64,
    pub cumulative_cash_flow_usd_p25: f64,
    pub cumulative_cash_flow_usd_p50: f64,
    pub cumulative_cash_flow_usd_p75: f64,
    pub cumulative_cash_flow_usd_p95: f64,
    pub cumulative_cash_flow_usd_mean: f64,
    pub btc_mined_p50: f64,
    pub btc_mined_mean: f64,
    pub revenue_usd_mean: f64,
    pub npv_usd_p50: f64,
    pub npv_usd_mean: f64,
    pub irr_pct_p50: Option<f64>,
}

impl ProjectionSummary {
    pub fn of(p: &Projection, mc: Option<&MonteCarlo>) -> ProjectionSummary {
        ProjectionSummary {
            months: p.months.len() as u32,
            btc_mined: p.total_btc,
            revenue_usd: p.total_revenue_usd,
            cash_cost_usd: p.total_cash_cost_usd,
            cumulative_cash_flow_usd: p
                .months
                .last()
                .map_or(-p.equity_usd, |m| m.cumulative_cash_flow_usd),
            npv_usd: p.npv_usd,
            irr_pct: p.irr_pct,
            payback_month: p.payback_month,
            loan_payment_usd_per_month: p.loan_payment_usd_per_month,
            loan_interest_usd: p.loan_interest_usd,
            uncertainty: mc.map(|mc| {
                let (last, mean) = mc.final_cumulative();
                UncertaintySummary {
                    paths: mc.paths,
                    seed: mc.seed,
                    payback_probability: mc.payback_probability,
                    cumulative_cash_flow_usd_p5: last[0],
                    cumulative_cash_flow_usd_p25: last[1],
                    cumulative_cash_flow_usd_p50: last[2],
                    cumulative_cash_flow_usd_p75: last[3],
                    cumulative_cash_flow_usd_p95: last[4],
                    cumulative_cash_flow_usd_mean: mean,
                    btc_mined_p50: mc.btc_mined_p50,
                    btc_mined_mean: mc.btc_mined_mean,
                    revenue_usd_mean: mc.revenue_usd_mean,
                    npv_usd_p50: mc.npv_usd_p50,
                    npv_usd_mean: mc.npv_usd_mean,
                    irr_pct_p50: mc.irr_pct_p50,
                }
            }),
        }
    }
}

/// The columns of `hashwatt project --csv --paths`: one row a month from 0 (the purchase).
pub const PERCENTILE_CSV_HEADER: &str = "month,month_ending,cumulative_cash_flow_usd_p5,cumulative_cash_flow_usd_p25,cumulative_cash_flow_usd_p50,cumulative_cash_flow_usd_p75,cumulative_cash_flow_usd_p95,cumulative_cash_flow_usd_mean,deterministic_cumulative_cash_flow_usd,payback_probability";

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PresetLibrary;
    use crate::scenario_file::ScenarioDoc;

    fn evaluation(edit: impl FnOnce(&mut ScenarioDoc)) -> Evaluation {
        let library = PresetLibrary::builtin();
        let mut doc = library.scenario("texas-s21").unwrap().doc.clone();
        edit(&mut doc);
        crate::model::evaluate(&doc.resolve(&library).unwrap())
    }

    #[test]
    fn keys_are_unique_and_found_again() {
        let keys: std::collections::BTreeSet<&str> = Figure::all().map(Figure::key).collect();
        assert_eq!(
            keys.len(),
            Figure::CONTRACT.len() + Figure::ACCOUNTING.len() + Figure::LEVERS.len()
        );
        for f in Figure::all() {
            assert_eq!(Figure::from_key(f.key()), Some(f));
        }
        assert_eq!(Figure::from_key("profit"), None);
    }

    #[test]
    fn the_contract_is_the_serialised_evaluation_and_levers_appear_when_on() {
        let plain = evaluation(|_| {});
        let keys: Vec<&str> = of(&plain).map(|(f, _)| f.key()).collect();
        let serialised = serde_json::to_value(&plain).unwrap();
        let serialised_keys: Vec<&str> = serialised
            .as_object()
            .unwrap()
            .keys()
            .map(String::as_str)
            .collect();
        let mut sorted = keys.clone();
        sorted.sort_unstable();
        assert_eq!(sorted, serialised_keys, "serde_json sorts its keys");
        assert_eq!(keys.len(), 29);
        assert_eq!(keys[0], "fleet_hashrate_ths");
        assert_eq!(keys[21], "payback_days");
        // The disclosure keys of issue 15: a public contract.
        assert_eq!(
            keys[22..],
            [
                "energy_kwh_per_year",
                "renewable_share_location_pct",
                "renewable_share_market_pct",
                "scope1_t_per_year",
                "scope2_location_t_per_year",
                "scope2_market_t_per_year",
                "scope3_upstream_t_per_year",
            ]
        );

        let heat = evaluation(|doc| {
            doc.levers.heat_reuse = Some(crate::model::levers::HeatReuse {
                share_pct: 50.0,
                price_usd_per_mwh_heat: 30.0,
                ..Default::default()
            });
        });
        let keys: Vec<&str> = of(&heat).map(|(f, _)| f.key()).collect();
        assert_eq!(
            keys[29..],
            ["heat_revenue_usd_per_day", "heat_displaced_co2_t_per_year"]
        );
        for (f, value) in of(&heat) {
            let serialised = serde_json::to_value(&heat).unwrap()[f.key()].as_f64();
            assert_eq!(value, serialised, "{}", f.key());
        }
    }

    #[test]
    fn no_figure_is_negative_zero() {
        // A product with a negative zero (0 × a negative price change) must not print as -0.
        let mut e = evaluation(|_| {});
        e.profit_usd_per_day = -0.0;
        e.break_even_electricity_usd_kwh = Some(-0.0);
        for f in [Figure::ProfitUsdPerDay, Figure::BreakEvenElectricityUsdKwh] {
            let v = f.value(&e).unwrap();
            assert!(v == 0.0 && v.is_sign_positive(), "{}", f.key());
        }
        assert_eq!(Figure::PowerKw.value(&e), Some(e.power_kw));
    }

    #[test]
    fn every_figure_has_words_in_both_languages() {
        for f in Figure::all() {
            for lang in Lang::ALL {
                let w = f.words(lang);
                assert!(!w.label.is_empty() && !w.formula.is_empty(), "{f:?}");
            }
        }
    }
}
