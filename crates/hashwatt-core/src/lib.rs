//! hashwatt's core: what it costs, in money and in carbon, to mine Bitcoin here, with this
//! hardware, computed without a window, file dialogs or a network.
//!
//! [`model`] is the pure engine; [`scenario_file`] and [`scenario_io`] read and write scenario
//! documents; [`presets`] is the library of sourced data; [`chart_data`], [`network_data`] and
//! [`compare`] derive what every view shows; [`i18n`] and [`format`] say it in words. The app's
//! window, command line and export are layers over this crate.

pub mod chart_data;
pub mod compare;
pub mod dispatch_doc;
pub mod figures;
pub mod file_error;
pub mod file_io;
pub mod format;
pub mod history;
pub mod i18n;
pub mod inputs;
pub mod map;
pub mod market_api;
pub mod mining_intensity;
pub mod model;
pub mod names;
pub mod network_data;
pub mod palette;
pub mod preset_checks;
pub mod preset_types;
pub mod presets;
pub mod price_series;
pub mod problem;
pub mod region_price;
pub mod resolve;
pub mod scenario_file;
pub mod scenario_io;
pub mod site_scope;
pub mod suggest;
pub mod tariff_examples;

/// The application id: names the data folder (`~/.local/share/hashwatt`).
pub const APP_ID: &str = "hashwatt";

/// Today's date (UTC) from the system clock, for chart footers and the dates of user presets.
/// The one place outside the pure engine that reads the clock.
pub fn today() -> model::date::Date {
    let days = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs() / 86_400);
    model::date::Date::from_days_since_epoch(days as i64)
}
