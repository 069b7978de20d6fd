//! What can be wrong with an API's answer: an unreadable body, a missing or mistyped field, a
//! figure that cannot be true; each said in either language.

use crate::i18n::{Lang, fill, strings};
use crate::model::limits::Limit;
use serde_json::Value;

/// What is wrong with one answer's body.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiProblem {
    /// Not JSON, or not the shape expected; `detail` is the parser's words (English), `line`
    /// and `column` where it stopped, for the other languages.
    Malformed {
        detail: String,
        line: usize,
        column: usize,
    },
    /// A number too large to be finite (JSON has no NaN or infinity; this is its nearest).
    NotFinite {
        detail: String,
        line: usize,
        column: usize,
    },
    Missing {
        field: String,
    },
    WrongType {
        field: String,
        /// The value as it came, shortened.
        found: String,
        expected: Expected,
    },
    /// Zero or negative where only a positive value means anything.
    NotPositive {
        field: String,
        value: String,
    },
    OutOfRange {
        field: String,
        value: String,
        limit: Limit,
    },
    /// The week of blocks has no block.
    NoBlocks,
    /// Well formed, but not a value today's network can have.
    Implausible {
        field: String,
        value: String,
        /// Boxed: its bounds are several strings, and every answer's result carries the error.
        why: Box<Implausible>,
    },
}

/// Why a value cannot be today's: each names the bound it broke.
#[derive(Clone, Debug, PartialEq)]
pub enum Implausible {
    PriceBelowOneDollar,
    /// The API's hashrate disagrees with its difficulty by more than a factor of two.
    HashrateVsDifficulty {
        difficulty: String,
        implied_ehs: String,
    },
    DifficultyOutOfBounds {
        min: String,
        max: String,
        snapshot: String,
        snapshot_difficulty: String,
    },
    HeightBelowSnapshot {
        min: String,
        snapshot: String,
    },
    HeightAboveClock {
        max: String,
    },
    /// A difficulty step beyond the retarget rule's clamp (a factor of 4 either way).
    DifficultyStep {
        ratio: String,
        previous: String,
    },
    /// A list that must run in time order does not; `previous` is the entry before's time.
    TimeOrder {
        previous: String,
    },
    /// The last block at or before a moment is dated after it.
    AfterMoment {
        moment: String,
    },
    /// The heights at a month's two boundaries leave it without a block.
    MonthWithoutBlocks {
        month: String,
    },
    AboveTip {
        tip: String,
    },
    /// No difficulty adjustment is at or before the start of the months asked.
    NoAdjustmentBefore {
        moment: String,
    },
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Number,
    Whole,
    Object,
    List,
}

impl Implausible {
    /// Why the value cannot be today's, in `lang`: the bound it broke.
    fn localized(&self, lang: Lang) -> String {
        let t = &strings(lang).market;
        match self {
            Implausible::PriceBelowOneDollar => t.why_price.to_string(),
            Implausible::HashrateVsDifficulty {
                difficulty,
                implied_ehs,
            } => fill(
                t.why_hashrate,
                &[("difficulty", difficulty), ("implied", implied_ehs)],
            ),
            Implausible::DifficultyOutOfBounds {
                min,
                max,
                snapshot,
                snapshot_difficulty,
            } => fill(
                t.why_difficulty,
                &[
                    ("min", min),
                    ("max", max),
                    ("id", snapshot),
                    ("difficulty", snapshot_difficulty),
                ],
            ),
            Implausible::HeightBelowSnapshot { min, snapshot } => {
                fill(t.why_height_low, &[("min", min), ("id", snapshot)])
            }
            Implausible::HeightAboveClock { max } => fill(t.why_height_high, &[("max", max)]),
            Implausible::DifficultyStep { ratio, previous } => fill(
                t.why_difficulty_step,
                &[("ratio", ratio), ("previous", previous)],
            ),
            Implausible::TimeOrder { previous } => {
                fill(t.why_time_order, &[("previous", previous)])
            }
            Implausible::AfterMoment { moment } => fill(t.why_after_moment, &[("moment", moment)]),
            Implausible::MonthWithoutBlocks { month } => {
                fill(t.why_month_without_blocks, &[("month", month)])
            }
            Implausible::AboveTip { tip } => fill(t.why_above_tip, &[("tip", tip)]),
            Implausible::NoAdjustmentBefore { moment } => {
                fill(t.why_no_adjustment, &[("moment", moment)])
            }
        }
    }
}

