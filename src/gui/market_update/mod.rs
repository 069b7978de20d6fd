//! *Market → Update from the internet…*: asks once per API address whether it may go online
//! (naming the host, saying that nothing about the user is sent), fetches on a thread of its
//! own within the 10 s deadline, shows the figures for review, and on acceptance saves them as
//! a dated market snapshot that the scenario then uses. Ticked in the consent (and by default),
//! the same job asks the same host for the months the network history lacks
//! ([`crate::history_fetch`]); they are added when the review is accepted. *Market → Forget
//! fetched history* deletes them. A failure is the banner; nothing is saved.

use super::job::{Job, Status};
use super::{App, Command};
use crate::history_fetch::{self, Fetched};
use crate::i18n::{Lang, fill};
use crate::market_api::{DEFAULT_API_BASE, FetchedMarket, host_of, without_credentials};
use crate::market_fetch::{self, FetchError, FetchOptions};
use eframe::egui;

mod state;
pub use state::*;

/// The address to ask: the one last agreed to, else mempool.space. An address remembered by an
/// earlier version may hold user info: it is shown and asked without it (and agreed to anew).
fn current_base(app: &App) -> String {
    app.session
        .market_api_allowed
        .first()
        .map_or_else(|| DEFAULT_API_BASE.to_string(), |b| without_credentials(b))
}

/// Carries out one of the update's commands.
pub fn apply(app: &mut App, action: Action, ctx: &egui::Context) {
    match action {
        Action::Start => {
            let base = current_base(app);
            if app.session.market_api_allowed.contains(&base) {
                start_fetch(app, &base, ctx);
            } else {
                app.market_update.stage = Stage::Consent { api_base: base };
            }
        }
        Action::Allow(base) => match market_fetch::check_api_base(&base) {
            Ok(base) => {
                let allowed = &mut app.session.market_api_allowed;
                allowed.retain(|b| without_credentials(b) != base);
                allowed.insert(0, base.clone());
                start_fetch(app, &base, ctx);
            }
            // The consent stays open for the address to be corrected.
            Err(e) => fail(app, &e),
        },
        Action::Cancel => app.market_update.stage = Stage::Idle,
        Action::Accept => {
            if let Stage::Review { market, history } = std::mem::take(&mut app.market_update.stage)
            {
                accept(app, &market);
                if let Some(Ok(Fetched::Months { months, host })) = history
                    && app.market_update.with_history
                {
                    add_months(app, &months, &host);
                }
            }
        }
        Action::ForgetHistory => forget_history(app),
    }
}

/// The history changed on disk: the views and a new scenario's defaults follow.
fn history_changed(app: &mut App) {
    app.history_summary =
        super::network_history::HistorySummary::load(app.presets_folder.as_deref());
    // The History and Backtest views reread the history with the library.
    app.library_generation += 1;
}

/// Adds the reviewed months to the fetched history; the banner says so after the market's.
fn add_months(app: &mut App, months: &[crate::history::MonthRecord], host: &str) {
    match history_fetch::save_months(app.presets_folder.as_deref(), months) {
        Ok(path) => {
            history_changed(app);
            // After the market's banner, in both languages.
            let market_said = app
                .banner
                .as_ref()
                .filter(|b| !b.error)
                .map(|b| [b.text(Lang::En).to_string(), b.text(Lang::Zh).to_string()]);
            let (count, first, last) = (
                months.len().to_string(),
                months[0].month.to_string(),
                months[months.len() - 1].month.to_string(),
            );
            let host = host.to_string();
            app.set_info(move |lang| {
                let added = fill(
                    crate::i18n::strings(lang).update.added,
                    &[
                        ("count", &count),
                        ("first", &first),
                        ("last", &last),
                        ("host", &host),
                        ("path", &path.display().to_string()),
                    ],
                );
                match &market_said {
                    Some([en, zh]) => {
                        format!("{} {added}", if lang == Lang::En { en } else { zh })
                    }
                    None => added,
                }
            });
        }
        Err(e) => fail_history(app, &e),
    }
}

