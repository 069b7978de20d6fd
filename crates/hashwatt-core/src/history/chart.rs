//! The History and Backtest views' chart data: every series the window draws (and an exported
//! chart would draw), computed once from the history, the basket and the view's settings.
//!
//! The x axis is time in fractional years: a month sits at its middle
//! (`year + (month − 0.5) / 12`), a calendar year's figure at mid-year.

use super::backtest::{self, Backtest, BacktestError, BacktestInputs};
use super::cbeci::{CAMBRIDGE_TWH, HistoryView, MonthEstimate};
use super::{History, Month};
use crate::model::Scenario;
use crate::presets::PresetLibrary;
use serde::Serialize;

/// The electricity price Cambridge's estimate assumes, and the view's default.
pub const DEFAULT_USD_PER_KWH: f64 = 0.05;

/// The month China's State Council (Financial Stability and Development Committee, 21 May 2021)
/// called for a crackdown on Bitcoin mining; provinces ordered mines shut in June 2021 and the
/// hashrate fell by about half by July (this history's difficulty shows it).
pub const CHINA_BAN: Month = Month {
    year: 2021,
    month: 5,
};

/// Where a month sits on the time axis: its middle, in fractional years.
/// The largest magnitude a charted value keeps; beyond it the value is clamped. Valid inputs
/// stay far below it (a history's limits keep its hashprice under about 1e21 USD); it guards
/// the plotting, which turns an axis range into pixels and ticks: over a range near 1e308
/// those overflow or run into billions of labels.
pub const CHART_VALUE_MAX: f64 = 1e30;

/// A point as the charts draw it: `None` when either coordinate is not finite, the value
/// clamped to ±[`CHART_VALUE_MAX`].
pub fn drawable(point: [f64; 2]) -> Option<[f64; 2]> {
    (point[0].is_finite() && point[1].is_finite())
        .then(|| [point[0], point[1].clamp(-CHART_VALUE_MAX, CHART_VALUE_MAX)])
}

pub fn x_of(month: Month) -> f64 {
    f64::from(month.year) + (f64::from(month.month) - 0.5) / 12.0
}

/// The month a point of the time axis falls in.
pub fn month_at(x: f64) -> Month {
    Month::from_index((x * 12.0).floor() as i32)
}

/// Hours in a calendar year.
fn year_hours(year: i32) -> f64 {
    (1..=12)
        .filter_map(|m| Month::new(year, m))
        .map(Month::hours)
        .sum()
}

/// What the History view is computed for.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct HistorySettings {
    pub usd_per_kwh: f64,
    pub from: Month,
    pub to: Month,
}

impl HistorySettings {
    /// Cambridge's price over the whole history.
    pub fn whole(history: &History) -> HistorySettings {
        HistorySettings {
            usd_per_kwh: DEFAULT_USD_PER_KWH,
            from: history.first(),
            to: history.last(),
        }
    }

    /// These settings inside `history`: the months within it, `from` not after `to`, the price
    /// at least 0.
    pub fn clamped(self, history: &History) -> HistorySettings {
        let clamp = |m: Month| m.max(history.first()).min(history.last());
        let (from, to) = (clamp(self.from), clamp(self.to));
        HistorySettings {
            usd_per_kwh: if self.usd_per_kwh.is_finite() {
                self.usd_per_kwh.max(0.0)
            } else {
                DEFAULT_USD_PER_KWH
            },
            from: from.min(to),
            to: to.max(from),
        }
    }
}

/// A series with its lower and upper bound, as points of the time axis (months without a value
/// are left out).
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
pub struct Band {
    pub lower: Vec<[f64; 2]>,
    pub best: Vec<[f64; 2]>,
    pub upper: Vec<[f64; 2]>,
}

/// A figure Cambridge published for a calendar year, beside hashwatt's.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct CambridgePoint {
    pub year: i32,
    /// Mid-year.
    pub x: f64,
    pub twh: f64,
    /// The same energy as a mean power over the year, GW.
    pub average_gw: f64,
    /// hashwatt's best guess and band for the same year, when the view covers all of it.
    pub hashwatt_twh: Option<f64>,
    pub hashwatt_twh_lower: Option<f64>,
    pub hashwatt_twh_upper: Option<f64>,
}

