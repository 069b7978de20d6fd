//! The inputs' market section: a dated snapshot whose values can be changed, and its age.

use super::App;
use super::Input;
use super::InputField;
use super::NetworkSpec;
use super::Picker;
use super::PickerItem;
use super::SubsidySpec;
use super::badge;
use super::bitcoin;
use super::format;
use crate::i18n::{Localized, fill};
use crate::scenario_file::ScenarioDoc;
use eframe::egui;

use crate::i18n::{Lang, app::AppStrings};
use crate::model::Market;
use crate::scenario_file::MarketDoc;

pub(super) fn market_ui(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
    let s = &app.strings().app;
    let lang = app.session.lang();
    let market = app
        .computed
        .as_ref()
        .ok()
        .map(|c| c.scenario.market.clone());
    egui::Grid::new("market-grid")
        .num_columns(2)
        .spacing([8.0, 6.0])
        .show(ui, |ui| {
            let label = ui.label(s.market_snapshot);
            let newest = app.library.newest_market().map(|m| m.id.clone());
            let current = doc.market.preset.clone().or(newest.clone());
            let current_name = current
                .as_deref()
                .and_then(|id| app.library.market(id))
                .map_or(String::new(), |m| {
                    format!("{} ({})", m.name_in(app.session.lang()), m.date)
                });
            let snapshots: Vec<_> = app
                .library
                .markets()
                .map(|m| {
                    let newest_tag = if Some(&m.id) == newest.as_ref() {
                        format!(" · {}", s.snapshot_newest)
                    } else {
                        String::new()
                    };
                    let text = format!("{} ({}){newest_tag}", m.name_in(lang), m.date);
                    PickerItem::new(
                        m.id.clone(),
                        text,
                        current.as_deref() == Some(m.id.as_str()),
                    )
                })
                .collect();
            if let Some(id) = Picker::new("market-picker", current_name)
                .labelled_by(label.id)
                .show(ui, &snapshots)
            {
                doc.market = crate::scenario_file::MarketDoc {
                    preset: Some(id),
                    ..Default::default()
                };
            }
            ui.end_row();

            let Some(market) = market else {
                return;
            };
            network_rows(ui, &mut doc.market, &market, s, lang);
            subsidy_rows(ui, &mut doc.market, &market, s, lang);
            ui.add(InputField::new(Input::PoolFeePct, &mut doc.site.pool_fee_pct).lang(lang));
            ui.end_row();
        });
    market_age_ui(app, doc, ui);
    let m = &mut doc.market;
    let changed = m.btc_price_usd.is_some()
        || m.network.is_some()
        || m.subsidy.is_some()
        || m.fees_btc_per_block.is_some();
    if changed {
        ui.horizontal(|ui| {
            badge(ui, s.changed_from_snapshot);
            if ui.small_button(s.reset_to_snapshot).clicked() {
                *m = MarketDoc {
                    preset: m.preset.take(),
                    ..Default::default()
                };
            }
        });
    }
}

/// The BTC price, the fees and the network (by hashrate or by difficulty), each over the
/// snapshot's value.
fn network_rows(ui: &mut egui::Ui, m: &mut MarketDoc, market: &Market, s: &AppStrings, lang: Lang) {
    ui.add(
        InputField::overriding(
            Input::BtcPriceUsd,
            &mut m.btc_price_usd,
            market.btc_price_usd,
        )
        .lang(lang),
    );
    ui.end_row();

    // The network, by hashrate or by difficulty.
    let label = ui.label(s.network_by);
    let by_difficulty = matches!(market.network, NetworkSpec::Difficulty(_));
    let mut want_difficulty = by_difficulty;
    ui.horizontal(|ui| {
        ui.radio_value(&mut want_difficulty, false, s.network_hashrate)
            .labelled_by(label.id);
        ui.radio_value(&mut want_difficulty, true, s.difficulty);
    });
    ui.end_row();
    let network_hs = market.network_hashrate_hs();
    if want_difficulty != by_difficulty {
        m.network = Some(if want_difficulty {
            NetworkSpec::Difficulty(bitcoin::difficulty_from_hashrate_hs(network_hs))
        } else {
            NetworkSpec::HashrateEhs(network_hs / 1e18)
        });
    }
    match m.network.unwrap_or(market.network) {
        NetworkSpec::HashrateEhs(ehs) => {
            let mut v = m.network.map(|_| ehs);
            let field = InputField::overriding(Input::NetworkHashrateEhs, &mut v, ehs);
            if ui.add(field.lang(lang)).changed() {
                m.network = v.map(NetworkSpec::HashrateEhs);
            }
            ui.end_row();
        }
        NetworkSpec::Difficulty(d) => {
            let mut v = m.network.map(|_| d);
            // Edited in T: a difficulty of 1.5 × 10¹⁴ is typed as 150.
            let field = InputField::overriding(Input::Difficulty, &mut v, d).scaled(1e12, " T", 3);
            if ui.add(field.lang(lang)).changed() {
                m.network = v.map(NetworkSpec::Difficulty);
            }
            ui.end_row();
        }
    }
}

