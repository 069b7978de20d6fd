//! One description of every number a user gives a scenario: where it lives in the scenario
//! file, its allowed range, its unit, how finely it is edited and shown, its command-line flag
//! and its label in each language. The window's number fields, the command line's value
//! parsers and the engine's range checks all read it from here.

use crate::i18n::{self, Lang};
use crate::model::limits::{self, Limit};

/// A number a user gives a scenario.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Input {
    ElectricityUsdPerKwh,
    Pue,
    UptimePct,
    PoolFeePct,
    OpexUsdPerMonth,
    CarbonPriceUsdPerT,
    HashrateThs,
    PowerW,
    Units,
    UnitCostUsd,
    HardwareLifeYears,
    BtcPriceUsd,
    NetworkHashrateEhs,
    Difficulty,
    BlockSubsidyBtc,
    BlockHeight,
    FeesBtcPerBlock,
    ProjectionMonths,
    DifficultyGrowthPctPerYear,
    BtcPriceGrowthPctPerYear,
    HalvingDifficultyDropPct,
    HardwareResalePct,
    RenewableSharePct,
    RenewableIntensityGPerKwh,
    RenewableUsdPerKwh,
    CurtailmentHoursPerYear,
    CurtailmentCreditUsdPerMwh,
    HeatReusePct,
    HeatPriceUsdPerMwh,
    HeatDisplacedGPerKwh,
    GeneratorGPerKwh,
    AvoidedFlaringGPerKwh,
    // The projection's investment case and uncertainty.
    DiscountRatePctPerYear,
    LoanUsd,
    LoanRatePctPerYear,
    LoanMonths,
    HostingUsdPerKwh,
    HostingProfitSharePct,
    Paths,
    Seed,
    BtcPriceVolatilityPctPerYear,
    DifficultyVolatilityPctPerYear,
    PriceDifficultyCorrelation,
    // Hour-by-hour dispatch
    DispatchCreditUsdPerMwh,
    DispatchMinRunSteps,
    DispatchMinOffSteps,
    // Contractual instruments (market-based Scope 2).
    CertificatesMwhPerYear,
    CertificateGPerKwh,
    PpaSharePct,
    PpaGPerKwh,
    ResidualMixGPerKwh,
}

/// How an input is written, checked and edited.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct InputSpec {
    /// The field's path in a scenario file; `fleet[]` stands for each entry's index.
    pub path: &'static str,
    /// The command-line flag, without its dashes.
    pub flag: &'static str,
    /// Its allowed range, the same in a file, on the command line and in the window.
    pub limit: Limit,
    /// The unit symbol shown after the value (`%`, `USD/kWh`); empty for a plain number.
    pub unit: &'static str,
    /// How much one pixel of dragging changes it in the window.
    pub step: f64,
    /// Decimals shown and kept when it is edited in the window.
    pub decimals: usize,
}

const fn spec(
    path: &'static str,
    flag: &'static str,
    limit: Limit,
    unit: &'static str,
    step: f64,
    decimals: usize,
) -> InputSpec {
    InputSpec {
        path,
        flag,
        limit,
        unit,
        step,
        decimals,
    }
}