/// A mining map: the start of an era of where mining was.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MapEra {
    pub id: String,
    pub month: Month,
    pub x: f64,
    /// China's share of the hashrate in the map, %.
    pub china_share_pct: f64,
    pub intensity_g_per_kwh: f64,
}

/// A dated event marked on the charts.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
pub enum EventKind {
    /// The block subsidy halved in this month.
    Halving,
    /// China's mining ban.
    ChinaBan,
}

#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Event {
    pub kind: EventKind,
    pub month: Month,
    pub x: f64,
    /// For a halving: the subsidy after it, BTC.
    pub subsidy_after_btc: Option<f64>,
}

/// Everything the History view draws.
#[derive(Clone, Debug, PartialEq)]
pub struct HistoryChart {
    pub settings: HistorySettings,
    /// The month-by-month estimate and the yearly sums.
    pub view: HistoryView,
    pub power_gw: Band,
    /// Annualised: GW × 8,766 h.
    pub energy_twh_per_year: Band,
    /// hashwatt's yearly sums, at mid-year, for the years the view covers in full.
    pub yearly_twh: Vec<[f64; 2]>,
    /// The same as mean power over the year, GW.
    pub yearly_gw: Vec<[f64; 2]>,
    /// Cambridge's published years inside the view.
    pub cambridge: Vec<CambridgePoint>,
    pub co2_mt_per_year: Vec<[f64; 2]>,
    pub intensity_g_per_kwh: Vec<[f64; 2]>,
    pub hashprice_usd_per_ph_day: Vec<[f64; 2]>,
    pub hashprice_btc_per_ph_day: Vec<[f64; 2]>,
    pub shutdown_efficiency_j_per_th: Vec<[f64; 2]>,
    /// Every mining map (also those outside the view: an era may start before it).
    pub eras: Vec<MapEra>,
    /// Halvings and the China ban inside the view.
    pub events: Vec<Event>,
    /// Where the figures come from: the monthly history (and any months fetched into the
    /// view), Cambridge's method and published years, the mining maps.
    pub sources: Vec<String>,
}

/// The bundled monthly history's sources, in one line.
pub const HISTORY_SOURCES: &str = "hashwatt monthly network history (consensus figures from \
bitcoinj and Electrum checkpoints; prices from CoinCodex, Investing.com and Yahoo Finance; fees \
and transactions from blockchain.com and Bitcoin Core getblockstats)";
/// Cambridge's method and the published years drawn beside hashwatt's.
pub const CBECI_SOURCES: &str = "Cambridge Bitcoin Electricity Consumption Index, 2023 \
method (ccaf.io/cbnsi/cbeci/methodology) with hashwatt's miner basket; Cambridge's published \
yearly figures";

/// The chart's sources for the months `from..=to` of `history` and the library's maps.
fn chart_sources(
    history: &History,
    library: &PresetLibrary,
    from: Month,
    to: Month,
) -> Vec<String> {
    let mut sources = vec![HISTORY_SOURCES.to_string()];
    // Months fetched after the bundled history name their API and day.
    let bundled_last = History::builtin_ref().last();
    for record in history.range(from, to) {
        if record.month <= bundled_last {
            continue;
        }
        let origin = record.note.split(';').next().unwrap_or_default().trim();
        if !origin.is_empty() && !sources.iter().any(|s| s == origin) {
            sources.push(origin.to_string());
        }
    }
    sources.push(CBECI_SOURCES.to_string());
    for map in library.mining_maps() {
        if !sources.contains(&map.source) {
            sources.push(map.source.clone());
        }
    }
    sources
}

