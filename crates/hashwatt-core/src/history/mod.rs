//! The network's monthly history since 2010-07 and what is built on it: Cambridge's 2023 CBECI
//! method month by month ([`cbeci`]), hashprice, and backtests of a fleet through real months
//! ([`backtest`]).
//!
//! The built-in history (`presets/history/network-monthly.csv`) holds facts compiled from cited
//! public sources by `tools/history/build_history.py`; a user's CSV with the same columns
//! extends it or replaces months ([`History::merged`]).

pub mod backtest;
pub mod basket;
pub mod cbeci;
pub mod chart;
pub mod mica;
pub mod range;
pub mod update;

use serde::Serialize;
use std::fmt;

/// The built-in monthly history's text.
pub const BUILTIN_CSV: &str = include_str!("../../../../presets/history/network-monthly.csv");
/// Where the built-in history lives, as problems name it.
pub const BUILTIN_PATH: &str = "presets/history/network-monthly.csv";
/// The columns of a history CSV, in order (a trailing `note` column is optional).
pub const COLUMNS: [&str; 7] = [
    "month",
    "difficulty",
    "blocks",
    "subsidy_btc",
    "fees_btc_per_block",
    "btc_price_usd",
    "network_hashrate_ehs",
];

/// 2^32: the hashes one unit of difficulty stands for.
pub const TWO_POW_32: f64 = 4_294_967_296.0;

/// A calendar month, ordered.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Month {
    pub year: i32,
    /// 1–12.
    pub month: u32,
}

impl Month {
    pub fn new(year: i32, month: u32) -> Option<Month> {
        (1..=12).contains(&month).then_some(Month { year, month })
    }

    /// Reads `YYYY-MM`.
    pub fn parse(text: &str) -> Option<Month> {
        let (y, m) = text.trim().split_once('-')?;
        if y.len() != 4 || m.len() != 2 {
            return None;
        }
        Month::new(y.parse().ok()?, m.parse().ok()?)
    }

    /// Months since year 0, a plain counter for distances between months.
    pub fn index(self) -> i32 {
        self.year * 12 + self.month as i32 - 1
    }

    pub fn from_index(index: i32) -> Month {
        Month {
            year: index.div_euclid(12),
            month: index.rem_euclid(12) as u32 + 1,
        }
    }

    pub fn next(self) -> Month {
        Month::from_index(self.index() + 1)
    }

    pub fn days(self) -> u32 {
        match self.month {
            4 | 6 | 9 | 11 => 30,
            2 if (self.year % 4 == 0 && self.year % 100 != 0) || self.year % 400 == 0 => 29,
            2 => 28,
            _ => 31,
        }
    }

    pub fn seconds(self) -> f64 {
        f64::from(self.days()) * 86_400.0
    }

    pub fn hours(self) -> f64 {
        f64::from(self.days()) * 24.0
    }
}

impl fmt::Display for Month {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{:04}-{:02}", self.year, self.month)
    }
}

/// One month of the network.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct MonthRecord {
    pub month: Month,
    /// Time-weighted harmonic mean over the month: the difficulty that gives the month's
    /// expected BTC per hash exactly.
    pub difficulty: f64,
    pub blocks: f64,
    /// Mean subsidy per block, BTC.
    pub subsidy_btc: f64,
    /// Mean fees per block, BTC; `None` where no source was found.
    pub fees_btc_per_block: Option<f64>,
    /// Mean BTC/USD; `None` where no source was found.
    pub btc_price_usd: Option<f64>,
    /// `Σ blocks × difficulty × 2^32 / seconds`, EH/s.
    pub network_hashrate_ehs: f64,
    /// Transactions confirmed in the month's blocks (coinbase included); `None` where no
    /// source was found.
    pub transactions: Option<u64>,
    /// Where the month's figures come from, and what is missing.
    pub note: String,
}