impl Input {
    pub const ALL: [Input; 51] = [
        Input::ElectricityUsdPerKwh,
        Input::Pue,
        Input::UptimePct,
        Input::PoolFeePct,
        Input::OpexUsdPerMonth,
        Input::CarbonPriceUsdPerT,
        Input::HashrateThs,
        Input::PowerW,
        Input::Units,
        Input::UnitCostUsd,
        Input::HardwareLifeYears,
        Input::BtcPriceUsd,
        Input::NetworkHashrateEhs,
        Input::Difficulty,
        Input::BlockSubsidyBtc,
        Input::BlockHeight,
        Input::FeesBtcPerBlock,
        Input::ProjectionMonths,
        Input::DifficultyGrowthPctPerYear,
        Input::BtcPriceGrowthPctPerYear,
        Input::HalvingDifficultyDropPct,
        Input::HardwareResalePct,
        Input::RenewableSharePct,
        Input::RenewableIntensityGPerKwh,
        Input::RenewableUsdPerKwh,
        Input::CurtailmentHoursPerYear,
        Input::CurtailmentCreditUsdPerMwh,
        Input::HeatReusePct,
        Input::HeatPriceUsdPerMwh,
        Input::HeatDisplacedGPerKwh,
        Input::GeneratorGPerKwh,
        Input::AvoidedFlaringGPerKwh,
        Input::DiscountRatePctPerYear,
        Input::LoanUsd,
        Input::LoanRatePctPerYear,
        Input::LoanMonths,
        Input::HostingUsdPerKwh,
        Input::HostingProfitSharePct,
        Input::Paths,
        Input::Seed,
        Input::BtcPriceVolatilityPctPerYear,
        Input::DifficultyVolatilityPctPerYear,
        Input::PriceDifficultyCorrelation,
        Input::DispatchCreditUsdPerMwh,
        Input::DispatchMinRunSteps,
        Input::DispatchMinOffSteps,
        Input::CertificatesMwhPerYear,
        Input::CertificateGPerKwh,
        Input::PpaSharePct,
        Input::PpaGPerKwh,
        Input::ResidualMixGPerKwh,
    ];

    /// The input's description.
    pub fn spec(self) -> InputSpec {
        // Every input is listed once here, so a new one must join a group to compile.
        match self {
            Input::ElectricityUsdPerKwh
            | Input::Pue
            | Input::UptimePct
            | Input::PoolFeePct
            | Input::OpexUsdPerMonth
            | Input::CarbonPriceUsdPerT => self.site_spec(),
            Input::HashrateThs
            | Input::PowerW
            | Input::Units
            | Input::UnitCostUsd
            | Input::HardwareLifeYears => self.fleet_spec(),
            Input::BtcPriceUsd
            | Input::NetworkHashrateEhs
            | Input::Difficulty
            | Input::BlockSubsidyBtc
            | Input::BlockHeight
            | Input::FeesBtcPerBlock => self.market_spec(),
            Input::ProjectionMonths
            | Input::DifficultyGrowthPctPerYear
            | Input::BtcPriceGrowthPctPerYear
            | Input::HalvingDifficultyDropPct
            | Input::HardwareResalePct
            | Input::DiscountRatePctPerYear
            | Input::LoanUsd
            | Input::LoanRatePctPerYear
            | Input::LoanMonths
            | Input::HostingUsdPerKwh
            | Input::HostingProfitSharePct => self.projection_spec(),
            Input::Paths
            | Input::Seed
            | Input::BtcPriceVolatilityPctPerYear
            | Input::DifficultyVolatilityPctPerYear
            | Input::PriceDifficultyCorrelation => self.uncertainty_spec(),
            Input::RenewableSharePct
            | Input::RenewableIntensityGPerKwh
            | Input::RenewableUsdPerKwh
            | Input::CurtailmentHoursPerYear
            | Input::CurtailmentCreditUsdPerMwh
            | Input::HeatReusePct
            | Input::HeatPriceUsdPerMwh
            | Input::HeatDisplacedGPerKwh
            | Input::GeneratorGPerKwh
            | Input::AvoidedFlaringGPerKwh => self.lever_spec(),
            Input::DispatchCreditUsdPerMwh
            | Input::DispatchMinRunSteps
            | Input::DispatchMinOffSteps => self.dispatch_spec(),
            Input::CertificatesMwhPerYear
            | Input::CertificateGPerKwh
            | Input::PpaSharePct
            | Input::PpaGPerKwh
            | Input::ResidualMixGPerKwh => self.instrument_spec(),
        }
    }

