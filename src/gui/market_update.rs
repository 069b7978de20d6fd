//! *Market → Update from the internet…*: asks once per API address whether it may go online
//! (naming the host, saying that nothing about the user is sent), fetches on a thread of its
//! own within the 10 s deadline, shows the figures for review, and on acceptance saves them as
//! a dated market snapshot that the scenario then uses. A failure is the banner; nothing is
//! saved.

use super::{App, Command};
use crate::i18n::{Lang, fill};
use crate::market_api::{DEFAULT_API_BASE, FetchedMarket, host_of, without_credentials};
use crate::market_fetch::{self, FetchError, FetchOptions};
use eframe::egui;
use std::sync::mpsc;

/// What the user asked of the update.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The menu item: fetch, asking first if this address was never agreed to.
    Start,
    /// The consent's answer: this address may be asked (now and from now on).
    Allow(String),
    /// Close the consent, the wait or the review without saving.
    Cancel,
    /// Save the reviewed market as a snapshot and use it.
    Accept,
}

/// Where the update is.
#[derive(Default)]
pub enum Stage {
    #[default]
    Idle,
    /// Waiting for the user's consent; the address is editable.
    Consent {
        api_base: String,
    },
    /// A request is under way on its own thread.
    Fetching {
        host: String,
        reply: mpsc::Receiver<Result<FetchedMarket, FetchError>>,
    },
    Review(FetchedMarket),
}

#[derive(Default)]
pub struct MarketUpdate {
    pub stage: Stage,
}

impl MarketUpdate {
    pub fn is_idle(&self) -> bool {
        matches!(self.stage, Stage::Idle)
    }
}

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
            if let Stage::Review(market) = std::mem::take(&mut app.market_update.stage) {
                accept(app, &market);
            }
        }
    }
}

fn fail(app: &mut App, error: &FetchError) {
    app.set_error(|lang| {
        fill(
            crate::i18n::strings(lang).market.failed_banner,
            &[("error", &error.localized(lang))],
        )
    });
}

/// Starts the requests on a thread of their own; the answer comes back through a channel and
/// wakes the window.
fn start_fetch(app: &mut App, base: &str, ctx: &egui::Context) {
    let options = match FetchOptions::for_base(base) {
        Ok(options) => options,
        Err(e) => {
            app.market_update.stage = Stage::Idle;
            return fail(app, &e);
        }
    };
    let (tx, rx) = mpsc::channel();
    let ctx = ctx.clone();
    let spawned = std::thread::Builder::new()
        .name("market-update".into())
        .spawn(move || {
            let _ = tx.send(market_fetch::fetch(&options));
            ctx.request_repaint();
        });
    match spawned {
        Ok(_) => {
            app.market_update.stage = Stage::Fetching {
                host: host_of(base).to_string(),
                reply: rx,
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
    let Stage::Fetching { reply, .. } = &app.market_update.stage else {
        return;
    };
    match reply.try_recv() {
        Ok(Ok(market)) => {
            app.market_update.stage = Stage::Review(market);
            // The banner of an earlier failure no longer holds.
            if app.banner.as_ref().is_some_and(|b| b.error) {
                app.banner = None;
            }
        }
        Ok(Err(e)) => {
            app.market_update.stage = Stage::Idle;
            fail(app, &e);
        }
        Err(mpsc::TryRecvError::Empty) => {}
        Err(mpsc::TryRecvError::Disconnected) => app.market_update.stage = Stage::Idle,
    }
}

/// Saves the snapshot, reloads the presets, and points the scenario at it (one undoable step).
fn accept(app: &mut App, market: &FetchedMarket) {
    match market_fetch::save_snapshot(app.presets_folder.as_deref(), market) {
        Ok(path) => {
            app.library =
                crate::presets::PresetLibrary::with_user_folder(app.presets_folder.as_deref());
            app.library_generation += 1;
            app.session.doc.market = crate::scenario_file::MarketDoc {
                preset: Some(market.snapshot_id()),
                ..Default::default()
            };
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
    let commands = app.commands().clone();
    let send = |action| commands.send(Command::MarketUpdate(action));
    match &mut app.market_update.stage {
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
        Stage::Review(market) => {
            egui::Modal::new(egui::Id::unique("market-review")).show(ctx, |ui| {
                ui.heading(t.review_title);
                review_grid(ui, market, lang);
                ui.label(fill(
                    t.review_from,
                    &[
                        ("source", &market.source),
                        ("fetched_at", &market.fetched_at),
                    ],
                ));
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
