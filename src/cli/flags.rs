//! The flags several subcommands share (a scenario's inputs, the projection's assumptions) and
//! the language messages are said in. Every numeric flag is checked against the same limits the
//! engine uses, so a bad value is refused with the flag's name and what is allowed. Numeric flags
//! take values that begin with a hyphen, so `-inf` or `-NaN` reaches the value parser (and its
//! message) instead of being read as a short flag.

use crate::i18n::{self, Lang, cli::CliStrings, fill};
use crate::inputs::Input;
use crate::model::{EnergyMix, EnergySource, limits, limits::Limit};
use clap::Args;
use std::ffi::OsString;
use std::path::PathBuf;
use std::sync::atomic::{AtomicU8, Ordering};

/// The language `--lang` names in these arguments, if one does, read before clap parses them so
/// that clap's own errors can be told in it.
pub fn lang_in_args(args: &[OsString]) -> Option<Lang> {
    let args: Vec<&str> = args.iter().skip(1).filter_map(|a| a.to_str()).collect();
    let mut given = None;
    for (i, arg) in args.iter().enumerate() {
        if *arg == "--" {
            break;
        }
        let value = match arg.strip_prefix("--lang") {
            Some("") => args.get(i + 1).copied(),
            Some(rest) => rest.strip_prefix('='),
            None => None,
        };
        if let Some(value) = value {
            given = Lang::ALL
                .into_iter()
                .find(|l| l.code().eq_ignore_ascii_case(value.trim()));
        }
    }
    given
}

/// The language of the value parsers' messages. Clap's value parsers take no context, so the
/// command line sets this once, before it parses (English until then).
static MESSAGE_LANG: AtomicU8 = AtomicU8::new(0);

/// Sets the language the value parsers' messages are written in.
pub fn set_message_lang(lang: Lang) {
    MESSAGE_LANG.store(
        Lang::ALL.iter().position(|&l| l == lang).unwrap_or(0) as u8,
        Ordering::Relaxed,
    );
}

/// The language messages are written in.
pub(crate) fn message_lang() -> Lang {
    Lang::ALL
        .get(usize::from(MESSAGE_LANG.load(Ordering::Relaxed)))
        .copied()
        .unwrap_or_default()
}

/// The words of the value parsers' messages.
pub(crate) fn message_words() -> &'static CliStrings {
    &i18n::strings(message_lang()).cli
}

/// What a limit allows, in words in the messages' language.
pub(crate) fn allowed(limit: Limit) -> String {
    limit.allowed_in(message_lang())
}