    /// The site's running costs and carbon price (`site.*`).
    fn site_spec(self) -> InputSpec {
        use limits::*;
        match self {
            Input::ElectricityUsdPerKwh => spec(
                "site.electricity_usd_per_kwh",
                "electricity-usd-kwh",
                ELECTRICITY_USD_PER_KWH,
                "USD/kWh",
                0.0005,
                4,
            ),
            Input::Pue => spec("site.pue", "pue", PUE, "", 0.005, 3),
            Input::UptimePct => spec("site.uptime_pct", "uptime-pct", PERCENT, "%", 0.1, 2),
            Input::PoolFeePct => spec("site.pool_fee_pct", "pool-fee-pct", PERCENT, "%", 0.05, 2),
            Input::OpexUsdPerMonth => spec(
                "site.opex_usd_per_month",
                "opex-usd-month",
                OPEX_USD_PER_MONTH,
                "USD/month",
                100.0,
                0,
            ),
            Input::CarbonPriceUsdPerT => spec(
                "site.carbon_price_usd_per_t",
                "carbon-price-usd-t",
                CARBON_PRICE_USD_PER_T,
                "USD/t CO₂e",
                0.5,
                2,
            ),
            _ => unreachable!("{self:?} is listed under another group in `spec`"),
        }
    }

    /// A fleet entry's machines (`fleet[].*`) and how long they last.
    fn fleet_spec(self) -> InputSpec {
        use limits::*;
        match self {
            Input::HashrateThs => spec(
                "fleet[].hashrate_ths",
                "hashrate-ths",
                HASHRATE_THS,
                "TH/s",
                0.5,
                3,
            ),
            Input::PowerW => spec("fleet[].power_w", "power-w", POWER_W, "W", 5.0, 0),
            Input::Units => spec("fleet[].units", "units", UNITS, "", 1.0, 0),
            Input::UnitCostUsd => spec(
                "fleet[].unit_cost_usd",
                "hardware-cost-usd",
                UNIT_COST_USD,
                "USD",
                10.0,
                0,
            ),
            Input::HardwareLifeYears => spec(
                "hardware_life_years",
                "hardware-life-years",
                HARDWARE_LIFE_YEARS,
                "years",
                0.05,
                2,
            ),
            _ => unreachable!("{self:?} is listed under another group in `spec`"),
        }
    }

    /// The market and the network (`market.*`).
    fn market_spec(self) -> InputSpec {
        use limits::*;
        match self {
            Input::BtcPriceUsd => spec(
                "market.btc_price_usd",
                "btc-price-usd",
                BTC_PRICE_USD,
                "USD",
                100.0,
                0,
            ),
            Input::NetworkHashrateEhs => spec(
                "market.network",
                "network-hashrate-ehs",
                NETWORK_HASHRATE_EHS,
                "EH/s",
                1.0,
                2,
            ),
            Input::Difficulty => spec("market.network", "difficulty", DIFFICULTY, "", 1e11, 0),
            Input::BlockSubsidyBtc => spec(
                "market.subsidy",
                "block-subsidy-btc",
                BLOCK_SUBSIDY_BTC,
                "BTC",
                0.01,
                8,
            ),
            Input::BlockHeight => spec("market.subsidy", "block-height", BLOCK_HEIGHT, "", 10.0, 0),
            Input::FeesBtcPerBlock => spec(
                "market.fees_btc_per_block",
                "fees-btc-per-block",
                FEES_BTC_PER_BLOCK,
                "BTC",
                0.001,
                4,
            ),
            _ => unreachable!("{self:?} is listed under another group in `spec`"),
        }
    }