impl MonthRecord {
    /// Subsidy plus fees per block; fees not sourced count as zero (a lower bound).
    pub fn reward_btc_per_block(&self) -> f64 {
        self.subsidy_btc + self.fees_btc_per_block.unwrap_or(0.0)
    }

    /// Expected BTC per PH/s per day: `86,400 × 1e15 / (D × 2^32) × reward`.
    pub fn hashprice_btc_per_ph_day(&self) -> f64 {
        hashprice_btc_per_ph_day(self.difficulty, self.reward_btc_per_block())
    }

    /// Expected USD per PH/s per day at the month's mean price.
    pub fn hashprice_usd_per_ph_day(&self) -> Option<f64> {
        self.btc_price_usd
            .map(|p| self.hashprice_btc_per_ph_day() * p)
    }
}

/// Expected BTC per PH/s per day at a difficulty and a reward per block:
/// `86,400 × 1e15 / (D × 2^32) × reward`. The history's months and the Network view's
/// snapshots both price a hash with it.
pub fn hashprice_btc_per_ph_day(difficulty: f64, reward_btc_per_block: f64) -> f64 {
    86_400.0 * 1e15 / (difficulty * TWO_POW_32) * reward_btc_per_block
}

/// A problem with a history CSV, naming the file, the line and the column.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
#[error("{}", self.localized(crate::i18n::Lang::En))]
pub struct HistoryError {
    pub file: String,
    /// The physical line (from 1) where the record starts; 0 for the file as a whole.
    pub line: usize,
    pub problem: HistoryProblem,
}

/// What is wrong in a history CSV.
#[derive(Clone, Debug, PartialEq)]
pub enum HistoryProblem {
    /// The file could not be read (not found, empty, too large, …).
    File(Box<crate::problem::Problem>),
    Header,
    CellCount {
        expected: usize,
        found: usize,
    },
    NotAMonth {
        text: String,
    },
    NotANumber {
        column: &'static str,
        text: String,
    },
    Missing {
        column: &'static str,
    },
    OutOfRange {
        column: &'static str,
        value: crate::model::limits::OutOfRange,
    },
    NotWholeTransactions {
        text: String,
    },
    NotConsecutive {
        month: Month,
        previous: Month,
    },
    /// A quoted cell runs to the end of the file.
    UnclosedQuote,
    NoHeader,
    NoMonths,
    Gap {
        first: Month,
        last: Month,
        history_first: Month,
        history_last: Month,
    },
}

impl HistoryError {
    /// `file:line: message` (or `file: message` for the whole file), the words in `lang`.
    pub fn localized(&self, lang: crate::i18n::Lang) -> String {
        use crate::i18n::fill;
        // A cell is quoted as the file's other messages quote values: cut short.
        use crate::problem::cut;
        let s = &crate::i18n::strings(lang).history;
        let message = match &self.problem {
            HistoryProblem::File(problem) => problem.localized(lang),
            HistoryProblem::Header => fill(s.csv_header, &[("columns", &COLUMNS.join(","))]),
            HistoryProblem::CellCount { expected, found } => fill(
                s.csv_cell_count,
                &[
                    ("expected", &expected.to_string()),
                    ("found", &found.to_string()),
                ],
            ),
            HistoryProblem::NotAMonth { text } => fill(s.csv_not_a_month, &[("text", &cut(text))]),
            HistoryProblem::NotANumber { column, text } => {
                format!(
                    "{column}: {}",
                    fill(s.csv_not_a_number, &[("text", &cut(text))])
                )
            }
            HistoryProblem::Missing { column } => format!("{column}: {}", s.csv_missing),
            HistoryProblem::OutOfRange { column, value } => {
                format!("{column}: {}", value.localized(lang))
            }
            HistoryProblem::NotWholeTransactions { text } => {
                fill(s.csv_transactions, &[("text", &cut(text))])
            }
            HistoryProblem::NotConsecutive { month, previous } => fill(
                s.csv_not_consecutive,
                &[
                    ("month", &month.to_string()),
                    ("previous", &previous.to_string()),
                ],
            ),
            HistoryProblem::UnclosedQuote => s.csv_unclosed_quote.to_string(),
            HistoryProblem::NoHeader => s.csv_no_header.to_string(),
            HistoryProblem::NoMonths => s.csv_no_months.to_string(),
            HistoryProblem::Gap {
                first,
                last,
                history_first,
                history_last,
            } => fill(
                s.csv_gap,
                &[
                    ("first", &first.to_string()),
                    ("last", &last.to_string()),
                    ("history_first", &history_first.to_string()),
                    ("history_last", &history_last.to_string()),
                ],
            ),
        };
        if self.line == 0 {
            format!("{}: {message}", self.file)
        } else {
            format!("{}:{}: {message}", self.file, self.line)
        }
    }
}

