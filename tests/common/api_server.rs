//! A mempool.space-compatible API on 127.0.0.1 for tests: it answers each path as told (the
//! shapes of the API's published reference, or a failure), and notes every request line.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

use std::io::{BufRead, BufReader, Write};
use std::net::{TcpListener, TcpStream};
use std::sync::{Arc, Mutex};

/// How the server answers one path.
#[derive(Clone, Debug)]
pub enum Answer {
    /// A status and a JSON body.
    Json(u16, String),
    /// Accepts the request and never answers (a timeout).
    Silent,
    /// A status (3xx) with this `Location` and an empty body.
    Redirect(u16, String),
}

pub const PRICES: &str = r#"{"time":1703252411,"USD":43753,"EUR":40545,"GBP":37528,"CAD":58123,"CHF":37438,"AUD":64499,"JPY":6218915}"#;
pub const HASHRATE: &str = r#"{"hashrates":[{"timestamp":1652486400,"avgHashrate":236499762108771800000}],"difficulty":[{"timestamp":1652468330,"difficulty":31251101365711.12,"height":736249}],"currentHashrate":252033247355212300000,"currentDifficulty":31251101365711.12}"#;
pub const TIP_HEIGHT: &str = "959000";
pub const FEES: &str = r#"[{"avgHeight":735644,"timestamp":1652119111,"avgFees":24212890},{"avgHeight":735646,"timestamp":1652120252,"avgFees":21655996}]"#;

pub const PRICES_PATH: &str = "/api/v1/prices";
pub const HASHRATE_PATH: &str = "/api/v1/mining/hashrate/3d";
pub const TIP_HEIGHT_PATH: &str = "/api/blocks/tip/height";
pub const FEES_PATH: &str = "/api/v1/mining/blocks/fees/1w";

pub struct ApiServer {
    /// `http://127.0.0.1:<port>`.
    pub base: String,
    /// Every request line received, in order.
    pub requests: Arc<Mutex<Vec<String>>>,
}

/// The four answers of a healthy API.
pub fn good_routes() -> Vec<(String, Answer)> {
    [
        (PRICES_PATH, PRICES),
        (HASHRATE_PATH, HASHRATE),
        (TIP_HEIGHT_PATH, TIP_HEIGHT),
        (FEES_PATH, FEES),
    ]
    .into_iter()
    .map(|(path, body)| (path.to_string(), Answer::Json(200, body.to_string())))
    .collect()
}

/// A healthy API but for one path's answer.
pub fn routes_with(path: &str, answer: Answer) -> Vec<(String, Answer)> {
    let mut routes = good_routes();
    for (p, a) in &mut routes {
        if p == path {
            *a = answer.clone();
        }
    }
    routes
}

impl ApiServer {
    /// Starts a server answering `routes` (by request target; anything else is a 404).
    pub fn start(routes: Vec<(String, Answer)>) -> ApiServer {
        let listener = TcpListener::bind("127.0.0.1:0").expect("a local port");
        let base = format!("http://{}", listener.local_addr().unwrap());
        let requests = Arc::new(Mutex::new(Vec::new()));
        let seen = requests.clone();
        let routes = Arc::new(routes);
        std::thread::spawn(move || {
            for stream in listener.incoming().flatten() {
                let routes = routes.clone();
                let seen = seen.clone();
                std::thread::spawn(move || serve(stream, &routes, &seen));
            }
        });
        ApiServer { base, requests }
    }

    pub fn requests(&self) -> Vec<String> {
        self.requests.lock().unwrap().clone()
    }
}

