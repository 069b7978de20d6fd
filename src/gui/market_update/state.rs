//! Where the market update is, and what the user asked of it.

use super::super::job::Job;
use crate::history_fetch::Fetched;
use crate::market_api::FetchedMarket;
use crate::market_fetch::FetchError;

/// What the user asked of the update.
#[derive(Clone, Debug, PartialEq)]
pub enum Action {
    /// The menu item: fetch, asking first if this address was never agreed to.
    Start,
    /// The consent's answer: this address may be asked (now and from now on).
    Allow(String),
    /// Close the consent, the wait or the review without saving.
    Cancel,
    /// Save the reviewed market as a snapshot and use it (and add the fetched months, if
    /// ticked).
    Accept,
    /// Delete the months fetched after the bundled history.
    ForgetHistory,
}

/// What the update's thread answers: the market, and the history's months when they were
/// asked for (their failure does not spoil the market).
pub type Reply = (
    Result<FetchedMarket, FetchError>,
    Option<Result<Fetched, FetchError>>,
);

/// Where the update is.
#[derive(Default)]
pub enum Stage {
    #[default]
    Idle,
    /// Waiting for the user's consent; the address is editable.
    Consent { api_base: String },
    /// A request is under way on its own thread.
    Fetching { host: String, job: Job<Reply> },
    Review {
        market: FetchedMarket,
        history: Option<Result<Fetched, FetchError>>,
    },
}

pub struct MarketUpdate {
    pub stage: Stage,
    /// Whether the update asks for the history's missing months too (the consent's and the
    /// review's box).
    pub with_history: bool,
}

impl Default for MarketUpdate {
    fn default() -> MarketUpdate {
        MarketUpdate {
            stage: Stage::Idle,
            with_history: true,
        }
    }
}

impl MarketUpdate {
    pub fn is_idle(&self) -> bool {
        matches!(self.stage, Stage::Idle)
    }
}