/// The optional columns after [`COLUMNS`], in this order when present.
pub const OPTIONAL_COLUMNS: [&str; 2] = ["transactions", "note"];

/// The limits of the numeric [`COLUMNS`] (the month excepted), in their order.
const COLUMN_LIMITS: [crate::model::limits::Limit; 6] = {
    use crate::model::limits as l;
    [
        l::HISTORY_DIFFICULTY,
        l::HISTORY_BLOCKS_PER_MONTH,
        l::BLOCK_SUBSIDY_BTC,
        l::HISTORY_FEES_BTC_PER_BLOCK,
        l::HISTORY_BTC_PRICE_USD,
        l::HISTORY_HASHRATE_EHS,
    ]
};

/// Reads a monthly history CSV: `#` lines are comments, the first other line is the header
/// (the [`COLUMNS`], then optionally `transactions` and `note`), each row one month in
/// increasing order without gaps. Empty fees, price or transactions cells mean "not sourced";
/// an empty hashrate is computed from difficulty and blocks. Every number must lie within its
/// column's limit (`model::limits::HISTORY_*`). A quoted cell may hold commas, doubled quotes
/// and line breaks; errors name the line where the row starts.
pub fn parse_csv(file: &str, text: &str) -> Result<Vec<MonthRecord>, HistoryError> {
    let err = |line: usize, problem: HistoryProblem| HistoryError {
        file: file.to_string(),
        line,
        problem,
    };
    let mut rows: Vec<MonthRecord> = Vec::new();
    let mut layout: Option<CsvLayout> = None;
    for record in csv_records(text) {
        let (line_no, cells) = record.map_err(|line| err(line, HistoryProblem::UnclosedQuote))?;
        let Some(layout) = &layout else {
            layout = Some(
                CsvLayout::from_header(&cells)
                    .ok_or_else(|| err(line_no, HistoryProblem::Header))?,
            );
            continue;
        };
        let previous = rows.last().map(|r| r.month);
        let row = parse_row(layout, &cells, previous).map_err(|problem| err(line_no, problem))?;
        rows.push(row);
    }
    // Problems of the file as a whole: no line to point at.
    if text.trim().is_empty() {
        return Err(err(
            0,
            HistoryProblem::File(Box::new(crate::problem::Problem::Empty)),
        ));
    }
    if layout.is_none() {
        return Err(err(0, HistoryProblem::NoHeader));
    }
    if rows.is_empty() {
        return Err(err(0, HistoryProblem::NoMonths));
    }
    Ok(rows)
}

/// Where a history CSV's header puts the optional columns, and how many cells a row has.
struct CsvLayout {
    transactions_col: Option<usize>,
    note_col: Option<usize>,
    width: usize,
}

