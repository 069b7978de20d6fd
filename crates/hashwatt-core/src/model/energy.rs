//! Generation sources, energy mixes, emission-factor tables and grid intensity.

use super::limits::trim_float;
use serde::{Deserialize, Serialize};

/// A source of electricity, as Electricity Maps and Ember group them.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum EnergySource {
    Coal,
    Gas,
    Oil,
    Nuclear,
    Hydro,
    Wind,
    Solar,
    Geothermal,
    Biomass,
    /// Unattributed generation; emission tables treat it as thermal.
    Other,
}

impl EnergySource {
    pub const ALL: [EnergySource; 10] = [
        EnergySource::Coal,
        EnergySource::Gas,
        EnergySource::Oil,
        EnergySource::Nuclear,
        EnergySource::Hydro,
        EnergySource::Wind,
        EnergySource::Solar,
        EnergySource::Geothermal,
        EnergySource::Biomass,
        EnergySource::Other,
    ];

    /// The lower-case key used in files and on the command line (`coal`, `hydro`, …).
    pub fn key(self) -> &'static str {
        match self {
            EnergySource::Coal => "coal",
            EnergySource::Gas => "gas",
            EnergySource::Oil => "oil",
            EnergySource::Nuclear => "nuclear",
            EnergySource::Hydro => "hydro",
            EnergySource::Wind => "wind",
            EnergySource::Solar => "solar",
            EnergySource::Geothermal => "geothermal",
            EnergySource::Biomass => "biomass",
            EnergySource::Other => "other",
        }
    }

    pub fn from_key(key: &str) -> Option<EnergySource> {
        EnergySource::ALL.into_iter().find(|s| s.key() == key)
    }

    /// Fossil sources, whose combustion emits CO₂ at the stack.
    pub fn is_fossil(self) -> bool {
        matches!(
            self,
            EnergySource::Coal | EnergySource::Gas | EnergySource::Oil
        )
    }
}

/// One value per energy source. Files spell every source out by name, and a missing one is 0.
#[derive(Clone, Copy, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PerSource<T> {
    pub coal: T,
    pub gas: T,
    pub oil: T,
    pub nuclear: T,
    pub hydro: T,
    pub wind: T,
    pub solar: T,
    pub geothermal: T,
    pub biomass: T,
    pub other: T,
}

impl<T> PerSource<T> {
    /// The value for one source, by reference (for values that are not `Copy`).
    pub fn get_ref(&self, source: EnergySource) -> &T {
        match source {
            EnergySource::Coal => &self.coal,
            EnergySource::Gas => &self.gas,
            EnergySource::Oil => &self.oil,
            EnergySource::Nuclear => &self.nuclear,
            EnergySource::Hydro => &self.hydro,
            EnergySource::Wind => &self.wind,
            EnergySource::Solar => &self.solar,
            EnergySource::Geothermal => &self.geothermal,
            EnergySource::Biomass => &self.biomass,
            EnergySource::Other => &self.other,
        }
    }
}

impl<T: Copy> PerSource<T> {
    pub fn from_fn(mut f: impl FnMut(EnergySource) -> T) -> Self {
        PerSource {
            coal: f(EnergySource::Coal),
            gas: f(EnergySource::Gas),
            oil: f(EnergySource::Oil),
            nuclear: f(EnergySource::Nuclear),
            hydro: f(EnergySource::Hydro),
            wind: f(EnergySource::Wind),
            solar: f(EnergySource::Solar),
            geothermal: f(EnergySource::Geothermal),
            biomass: f(EnergySource::Biomass),
            other: f(EnergySource::Other),
        }
    }

    pub fn get(&self, source: EnergySource) -> T {
        *self.get_ref(source)
    }

    pub fn set(&mut self, source: EnergySource, value: T) {
        *self.slot_mut(source) = value;
    }

    fn slot_mut(&mut self, source: EnergySource) -> &mut T {
        match source {
            EnergySource::Coal => &mut self.coal,
            EnergySource::Gas => &mut self.gas,
            EnergySource::Oil => &mut self.oil,
            EnergySource::Nuclear => &mut self.nuclear,
            EnergySource::Hydro => &mut self.hydro,
            EnergySource::Wind => &mut self.wind,
            EnergySource::Solar => &mut self.solar,
            EnergySource::Geothermal => &mut self.geothermal,
            EnergySource::Biomass => &mut self.biomass,
            EnergySource::Other => &mut self.other,
        }
    }

