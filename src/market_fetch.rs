//! The one piece of hashwatt that talks to the network, and only when the user asks: *Market →
//! Update from the internet…* and `hashwatt market fetch`. Four GETs to a mempool.space-compatible
//! API over HTTPS (rustls), through `HTTPS_PROXY` if it is set, within one 10 s deadline. The
//! answers are read by the core ([`crate::market_api`]); nothing about the user is sent (no
//! cookies, no scenario, a User-Agent that names only hashwatt and its version).

use crate::file_error::FileError;
use crate::i18n::{Lang, fill, strings};
use crate::market_api::{self, BodyError, FetchedMarket, Plausible, host_of, without_credentials};
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
    /// A 3xx answer: redirects are not followed, lest an API send the requests to another
    /// host or over plain HTTP.
    Redirect {
        url: String,
        target: String,
    },
    /// The server answered, but not with TLS.
    NotHttps {
        host: String,
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
    /// An answer larger than the client reads.
    TooLarge {
        url: String,
        limit_bytes: u64,
    },
    /// The months fetched earlier cannot be read: nothing is fetched over them.
    StoredHistory(crate::history::HistoryError),
    NoFolder,
    /// A file stands where the snapshots' folder (or one above it) must be.
    NotAFolder {
        path: String,
    },
    Save(FileError),
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum BaseProblem {
    Scheme,
    NoHost,
    /// A `?query` or `#fragment`: the paths are appended to the base, so neither can stay.
    QueryOrFragment,
    Space,
    /// Not a port number from 1 to 65535; checked before connecting.
    Port,
}

impl FetchError {
    /// One line in `lang`.
    pub fn localized(&self, lang: Lang) -> String {
        let t = &strings(lang).market;
        match self {
            FetchError::BadApiBase { base, why } => {
                let why = match why {
                    BaseProblem::Scheme => t.base_scheme.to_string(),
                    BaseProblem::NoHost => t.base_no_host.to_string(),
                    BaseProblem::QueryOrFragment => t.base_query.to_string(),
                    BaseProblem::Space => t.base_space.to_string(),
                    BaseProblem::Port => fill(t.base_port, &[("port", port_of(host_of(base)))]),
                };
                fill(t.bad_api_base, &[("base", base), ("why", &why)])
            }
            FetchError::BadProxy(p) => fill(
                t.bad_proxy,
                &[
                    ("proxy", &without_credentials(&p.url)),
                    ("variable", p.variable),
                ],
            ),
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
            FetchError::Redirect { url, target } => {
                fill(t.redirect, &[("url", url), ("target", target)])
            }
            FetchError::NotHttps { host } => fill(t.not_https, &[("host", host)]),
            FetchError::Tls { host, detail } => fill(t.tls, &[("host", host), ("detail", detail)]),
            FetchError::Connection { host, detail } => {
                fill(t.connection, &[("host", host), ("detail", detail)])
            }
            FetchError::Body(e) => e.localized(lang),
            FetchError::TooLarge { url, limit_bytes } => fill(
                t.too_large,
                &[
                    ("url", url),
                    ("mib", &(limit_bytes / (1024 * 1024)).max(1).to_string()),
                ],
            ),
            FetchError::StoredHistory(e) => e.localized(lang),
            FetchError::NoFolder => t.no_folder.to_string(),
            FetchError::NotAFolder { path } => fill(t.not_a_folder, &[("path", path)]),
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

/// The port of a host (`[::1]:8999`, `node.lan:3006`), empty when it names none.
fn port_of(host: &str) -> &str {
    let after_name = match host.strip_prefix('[') {
        Some(rest) => rest.split_once(']').map_or("", |(_, after)| after),
        None => host,
    };
    after_name.rsplit_once(':').map_or("", |(_, port)| port)
}

/// Checks an API base address and gives it without a trailing slash or user info (a password
/// in the address would otherwise reach the snapshot's sources, its note and every message;
/// ureq sends no `Authorization` from an address's user info anyway).
pub fn check_api_base(base: &str) -> Result<String, FetchError> {
    let shown = without_credentials(base.trim());
    let bad = |why| FetchError::BadApiBase {
        base: shown.clone(),
        why,
    };
    let (scheme, rest) = shown
        .split_once("://")
        .ok_or_else(|| bad(BaseProblem::Scheme))?;
    let rest = rest.trim_end_matches('/');
    let trimmed = format!("{scheme}://{rest}");
    let host = host_of(&trimmed);
    if rest.is_empty() || host.is_empty() || host.starts_with(':') {
        return Err(bad(BaseProblem::NoHost));
    }
    if rest.contains(char::is_whitespace) {
        return Err(bad(BaseProblem::Space));
    }
    if rest.contains(['?', '#']) {
        return Err(bad(BaseProblem::QueryOrFragment));
    }
    let port = port_of(host);
    if host.contains(':') && !host.ends_with(']') && port.parse::<u16>().map_or(true, |p| p == 0) {
        return Err(bad(BaseProblem::Port));
    }
    match scheme.to_ascii_lowercase().as_str() {
        "https" => {}
        "http" if is_loopback(host) => {}
        _ => return Err(bad(BaseProblem::Scheme)),
    }
    Ok(trimmed)
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
        // rustls's failures during the handshake come wrapped as invalid data.
        ureq::Error::Io(e)
            if e.kind() == std::io::ErrorKind::InvalidData
                && e.get_ref().is_some_and(|inner| not_tls(&inner)) =>
        {
            FetchError::NotHttps { host }
        }
        ureq::Error::Io(e) => classify_io(&e, host, seconds),
        ureq::Error::Rustls(e) if not_tls(&e) => FetchError::NotHttps { host },
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

/// Whether a TLS failure means the server does not speak TLS at all (an `http://` server
/// asked over `https://` answers plain text, which rustls reads as a corrupt record). The
/// error's type is rustls's, which ureq does not re-export; its debug form names the variant.
fn not_tls(e: &impl std::fmt::Debug) -> bool {
    format!("{e:?}").starts_with("InvalidMessage(")
}

/// Where a redirect points, without user info, in full when absolute, else on the asked host.
fn redirect_target(url: &str, location: &str) -> String {
    let location = location.trim();
    let absolute = if location.contains("://") {
        location.to_string()
    } else {
        let scheme = url.split_once("://").map_or("https", |(scheme, _)| scheme);
        match location.strip_prefix("//") {
            Some(rest) => format!("{scheme}://{rest}"),
            None => format!(
                "{scheme}://{}/{}",
                host_of(url),
                location.trim_start_matches('/')
            ),
        }
    };
    let target = without_credentials(&absolute);
    if target.chars().count() > 100 {
        format!("{}…", target.chars().take(99).collect::<String>())
    } else {
        target
    }
}

/// The seconds since 1970 now.
pub fn now_s() -> u64 {
    std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// The largest answer read, bytes: the market's answers are small; the history's price list
/// runs to a few megabytes.
pub const BODY_LIMIT_BYTES: u64 = 64 * 1024 * 1024;

/// GETs to one API within one deadline: no redirect followed, no cookie, a User-Agent naming
/// only hashwatt.
pub struct Client<'a> {
    options: &'a FetchOptions,
    api_base: String,
    host: String,
    proxy: Option<ureq::Proxy>,
    deadline: Instant,
    body_limit_bytes: u64,
}

impl<'a> Client<'a> {
    pub fn new(options: &'a FetchOptions) -> Result<Client<'a>, FetchError> {
        // Defence in depth: options built by hand may still carry user info.
        let api_base = without_credentials(&options.api_base);
        let host = host_of(&api_base).to_string();
        let proxy = match &options.proxy {
            Some(setting) => Some(
                ureq::Proxy::new(&setting.url)
                    .map_err(|_| FetchError::BadProxy(setting.clone()))?,
            ),
            None => None,
        };
        Ok(Client {
            options,
            api_base,
            host,
            proxy,
            deadline: Instant::now() + options.timeout,
            body_limit_bytes: BODY_LIMIT_BYTES,
        })
    }

    /// The same client reading at most `bytes` of an answer.
    pub fn with_body_limit(mut self, bytes: u64) -> Client<'a> {
        self.body_limit_bytes = bytes;
        self
    }

    pub fn api_base(&self) -> &str {
        &self.api_base
    }

    pub fn host(&self) -> &str {
        &self.host
    }

    /// GETs `path` and gives the address asked with the answer's body.
    pub fn get(&self, path: &str) -> Result<(String, String), FetchError> {
        let options = self.options;
        // The address asked is the address answered: no redirect is followed.
        let url = format!("{}{path}", self.api_base);
        let remaining = self.deadline.saturating_duration_since(Instant::now());
        if remaining.is_zero() {
            return Err(FetchError::Timeout {
                host: self.host.clone(),
                seconds: options.timeout.as_secs().max(1),
            });
        }
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .timeout_global(Some(remaining))
            .https_only(false)
            // A redirect could lead to another host, or to plain HTTP; none is followed.
            .max_redirects(0)
            .proxy(self.proxy.clone())
            .user_agent(concat!("hashwatt/", env!("CARGO_PKG_VERSION")))
            .build()
            .into();
        let classified = |e| classify(e, &self.host, &url, options.timeout);
        let mut response = agent
            .get(&url)
            .header("Accept", "application/json")
            .call()
            .map_err(classified)?;
        let status = response.status().as_u16();
        if (300..400).contains(&status) {
            let location = response
                .headers()
                .get("location")
                .and_then(|l| l.to_str().ok())
                .filter(|l| !l.trim().is_empty());
            return Err(match location {
                Some(location) => FetchError::Redirect {
                    target: redirect_target(&url, location),
                    url,
                },
                None => FetchError::Status { url, status },
            });
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(self.body_limit_bytes)
            .read_to_string()
            .map_err(|e| match e {
                ureq::Error::BodyExceedsLimit(_) => FetchError::TooLarge {
                    url: url.clone(),
                    limit_bytes: self.body_limit_bytes,
                },
                e => classified(e),
            })?;
        Ok((url, body))
    }
}

/// Asks the API for today's market: the price, the network, the tip and the week's fees, one
/// after the other within the deadline, each answer checked against [`Plausible`] bounds. Any
/// failure stops it; nothing is kept.
pub fn fetch(options: &FetchOptions) -> Result<FetchedMarket, FetchError> {
    let client = Client::new(options)?;
    let plausible = Plausible::builtin(now_s());
    let body_error = FetchError::Body;
    let (url, body) = client.get(market_api::PRICES_PATH)?;
    let price = market_api::price_usd(&url, &body).map_err(body_error)?;
    plausible.price(&url, price).map_err(body_error)?;
    let (url, body) = client.get(market_api::HASHRATE_PATH)?;
    let network = market_api::network_now(&url, &body).map_err(body_error)?;
    plausible.network(&url, network).map_err(body_error)?;
    let (url, body) = client.get(market_api::TIP_HEIGHT_PATH)?;
    let height = market_api::tip_height(&url, &body).map_err(body_error)?;
    plausible.height(&url, height).map_err(body_error)?;
    let (url, body) = client.get(market_api::BLOCK_FEES_PATH)?;
    let fees = market_api::week_fees(&url, &body).map_err(body_error)?;
    Ok(FetchedMarket::new(
        client.api_base(),
        now_s(),
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
    let text = crate::scenario_io::to_ron(&market.snapshot()).map_err(|why| {
        FetchError::Save(FileError::new(
            &path.display().to_string(),
            crate::problem::Problem::CannotSave(why),
        ))
    })?;
    save_in_folder(&path, &text)?;
    Ok(path)
}

/// Writes `text` to `path` atomically, making its folder first.
pub fn save_in_folder(path: &Path, text: &str) -> Result<(), FetchError> {
    if let Some(parent) = path.parent() {
        // A file where a folder must be would otherwise be the system's "File exists".
        for ancestor in parent.ancestors() {
            match std::fs::metadata(ancestor) {
                Ok(meta) if meta.is_dir() => break,
                Ok(_) => {
                    return Err(FetchError::NotAFolder {
                        path: ancestor.display().to_string(),
                    });
                }
                Err(_) => {}
            }
        }
        std::fs::create_dir_all(parent).map_err(|e| {
            FetchError::Save(FileError::new(
                &path.display().to_string(),
                crate::problem::Problem::CannotSave(e.to_string()),
            ))
        })?;
    }
    crate::file_io::write_atomically(path, text.as_bytes()).map_err(FetchError::Save)
}

#[cfg(test)]
mod tests;
