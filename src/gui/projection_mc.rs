//! The Projection tab's investment case and uncertainty: their settings, the Monte Carlo run
//! (on a thread of its own, never in a frame), its cards, the fan of cumulative cash flow and
//! the probability of having paid back.

use super::job::{Job, Shared, Status};
use super::plot_rules::TrustedPlot;
use super::widgets::{InputField, color};
use crate::format;
use crate::i18n::{Lang, Strings, fill};
use crate::inputs::Input;
use crate::model::monte_carlo::{self, MonteCarlo, Progress};
use crate::model::{Projection, ProjectionSettings, Scenario};
use crate::palette;
use eframe::egui;
use egui_plot::{Line, PlotPoints, PlotUi, Polygon};
use std::sync::Arc;

/// The Monte Carlo run of the scenario and settings on screen: the last result, and the run
/// under way when the inputs have changed since.
#[derive(Default)]
pub struct McJob {
    /// The inputs of `result` (or of the run under way).
    inputs: Option<(Scenario, ProjectionSettings)>,
    running: Option<Running>,
    pub result: Option<Arc<MonteCarlo>>,
    /// Whether `result` is of the inputs on screen.
    pub current: bool,
}

struct Running {
    /// Answers `None` when cancelled.
    job: Job<Option<MonteCarlo>, Progress>,
    paths: u32,
}

impl Shared for Progress {
    fn cancel(&self) {
        Progress::cancel(self);
    }
}

impl McJob {
    /// Starts a run when the inputs differ from the last one's (stopping any run under way),
    /// and takes a finished run's result. Never waits.
    pub fn update(
        &mut self,
        ctx: &egui::Context,
        scenario: &Scenario,
        settings: &ProjectionSettings,
    ) {
        let same = self
            .inputs
            .as_ref()
            .is_some_and(|(s, p)| s == scenario && p == settings);
        if !same {
            // Dropping the run under way cancels it.
            self.running = None;
            self.current = false;
            self.inputs = Some((scenario.clone(), *settings));
            let (scenario, settings) = (scenario.clone(), *settings);
            let spawned = Job::spawn_with("monte-carlo", ctx, Progress::new(), move |progress| {
                monte_carlo::monte_carlo(&scenario, &settings, progress)
            });
            self.running = spawned.ok().map(|job| Running {
                job,
                paths: settings.paths,
            });
        }
        if let Some(running) = &self.running {
            match running.job.poll() {
                Status::Done(Some(result)) => {
                    self.result = Some(Arc::new(result));
                    self.current = true;
                    self.running = None;
                }
                Status::Done(None) | Status::Lost => self.running = None,
                Status::Running => {
                    // Redraw for the progress, and to take the result when it comes.
                    ctx.request_repaint_after(std::time::Duration::from_millis(50));
                }
            }
        }
    }

    /// Paths done and in all, while a run is under way.
    pub fn progress(&self) -> Option<(u32, u32)> {
        self.running
            .as_ref()
            .map(|r| (r.job.shared().paths_done(), r.paths))
    }
}

/// The investment settings: discount rate, loan, hosting.
pub fn investment_settings_ui(
    ui: &mut egui::Ui,
    p: &mut ProjectionSettings,
    site_price_usd_per_kwh: f64,
    lang: Lang,
    s: &Strings,
) {
    let v = &s.investment;
    egui::CollapsingHeader::new(v.investment_heading)
        .id_salt("projection-investment")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("projection-investment-grid")
                .num_columns(4)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    let field = |input, value| InputField::new(input, value).lang(lang);
                    ui.add(field(
                        Input::DiscountRatePctPerYear,
                        &mut p.discount_rate_pct_per_year,
                    ));
                    ui.add(field(Input::LoanUsd, &mut p.loan_usd));
                    ui.end_row();
                    ui.add(field(
                        Input::LoanRatePctPerYear,
                        &mut p.loan_rate_pct_per_year,
                    ));
                    ui.add(InputField::count(Input::LoanMonths, &mut p.loan_months).lang(lang));
                    ui.end_row();
                    let mut hosted = p.hosting_usd_per_kwh.is_some();
                    if ui
                        .checkbox(&mut hosted, v.hosted)
                        .on_hover_text(v.hosted_hint)
                        .changed()
                    {
                        // A new host starts at the site's own price.
                        p.hosting_usd_per_kwh = hosted.then_some(site_price_usd_per_kwh);
                    }
                    match p.hosting_usd_per_kwh.as_mut() {
                        Some(price) => {
                            ui.add(field(Input::HostingUsdPerKwh, price));
                        }
                        None => {
                            ui.label("");
                        }
                    }
                    ui.end_row();
                    ui.add(field(
                        Input::HostingProfitSharePct,
                        &mut p.hosting_profit_share_pct,
                    ));
                    ui.end_row();
                });
        });
}