    /// Every source with its value, in [`EnergySource::ALL`] order.
    pub fn iter(&self) -> impl Iterator<Item = (EnergySource, T)> + '_ {
        EnergySource::ALL.into_iter().map(|s| (s, self.get(s)))
    }
}

/// Why shares of the electricity (a mix, or a mining map's shares of the hashrate) are wrong.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
#[error("{}", self.localized(crate::i18n::Lang::En))]
pub enum MixError {
    /// A share outside 0–100 % (or not a number).
    Share { energy: EnergySource, share: f64 },
    /// A mix whose shares do not sum to 100 ± the tolerance.
    Sum { total: f64 },
    /// Shares that may sum to less than 100 (a mining map) but sum to more.
    SumAbove { total: f64 },
    /// A source given twice (`--mix coal=50,coal=50`).
    Twice { energy: EnergySource },
}

impl MixError {
    /// The message in `lang`.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::fill;
        let p = &crate::i18n::strings(lang).problems;
        let tolerance = trim_float(MIX_TOTAL_TOLERANCE_PCT);
        match *self {
            MixError::Share { energy, share } => fill(
                p.share_not_allowed,
                &[
                    ("source", energy.key()),
                    ("share", &super::limits::fmt_value(share)),
                ],
            ),
            MixError::Sum { total } => fill(
                p.shares_sum,
                &[("sum", &trim_float(total)), ("tolerance", &tolerance)],
            ),
            MixError::SumAbove { total } => fill(
                p.shares_sum_at_most,
                &[
                    ("sum", &super::limits::fmt_value(total)),
                    ("tolerance", &tolerance),
                ],
            ),
            MixError::Twice { energy } => fill(p.source_given_twice, &[("source", energy.key())]),
        }
    }
}

/// An energy mix: each source's share of the electricity, in percent (the shares sum to 100).
pub type EnergyMix = PerSource<f64>;

/// How far a mix's total may stray from 100 % (rounding in published tables).
pub const MIX_TOTAL_TOLERANCE_PCT: f64 = 0.1;

impl EnergyMix {
    pub fn total_pct(&self) -> f64 {
        self.iter().map(|(_, share)| share).sum()
    }

    /// Checks that every share is a finite percentage and that they sum to 100 ± 0.1.
    pub fn check(&self) -> Result<(), MixError> {
        for (source, share) in self.iter() {
            if !share.is_finite() || !(0.0..=100.0).contains(&share) {
                return Err(MixError::Share {
                    energy: source,
                    share,
                });
            }
        }
        let total = self.total_pct();
        if (total - 100.0).abs() > MIX_TOTAL_TOLERANCE_PCT {
            return Err(MixError::Sum { total });
        }
        Ok(())
    }

    /// Sets one source's share and scales the others so the total stays 100 %: the edited
    /// source takes from (or gives to) the rest in proportion to their shares.
    pub fn set_share_keeping_total(&mut self, source: EnergySource, share_pct: f64) {
        let share_pct = if share_pct.is_finite() {
            share_pct.clamp(0.0, 100.0)
        } else {
            return;
        };
        let rest_before: f64 = self
            .iter()
            .filter(|(s, _)| *s != source)
            .map(|(_, v)| v)
            .sum();
        let rest_after = 100.0 - share_pct;
        let others: Vec<EnergySource> = EnergySource::ALL
            .into_iter()
            .filter(|s| *s != source)
            .collect();
        if rest_before > 0.0 {
            let scale = rest_after / rest_before;
            for s in others {
                self.set(s, self.get(s) * scale);
            }
        } else {
            // Nothing to scale: the remainder is spread evenly.
            let each = rest_after / others.len() as f64;
            for s in others {
                self.set(s, each);
            }
        }
        self.set(source, share_pct);
    }
}

/// Life-cycle or direct emission factors in g CO₂e per kWh, one per source, with the low and
/// high end of each published range (equal to the central value where none is published).
#[derive(Clone, Debug, PartialEq)]
pub struct EmissionFactors {
    pub central_g_per_kwh: PerSource<f64>,
    pub low_g_per_kwh: PerSource<f64>,
    pub high_g_per_kwh: PerSource<f64>,
}

impl EmissionFactors {
    /// A table with no range: low = central = high.
    pub fn flat(central_g_per_kwh: PerSource<f64>) -> Self {
        EmissionFactors {
            central_g_per_kwh,
            low_g_per_kwh: central_g_per_kwh,
            high_g_per_kwh: central_g_per_kwh,
        }
    }