    /// The projection's trends and its investment case (`projection.*`).
    fn projection_spec(self) -> InputSpec {
        use limits::*;
        match self {
            Input::ProjectionMonths => spec(
                "projection.months",
                "months",
                PROJECTION_MONTHS,
                "months",
                1.0,
                0,
            ),
            Input::DifficultyGrowthPctPerYear => spec(
                "projection.difficulty_growth_pct_per_year",
                "difficulty-growth-pct-year",
                GROWTH_PCT_PER_YEAR,
                "%/year",
                0.5,
                1,
            ),
            Input::BtcPriceGrowthPctPerYear => spec(
                "projection.btc_price_growth_pct_per_year",
                "btc-price-growth-pct-year",
                GROWTH_PCT_PER_YEAR,
                "%/year",
                0.5,
                1,
            ),
            Input::HalvingDifficultyDropPct => spec(
                "projection.halving_difficulty_drop_pct",
                "halving-difficulty-drop-pct",
                HALVING_DROP_PCT,
                "%",
                0.5,
                1,
            ),
            Input::HardwareResalePct => spec(
                "projection.hardware_resale_pct",
                "hardware-resale-pct",
                PERCENT,
                "%",
                0.5,
                1,
            ),
            Input::DiscountRatePctPerYear => spec(
                "projection.discount_rate_pct_per_year",
                "discount-rate-pct-year",
                DISCOUNT_RATE_PCT_PER_YEAR,
                "%/year",
                0.1,
                1,
            ),
            Input::LoanUsd => spec("projection.loan_usd", "loan-usd", LOAN_USD, "USD", 100.0, 0),
            Input::LoanRatePctPerYear => spec(
                "projection.loan_rate_pct_per_year",
                "loan-rate-pct-year",
                LOAN_RATE_PCT_PER_YEAR,
                "%/year",
                0.1,
                2,
            ),
            Input::LoanMonths => spec(
                "projection.loan_months",
                "loan-months",
                LOAN_MONTHS,
                "months",
                1.0,
                0,
            ),
            Input::HostingUsdPerKwh => spec(
                "projection.hosting_usd_per_kwh",
                "hosting-usd-kwh",
                ELECTRICITY_USD_PER_KWH,
                "USD/kWh",
                0.0005,
                4,
            ),
            Input::HostingProfitSharePct => spec(
                "projection.hosting_profit_share_pct",
                "hosting-profit-share-pct",
                PERCENT,
                "%",
                0.5,
                1,
            ),
            _ => unreachable!("{self:?} is listed under another group in `spec`"),
        }
    }

    /// The projection's Monte Carlo paths and their spread (`projection.*`).
    fn uncertainty_spec(self) -> InputSpec {
        use limits::*;
        match self {
            Input::Paths => spec("projection.paths", "paths", PATHS, "", 10.0, 0),
            Input::Seed => spec("projection.seed", "seed", SEED, "", 1.0, 0),
            Input::BtcPriceVolatilityPctPerYear => spec(
                "projection.btc_price_volatility_pct_per_year",
                "btc-price-volatility-pct-year",
                VOLATILITY_PCT_PER_YEAR,
                "%/year",
                0.5,
                1,
            ),
            Input::DifficultyVolatilityPctPerYear => spec(
                "projection.difficulty_volatility_pct_per_year",
                "difficulty-volatility-pct-year",
                VOLATILITY_PCT_PER_YEAR,
                "%/year",
                0.5,
                1,
            ),
            Input::PriceDifficultyCorrelation => spec(
                "projection.price_difficulty_correlation",
                "price-difficulty-correlation",
                CORRELATION,
                "",
                0.01,
                2,
            ),
            _ => unreachable!("{self:?} is listed under another group in `spec`"),
        }
    }

