//! Today's market from a mempool.space-compatible API: the endpoints asked, and pure functions
//! that read their answers into checked figures and a dated market snapshot. The requests
//! themselves are the app's (`hashwatt::market_fetch`): the core never touches the network.
//!
//! The shapes follow the API's published reference (mempool.space, *REST API*): `GET
//! /api/v1/prices` is an object of prices by currency code (`USD`, a number; an unknown price
//! is -1); `GET /api/v1/mining/hashrate/3d` has `currentHashrate` (H/s) and `currentDifficulty`
//! beside the daily history; `GET /api/blocks/tip/height` is a bare integer; `GET
//! /api/v1/mining/blocks/fees/1w` is a list of `{avgHeight, timestamp, avgFees}`, `avgFees` in
//! satoshis per block.

use crate::i18n::{Lang, fill, strings};
use crate::model::date::Date;
use crate::model::limits::{self, Limit};
use crate::model::{NetworkSpec, SubsidySpec};
use crate::schema::{Figure, Grade, MarketPreset};
use serde::Serialize;
use serde_json::Value;

/// The API asked when the user names no other.
pub const DEFAULT_API_BASE: &str = "https://mempool.space";
pub const PRICES_PATH: &str = "/api/v1/prices";
pub const HASHRATE_PATH: &str = "/api/v1/mining/hashrate/3d";
pub const TIP_HEIGHT_PATH: &str = "/api/blocks/tip/height";
pub const BLOCK_FEES_PATH: &str = "/api/v1/mining/blocks/fees/1w";
/// How long the whole update may take before it is given up, seconds.
pub const TIMEOUT_S: u64 = 10;

const SATS_PER_BTC: f64 = 1e8;
const HS_PER_EHS: f64 = 1e18;

/// Fees of one block in satoshis: 0 to 10,000 BTC, as [`limits::FEES_BTC_PER_BLOCK`].
const FEES_SATS: Limit = Limit {
    min: 0.0,
    max: 1e12,
    min_exclusive: false,
    integer: false,
    unit: "sat",
};

/// What is wrong with one answer's body.
#[derive(Clone, Debug, PartialEq)]
pub enum ApiProblem {
    /// Not JSON, or not the shape expected; `detail` is the parser's words.
    Malformed {
        detail: String,
    },
    /// A number too large to be finite (JSON has no NaN or infinity; this is its nearest).
    NotFinite {
        detail: String,
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
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Expected {
    Number,
    Whole,
    Object,
    List,
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
            ApiProblem::Malformed { detail } => {
                fill(t.malformed, &[("url", url), ("detail", detail)])
            }
            ApiProblem::NotFinite { detail } => {
                fill(t.not_finite, &[("url", url), ("detail", detail)])
            }
            ApiProblem::Missing { field } => {
                fill(t.missing_field, &[("url", url), ("field", field)])
            }
            ApiProblem::WrongType {
                field,
                found,
                expected,
            } => {
                let expected = match expected {
                    Expected::Number => t.type_number,
                    Expected::Whole => t.type_whole,
                    Expected::Object => t.type_object,
                    Expected::List => t.type_list,
                };
                fill(
                    t.wrong_type,
                    &[
                        ("url", url),
                        ("field", field),
                        ("found", found),
                        ("expected", expected),
                    ],
                )
            }
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
        }
    }
}

impl std::fmt::Display for BodyError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

impl std::error::Error for BodyError {}

/// Reads one body as JSON.
fn json(url: &str, body: &str) -> Result<Value, BodyError> {
    serde_json::from_str(body.trim()).map_err(|e| {
        let detail = e.to_string();
        let problem = if detail.starts_with("number out of range") {
            ApiProblem::NotFinite { detail }
        } else {
            ApiProblem::Malformed { detail }
        };
        BodyError {
            url: url.to_string(),
            problem,
        }
    })
}

/// A JSON value as it came, for a message: at most 40 characters.
fn shown(value: &Value) -> String {
    let text = value.to_string();
    if text.chars().count() > 40 {
        format!("{}…", text.chars().take(39).collect::<String>())
    } else {
        text
    }
}

/// The object's field `key` as a number, positive and within `limit` (after `scale`).
fn positive_number(
    url: &str,
    object: &Value,
    field: &str,
    scale: f64,
    limit: Limit,
) -> Result<f64, BodyError> {
    let fail = |problem| BodyError {
        url: url.to_string(),
        problem,
    };
    let value = object.get(field).ok_or_else(|| {
        fail(ApiProblem::Missing {
            field: field.to_string(),
        })
    })?;
    let number = value.as_f64().ok_or_else(|| {
        fail(ApiProblem::WrongType {
            field: field.to_string(),
            found: shown(value),
            expected: Expected::Number,
        })
    })?;
    if !number.is_finite() {
        return Err(fail(ApiProblem::NotFinite {
            detail: shown(value),
        }));
    }
    if number <= 0.0 {
        return Err(fail(ApiProblem::NotPositive {
            field: field.to_string(),
            value: shown(value),
        }));
    }
    if !limit.contains(number / scale) {
        return Err(fail(ApiProblem::OutOfRange {
            field: field.to_string(),
            value: shown(value),
            limit: Limit {
                min: limit.min * scale,
                max: limit.max * scale,
                ..limit
            },
        }));
    }
    Ok(number / scale)
}