/// The block subsidy, by block height or directly, over the snapshot's value.
fn subsidy_rows(ui: &mut egui::Ui, m: &mut MarketDoc, market: &Market, s: &AppStrings, lang: Lang) {
    // The subsidy, by block height or directly.
    let label = ui.label(s.subsidy_by);
    let by_height = matches!(market.subsidy, SubsidySpec::BlockHeight(_));
    let mut want_height = by_height;
    ui.horizontal(|ui| {
        ui.radio_value(&mut want_height, true, s.block_height)
            .labelled_by(label.id);
        ui.radio_value(&mut want_height, false, s.block_subsidy);
    });
    ui.end_row();
    if want_height != by_height {
        m.subsidy = Some(if want_height {
            SubsidySpec::BlockHeight(
                market
                    .block_height()
                    .unwrap_or(bitcoin::HALVING_INTERVAL_BLOCKS * 4),
            )
        } else {
            SubsidySpec::Btc(market.subsidy_btc())
        });
    }
    match m.subsidy.unwrap_or(market.subsidy) {
        SubsidySpec::BlockHeight(h) => {
            let mut v = m.subsidy.map(|_| h as f64);
            let field = InputField::overriding(Input::BlockHeight, &mut v, h as f64);
            if ui.add(field.lang(lang)).changed() {
                m.subsidy = v.map(|h| SubsidySpec::BlockHeight(h.round() as u64));
            }
            ui.end_row();
            ui.label("");
            ui.label(
                egui::RichText::new(format!(
                    "{} BTC",
                    format::number(bitcoin::block_subsidy_btc(h))
                ))
                .small()
                .weak(),
            );
            ui.end_row();
        }
        SubsidySpec::Btc(btc) => {
            let mut v = m.subsidy.map(|_| btc);
            let field = InputField::overriding(Input::BlockSubsidyBtc, &mut v, btc);
            if ui.add(field.lang(lang)).changed() {
                m.subsidy = v.map(SubsidySpec::Btc);
            }
            ui.end_row();
        }
    }
    ui.add(
        InputField::overriding(
            Input::FeesBtcPerBlock,
            &mut m.fees_btc_per_block,
            market.fees_btc_per_block,
        )
        .lang(lang),
    );
    ui.end_row();
}

/// How old the market in use is ("Market of 2026-12-07, fetched today."), and past a month
/// the update offered on a line of its own.
pub(super) fn market_age_ui(app: &App, doc: &mut ScenarioDoc, ui: &mut egui::Ui) {
    let Some(market) = doc
        .market
        .preset
        .as_deref()
        .and_then(|id| app.library.market(id))
        .or_else(|| app.library.newest_market())
    else {
        return;
    };
    let u = &app.strings().update;
    let date = market.date.to_string();
    let days = crate::today().days_since_epoch() - market.date.days_since_epoch();
    let built_in = crate::presets::builtin_files(crate::presets::PresetKind::Market)
        .iter()
        .any(|(path, _)| path.ends_with(&format!("/{}.ron", market.id)));
    let line = if built_in {
        fill(u.market_builtin, &[("date", &date)])
    } else {
        let age = if days <= 0 {
            u.age_today.to_string()
        } else {
            fill(u.age_days, &[("days", &days.to_string())])
        };
        fill(u.market_fetched, &[("date", &date), ("age", &age)])
    };
    ui.label(egui::RichText::new(line).small());
    if days > 31 && app.market_update.is_idle() {
        ui.horizontal_wrapped(|ui| {
            ui.label(egui::RichText::new(u.market_stale).small());
            if ui.small_button(u.update_now).clicked() {
                app.queue(super::super::Command::MarketUpdate(
                    super::super::market_update::Action::Start,
                ));
            }
        });
    }
}
