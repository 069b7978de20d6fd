//! Every problem a file, a value or an id can have, as data. The readers, the validators, the
//! resolver and the engine report one of these; the string tables say it in each language
//! (`Display` is the English, which the golden tests pin byte for byte).

use crate::i18n::{Lang, fill, strings};
use crate::model::date::DateError;
use crate::model::energy::MixError;
use crate::model::limits::{OutOfRange, fmt_value};
use crate::model::scenario::InputError;
use crate::preset_types::PresetKind;

/// What a path is when it is not a regular file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileKind {
    Fifo,
    Directory,
    Device,
    Socket,
    Special,
}

/// What kind of syntax error the reader found, where the table has no message for the error
/// itself ([`Problem::ReaderSyntax`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SyntaxKind {
    /// A name before a group that is not the group's (`Foo(…)`, or a bare word for a file).
    StructName,
    /// A `/* …` comment without its `*/`.
    UnclosedComment,
    /// A `\` in quoted text that does not start an escape.
    Escape,
    /// A character that is not allowed where it is.
    Character,
    /// Anything else the reader stops at.
    Other,
}

/// A problem with a file, a value or an id.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}", self.localized(Lang::En))]
pub enum Problem {
    // Reading and writing a file
    Empty,
    TooLarge {
        kib: u64,
    },
    NotUtf8 {
        offset: usize,
    },
    NoSuchFile,
    PermissionDenied,
    NotRegular(FileKind),
    /// The system's own words for why a file could not be opened, read or saved.
    CannotOpen(String),
    CannotRead(String),
    CannotSave(String),
    /// A save's target that is not a regular file: a rename would turn it into one.
    SaveNotRegular(FileKind),
    /// A save's target that its owner made read-only.
    ReadOnly,
    // Syntax and types
    UnknownField {
        near: Option<String>,
        allowed: Vec<String>,
    },
    Missing,
    WrittenTwice,
    VariantNotAllowed {
        found: String,
        near: Option<String>,
        allowed: Vec<String>,
    },
    /// The reader's own words for what it expected and found.
    ExpectedFound {
        expected: String,
        found: String,
    },
    ExpectedWholeNumber,
    MustNotBeNegative,
    NumberTooLarge,
    ExpectedNumber,
    ExpectedText,
    UnclosedText,
    ExpectedBool,
    ExpectedList,
    ExpectedListEnd,
    ExpectedGroup,
    ExpectedGroupEnd,
    ExpectedColon,
    ExpectedComma,
    EndsEarly,
    TrailingText,
    /// A syntax error the reader describes in its own (English) words.
    Syntax(String),
    /// A syntax error of the scenario and preset reader (RON) that the table has no message
    /// of its own for: English gives the reader's `words`; the other languages say its `kind`.
    ReaderSyntax {
        kind: SyntaxKind,
        words: String,
    },
    // Versions
    NewerVersion {
        found: u32,
        supported: u32,
    },
    VersionZero {
        supported: u32,
    },
    Renamed {
        version: u32,
        new: String,
    },
    // Values
    OutOfRange(OutOfRange),
    Mix(MixError),
    Date(DateError),
    YearNotAllowed {
        value: u16,
        min: u16,
        max: u16,
    },
    // Ids and references
    UnknownId {
        kind: PresetKind,
        id: String,
        near: Option<String>,
    },
    CustomMinerNeeds {
        field: &'static str,
    },
    IdUsedTwice {
        id: String,
        first: String,
    },
    NoDefaultRegion {
        id: &'static str,
    },
    PresetMissing {
        id: &'static str,
    },
    NoSnapshot,
    /// The site's region publishes no power price and the scenario gives none.
    RegionHasNoPrice {
        region: String,
        /// Its Chinese name (empty: the English one).
        region_zh: String,
    },
    /// A file names the same id twice for one kind of preset.
    IdTwiceInFile {
        id: String,
    },
    /// A file whose `format` names something other than a preset pack.
    NotAPack {
        found: String,
    },
    /// A scenario given to import that carries no presets of its own.
    NoPresetsInFile,
    /// More energy attribute certificates than the grid energy they may cover.
    CertificatesBeyondConsumption {
        certificates_mwh: f64,
        coverable_mwh: f64,
    },
    // Presets
    NeedsSource,
    EstimateGrade,
    BadId {
        value: String,
    },
    ListedTwice {
        value: String,
    },
    RegionNeedsName,
    MapNeedsName,
    FactorOrder {
        low: f64,
        central: f64,
        high: f64,
    },
    EfficiencyMismatch {
        stated: f64,
        derived: f64,
        tolerance_pct: f64,
    },
    /// A region's tariff whose numbers cannot be a tariff.
    Tariff(crate::model::tariff_price::TariffFault),
    /// A region's listed price that is not its tariff at the reference load.
    TariffPriceMismatch {
        stated: f64,
        computed: f64,
    },
    // Price series (CSV)
    SeriesHeader {
        found: String,
    },
    FieldCount {
        expected: usize,
        found: usize,
    },
    BadTimestamp {
        value: String,
    },
    /// An ISO 8601 time with a fraction of a second.
    FractionOfASecond {
        value: String,
    },
    NotANumber {
        value: String,
    },
    /// Earlier than the row on `line`.
    TimeBefore {
        line: usize,
    },
    TimeRepeated {
        line: usize,
    },
    /// `minutes` after the row on `line`, a whole number of steps: rows are missing.
    TimeGap {
        minutes: String,
        line: usize,
        step: u32,
    },
    StepChanges {
        minutes: String,
        line: usize,
        step: u32,
    },
    StepNotAllowed {
        minutes: String,
    },
    TooFewRows,
    TooManyRows {
        max: usize,
    },
    /// A power mode's name that is reserved (`stock`, `off`) or used twice in one fleet entry.
    ModeName {
        name: String,
    },
}

