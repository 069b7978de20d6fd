//! File dialogs, exports and user presets. Native dialogs run as a job of their own (a thread
//! whose answer the window polls); tests answer with a fake. Where no dialog can be shown (no
//! portal, no zenity) the app falls back to a path field.

use super::job::Job;
use crate::chart_data::Computed;
use crate::export::{ChartKind, ChartOptions, ImageFormat};
use crate::i18n::Lang;
use crate::presets::{
    Figure, Grade, IntensityConvention, IntensityFigure, MinerPreset, MinerPrice, MixFigure,
    PresetKind, PresetLibrary, PriceBasis, RegionPreset,
};
use crate::resolve::ResolveError;
use crate::scenario_file::{ScenarioDoc, defaults};
use eframe::egui;
use std::path::PathBuf;
use std::time::{Duration, Instant};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ResultsFormat {
    Csv,
    Markdown,
    Json,
    /// The printable site report.
    Pdf,
}

impl ResultsFormat {
    pub fn extension(self) -> &'static str {
        match self {
            ResultsFormat::Csv => "csv",
            ResultsFormat::Markdown => "md",
            ResultsFormat::Json => "json",
            ResultsFormat::Pdf => "pdf",
        }
    }
}

/// What a file dialog is for.
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum DialogPurpose {
    Open,
    SaveAs,
    ExportChart(ChartKind, ImageFormat),
    ExportResults(ResultsFormat),
    /// A scenario file to add to the comparison.
    AddToCompare,
    /// A price series (CSV) for the Dispatch tab.
    ImportPrices,
    /// A preset file, a pack or a scenario whose presets to import.
    ImportPresets,
    /// Where to write a pack of presets.
    ExportPresets,
}

impl DialogPurpose {
    /// The answer is a file to be written (rather than one to be read).
    pub fn writes(self) -> bool {
        !matches!(
            self,
            DialogPurpose::Open
                | DialogPurpose::AddToCompare
                | DialogPurpose::ImportPrices
                | DialogPurpose::ImportPresets
        )
    }

