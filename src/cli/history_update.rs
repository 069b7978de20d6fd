//! `hashwatt history update`: the months after the newest one this machine has, up to the last
//! complete month, from a mempool.space-compatible API, added to the presets folder's fetched
//! history. The JSON keys (`added`, `newest_month`, `file`, `source`) are a public contract.

use super::CliError;
use crate::history::MonthRecord;
use crate::history_fetch::{self, Updated};
use crate::i18n::{Lang, fill, strings};
use crate::market_api::DEFAULT_API_BASE;
use crate::market_fetch::Client;
use clap::Args;
use serde_json::json;
use std::fmt::Write as _;

#[derive(Debug, Args)]
pub struct HistoryUpdateArgs {
    /// The API's address: https://…, or http:// for one on this computer.
    #[arg(long = "api-base", value_name = "URL", default_value = DEFAULT_API_BASE)]
    pub api_base: String,
    /// Print JSON: added (the months, in the history's columns), newest_month, file, source.
    #[arg(long)]
    pub json: bool,
}

/// Runs `hashwatt history update` and returns what to print; notes go to stderr.
pub fn run(a: &HistoryUpdateArgs, lang: Lang) -> Result<String, CliError> {
    let failed = CliError::Fetch;
    let options = history_fetch::options_for(&a.api_base).map_err(failed)?;
    let client = Client::new(&options).map_err(failed)?;
    let folder = crate::user_presets_folder();
    let now_s = crate::market_fetch::now_s() as i64;
    let updated = history_fetch::update(&client, folder.as_deref(), now_s).map_err(failed)?;
    let t = &strings(lang).update;
    let (months, file): (&[MonthRecord], Option<String>) = match &updated {
        Updated::UpToDate { newest } => {
            super::scenario::say(&fill(t.nothing_new, &[("month", &newest.to_string())]));
            (&[], None)
        }
        Updated::Added { months, path, host } => {
            super::scenario::say(&fill(
                t.added,
                &[
                    ("count", &months.len().to_string()),
                    ("first", &months[0].month.to_string()),
                    ("last", &months[months.len() - 1].month.to_string()),
                    ("host", host),
                    ("path", &path.display().to_string()),
                ],
            ));
            super::scenario::say(t.no_transactions);
            (months, Some(path.display().to_string()))
        }
    };
    let newest = match &updated {
        Updated::UpToDate { newest } => *newest,
        Updated::Added { months, .. } => months[months.len() - 1].month,
    };
    if a.json {
        let added: Vec<serde_json::Value> = months
            .iter()
            .map(|r| {
                json!({
                    "month": r.month.to_string(),
                    "difficulty": r.difficulty,
                    "blocks": r.blocks,
                    "subsidy_btc": r.subsidy_btc,
                    "fees_btc_per_block": r.fees_btc_per_block,
                    "btc_price_usd": r.btc_price_usd,
                    "network_hashrate_ehs": r.network_hashrate_ehs,
                    "transactions": r.transactions,
                    "note": r.note,
                })
            })
            .collect();
        let value = json!({
            "added": added,
            "newest_month": newest.to_string(),
            "file": file,
            "source": client.api_base(),
        });
        return Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&value).map_err(|e| CliError::Said(e.to_string()))?
        ));
    }
    Ok(table(months))
}

/// The added months, a line each: the history's own columns.
fn table(months: &[MonthRecord]) -> String {
    use crate::format::data_number;
    let mut out = String::new();
    if months.is_empty() {
        return out;
    }
    let _ = writeln!(
        out,
        "{:<8} {:>18} {:>7} {:>11} {:>14} {:>14} {:>14}",
        "month",
        "difficulty",
        "blocks",
        "subsidy_btc",
        "btc_price_usd",
        "fees_btc/block",
        "hashrate_ehs"
    );
    let optional = |v: Option<f64>| v.map_or_else(|| "–".to_string(), data_number);
    for r in months {
        let _ = writeln!(
            out,
            "{:<8} {:>18} {:>7} {:>11} {:>14} {:>14} {:>14}",
            r.month.to_string(),
            data_number(r.difficulty),
            data_number(r.blocks),
            data_number(r.subsidy_btc),
            optional(r.btc_price_usd),
            optional(r.fees_btc_per_block),
            data_number(r.network_hashrate_ehs),
        );
    }
    out
}