impl CsvLayout {
    /// The layout a header line gives, or `None` when the header is not the [`COLUMNS`]
    /// followed by optional columns, each at most once, in their fixed order.
    fn from_header(cells: &[String]) -> Option<CsvLayout> {
        let names: Vec<&str> = cells.iter().map(|c| c.trim()).collect();
        let extra = names.get(COLUMNS.len()..).unwrap_or(&[]);
        let mut optional = OPTIONAL_COLUMNS.iter();
        let extra_ok = extra.iter().all(|name| optional.any(|o| o == name));
        if names.len() < COLUMNS.len() || names[..COLUMNS.len()] != COLUMNS[..] || !extra_ok {
            return None;
        }
        let mut layout = CsvLayout {
            transactions_col: None,
            note_col: None,
            width: names.len(),
        };
        for (k, name) in extra.iter().enumerate() {
            match *name {
                "transactions" => layout.transactions_col = Some(COLUMNS.len() + k),
                _ => layout.note_col = Some(COLUMNS.len() + k),
            }
        }
        Some(layout)
    }
}

/// One month's row of a history CSV, the month before it (if any) to check that none is
/// skipped. Problems are checked in the row's column order.
fn parse_row(
    layout: &CsvLayout,
    cells: &[String],
    previous: Option<Month>,
) -> Result<MonthRecord, HistoryProblem> {
    let width = layout.width;
    // A row may leave out a trailing note.
    let short_ok = layout.note_col == Some(width - 1) && cells.len() == width - 1;
    if cells.len() != width && !short_ok {
        return Err(HistoryProblem::CellCount {
            expected: width,
            found: cells.len(),
        });
    }
    let month = Month::parse(&cells[0]).ok_or_else(|| HistoryProblem::NotAMonth {
        text: cells[0].clone(),
    })?;
    let required = |col: usize| -> Result<f64, HistoryProblem> {
        number_cell(cells, col)?.ok_or(HistoryProblem::Missing {
            column: COLUMNS[col],
        })
    };
    let difficulty = required(1)?;
    let blocks = required(2)?;
    let subsidy_btc = required(3)?;
    let fees_btc_per_block = number_cell(cells, 4)?;
    let btc_price_usd = number_cell(cells, 5)?;
    let transactions = transactions_cell(layout.transactions_col.map(|c| cells[c].trim()))?;
    // Within the limits above, the computed hashrate stays below about 3e7 EH/s.
    let network_hashrate_ehs =
        number_cell(cells, 6)?.unwrap_or(blocks * difficulty * TWO_POW_32 / month.seconds() / 1e18);
    if let Some(previous) = previous
        && month != previous.next()
    {
        return Err(HistoryProblem::NotConsecutive { month, previous });
    }
    Ok(MonthRecord {
        month,
        difficulty,
        blocks,
        subsidy_btc,
        fees_btc_per_block,
        btc_price_usd,
        network_hashrate_ehs,
        transactions,
        note: layout
            .note_col
            .and_then(|c| cells.get(c).cloned())
            .unwrap_or_default(),
    })
}

/// The number in column `col` (one of the numeric [`COLUMNS`]) within its limit, or `None`
/// when the cell is empty.
fn number_cell(cells: &[String], col: usize) -> Result<Option<f64>, HistoryProblem> {
    let cell = cells[col].trim();
    if cell.is_empty() {
        return Ok(None);
    }
    let column = COLUMNS[col];
    let value = cell
        .parse::<f64>()
        .map_err(|_| HistoryProblem::NotANumber {
            column,
            text: cell.to_string(),
        })?;
    COLUMN_LIMITS[col - 1]
        .check(value)
        .map(Some)
        .map_err(|value| HistoryProblem::OutOfRange { column, value })
}

/// The optional transactions cell: a whole count within its limit, or `None` when the column
/// or the cell is empty.
fn transactions_cell(cell: Option<&str>) -> Result<Option<u64>, HistoryProblem> {
    let cell = match cell {
        None | Some("") => return Ok(None),
        Some(cell) => cell,
    };
    let count = cell
        .parse::<u64>()
        .map_err(|_| HistoryProblem::NotWholeTransactions {
            text: cell.to_string(),
        })?;
    crate::model::limits::HISTORY_TRANSACTIONS
        .check(count as f64)
        .map_err(|value| HistoryProblem::OutOfRange {
            column: "transactions",
            value,
        })?;
    Ok(Some(count))
}

