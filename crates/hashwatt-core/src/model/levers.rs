//! Policy and site levers: a dedicated renewable supply, demand response, waste-heat reuse and
//! flared gas. Each is optional and off by default; with all off, a scenario evaluates exactly as
//! the base definitions say. The README states each formula.

use super::energy::IntensityBand;
use super::field_error::{FieldError, check};
use super::limits;
use serde::{Deserialize, Serialize};

/// Hours in a year (365.25 days).
pub const HOURS_PER_YEAR: f64 = 8766.0;

#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Levers {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub renewable: Option<RenewableSupply>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub curtailment: Option<Curtailment>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub heat_reuse: Option<HeatReuse>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub flared_gas: Option<FlaredGas>,
}

/// A required share of the site's energy from a dedicated renewable supply (a hydro or wind
/// contract) with its own intensity and price; the rest comes from the grid.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct RenewableSupply {
    pub share_pct: f64,
    pub intensity_g_per_kwh: f64,
    pub price_usd_per_kwh: f64,
}

impl Default for RenewableSupply {
    fn default() -> Self {
        RenewableSupply {
            share_pct: 50.0,
            // IPCC AR5 life-cycle median for onshore wind.
            intensity_g_per_kwh: 11.0,
            // Cambridge CBECI's model default price.
            price_usd_per_kwh: 0.05,
        }
    }
}

/// Demand response (ERCOT-style): the site switches off for some hours a year at peak, and is
/// paid a credit for each MWh it does not consume.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Curtailment {
    pub hours_per_year: f64,
    pub credit_usd_per_mwh: f64,
}

/// Waste-heat reuse: a share of the heat (all the electricity a site uses ends as heat) sold or
/// used at a price per MWh of heat, displacing a heating fuel's emissions.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct HeatReuse {
    pub share_pct: f64,
    pub price_usd_per_mwh_heat: f64,
    /// Emissions of the heat it replaces, g CO₂e per kWh of heat.
    pub displaced_g_per_kwh_heat: f64,
}

impl Default for HeatReuse {
    fn default() -> Self {
        HeatReuse {
            share_pct: 0.0,
            price_usd_per_mwh_heat: 0.0,
            // Estimate: a gas boiler, about 0.18 kg CO₂e per kWh of gas at 90 % efficiency.
            displaced_g_per_kwh_heat: 200.0,
        }
    }
}

/// An off-grid site on associated gas that would otherwise be flared: the generator replaces
/// the grid; the flaring it avoids is a counterfactual, reported apart and never netted.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FlaredGas {
    /// The generator's emissions, g CO₂e per kWh generated.
    pub generator_g_per_kwh: f64,
    /// Emissions the flare would have made, per kWh generated instead (counterfactual).
    pub avoided_flaring_g_per_kwh: f64,
}

impl Default for FlaredGas {
    fn default() -> Self {
        FlaredGas {
            // IPCC AR5 gas life-cycle median; reciprocating engines run less efficiently than
            // the combined-cycle plants behind it (an estimate).
            generator_g_per_kwh: 490.0,
            // D. Batten's net figure for burning flared methane in generators; an advocacy
            // source of low reliability, so only ever a labelled counterfactual.
            avoided_flaring_g_per_kwh: 1006.0,
        }
    }
}