fn object<'a>(url: &str, value: &'a Value) -> Result<&'a Value, BodyError> {
    if value.is_object() {
        Ok(value)
    } else {
        Err(BodyError {
            url: url.to_string(),
            problem: ApiProblem::WrongType {
                field: "/".to_string(),
                found: shown(value),
                expected: Expected::Object,
            },
        })
    }
}

/// `GET /api/v1/prices` → the BTC price in USD (`USD`).
pub fn price_usd(url: &str, body: &str) -> Result<f64, BodyError> {
    let value = json(url, body)?;
    positive_number(url, object(url, &value)?, "USD", 1.0, limits::BTC_PRICE_USD)
}

/// The network as `GET /api/v1/mining/hashrate/3d` gives it now.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct NetworkNow {
    pub hashrate_ehs: f64,
    pub difficulty: f64,
}

/// `GET /api/v1/mining/hashrate/3d` → `currentHashrate` (H/s, here in EH/s) and
/// `currentDifficulty`.
pub fn network_now(url: &str, body: &str) -> Result<NetworkNow, BodyError> {
    let value = json(url, body)?;
    let object = object(url, &value)?;
    Ok(NetworkNow {
        hashrate_ehs: positive_number(
            url,
            object,
            "currentHashrate",
            HS_PER_EHS,
            limits::NETWORK_HASHRATE_EHS,
        )?,
        difficulty: positive_number(url, object, "currentDifficulty", 1.0, limits::DIFFICULTY)?,
    })
}

/// `GET /api/blocks/tip/height` → the height of the newest block (a bare integer).
pub fn tip_height(url: &str, body: &str) -> Result<u64, BodyError> {
    let value = json(url, body)?;
    let fail = |problem| BodyError {
        url: url.to_string(),
        problem,
    };
    let field = "height";
    match value.as_u64() {
        Some(height) if limits::BLOCK_HEIGHT.contains(height as f64) => Ok(height),
        Some(_) => Err(fail(ApiProblem::OutOfRange {
            field: field.to_string(),
            value: shown(&value),
            limit: limits::BLOCK_HEIGHT,
        })),
        None => match value.as_f64() {
            Some(v) if v < 0.0 => Err(fail(ApiProblem::OutOfRange {
                field: field.to_string(),
                value: shown(&value),
                limit: limits::BLOCK_HEIGHT,
            })),
            _ => Err(fail(ApiProblem::WrongType {
                field: field.to_string(),
                found: shown(&value),
                expected: Expected::Whole,
            })),
        },
    }
}

/// The fees of the last week's blocks.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct WeekFees {
    /// The mean of the `avgFees` values, BTC per block.
    pub mean_btc_per_block: f64,
    /// How many values were averaged.
    pub count: usize,
}

/// `GET /api/v1/mining/blocks/fees/1w` → the mean of the `avgFees` (satoshis per block).
pub fn week_fees(url: &str, body: &str) -> Result<WeekFees, BodyError> {
    let value = json(url, body)?;
    let fail = |problem| BodyError {
        url: url.to_string(),
        problem,
    };
    let list = value.as_array().ok_or_else(|| {
        fail(ApiProblem::WrongType {
            field: "/".to_string(),
            found: shown(&value),
            expected: Expected::List,
        })
    })?;
    if list.is_empty() {
        return Err(fail(ApiProblem::NoBlocks));
    }
    let mut total_sats = 0.0;
    for (i, entry) in list.iter().enumerate() {
        let field = format!("[{i}].avgFees");
        let entry = if entry.is_object() {
            entry
        } else {
            return Err(fail(ApiProblem::WrongType {
                field: format!("[{i}]"),
                found: shown(entry),
                expected: Expected::Object,
            }));
        };
        let fees = entry.get("avgFees").ok_or_else(|| {
            fail(ApiProblem::Missing {
                field: field.clone(),
            })
        })?;
        let sats = fees.as_f64().ok_or_else(|| {
            fail(ApiProblem::WrongType {
                field: field.clone(),
                found: shown(fees),
                expected: Expected::Number,
            })
        })?;
        if !FEES_SATS.contains(sats) {
            return Err(fail(ApiProblem::OutOfRange {
                field,
                value: shown(fees),
                limit: FEES_SATS,
            }));
        }
        total_sats += sats;
    }
    Ok(WeekFees {
        mean_btc_per_block: total_sats / list.len() as f64 / SATS_PER_BTC,
        count: list.len(),
    })
}

/// Today's market as fetched. Its JSON keys are `hashwatt market fetch --json`'s contract.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct FetchedMarket {
    pub btc_price_usd: f64,
    pub difficulty: f64,
    pub network_hashrate_ehs: f64,
    pub block_height: u64,
    pub fees_btc_per_block: f64,
    /// When the answers came, RFC 3339 in UTC.
    pub fetched_at: String,
    /// The API's base address.
    pub source: String,
    /// How many blocks' fees were averaged (in the snapshot's source, not the JSON).
    #[serde(skip)]
    pub fee_blocks: usize,
    /// The day of `fetched_at` (UTC): the snapshot's date and id.
    #[serde(skip)]
    pub date: Date,
}