/// The records of a CSV text, each with the physical line (from 1) it starts on: blank lines
/// and `#` comments between records are skipped; a quoted cell may run over line breaks. An
/// `Err` is the line of a record whose quote is never closed.
fn csv_records(text: &str) -> impl Iterator<Item = Result<(usize, Vec<String>), usize>> + '_ {
    let mut lines = text.split('\n').enumerate();
    std::iter::from_fn(move || {
        loop {
            let (i, raw) = lines.next()?;
            let line = raw.trim_end_matches('\r');
            if line.trim().is_empty() || line.trim_start().starts_with('#') {
                continue;
            }
            let start = i + 1;
            let mut record = line.to_string();
            // An odd count of quotes leaves a cell open: the record goes on past the break
            // (a doubled quote inside a cell counts two, so it never changes the parity).
            // Each line's quotes are counted once, so a quote left open over many lines costs
            // one pass over them.
            let mut open = quotes(line) % 2 == 1;
            while open {
                let Some((_, more)) = lines.next() else {
                    return Some(Err(start));
                };
                let more = more.trim_end_matches('\r');
                open ^= quotes(more) % 2 == 1;
                record.push('\n');
                record.push_str(more);
            }
            return Some(Ok((start, split_csv_record(&record))));
        }
    })
}

fn quotes(line: &str) -> usize {
    line.bytes().filter(|&b| b == b'"').count()
}

/// Splits one CSV record, honouring double quotes.
fn split_csv_record(line: &str) -> Vec<String> {
    let mut cells = Vec::new();
    let mut cell = String::new();
    let mut quoted = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '"' if quoted && chars.peek() == Some(&'"') => {
                cell.push('"');
                chars.next();
            }
            '"' => quoted = !quoted,
            ',' if !quoted => cells.push(std::mem::take(&mut cell)),
            _ => cell.push(c),
        }
    }
    cells.push(cell);
    cells
}

/// The monthly history: consecutive months, oldest first.
#[derive(Clone, Debug, PartialEq)]
pub struct History {
    pub months: Vec<MonthRecord>,
}