    /// IPCC AR5 WG3 Annex III life-cycle medians (oil: UK POST 2014; other: assumed thermal).
    /// Tables are data (`presets/emission-factors/`); this copy lets the engine's unit tests run
    /// without the preset library, and a preset test checks the two agree.
    #[cfg(test)]
    pub(crate) fn ipcc_ar5_lifecycle() -> Self {
        let central = PerSource {
            coal: 820.0,
            gas: 490.0,
            oil: 650.0,
            nuclear: 12.0,
            hydro: 24.0,
            wind: 11.0,
            solar: 48.0,
            geothermal: 38.0,
            biomass: 230.0,
            other: 700.0,
        };
        let low = PerSource {
            coal: 740.0,
            gas: 410.0,
            nuclear: 3.7,
            hydro: 1.0,
            wind: 7.0,
            solar: 18.0,
            geothermal: 6.0,
            biomass: 130.0,
            ..central
        };
        let high = PerSource {
            coal: 910.0,
            gas: 650.0,
            nuclear: 110.0,
            hydro: 2200.0,
            wind: 56.0,
            solar: 180.0,
            geothermal: 79.0,
            biomass: 420.0,
            ..central
        };
        EmissionFactors {
            central_g_per_kwh: central,
            low_g_per_kwh: low,
            high_g_per_kwh: high,
        }
    }

    /// Grid intensity of a mix: `Σ share × factor`, with the range from the low and high factors.
    pub fn intensity_of(&self, mix: &EnergyMix) -> IntensityBand {
        let weigh = |factors: &PerSource<f64>| -> f64 {
            mix.iter()
                .map(|(source, share)| share / 100.0 * factors.get(source))
                .sum()
        };
        IntensityBand {
            central_g_per_kwh: weigh(&self.central_g_per_kwh),
            low_g_per_kwh: weigh(&self.low_g_per_kwh),
            high_g_per_kwh: weigh(&self.high_g_per_kwh),
        }
    }

    /// Each source's contribution to the mix's intensity, g/kWh (they sum to the intensity).
    pub fn contributions(&self, mix: &EnergyMix) -> PerSource<f64> {
        PerSource::from_fn(|s| mix.get(s) / 100.0 * self.central_g_per_kwh.get(s))
    }
}

/// A grid intensity with its uncertainty range, g CO₂e/kWh.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct IntensityBand {
    pub central_g_per_kwh: f64,
    pub low_g_per_kwh: f64,
    pub high_g_per_kwh: f64,
}

