//! What a site's market-based accounting starts from: its contractual instruments, the factors
//! the resolver adds, and which sources count as renewable.

use super::energy::{EnergySource, PerSource};
use super::field_error::{FieldError, check};
use super::limits;
use serde::{Deserialize, Serialize};

/// The contractual instruments of a site, as its scenario file gives them
/// (`instruments: (certificates_mwh_per_year: 500, ppa_share_pct: 30, …)`). All optional.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Instruments {
    /// Energy attribute certificates (RECs, GOs) retired for the site, MWh a year.
    pub certificates_mwh_per_year: f64,
    /// The certificates' emission factor, g CO₂e/kWh (0 for renewable certificates).
    pub certificate_g_per_kwh: f64,
    /// The share of the grid energy bought under a power purchase agreement, %. None: the
    /// renewable-supply lever's share (a dedicated supply is a contract), else none.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ppa_share_pct: Option<f64>,
    /// The PPA's emission factor, g CO₂e/kWh. None: the renewable lever's intensity, else 0.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub ppa_g_per_kwh: Option<f64>,
    /// The residual mix for energy no instrument covers, g CO₂e/kWh. None: the region's
    /// published residual mix, else the grid's operational intensity (flagged).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub residual_mix_g_per_kwh: Option<f64>,
}

impl Instruments {
    /// Whether the file gives no instrument at all (then the field is not written).
    pub fn is_empty(&self) -> bool {
        *self == Instruments::default()
    }

    pub fn validate(&self) -> Result<(), FieldError> {
        check(
            "instruments.certificates_mwh_per_year",
            limits::CERTIFICATES_MWH_PER_YEAR,
            self.certificates_mwh_per_year,
        )?;
        check(
            "instruments.certificate_g_per_kwh",
            limits::INTENSITY_G_PER_KWH,
            self.certificate_g_per_kwh,
        )?;
        if let Some(share) = self.ppa_share_pct {
            check("instruments.ppa_share_pct", limits::PERCENT, share)?;
        }
        if let Some(g) = self.ppa_g_per_kwh {
            check("instruments.ppa_g_per_kwh", limits::INTENSITY_G_PER_KWH, g)?;
        }
        if let Some(g) = self.residual_mix_g_per_kwh {
            check(
                "instruments.residual_mix_g_per_kwh",
                limits::INTENSITY_G_PER_KWH,
                g,
            )?;
        }
        Ok(())
    }
}

/// What the accounting needs besides the scenario's own numbers, filled in by the resolver
/// from the presets.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AccountingInputs {
    pub instruments: Instruments,
    /// Combustion-only factors per source (the `direct-combustion` table), g CO₂e/kWh.
    pub operational_factors: PerSource<f64>,
    /// The id of that table, as the report names it.
    pub operational_table: std::sync::Arc<str>,
    /// Whether the scenario's own emission table is combustion-only (then a mix-based
    /// intensity has no upstream part to split off).
    pub table_is_direct: bool,
    /// The region's published residual mix, g CO₂e/kWh, where one is bundled.
    pub residual_mix_g_per_kwh: Option<f64>,
}

/// Sources counted as renewable (biomass included, as Ember and the EU's RED do).
pub fn is_renewable(source: EnergySource) -> bool {
    matches!(
        source,
        EnergySource::Hydro
            | EnergySource::Wind
            | EnergySource::Solar
            | EnergySource::Geothermal
            | EnergySource::Biomass
    )
}

/// The renewable share of a mix, % (the shares of the [`is_renewable`] sources).
pub fn renewable_pct(mix: &super::energy::EnergyMix) -> f64 {
    mix.iter()
        .filter(|(s, _)| is_renewable(*s))
        .map(|(_, share)| share)
        .sum()
}