    /// The file filter: a name in the user's language and the extensions.
    pub fn filter(self, lang: Lang) -> (&'static str, &'static [&'static str]) {
        let s = &crate::i18n::strings(lang).files;
        match self {
            DialogPurpose::Open | DialogPurpose::SaveAs | DialogPurpose::AddToCompare => {
                (s.filter_scenario, &["ron"])
            }
            DialogPurpose::ExportChart(_, ImageFormat::Png) => (s.filter_png, &["png"]),
            DialogPurpose::ExportChart(_, ImageFormat::Svg) => (s.filter_svg, &["svg"]),
            DialogPurpose::ExportResults(ResultsFormat::Csv) => ("CSV", &["csv"]),
            DialogPurpose::ExportResults(ResultsFormat::Markdown) => ("Markdown", &["md"]),
            DialogPurpose::ExportResults(ResultsFormat::Json) => ("JSON", &["json"]),
            DialogPurpose::ImportPrices => ("CSV", &["csv"]),
            DialogPurpose::ImportPresets | DialogPurpose::ExportPresets => {
                (crate::i18n::strings(lang).sharing.filter_presets, &["ron"])
            }
            DialogPurpose::ExportResults(ResultsFormat::Pdf) => ("PDF", &["pdf"]),
        }
    }

    /// A file name to start from, e.g. `texas-s21-regions.png`.
    pub fn suggested_name(self, scenario_name: &str) -> String {
        let stem = slug(scenario_name.trim_end_matches(".ron"));
        let stem = if stem.is_empty() {
            "scenario".to_string()
        } else {
            stem
        };
        match self {
            DialogPurpose::Open
            | DialogPurpose::AddToCompare
            | DialogPurpose::ImportPrices
            | DialogPurpose::ImportPresets => String::new(),
            DialogPurpose::ExportPresets => "presets.ron".to_string(),
            DialogPurpose::SaveAs => format!("{stem}.ron"),
            DialogPurpose::ExportChart(kind, format) => format!(
                "{stem}-{}.{}",
                kind.cli_name(),
                match format {
                    ImageFormat::Png => "png",
                    ImageFormat::Svg => "svg",
                }
            ),
            DialogPurpose::ExportResults(ResultsFormat::Pdf) => format!("{stem}-report.pdf"),
            DialogPurpose::ExportResults(format) => {
                format!("{stem}-results.{}", format.extension())
            }
        }
    }
}

/// A dialog's answer.
#[derive(Clone, Debug, PartialEq)]
pub struct DialogReply {
    pub purpose: DialogPurpose,
    pub path: Option<PathBuf>,
    /// No dialog could be shown; the app offers its path field instead.
    pub unavailable: bool,
}

/// What a file dialog is asked: what for, where it starts, the name it suggests, in which
/// language.
pub struct DialogRequest {
    pub purpose: DialogPurpose,
    pub start_dir: Option<PathBuf>,
    pub suggested_name: String,
    pub lang: Lang,
}

/// Something that asks the user for a path; the answer comes as the job's.
pub trait Dialogs {
    fn ask(&mut self, request: DialogRequest, ctx: egui::Context) -> Job<DialogReply>;
}

/// The platform's dialogs (XDG portal or zenity on Linux) through rfd, off the UI thread.
pub struct NativeDialogs;

/// An answer this quick means no dialog appeared: rfd returns None at once when it has no
/// backend, exactly as for a cancel.
const NO_DIALOG_WITHIN: Duration = Duration::from_millis(250);

impl Dialogs for NativeDialogs {
    fn ask(&mut self, request: DialogRequest, ctx: egui::Context) -> Job<DialogReply> {
        let DialogRequest {
            purpose,
            start_dir,
            suggested_name,
            lang,
        } = request;
        let asked = Job::spawn("file-dialog", &ctx, move || {
            let started = Instant::now();
            let (name, extensions) = purpose.filter(lang);
            let mut dialog = rfd::FileDialog::new().add_filter(name, extensions);
            if let Some(dir) = start_dir {
                dialog = dialog.set_directory(dir);
            }
            let path = match purpose {
                DialogPurpose::Open | DialogPurpose::AddToCompare | DialogPurpose::ImportPrices => {
                    dialog.pick_file()
                }
                _ => dialog.set_file_name(suggested_name).save_file(),
            };
            let unavailable = path.is_none() && started.elapsed() < NO_DIALOG_WITHIN;
            DialogReply {
                purpose,
                path,
                unavailable,
            }
        });
        // Without a thread there is no dialog: the path field asks instead.
        asked.unwrap_or_else(|_| {
            Job::ready(DialogReply {
                purpose,
                path: None,
                unavailable: true,
            })
        })
    }
}

/// A message that can be said in either language: errors keep their words until a banner
/// shows them, so that a switch of language redraws the banner.
#[derive(Clone)]
pub struct Said(std::sync::Arc<dyn Fn(Lang) -> String + Send + Sync>);

impl Said {
    pub fn new(say: impl Fn(Lang) -> String + Send + Sync + 'static) -> Said {
        Said(std::sync::Arc::new(say))
    }

    /// A fixed text from the string tables.
    pub fn from_table(pick: fn(&'static crate::i18n::Strings) -> &'static str) -> Said {
        Said::new(move |lang| pick(crate::i18n::strings(lang)).to_string())
    }

    pub fn in_lang(&self, lang: Lang) -> String {
        (self.0)(lang)
    }
}

impl std::fmt::Debug for Said {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.in_lang(Lang::En))
    }
}

/// Errors that say themselves in each language.
macro_rules! said_from {
    ($($t:ty),*) => {$(
        impl From<$t> for Said {
            fn from(e: $t) -> Said {
                Said::new(move |lang| e.localized(lang))
            }
        }
    )*};
}
said_from!(
    ResolveError,
    crate::file_error::FileError,
    crate::export::ExportError,
    crate::problem::FieldProblem
);

/// What an export draws from, beside the scenario: the views' own data and the presets.
pub struct ExportSources<'a> {
    pub derived: &'a super::derived::Derived,
    pub library: &'a PresetLibrary,
    /// The Dispatch tab's price-duration curve, when it has one.
    pub dispatch: Option<&'a crate::chart_data::dispatch::DurationCurve>,
    /// The History tab shows power rather than energy.
    pub history_shows_power: bool,
}