impl History {
    /// The history compiled into the binary, read once.
    pub fn builtin_ref() -> &'static History {
        static BUILTIN: std::sync::OnceLock<History> = std::sync::OnceLock::new();
        BUILTIN.get_or_init(|| History {
            months: parse_csv(BUILTIN_PATH, BUILTIN_CSV)
                .expect("the built-in history is checked by its tests"),
        })
    }

    /// A copy of the history compiled into the binary.
    pub fn builtin() -> History {
        History::builtin_ref().clone()
    }

    pub fn first(&self) -> Month {
        self.months[0].month
    }

    pub fn last(&self) -> Month {
        self.months[self.months.len() - 1].month
    }

    pub fn get(&self, month: Month) -> Option<&MonthRecord> {
        let i = usize::try_from(month.index() - self.first().index()).ok()?;
        self.months.get(i)
    }

    /// The months from `from` to `to`, both included.
    pub fn range(&self, from: Month, to: Month) -> &[MonthRecord] {
        let start = (from.index() - self.first().index()).max(0) as usize;
        let end = ((to.index() - self.first().index() + 1).max(0) as usize).min(self.months.len());
        if start >= end {
            &[]
        } else {
            &self.months[start..end]
        }
    }

    /// This history with `imported` months laid over it: a month present in both takes the
    /// imported row; imported months may extend the history at either end, but not leave a gap.
    pub fn merged(&self, imported: Vec<MonthRecord>, file: &str) -> Result<History, HistoryError> {
        let Some(first) = imported.first().map(|r| r.month) else {
            return Ok(self.clone());
        };
        let last = imported[imported.len() - 1].month;
        if last.next() < self.first() || first > self.last().next() {
            return Err(HistoryError {
                file: file.to_string(),
                line: 1,
                problem: HistoryProblem::Gap {
                    first,
                    last,
                    history_first: self.first(),
                    history_last: self.last(),
                },
            });
        }
        let start = first.min(self.first());
        let end = last.max(self.last());
        let mut months = Vec::with_capacity((end.index() - start.index() + 1) as usize);
        let mut m = start;
        while m <= end {
            let row = if m >= first && m <= last {
                imported[(m.index() - first.index()) as usize].clone()
            } else {
                self.get(m).cloned().expect("inside the built-in range")
            };
            months.push(row);
            m = m.next();
        }
        Ok(History { months })
    }

    /// This history with the months of a CSV file laid over it.
    pub fn import_file(&self, path: &std::path::Path) -> Result<History, HistoryError> {
        let label = path.display().to_string();
        // A file that cannot be read is a problem of the whole file: no line.
        let text = crate::file_io::read_text(path).map_err(|e| HistoryError {
            file: label.clone(),
            line: 0,
            problem: HistoryProblem::File(e.problem),
        })?;
        let rows = parse_csv(&label, &text)?;
        self.merged(rows, &label)
    }

    /// Growth over the trailing twelve months ending at `to`: difficulty and price, % a year,
    /// from the month a year earlier to `to`. `None` when either end lacks the figure.
    pub fn trailing_growth(&self, to: Month) -> Option<TrailingGrowth> {
        let end = self.get(to)?;
        let start = self.get(Month::from_index(to.index() - 12))?;
        Some(TrailingGrowth {
            from: start.month,
            to,
            difficulty_pct_per_year: (end.difficulty / start.difficulty - 1.0) * 100.0,
            price_pct_per_year: match (start.btc_price_usd, end.btc_price_usd) {
                (Some(a), Some(b)) if a > 0.0 => Some((b / a - 1.0) * 100.0),
                _ => None,
            },
        })
    }

    /// Volatility over the [`VOLATILITY_MONTHS`] monthly changes ending at `to`: the sample
    /// standard deviation of the monthly log changes × √12, % a year, of the BTC price and of
    /// the difficulty. `None` when a month in the window has no price.
    pub fn trailing_volatility(&self, to: Month) -> Option<TrailingVolatility> {
        let from = Month::from_index(to.index() - VOLATILITY_MONTHS as i32);
        self.get(from)?;
        self.get(to)?;
        let window = self.range(from, to);
        let prices: Option<Vec<f64>> = window.iter().map(|r| r.btc_price_usd).collect();
        let prices = prices?;
        let difficulties: Vec<f64> = window.iter().map(|r| r.difficulty).collect();
        let annual_sd_pct = |values: &[f64]| -> Option<f64> {
            let changes: Vec<f64> = values.windows(2).map(|w| libm::log(w[1] / w[0])).collect();
            if changes.iter().any(|c| !c.is_finite()) {
                return None;
            }
            let n = changes.len() as f64;
            let mean = changes.iter().sum::<f64>() / n;
            let variance = changes.iter().map(|c| (c - mean) * (c - mean)).sum::<f64>() / (n - 1.0);
            Some(libm::sqrt(variance * 12.0) * 100.0)
        };
        Some(TrailingVolatility {
            from,
            to,
            btc_price_pct_per_year: annual_sd_pct(&prices)?,
            difficulty_pct_per_year: annual_sd_pct(&difficulties)?,
        })
    }

    /// The newest month whose trailing window gives both volatilities.
    pub fn latest_trailing_volatility(&self) -> Option<TrailingVolatility> {
        self.months
            .iter()
            .rev()
            .find_map(|r| self.trailing_volatility(r.month))
    }

    /// The newest month whose trailing twelve months have both a difficulty and a price.
    pub fn latest_trailing_growth(&self) -> Option<TrailingGrowth> {
        self.months
            .iter()
            .rev()
            .filter_map(|r| self.trailing_growth(r.month))
            .find(|g| g.price_pct_per_year.is_some())
    }
}

/// What the trailing twelve months say about growth: the projection's defaults.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TrailingGrowth {
    pub from: Month,
    pub to: Month,
    pub difficulty_pct_per_year: f64,
    pub price_pct_per_year: Option<f64>,
}