/// The uncertainty settings: paths, seed, volatilities and their correlation.
pub fn uncertainty_settings_ui(
    ui: &mut egui::Ui,
    p: &mut ProjectionSettings,
    trailing: Option<crate::history::TrailingVolatility>,
    lang: Lang,
    s: &Strings,
) {
    let v = &s.investment;
    egui::CollapsingHeader::new(v.uncertainty_heading)
        .id_salt("projection-uncertainty")
        .default_open(true)
        .show(ui, |ui| {
            egui::Grid::new("projection-uncertainty-grid")
                .num_columns(4)
                .spacing([8.0, 4.0])
                .show(ui, |ui| {
                    let field = |input, value| InputField::new(input, value).lang(lang);
                    // The horizon caps the paths (every path's month is kept): the field
                    // clamps to that cap, so the window never holds what a file may not.
                    let paths_max = p.paths_limit().max;
                    ui.add(
                        InputField::count(Input::Paths, &mut p.paths)
                            .at_most(paths_max)
                            .lang(lang),
                    );
                    ui.horizontal(|ui| {
                        ui.label(format!("{} {}", v.seed, p.seed));
                        if ui.button(v.new_seed).clicked() {
                            p.seed = (p.seed + 1) % (crate::model::limits::SEED.max as u64 + 1);
                        }
                    });
                    ui.end_row();
                    ui.add(field(
                        Input::BtcPriceVolatilityPctPerYear,
                        &mut p.btc_price_volatility_pct_per_year,
                    ));
                    // One field a row from here: the column is half the panel.
                    ui.end_row();
                    ui.add(field(
                        Input::DifficultyVolatilityPctPerYear,
                        &mut p.difficulty_volatility_pct_per_year,
                    ));
                    ui.end_row();
                    ui.add(field(
                        Input::PriceDifficultyCorrelation,
                        &mut p.price_difficulty_correlation,
                    ));
                    ui.end_row();
                });
            let note = match trailing {
                Some(t) => {
                    let (price, difficulty) = t.projection_pct_per_year();
                    crate::i18n::fill(
                        v.defaults_note_history,
                        &[
                            ("price", &crate::format::fixed(price, 1)),
                            ("difficulty", &crate::format::fixed(difficulty, 1)),
                            ("from", &t.from.to_string()),
                            ("to", &t.to.to_string()),
                        ],
                    )
                }
                None => v.defaults_note.to_string(),
            };
            ui.label(egui::RichText::new(note).small().weak());
        });
}

/// The cards: P(payback within the horizon), the median NPV and the IRR, and the run's
/// progress while one is under way.
pub fn cards_ui(
    ui: &mut egui::Ui,
    job: &McJob,
    p: &Projection,
    settings: &ProjectionSettings,
    s: &Strings,
) {
    let v = &s.investment;
    let pct = |x: Option<f64>| {
        x.map_or(format::UNDEFINED.to_string(), |x| {
            format!("{} %", format::fixed(x, 1))
        })
    };
    // Three cards in one row, each a third of the width (at most 200 px): a frame cannot wrap
    // to the next row, so it must fit before it is drawn.
    let width = ((ui.available_width() - 16.0 - 2.0 * 8.0) / 3.0 - 22.0).clamp(120.0, 200.0);
    ui.horizontal_top(|ui| {
        let mc = job.result.as_deref();
        let card = |ui: &mut egui::Ui, label: &str, value: String, detail: String, hint: &str| {
            egui::Frame::group(ui.style())
                .inner_margin(egui::Margin::symmetric(10, 6))
                .show(ui, |ui| {
                    ui.set_width(width);
                    ui.vertical(|ui| {
                        ui.label(egui::RichText::new(label).small().weak());
                        ui.label(egui::RichText::new(value).size(19.0).strong());
                        ui.add(egui::Label::new(egui::RichText::new(detail).small()).wrap());
                    });
                })
                .response
                .on_hover_text(hint);
        };
        let runs = mc.map_or(String::new(), |mc| {
            fill(
                v.paths_seed,
                &[
                    ("paths", &mc.paths.to_string()),
                    ("seed", &mc.seed.to_string()),
                ],
            )
        });
        card(
            ui,
            &fill(
                v.card_payback_probability,
                &[("months", &settings.months.to_string())],
            ),
            mc.map_or(format::UNDEFINED.to_string(), |mc| {
                format!("{} %", format::fixed(mc.payback_probability * 100.0, 1))
            }),
            runs.clone(),
            v.card_payback_probability_hint,
        );
        card(
            ui,
            v.card_median_npv,
            mc.map_or(format::UNDEFINED.to_string(), |mc| {
                format::usd(mc.npv_usd_p50)
            }),
            fill(
                v.card_median_npv_detail,
                &[
                    (
                        "rate",
                        &crate::model::limits::fmt_value(settings.discount_rate_pct_per_year),
                    ),
                    ("value", &format::usd(p.npv_usd)),
                ],
            ),
            v.card_payback_probability_hint,
        );
        card(
            ui,
            v.card_irr,
            mc.map_or(format::UNDEFINED.to_string(), |mc| pct(mc.irr_pct_p50)),
            fill(v.card_irr_detail, &[("value", &pct(p.irr_pct))]),
            v.card_irr_detail,
        );
        if let Some((done, total)) = job.progress() {
            // Text, not a spinner: a spinner asks for a frame at once, every frame.
            ui.label(fill(
                v.computing,
                &[("done", &done.to_string()), ("total", &total.to_string())],
            ));
        }
    });
}