fn serve(stream: TcpStream, routes: &[(String, Answer)], seen: &Mutex<Vec<String>>) {
    let mut reader = BufReader::new(stream.try_clone().unwrap());
    // A TLS handshake (its first byte is 0x16) gets the plain answer a real HTTP server gives.
    if reader
        .fill_buf()
        .is_ok_and(|bytes| bytes.first() == Some(&0x16))
    {
        seen.lock().unwrap().push("TLS handshake".to_string());
        let hello = reader.buffer().len();
        reader.consume(hello);
        let mut stream = stream;
        let _ = write!(
            stream,
            "HTTP/1.1 400 Bad Request\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
        );
        return;
    }
    let mut first = String::new();
    if reader.read_line(&mut first).is_err() {
        return;
    }
    // The rest of the head.
    let mut line = String::new();
    while reader.read_line(&mut line).is_ok_and(|n| n > 0) && line != "\r\n" {
        line.clear();
    }
    let first = first.trim_end().to_string();
    seen.lock().unwrap().push(first.clone());
    let target = first.split(' ').nth(1).unwrap_or_default().to_string();
    let answer = routes
        .iter()
        .find(|(path, _)| *path == target)
        .map(|(_, a)| a.clone())
        .unwrap_or(Answer::Json(404, "{}".to_string()));
    let mut stream = stream;
    match answer {
        Answer::Json(status, body) => {
            let _ = write!(
                stream,
                "HTTP/1.1 {status} Status\r\nContent-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            );
        }
        Answer::Silent => std::thread::sleep(std::time::Duration::from_secs(30)),
        Answer::Redirect(status, location) => {
            let _ = write!(
                stream,
                "HTTP/1.1 {status} Found\r\nLocation: {location}\r\nContent-Length: 0\r\nConnection: close\r\n\r\n"
            );
        }
    }
}

/// A made-up chain for the history update: a block every 600 s from
/// [`CHAIN_START_S`] at height [`CHAIN_START_HEIGHT`], a difficulty adjustment every 2,016
/// blocks (each 1 % above the one before), a daily price and a daily fee group.
pub mod chain {
    /// 2025-11-01T00:00:00Z.
    pub const CHAIN_START_S: i64 = 1_761_955_200;
    pub const CHAIN_START_HEIGHT: u64 = 921_000;
    pub const BLOCK_S: i64 = 600;
    pub const FIRST_DIFFICULTY: f64 = 150e12;
    pub const FEES_SATS: f64 = 2_000_000.0;

    pub fn height_at(t: i64) -> u64 {
        CHAIN_START_HEIGHT + ((t - CHAIN_START_S).div_euclid(BLOCK_S)) as u64
    }

    pub fn time_of(height: u64) -> i64 {
        CHAIN_START_S + (height - CHAIN_START_HEIGHT) as i64 * BLOCK_S
    }

    /// The difficulty block `height` is mined at.
    pub fn difficulty_of(height: u64) -> f64 {
        let first_epoch = CHAIN_START_HEIGHT / 2016;
        let epochs = (height / 2016).saturating_sub(first_epoch);
        FIRST_DIFFICULTY * 1.01f64.powi(epochs as i32)
    }

    /// The price on the day starting at `t`.
    pub fn price_on(t: i64) -> f64 {
        90_000.0 + ((t - CHAIN_START_S) / 86_400) as f64 * 10.0
    }

    fn iso(t: i64) -> String {
        let days = t.div_euclid(86_400);
        // Howard Hinnant's civil_from_days.
        let z = days + 719_468;
        let era = z.div_euclid(146_097);
        let doe = z - era * 146_097;
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
        let mp = (5 * doy + 2) / 153;
        let d = doy - (153 * mp + 2) / 5 + 1;
        let m = if mp < 10 { mp + 3 } else { mp - 9 };
        let y = yoe + era * 400 + i64::from(m <= 2);
        let s = t.rem_euclid(86_400);
        format!(
            "{y:04}-{m:02}-{d:02}T{:02}:{:02}:{:02}.000Z",
            s / 3600,
            s / 60 % 60,
            s % 60
        )
    }

    /// Seconds since 1970 at the start of each month from 2025-12 to the month of `now_s`
    /// and the next (the boundaries an update may ask for).
    pub fn month_starts(now_s: i64) -> Vec<i64> {
        let mut starts = Vec::new();
        let (mut y, mut m) = (2025i64, 12i64);
        loop {
            // Days from 1970 to the 1st of the month (days_from_civil).
            let (yy, mm) = if m <= 2 { (y - 1, m + 9) } else { (y, m - 3) };
            let era = yy.div_euclid(400);
            let yoe = yy - era * 400;
            let doy = (153 * mm + 2) / 5;
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
            let t = (era * 146_097 + doe - 719_468) * 86_400;
            starts.push(t);
            if t > now_s {
                return starts;
            }
            m += 1;
            if m == 13 {
                y += 1;
                m = 1;
            }
        }
    }

    /// The answers of every endpoint an update at `now_s` asks.
    pub fn routes(now_s: i64) -> Vec<(String, super::Answer)> {
        let tip = height_at(now_s);
        let mut adjustments = Vec::new();
        let mut h = (CHAIN_START_HEIGHT / 2016 + 1) * 2016;
        while h <= tip {
            adjustments.push(format!("[{},{h},{},1.01]", time_of(h), difficulty_of(h)));
            h += 2016;
        }
        // The epoch the chain starts in, dated at its start (before the first month asked).
        let first = CHAIN_START_HEIGHT / 2016 * 2016;
        adjustments.push(format!(
            "[{},{first},{},1.0]",
            CHAIN_START_S - (CHAIN_START_HEIGHT - first) as i64 * BLOCK_S,
            difficulty_of(first)
        ));
        let newest = adjustments.len() - 1;
        adjustments[..newest].reverse();
        let adjustments = format!("[{}]", adjustments.join(","));
        let mut prices = Vec::new();
        let mut fees = Vec::new();
        let mut day = CHAIN_START_S;
        while day <= now_s {
            prices.push(format!(
                r#"{{"time":{day},"USD":{},"EUR":1}}"#,
                price_on(day)
            ));
            fees.push(format!(
                r#"{{"avgHeight":{},"timestamp":{},"avgFees":{FEES_SATS},"USD":1}}"#,
                height_at(day + 43_200),
                day + 43_200
            ));
            day += 86_400;
        }
        // Newest first, as the API gives them.
        prices.reverse();
        let prices = format!(
            r#"{{"prices":[{}],"exchangeRates":{{"USDEUR":0.92}}}}"#,
            prices.join(",")
        );
        let fees = format!("[{}]", fees.join(","));
        let mut routes = vec![
            ("/api/blocks/tip/height".to_string(), tip.to_string()),
            (
                "/api/v1/mining/difficulty-adjustments/all".to_string(),
                adjustments,
            ),
            ("/api/v1/historical-price?currency=USD".to_string(), prices),
        ];
        for period in ["1m", "3m", "6m", "1y", "2y", "3y", "all"] {
            routes.push((format!("/api/v1/mining/blocks/fees/{period}"), fees.clone()));
        }
        for t in month_starts(now_s) {
            let height = height_at(t);
            routes.push((
                format!("/api/v1/mining/blocks/timestamp/{t}"),
                format!(
                    r#"{{"height":{height},"hash":"00","timestamp":"{}"}}"#,
                    iso(time_of(height))
                ),
            ));
        }
        routes
            .into_iter()
            .map(|(path, body)| (path, super::Answer::Json(200, body)))
            .collect()
    }

    /// The routes at `now_s` with one path answering otherwise.
    pub fn routes_with(
        now_s: i64,
        path: &str,
        answer: super::Answer,
    ) -> Vec<(String, super::Answer)> {
        let mut routes = routes(now_s);
        for (p, a) in &mut routes {
            if p == path {
                *a = answer.clone();
            }
        }
        routes
    }
}