impl From<OutOfRange> for Problem {
    fn from(e: OutOfRange) -> Self {
        Problem::OutOfRange(e)
    }
}

impl From<MixError> for Problem {
    fn from(e: MixError) -> Self {
        Problem::Mix(e)
    }
}

impl From<DateError> for Problem {
    fn from(e: DateError) -> Self {
        Problem::Date(e)
    }
}

impl From<InputError> for Problem {
    fn from(e: InputError) -> Self {
        match e {
            InputError::OutOfRange(e) => Problem::OutOfRange(e),
            InputError::Mix(e) => Problem::Mix(e),
        }
    }
}

/// How many characters of a value the user wrote a message quotes: enough to recognise it,
/// never a line of megabytes.
pub const QUOTED_CHARS: usize = 40;

/// A value from the user's file as a message quotes it: whole when short, else its first
/// [`QUOTED_CHARS`] characters and "…".
pub fn cut(value: &str) -> std::borrow::Cow<'_, str> {
    match value.char_indices().nth(QUOTED_CHARS) {
        Some((end, _)) => std::borrow::Cow::Owned(format!("{}…", &value[..end])),
        None => std::borrow::Cow::Borrowed(value),
    }
}

/// A reader's own message, which may quote the input: kept to a few lines' length.
fn cut_long(text: &str) -> String {
    const MAX_CHARS: usize = 400;
    match text.char_indices().nth(MAX_CHARS) {
        Some((end, _)) => format!("{}…", &text[..end]),
        None => text.to_string(),
    }
}

/// What a path that is not a regular file is, in words.
fn kind_words(p: &crate::i18n::problems::ProblemStrings, kind: FileKind) -> &'static str {
    match kind {
        FileKind::Fifo => p.kind_fifo,
        FileKind::Directory => p.kind_directory,
        FileKind::Device => p.kind_device,
        FileKind::Socket => p.kind_socket,
        FileKind::Special => p.kind_special,
    }
}

/// `` `a`, `b` `` for a list of names.
fn quoted_list(names: &[String]) -> String {
    names
        .iter()
        .map(|n| format!("`{n}`"))
        .collect::<Vec<_>>()
        .join(", ")
}