/// The fan: P5–P95 and P25–P75 bands of the cumulative cash flow and its median, for the
/// cash-flow plot (whose own line is the deterministic projection).
pub fn draw_fan(plot: &mut PlotUi<'_>, mc: &MonteCarlo, s: &Strings) {
    let v = &s.investment;
    let base = color(palette::SERIES);
    let band = |plot: &mut PlotUi<'_>, name: &str, lo: usize, hi: usize, alpha: u8| {
        let fill_color = egui::Color32::from_rgba_unmultiplied(base.r(), base.g(), base.b(), alpha);
        // One trapezoid a month: a plot polygon is filled as if convex.
        for (m, pair) in mc.cumulative_cash_flow_usd.windows(2).enumerate() {
            let (x0, x1) = (m as f64, m as f64 + 1.0);
            let piece = vec![
                [x0, pair[0][lo]],
                [x1, pair[1][lo]],
                [x1, pair[1][hi]],
                [x0, pair[0][hi]],
            ];
            plot.polygon(
                Polygon::new(name, PlotPoints::from(piece))
                    .fill_color(fill_color)
                    .stroke(egui::Stroke::new(0.0, fill_color)),
            );
        }
    };
    band(plot, v.band_outer, 0, 4, 40);
    band(plot, v.band_inner, 1, 3, 70);
    let median: Vec<[f64; 2]> = mc
        .cumulative_cash_flow_usd
        .iter()
        .enumerate()
        .map(|(m, row)| [m as f64, row[2]])
        .collect();
    plot.line(
        Line::new(v.median_series, PlotPoints::from(median))
            .color(color(palette::HIGHLIGHT))
            .style(egui_plot::LineStyle::dashed_dense())
            .width(1.5),
    );
}

/// The probability of having paid back by each month, %.
pub fn payback_probability_ui(ui: &mut egui::Ui, mc: &MonteCarlo, link: egui::Id, s: &Strings) {
    let v = &s.investment;
    let points: Vec<[f64; 2]> = mc
        .payback_probability_by_month
        .iter()
        .enumerate()
        .map(|(m, p)| [m as f64, p * 100.0])
        .collect();
    ui.label(egui::RichText::new(v.payback_probability_title).strong());
    egui_plot::Plot::new("projection-payback-probability")
        .height(150.0)
        .link_axis(link, [true, false])
        .link_cursor(link, [true, false])
        .x_axis_label(s.charts.month_axis)
        .y_axis_label(v.payback_probability_axis)
        .include_y(0.0)
        .include_y(100.0)
        .label_formatter(move |hover| {
            // The nearest data point's value, never the pointer's position.
            let egui_plot::HoverPosition::NearDataPoint {
                position: point, ..
            } = hover
            else {
                return None;
            };
            Some(fill(
                v.hover_payback,
                &[
                    ("month", &format::fixed(point.x, 0)),
                    ("value", &format::fixed(point.y, 1)),
                ],
            ))
        })
        .show_trusted(ui, |plot| {
            plot.line(
                Line::new(v.payback_probability_series, PlotPoints::from(points))
                    .color(color(palette::GAIN))
                    .fill(0.0)
                    .width(2.0),
            );
        });
}