fn forget_history(app: &mut App) {
    match history_fetch::forget(app.presets_folder.as_deref()) {
        Ok(true) => {
            history_changed(app);
            let month = app.history_summary.last.to_string();
            app.set_info(move |lang| {
                fill(
                    crate::i18n::strings(lang).update.forgot,
                    &[("month", &month)],
                )
            });
        }
        Ok(false) => app.set_info(|lang| {
            crate::i18n::strings(lang)
                .update
                .nothing_to_forget
                .to_string()
        }),
        Err(e) => {
            let error = e.to_string();
            app.set_error(move |lang| {
                fill(
                    crate::i18n::strings(lang).update.failed_banner,
                    &[("error", &error)],
                )
            });
        }
    }
}

fn fail_history(app: &mut App, error: &FetchError) {
    app.set_error(|lang| {
        fill(
            crate::i18n::strings(lang).update.failed_banner,
            &[("error", &error.localized(lang))],
        )
    });
}

fn fail(app: &mut App, error: &FetchError) {
    app.set_error(|lang| {
        fill(
            crate::i18n::strings(lang).market.failed_banner,
            &[("error", &error.localized(lang))],
        )
    });
}

/// Starts the requests on a thread of their own; their answer wakes the window.
fn start_fetch(app: &mut App, base: &str, ctx: &egui::Context) {
    let options = match FetchOptions::for_base(base) {
        Ok(options) => options,
        Err(e) => {
            app.market_update.stage = Stage::Idle;
            return fail(app, &e);
        }
    };
    let with_history = app.market_update.with_history;
    let folder = app.presets_folder.clone();
    let spawned = Job::spawn("market-update", ctx, move || {
        let market = market_fetch::fetch(&options);
        // The same host answers both, one after the other.
        let history = (with_history && market.is_ok()).then(|| {
            let options = FetchOptions {
                timeout: std::time::Duration::from_secs(history_fetch::TIMEOUT_S),
                ..options
            };
            let client = market_fetch::Client::new(&options)?;
            history_fetch::fetch_months(&client, folder.as_deref(), market_fetch::now_s() as i64)
        });
        (market, history)
    });
    match spawned {
        Ok(job) => {
            app.market_update.stage = Stage::Fetching {
                host: host_of(base).to_string(),
                job,
            }
        }
        Err(e) => {
            app.market_update.stage = Stage::Idle;
            fail(
                app,
                &FetchError::Connection {
                    host: host_of(base).to_string(),
                    detail: e.to_string(),
                },
            );
        }
    }
}

/// Takes the thread's answer, if it came: the review, or the banner.
pub fn poll(app: &mut App) {
    let Stage::Fetching { job, .. } = &app.market_update.stage else {
        return;
    };
    match job.poll() {
        Status::Done((Ok(market), history)) => {
            app.market_update.stage = Stage::Review { market, history };
            // The banner of an earlier failure no longer holds.
            if app.banner.as_ref().is_some_and(|b| b.error) {
                app.banner = None;
            }
        }
        Status::Done((Err(e), _)) => {
            app.market_update.stage = Stage::Idle;
            fail(app, &e);
        }
        Status::Running => {}
        Status::Lost => app.market_update.stage = Stage::Idle,
    }
}

/// Saves the snapshot, reloads the presets, and points the scenario at it (one undoable step).
fn accept(app: &mut App, market: &FetchedMarket) {
    match market_fetch::save_snapshot(app.presets_folder.as_deref(), market) {
        Ok(path) => {
            app.library =
                crate::presets::PresetLibrary::with_user_folder(app.presets_folder.as_deref());
            app.library_generation += 1;
            app.edit(super::edit::Edit::Market(crate::scenario_file::MarketDoc {
                preset: Some(market.snapshot_id()),
                ..Default::default()
            }));
            app.recompute();
            app.set_info(|lang| {
                fill(
                    crate::i18n::strings(lang).market.saved_and_used,
                    &[
                        ("date", &market.snapshot_id()),
                        ("path", &path.display().to_string()),
                    ],
                )
            });
        }
        Err(e) => fail(app, &e),
    }
}