impl Problem {
    /// The problem in `lang`.
    pub fn localized(&self, lang: Lang) -> String {
        // Each problem is listed once here, so a new one must join a group to compile.
        match self {
            Problem::Empty
            | Problem::TooLarge { .. }
            | Problem::NotUtf8 { .. }
            | Problem::NoSuchFile
            | Problem::PermissionDenied
            | Problem::NotRegular(..)
            | Problem::CannotOpen(..)
            | Problem::CannotRead(..)
            | Problem::CannotSave(..)
            | Problem::SaveNotRegular(..)
            | Problem::ReadOnly => self.file_message(lang),
            Problem::UnknownField { .. }
            | Problem::Missing
            | Problem::WrittenTwice
            | Problem::VariantNotAllowed { .. }
            | Problem::ExpectedFound { .. }
            | Problem::ExpectedWholeNumber
            | Problem::MustNotBeNegative
            | Problem::NumberTooLarge
            | Problem::ExpectedNumber
            | Problem::ExpectedText
            | Problem::UnclosedText
            | Problem::ExpectedBool
            | Problem::ExpectedList
            | Problem::ExpectedListEnd
            | Problem::ExpectedGroup
            | Problem::ExpectedGroupEnd
            | Problem::ExpectedColon
            | Problem::ExpectedComma
            | Problem::EndsEarly
            | Problem::TrailingText
            | Problem::Syntax(..)
            | Problem::ReaderSyntax { .. }
            | Problem::NewerVersion { .. }
            | Problem::VersionZero { .. }
            | Problem::Renamed { .. } => self.syntax_message(lang),
            Problem::OutOfRange(..)
            | Problem::Mix(..)
            | Problem::Date(..)
            | Problem::YearNotAllowed { .. } => self.value_message(lang),
            Problem::UnknownId { .. }
            | Problem::CustomMinerNeeds { .. }
            | Problem::IdUsedTwice { .. }
            | Problem::NoDefaultRegion { .. }
            | Problem::PresetMissing { .. }
            | Problem::NoSnapshot
            | Problem::RegionHasNoPrice { .. }
            | Problem::IdTwiceInFile { .. }
            | Problem::NotAPack { .. }
            | Problem::NoPresetsInFile
            | Problem::CertificatesBeyondConsumption { .. } => self.reference_message(lang),
            Problem::NeedsSource
            | Problem::EstimateGrade
            | Problem::BadId { .. }
            | Problem::ListedTwice { .. }
            | Problem::RegionNeedsName
            | Problem::MapNeedsName
            | Problem::FactorOrder { .. }
            | Problem::EfficiencyMismatch { .. }
            | Problem::Tariff(..)
            | Problem::TariffPriceMismatch { .. } => self.preset_message(lang),
            Problem::SeriesHeader { .. }
            | Problem::FieldCount { .. }
            | Problem::BadTimestamp { .. }
            | Problem::FractionOfASecond { .. }
            | Problem::NotANumber { .. }
            | Problem::TimeBefore { .. }
            | Problem::TimeRepeated { .. }
            | Problem::TimeGap { .. }
            | Problem::StepChanges { .. }
            | Problem::StepNotAllowed { .. }
            | Problem::TooFewRows
            | Problem::TooManyRows { .. }
            | Problem::ModeName { .. } => self.series_message(lang),
        }
    }

    /// Reading and writing a file.
    fn file_message(&self, lang: Lang) -> String {
        let p = &strings(lang).problems;
        let plain = |template: &str| template.to_string();
        match self {
            Problem::Empty => plain(p.empty),
            Problem::TooLarge { kib } => fill(p.too_large, &[("kib", &kib.to_string())]),
            Problem::NotUtf8 { offset } => fill(p.not_utf8, &[("offset", &offset.to_string())]),
            Problem::NoSuchFile => plain(p.no_such_file),
            Problem::PermissionDenied => plain(p.permission_denied),
            Problem::NotRegular(kind) => fill(p.not_regular, &[("kind", kind_words(p, *kind))]),
            Problem::CannotOpen(why) => fill(p.cannot_open, &[("why", why)]),
            Problem::CannotRead(why) => fill(p.cannot_read, &[("why", why)]),
            Problem::CannotSave(why) => fill(p.cannot_save, &[("why", why)]),
            Problem::SaveNotRegular(kind) => {
                fill(p.save_not_regular, &[("kind", kind_words(p, *kind))])
            }
            Problem::ReadOnly => plain(p.read_only),
            _ => unreachable!("{self:?} is listed under another group in `localized`"),
        }
    }

