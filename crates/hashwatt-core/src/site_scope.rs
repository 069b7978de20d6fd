//! What a site discloses, in rows: the Scope 1/2/3 table with how each figure was reached.
//! The `report` table, the window's results and the PDF report all show these rows.

use crate::figures::Figure;
use crate::format;
use crate::i18n::{self, Lang, fill};
use crate::model::accounting::ResidualOrigin;
use crate::model::{Evaluation, Scenario};

/// One row of the scope table.
#[derive(Clone, Debug, PartialEq)]
pub struct ScopeRow {
    pub figure: Figure,
    /// t CO₂e a year, or % for a share; `None` where it cannot be split.
    pub value: Option<f64>,
    /// How it was reached, with the table or factor used, in words.
    pub basis: String,
}

/// MWh from kWh, as the basis column shows it.
fn mwh(kwh: f64) -> String {
    format::number(kwh / 1000.0)
}

/// The scope table of `e`, the evaluation of `scenario`, in `lang`: Scope 1, Scope 2
/// location- and market-based, Scope 3 upstream, then the two renewable shares. The basis
/// column names the scenario's combustion table in the location-based row.
pub fn scope_rows(e: &Evaluation, scenario: &Scenario, lang: Lang) -> Vec<ScopeRow> {
    let d = &i18n::strings(lang).disclosure;
    let a = crate::model::accounting::basis(scenario);
    let operational_table = &*scenario.accounting.operational_table;
    let g = format::number;
    let scope1 = match a.onsite_g_per_kwh {
        Some(factor) => fill(
            d.basis_scope1,
            &[
                ("energy", &mwh(a.onsite_energy_kwh_per_year)),
                ("g", &g(factor)),
            ],
        ),
        None => d.basis_scope1_none.to_string(),
    };
    let location = fill(
        d.basis_location,
        &[
            ("energy", &mwh(a.grid_energy_kwh_per_year)),
            ("g", &g(a.operational_g_per_kwh)),
            ("table", operational_table),
        ],
    );
    let origin = match a.residual_origin {
        ResidualOrigin::Given => d.residual_given,
        ResidualOrigin::Published => d.residual_published,
        ResidualOrigin::GridFallback => d.residual_fallback,
    };
    let market = fill(
        d.basis_market,
        &[
            ("ppa", &mwh(a.ppa_kwh_per_year)),
            ("ppa_g", &g(a.ppa_g_per_kwh)),
            ("cert", &mwh(a.certificate_kwh_per_year)),
            ("cert_g", &g(a.certificate_g_per_kwh)),
            ("rest", &mwh(a.residual_kwh_per_year)),
            ("res_g", &g(a.residual_g_per_kwh)),
            ("origin", origin),
        ],
    );
    let upstream = match a.lifecycle_g_per_kwh {
        Some(lifecycle) => fill(
            d.basis_upstream,
            &[
                ("energy", &mwh(a.grid_energy_kwh_per_year)),
                ("lifecycle", &g(lifecycle)),
                ("g", &g(a.operational_g_per_kwh)),
            ],
        ),
        None => d.basis_upstream_none.to_string(),
    };
    let row = |figure: Figure, basis: String| ScopeRow {
        figure,
        value: figure.value(e),
        basis,
    };
    vec![
        row(Figure::Scope1TPerYear, scope1),
        row(Figure::Scope2LocationTPerYear, location),
        row(Figure::Scope2MarketTPerYear, market),
        row(Figure::Scope3UpstreamTPerYear, upstream),
        row(
            Figure::RenewableShareLocationPct,
            Figure::RenewableShareLocationPct
                .words(lang)
                .formula
                .to_string(),
        ),
        row(
            Figure::RenewableShareMarketPct,
            Figure::RenewableShareMarketPct
                .words(lang)
                .formula
                .to_string(),
        ),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::presets::PresetLibrary;

    #[test]
    fn the_rows_name_their_tables_and_flag_a_missing_residual_mix() {
        let library = PresetLibrary::builtin();
        let doc = library.scenario("texas-s21").unwrap().doc.clone();
        let scenario = doc.resolve(&library).unwrap();
        let e = crate::model::evaluate(&scenario);
        let rows = scope_rows(&e, &scenario, Lang::En);
        assert_eq!(rows.len(), 6);
        assert_eq!(rows[0].basis, "no on-site generation");
        assert!(
            rows[1].basis.contains("table direct-combustion"),
            "{}",
            rows[1].basis
        );
        assert!(rows[2].basis.contains("flagged"), "{}", rows[2].basis);
        assert_eq!(rows[1].value, Some(e.accounting.scope2_location_t_per_year));
        let zh = scope_rows(&e, &scenario, Lang::Zh);
        assert_eq!(zh[0].basis, "无现场发电");
    }
}
