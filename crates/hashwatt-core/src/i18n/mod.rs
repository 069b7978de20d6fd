//! Every user-visible text, in one table per area, so that a translation is a new table and
//! no panel changes. Panels, exported charts and reports read their words from here.

pub mod app;
pub mod charts;
pub mod cli;
pub mod disclosure;
pub mod dispatch;
pub mod editors;
pub mod files;
pub mod history;
pub mod investment;
pub mod map;
pub mod market;
pub mod mica;
pub mod network;
pub mod prices;
pub mod problems;
pub mod results;
pub mod sensitivity;
pub mod sharing;
pub mod update;
pub mod workspace;

use serde::{Deserialize, Serialize};

/// A language the app speaks.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub enum Lang {
    #[default]
    En,
    /// Simplified Chinese.
    Zh,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::En, Lang::Zh];

    /// The language's name in itself, as the language menu shows it.
    pub fn native_name(self) -> &'static str {
        match self {
            Lang::En => "English",
            Lang::Zh => "简体中文",
        }
    }

    /// The code used on the command line (`--lang zh`).
    pub fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Zh => "zh",
        }
    }

    /// The language for a locale name such as `zh_CN.UTF-8`, `zh-Hans-CN` or `en-US`: Chinese
    /// for any `zh` locale, English for everything else.
    pub fn from_locale(locale: &str) -> Lang {
        let lower = locale.trim().to_ascii_lowercase();
        if lower == "zh" || lower.starts_with("zh_") || lower.starts_with("zh-") {
            Lang::Zh
        } else {
            Lang::En
        }
    }
}

/// All the words of one language.
#[derive(Serialize)]
pub struct Strings {
    pub app: app::AppStrings,
    pub charts: charts::ChartStrings,
    pub cli: cli::CliStrings,
    pub results: results::ResultStrings,
    pub network: network::NetworkStrings,
    pub sensitivity: sensitivity::SensitivityStrings,
    pub files: files::FileStrings,
    pub investment: investment::InvestmentStrings,
    pub dispatch: dispatch::DispatchStrings,
    /// The tariff and power-mode editors.
    pub editors: editors::EditorStrings,
    pub problems: problems::ProblemStrings,
    pub history: history::HistoryStrings,
    pub market: market::MarketFetchStrings,
    /// Site accounting, network indicators and the PDF report.
    pub disclosure: disclosure::DisclosureStrings,
    /// The MiCA network indicators (`hashwatt disclose`, the History tab's section).
    pub mica: mica::MicaStrings,
    /// The history update, the newest month's origin, the market's age, `project`'s assumptions.
    pub update: update::UpdateStrings,
    /// Scenarios that carry their presets, preset import and export, packs.
    pub sharing: sharing::SharingStrings,
    /// The world map.
    pub map: map::MapStrings,
    /// The workspaces and the start page.
    pub workspace: workspace::WorkspaceStrings,
    /// A region's power price: grade, tariff components, availability.
    pub prices: prices::PriceStrings,
    /// Energy sources by name.
    pub sources: SourceNames,
}

/// The energy sources' names (the engine's `EnergySource`, named by `crate::names`).
#[derive(Serialize)]
pub struct SourceNames {
    pub coal: &'static str,
    pub gas: &'static str,
    pub oil: &'static str,
    pub nuclear: &'static str,
    pub hydro: &'static str,
    pub wind: &'static str,
    pub solar: &'static str,
    pub geothermal: &'static str,
    pub biomass: &'static str,
    pub other: &'static str,
}

pub static EN: Strings = Strings {
    app: app::EN,
    charts: charts::EN,
    cli: cli::EN,
    results: results::EN,
    network: network::EN,
    sensitivity: sensitivity::EN,
    files: files::EN,
    investment: investment::EN,
    dispatch: dispatch::EN,
    editors: editors::EN,
    problems: problems::EN,
    history: history::EN,
    market: market::EN,
    disclosure: disclosure::EN,
    mica: mica::EN,
    update: update::EN,
    sharing: sharing::EN,
    map: map::EN,
    workspace: workspace::EN,
    prices: prices::EN,
    sources: SourceNames {
        coal: "Coal",
        gas: "Gas",
        oil: "Oil",
        nuclear: "Nuclear",
        hydro: "Hydro",
        wind: "Wind",
        solar: "Solar",
        geothermal: "Geothermal",
        biomass: "Biomass",
        other: "Other",
    },
};