    /// Syntax, types and versions.
    fn syntax_message(&self, lang: Lang) -> String {
        let p = &strings(lang).problems;
        let plain = |template: &str| template.to_string();
        match self {
            Problem::UnknownField { near, allowed } => match near {
                Some(near) => fill(
                    p.unknown_field_near,
                    &[("near", near), ("list", &quoted_list(allowed))],
                ),
                None => fill(p.unknown_field, &[("list", &quoted_list(allowed))]),
            },
            Problem::Missing => plain(p.missing),
            Problem::WrittenTwice => plain(p.written_twice),
            Problem::VariantNotAllowed {
                found,
                near,
                allowed,
            } => match near {
                Some(near) => fill(
                    p.variant_not_allowed_near,
                    &[
                        ("found", &cut(found)),
                        ("near", near),
                        ("list", &quoted_list(allowed)),
                    ],
                ),
                None => fill(
                    p.variant_not_allowed,
                    &[("found", &cut(found)), ("list", &quoted_list(allowed))],
                ),
            },
            Problem::ExpectedFound { expected, found } => fill(
                p.expected_found,
                &[("expected", expected), ("found", &cut(found))],
            ),
            Problem::ExpectedWholeNumber => plain(p.expected_whole_number),
            Problem::MustNotBeNegative => plain(p.must_not_be_negative),
            Problem::NumberTooLarge => plain(p.number_too_large),
            Problem::ExpectedNumber => plain(p.expected_number),
            Problem::ExpectedText => plain(p.expected_text),
            Problem::UnclosedText => plain(p.unclosed_text),
            Problem::ExpectedBool => plain(p.expected_bool),
            Problem::ExpectedList => plain(p.expected_list),
            Problem::ExpectedListEnd => plain(p.expected_list_end),
            Problem::ExpectedGroup => plain(p.expected_group),
            Problem::ExpectedGroupEnd => plain(p.expected_group_end),
            Problem::ExpectedColon => plain(p.expected_colon),
            Problem::ExpectedComma => plain(p.expected_comma),
            Problem::EndsEarly => plain(p.ends_early),
            Problem::TrailingText => plain(p.trailing_text),
            Problem::Syntax(text) => cut_long(text),
            Problem::ReaderSyntax { kind, words } => match lang {
                // The reader's own words, as English has always said them.
                Lang::En => cut_long(words),
                _ => plain(match kind {
                    SyntaxKind::StructName => p.syntax_struct_name,
                    SyntaxKind::UnclosedComment => p.syntax_unclosed_comment,
                    SyntaxKind::Escape => p.syntax_escape,
                    SyntaxKind::Character => p.syntax_character,
                    SyntaxKind::Other => p.syntax_other,
                }),
            },
            Problem::NewerVersion { found, supported } => fill(
                p.newer_version,
                &[
                    ("found", &found.to_string()),
                    ("supported", &supported.to_string()),
                ],
            ),
            Problem::VersionZero { supported } => {
                fill(p.version_zero, &[("supported", &supported.to_string())])
            }
            Problem::Renamed { version, new } => fill(
                p.renamed,
                &[("version", &version.to_string()), ("new", new)],
            ),
            _ => unreachable!("{self:?} is listed under another group in `localized`"),
        }
    }

    /// Values out of their range or shape.
    fn value_message(&self, lang: Lang) -> String {
        let p = &strings(lang).problems;
        match self {
            Problem::OutOfRange(e) => e.localized(lang),
            Problem::Mix(e) => e.localized(lang),
            Problem::Date(e) => e.localized(lang),
            Problem::YearNotAllowed { value, min, max } => fill(
                p.year_not_allowed,
                &[
                    ("value", &value.to_string()),
                    ("min", &min.to_string()),
                    ("max", &max.to_string()),
                ],
            ),
            _ => unreachable!("{self:?} is listed under another group in `localized`"),
        }
    }

    /// Ids and references between documents and presets.
    fn reference_message(&self, lang: Lang) -> String {
        let p = &strings(lang).problems;
        let plain = |template: &str| template.to_string();
        match self {
            Problem::UnknownId { kind, id, near } => {
                let values = [
                    ("kind", kind.words(lang)),
                    ("id", &cut(id)),
                    ("list", kind.folder()),
                ];
                match near {
                    Some(near) => {
                        let mut values = values.to_vec();
                        values.push(("near", near));
                        fill(p.unknown_id_near, &values)
                    }
                    None => fill(p.unknown_id, &values),
                }
            }
            Problem::CustomMinerNeeds { field } => fill(p.custom_miner_needs, &[("field", field)]),
            Problem::IdUsedTwice { id, first } => {
                fill(p.id_used_twice, &[("id", &cut(id)), ("first", first)])
            }
            Problem::NoDefaultRegion { id } => fill(p.no_default_region, &[("id", id)]),
            Problem::PresetMissing { id } => fill(p.preset_missing, &[("id", id)]),
            Problem::NoSnapshot => plain(p.no_snapshot),
            Problem::RegionHasNoPrice { region, region_zh } => {
                let name = crate::i18n::localized(lang, region, region_zh);
                fill(p.region_has_no_price, &[("region", &cut(name))])
            }
            Problem::IdTwiceInFile { id } => fill(p.id_twice_in_file, &[("id", &cut(id))]),
            Problem::NotAPack { found } => fill(p.not_a_pack, &[("found", &cut(found))]),
            Problem::NoPresetsInFile => plain(p.no_presets_in_file),
            Problem::CertificatesBeyondConsumption {
                certificates_mwh,
                coverable_mwh,
            } => fill(
                crate::i18n::strings(lang)
                    .disclosure
                    .certificates_beyond_consumption,
                &[
                    ("certificates", &crate::format::number(*certificates_mwh)),
                    ("coverable", &crate::format::number(*coverable_mwh)),
                ],
            ),
            _ => unreachable!("{self:?} is listed under another group in `localized`"),
        }
    }

