//! One description of every result figure, one row each in [`figures!`] below: its key (the
//! `--json` contract), how its value is shown, which way it is better, where the text report
//! lists it, its words in each language and its value in an evaluation. The window's cards,
//! the `report` table, `--json`, CSV, Markdown and PDF export and `compare` all list figures
//! from this table and show their values with [`format_value`] or [`format_number`], so a
//! figure added once appears everywhere, in the same order, and a missing value reads the same
//! way in every output.

use crate::format;
use crate::i18n::{self, Lang, Strings, fill, results::FigureWords};
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

/// Which figures an evaluation has.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Group {
    /// The figures of the `--json` contract: every evaluation has them (a value may be
    /// undefined).
    Contract,
    /// Site accounting (GHG Protocol Scope 2 Guidance, MiCA S.8–S.13): every evaluation has them.
    Accounting,
    /// A policy or site lever's: present only while its lever is on.
    Lever,
}

/// What a money figure is counted per, in the words of the text report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Per {
    Kwh,
    PhDay,
}

/// How a figure's value is shown to people, and what a missing value reads as.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    /// A number in the figure's own unit: `60,000 TH/s`.
    Number,
    /// Power given in kW, shown in W, kW, MW or GW.
    Power,
    /// Energy given in `kwh` kWh, shown in kWh, MWh, GWh or TWh.
    Energy { kwh: f64 },
    /// A mass of CO₂ given in `kg` kg, shown in kg, t, kt, Mt or Gt.
    Mass { kg: f64 },
    /// US dollars: `$1,234`, `-$12.35`.
    Money,
    /// US dollars per kWh or per PH/s a day: `$0.0660 per kWh`.
    Rate(Per),
    /// A percentage at one decimal: `97.5 %`.
    Share,
    /// Days to pay back, with the years: `412 days (1.1 years)`; missing, `never`.
    Duration,
    /// A Scope 1/2/3 disclosure figure in its fixed unit (t CO₂e/year, %); missing, `not
    /// splittable` (the intensity used cannot be split, or there is no energy to share).
    Scope,
}

impl Kind {
    /// What a missing value reads as, in every output that shows it to people.
    pub fn missing(self, lang: Lang) -> &'static str {
        let s = i18n::strings(lang);
        match self {
            Kind::Duration => s.results.never,
            Kind::Scope => s.disclosure.not_splittable,
            _ => s.results.undefined,
        }
    }
}

/// A value as people read it, in two parts: the number (with its sign and currency) and its
/// unit, scaled to the value's size where the kind has a ladder of units (`1.134`, `MW`); `unit`
/// is the figure's own, for the kinds shown in it. A missing value is the kind's word
/// ([`Kind::missing`]) with no unit.
pub fn format_parts(kind: Kind, value: Option<f64>, unit: &str, lang: Lang) -> (String, String) {
    let Some(v) = value else {
        return (kind.missing(lang).to_string(), String::new());
    };
    let s = i18n::strings(lang);
    let owned = |(value, unit): (String, &str)| (value, unit.to_string());
    match kind {
        Kind::Number | Kind::Scope => (format::number(v), unit.to_string()),
        Kind::Power => owned(format::power_kw_parts(v)),
        Kind::Energy { kwh } => owned(format::energy_kwh_parts(v * kwh)),
        Kind::Mass { kg } => owned(format::co2_kg_parts(v * kg)),
        Kind::Money => (format::usd(v), String::new()),
        Kind::Rate(per) => (
            format::usd(v),
            match per {
                Per::Kwh => s.network.unit_per_kwh,
                Per::PhDay => s.network.unit_per_ph_day,
            }
            .to_string(),
        ),
        Kind::Share => (format::fixed(v, 1), unit.to_string()),
        Kind::Duration => (
            fill(
                s.cli.payback_days,
                &[
                    ("days", &format::fixed(v, 0)),
                    ("years", &format::fixed(v / crate::model::DAYS_PER_YEAR, 1)),
                ],
            ),
            String::new(),
        ),
    }
}

