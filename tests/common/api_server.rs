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