/// Projection assumptions; each overrides the scenario file's `projection` value (default 0).
#[derive(Debug, Args, Default)]
pub struct ProjectionFlags {
    /// Network difficulty growth, %/year (compounded monthly).
    #[arg(long = "difficulty-growth-pct-year", value_name = "G", value_parser = input(Input::DifficultyGrowthPctPerYear), allow_hyphen_values = true)]
    pub difficulty_growth_pct_year: Option<f64>,
    /// BTC price growth, %/year (compounded monthly).
    #[arg(long = "btc-price-growth-pct-year", value_name = "G", value_parser = input(Input::BtcPriceGrowthPctPerYear), allow_hyphen_values = true)]
    pub btc_price_growth_pct_year: Option<f64>,
    /// Share of the network that switches off at each halving, %.
    #[arg(long = "halving-difficulty-drop-pct", value_name = "X", value_parser = input(Input::HalvingDifficultyDropPct), allow_hyphen_values = true)]
    pub halving_difficulty_drop_pct: Option<f64>,
    /// What the hardware sells for at the end, % of its cost.
    #[arg(long = "hardware-resale-pct", value_name = "R", value_parser = input(Input::HardwareResalePct), allow_hyphen_values = true)]
    pub hardware_resale_pct: Option<f64>,
    /// Switch the fleet off in months whose mining would lose cash (fixed opex is still paid).
    #[arg(long = "switch-off-when-losing")]
    pub switch_off_when_losing: bool,
    /// Discount rate for the NPV, effective %/year (default 10).
    #[arg(long = "discount-rate-pct-year", value_name = "D", value_parser = input(Input::DiscountRatePctPerYear), allow_hyphen_values = true, help_heading = "Investment")]
    pub discount_rate_pct_year: Option<f64>,
    /// Borrowed towards the hardware, USD, repaid as an annuity (default 0: none).
    #[arg(long = "loan-usd", value_name = "L", value_parser = input(Input::LoanUsd), allow_hyphen_values = true, help_heading = "Investment")]
    pub loan_usd: Option<f64>,
    /// The loan's nominal annual rate, %/year (monthly rate = rate / 12; default 10).
    #[arg(long = "loan-rate-pct-year", value_name = "R", value_parser = input(Input::LoanRatePctPerYear), allow_hyphen_values = true, help_heading = "Investment")]
    pub loan_rate_pct_year: Option<f64>,
    /// The loan's term, months (default 24).
    #[arg(long = "loan-months", value_name = "N", value_parser = input_whole(Input::LoanMonths), allow_hyphen_values = true, help_heading = "Investment")]
    pub loan_months: Option<u32>,
    /// A hosting price, USD/kWh, that replaces the site's power price.
    #[arg(long = "hosting-usd-kwh", value_name = "P", value_parser = input(Input::HostingUsdPerKwh), allow_hyphen_values = true, help_heading = "Investment")]
    pub hosting_usd_kwh: Option<f64>,
    /// The host's share of each month's positive profit, %.
    #[arg(long = "hosting-profit-share-pct", value_name = "S", value_parser = input(Input::HostingProfitSharePct), allow_hyphen_values = true, help_heading = "Investment")]
    pub hosting_profit_share_pct: Option<f64>,
}

/// The Monte Carlo projection's flags (`hashwatt project`). Any of them runs the paths.
#[derive(Debug, Args, Default)]
pub struct UncertaintyFlags {
    /// Monte Carlo paths, 1 to 100000 (default: the file's `projection.paths`, else 2000).
    #[arg(long, value_name = "N", value_parser = input_whole(Input::Paths), allow_hyphen_values = true, help_heading = "Uncertainty")]
    pub paths: Option<u32>,
    /// The paths' seed: the same seed gives the same numbers on any machine (default 1).
    #[arg(long, value_name = "S", value_parser = whole_u64(Input::Seed.limit()), allow_hyphen_values = true, help_heading = "Uncertainty")]
    pub seed: Option<u64>,
    /// The BTC price's annual volatility, %/year (default 60).
    #[arg(long = "btc-price-volatility-pct-year", value_name = "V", value_parser = input(Input::BtcPriceVolatilityPctPerYear), allow_hyphen_values = true, help_heading = "Uncertainty")]
    pub btc_price_volatility_pct_year: Option<f64>,
    /// The difficulty's annual volatility, %/year (default 20).
    #[arg(long = "difficulty-volatility-pct-year", value_name = "V", value_parser = input(Input::DifficultyVolatilityPctPerYear), allow_hyphen_values = true, help_heading = "Uncertainty")]
    pub difficulty_volatility_pct_year: Option<f64>,
    /// The correlation of a month's difficulty change with its price change, −1 to 1 (default 0.3).
    #[arg(long = "price-difficulty-correlation", value_name = "R", value_parser = input(Input::PriceDifficultyCorrelation), allow_hyphen_values = true, help_heading = "Uncertainty")]
    pub price_difficulty_correlation: Option<f64>,
}

impl UncertaintyFlags {
    /// Whether any flag asks for the paths.
    pub fn any(&self) -> bool {
        self.paths.is_some()
            || self.seed.is_some()
            || self.btc_price_volatility_pct_year.is_some()
            || self.difficulty_volatility_pct_year.is_some()
            || self.price_difficulty_correlation.is_some()
    }