    /// The levers: renewable supply, curtailment, heat reuse, flared gas (`levers.*`).
    fn lever_spec(self) -> InputSpec {
        use limits::*;
        match self {
            Input::RenewableSharePct => spec(
                "levers.renewable.share_pct",
                "renewable-share-pct",
                PERCENT,
                "%",
                0.5,
                1,
            ),
            Input::RenewableIntensityGPerKwh => spec(
                "levers.renewable.intensity_g_per_kwh",
                "renewable-intensity-g-kwh",
                INTENSITY_G_PER_KWH,
                "g CO₂e/kWh",
                0.5,
                1,
            ),
            Input::RenewableUsdPerKwh => spec(
                "levers.renewable.price_usd_per_kwh",
                "renewable-usd-kwh",
                ELECTRICITY_USD_PER_KWH,
                "USD/kWh",
                0.0005,
                4,
            ),
            Input::CurtailmentHoursPerYear => spec(
                "levers.curtailment.hours_per_year",
                "curtailment-hours-year",
                CURTAILED_HOURS_PER_YEAR,
                "h/year",
                1.0,
                0,
            ),
            Input::CurtailmentCreditUsdPerMwh => spec(
                "levers.curtailment.credit_usd_per_mwh",
                "curtailment-credit-usd-mwh",
                USD_PER_MWH,
                "USD/MWh",
                1.0,
                1,
            ),
            Input::HeatReusePct => spec(
                "levers.heat_reuse.share_pct",
                "heat-reuse-pct",
                PERCENT,
                "%",
                0.5,
                1,
            ),
            Input::HeatPriceUsdPerMwh => spec(
                "levers.heat_reuse.price_usd_per_mwh_heat",
                "heat-price-usd-mwh",
                USD_PER_MWH,
                "USD/MWh",
                0.5,
                1,
            ),
            Input::HeatDisplacedGPerKwh => spec(
                "levers.heat_reuse.displaced_g_per_kwh_heat",
                "heat-displaced-g-kwh",
                INTENSITY_G_PER_KWH,
                "g CO₂e/kWh",
                1.0,
                0,
            ),
            Input::GeneratorGPerKwh => spec(
                "levers.flared_gas.generator_g_per_kwh",
                "generator-g-kwh",
                INTENSITY_G_PER_KWH,
                "g CO₂e/kWh",
                1.0,
                0,
            ),
            Input::AvoidedFlaringGPerKwh => spec(
                "levers.flared_gas.avoided_flaring_g_per_kwh",
                "avoided-flaring-g-kwh",
                INTENSITY_G_PER_KWH,
                "g CO₂e/kWh",
                1.0,
                0,
            ),
            _ => unreachable!("{self:?} is listed under another group in `spec`"),
        }
    }

    /// Hour-by-hour dispatch (`dispatch.*`).
    fn dispatch_spec(self) -> InputSpec {
        use limits::*;
        match self {
            Input::DispatchCreditUsdPerMwh => spec(
                "dispatch.credit_usd_per_mwh",
                "credit-usd-mwh",
                USD_PER_MWH,
                "USD/MWh",
                1.0,
                1,
            ),
            Input::DispatchMinRunSteps => spec(
                "dispatch.min_run_steps",
                "min-run-steps",
                DISPATCH_STEPS,
                "steps",
                1.0,
                0,
            ),
            Input::DispatchMinOffSteps => spec(
                "dispatch.min_off_steps",
                "min-off-steps",
                DISPATCH_STEPS,
                "steps",
                1.0,
                0,
            ),
            _ => unreachable!("{self:?} is listed under another group in `spec`"),
        }
    }

    /// Contractual instruments for market-based Scope 2 (`instruments.*`).
    fn instrument_spec(self) -> InputSpec {
        use limits::*;
        match self {
            Input::CertificatesMwhPerYear => spec(
                "instruments.certificates_mwh_per_year",
                "certificates-mwh-year",
                CERTIFICATES_MWH_PER_YEAR,
                "MWh/year",
                10.0,
                1,
            ),
            Input::CertificateGPerKwh => spec(
                "instruments.certificate_g_per_kwh",
                "certificate-g-kwh",
                INTENSITY_G_PER_KWH,
                "g CO₂e/kWh",
                1.0,
                1,
            ),
            Input::PpaSharePct => spec(
                "instruments.ppa_share_pct",
                "ppa-share-pct",
                PERCENT,
                "%",
                0.5,
                1,
            ),
            Input::PpaGPerKwh => spec(
                "instruments.ppa_g_per_kwh",
                "ppa-g-kwh",
                INTENSITY_G_PER_KWH,
                "g CO₂e/kWh",
                1.0,
                1,
            ),
            Input::ResidualMixGPerKwh => spec(
                "instruments.residual_mix_g_per_kwh",
                "residual-mix-g-kwh",
                INTENSITY_G_PER_KWH,
                "g CO₂e/kWh",
                1.0,
                1,
            ),
            _ => unreachable!("{self:?} is listed under another group in `spec`"),
        }
    }

