//! The engine's input: a fully resolved scenario of plain numbers. Files name regions and miners
//! by id (see `crate::scenario_file`); by the time a scenario reaches the engine every id has been
//! replaced by the figures it stands for.

use super::energy::{EmissionFactors, EnergyMix, IntensityBand};
use super::field_error::check;
pub use super::field_error::{FieldError, InputError};
use super::limits::{self};
use serde::{Deserialize, Serialize};

/// A site, its fleet and the market it mines in.
#[derive(Clone, Debug, PartialEq)]
pub struct Scenario {
    pub site: Site,
    pub fleet: Vec<MinerGroup>,
    pub market: Market,
    pub hardware_life_years: f64,
    /// Policy and site levers; all off by default.
    pub levers: super::levers::Levers,
    /// Contractual instruments and the tables site accounting uses.
    pub accounting: super::instruments::AccountingInputs,
}

#[derive(Clone, Debug, PartialEq)]
pub struct Site {
    pub grid: Grid,
    pub electricity_usd_per_kwh: f64,
    /// Power usage effectiveness: facility power / IT power (cooling, transformers, lighting).
    pub pue: f64,
    pub uptime_pct: f64,
    pub pool_fee_pct: f64,
    /// Fixed costs besides electricity: staff, rent, hosting, maintenance.
    pub opex_usd_per_month: f64,
    pub carbon_price_usd_per_t: f64,
}

/// Which figure stands for the grid's carbon intensity.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum IntensityMethod {
    /// The region's measured intensity (Ember, Electricity Maps), when it has one.
    #[default]
    Measured,
    /// The mix × the emission-factor table.
    Mix,
}

/// A grid: its mix, the emission table that prices it, and a measured intensity. The figures
/// that follow from the mix alone (its intensity band, its renewable share) are computed when
/// the grid is built or changed, not on every evaluation; so the fields are private.
#[derive(Clone, Debug, PartialEq)]
pub struct Grid {
    mix: EnergyMix,
    factors: EmissionFactors,
    measured_intensity_g_per_kwh: Option<f64>,
    method: IntensityMethod,
    /// `factors.intensity_of(mix)`.
    mix_band: IntensityBand,
    /// What [`Grid::intensity`] returns: the measured band or the mix's.
    band: IntensityBand,
    /// The mix's renewable share, %.
    renewable_pct: f64,
}

impl Grid {
    pub fn new(
        mix: EnergyMix,
        factors: EmissionFactors,
        measured_intensity_g_per_kwh: Option<f64>,
        method: IntensityMethod,
    ) -> Grid {
        let mix_band = factors.intensity_of(&mix);
        let mut grid = Grid {
            mix_band,
            band: mix_band,
            renewable_pct: super::instruments::renewable_pct(&mix),
            mix,
            factors,
            measured_intensity_g_per_kwh,
            method,
        };
        grid.band = grid.band_used();
        grid
    }

    pub fn mix(&self) -> &EnergyMix {
        &self.mix
    }

    pub fn factors(&self) -> &EmissionFactors {
        &self.factors
    }

    /// A measured life-cycle intensity for this grid, if the region has one.
    pub fn measured_intensity_g_per_kwh(&self) -> Option<f64> {
        self.measured_intensity_g_per_kwh
    }

    /// The method asked for (see [`Grid::effective_method`] for the one used).
    pub fn method(&self) -> IntensityMethod {
        self.method
    }

    pub fn set_mix(&mut self, mix: EnergyMix) {
        self.mix_band = self.factors.intensity_of(&mix);
        self.renewable_pct = super::instruments::renewable_pct(&mix);
        self.mix = mix;
        self.band = self.band_used();
    }

    pub fn set_measured_intensity_g_per_kwh(&mut self, measured: Option<f64>) {
        self.measured_intensity_g_per_kwh = measured;
        self.band = self.band_used();
    }

    pub fn set_method(&mut self, method: IntensityMethod) {
        self.method = method;
        self.band = self.band_used();
    }

    /// The mix's renewable share, %.
    pub fn renewable_pct(&self) -> f64 {
        self.renewable_pct
    }

    /// The mix × the table, with its band: the intensity when no measured figure is used.
    pub fn mix_intensity(&self) -> IntensityBand {
        self.mix_band
    }

    /// The method actually used: measured only when a measured figure exists.
    pub fn effective_method(&self) -> IntensityMethod {
        match (self.method, self.measured_intensity_g_per_kwh) {
            (IntensityMethod::Measured, Some(_)) => IntensityMethod::Measured,
            _ => IntensityMethod::Mix,
        }
    }

    /// The grid intensity with its band (g CO₂e/kWh).
    pub fn intensity(&self) -> IntensityBand {
        self.band
    }

    fn band_used(&self) -> IntensityBand {
        match (self.effective_method(), self.measured_intensity_g_per_kwh) {
            (IntensityMethod::Measured, Some(measured)) => {
                IntensityBand::measured(measured, &self.mix_band)
            }
            _ => self.mix_band,
        }
    }
}