    /// The settings with these flags over them.
    pub fn apply(&self, settings: &mut crate::model::ProjectionSettings) {
        if let Some(paths) = self.paths {
            settings.paths = paths;
        }
        if let Some(seed) = self.seed {
            settings.seed = seed;
        }
        for (slot, value) in [
            (
                &mut settings.btc_price_volatility_pct_per_year,
                self.btc_price_volatility_pct_year,
            ),
            (
                &mut settings.difficulty_volatility_pct_per_year,
                self.difficulty_volatility_pct_year,
            ),
            (
                &mut settings.price_difficulty_correlation,
                self.price_difficulty_correlation,
            ),
        ] {
            if let Some(v) = value {
                *slot = v;
            }
        }
    }
}

impl ProjectionFlags {
    /// The file's projection settings with these flags over them.
    pub fn apply(&self, settings: &mut crate::model::ProjectionSettings) {
        let pairs = [
            (
                &mut settings.difficulty_growth_pct_per_year,
                self.difficulty_growth_pct_year,
            ),
            (
                &mut settings.btc_price_growth_pct_per_year,
                self.btc_price_growth_pct_year,
            ),
            (
                &mut settings.halving_difficulty_drop_pct,
                self.halving_difficulty_drop_pct,
            ),
            (&mut settings.hardware_resale_pct, self.hardware_resale_pct),
            (
                &mut settings.discount_rate_pct_per_year,
                self.discount_rate_pct_year,
            ),
            (&mut settings.loan_usd, self.loan_usd),
            (
                &mut settings.loan_rate_pct_per_year,
                self.loan_rate_pct_year,
            ),
            (
                &mut settings.hosting_profit_share_pct,
                self.hosting_profit_share_pct,
            ),
        ];
        for (slot, value) in pairs {
            if let Some(v) = value {
                *slot = v;
            }
        }
        if self.switch_off_when_losing {
            settings.switch_off_when_losing = true;
        }
        if let Some(months) = self.loan_months {
            settings.loan_months = months;
        }
        if let Some(price) = self.hosting_usd_kwh {
            settings.hosting_usd_per_kwh = Some(price);
        }
    }
}

/// The scenario: a file, and flags that override its values (or make the whole scenario).
#[derive(Debug, Args, Default)]
pub struct ScenarioArgs {
    /// A scenario file (.ron), or - for standard input. Without one, the flags and the defaults make the scenario.
    #[arg(value_name = "SCENARIO.ron")]
    pub file: Option<PathBuf>,

    /// Region preset id (`hashwatt presets list regions`).
    #[arg(long, value_name = "ID", help_heading = "Site")]
    pub region: Option<String>,
    /// A custom energy mix, shares in % summing to 100, e.g. coal=60,hydro=40.
    #[arg(long, value_name = "SOURCE=PCT,…", value_parser = parse_mix, help_heading = "Site")]
    pub mix: Option<EnergyMix>,
    /// Emission-factor table id (`hashwatt presets list emission-factors`).
    #[arg(long = "ef-table", value_name = "ID", help_heading = "Site")]
    pub ef_table: Option<String>,
    /// Electricity price, USD/kWh (default: the region's industrial price).
    #[arg(long = "electricity-usd-kwh", value_name = "P", value_parser = input(Input::ElectricityUsdPerKwh), help_heading = "Site", allow_hyphen_values = true)]
    pub electricity_usd_kwh: Option<f64>,
    /// Power usage effectiveness, ≥ 1 (default 1.1).
    #[arg(long, value_name = "X", value_parser = input(Input::Pue), help_heading = "Site", allow_hyphen_values = true)]
    pub pue: Option<f64>,
    /// Uptime, % (default 100).
    #[arg(long = "uptime-pct", value_name = "U", value_parser = input(Input::UptimePct), help_heading = "Site", allow_hyphen_values = true)]
    pub uptime_pct: Option<f64>,
    /// Pool fee, % (default 2).
    #[arg(long = "pool-fee-pct", value_name = "F", value_parser = input(Input::PoolFeePct), help_heading = "Site", allow_hyphen_values = true)]
    pub pool_fee_pct: Option<f64>,
    /// Fixed costs besides electricity, USD/month (default 0).
    #[arg(long = "opex-usd-month", value_name = "M", value_parser = input(Input::OpexUsdPerMonth), help_heading = "Site", allow_hyphen_values = true)]
    pub opex_usd_month: Option<f64>,
    /// Carbon price, USD per tonne CO₂e (default 0).
    #[arg(long = "carbon-price-usd-t", value_name = "T", value_parser = input(Input::CarbonPriceUsdPerT), help_heading = "Site", allow_hyphen_values = true)]
    pub carbon_price_usd_t: Option<f64>,