impl IntensityBand {
    /// The band of a measured figure: the measured value, with the mix-based band's relative
    /// spread around it (a measurement carries the same uncertainty of its sources' factors).
    pub fn measured(measured_g_per_kwh: f64, mix_band: &IntensityBand) -> IntensityBand {
        if mix_band.central_g_per_kwh > 0.0 {
            let scale = measured_g_per_kwh / mix_band.central_g_per_kwh;
            IntensityBand {
                central_g_per_kwh: measured_g_per_kwh,
                low_g_per_kwh: mix_band.low_g_per_kwh * scale,
                high_g_per_kwh: mix_band.high_g_per_kwh * scale,
            }
        } else {
            IntensityBand {
                central_g_per_kwh: measured_g_per_kwh,
                low_g_per_kwh: measured_g_per_kwh,
                high_g_per_kwh: measured_g_per_kwh,
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn mix(pairs: &[(EnergySource, f64)]) -> EnergyMix {
        let mut m = EnergyMix::default();
        for &(s, v) in pairs {
            m.set(s, v);
        }
        m
    }

    #[test]
    fn intensity_is_share_weighted_sum_of_factors() {
        let table = EmissionFactors::ipcc_ar5_lifecycle();
        let m = mix(&[(EnergySource::Coal, 60.0), (EnergySource::Hydro, 40.0)]);
        let band = table.intensity_of(&m);
        assert!((band.central_g_per_kwh - (0.6 * 820.0 + 0.4 * 24.0)).abs() < 1e-9);
        assert!((band.low_g_per_kwh - (0.6 * 740.0 + 0.4 * 1.0)).abs() < 1e-9);
        assert!((band.high_g_per_kwh - (0.6 * 910.0 + 0.4 * 2200.0)).abs() < 1e-9);
    }

    #[test]
    fn single_source_mix_gives_that_sources_factor() {
        let table = EmissionFactors::ipcc_ar5_lifecycle();
        for source in EnergySource::ALL {
            let band = table.intensity_of(&mix(&[(source, 100.0)]));
            assert_eq!(
                band.central_g_per_kwh,
                table.central_g_per_kwh.get(source),
                "{source:?}"
            );
        }
    }

    #[test]
    fn kazakhstan_mix_times_ipcc_medians_underestimates_ember() {
        // data-sources.md §2a: Kazakhstan 2024 generation mix; the mix × IPCC medians gives
        // about 600 g/kWh against Ember's measured 802 (real coal fleets emit more).
        let m = mix(&[
            (EnergySource::Coal, 54.0),
            (EnergySource::Gas, 29.3),
            (EnergySource::Oil, 1.5),
            (EnergySource::Hydro, 9.5),
            (EnergySource::Wind, 4.1),
            (EnergySource::Solar, 1.6),
        ]);
        let band = EmissionFactors::ipcc_ar5_lifecycle().intensity_of(&m);
        assert!(
            (band.central_g_per_kwh - 600.0).abs() < 3.0,
            "{}",
            band.central_g_per_kwh
        );
    }

    #[test]
    fn contributions_sum_to_intensity() {
        let table = EmissionFactors::ipcc_ar5_lifecycle();
        let m = mix(&[
            (EnergySource::Gas, 45.1),
            (EnergySource::Wind, 24.2),
            (EnergySource::Coal, 14.0),
            (EnergySource::Nuclear, 9.2),
            (EnergySource::Solar, 7.5),
        ]);
        let sum: f64 = table.contributions(&m).iter().map(|(_, v)| v).sum();
        assert!((sum - table.intensity_of(&m).central_g_per_kwh).abs() < 1e-9);
    }

    #[test]
    fn mix_check_reports_total_and_bad_shares() {
        let m = mix(&[(EnergySource::Coal, 60.0), (EnergySource::Hydro, 30.0)]);
        assert_eq!(
            m.check().unwrap_err().to_string(),
            "the shares sum to 90; they must sum to 100 ± 0.1 %"
        );
        let m = mix(&[(EnergySource::Coal, 100.05)]);
        assert!(m.check().is_err());
        let m = mix(&[(EnergySource::Coal, 60.04), (EnergySource::Hydro, 40.0)]);
        assert!(m.check().is_ok());
        let m = mix(&[(EnergySource::Coal, f64::NAN), (EnergySource::Hydro, 100.0)]);
        assert_eq!(
            m.check().unwrap_err().to_string(),
            "the coal share is NaN; a share must be between 0 and 100 %"
        );
    }

    #[test]
    fn editing_one_share_keeps_total_and_proportions() {
        let mut m = mix(&[
            (EnergySource::Coal, 50.0),
            (EnergySource::Gas, 30.0),
            (EnergySource::Hydro, 20.0),
        ]);
        m.set_share_keeping_total(EnergySource::Hydro, 60.0);
        assert!((m.total_pct() - 100.0).abs() < 1e-9);
        assert!((m.coal - 25.0).abs() < 1e-9);
        assert!((m.gas - 15.0).abs() < 1e-9);
        assert_eq!(m.hydro, 60.0);

        let mut m = mix(&[(EnergySource::Coal, 100.0)]);
        m.set_share_keeping_total(EnergySource::Coal, 10.0);
        assert!((m.total_pct() - 100.0).abs() < 1e-9);
        assert!((m.gas - 10.0).abs() < 1e-9, "spread evenly: {m:?}");
    }

    #[test]
    fn measured_band_keeps_relative_spread() {
        let mix_band = IntensityBand {
            central_g_per_kwh: 500.0,
            low_g_per_kwh: 400.0,
            high_g_per_kwh: 700.0,
        };
        let b = IntensityBand::measured(800.0, &mix_band);
        assert_eq!(b.central_g_per_kwh, 800.0);
        assert!((b.low_g_per_kwh - 640.0).abs() < 1e-9);
        assert!((b.high_g_per_kwh - 1120.0).abs() < 1e-9);
    }

    #[test]
    fn source_keys_round_trip() {
        for s in EnergySource::ALL {
            assert_eq!(EnergySource::from_key(s.key()), Some(s));
        }
        assert_eq!(EnergySource::from_key("peat"), None);
    }
}