impl Levers {
    pub fn validate(&self) -> Result<(), FieldError> {
        if let Some(r) = &self.renewable {
            check("levers.renewable.share_pct", limits::PERCENT, r.share_pct)?;
            check(
                "levers.renewable.intensity_g_per_kwh",
                limits::INTENSITY_G_PER_KWH,
                r.intensity_g_per_kwh,
            )?;
            check(
                "levers.renewable.price_usd_per_kwh",
                limits::ELECTRICITY_USD_PER_KWH,
                r.price_usd_per_kwh,
            )?;
        }
        if let Some(c) = &self.curtailment {
            check(
                "levers.curtailment.hours_per_year",
                limits::CURTAILED_HOURS_PER_YEAR,
                c.hours_per_year,
            )?;
            check(
                "levers.curtailment.credit_usd_per_mwh",
                limits::USD_PER_MWH,
                c.credit_usd_per_mwh,
            )?;
        }
        if let Some(h) = &self.heat_reuse {
            check("levers.heat_reuse.share_pct", limits::PERCENT, h.share_pct)?;
            check(
                "levers.heat_reuse.price_usd_per_mwh_heat",
                limits::USD_PER_MWH,
                h.price_usd_per_mwh_heat,
            )?;
            check(
                "levers.heat_reuse.displaced_g_per_kwh_heat",
                limits::INTENSITY_G_PER_KWH,
                h.displaced_g_per_kwh_heat,
            )?;
        }
        if let Some(f) = &self.flared_gas {
            check(
                "levers.flared_gas.generator_g_per_kwh",
                limits::INTENSITY_G_PER_KWH,
                f.generator_g_per_kwh,
            )?;
            check(
                "levers.flared_gas.avoided_flaring_g_per_kwh",
                limits::INTENSITY_G_PER_KWH,
                f.avoided_flaring_g_per_kwh,
            )?;
        }
        Ok(())
    }

    /// The share of the year the site runs after curtailment (1 without it).
    pub fn running_fraction(&self) -> f64 {
        match &self.curtailment {
            Some(c) => c.running_fraction(),
            None => 1.0,
        }
    }

    /// The intensity of what the site consumes: the grid's (or the gas generator's, off grid),
    /// blended with the renewable supply's.
    pub fn supply_intensity(&self, grid: IntensityBand) -> IntensityBand {
        let mut band = grid;
        if self.flared_gas.is_some() || self.renewable.is_some() {
            self.adjust_supply_intensity(&mut band);
        }
        band
    }

    // Not inlined, and writing in place: a band returned from a branch was assembled on the
    // stack and read back across two stores, a stall of a fifth of an evaluation.
    #[inline(never)]
    fn adjust_supply_intensity(&self, band: &mut IntensityBand) {
        if let Some(f) = self.flared_gas {
            *band = IntensityBand {
                central_g_per_kwh: f.generator_g_per_kwh,
                low_g_per_kwh: f.generator_g_per_kwh,
                high_g_per_kwh: f.generator_g_per_kwh,
            };
        }
        if let Some(r) = &self.renewable {
            *band = r.blend_intensity(*band);
        }
    }

    /// The price of what the site consumes: the site's price blended with the renewable
    /// supply's.
    pub fn supply_price(&self, site_price_usd_per_kwh: f64) -> f64 {
        match &self.renewable {
            Some(r) => r.blend_price(site_price_usd_per_kwh),
            None => site_price_usd_per_kwh,
        }
    }

    /// The renewable share, 0–1 (0 without the lever).
    pub fn renewable_fraction(&self) -> f64 {
        match &self.renewable {
            Some(r) => r.fraction(),
            None => 0.0,
        }
    }
}

// A lever's arithmetic lives in functions that are not inlined, called only when the lever is
// present. Inlined, the compiler computed it on an absent lever's leftover bytes and threw the
// result away; those bytes are often denormal numbers, whose slow path in the processor made
// one evaluation three times slower. An absent lever now costs one predicted branch.

impl Curtailment {
    #[inline(never)]
    pub fn running_fraction(&self) -> f64 {
        1.0 - self.hours_per_year / HOURS_PER_YEAR
    }

    /// The credit for the energy not consumed, USD/day.
    #[inline(never)]
    pub fn credit_usd_per_day(&self, planned_kwh_per_day: f64, running: f64) -> f64 {
        planned_kwh_per_day * (1.0 - running) / 1000.0 * self.credit_usd_per_mwh
    }
}

impl HeatReuse {
    /// Heat sold, USD/day.
    #[inline(never)]
    pub fn revenue_usd_per_day(&self, energy_kwh_per_day: f64) -> f64 {
        energy_kwh_per_day / 1000.0 * self.share_pct / 100.0 * self.price_usd_per_mwh_heat
    }

    /// The heating fuel's emissions the heat displaces, t/year.
    #[inline(never)]
    pub fn displaced_co2_t_per_year(&self, energy_kwh_per_day: f64, days_per_year: f64) -> f64 {
        energy_kwh_per_day * self.share_pct / 100.0 * self.displaced_g_per_kwh_heat / 1e6
            * days_per_year
    }
}