impl Expected {
    /// The kind of JSON value expected, in `lang`.
    fn localized(self, lang: Lang) -> &'static str {
        let t = &strings(lang).market;
        match self {
            Expected::Number => t.type_number,
            Expected::Whole => t.type_whole,
            Expected::Object => t.type_object,
            Expected::List => t.type_list,
        }
    }
}

/// A problem with the answer of one URL.
#[derive(Clone, Debug, PartialEq)]
pub struct BodyError {
    pub url: String,
    pub problem: ApiProblem,
}

impl BodyError {
    /// One line in `lang`, naming the URL and the field.
    pub fn localized(&self, lang: Lang) -> String {
        let t = &strings(lang).market;
        let url = self.url.as_str();
        match &self.problem {
            ApiProblem::Malformed {
                detail,
                line,
                column,
            } => fill(
                t.malformed,
                &[
                    ("url", url),
                    ("detail", &parser_detail(detail, *line, *column, lang)),
                ],
            ),
            ApiProblem::NotFinite {
                detail,
                line,
                column,
            } => fill(
                t.not_finite,
                &[
                    ("url", url),
                    ("detail", &parser_detail(detail, *line, *column, lang)),
                ],
            ),
            ApiProblem::Missing { field } => {
                fill(t.missing_field, &[("url", url), ("field", field)])
            }
            ApiProblem::WrongType {
                field,
                found,
                expected,
            } => fill(
                t.wrong_type,
                &[
                    ("url", url),
                    ("field", field),
                    ("found", found),
                    ("expected", expected.localized(lang)),
                ],
            ),
            ApiProblem::NotPositive { field, value } => fill(
                t.not_positive,
                &[("url", url), ("field", field), ("value", value)],
            ),
            ApiProblem::OutOfRange {
                field,
                value,
                limit,
            } => fill(
                t.out_of_range,
                &[
                    ("url", url),
                    ("field", field),
                    ("value", value),
                    ("allowed", &limit.allowed_in(lang)),
                ],
            ),
            ApiProblem::NoBlocks => fill(t.no_blocks, &[("url", url)]),
            ApiProblem::Implausible { field, value, why } => {
                let why = why.localized(lang);
                fill(
                    t.implausible,
                    &[
                        ("url", url),
                        ("field", field),
                        ("value", value),
                        ("why", &why),
                    ],
                )
            }
        }
    }
}

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl std::error::Error for BodyError {}

/// Where the JSON parser stopped: its own English words in English, the place in others.
fn parser_detail(detail: &str, line: usize, column: usize, lang: Lang) -> String {
    match lang {
        Lang::En => detail.to_string(),
        _ if line == 0 => detail.to_string(),
        _ => fill(
            strings(lang).market.json_position,
            &[("line", &line.to_string()), ("column", &column.to_string())],
        ),
    }
}

/// Reads one body as JSON.
pub(crate) fn json(url: &str, body: &str) -> Result<Value, BodyError> {
    serde_json::from_str(body.trim()).map_err(|e| {
        let detail = e.to_string();
        let (line, column) = (e.line(), e.column());
        let problem = if detail.starts_with("number out of range") {
            ApiProblem::NotFinite {
                detail,
                line,
                column,
            }
        } else {
            ApiProblem::Malformed {
                detail,
                line,
                column,
            }
        };
        BodyError {
            url: url.to_string(),
            problem,
        }
    })
}

/// A JSON value as it came, for a message: at most 40 characters.
pub(crate) fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(39).collect::<String>())
    } else {
        text
    }
}