/// The consent, the wait and the review, as modal windows.
pub fn dialogs_ui(app: &mut App, ctx: &egui::Context) {
    let lang = app.session.lang();
    let t = &crate::i18n::strings(lang).market;
    let s = &crate::i18n::strings(lang).app;
    let u = &crate::i18n::strings(lang).update;
    let commands = app.commands().clone();
    let send = |action| commands.send(Command::MarketUpdate(action));
    let history_last = app.history_summary.last.to_string();
    let update = &mut app.market_update;
    let with_history = &mut update.with_history;
    match &mut update.stage {
        Stage::Idle => {}
        Stage::Consent { api_base } => {
            egui::Modal::new(egui::Id::unique("market-consent")).show(ctx, |ui| {
                ui.set_max_width(520.0);
                ui.heading(t.consent_title);
                let host = host_of(api_base.trim()).to_string();
                ui.label(fill(t.consent_body, &[("host", &host)]));
                ui.horizontal(|ui| {
                    let label = ui.label(t.consent_address);
                    ui.add(egui::TextEdit::singleline(api_base).desired_width(320.0))
                        .labelled_by(label.id);
                });
                ui.checkbox(
                    with_history,
                    fill(u.consent_history, &[("month", &history_last)]),
                );
                ui.horizontal(|ui| {
                    if ui
                        .button(fill(t.consent_allow, &[("host", &host)]))
                        .clicked()
                    {
                        send(Action::Allow(api_base.trim().to_string()));
                    }
                    if ui.button(s.cancel).clicked() {
                        send(Action::Cancel);
                    }
                });
            });
        }
        Stage::Fetching { host, .. } => {
            egui::Modal::new(egui::Id::unique("market-fetching")).show(ctx, |ui| {
                ui.horizontal(|ui| {
                    ui.spinner();
                    ui.label(fill(t.fetching, &[("host", host)]));
                });
                if ui.button(s.cancel).clicked() {
                    send(Action::Cancel);
                }
            });
        }
        Stage::Review { market, history } => {
            egui::Modal::new(egui::Id::unique("market-review")).show(ctx, |ui| {
                ui.set_max_width(560.0);
                ui.heading(t.review_title);
                review_grid(ui, market, lang);
                ui.label(fill(
                    t.review_from,
                    &[
                        ("source", &market.source),
                        ("fetched_at", &market.fetched_at),
                    ],
                ));
                history_review_ui(ui, history.as_ref(), with_history, lang);
                ui.horizontal(|ui| {
                    if ui.button(t.review_accept).clicked() {
                        send(Action::Accept);
                    }
                    if ui.button(t.review_discard).clicked() {
                        send(Action::Cancel);
                    }
                });
            });
        }
    }
}

/// What the history's part of the update found: months to add (a box), nothing new, or why
/// it failed.
fn history_review_ui(
    ui: &mut egui::Ui,
    history: Option<&Result<Fetched, FetchError>>,
    with_history: &mut bool,
    lang: Lang,
) {
    let u = &crate::i18n::strings(lang).update;
    match history {
        None => {}
        Some(Ok(Fetched::UpToDate { newest })) => {
            ui.label(fill(u.nothing_new, &[("month", &newest.to_string())]));
        }
        Some(Ok(Fetched::Months { months, host })) => {
            ui.checkbox(
                with_history,
                fill(
                    u.review_history,
                    &[
                        ("count", &months.len().to_string()),
                        ("first", &months[0].month.to_string()),
                        ("last", &months[months.len() - 1].month.to_string()),
                        ("host", host),
                    ],
                ),
            );
            ui.label(egui::RichText::new(u.no_transactions).small());
        }
        Some(Err(e)) => {
            ui.colored_label(
                ui.visuals().error_fg_color,
                fill(u.failed_banner, &[("error", &e.localized(lang))]),
            );
        }
    }
}

/// The five figures, as the command line's table shows them.
fn review_grid(ui: &mut egui::Ui, market: &FetchedMarket, lang: Lang) {
    let table = crate::market_api::figure_rows(market, lang);
    egui::Grid::new("market-review-grid")
        .num_columns(2)
        .striped(true)
        .show(ui, |ui| {
            // Fetched at and source are said below the grid.
            for (label, value) in table.into_iter().take(5) {
                ui.label(label);
                ui.label(egui::RichText::new(value).strong());
                ui.end_row();
            }
        });
}