    /// Miner preset id; replaces the fleet with this model (`hashwatt presets list miners`).
    #[arg(long, value_name = "ID", conflicts_with_all = ["hashrate_ths", "power_w"], help_heading = "Hardware")]
    pub miner: Option<String>,
    /// A custom miner's hashrate, TH/s (with --power-w); replaces the fleet.
    #[arg(long = "hashrate-ths", value_name = "X", value_parser = input(Input::HashrateThs), requires = "power_w", help_heading = "Hardware", allow_hyphen_values = true)]
    pub hashrate_ths: Option<f64>,
    /// A custom miner's power, W (with --hashrate-ths).
    #[arg(long = "power-w", value_name = "W", value_parser = input(Input::PowerW), requires = "hashrate_ths", help_heading = "Hardware", allow_hyphen_values = true)]
    pub power_w: Option<f64>,
    /// Number of machines (default 1).
    #[arg(long, value_name = "N", value_parser = whole(limits::UNITS), help_heading = "Hardware", allow_hyphen_values = true)]
    pub units: Option<u32>,
    /// Price of one machine, USD (default: the preset's indicative price).
    #[arg(long = "hardware-cost-usd", value_name = "C", value_parser = input(Input::UnitCostUsd), help_heading = "Hardware", allow_hyphen_values = true)]
    pub hardware_cost_usd: Option<f64>,
    /// Hardware life for depreciation, years (default 4).
    #[arg(long = "hardware-life-years", value_name = "Y", value_parser = input(Input::HardwareLifeYears), help_heading = "Hardware", allow_hyphen_values = true)]
    pub hardware_life_years: Option<f64>,

    /// BTC price, USD (default: the newest market snapshot).
    #[arg(long = "btc-price-usd", value_name = "B", value_parser = input(Input::BtcPriceUsd), help_heading = "Market", allow_hyphen_values = true)]
    pub btc_price_usd: Option<f64>,
    /// Network hashrate, EH/s.
    #[arg(long = "network-hashrate-ehs", value_name = "E", value_parser = input(Input::NetworkHashrateEhs), conflicts_with = "difficulty", help_heading = "Market", allow_hyphen_values = true)]
    pub network_hashrate_ehs: Option<f64>,
    /// Network difficulty (hashrate = D × 2^32 / 600).
    #[arg(long, value_name = "D", value_parser = input(Input::Difficulty), help_heading = "Market", allow_hyphen_values = true)]
    pub difficulty: Option<f64>,
    /// Block subsidy, BTC.
    #[arg(long = "block-subsidy-btc", value_name = "S", value_parser = input(Input::BlockSubsidyBtc), conflicts_with = "block_height", help_heading = "Market", allow_hyphen_values = true)]
    pub block_subsidy_btc: Option<f64>,
    /// Block height (gives the subsidy, and places halvings in projections).
    #[arg(long = "block-height", value_name = "H", value_parser = whole_u64(Input::BlockHeight.limit()), help_heading = "Market", allow_hyphen_values = true)]
    pub block_height: Option<u64>,
    /// Transaction fees per block, BTC.
    #[arg(long = "fees-btc-per-block", value_name = "F", value_parser = input(Input::FeesBtcPerBlock), help_heading = "Market", allow_hyphen_values = true)]
    pub fees_btc_per_block: Option<f64>,

