//! The one piece of hashwatt that talks to the network, and only when the user asks: *Market →
//! Update from the internet…* and `hashwatt market fetch`. Four GETs to a mempool.space-compatible
//! API over HTTPS (rustls), through `HTTPS_PROXY` if it is set, within one 10 s deadline. The
//! answers are read by the core ([`crate::market_api`]); nothing about the user is sent (no
//! cookies, no scenario, a User-Agent that names only hashwatt and its version).

use crate::file_error::FileError;
use crate::i18n::{Lang, fill, strings};
use crate::market_api::{self, BodyError, FetchedMarket, host_of};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Where to ask, how long to wait, and through which proxy.
#[derive(Clone, Debug, PartialEq)]
pub struct FetchOptions {
    /// `https://host[:port][/prefix]`, without a trailing slash.
    pub api_base: String,
    /// The deadline of the whole update.
    pub timeout: Duration,
    pub proxy: Option<ProxySetting>,
}

/// A proxy, and the environment variable it came from (for messages).
#[derive(Clone, Debug, PartialEq)]
pub struct ProxySetting {
    pub url: String,
    pub variable: &'static str,
}

/// Every way an update can fail; each is one line.
#[derive(Debug)]
pub enum FetchError {
    BadApiBase {
        base: String,
        why: BaseProblem,
    },
    BadProxy(ProxySetting),
    /// No route: the machine is offline.
    Offline {
        host: String,
    },
    Dns {
        host: String,
    },
    Refused {
        host: String,
    },
    Timeout {
        host: String,
        seconds: u64,
    },
    Status {
        url: String,
        status: u16,
    },
    Tls {
        host: String,
        detail: String,
    },
    Connection {
        host: String,
        detail: String,
    },
    Body(BodyError),
    NoFolder,
    Save(FileError),
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BaseProblem {
    Scheme,
    NoHost,
}

impl FetchError {
    /// One line in `lang`.
    pub fn localized(&self, lang: Lang) -> String {
        let t = &strings(lang).market;
        match self {
            FetchError::BadApiBase { base, why } => {
                let why = match why {
                    BaseProblem::Scheme => t.base_scheme,
                    BaseProblem::NoHost => t.base_no_host,
                };
                fill(t.bad_api_base, &[("base", base), ("why", why)])
            }
            FetchError::BadProxy(p) => {
                fill(t.bad_proxy, &[("proxy", &p.url), ("variable", p.variable)])
            }
            FetchError::Offline { host } => fill(t.offline, &[("host", host)]),
            FetchError::Dns { host } => fill(t.dns, &[("host", host)]),
            FetchError::Refused { host } => fill(t.refused, &[("host", host)]),
            FetchError::Timeout { host, seconds } => fill(
                t.timeout,
                &[("host", host), ("seconds", &seconds.to_string())],
            ),
            FetchError::Status { url, status: 429 } => fill(t.too_many_requests, &[("url", url)]),
            FetchError::Status { url, status } => fill(
                t.http_status,
                &[("url", url), ("status", &status.to_string())],
            ),
            FetchError::Tls { host, detail } => fill(t.tls, &[("host", host), ("detail", detail)]),
            FetchError::Connection { host, detail } => {
                fill(t.connection, &[("host", host), ("detail", detail)])
            }
            FetchError::Body(e) => e.localized(lang),
            FetchError::NoFolder => t.no_folder.to_string(),
            FetchError::Save(e) => e.localized(lang),
        }
    }
}

impl std::fmt::Display for FetchError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.localized(Lang::En))
    }
}

/// Hosts that are this computer: the only ones plain `http://` may name (a user's own API
/// instance on this machine, and the tests' local server).
fn is_loopback(host: &str) -> bool {
    let name = host
        .rsplit_once(':')
        .filter(|(name, port)| !name.is_empty() && port.chars().all(|c| c.is_ascii_digit()))
        .map_or(host, |(name, _)| name);
    matches!(name, "localhost" | "[::1]") || name.starts_with("127.")
}