impl FetchedMarket {
    /// Puts the four answers together, fetched at `unix_s` from the API at `source`.
    pub fn new(
        source: &str,
        unix_s: u64,
        price_usd: f64,
        network: NetworkNow,
        height: u64,
        fees: WeekFees,
    ) -> FetchedMarket {
        FetchedMarket {
            btc_price_usd: price_usd,
            difficulty: network.difficulty,
            network_hashrate_ehs: network.hashrate_ehs,
            block_height: height,
            fees_btc_per_block: fees.mean_btc_per_block,
            fetched_at: rfc3339(unix_s),
            source: source.to_string(),
            fee_blocks: fees.count,
            date: Date::from_days_since_epoch((unix_s / 86_400) as i64),
        }
    }

    /// The snapshot's id, and its file's name without `.ron`: the day, `YYYY-MM-DD`. A second
    /// update on the same day replaces the first.
    pub fn snapshot_id(&self) -> String {
        self.date.to_string()
    }

    /// The dated market snapshot: the difficulty (the engine derives the hashrate from it), the
    /// block height (which places the subsidy and the halvings), the week's mean fees, each
    /// sourced to its URL and time.
    pub fn snapshot(&self) -> MarketPreset {
        let en = &strings(Lang::En).market;
        let zh = &strings(Lang::Zh).market;
        let host = host_of(&self.source);
        let date = self.snapshot_id();
        let year = u16::try_from(self.date.year).unwrap_or(0);
        let sourced = |path: &str, field: &str| {
            fill(
                en.snapshot_source,
                &[
                    ("url", &format!("{}{path}", self.source)),
                    ("field", field),
                    ("fetched_at", &self.fetched_at),
                ],
            )
        };
        fn figure<T>(value: T, source: String, year: u16) -> Figure<T> {
            Figure {
                value,
                source,
                year,
                grade: Grade::Secondary,
                note: String::new(),
            }
        }
        MarketPreset {
            id: date.clone(),
            name: fill(en.snapshot_name, &[("date", &date), ("host", host)]),
            name_zh: fill(zh.snapshot_name, &[("date", &date), ("host", host)]),
            date: self.date,
            btc_price_usd: figure(self.btc_price_usd, sourced(PRICES_PATH, "USD"), year),
            network: figure(
                NetworkSpec::Difficulty(self.difficulty),
                sourced(HASHRATE_PATH, "currentDifficulty"),
                year,
            ),
            subsidy: figure(
                SubsidySpec::BlockHeight(self.block_height),
                sourced(TIP_HEIGHT_PATH, "height"),
                year,
            ),
            fees_btc_per_block: figure(
                self.fees_btc_per_block,
                fill(
                    en.snapshot_fees_source,
                    &[
                        ("url", &format!("{}{BLOCK_FEES_PATH}", self.source)),
                        ("count", &self.fee_blocks.to_string()),
                        ("fetched_at", &self.fetched_at),
                    ],
                ),
                year,
            ),
            note: fill(
                en.snapshot_note,
                &[
                    ("source", &self.source),
                    ("fetched_at", &self.fetched_at),
                    ("ehs", &format!("{:.1}", self.network_hashrate_ehs)),
                ],
            ),
        }
    }
}

/// The figures in words, label and value, as the command line's table and the window's review
/// show them: price, difficulty, hashrate, height, fees, then when and where from.
pub fn figure_rows(market: &FetchedMarket, lang: Lang) -> Vec<(&'static str, String)> {
    use crate::format::{fixed, number, usd};
    let t = &strings(lang).market;
    vec![
        (t.label_btc_price, usd(market.btc_price_usd)),
        (t.label_difficulty, fixed(market.difficulty, 0)),
        (
            t.label_network_hashrate,
            format!("{} EH/s", number(market.network_hashrate_ehs)),
        ),
        (t.label_block_height, fixed(market.block_height as f64, 0)),
        (
            t.label_fees,
            format!("{} BTC", fixed(market.fees_btc_per_block, 4)),
        ),
        (t.label_fetched_at, market.fetched_at.clone()),
        (t.label_source, market.source.clone()),
    ]
}

/// `2026-08-07T10:15:30Z` for seconds since 1970 (UTC).
pub fn rfc3339(unix_s: u64) -> String {
    let date = Date::from_days_since_epoch((unix_s / 86_400) as i64);
    let seconds = unix_s % 86_400;
    format!(
        "{date}T{:02}:{:02}:{:02}Z",
        seconds / 3600,
        seconds / 60 % 60,
        seconds % 60
    )
}

/// The host (and port) of an address: `mempool.space` for `https://mempool.space/`.
pub fn host_of(base: &str) -> &str {
    let rest = base.split_once("://").map_or(base, |(_, rest)| rest);
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    // Credentials never reach a message or a file.
    authority
        .rsplit_once('@')
        .map_or(authority, |(_, host)| host)
}

#[cfg(test)]
mod tests;