impl FlaredGas {
    /// The flaring avoided, t/year (a counterfactual).
    #[inline(never)]
    pub fn avoided_co2_t_per_year(&self, energy_kwh_per_day: f64, days_per_year: f64) -> f64 {
        energy_kwh_per_day * self.avoided_flaring_g_per_kwh / 1e6 * days_per_year
    }
}

impl RenewableSupply {
    #[inline(never)]
    pub fn fraction(&self) -> f64 {
        self.share_pct / 100.0
    }

    #[inline(never)]
    fn blend_intensity(&self, own: IntensityBand) -> IntensityBand {
        let share = self.share_pct / 100.0;
        let blend = |x: f64| share * self.intensity_g_per_kwh + (1.0 - share) * x;
        IntensityBand {
            central_g_per_kwh: blend(own.central_g_per_kwh),
            low_g_per_kwh: blend(own.low_g_per_kwh),
            high_g_per_kwh: blend(own.high_g_per_kwh),
        }
    }

    #[inline(never)]
    fn blend_price(&self, site_price_usd_per_kwh: f64) -> f64 {
        let share = self.share_pct / 100.0;
        share * self.price_usd_per_kwh + (1.0 - share) * site_price_usd_per_kwh
    }

    /// What the renewable share of `energy_kwh_per_day` costs at its own price, USD/day.
    #[inline(never)]
    pub fn cost_usd_per_day(&self, energy_kwh_per_day: f64, fraction: f64) -> f64 {
        energy_kwh_per_day * fraction * self.price_usd_per_kwh
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn band(x: f64) -> IntensityBand {
        IntensityBand {
            central_g_per_kwh: x,
            low_g_per_kwh: x * 0.8,
            high_g_per_kwh: x * 1.5,
        }
    }

    #[test]
    fn no_lever_changes_nothing() {
        let none = Levers::default();
        assert_eq!(none.supply_intensity(band(500.0)), band(500.0));
        assert_eq!(none.supply_price(0.07), 0.07);
        assert_eq!(none.running_fraction(), 1.0);
        assert_eq!(none.validate(), Ok(()));
    }

    #[test]
    fn renewable_share_blends_intensity_and_price() {
        let levers = Levers {
            renewable: Some(RenewableSupply {
                share_pct: 25.0,
                intensity_g_per_kwh: 24.0,
                price_usd_per_kwh: 0.03,
            }),
            ..Default::default()
        };
        let b = levers.supply_intensity(band(800.0));
        assert!((b.central_g_per_kwh - (0.25 * 24.0 + 0.75 * 800.0)).abs() < 1e-9);
        assert!((b.low_g_per_kwh - (0.25 * 24.0 + 0.75 * 640.0)).abs() < 1e-9);
        assert!((levers.supply_price(0.07) - (0.25 * 0.03 + 0.75 * 0.07)).abs() < 1e-12);
    }

    #[test]
    fn flared_gas_replaces_the_grid() {
        let levers = Levers {
            flared_gas: Some(FlaredGas::default()),
            ..Default::default()
        };
        let b = levers.supply_intensity(band(100.0));
        assert_eq!(b.central_g_per_kwh, 490.0);
        assert_eq!(b.low_g_per_kwh, 490.0);
    }

    #[test]
    fn curtailment_reduces_the_running_time() {
        let levers = Levers {
            curtailment: Some(Curtailment {
                hours_per_year: 876.6,
                credit_usd_per_mwh: 100.0,
            }),
            ..Default::default()
        };
        assert!((levers.running_fraction() - 0.9).abs() < 1e-12);
    }

    #[test]
    fn out_of_range_levers_are_named() {
        let levers = Levers {
            curtailment: Some(Curtailment {
                hours_per_year: 9000.0,
                credit_usd_per_mwh: 0.0,
            }),
            ..Default::default()
        };
        assert_eq!(
            levers.validate().unwrap_err().to_string(),
            "levers.curtailment.hours_per_year: 9000 is not allowed; must be a number from 0 to 8766 hours/year"
        );
    }
}