/// Checks an API base address and gives it without a trailing slash.
pub fn check_api_base(base: &str) -> Result<String, FetchError> {
    let bad = |why| FetchError::BadApiBase {
        base: base.to_string(),
        why,
    };
    let (scheme, rest) = base
        .trim()
        .split_once("://")
        .ok_or_else(|| bad(BaseProblem::Scheme))?;
    let rest = rest.trim_end_matches('/');
    let trimmed = format!("{scheme}://{rest}");
    let trimmed = trimmed.as_str();
    let host = host_of(trimmed);
    if rest.is_empty() || host.is_empty() || host.starts_with(':') {
        return Err(bad(BaseProblem::NoHost));
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => {}
        "http" if is_loopback(host) => {}
        _ => return Err(bad(BaseProblem::Scheme)),
    }
    if rest.contains(['?', '#']) || rest.contains(char::is_whitespace) {
        return Err(bad(BaseProblem::NoHost));
    }
    Ok(trimmed.to_string())
}

/// The proxy for requests to `api_base`, from the environment `env` gives: `HTTPS_PROXY` (or
/// `https_proxy`, then `ALL_PROXY`) for an `https://` address, none for this computer or a
/// host that `NO_PROXY` names.
pub fn proxy_from_env(
    api_base: &str,
    env: &dyn Fn(&str) -> Option<String>,
) -> Option<ProxySetting> {
    let host = host_of(api_base);
    if is_loopback(host) || !api_base.to_ascii_lowercase().starts_with("https://") {
        return None;
    }
    let name = host.rsplit_once(':').map_or(host, |(name, _)| name);
    let bypass = ["NO_PROXY", "no_proxy"]
        .into_iter()
        .find_map(env)
        .unwrap_or_default();
    for entry in bypass.split(',').map(str::trim).filter(|e| !e.is_empty()) {
        let entry = entry.trim_start_matches('*');
        let suffix = entry.trim_start_matches('.');
        if entry.is_empty() || name == suffix || name.ends_with(&format!(".{suffix}")) {
            return None;
        }
    }
    ["HTTPS_PROXY", "https_proxy", "ALL_PROXY", "all_proxy"]
        .into_iter()
        .find_map(|variable| {
            env(variable)
                .filter(|v| !v.trim().is_empty())
                .map(|url| ProxySetting {
                    url: url.trim().to_string(),
                    variable,
                })
        })
}

impl FetchOptions {
    /// The options for `api_base` (checked), with the 10 s deadline and the environment's
    /// proxy.
    pub fn for_base(api_base: &str) -> Result<FetchOptions, FetchError> {
        let api_base = check_api_base(api_base)?;
        let proxy = proxy_from_env(&api_base, &|name| std::env::var(name).ok());
        Ok(FetchOptions {
            api_base,
            timeout: Duration::from_secs(market_api::TIMEOUT_S),
            proxy,
        })
    }
}

/// One failed request in words: which of the failures it was.
fn classify(error: ureq::Error, host: &str, url: &str, timeout: Duration) -> FetchError {
    let host = host.to_string();
    let seconds = timeout.as_secs().max(1);
    match error {
        ureq::Error::StatusCode(status) => FetchError::Status {
            url: url.to_string(),
            status,
        },
        ureq::Error::Timeout(_) => FetchError::Timeout { host, seconds },
        ureq::Error::HostNotFound => FetchError::Dns { host },
        // The system resolver's failure comes as an input/output error of no particular kind.
        ureq::Error::Io(e) if e.to_string().contains("failed to lookup address") => {
            FetchError::Dns { host }
        }
        ureq::Error::Io(e) => classify_io(&e, host, seconds),
        ureq::Error::Tls(detail) => FetchError::Tls {
            host,
            detail: detail.to_string(),
        },
        ureq::Error::Rustls(e) => FetchError::Tls {
            host,
            detail: e.to_string(),
        },
        other => FetchError::Connection {
            host,
            detail: other.to_string(),
        },
    }
}

