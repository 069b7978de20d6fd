//! hashwatt: what it costs, in money and in carbon, to mine Bitcoin here, with this hardware.
//!
//! The numbers come from [`hashwatt_core`]; this crate is the layers over it: the window
//! ([`gui`]), the command line ([`cli`]) and chart and results export ([`export`]). The core's
//! modules are re-exported under their own names, so `hashwatt::model` is the engine.

pub mod cli;
pub mod export;
pub mod fonts;
pub mod gui;
pub mod history_fetch;
pub mod market_fetch;

/// The local market API the tests of the update ask (shared with the integration tests).
#[cfg(test)]
#[path = "../tests/common/api_server.rs"]
pub(crate) mod test_api_server;

pub use hashwatt_core::{
    APP_ID, chart_data, compare, dispatch_doc, figures, file_error, file_io, format, history, i18n,
    inputs, map, market_api, model, names, network_data, palette, preset_types, presets,
    price_series, problem, region_price, resolve, scenario_file, scenario_io, site_scope, suggest,
    tariff_examples, today,
};

/// The user's presets folder: `<data dir>/hashwatt/presets` (e.g.
/// `~/.local/share/hashwatt/presets`), beside the saved session. `HASHWATT_PRESETS_DIR`
/// overrides it (tests, portable installs).
pub fn user_presets_folder() -> Option<std::path::PathBuf> {
    if let Some(dir) = std::env::var_os("HASHWATT_PRESETS_DIR") {
        return Some(std::path::PathBuf::from(dir));
    }
    eframe::storage_dir(APP_ID).map(|d| d.join("presets"))
}