    /// A preset's own checks.
    fn preset_message(&self, lang: Lang) -> String {
        let p = &strings(lang).problems;
        let plain = |template: &str| template.to_string();
        match self {
            Problem::NeedsSource => plain(p.needs_source),
            Problem::EstimateGrade => plain(p.estimate_grade),
            Problem::BadId { value } => fill(p.bad_id, &[("value", &cut(value))]),
            Problem::ListedTwice { value } => fill(p.listed_twice, &[("value", &cut(value))]),
            Problem::RegionNeedsName => plain(p.region_needs_name),
            Problem::MapNeedsName => plain(p.map_needs_name),
            Problem::FactorOrder { low, central, high } => fill(
                p.factor_order,
                &[
                    ("low", &fmt_value(*low)),
                    ("central", &fmt_value(*central)),
                    ("high", &fmt_value(*high)),
                ],
            ),
            Problem::EfficiencyMismatch {
                stated,
                derived,
                tolerance_pct,
            } => fill(
                p.efficiency_mismatch,
                &[
                    ("stated", &fmt_value(*stated)),
                    (
                        "derived",
                        &crate::model::limits::fmt_value_fixed(*derived, 2),
                    ),
                    ("tolerance", &fmt_value(*tolerance_pct)),
                ],
            ),
            Problem::Tariff(fault) => plain(tariff_fault(*fault, p)),
            Problem::TariffPriceMismatch { stated, computed } => fill(
                p.tariff_price_mismatch,
                &[
                    ("stated", &fmt_value(*stated)),
                    (
                        "computed",
                        &crate::model::limits::fmt_value_fixed(*computed, 4),
                    ),
                ],
            ),
            _ => unreachable!("{self:?} is listed under another group in `localized`"),
        }
    }

    /// Price series (CSV), and power modes' names.
    fn series_message(&self, lang: Lang) -> String {
        let p = &strings(lang).problems;
        let plain = |template: &str| template.to_string();
        match self {
            Problem::SeriesHeader { found } => fill(p.series_header, &[("found", &cut(found))]),
            Problem::FieldCount { expected, found } => fill(
                p.field_count,
                &[
                    ("expected", &expected.to_string()),
                    ("found", &found.to_string()),
                ],
            ),
            Problem::BadTimestamp { value } => fill(p.bad_timestamp, &[("value", &cut(value))]),
            Problem::FractionOfASecond { value } => {
                fill(p.fraction_of_a_second, &[("value", &cut(value))])
            }
            Problem::NotANumber { value } => fill(p.not_a_number, &[("value", &cut(value))]),
            Problem::TimeBefore { line } => fill(p.time_before, &[("line", &line.to_string())]),
            Problem::TimeRepeated { line } => fill(p.time_repeated, &[("line", &line.to_string())]),
            Problem::TimeGap {
                minutes,
                line,
                step,
            } => fill(
                p.time_gap,
                &[
                    ("minutes", minutes),
                    ("line", &line.to_string()),
                    ("step", &step.to_string()),
                ],
            ),
            Problem::StepChanges {
                minutes,
                line,
                step,
            } => fill(
                p.step_changes,
                &[
                    ("minutes", minutes),
                    ("line", &line.to_string()),
                    ("step", &step.to_string()),
                ],
            ),
            Problem::StepNotAllowed { minutes } => {
                fill(p.step_not_allowed, &[("minutes", minutes)])
            }
            Problem::TooFewRows => plain(p.too_few_rows),
            Problem::TooManyRows { max } => fill(p.too_many_rows, &[("max", &max.to_string())]),
            Problem::ModeName { name } => fill(p.mode_name, &[("name", &cut(name))]),
            _ => unreachable!("{self:?} is listed under another group in `localized`"),
        }
    }
}

/// A problem with one field of a document (its path, e.g. `intensity.g_per_kwh`).
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{field}: {problem}")]
pub struct FieldProblem {
    pub field: String,
    pub problem: Problem,
}