/// A value as people read it, its number and unit in one: `1.134 MW`, `$0.0660 per kWh`,
/// `never`. The window's cards and the text report show this.
pub fn format_value(kind: Kind, value: Option<f64>, unit: &str, lang: Lang) -> String {
    match format_parts(kind, value, unit, lang) {
        (number, unit) if unit.is_empty() => number,
        (number, unit) => format!("{number} {unit}"),
    }
}

/// A value as tables with a column of units show it (Markdown, the PDF report, `compare`): the
/// number in the figure's own unit with thousands separators, or the kind's missing word.
pub fn format_number(kind: Kind, value: Option<f64>, lang: Lang) -> String {
    value.map_or_else(|| kind.missing(lang).to_string(), format::number)
}

/// The sections of the text report, in its order.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum Section {
    Power,
    Carbon,
    Scopes,
    Mining,
    Money,
    BreakEven,
    Levers,
}

impl Section {
    pub const ALL: [Section; 7] = [
        Section::Power,
        Section::Carbon,
        Section::Scopes,
        Section::Mining,
        Section::Money,
        Section::BreakEven,
        Section::Levers,
    ];

    /// The section's heading in `lang`.
    pub fn heading(self, lang: Lang) -> &'static str {
        let s = i18n::strings(lang);
        let t = &s.cli;
        match self {
            Section::Power => t.section_power,
            Section::Carbon => t.section_carbon,
            Section::Scopes => s.disclosure.section_scopes,
            Section::Mining => t.section_mining,
            Section::Money => t.section_money,
            Section::BreakEven => t.section_break_even,
            Section::Levers => t.section_levers,
        }
    }
}