impl HistoryChart {
    pub fn of(
        history: &History,
        library: &PresetLibrary,
        settings: HistorySettings,
    ) -> HistoryChart {
        let settings = settings.clamped(history);
        let view = HistoryView::of(
            history,
            library,
            settings.usd_per_kwh,
            settings.from,
            settings.to,
        );
        let months = &view.months;
        let series = |f: &dyn Fn(&MonthEstimate) -> Option<f64>| -> Vec<[f64; 2]> {
            months
                .iter()
                .filter_map(|m| f(m).and_then(|v| drawable([x_of(m.month), v])))
                .collect()
        };
        let annual =
            |gw: Option<f64>| gw.map(|gw| gw * crate::model::network::HOURS_PER_YEAR / 1000.0);
        let power_gw = Band {
            lower: series(&|m| m.power_gw_lower),
            best: series(&|m| m.power_gw),
            upper: series(&|m| m.power_gw_upper),
        };
        let energy_twh_per_year = Band {
            lower: series(&|m| annual(m.power_gw_lower)),
            best: series(&|m| annual(m.power_gw)),
            upper: series(&|m| annual(m.power_gw_upper)),
        };
        let full_years: Vec<&super::cbeci::YearEstimate> =
            view.years.iter().filter(|y| y.months == 12).collect();
        let yearly_twh = full_years
            .iter()
            .filter_map(|y| drawable([f64::from(y.year) + 0.5, y.energy_twh]))
            .collect();
        let yearly_gw = full_years
            .iter()
            .filter_map(|y| {
                drawable([
                    f64::from(y.year) + 0.5,
                    y.energy_twh * 1000.0 / year_hours(y.year),
                ])
            })
            .collect();
        let cambridge = CAMBRIDGE_TWH
            .iter()
            .filter(|(year, _)| (settings.from.year..=settings.to.year).contains(year))
            .map(|&(year, twh)| {
                let ours = full_years.iter().find(|y| y.year == year);
                CambridgePoint {
                    year,
                    x: f64::from(year) + 0.5,
                    twh,
                    average_gw: twh * 1000.0 / year_hours(year),
                    hashwatt_twh: ours.map(|y| y.energy_twh),
                    hashwatt_twh_lower: ours.map(|y| y.energy_twh_lower),
                    hashwatt_twh_upper: ours.map(|y| y.energy_twh_upper),
                }
            })
            .collect();
        HistoryChart {
            settings,
            power_gw,
            energy_twh_per_year,
            yearly_twh,
            yearly_gw,
            cambridge,
            co2_mt_per_year: series(&|m| m.co2_mt_per_year()),
            intensity_g_per_kwh: series(&|m| Some(m.intensity_g_per_kwh)),
            hashprice_usd_per_ph_day: series(&|m| m.hashprice_usd_per_ph_day),
            hashprice_btc_per_ph_day: series(&|m| Some(m.hashprice_btc_per_ph_day)),
            shutdown_efficiency_j_per_th: series(&|m| m.shutdown_efficiency_j_per_th),
            eras: map_eras(library),
            events: events(history, settings.from, settings.to),
            sources: chart_sources(history, library, settings.from, settings.to),
            view,
        }
    }

    /// The legend entry for the halvings in view, naming their months (`None` when none is),
    /// in the language of `s`.
    pub fn halving_label(&self, s: &crate::i18n::history::HistoryStrings) -> Option<String> {
        let months: Vec<String> = self
            .events
            .iter()
            .filter(|e| e.kind == EventKind::Halving)
            .map(|e| e.month.to_string())
            .collect();
        (!months.is_empty())
            .then(|| crate::i18n::fill(s.halving, &[("months", &months.join(", "))]))
    }

    /// The newest month of the view with a price: the one the summary line describes.
    pub fn latest_priced(&self) -> Option<&MonthEstimate> {
        self.view
            .months
            .iter()
            .rev()
            .find(|m| m.hashprice_usd_per_ph_day.is_some())
    }
}