/// An input/output error of the connection in words.
pub fn classify_io(e: &std::io::Error, host: String, seconds: u64) -> FetchError {
    use std::io::ErrorKind;
    match e.kind() {
        ErrorKind::ConnectionRefused => FetchError::Refused { host },
        ErrorKind::NetworkUnreachable | ErrorKind::HostUnreachable | ErrorKind::NetworkDown => {
            FetchError::Offline { host }
        }
        ErrorKind::TimedOut | ErrorKind::WouldBlock => FetchError::Timeout { host, seconds },
        _ => FetchError::Connection {
            host,
            detail: e.to_string(),
        },
    }
}

/// Asks the API for today's market: the price, the network, the tip and the week's fees, one
/// after the other within the deadline. Any failure stops it; nothing is kept.
pub fn fetch(options: &FetchOptions) -> Result<FetchedMarket, FetchError> {
    let host = host_of(&options.api_base).to_string();
    let proxy = match &options.proxy {
        Some(setting) => Some(
            ureq::Proxy::new(&setting.url).map_err(|_| FetchError::BadProxy(setting.clone()))?,
        ),
        None => None,
    };
    let deadline = Instant::now() + options.timeout;
    let get = |path: &str| -> Result<(String, String), FetchError> {
        let url = format!("{}{path}", options.api_base);
        let remaining = deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(FetchError::Timeout {
                host: host.clone(),
                seconds: options.timeout.as_secs().max(1),
            });
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(remaining))
            .https_only(false)
            .proxy(proxy.clone())
            .user_agent(concat!("hashwatt/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let body = agent
            .get(&url)
            .header("Accept", "application/json")
            .call()
            .and_then(|mut response| {
                response
                    .body_mut()
                    .with_config()
                    .limit(16 * 1024 * 1024)
                    .read_to_string()
            })
            .map_err(|e| classify(e, &host, &url, options.timeout))?;
        Ok((url, body))
    };
    let (url, body) = get(market_api::PRICES_PATH)?;
    let price = market_api::price_usd(&url, &body).map_err(FetchError::Body)?;
    let (url, body) = get(market_api::HASHRATE_PATH)?;
    let network = market_api::network_now(&url, &body).map_err(FetchError::Body)?;
    let (url, body) = get(market_api::TIP_HEIGHT_PATH)?;
    let height = market_api::tip_height(&url, &body).map_err(FetchError::Body)?;
    let (url, body) = get(market_api::BLOCK_FEES_PATH)?;
    let fees = market_api::week_fees(&url, &body).map_err(FetchError::Body)?;
    let now_s = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    Ok(FetchedMarket::new(
        &options.api_base,
        now_s,
        price,
        network,
        height,
        fees,
    ))
}

/// Where a fetched market is saved: `<presets folder>/markets/<YYYY-MM-DD>.ron`.
pub fn snapshot_path(folder: Option<&Path>, market: &FetchedMarket) -> Result<PathBuf, FetchError> {
    let folder = folder.ok_or(FetchError::NoFolder)?;
    Ok(folder
        .join(crate::presets::PresetKind::Market.folder())
        .join(format!("{}.ron", market.snapshot_id())))
}

/// Saves a fetched market as a dated snapshot in the user's presets folder (written atomically;
/// the same day's snapshot is replaced), and returns its path.
pub fn save_snapshot(folder: Option<&Path>, market: &FetchedMarket) -> Result<PathBuf, FetchError> {
    let path = snapshot_path(folder, market)?;
    let label = path.display().to_string();
    let cannot = |why: String| {
        FetchError::Save(FileError::new(
            &label,
            crate::problem::Problem::CannotSave(why),
        ))
    };
    if let Some(parent) = path.parent() {
        std::fs::create_dir_all(parent).map_err(|e| cannot(e.to_string()))?;
    }
    let text = crate::scenario_io::to_ron(&market.snapshot()).map_err(cannot)?;
    crate::file_io::write_atomically(&path, text.as_bytes()).map_err(FetchError::Save)?;
    Ok(path)
}

#[cfg(test)]
mod tests;
