//! Site accounting after the GHG Protocol Scope 2 Guidance (2015): Scope 1 from on-site
//! generation, Scope 2 location-based (grid energy × the grid's operational, combustion-only
//! intensity) and market-based (contractual instruments, then the residual mix), the upstream
//! part of a life-cycle intensity as Scope 3 category 3, and the renewable share both ways.
//! `docs/disclosure.md` states each formula.

pub use super::instruments::{AccountingInputs, Instruments, is_renewable, renewable_pct};
use super::rates::{DAYS_PER_YEAR, Divisor, FleetRates};
use super::scenario::{IntensityMethod, Scenario};
use serde::Serialize;

/// Where the residual-mix factor came from.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum ResidualOrigin {
    /// Given in the scenario (or `--residual-mix-g-kwh`).
    Given,
    /// The region preset's published residual mix (AIB, Green-e).
    Published,
    /// No residual mix is published for the region: the grid's operational intensity stands
    /// in, which understates market-based emissions where others claim the clean energy.
    #[default]
    GridFallback,
}

/// Whether a certificate volume fits the energy the instruments may cover.
#[derive(Clone, Copy, Debug, PartialEq, thiserror::Error)]
#[error(
    "{certificates_mwh} MWh of certificates is more than the {coverable_mwh} MWh a year they can cover"
)]
pub struct CertificatesBeyondConsumption {
    pub certificates_mwh: f64,
    /// Grid energy a year not already covered by the PPA, MWh.
    pub coverable_mwh: f64,
}

/// The site's emissions and renewable shares by scope: the seven disclosure keys of
/// `report --json`, carried by every evaluation. How they were reached is [`AccountingBasis`].
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct SiteAccounting {
    /// S.8: all energy the site uses, kWh a year.
    pub energy_kwh_per_year: f64,
    /// S.10 location-based: the grid's renewable share of the grid energy; `None` with no energy.
    pub renewable_share_location_pct: Option<f64>,
    /// Market-based: energy covered by renewable instruments (PPA, certificates).
    pub renewable_share_market_pct: Option<f64>,
    /// S.12: on-site generation's emissions, t CO₂e a year (0 without on-site generation).
    pub scope1_t_per_year: f64,
    pub scope2_location_t_per_year: f64,
    pub scope2_market_t_per_year: f64,
    /// The upstream part of the life-cycle grid intensity, t a year; `None` when the intensity
    /// used is combustion-only and cannot be split.
    pub scope3_upstream_t_per_year: Option<f64>,
}

/// How the accounting was reached: the energies and factors behind each scope, which the
/// scope table states. Computed when a table asks for it ([`basis`]), not carried by every
/// evaluation (a dozen more figures to write made each evaluation slower).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct AccountingBasis {
    pub grid_energy_kwh_per_year: f64,
    pub onsite_energy_kwh_per_year: f64,
    /// The grid's operational intensity: mix × the combustion-only table.
    pub operational_g_per_kwh: f64,
    /// The grid's life-cycle intensity, when the one used is life-cycle.
    pub lifecycle_g_per_kwh: Option<f64>,
    pub onsite_g_per_kwh: Option<f64>,
    pub ppa_kwh_per_year: f64,
    pub ppa_g_per_kwh: f64,
    pub certificate_kwh_per_year: f64,
    pub certificate_g_per_kwh: f64,
    pub residual_kwh_per_year: f64,
    pub residual_g_per_kwh: f64,
    pub residual_origin: ResidualOrigin,
}

/// Tonnes from kWh × g/kWh.
fn tonnes(kwh: f64, g_per_kwh: f64) -> f64 {
    kwh * g_per_kwh * 1e-6
}

/// The PPA share (0–1) and factor that apply: the scenario's own, else the renewable lever's.
fn ppa(scenario: &Scenario) -> (f64, f64) {
    let i = &scenario.accounting.instruments;
    let lever = scenario.levers.renewable;
    let share = i
        .ppa_share_pct
        .or(lever.map(|r| r.share_pct))
        .unwrap_or(0.0);
    let factor = i
        .ppa_g_per_kwh
        .or(lever.map(|r| r.intensity_g_per_kwh))
        .unwrap_or(0.0);
    (share / 100.0, factor)
}