impl FieldProblem {
    /// `field: problem` in `lang`.
    pub fn localized(&self, lang: Lang) -> String {
        format!("{}: {}", self.field, self.problem.localized(lang))
    }
}

/// A migration note: what changed when a file of an older format version was read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Change {
    /// A field that was renamed: `` `old` is now `new` ``.
    Renamed { old: String, new: String },
    /// The projection gained `added` investment and uncertainty settings (format version 3);
    /// the ones `missing` from the file take their defaults.
    ProjectionSettingsAdded {
        missing: Vec<&'static str>,
        added: usize,
    },
}

impl Change {
    /// The note in `lang`.
    pub fn localized(&self, lang: Lang) -> String {
        match self {
            Change::Renamed { old, new } => fill(
                strings(lang).problems.now_named,
                &[("old", old), ("new", new)],
            ),
            Change::ProjectionSettingsAdded { missing, added } => {
                let t = &strings(lang).investment;
                if missing.len() == *added {
                    t.migrated_settings.to_string()
                } else {
                    let names: Vec<String> = missing.iter().map(|m| (*m).to_string()).collect();
                    fill(t.migrated_settings_some, &[("list", &quoted_list(&names))])
                }
            }
        }
    }
}

impl std::fmt::Display for Change {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

fn tariff_fault(
    fault: crate::model::tariff_price::TariffFault,
    p: &crate::i18n::problems::ProblemStrings,
) -> &'static str {
    use crate::model::tariff_price::TariffFault as F;
    match fault {
        F::NoEnergyCharge => p.tariff_no_energy,
        F::Negative => p.tariff_negative,
        F::TierUnbounded => p.tariff_tier_unbounded,
        F::LastTierBounded => p.tariff_last_tier_bounded,
        F::TiersNotRising => p.tariff_tiers_not_rising,
        F::BillingDays => p.tariff_billing_days,
        F::ExchangeRate => p.tariff_exchange_rate,
        F::Currency => p.tariff_currency,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::limits;

    #[test]
    fn english_is_the_display_and_chinese_has_no_english_left() {
        let problems = [
            Problem::TooLarge { kib: 1024 },
            Problem::NotRegular(FileKind::Fifo),
            Problem::UnknownId {
                kind: PresetKind::Region,
                id: "atlantis".into(),
                near: None,
            },
            Problem::OutOfRange(limits::PUE.check(0.5).unwrap_err()),
            Problem::OutOfRange(limits::UNITS.check(2.5).unwrap_err()),
            Problem::Mix(MixError::Sum { total: 90.0 }),
        ];
        let english = [
            "the file is larger than 1024 KiB; a hashwatt file is far smaller",
            "cannot open the file: it is not a regular file (a FIFO)",
            "unknown region \"atlantis\"; `hashwatt presets list regions` shows the known ids",
            "0.5 is not allowed; must be a number from 1 to 5",
            "2.5 is not allowed; must be a whole number from 0 to 1e9 units",
            "the shares sum to 90; they must sum to 100 ± 0.1 %",
        ];
        for (problem, english) in problems.iter().zip(english) {
            assert_eq!(problem.to_string(), english);
            let chinese = problem.localized(Lang::Zh);
            assert_ne!(chinese, english);
            // Ids and commands stay as written; the words around them are translated.
            for word in ["allowed", "unknown", "number", "units", "shows", "file"] {
                assert!(!chinese.contains(word), "{chinese}");
            }
        }
        assert_eq!(
            Problem::UnknownId {
                kind: PresetKind::Region,
                id: "atlantis".into(),
                near: None,
            }
            .localized(Lang::Zh),
            "未知的地区 \"atlantis\"；`hashwatt presets list regions` 列出所有已知 id"
        );
        assert_eq!(
            Problem::OutOfRange(limits::UNITS.check(2.5).unwrap_err()).localized(Lang::Zh),
            "不允许 2.5；必须是 0 到 1e9 之间的整数（台）"
        );
    }

    #[test]
    fn both_tables_have_every_key_with_the_same_placeholders() {
        let en = serde_json::to_value(crate::i18n::problems::EN).unwrap();
        let zh = serde_json::to_value(crate::i18n::problems::ZH).unwrap();
        for (key, value) in en.as_object().unwrap() {
            let zh = zh[key].as_str().unwrap();
            assert_eq!(
                crate::i18n::placeholders(value.as_str().unwrap()),
                crate::i18n::placeholders(zh),
                "{key}"
            );
        }
    }
}
