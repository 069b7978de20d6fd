//! Running the binary as a user would, shared by the integration tests.

// Each test binary uses its own subset of these helpers.
#![allow(dead_code)]

pub mod api_server;

use std::path::PathBuf;
use std::process::{Command, Output};

/// A fresh folder for one test's files.
pub fn temp_dir(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hashwatt-test-{}-{test}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// Writes a file in a fresh folder of its own and returns its path.
pub fn temp_file(name: &str, text: &str) -> PathBuf {
    let path = temp_dir(&name.replace(['/', '.'], "-")).join(name);
    std::fs::write(&path, text).unwrap();
    path
}

/// An empty presets folder, so a developer's own presets cannot change these results.
pub fn empty_presets_dir() -> PathBuf {
    temp_dir("empty-presets")
}

/// The binary, in English whatever the machine's locale, with no display: tests add their
/// arguments and environment.
pub fn command() -> Command {
    let mut command = Command::new(env!("CARGO_BIN_EXE_hashwatt"));
    command
        .env("HASHWATT_LANG", "en")
        // The command line must never need a display.
        .env_remove("DISPLAY")
        .env_remove("WAYLAND_DISPLAY");
    command
}

/// Runs the binary with these arguments, in English, no display and no user presets.
pub fn hashwatt(args: &[&str]) -> Output {
    hashwatt_with(args, &[])
}

/// Runs the binary with these arguments and environment variables (over `HASHWATT_LANG=en`),
/// no display and no user presets.
pub fn hashwatt_with(args: &[&str], env: &[(&str, &str)]) -> Output {
    command()
        .args(args)
        .env("HASHWATT_PRESETS_DIR", empty_presets_dir())
        .envs(env.iter().copied())
        .output()
        .expect("the binary runs")
}

pub fn stdout(o: &Output) -> String {
    String::from_utf8_lossy(&o.stdout).into_owned()
}

pub fn stderr(o: &Output) -> String {
    String::from_utf8_lossy(&o.stderr).into_owned()
}

/// Runs the binary, which must succeed; its standard output.
pub fn ok(args: &[&str]) -> String {
    let o = hashwatt(args);
    assert!(o.status.success(), "{args:?}: {}", stderr(&o));
    stdout(&o)
}

/// Runs the binary with bad input: exit status 2, exactly one line on stderr (returned), nothing
/// on stdout.
pub fn refused(args: &[&str]) -> String {
    let o = hashwatt(args);
    assert_eq!(o.status.code(), Some(2), "{args:?}: {}", stdout(&o));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{args:?}: {err}");
    assert!(stdout(&o).is_empty());
    err
}

/// A JSON object has exactly these keys, in any order.
pub fn assert_keys(v: &serde_json::Value, expected: &[&str]) {
    let mut keys: Vec<&str> = v
        .as_object()
        .expect("a JSON object")
        .keys()
        .map(String::as_str)
        .collect();
    keys.sort_unstable();
    let mut expected = expected.to_vec();
    expected.sort_unstable();
    assert_eq!(keys, expected);
}

/// English words left in a line once flags, months, numbers, ids (`price_usd_mwh`, a field
/// named before its colon), file names and the user's own values (quoted) are taken out.
pub fn english_words(line: &str) -> Vec<String> {
    let mut unquoted = String::new();
    let mut closing: Option<char> = None;
    for c in line.chars() {
        match closing {
            Some(end) if c == end => closing = None,
            Some(_) => {}
            None => match c {
                '\'' | '"' | '`' => closing = Some(c),
                '“' => closing = Some('”'),
                _ => unquoted.push(c),
            },
        }
    }
    unquoted
        .split_whitespace()
        .filter(|chunk| !chunk.ends_with([':', '：']))
        .flat_map(|chunk| chunk.split(|c: char| !(c.is_ascii_alphanumeric() || "-./_".contains(c))))
        .filter(|w| !w.starts_with("--") && !w.contains(['/', '_']) && !w.contains(".csv"))
        .filter(|w| w.chars().filter(|c| c.is_ascii_alphabetic()).count() >= 3)
        // Units, formats and address parts are the same in every language.
        .filter(|w| {
            ![
                "CSV",
                "BTC",
                "USD",
                "kWh",
                "MWh",
                "JSON",
                "HTTP",
                "HTTPS",
                "ISO",
                "http",
                "https",
                "localhost",
            ]
            .contains(w)
        })
        .map(str::to_string)
        .collect()
}
