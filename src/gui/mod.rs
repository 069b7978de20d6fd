//! The desktop app: a layer over the engine that shows a scenario's figures.

use crate::model::{self, Evaluation};
use crate::presets::PresetLibrary;
use crate::scenario_file::ScenarioDoc;
use std::process::ExitCode;

/// Opens the window and runs until it is closed.
pub fn run() -> ExitCode {
    let options = eframe::NativeOptions {
        viewport: eframe::egui::ViewportBuilder::default()
            .with_title("hashwatt")
            .with_inner_size([1100.0, 720.0]),
        ..Default::default()
    };
    match eframe::run_native(
        crate::APP_ID,
        options,
        Box::new(|cc| Ok(Box::new(App::new(cc)))),
    ) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: cannot open the window: {e}");
            ExitCode::FAILURE
        }
    }
}

pub struct App {
    library: PresetLibrary,
    doc: ScenarioDoc,
    result: Result<Evaluation, String>,
}

impl App {
    pub fn new(_cc: &eframe::CreationContext<'_>) -> App {
        let library = PresetLibrary::with_user_folder(crate::presets::user_folder().as_deref());
        let doc = ScenarioDoc::default();
        let result = doc
            .resolve(&library)
            .map(|s| model::evaluate(&s))
            .map_err(|e| e.to_string());
        App {
            library,
            doc,
            result,
        }
    }
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut eframe::egui::Ui, _frame: &mut eframe::Frame) {
        use crate::format::{co2_kg, energy_kwh, maybe, number, payback, power_kw, usd};
        eframe::egui::CentralPanel::default().show(ui, |ui| {
            ui.heading("hashwatt");
            ui.label(
                "What it costs, in money and in carbon, to mine Bitcoin here, with this hardware.",
            );
            ui.separator();
            let region = self
                .doc
                .site
                .region
                .as_deref()
                .unwrap_or(crate::scenario_file::defaults::REGION);
            let region = self
                .library
                .region(region)
                .map_or(region, |r| r.name.as_str());
            ui.label(format!(
                "Default scenario: one {} at the {} site",
                crate::scenario_file::defaults::MINER,
                region
            ));
            match &self.result {
                Ok(e) => {
                    eframe::egui::Grid::new("results")
                        .striped(true)
                        .show(ui, |ui| {
                            let rows = [
                                ("Power draw", power_kw(e.power_kw)),
                                (
                                    "Energy per year",
                                    energy_kwh(e.energy_mwh_per_year * 1000.0),
                                ),
                                (
                                    "Grid intensity",
                                    format!("{} g CO₂e/kWh", number(e.grid_intensity_g_per_kwh)),
                                ),
                                ("CO₂ per year", co2_kg(e.co2_t_per_year * 1000.0)),
                                ("BTC per day", number(e.btc_per_day)),
                                ("Profit per day", usd(e.profit_usd_per_day)),
                                (
                                    "Break-even BTC price",
                                    e.break_even_btc_price_usd.map_or("—".into(), usd),
                                ),
                                ("CO₂ per BTC", format!("{} t", maybe(e.co2_t_per_btc))),
                                ("Payback", payback(e.payback_days)),
                            ];
                            for (label, value) in rows {
                                ui.label(label);
                                ui.label(value);
                                ui.end_row();
                            }
                        });
                }
                Err(message) => {
                    ui.colored_label(ui.visuals().error_fg_color, message);
                }
            }
        });
    }
}