pub static ZH: Strings = Strings {
    app: app::ZH,
    charts: charts::ZH,
    cli: cli::ZH,
    results: results::ZH,
    network: network::ZH,
    sensitivity: sensitivity::ZH,
    files: files::ZH,
    investment: investment::ZH,
    dispatch: dispatch::ZH,
    editors: editors::ZH,
    problems: problems::ZH,
    history: history::ZH,
    market: market::ZH,
    disclosure: disclosure::ZH,
    mica: mica::ZH,
    update: update::ZH,
    sharing: sharing::ZH,
    map: map::ZH,
    workspace: workspace::ZH,
    prices: prices::ZH,
    sources: SourceNames {
        coal: "煤炭",
        gas: "天然气",
        oil: "石油",
        nuclear: "核能",
        hydro: "水电",
        wind: "风能",
        solar: "太阳能",
        geothermal: "地热",
        biomass: "生物质",
        other: "其他",
    },
};

/// The language to use when the user has not chosen one: `HASHWATT_LANG` if set, else the
/// system's (Chinese for any `zh` locale, English otherwise). Read once: the window asks on
/// every frame.
pub fn system_lang() -> Lang {
    static SYSTEM: std::sync::OnceLock<Lang> = std::sync::OnceLock::new();
    *SYSTEM.get_or_init(|| {
        if let Ok(code) = std::env::var("HASHWATT_LANG") {
            return Lang::from_locale(&code);
        }
        sys_locale::get_locale().map_or(Lang::En, |l| Lang::from_locale(&l))
    })
}

/// The table for a language.
pub fn strings(lang: Lang) -> &'static Strings {
    match lang {
        Lang::En => &EN,
        Lang::Zh => &ZH,
    }
}

/// The names of a template's `{name}` placeholders, sorted, each once.
pub fn placeholders(template: &str) -> std::collections::BTreeSet<&str> {
    let mut found = std::collections::BTreeSet::new();
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        rest = &rest[open + 1..];
        if let Some(close) = rest.find('}') {
            found.insert(&rest[..close]);
            rest = &rest[close + 1..];
        }
    }
    found
}

/// Fills `{name}` placeholders in a template: `fill("{n} units", &[("n", "3")])`.
///
/// One pass over the template: a value is never read as a template itself, so a scenario named
/// `{price}` is shown as it is. A placeholder without a value stays as written.
pub fn fill(template: &str, values: &[(&str, &str)]) -> String {
    let mut out = String::with_capacity(template.len() + 32);
    let mut rest = template;
    while let Some(open) = rest.find('{') {
        out.push_str(&rest[..open]);
        let after = &rest[open + 1..];
        let value = after.find('}').and_then(|close| {
            let name = &after[..close];
            values
                .iter()
                .find(|(n, _)| *n == name)
                .map(|(_, v)| (*v, close))
        });
        match value {
            Some((value, close)) => {
                out.push_str(value);
                rest = &after[close + 1..];
            }
            None => {
                out.push('{');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

/// `name_zh` when the language is Chinese and it is given, else `name`.
pub fn localized<'a>(lang: Lang, name: &'a str, name_zh: &'a str) -> &'a str {
    match lang {
        Lang::Zh if !name_zh.trim().is_empty() => name_zh,
        _ => name,
    }
}

/// Something with a name in English and, perhaps, in Chinese (presets and scenarios).
pub trait Localized {
    /// The name to show in `lang`: see [`localized`].
    fn name_in(&self, lang: Lang) -> &str;
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn locales_choose_the_language() {
        for zh in ["zh", "zh_CN.UTF-8", "zh-Hans-CN", "ZH_tw", "zh-SG"] {
            assert_eq!(Lang::from_locale(zh), Lang::Zh, "{zh}");
        }
        for en in ["en_US.UTF-8", "C", "POSIX", "", "de-DE", "zu_ZA"] {
            assert_eq!(Lang::from_locale(en), Lang::En, "{en}");
        }
    }

    #[test]
    fn chinese_names_when_given() {
        assert_eq!(localized(Lang::Zh, "Texas", "得克萨斯"), "得克萨斯");
        assert_eq!(localized(Lang::Zh, "Texas", ""), "Texas");
        assert_eq!(localized(Lang::En, "Texas", "得克萨斯"), "Texas");
    }

    #[test]
    fn fill_replaces_named_placeholders() {
        assert_eq!(
            fill("{a} and {b}, {a}", &[("a", "x"), ("b", "y")]),
            "x and y, x"
        );
        assert_eq!(fill("no placeholders", &[("a", "x")]), "no placeholders");
    }

    #[test]
    fn fill_never_reads_a_value_as_a_template() {
        // A scenario named "{price}" is named as it is, whatever comes after it.
        assert_eq!(
            fill(
                "{name}: {price}/kWh",
                &[("name", "{price}"), ("price", "$0.05")]
            ),
            "{price}: $0.05/kWh"
        );
        assert_eq!(fill("{price} {}", &[("price", "{price}")]), "{price} {}");
        // Braces that are no placeholder stay as written.
        assert_eq!(fill("{ a } {b", &[("a", "x"), ("b", "y")]), "{ a } {b");
    }
}