/// Some units of one miner model.
#[derive(Clone, Debug, PartialEq)]
pub struct MinerGroup {
    pub name: String,
    pub hashrate_ths: f64,
    pub power_w: f64,
    pub units: u32,
    pub unit_cost_usd: f64,
}

/// Network hashrate, given directly or through the difficulty.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum NetworkSpec {
    HashrateEhs(f64),
    Difficulty(f64),
}

/// Block subsidy, given directly or through the block height.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub enum SubsidySpec {
    Btc(f64),
    BlockHeight(u64),
}

#[derive(Clone, Debug, PartialEq)]
pub struct Market {
    pub btc_price_usd: f64,
    pub network: NetworkSpec,
    pub subsidy: SubsidySpec,
    pub fees_btc_per_block: f64,
}

impl Market {
    pub fn network_hashrate_hs(&self) -> f64 {
        match self.network {
            NetworkSpec::HashrateEhs(ehs) => ehs * 1e18,
            NetworkSpec::Difficulty(d) => super::bitcoin::hashrate_from_difficulty_hs(d),
        }
    }

    pub fn subsidy_btc(&self) -> f64 {
        match self.subsidy {
            SubsidySpec::Btc(btc) => btc,
            SubsidySpec::BlockHeight(h) => super::bitcoin::block_subsidy_btc(h),
        }
    }

    pub fn block_height(&self) -> Option<u64> {
        match self.subsidy {
            SubsidySpec::BlockHeight(h) => Some(h),
            SubsidySpec::Btc(_) => None,
        }
    }
}

impl Scenario {
    /// Checks every input against [`limits`]; the first one out of range is reported.
    pub fn validate(&self) -> Result<(), FieldError> {
        let s = &self.site;
        check(
            "site.electricity_usd_per_kwh",
            limits::ELECTRICITY_USD_PER_KWH,
            s.electricity_usd_per_kwh,
        )?;
        check("site.pue", limits::PUE, s.pue)?;
        check("site.uptime_pct", limits::PERCENT, s.uptime_pct)?;
        check("site.pool_fee_pct", limits::PERCENT, s.pool_fee_pct)?;
        check(
            "site.opex_usd_per_month",
            limits::OPEX_USD_PER_MONTH,
            s.opex_usd_per_month,
        )?;
        check(
            "site.carbon_price_usd_per_t",
            limits::CARBON_PRICE_USD_PER_T,
            s.carbon_price_usd_per_t,
        )?;
        s.grid.mix.check().map_err(|e| FieldError {
            field: "site.mix".to_string(),
            problem: e.into(),
        })?;
        if let Some(measured) = s.grid.measured_intensity_g_per_kwh {
            check(
                "site.measured_intensity_g_per_kwh",
                limits::INTENSITY_G_PER_KWH,
                measured,
            )?;
        }
        for (name, table) in [
            ("central", &s.grid.factors.central_g_per_kwh),
            ("low", &s.grid.factors.low_g_per_kwh),
            ("high", &s.grid.factors.high_g_per_kwh),
        ] {
            for (source, factor) in table.iter() {
                check(
                    &format!("emission_factors.{name}.{}", source.key()),
                    limits::EMISSION_FACTOR_G_PER_KWH,
                    factor,
                )?;
            }
        }
        for (i, group) in self.fleet.iter().enumerate() {
            check(
                &format!("fleet[{i}].hashrate_ths"),
                limits::HASHRATE_THS,
                group.hashrate_ths,
            )?;
            check(
                &format!("fleet[{i}].power_w"),
                limits::POWER_W,
                group.power_w,
            )?;
            check(
                &format!("fleet[{i}].units"),
                limits::UNITS,
                f64::from(group.units),
            )?;
            check(
                &format!("fleet[{i}].unit_cost_usd"),
                limits::UNIT_COST_USD,
                group.unit_cost_usd,
            )?;
        }
        check(
            "hardware_life_years",
            limits::HARDWARE_LIFE_YEARS,
            self.hardware_life_years,
        )?;
        let m = &self.market;
        check(
            "market.btc_price_usd",
            limits::BTC_PRICE_USD,
            m.btc_price_usd,
        )?;
        match m.network {
            NetworkSpec::HashrateEhs(ehs) => {
                check("market.network", limits::NETWORK_HASHRATE_EHS, ehs)?;
            }
            NetworkSpec::Difficulty(d) => check("market.network", limits::DIFFICULTY, d)?,
        }
        match m.subsidy {
            SubsidySpec::Btc(btc) => check("market.subsidy", limits::BLOCK_SUBSIDY_BTC, btc)?,
            SubsidySpec::BlockHeight(h) => check("market.subsidy", limits::BLOCK_HEIGHT, h as f64)?,
        }
        check(
            "market.fees_btc_per_block",
            limits::FEES_BTC_PER_BLOCK,
            m.fees_btc_per_block,
        )?;
        self.levers.validate()?;
        self.accounting.instruments.validate()
    }
}