    /// Share of the energy from a dedicated renewable supply, % (switches the lever on).
    #[arg(long = "renewable-share-pct", value_name = "S", value_parser = input(Input::RenewableSharePct), help_heading = "Levers", allow_hyphen_values = true)]
    pub renewable_share_pct: Option<f64>,
    /// The renewable supply's intensity, g CO₂e/kWh (default 11, onshore wind).
    #[arg(long = "renewable-intensity-g-kwh", value_name = "I", value_parser = input(Input::RenewableIntensityGPerKwh), help_heading = "Levers", allow_hyphen_values = true)]
    pub renewable_intensity_g_kwh: Option<f64>,
    /// The renewable supply's price, USD/kWh (default 0.05).
    #[arg(long = "renewable-usd-kwh", value_name = "P", value_parser = input(Input::RenewableUsdPerKwh), help_heading = "Levers", allow_hyphen_values = true)]
    pub renewable_usd_kwh: Option<f64>,
    /// Demand response: hours a year curtailed at peak.
    #[arg(long = "curtailment-hours-year", value_name = "H", value_parser = input(Input::CurtailmentHoursPerYear), help_heading = "Levers", allow_hyphen_values = true)]
    pub curtailment_hours_year: Option<f64>,
    /// Demand response: credit per MWh not consumed, USD.
    #[arg(long = "curtailment-credit-usd-mwh", value_name = "C", value_parser = input(Input::CurtailmentCreditUsdPerMwh), help_heading = "Levers", allow_hyphen_values = true)]
    pub curtailment_credit_usd_mwh: Option<f64>,
    /// Waste-heat reuse: share of the heat used or sold, %.
    #[arg(long = "heat-reuse-pct", value_name = "S", value_parser = input(Input::HeatReusePct), help_heading = "Levers", allow_hyphen_values = true)]
    pub heat_reuse_pct: Option<f64>,
    /// Waste-heat reuse: price per MWh of heat, USD.
    #[arg(long = "heat-price-usd-mwh", value_name = "P", value_parser = input(Input::HeatPriceUsdPerMwh), help_heading = "Levers", allow_hyphen_values = true)]
    pub heat_price_usd_mwh: Option<f64>,
    /// Waste-heat reuse: emissions of the heat it replaces, g CO₂e per kWh of heat (default 200, a gas boiler).
    #[arg(long = "heat-displaced-g-kwh", value_name = "G", value_parser = input(Input::HeatDisplacedGPerKwh), help_heading = "Levers", allow_hyphen_values = true)]
    pub heat_displaced_g_kwh: Option<f64>,
    /// An off-grid site on gas that would otherwise be flared.
    #[arg(long = "flared-gas", help_heading = "Levers")]
    pub flared_gas: bool,
    /// Flared gas: the generator's emissions, g CO₂e/kWh (default 490).
    #[arg(long = "generator-g-kwh", value_name = "G", value_parser = input(Input::GeneratorGPerKwh), help_heading = "Levers", allow_hyphen_values = true)]
    pub generator_g_kwh: Option<f64>,
    /// Flared gas: the flaring avoided per kWh, g CO₂e (a counterfactual; default 1006).
    #[arg(long = "avoided-flaring-g-kwh", value_name = "G", value_parser = input(Input::AvoidedFlaringGPerKwh), help_heading = "Levers", allow_hyphen_values = true)]
    pub avoided_flaring_g_kwh: Option<f64>,