impl TrailingGrowth {
    /// The growth as the projection takes it: rounded to 0.1 % a year, within the fields'
    /// limits; a missing price growth counts as none.
    pub fn projection_pct_per_year(&self) -> (f64, f64) {
        let limit = crate::model::limits::GROWTH_PCT_PER_YEAR;
        let field = |pct: f64| ((pct * 10.0).round() / 10.0).clamp(-99.0, limit.max);
        (
            field(self.difficulty_pct_per_year),
            field(self.price_pct_per_year.unwrap_or(0.0)),
        )
    }
}

/// How many monthly changes the default volatilities are measured over (two years).
pub const VOLATILITY_MONTHS: usize = 24;

/// What the trailing two years say about volatility: the Monte Carlo run's defaults. The
/// history holds monthly means, which swing less than month-end prices: a volatility from them
/// understates the month-to-month one (by about a fifth for a random walk).
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct TrailingVolatility {
    pub from: Month,
    pub to: Month,
    pub btc_price_pct_per_year: f64,
    pub difficulty_pct_per_year: f64,
}

impl TrailingVolatility {
    /// The volatilities as the projection takes them: rounded to 0.1 % a year, within the
    /// fields' limits (BTC price, difficulty).
    pub fn projection_pct_per_year(&self) -> (f64, f64) {
        let limit = crate::model::limits::VOLATILITY_PCT_PER_YEAR;
        let field = |pct: f64| ((pct * 10.0).round() / 10.0).clamp(limit.min, limit.max);
        (
            field(self.btc_price_pct_per_year),
            field(self.difficulty_pct_per_year),
        )
    }
}

/// The trailing volatility of the built-in history, computed once.
pub fn builtin_trailing_volatility() -> Option<TrailingVolatility> {
    static VOLATILITY: std::sync::OnceLock<Option<TrailingVolatility>> = std::sync::OnceLock::new();
    *VOLATILITY.get_or_init(|| History::builtin_ref().latest_trailing_volatility())
}

/// The trailing growth of the built-in history, computed once: where a new scenario's
/// projection growth comes from.
pub fn builtin_trailing_growth() -> Option<TrailingGrowth> {
    static GROWTH: std::sync::OnceLock<Option<TrailingGrowth>> = std::sync::OnceLock::new();
    *GROWTH.get_or_init(|| History::builtin_ref().latest_trailing_growth())
}

/// The projection a new scenario starts with: difficulty and BTC-price growth from the
/// trailing twelve months of the built-in history, their volatilities from its trailing two
/// years, everything else the projection's own defaults.
pub fn default_projection() -> crate::model::ProjectionSettings {
    projection_from(builtin_trailing_growth(), builtin_trailing_volatility())
}

/// The projection's defaults from a trailing growth and volatility (the projection's own
/// defaults where either is missing).
pub fn projection_from(
    growth: Option<TrailingGrowth>,
    volatility: Option<TrailingVolatility>,
) -> crate::model::ProjectionSettings {
    let mut settings = crate::model::ProjectionSettings::default();
    if let Some(growth) = growth {
        let (difficulty, price) = growth.projection_pct_per_year();
        settings.difficulty_growth_pct_per_year = difficulty;
        settings.btc_price_growth_pct_per_year = price;
    }
    if let Some(volatility) = volatility {
        let (price, difficulty) = volatility.projection_pct_per_year();
        settings.btc_price_volatility_pct_per_year = price;
        settings.difficulty_volatility_pct_per_year = difficulty;
    }
    settings
}

impl History {
    /// The projection a new scenario starts with on a machine with this history: growth from
    /// the trailing twelve months before the newest month, volatilities from the trailing two
    /// years (the window and the command line agree on it).
    pub fn default_projection(&self) -> crate::model::ProjectionSettings {
        projection_from(
            self.latest_trailing_growth(),
            self.latest_trailing_volatility(),
        )
    }
}

#[cfg(test)]
mod tests;