/// The mining maps as eras: their month, China's share and the weighted intensity.
pub fn map_eras(library: &PresetLibrary) -> Vec<MapEra> {
    let china = library.region("china").map(|r| r.country.clone());
    let mut eras: Vec<MapEra> = library
        .mining_maps()
        .filter_map(|map| {
            let snapshot = crate::mining_intensity::snapshot(library, map).ok()?;
            let month = Month::parse(snapshot.date.get(..7)?)?;
            let china_share_pct = snapshot
                .countries
                .iter()
                .filter(|c| Some(&c.country) == china.as_ref())
                .map(|c| c.share_pct)
                .sum();
            Some(MapEra {
                id: map.id.clone(),
                month,
                x: x_of(month),
                china_share_pct,
                intensity_g_per_kwh: snapshot.intensity_g_per_kwh,
            })
        })
        .collect();
    eras.sort_by_key(|e| e.month);
    eras
}

/// The halvings (the months whose mean subsidy falls below the previous era's) and the China
/// ban, from `from` to `to`.
pub fn events(history: &History, from: Month, to: Month) -> Vec<Event> {
    let mut out = Vec::new();
    let mut era_subsidy = history.months.first().map_or(50.0, |r| r.subsidy_btc);
    for r in &history.months {
        if r.subsidy_btc < era_subsidy * 0.999 {
            let after = era_subsidy / 2.0;
            if (from..=to).contains(&r.month) {
                out.push(Event {
                    kind: EventKind::Halving,
                    month: r.month,
                    x: x_of(r.month),
                    subsidy_after_btc: Some(after),
                });
            }
            era_subsidy = after;
        }
    }
    if (from..=to).contains(&CHINA_BAN) {
        out.push(Event {
            kind: EventKind::ChinaBan,
            month: CHINA_BAN,
            x: x_of(CHINA_BAN),
            subsidy_after_btc: None,
        });
    }
    out.sort_by_key(|e| e.month);
    out
}

/// What the Backtest view runs: the months, hardware bought at the start of `from`.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct BacktestSettings {
    pub from: Month,
    pub to: Month,
}

impl BacktestSettings {
    /// The newest three years with a price.
    pub fn latest(history: &History) -> BacktestSettings {
        let to = history
            .months
            .iter()
            .rev()
            .find(|r| r.btc_price_usd.is_some())
            .map_or(history.last(), |r| r.month);
        BacktestSettings {
            from: Month::from_index(to.index() - 35).max(history.first()),
            to,
        }
    }
}