/// The bytes of an export.
pub fn export(
    purpose: DialogPurpose,
    computed: &Computed,
    session: &super::Session,
    scenario_name: &str,
    sources: &ExportSources,
) -> Result<Vec<u8>, Said> {
    let lang = session.lang();
    match purpose {
        DialogPurpose::ExportChart(kind, format) => {
            let options = ChartOptions {
                width: 1600,
                height: 1000,
                date: crate::today().to_string(),
                title_suffix: if kind.is_about_the_scenario() {
                    scenario_name.to_string()
                } else {
                    String::new()
                },
                region_metric: session.region_metric,
                lang,
            };
            let names: Vec<String> = session
                .pinned
                .iter()
                .map(|p| super::session::pin_name(p, sources.library, lang))
                .collect();
            let mut pin_sources: Vec<String> = Vec::new();
            for pin in &session.pinned {
                for source in crate::chart_data::sources(&pin.doc, sources.library, lang) {
                    if !pin_sources.contains(&source) {
                        pin_sources.push(source);
                    }
                }
            }
            let pinned = sources
                .derived
                .comparison
                .get()
                .map(|comparison| crate::export::Pinned {
                    comparison,
                    names: &names,
                    sources: &pin_sources,
                });
            let input = crate::export::ChartInput {
                data: &computed.charts,
                sensitivity: sources.derived.sensitivity.get(),
                network: sources.derived.network.get(),
                pinned: pinned.as_ref(),
                history: sources.derived.history_chart.get(),
                history_shows_power: sources.history_shows_power,
                backtest: sources.derived.backtest.get().and_then(|b| b.as_ref().ok()),
                dispatch: sources.dispatch,
                map: sources.derived.map.get().and_then(|m| m.as_ref().ok()),
            };
            crate::export::render_chart(kind, input, &options, format).map_err(Said::from)
        }
        DialogPurpose::ExportResults(ResultsFormat::Pdf) => {
            let input = crate::export::ReportInput {
                doc: &session.doc,
                scenario: &computed.scenario,
                library: sources.library,
                lang,
                date: crate::today().to_string(),
                file: session.path.as_deref(),
            };
            crate::export::render_report(&input, crate::export::Paper::A4).map_err(Said::from)
        }
        DialogPurpose::ExportResults(format) => {
            let e = &computed.evaluation;
            let text = match format {
                ResultsFormat::Csv => crate::export::results_csv(e, lang),
                ResultsFormat::Markdown => crate::export::results_markdown(
                    scenario_name,
                    e,
                    &computed.charts.sources,
                    lang,
                ),
                ResultsFormat::Json => crate::export::results_json(e),
                ResultsFormat::Pdf => unreachable!("the report is drawn above"),
            };
            Ok(text.into_bytes())
        }
        DialogPurpose::Open
        | DialogPurpose::SaveAs
        | DialogPurpose::AddToCompare
        | DialogPurpose::ImportPrices
        | DialogPurpose::ImportPresets
        // A pack is written by `sharing::export_path`.
        | DialogPurpose::ExportPresets => unreachable!("{purpose:?} is not an export"),
    }
}

/// A preset id from a name: lower case, `a–z 0–9 -` only.
pub fn slug(name: &str) -> String {
    let mut out = String::new();
    for c in name.chars().flat_map(char::to_lowercase) {
        if c.is_ascii_alphanumeric() {
            out.push(c);
        } else if !out.ends_with('-') && !out.is_empty() {
            out.push('-');
        }
    }
    out.trim_end_matches('-').to_string()
}

fn user_entered(value: f64, year: u16) -> Figure<f64> {
    Figure {
        value,
        source: "Entered by the user in hashwatt".into(),
        year,
        grade: Grade::Estimate,
        note: String::new(),
    }
}

/// A region preset from the current site: the region it is based on, with the user's mix and
/// power price in place of the preset's.
pub fn region_preset_from_site(
    doc: &ScenarioDoc,
    computed: &Result<Computed, ResolveError>,
    library: &PresetLibrary,
    name: &str,
) -> Result<RegionPreset, Said> {
    let computed = computed.as_ref().map_err(|e| Said::from(e.clone()))?;
    let base_id = doc.site.region.as_deref().unwrap_or(defaults::REGION);
    let base = library.region(base_id).ok_or_else(|| {
        Said::from(ResolveError {
            field: "site.region".into(),
            problem: crate::problem::Problem::UnknownId {
                kind: PresetKind::Region,
                id: base_id.to_string(),
                near: None,
            },
            value: Some(base_id.to_string()),
        })
    })?;
    let today = crate::today();
    let year = today.year as u16;
    let mut preset = base.clone();
    preset.id = slug(name);
    if preset.id.is_empty() {
        return Err(Said::from_table(|s| s.app.error_name_needs_letter));
    }
    preset.name = name.to_string();
    preset.name_zh = String::new();
    preset.hashrate_shares.clear();
    // The new preset is the user's own, not the imported one it is based on.
    preset.imported_from = None;
    preset.imported_on = None;
    preset.note = format!("Saved from hashwatt on {today}, based on {}.", base.name);
    if let Some(mix) = doc.site.mix {
        let table = library
            .emission_table(&doc.site.emission_table)
            .map_or(doc.site.emission_table.clone(), |t| t.name.clone());
        preset.mix = MixFigure {
            shares: mix,
            basis: base.mix.basis,
            source: "Entered by the user in hashwatt".into(),
            year,
            grade: Grade::Estimate,
            note: String::new(),
        };
        preset.intensity = IntensityFigure {
            g_per_kwh: computed.evaluation.grid_intensity_g_per_kwh,
            convention: IntensityConvention::Estimated,
            source: format!("The mix × {table}, computed by hashwatt"),
            year,
            grade: Grade::Estimate,
            note: String::new(),
        };
    }
    if let Some(price) = doc.site.electricity_usd_per_kwh {
        preset.electricity_price_usd_per_kwh = Some(user_entered(price, year));
    }
    crate::presets::check_region(&preset)?;
    Ok(preset)
}