    /// The allowed range.
    pub fn limit(self) -> Limit {
        self.spec().limit
    }

    /// The input whose command-line flag is `--flag`.
    pub fn from_flag(flag: &str) -> Option<Input> {
        let flag = flag.trim_start_matches('-');
        Input::ALL.into_iter().find(|i| i.spec().flag == flag)
    }

    /// The field's path for fleet entry `index` (`fleet[2].units`), or the field's own path.
    pub fn path_at(self, index: usize) -> String {
        self.spec().path.replace("[]", &format!("[{index}]"))
    }

    /// The label in `lang`, as the window shows it beside the field.
    pub fn label(self, lang: Lang) -> &'static str {
        let s = &i18n::strings(lang).app;
        let v = &i18n::strings(lang).investment;
        let d = &i18n::strings(lang).disclosure;
        match self {
            Input::ElectricityUsdPerKwh => s.electricity_price,
            Input::Pue => s.pue,
            Input::UptimePct => s.uptime,
            Input::PoolFeePct => s.pool_fee,
            Input::OpexUsdPerMonth => s.opex,
            Input::CarbonPriceUsdPerT => s.carbon_price,
            Input::HashrateThs => s.hashrate,
            Input::PowerW => s.power,
            Input::Units => s.units,
            Input::UnitCostUsd => s.unit_price,
            Input::HardwareLifeYears => s.hardware_life,
            Input::BtcPriceUsd => s.btc_price,
            Input::NetworkHashrateEhs => s.network_hashrate,
            Input::Difficulty => s.difficulty,
            Input::BlockSubsidyBtc => s.block_subsidy,
            Input::BlockHeight => s.block_height,
            Input::FeesBtcPerBlock => s.fees_per_block,
            Input::ProjectionMonths => s.projection_months,
            Input::DifficultyGrowthPctPerYear => s.difficulty_growth,
            Input::BtcPriceGrowthPctPerYear => s.price_growth,
            Input::HalvingDifficultyDropPct => s.halving_drop,
            Input::HardwareResalePct => s.resale,
            Input::RenewableSharePct => s.lever_renewable_share,
            Input::RenewableIntensityGPerKwh => s.lever_renewable_intensity,
            Input::RenewableUsdPerKwh => s.lever_renewable_price,
            Input::CurtailmentHoursPerYear => s.lever_curtailment_hours,
            Input::CurtailmentCreditUsdPerMwh => s.lever_curtailment_credit,
            Input::HeatReusePct => s.lever_heat_share,
            Input::HeatPriceUsdPerMwh => s.lever_heat_price,
            Input::HeatDisplacedGPerKwh => s.lever_heat_displaced,
            Input::GeneratorGPerKwh => s.lever_flared_generator,
            Input::AvoidedFlaringGPerKwh => s.lever_flared_avoided,
            Input::DiscountRatePctPerYear => v.discount_rate,
            Input::LoanUsd => v.loan_usd,
            Input::LoanRatePctPerYear => v.loan_rate,
            Input::LoanMonths => v.loan_months,
            Input::HostingUsdPerKwh => v.hosting_price,
            Input::HostingProfitSharePct => v.hosting_profit_share,
            Input::Paths => v.paths,
            Input::Seed => v.seed,
            Input::BtcPriceVolatilityPctPerYear => v.price_volatility,
            Input::DifficultyVolatilityPctPerYear => v.difficulty_volatility,
            Input::PriceDifficultyCorrelation => v.correlation,
            Input::DispatchCreditUsdPerMwh => i18n::strings(lang).dispatch.credit,
            Input::DispatchMinRunSteps => i18n::strings(lang).dispatch.min_run,
            Input::DispatchMinOffSteps => i18n::strings(lang).dispatch.min_off,
            Input::CertificatesMwhPerYear => d.certificates,
            Input::CertificateGPerKwh => d.certificate_factor,
            Input::PpaSharePct => d.ppa_share,
            Input::PpaGPerKwh => d.ppa_factor,
            Input::ResidualMixGPerKwh => d.residual_mix,
        }
    }

    /// The unit in `lang` as it follows a value (` USD/kWh`, ` 年`); empty for a plain number.
    pub fn suffix(self, lang: Lang) -> String {
        let s = &i18n::strings(lang).app;
        match self.spec().unit {
            "" => String::new(),
            "USD/kWh" => s.unit_usd_per_kwh.to_string(),
            "USD/month" => s.unit_usd_per_month.to_string(),
            "USD/t CO₂e" => s.unit_usd_per_t.to_string(),
            "years" => s.unit_years.to_string(),
            "%/year" => s.unit_pct_per_year.to_string(),
            "months" => s.unit_months.to_string(),
            "steps" => format!(" {}", i18n::strings(lang).problems.unit_steps),
            "MWh/year" => i18n::strings(lang).disclosure.unit_mwh_per_year.to_string(),
            unit => format!(" {unit}"),
        }
    }

    /// `value` if it is allowed, else what is allowed (the message a file or flag gets).
    pub fn check(self, value: f64) -> Result<f64, limits::OutOfRange> {
        self.limit().check(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flags_and_paths_are_unique_and_found_again() {
        let flags: std::collections::BTreeSet<&str> =
            Input::ALL.iter().map(|i| i.spec().flag).collect();
        assert_eq!(flags.len(), Input::ALL.len());
        for input in Input::ALL {
            assert_eq!(
                Input::from_flag(&format!("--{}", input.spec().flag)),
                Some(input)
            );
        }
        assert_eq!(Input::from_flag("--lang"), None);
        assert_eq!(Input::Units.path_at(2), "fleet[2].units");
        assert_eq!(Input::Pue.path_at(2), "site.pue");
    }

    #[test]
    fn every_input_has_words_and_a_step_inside_its_range() {
        for input in Input::ALL {
            let spec = input.spec();
            assert!(spec.step > 0.0 && spec.step < spec.limit.max, "{input:?}");
            if spec.limit.integer {
                assert_eq!(spec.decimals, 0, "{input:?}");
            }
            for lang in Lang::ALL {
                assert!(!input.label(lang).is_empty(), "{input:?}");
            }
        }
        assert_eq!(Input::ElectricityUsdPerKwh.suffix(Lang::En), " USD/kWh");
        assert_eq!(Input::UptimePct.suffix(Lang::En), " %");
        assert_eq!(Input::Pue.suffix(Lang::En), "");
        assert_eq!(Input::ProjectionMonths.suffix(Lang::Zh), " 个月");
    }

    #[test]
    fn the_engines_range_checks_use_the_same_limits() {
        // A scenario checked by the engine names the input's path and its limit's words.
        let library = crate::presets::PresetLibrary::builtin();
        let mut doc = crate::scenario_file::ScenarioDoc::default();
        doc.site.pue = 0.5;
        let e = doc.resolve(&library).unwrap_err();
        assert_eq!(e.field, Input::Pue.spec().path);
        assert_eq!(Err(e.problem), Input::Pue.check(0.5).map_err(Into::into));
    }
}