/// Why the Backtest view has nothing to show.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum BacktestViewError {
    #[error(transparent)]
    Range(#[from] super::range::RangeError),
    #[error(transparent)]
    Run(#[from] BacktestError),
}

/// The Backtest view's data: the run and its cumulative cash flow over time.
#[derive(Clone, Debug, PartialEq)]
pub struct BacktestChart {
    pub settings: BacktestSettings,
    pub inputs: BacktestInputs,
    pub backtest: Backtest,
    /// Cumulative cash flow at the end of each month (x: the month's end), starting at
    /// −hardware at the start of the first month, USD.
    pub cumulative_usd: Vec<[f64; 2]>,
}

impl BacktestChart {
    pub fn of(
        history: &History,
        scenario: &Scenario,
        settings: BacktestSettings,
    ) -> Result<BacktestChart, BacktestViewError> {
        history.months_within(Some(settings.from), Some(settings.to))?;
        let inputs = BacktestInputs::of(scenario);
        let backtest = backtest::run(&inputs, history.range(settings.from, settings.to))?;
        let start = f64::from(settings.from.year) + f64::from(settings.from.month - 1) / 12.0;
        let mut cumulative_usd = Vec::with_capacity(backtest.months.len() + 1);
        cumulative_usd.extend(drawable([start, -inputs.hardware_usd]));
        for (i, m) in backtest.months.iter().enumerate() {
            cumulative_usd.extend(drawable([
                start + (i + 1) as f64 / 12.0,
                m.cumulative_cash_flow_usd,
            ]));
        }
        Ok(BacktestChart {
            settings,
            inputs,
            backtest,
            cumulative_usd,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn month(s: &str) -> Month {
        Month::parse(s).unwrap()
    }

    fn chart(settings: HistorySettings) -> HistoryChart {
        HistoryChart::of(&History::builtin(), &PresetLibrary::builtin(), settings)
    }

    #[test]
    fn the_band_holds_the_best_guess_and_matches_the_estimate() {
        let h = History::builtin();
        let c = chart(HistorySettings::whole(&h));
        assert_eq!(c.view.months.len(), h.months.len());
        let b = &c.energy_twh_per_year;
        assert!(b.best.len() > 150, "{}", b.best.len());
        for (i, p) in b.best.iter().enumerate() {
            let lower = b.lower.iter().find(|l| l[0] == p[0]).unwrap()[1];
            let upper = b.upper.iter().find(|u| u[0] == p[0]).unwrap()[1];
            assert!(
                lower <= p[1] && p[1] <= upper,
                "point {i}: {lower} {p:?} {upper}"
            );
        }
        // The same numbers as the month's estimate: 2021-06's annualised best guess.
        let june = c
            .view
            .months
            .iter()
            .find(|m| m.month == month("2021-06"))
            .unwrap();
        let x = x_of(month("2021-06"));
        let point = b.best.iter().find(|p| p[0] == x).unwrap();
        assert_eq!(point[1], june.energy_twh_per_year().unwrap());
        let gw = c.power_gw.best.iter().find(|p| p[0] == x).unwrap();
        assert_eq!(gw[1], june.power_gw.unwrap());
    }

    #[test]
    fn cambridge_points_sit_in_the_view_beside_hashwatts_years() {
        let h = History::builtin();
        let c = chart(HistorySettings {
            from: month("2019-01"),
            to: month("2022-12"),
            ..HistorySettings::whole(&h)
        });
        let years: Vec<i32> = c.cambridge.iter().map(|p| p.year).collect();
        assert_eq!(years, [2019, 2020, 2021, 2022]);
        let y2021 = c.cambridge[2];
        assert_eq!(y2021.twh, 89.0);
        assert_eq!(y2021.x, 2021.5);
        let ours = y2021.hashwatt_twh.unwrap();
        assert!((ours / 89.0 - 1.0).abs() < 0.05, "{ours}");
        assert!(y2021.hashwatt_twh_lower.unwrap() < 89.0);
        assert!(y2021.hashwatt_twh_upper.unwrap() > 89.0);
        assert_eq!(c.yearly_twh.len(), 4);
        // 89.0 TWh over 8,760 h: 10.16 GW on average.
        assert!(
            (y2021.average_gw - 10.16).abs() < 0.01,
            "{}",
            y2021.average_gw
        );
    }

    #[test]
    fn halvings_and_the_ban_are_marked_in_range() {
        let h = History::builtin();
        let all = events(&h, h.first(), h.last());
        let halvings: Vec<String> = all
            .iter()
            .filter(|e| e.kind == EventKind::Halving)
            .map(|e| e.month.to_string())
            .collect();
        assert_eq!(halvings, ["2012-11", "2016-07", "2020-05", "2024-04"]);
        let after: Vec<f64> = all.iter().filter_map(|e| e.subsidy_after_btc).collect();
        assert_eq!(after, [25.0, 12.5, 6.25, 3.125]);
        assert!(all.iter().any(|e| e.kind == EventKind::ChinaBan));
        let late = events(&h, month("2022-01"), h.last());
        assert_eq!(late.len(), 1);
        assert_eq!(late[0].month, month("2024-04"));
        // The legend names the halvings in view, or has no entry without one.
        let s = &crate::i18n::strings(crate::i18n::Lang::En).history;
        let whole = chart(HistorySettings::whole(&h));
        assert_eq!(
            whole.halving_label(s).unwrap(),
            "Halvings (2012-11, 2016-07, 2020-05, 2024-04)"
        );
        let between = HistorySettings {
            from: month("2021-01"),
            to: month("2023-12"),
            ..HistorySettings::whole(&h)
        };
        assert_eq!(chart(between).halving_label(s), None);
    }

    #[test]
    fn the_eras_show_china_leaving() {
        let eras = map_eras(&PresetLibrary::builtin());
        assert_eq!(eras.len(), 4);
        assert_eq!(eras[0].month, month("2020-04"));
        // The 2020-04 map: China 65.08 % (Xinjiang, Sichuan, Inner Mongolia, the rest).
        let share = eras[0].china_share_pct;
        assert!((share - 65.08).abs() < 0.01, "{share}");
        assert_eq!(eras[1].month, month("2021-08"));
        assert_eq!(eras[1].china_share_pct, 0.0);
    }

    #[test]
    fn settings_are_clamped_into_the_history() {
        let h = History::builtin();
        let s = HistorySettings {
            usd_per_kwh: -1.0,
            from: month("2030-01"),
            to: month("2001-01"),
        }
        .clamped(&h);
        assert_eq!(s.usd_per_kwh, 0.0);
        assert!(s.from <= s.to);
        assert!(s.from >= h.first() && s.to <= h.last());
    }

    #[test]
    fn a_higher_price_raises_the_shutdown_bar_month_by_month() {
        let h = History::builtin();
        let cheap = chart(HistorySettings::whole(&h));
        let dear = chart(HistorySettings {
            usd_per_kwh: 0.10,
            ..HistorySettings::whole(&h)
        });
        assert_eq!(
            cheap.shutdown_efficiency_j_per_th.len(),
            dear.shutdown_efficiency_j_per_th.len()
        );
        for (a, b) in cheap
            .shutdown_efficiency_j_per_th
            .iter()
            .zip(&dear.shutdown_efficiency_j_per_th)
        {
            assert!((a[1] / b[1] - 2.0).abs() < 1e-9);
        }
    }

    #[test]
    fn the_backtest_chart_runs_the_scenario_and_refuses_bad_ranges() {
        let h = History::builtin();
        let library = PresetLibrary::builtin();
        let doc = crate::scenario_file::ScenarioDoc::default();
        let scenario = doc.resolve(&library).unwrap();
        let settings = BacktestSettings::latest(&h);
        assert_eq!(settings.to, month("2025-12"));
        assert_eq!(settings.from, month("2023-01"));
        let c = BacktestChart::of(&h, &scenario, settings).unwrap();
        assert_eq!(c.backtest.months.len(), 36);
        assert_eq!(c.cumulative_usd.len(), 37);
        assert_eq!(c.cumulative_usd[0][1], -c.backtest.summary.hardware_usd);
        assert_eq!(
            c.cumulative_usd[36][1],
            c.backtest.summary.cumulative_cash_flow_usd
        );
        assert!(matches!(
            BacktestChart::of(
                &h,
                &scenario,
                BacktestSettings {
                    from: month("2023-01"),
                    to: month("2022-01")
                }
            ),
            Err(BacktestViewError::Range(
                crate::history::range::RangeError::Reversed { .. }
            ))
        ));
        // every built-in month has a price: an imported month without one
        let imported = crate::history::parse_csv(
            "mine.csv",
            "month,difficulty,blocks,subsidy_btc,fees_btc_per_block,btc_price_usd,network_hashrate_ehs\n2026-01,1.4e14,4400,3.125,0.02,,\n",
        )
        .unwrap();
        let with_unpriced = h.merged(imported, "mine.csv").unwrap();
        assert!(matches!(
            BacktestChart::of(
                &with_unpriced,
                &scenario,
                BacktestSettings {
                    from: month("2025-06"),
                    to: month("2026-01")
                }
            ),
            Err(BacktestViewError::Run(BacktestError::NoPrice(m))) if m == month("2026-01")
        ));
        assert!(matches!(
            BacktestChart::of(
                &h,
                &scenario,
                BacktestSettings {
                    from: month("2009-01"),
                    to: month("2020-01")
                }
            ),
            Err(BacktestViewError::Range(
                crate::history::range::RangeError::Outside { .. }
            ))
        ));
    }

    #[test]
    fn month_at_inverts_x_of() {
        for m in ["2010-07", "2021-12", "2024-01"] {
            assert_eq!(month_at(x_of(month(m))), month(m));
        }
    }
}