/// A miner preset from one model of the fleet, with its figures as the user set them.
pub fn miner_preset_from_fleet(
    doc: &ScenarioDoc,
    computed: &Result<Computed, ResolveError>,
    index: usize,
    name: &str,
) -> Result<MinerPreset, Said> {
    let computed = computed.as_ref().map_err(|e| Said::from(e.clone()))?;
    // The prompt names a model the fleet has.
    let group = &computed.scenario.fleet[index];
    let id = slug(name);
    if id.is_empty() {
        return Err(Said::from_table(|s| s.app.error_name_needs_letter));
    }
    let year = crate::today().year as u16;
    let maker = doc
        .fleet
        .get(index)
        .and_then(|e| e.miner.clone())
        .map_or_else(|| "Custom".to_string(), |id| format!("based on {id}"));
    let preset = MinerPreset {
        id,
        name: name.to_string(),
        name_zh: String::new(),
        maker,
        release_year: year,
        hashrate_ths: group.hashrate_ths,
        power_w: group.power_w,
        stated_efficiency_j_per_th: group.power_w / group.hashrate_ths,
        price: (group.unit_cost_usd > 0.0).then(|| MinerPrice {
            usd: group.unit_cost_usd,
            basis: PriceBasis::Market,
            year,
            source: "Entered by the user in hashwatt".into(),
            grade: Grade::Estimate,
        }),
        source: "Entered by the user in hashwatt".into(),
        grade: Grade::Estimate,
        historical: false,
        note: format!("Saved from hashwatt on {}.", crate::today()),
        modes: Vec::new(),
        imported_from: None,
        imported_on: None,
    };
    crate::presets::check_miner(&preset)?;
    Ok(preset)
}

/// Where a user preset of this kind and id is written, inside the user's presets folder.
pub fn user_preset_path(
    folder: Option<&std::path::Path>,
    kind: PresetKind,
    id: &str,
) -> Result<PathBuf, Said> {
    let folder = folder.ok_or_else(|| Said::from_table(|s| s.app.error_no_data_folder))?;
    Ok(folder.join(kind.folder()).join(format!("{id}.ron")))
}

/// Writes a preset to `path` (from [`user_preset_path`]), creating its folder.
pub fn write_user_preset<T: serde::Serialize>(
    path: &std::path::Path,
    preset: &T,
) -> Result<(), crate::file_error::FileError> {
    use crate::file_error::FileError;
    use crate::problem::Problem;
    if let Some(folder) = path.parent() {
        std::fs::create_dir_all(folder).map_err(|e| {
            FileError::new(
                &folder.display().to_string(),
                Problem::CannotSave(e.to_string()),
            )
        })?;
    }
    let text = crate::scenario_io::to_ron(preset)
        .map_err(|why| FileError::new(&path.display().to_string(), Problem::CannotSave(why)))?;
    crate::scenario_io::write_atomically(path, text.as_bytes())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_are_valid_ids() {
        assert_eq!(slug("My Site, Québec #2"), "my-site-qu-bec-2");
        assert_eq!(slug("  --  "), "");
        assert_eq!(slug("S21 fleet"), "s21-fleet");
    }

    #[test]
    fn suggested_names_carry_kind_and_extension() {
        let p = DialogPurpose::ExportChart(ChartKind::Regions, ImageFormat::Svg);
        assert_eq!(p.suggested_name("texas-s21.ron"), "texas-s21-regions.svg");
        assert_eq!(
            DialogPurpose::ExportResults(ResultsFormat::Markdown)
                .suggested_name("Untitled scenario"),
            "untitled-scenario-results.md"
        );
    }
}