/// Checks that the certificates do not exceed the grid energy the PPA leaves uncovered.
pub fn check_certificates(scenario: &Scenario) -> Result<(), CertificatesBeyondConsumption> {
    let a = basis(scenario);
    let coverable_mwh = (a.grid_energy_kwh_per_year - a.ppa_kwh_per_year) / 1000.0;
    let certificates_mwh = scenario.accounting.instruments.certificates_mwh_per_year;
    // A thousandth of a MWh of slack, so certificates bought to the figure shown are accepted.
    if certificates_mwh > coverable_mwh + 1e-3 {
        return Err(CertificatesBeyondConsumption {
            certificates_mwh,
            coverable_mwh: coverable_mwh.max(0.0),
        });
    }
    Ok(())
}

/// How the site's accounting was reached (the scope table's basis column).
pub fn basis(scenario: &Scenario) -> AccountingBasis {
    breakdown(scenario, &FleetRates::of(scenario)).1
}

/// The site's accounting, from the fleet's rates (evaluation computes them once; every
/// evaluation carries the result). Certificates beyond what they may cover are capped here
/// (the resolver refuses them first, so a resolved scenario never has any).
// Inlined so the evaluation builds the accounting in place and the basis it does not keep is
// never computed.
#[inline(always)]
pub fn account_with(scenario: &Scenario, rates: &FleetRates) -> SiteAccounting {
    breakdown(scenario, rates).0
}