    /// Energy attribute certificates (RECs, GOs) retired for the site, MWh a year.
    #[arg(long = "certificates-mwh-year", value_name = "M", value_parser = input(Input::CertificatesMwhPerYear), help_heading = "Contractual instruments", allow_hyphen_values = true)]
    pub certificates_mwh_year: Option<f64>,
    /// The certificates' emission factor, g CO₂e/kWh (default 0).
    #[arg(long = "certificate-g-kwh", value_name = "G", value_parser = input(Input::CertificateGPerKwh), help_heading = "Contractual instruments", allow_hyphen_values = true)]
    pub certificate_g_kwh: Option<f64>,
    /// Share of the grid energy under a power purchase agreement, % (default: the renewable lever's share).
    #[arg(long = "ppa-share-pct", value_name = "S", value_parser = input(Input::PpaSharePct), help_heading = "Contractual instruments", allow_hyphen_values = true)]
    pub ppa_share_pct: Option<f64>,
    /// The PPA's emission factor, g CO₂e/kWh (default: the renewable lever's, else 0).
    #[arg(long = "ppa-g-kwh", value_name = "G", value_parser = input(Input::PpaGPerKwh), help_heading = "Contractual instruments", allow_hyphen_values = true)]
    pub ppa_g_kwh: Option<f64>,
    /// Residual-mix factor for energy no instrument covers, g CO₂e/kWh (default: the region's published one, else the grid's).
    #[arg(long = "residual-mix-g-kwh", value_name = "G", value_parser = input(Input::ResidualMixGPerKwh), help_heading = "Contractual instruments", allow_hyphen_values = true)]
    pub residual_mix_g_kwh: Option<f64>,
}

/// A value parser that accepts a finite number within `limit`.
pub(super) fn limited(
    limit: Limit,
) -> impl Fn(&str) -> Result<f64, String> + Clone + Send + Sync + 'static {
    move |text: &str| {
        let t = message_words();
        let allowed = || allowed(limit);
        let value: f64 = text
            .trim()
            .parse()
            .map_err(|_| fill(t.not_a_number, &[("allowed", &allowed())]))?;
        if limit.contains(value) {
            Ok(value)
        } else {
            Err(fill(t.must_be, &[("allowed", &allowed())]))
        }
    }
}

/// The parser of an input's flag: its limit, from the input's one description.
pub(crate) fn input(
    input: Input,
) -> impl Fn(&str) -> Result<f64, String> + Clone + Send + Sync + 'static {
    limited(input.limit())
}

/// [`input`] for a whole-number input.
pub(crate) fn input_whole(
    input: Input,
) -> impl Fn(&str) -> Result<u32, String> + Clone + Send + Sync + 'static {
    whole(input.limit())
}

pub(super) fn whole(
    limit: Limit,
) -> impl Fn(&str) -> Result<u32, String> + Clone + Send + Sync + 'static {
    let number = limited(limit);
    move |text: &str| number(text).map(|v| v as u32)
}

pub(crate) fn whole_u64(
    limit: Limit,
) -> impl Fn(&str) -> Result<u64, String> + Clone + Send + Sync + 'static {
    let number = limited(limit);
    move |text: &str| number(text).map(|v| v as u64)
}

/// Parses `coal=60,hydro=40` into a mix, checking names and the total.
pub fn parse_mix(text: &str) -> Result<EnergyMix, String> {
    let known = || {
        EnergySource::ALL
            .iter()
            .map(|s| s.key())
            .collect::<Vec<_>>()
            .join(", ")
    };
    let t = message_words();
    let mut mix = EnergyMix::default();
    // A scenario file refuses a source written twice; so does the flag, rather than adding them.
    let mut given = Vec::new();
    for part in text.split(',').map(str::trim).filter(|p| !p.is_empty()) {
        let (name, share) = part
            .split_once('=')
            .ok_or_else(|| fill(t.mix_not_a_pair, &[("part", part)]))?;
        let source = EnergySource::from_key(name.trim()).ok_or_else(|| {
            fill(
                t.mix_unknown_source,
                &[("name", name.trim()), ("known", &known())],
            )
        })?;
        let share: f64 = share.trim().parse().map_err(|_| {
            fill(
                t.mix_share_not_a_number,
                &[("name", name), ("share", share)],
            )
        })?;
        if given.contains(&source) {
            let twice = crate::model::energy::MixError::Twice { energy: source };
            return Err(twice.localized(message_lang()));
        }
        given.push(source);
        mix.set(source, share);
    }
    mix.check().map_err(|e| e.localized(message_lang()))?;
    Ok(mix)
}