/// One figure's description: a row of [`TABLE`].
#[derive(Clone, Copy, Debug)]
pub struct Spec {
    pub figure: Figure,
    /// The key in `--json`, CSV and compare output: never translated.
    pub key: &'static str,
    pub group: Group,
    pub kind: Kind,
    /// Which way the figure is better, for marking the best site in a comparison.
    pub better: Better,
    /// Where the text report lists the figure: its section, and its place there.
    pub section: Section,
    pub rank: u8,
    /// The figure's label, unit and formula, from a language's strings.
    pub words: fn(&'static Strings) -> FigureWords,
    /// The figure's value in an evaluation: `None` when it is undefined (a division by zero)
    /// or its lever is off.
    pub value: fn(&Evaluation) -> Option<f64>,
}

/// Declares [`Figure`] and [`TABLE`] from one list, so that every figure has exactly one row,
/// in `--json` order.
macro_rules! figures {
    ($($(#[$meta:meta])* $name:ident { $($field:ident: $value:expr),+ $(,)? })+) => {
        /// A result figure of an evaluation, in `--json` order; its description is its row of
        /// [`TABLE`].
        #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
        pub enum Figure {
            $($(#[$meta])* $name,)+
        }

        /// Every figure's description, in `--json` order: the 22 of the contract, the 7 of
        /// site accounting, then the levers'. Figure `f`'s row is `TABLE[f as usize]`.
        pub const TABLE: &[Spec] = &[$(Spec { figure: Figure::$name, $($field: $value),+ },)+];
    };
}

// Adding a figure: a row here, its value in the engine's `Evaluation`, and its words in both
// languages' string tables. Every output lists it from this table.
figures! {
    FleetHashrateThs {
        key: "fleet_hashrate_ths", group: Group::Contract, kind: Kind::Number,
        better: Better::Neither, section: Section::Power, rank: 0,
        words: |s| s.results.fleet_hashrate_ths, value: |e| Some(e.fleet_hashrate_ths),
    }
    EfficiencyJPerTh {
        key: "efficiency_j_per_th", group: Group::Contract, kind: Kind::Number,
        better: Better::Lower, section: Section::Power, rank: 1,
        words: |s| s.results.efficiency_j_per_th, value: |e| e.efficiency_j_per_th,
    }
    PowerKw {
        key: "power_kw", group: Group::Contract, kind: Kind::Power,
        better: Better::Neither, section: Section::Power, rank: 2,
        words: |s| s.results.power_kw, value: |e| Some(e.power_kw),
    }
    EnergyKwhPerDay {
        key: "energy_kwh_per_day", group: Group::Contract, kind: Kind::Energy { kwh: 1.0 },
        better: Better::Neither, section: Section::Power, rank: 3,
        words: |s| s.results.energy_kwh_per_day, value: |e| Some(e.energy_kwh_per_day),
    }
    EnergyMwhPerYear {
        key: "energy_mwh_per_year", group: Group::Contract, kind: Kind::Energy { kwh: 1000.0 },
        better: Better::Neither, section: Section::Power, rank: 4,
        words: |s| s.results.energy_mwh_per_year, value: |e| Some(e.energy_mwh_per_year),
    }
    GridIntensityGPerKwh {
        key: "grid_intensity_g_per_kwh", group: Group::Contract, kind: Kind::Number,
        better: Better::Lower, section: Section::Carbon, rank: 0,
        words: |s| s.results.grid_intensity_g_per_kwh,
        value: |e| Some(e.grid_intensity_g_per_kwh),
    }
    Co2KgPerDay {
        key: "co2_kg_per_day", group: Group::Contract, kind: Kind::Mass { kg: 1.0 },
        better: Better::Lower, section: Section::Carbon, rank: 1,
        words: |s| s.results.co2_kg_per_day, value: |e| Some(e.co2_kg_per_day),
    }
    Co2TPerYear {
        key: "co2_t_per_year", group: Group::Contract, kind: Kind::Mass { kg: 1000.0 },
        better: Better::Lower, section: Section::Carbon, rank: 2,
        words: |s| s.results.co2_t_per_year, value: |e| Some(e.co2_t_per_year),
    }
    NetworkHashrateEhs {
        key: "network_hashrate_ehs", group: Group::Contract, kind: Kind::Number,
        better: Better::Neither, section: Section::Mining, rank: 0,
        words: |s| s.results.network_hashrate_ehs, value: |e| Some(e.network_hashrate_ehs),
    }
    BtcPerDay {
        key: "btc_per_day", group: Group::Contract, kind: Kind::Number,
        better: Better::Higher, section: Section::Mining, rank: 2,
        words: |s| s.results.btc_per_day, value: |e| Some(e.btc_per_day),
    }
    RevenueUsdPerDay {
        key: "revenue_usd_per_day", group: Group::Contract, kind: Kind::Money,
        better: Better::Higher, section: Section::Money, rank: 0,
        words: |s| s.results.revenue_usd_per_day, value: |e| Some(e.revenue_usd_per_day),
    }
    ElectricityCostUsdPerDay {
        key: "electricity_cost_usd_per_day", group: Group::Contract, kind: Kind::Money,
        better: Better::Lower, section: Section::Money, rank: 1,
        words: |s| s.results.electricity_cost_usd_per_day,
        value: |e| Some(e.electricity_cost_usd_per_day),
    }
    CarbonCostUsdPerDay {
        key: "carbon_cost_usd_per_day", group: Group::Contract, kind: Kind::Money,
        better: Better::Lower, section: Section::Money, rank: 3,
        words: |s| s.results.carbon_cost_usd_per_day,
        value: |e| Some(e.carbon_cost_usd_per_day),
    }
    OpexUsdPerDay {
        key: "opex_usd_per_day", group: Group::Contract, kind: Kind::Money,
        better: Better::Lower, section: Section::Money, rank: 2,
        words: |s| s.results.opex_usd_per_day, value: |e| Some(e.opex_usd_per_day),
    }
    ProfitUsdPerDay {
        key: "profit_usd_per_day", group: Group::Contract, kind: Kind::Money,
        better: Better::Higher, section: Section::Money, rank: 4,
        words: |s| s.results.profit_usd_per_day, value: |e| Some(e.profit_usd_per_day),
    }
    HashpriceUsdPerPhDay {
        key: "hashprice_usd_per_ph_day", group: Group::Contract, kind: Kind::Rate(Per::PhDay),
        better: Better::Higher, section: Section::Mining, rank: 1,
        words: |s| s.results.hashprice_usd_per_ph_day,
        value: |e| Some(e.hashprice_usd_per_ph_day),
    }
    BreakEvenBtcPriceUsd {
        key: "break_even_btc_price_usd", group: Group::Contract, kind: Kind::Money,
        better: Better::Lower, section: Section::BreakEven, rank: 0,
        words: |s| s.results.break_even_btc_price_usd, value: |e| e.break_even_btc_price_usd,
    }
    AllInCostPerBtcUsd {
        key: "all_in_cost_per_btc_usd", group: Group::Contract, kind: Kind::Money,
        better: Better::Lower, section: Section::BreakEven, rank: 1,
        words: |s| s.results.all_in_cost_per_btc_usd, value: |e| e.all_in_cost_per_btc_usd,
    }
    BreakEvenElectricityUsdKwh {
        key: "break_even_electricity_usd_kwh", group: Group::Contract,
        kind: Kind::Rate(Per::Kwh), better: Better::Higher, section: Section::BreakEven,
        rank: 2, words: |s| s.results.break_even_electricity_usd_kwh,
        value: |e| e.break_even_electricity_usd_kwh,
    }
    EnergyKwhPerBtc {
        key: "energy_kwh_per_btc", group: Group::Contract, kind: Kind::Energy { kwh: 1.0 },
        better: Better::Lower, section: Section::Mining, rank: 3,
        words: |s| s.results.energy_kwh_per_btc, value: |e| e.energy_kwh_per_btc,
    }
    Co2TPerBtc {
        key: "co2_t_per_btc", group: Group::Contract, kind: Kind::Mass { kg: 1000.0 },
        better: Better::Lower, section: Section::Carbon, rank: 3,
        words: |s| s.results.co2_t_per_btc, value: |e| e.co2_t_per_btc,
    }
    PaybackDays {
        key: "payback_days", group: Group::Contract, kind: Kind::Duration,
        better: Better::Lower, section: Section::BreakEven, rank: 3,
        words: |s| s.results.payback_days, value: |e| e.payback_days,
    }
    EnergyKwhPerYear {
        key: "energy_kwh_per_year", group: Group::Accounting, kind: Kind::Number,
        better: Better::Neither, section: Section::Scopes, rank: 0,
        words: |s| s.disclosure.energy_kwh_per_year,
        value: |e| Some(e.accounting.energy_kwh_per_year),
    }
    RenewableShareLocationPct {
        key: "renewable_share_location_pct", group: Group::Accounting, kind: Kind::Scope,
        better: Better::Higher, section: Section::Scopes, rank: 5,
        words: |s| s.disclosure.renewable_share_location_pct,
        value: |e| e.accounting.renewable_share_location_pct,
    }
    RenewableShareMarketPct {
        key: "renewable_share_market_pct", group: Group::Accounting, kind: Kind::Scope,
        better: Better::Higher, section: Section::Scopes, rank: 6,
        words: |s| s.disclosure.renewable_share_market_pct,
        value: |e| e.accounting.renewable_share_market_pct,
    }
    Scope1TPerYear {
        key: "scope1_t_per_year", group: Group::Accounting, kind: Kind::Scope,
        better: Better::Lower, section: Section::Scopes, rank: 1,
        words: |s| s.disclosure.scope1_t_per_year,
        value: |e| Some(e.accounting.scope1_t_per_year),
    }
    Scope2LocationTPerYear {
        key: "scope2_location_t_per_year", group: Group::Accounting, kind: Kind::Scope,
        better: Better::Lower, section: Section::Scopes, rank: 2,
        words: |s| s.disclosure.scope2_location_t_per_year,
        value: |e| Some(e.accounting.scope2_location_t_per_year),
    }
    Scope2MarketTPerYear {
        key: "scope2_market_t_per_year", group: Group::Accounting, kind: Kind::Scope,
        better: Better::Lower, section: Section::Scopes, rank: 3,
        words: |s| s.disclosure.scope2_market_t_per_year,
        value: |e| Some(e.accounting.scope2_market_t_per_year),
    }
    Scope3UpstreamTPerYear {
        key: "scope3_upstream_t_per_year", group: Group::Accounting, kind: Kind::Scope,
        better: Better::Lower, section: Section::Scopes, rank: 4,
        words: |s| s.disclosure.scope3_upstream_t_per_year,
        value: |e| e.accounting.scope3_upstream_t_per_year,
    }
    EffectiveUptimePct {
        key: "effective_uptime_pct", group: Group::Lever, kind: Kind::Share,
        better: Better::Higher, section: Section::Levers, rank: 1,
        words: |s| s.results.effective_uptime_pct, value: |e| e.effective_uptime_pct,
    }
    CurtailmentCreditUsdPerDay {
        key: "curtailment_credit_usd_per_day", group: Group::Lever, kind: Kind::Money,
        better: Better::Higher, section: Section::Levers, rank: 2,
        words: |s| s.results.curtailment_credit_usd_per_day,
        value: |e| e.curtailment_credit_usd_per_day,
    }
    SupplyPriceUsdPerKwh {
        key: "supply_price_usd_per_kwh", group: Group::Lever, kind: Kind::Rate(Per::Kwh),
        better: Better::Lower, section: Section::Levers, rank: 0,
        words: |s| s.results.supply_price_usd_per_kwh, value: |e| e.supply_price_usd_per_kwh,
    }
    HeatRevenueUsdPerDay {
        key: "heat_revenue_usd_per_day", group: Group::Lever, kind: Kind::Money,
        better: Better::Higher, section: Section::Levers, rank: 3,
        words: |s| s.results.heat_revenue_usd_per_day, value: |e| e.heat_revenue_usd_per_day,
    }
    // A counterfactual beside the site's own emissions: not a merit.
    HeatDisplacedCo2TPerYear {
        key: "heat_displaced_co2_t_per_year", group: Group::Lever,
        kind: Kind::Mass { kg: 1000.0 }, better: Better::Neither, section: Section::Levers,
        rank: 4, words: |s| s.results.heat_displaced_co2_t_per_year,
        value: |e| e.heat_displaced_co2_t_per_year,
    }
    FlaringAvoidedCo2TPerYear {
        key: "flaring_avoided_co2_t_per_year", group: Group::Lever,
        kind: Kind::Mass { kg: 1000.0 }, better: Better::Neither, section: Section::Levers,
        rank: 5, words: |s| s.results.flaring_avoided_co2_t_per_year,
        value: |e| e.flaring_avoided_co2_t_per_year,
    }
}

impl Figure {
    /// The figure's row of [`TABLE`].
    pub fn spec(self) -> &'static Spec {
        &TABLE[self as usize]
    }

    /// Every figure, in `--json` order: the contract's, the accounting's, then the levers'.
    pub fn all() -> impl Iterator<Item = Figure> {
        TABLE.iter().map(|s| s.figure)
    }

    /// The figures of `group`, in `--json` order.
    pub fn of_group(group: Group) -> impl Iterator<Item = Figure> {
        Figure::all().filter(move |f| f.spec().group == group)
    }

    /// Every figure in the text report's order: by section, then by place in its section.
    pub fn in_report_order() -> Vec<Figure> {
        let mut all: Vec<Figure> = Figure::all().collect();
        all.sort_by_key(|f| (f.spec().section, f.spec().rank));
        all
    }

    /// The figure whose key is `key`.
    pub fn from_key(key: &str) -> Option<Figure> {
        Figure::all().find(|f| f.key() == key)
    }

    /// The key in `--json`, CSV and compare output: never translated.
    pub fn key(self) -> &'static str {
        self.spec().key
    }

    /// Which way the figure is better, for marking the best site in a comparison.
    pub fn better(self) -> Better {
        self.spec().better
    }

    /// How the figure's value is shown.
    pub fn kind(self) -> Kind {
        self.spec().kind
    }

    /// Whether the figure is a lever's, shown only while its lever is on.
    pub fn is_lever(self) -> bool {
        self.spec().group == Group::Lever
    }

    /// The figure's label, unit and formula in `lang`.
    pub fn words(self, lang: Lang) -> FigureWords {
        (self.spec().words)(i18n::strings(lang))
    }

    /// The figure's value in `e`: `None` when it is undefined (a division by zero) or its
    /// lever is off. A negative zero is given as 0, so no output shows `-0`.
    pub fn value(self, e: &Evaluation) -> Option<f64> {
        // -0.0 + 0.0 is +0.0; every other value is unchanged.
        (self.spec().value)(e).map(|v| v + 0.0)
    }

    /// Whether `e` has this figure: every contract and accounting figure (its value may be
    /// undefined), and a lever's only while the lever is on.
    pub fn applies_to(self, e: &Evaluation) -> bool {
        !self.is_lever() || self.value(e).is_some()
    }

    /// `value` as people read it in `lang`: [`format_parts`] with the figure's kind and unit.
    pub fn format_parts(self, value: Option<f64>, lang: Lang) -> (String, String) {
        format_parts(self.kind(), value, self.words(lang).unit, lang)
    }

    /// `value` as people read it in `lang`, number and unit in one: [`format_value`].
    pub fn format_value(self, value: Option<f64>, lang: Lang) -> String {
        format_value(self.kind(), value, self.words(lang).unit, lang)
    }

    /// `value` for a table with a column of units: [`format_number`].
    pub fn format_number(self, value: Option<f64>, lang: Lang) -> String {
        format_number(self.kind(), value, lang)
    }

    /// `value` for a table without a column of units (the PDF report, the window's Scope
    /// table): [`format_number`] and the figure's unit, or the missing word alone.
    pub fn format_number_with_unit(self, value: Option<f64>, lang: Lang) -> String {
        let number = self.format_number(value, lang);
        match value {
            Some(_) => format!("{number} {}", self.words(lang).unit),
            None => number,
        }
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
        assert_eq!(keys.len(), TABLE.len());
        assert_eq!(
            [Group::Contract, Group::Accounting, Group::Lever].map(|g| Figure::of_group(g).count()),
            [22, 7, 6]
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

    #[test]
    fn every_row_is_its_figures_and_the_report_places_are_unique() {
        for (i, spec) in TABLE.iter().enumerate() {
            assert_eq!(spec.figure as usize, i, "{:?}", spec.figure);
            assert_eq!(spec.figure.spec().key, spec.key);
        }
        let places: std::collections::BTreeSet<(Section, u8)> =
            TABLE.iter().map(|s| (s.section, s.rank)).collect();
        assert_eq!(
            places.len(),
            TABLE.len(),
            "two figures share a place in the report"
        );
        let order = Figure::in_report_order();
        assert_eq!(order.len(), TABLE.len());
        assert_eq!(order[0], Figure::FleetHashrateThs);
        assert_eq!(order.last(), Some(&Figure::FlaringAvoidedCo2TPerYear));
    }

    #[test]
    fn each_kind_shows_its_value_and_one_word_for_a_missing_one() {
        let en = Lang::En;
        let parts = |f: Figure, v: f64| f.format_parts(Some(v), en);
        let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
        assert_eq!(
            parts(Figure::FleetHashrateThs, 60_000.0),
            pair("60,000", "TH/s")
        );
        assert_eq!(parts(Figure::PowerKw, 1_134.0), pair("1.134", "MW"));
        assert_eq!(
            parts(Figure::EnergyMwhPerYear, 25.855),
            pair("25.86", "MWh")
        );
        assert_eq!(parts(Figure::Co2TPerYear, 0.5), pair("500.0", "kg"));
        assert_eq!(parts(Figure::ProfitUsdPerDay, -12.345), pair("-$12.35", ""));
        assert_eq!(
            Figure::SupplyPriceUsdPerKwh.format_value(Some(0.066), en),
            "$0.0660 per kWh"
        );
        assert_eq!(
            Figure::EffectiveUptimePct.format_value(Some(97.46), en),
            "97.5 %"
        );
        assert_eq!(
            Figure::PaybackDays.format_value(Some(730.6), en),
            "731 days (2.0 years)"
        );
        assert_eq!(
            Figure::Scope2MarketTPerYear.format_value(Some(1234.6), en),
            "1,235 t CO₂e/year"
        );
        for lang in Lang::ALL {
            for f in Figure::all() {
                let missing = f.kind().missing(lang);
                assert_eq!(f.format_value(None, lang), missing, "{f:?}");
                assert_eq!(f.format_number(None, lang), missing, "{f:?}");
            }
        }
        assert_eq!(Figure::PaybackDays.format_value(None, en), "never");
        assert_eq!(
            Figure::Scope3UpstreamTPerYear.format_value(None, en),
            "not splittable"
        );
        assert_eq!(Figure::EfficiencyJPerTh.format_value(None, en), "—");
        assert_eq!(Figure::PaybackDays.format_value(None, Lang::Zh), "无法回本");
    }
}