/// The figures and how they were reached, from one computation.
#[inline(always)]
fn breakdown(scenario: &Scenario, rates: &FleetRates) -> (SiteAccounting, AccountingBasis) {
    let inputs = &scenario.accounting;
    let grid = &scenario.site.grid;
    let energy = rates.energy_kwh_per_day * DAYS_PER_YEAR;

    // On-site generation: the flared-gas generator replaces the grid.
    let onsite_g_per_kwh = scenario.levers.flared_gas.map(|f| f.generator_g_per_kwh);
    let onsite = if onsite_g_per_kwh.is_some() {
        energy
    } else {
        0.0
    };
    let grid_energy = energy - onsite;

    // Σ share × factor, scaled from percent once (not once a source: divisions were a good
    // part of an evaluation's time).
    let operational: f64 = grid
        .mix()
        .iter()
        .map(|(s, share)| share * inputs.operational_factors.get(s))
        .sum::<f64>()
        * 0.01;
    let intensity = grid.intensity().central_g_per_kwh;
    let lifecycle = match grid.effective_method() {
        IntensityMethod::Mix if inputs.table_is_direct => None,
        _ => Some(intensity),
    };
    let renewable_pct = grid.renewable_pct();

    let (ppa_share, ppa_g) = ppa(scenario);
    let ppa_kwh = grid_energy * ppa_share;
    let certificate_kwh = (inputs.instruments.certificates_mwh_per_year * 1000.0)
        .min(grid_energy - ppa_kwh)
        .max(0.0);
    let residual_kwh = (grid_energy - ppa_kwh - certificate_kwh).max(0.0);
    let (residual_g, residual_origin) = match (
        inputs.instruments.residual_mix_g_per_kwh,
        inputs.residual_mix_g_per_kwh,
    ) {
        (Some(g), _) => (g, ResidualOrigin::Given),
        (None, Some(g)) => (g, ResidualOrigin::Published),
        (None, None) => (operational, ResidualOrigin::GridFallback),
    };
    let certificate_g = inputs.instruments.certificate_g_per_kwh;

    let per_energy = Divisor::new(energy);
    let figures = SiteAccounting {
        energy_kwh_per_year: energy,
        renewable_share_location_pct: per_energy.divide(grid_energy * renewable_pct),
        renewable_share_market_pct: per_energy.divide((ppa_kwh + certificate_kwh) * 100.0),
        scope1_t_per_year: onsite_g_per_kwh.map_or(0.0, |g| tonnes(onsite, g)),
        scope2_location_t_per_year: tonnes(grid_energy, operational),
        scope2_market_t_per_year: tonnes(ppa_kwh, ppa_g)
            + tonnes(certificate_kwh, certificate_g)
            + tonnes(residual_kwh, residual_g),
        // A measured intensity below the combustion figure (imports, rounding) has no
        // upstream part to report, never a negative one.
        scope3_upstream_t_per_year: lifecycle
            .map(|l| tonnes(grid_energy, (l - operational).max(0.0))),
    };
    let basis = AccountingBasis {
        grid_energy_kwh_per_year: grid_energy,
        onsite_energy_kwh_per_year: onsite,
        operational_g_per_kwh: operational,
        lifecycle_g_per_kwh: lifecycle,
        onsite_g_per_kwh,
        ppa_kwh_per_year: ppa_kwh,
        ppa_g_per_kwh: ppa_g,
        certificate_kwh_per_year: certificate_kwh,
        certificate_g_per_kwh: certificate_g,
        residual_kwh_per_year: residual_kwh,
        residual_g_per_kwh: residual_g,
        residual_origin,
    };
    (figures, basis)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::levers::{FlaredGas, RenewableSupply};
    use crate::model::{Evaluation, evaluate};
    use crate::presets::PresetLibrary;
    use crate::scenario_file::ScenarioDoc;

    fn doc(id: &str) -> ScenarioDoc {
        PresetLibrary::builtin().scenario(id).unwrap().doc.clone()
    }

    fn evaluated(doc: &ScenarioDoc) -> Evaluation {
        evaluate(&doc.resolve(&PresetLibrary::builtin()).unwrap())
    }

    fn basis_of(doc: &ScenarioDoc) -> AccountingBasis {
        basis(&doc.resolve(&PresetLibrary::builtin()).unwrap())
    }

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() <= 1e-9 * a.abs().max(b.abs()).max(1.0)
    }

    #[test]
    fn location_based_is_grid_energy_times_the_combustion_intensity() {
        let e = evaluated(&doc("texas-s21"));
        let a = &e.accounting;
        // ERCOT's mix × the direct-combustion table: coal 14 % × 760 + gas 45.1 % × 370
        // + other 0.3 % × 575 (every other source emits nothing at the stack).
        let operational = 0.14 * 760.0 + 0.451 * 370.0 + 0.003 * 575.0;
        let b = basis_of(&doc("texas-s21"));
        assert!(close(b.operational_g_per_kwh, operational), "{b:?}");
        let resolved = doc("texas-s21").resolve(&PresetLibrary::builtin()).unwrap();
        assert_eq!(&*resolved.accounting.operational_table, "direct-combustion");
        let kwh = e.energy_kwh_per_day * DAYS_PER_YEAR;
        assert!(close(a.energy_kwh_per_year, kwh));
        assert!(close(a.scope2_location_t_per_year, kwh * operational / 1e6));
        // The app's own life-cycle CO₂ is location Scope 2 plus the upstream part.
        let upstream = a.scope3_upstream_t_per_year.unwrap();
        assert!(close(
            a.scope2_location_t_per_year + upstream,
            e.co2_t_per_year
        ));
        assert!(upstream > 0.0 && a.scope2_location_t_per_year < e.co2_t_per_year);
        // Renewables in the ERCOT mix: hydro 0.1 + wind 24.2 + solar 7.1.
        assert!(close(a.renewable_share_location_pct.unwrap(), 31.4));
        assert_eq!(a.renewable_share_market_pct, Some(0.0));
    }

    #[test]
    fn market_equals_location_without_instruments_and_with_the_grids_residual_mix() {
        // Texas has no published residual mix bundled: the grid's factor stands in, flagged.
        let e = evaluated(&doc("texas-s21"));
        let a = &e.accounting;
        assert_eq!(
            basis_of(&doc("texas-s21")).residual_origin,
            ResidualOrigin::GridFallback
        );
        assert!(close(
            a.scope2_market_t_per_year,
            a.scope2_location_t_per_year
        ));

        // Germany has AIB's residual mix; given the grid's own factor instead, they agree.
        let mut germany = doc("germany-high-price");
        let published = evaluated(&germany).accounting;
        let published_basis = basis_of(&germany);
        assert_eq!(published_basis.residual_origin, ResidualOrigin::Published);
        assert_eq!(published_basis.residual_g_per_kwh, 719.90);
        assert!(published.scope2_market_t_per_year > published.scope2_location_t_per_year);
        germany.instruments.residual_mix_g_per_kwh = Some(published_basis.operational_g_per_kwh);
        let a = evaluated(&germany).accounting;
        assert_eq!(basis_of(&germany).residual_origin, ResidualOrigin::Given);
        assert!(close(
            a.scope2_market_t_per_year,
            a.scope2_location_t_per_year
        ));
    }

    #[test]
    fn certificates_covering_all_consumption_at_zero_zero_market_based_only() {
        let mut d = doc("texas-s21");
        let before = evaluated(&d).accounting;
        d.instruments.certificates_mwh_per_year = before.energy_kwh_per_year / 1000.0;
        let e = evaluated(&d);
        let a = &e.accounting;
        assert_eq!(a.scope2_market_t_per_year, 0.0);
        assert_eq!(
            a.scope2_location_t_per_year,
            before.scope2_location_t_per_year
        );
        assert_eq!(
            a.scope3_upstream_t_per_year,
            before.scope3_upstream_t_per_year
        );
        assert!(close(a.renewable_share_market_pct.unwrap(), 100.0));
        assert_eq!(
            a.renewable_share_location_pct,
            before.renewable_share_location_pct
        );

        // Half covered at a factor of 0: half the residual emissions remain.
        d.instruments.certificates_mwh_per_year = before.energy_kwh_per_year / 2000.0;
        let half = evaluated(&d).accounting;
        assert!(close(
            half.scope2_market_t_per_year,
            before.scope2_market_t_per_year / 2.0
        ));
    }

    #[test]
    fn certificates_beyond_consumption_are_refused() {
        let mut d = doc("texas-s21");
        let mwh = evaluated(&d).accounting.energy_kwh_per_year / 1000.0;
        d.instruments.certificates_mwh_per_year = mwh + 1.0;
        let e = d.resolve(&PresetLibrary::builtin()).unwrap_err();
        assert_eq!(e.field, "instruments.certificates_mwh_per_year");
        assert_eq!(
            e.to_string(),
            format!(
                "instruments.certificates_mwh_per_year: {} MWh of certificates is more than the {} MWh a year of grid energy they can cover (after any PPA)",
                crate::format::number(mwh + 1.0),
                crate::format::number(mwh)
            )
        );
        // A PPA covering half leaves only half for certificates.
        d.instruments.certificates_mwh_per_year = mwh * 0.6;
        d.instruments.ppa_share_pct = Some(50.0);
        assert!(d.resolve(&PresetLibrary::builtin()).is_err());
        d.instruments.certificates_mwh_per_year = mwh * 0.5;
        assert!(d.resolve(&PresetLibrary::builtin()).is_ok());
    }

    #[test]
    fn a_ppa_and_the_renewable_lever_count_as_contracts() {
        let mut d = doc("texas-s21");
        let base = evaluated(&d).accounting;
        d.instruments.ppa_share_pct = Some(40.0);
        d.instruments.ppa_g_per_kwh = Some(0.0);
        let a = evaluated(&d).accounting;
        assert!(close(
            a.scope2_market_t_per_year,
            base.scope2_market_t_per_year * 0.6
        ));
        assert!(close(a.renewable_share_market_pct.unwrap(), 40.0));
        assert_eq!(
            a.scope2_location_t_per_year,
            base.scope2_location_t_per_year
        );

        // The renewable-supply lever is the PPA when the scenario gives none.
        let mut d = doc("texas-s21");
        d.levers.renewable = Some(RenewableSupply {
            share_pct: 25.0,
            intensity_g_per_kwh: 11.0,
            price_usd_per_kwh: 0.05,
        });
        let b = basis_of(&d);
        assert!(close(b.ppa_kwh_per_year, b.grid_energy_kwh_per_year * 0.25));
        assert_eq!(b.ppa_g_per_kwh, 11.0);
    }

    #[test]
    fn scope1_appears_only_with_on_site_generation() {
        for id in ["texas-s21", "germany-high-price", "quebec-hydro"] {
            let a = evaluated(&doc(id)).accounting;
            assert_eq!(a.scope1_t_per_year, 0.0, "{id}");
            assert_eq!(basis_of(&doc(id)).onsite_g_per_kwh, None, "{id}");
        }
        let mut d = doc("texas-s21");
        d.levers.flared_gas = Some(FlaredGas::default());
        let e = evaluated(&d);
        let a = &e.accounting;
        assert!(close(
            a.scope1_t_per_year,
            a.energy_kwh_per_year * 490.0 / 1e6
        ));
        // Off grid: no Scope 2, no upstream of grid power; the flaring avoided stays apart.
        assert_eq!(a.scope2_location_t_per_year, 0.0);
        assert_eq!(a.scope2_market_t_per_year, 0.0);
        assert_eq!(a.scope3_upstream_t_per_year, Some(0.0));
        assert_eq!(a.renewable_share_location_pct, Some(0.0));
        assert!(e.flaring_avoided_co2_t_per_year.unwrap() > 0.0);
        assert!(close(a.scope1_t_per_year, e.co2_t_per_year));
    }

    #[test]
    fn a_combustion_only_table_has_no_upstream_to_split() {
        let mut d = doc("texas-s21");
        d.site.emission_table = "direct-combustion".into();
        d.site.intensity_method = IntensityMethod::Mix;
        let e = evaluated(&d);
        assert_eq!(e.accounting.scope3_upstream_t_per_year, None);
        assert!(close(
            e.accounting.scope2_location_t_per_year,
            e.co2_t_per_year
        ));
        let json = serde_json::to_string(&e).unwrap();
        assert!(
            json.contains("\"scope3_upstream_t_per_year\":null"),
            "{json}"
        );
    }
}
