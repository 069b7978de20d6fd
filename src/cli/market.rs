//! `hashwatt market fetch`: today's market from a mempool.space-compatible API, shown, and kept
//! as a dated snapshot with `--save`. The only subcommand that touches the network, and only
//! when run.

use super::CliError;
use super::term::align_left;
use crate::i18n::{Lang, fill, strings};
use crate::market_api::{DEFAULT_API_BASE, FetchedMarket, figure_rows};
use crate::market_fetch::{self, FetchOptions};
use clap::{Args, Subcommand};
use std::fmt::Write as _;

#[derive(Debug, Subcommand)]
pub enum MarketCommand {
    /// Fetch today's BTC price, difficulty, network hashrate, block height and fees per block
    /// from a mempool.space-compatible API. Nothing about you is sent; nothing is saved
    /// without --save.
    Fetch(FetchArgs),
}

#[derive(Debug, Args)]
pub struct FetchArgs {
    /// The API's address: https://…, or http:// for one on this computer.
    #[arg(long = "api-base", value_name = "URL", default_value = DEFAULT_API_BASE)]
    pub api_base: String,
    /// Save it as a dated market snapshot in the presets folder; it becomes the default market.
    #[arg(long)]
    pub save: bool,
    /// Print JSON: btc_price_usd, difficulty, network_hashrate_ehs, block_height,
    /// fees_btc_per_block, fetched_at (RFC 3339), source.
    #[arg(long)]
    pub json: bool,
}

/// Runs `hashwatt market …` and returns what to print; notes go to stderr.
pub fn run(command: &MarketCommand, lang: Lang) -> Result<String, CliError> {
    let MarketCommand::Fetch(args) = command;
    let failed = CliError::Fetch;
    let options = FetchOptions::for_base(&args.api_base).map_err(failed)?;
    let market = market_fetch::fetch(&options).map_err(failed)?;
    let t = &strings(lang).market;
    if args.save {
        let folder = crate::user_presets_folder();
        let path = market_fetch::save_snapshot(folder.as_deref(), &market).map_err(failed)?;
        super::scenario::say(&fill(
            t.cli_saved,
            &[
                ("path", &path.display().to_string()),
                ("id", &market.snapshot_id()),
            ],
        ));
    } else if !args.json {
        super::scenario::say(t.cli_not_saved);
    }
    if args.json {
        let json = super::output::to_json(&market)?;
        Ok(format!(
            "{}\n",
            serde_json::to_string_pretty(&json).map_err(|e| CliError::Said(e.to_string()))?
        ))
    } else {
        Ok(table(&market, lang))
    }
}

/// The figures one per line, labels aligned.
pub fn table(market: &FetchedMarket, lang: Lang) -> String {
    let rows = figure_rows(market, lang);
    let width = rows
        .iter()
        .map(|(label, _)| unicode_width::UnicodeWidthStr::width(*label))
        .max()
        .unwrap_or(0);
    let mut out = String::new();
    for (label, value) in rows {
        let _ = writeln!(out, "{}  {value}", align_left(label, width));
    }
    out
}
