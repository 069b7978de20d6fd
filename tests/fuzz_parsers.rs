//! Deterministic fuzzing of every parser of user files: random byte strings and mutated copies
//! of every built-in preset and scenario file go to the scenario reader (parse, then resolve,
//! evaluate and project what resolves), to the preset loader for each kind, and to the file
//! reader on real files. No input may panic, and every refusal must name the file and say why.
//!
//! The generator is a fixed-seed xorshift, so every run feeds the same inputs. Cases per parser:
//! 2,000, or `HASHWATT_FUZZ_CASES`. `cargo test --test fuzz_parsers -- --nocapture` prints the
//! counts. (`fuzz/` holds the same parsers as `cargo fuzz` targets, for coverage-guided runs.)

use hashwatt::file_error::FileError;
use hashwatt::model::{evaluate, project};
use hashwatt::presets::{PresetKind, PresetLibrary, builtin_files};
use hashwatt::resolve::{load_scenario, resolve_in_file};
use hashwatt::scenario_io::{MAX_FILE_BYTES, parse_scenario, read_text, scenario_to_ron};
use std::cell::{Cell, RefCell};
use std::collections::BTreeSet;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::Path;
use std::time::Instant;

const DEFAULT_CASES: usize = 2_000;

/// Cases per parser: `HASHWATT_FUZZ_CASES`, else 2,000.
fn cases() -> usize {
    std::env::var("HASHWATT_FUZZ_CASES")
        .ok()
        .and_then(|v| v.trim().parse().ok())
        .unwrap_or(DEFAULT_CASES)
}

// ---------------------------------------------------------------------------------------------
// A small deterministic generator (xorshift64*).

struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Rng {
        // splitmix64 of the seed, so nearby seeds start far apart (and never at 0).
        let mut z = seed.wrapping_add(0x9E37_79B9_7F4A_7C15);
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Rng((z ^ (z >> 31)) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n` > 0).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    /// True `percent` % of the time.
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// A stable seed per parser name (FNV-1a).
fn seed_of(name: &str) -> u64 {
    name.bytes().fold(0xcbf2_9ce4_8422_2325, |h, b| {
        (h ^ u64::from(b)).wrapping_mul(0x0000_0100_0000_01B3)
    })
}

// ---------------------------------------------------------------------------------------------
// Inputs.

/// Pieces of RON and of hashwatt's files, inserted at random.
const TOKENS: &[&str] = &[
    "(",
    ")",
    "[",
    "]",
    "{",
    "}",
    ",",
    ":",
    "::",
    "\"",
    "'",
    "//",
    "/*",
    "*/",
    "/* é */",
    "/*中*/",
    "/* /* nested */ */",
    "\n",
    "\r\n",
    "\t",
    " ",
    "\\",
    "\\u{0}",
    "\\u{d800}",
    "\\x",
    "r#\"",
    "\"#",
    "r#\"raw \" é\"#",
    "b\"bytes\"",
    "'é'",
    "#![enable(implicit_some)]",
    "#![enable(unwrap_newtypes)]",
    "#![enable(unwrap_variant_newtypes)]",
    "#![enable(explicit_struct_names)]",
    "Some(",
    "Some(Some(1))",
    "None",
    "true",
    "false",
    "()",
    "[]",
    "{}",
    "NaN",
    "inf",
    "-inf",
    "-",
    "+",
    ".",
    "e",
    "e999",
    "0x",
    "0b102",
    "_",
    "1_000",
    "version: 3",
    "version: 0",
    "version: 1",
    "version: 4294967296",
    "emission_factors: \"ipcc-ar5-lifecycle\",",
    "emission_table: \"direct-combustion\",",
    "intensity_method: Mix,",
    "Measured",
    "Mix",
    "HashrateEhs(",
    "Difficulty(",
    "BlockHeight(",
    "Btc(",
    "region: \"kazakhstan\",",
    "region: \"no-such-region\",",
    "mix: (coal: 60, hydro: 40),",
    "mix: (coal: 100.2),",
    "fleet: [],",
    "fleet: [(units: 1)],",
    "(miner: \"antminer-s9\", units: 4294967295)",
    "(hashrate_ths: 1e12, power_w: 1e12, units: 1000000000)",
    "market: (network: HashrateEhs(1e-300)),",
    "market: (subsidy: BlockHeight(18446744073709551615)),",
    "levers: (curtailment: (hours_per_year: 8766)),",
    "levers: (renewable: (share_pct: 100)),",
    "levers: (flared_gas: ()),",
    "projection: (months: 1200, difficulty_growth_pct_per_year: -99.9),",
    "shares: [(region: \"xinjiang\", share_pct: 100)],",
    "é",
    "中",
    "😀",
    "\u{feff}",
    "\u{200b}",
    "\u{0}",
    "\u{7f}",
    "\u{2028}",
];

/// Numbers that stress the readers: huge, tiny, negative, not a number, out of integer range.
const NUMBERS: &[&str] = &[
    "NaN",
    "inf",
    "-inf",
    "+inf",
    "-1",
    "-0",
    "-0.0",
    "0",
    "1e308",
    "1e309",
    "-1e308",
    "1e-320",
    "5e-324",
    "1.7976931348623157e308",
    "1e999",
    "99999999999999999999",
    "18446744073709551615",
    "18446744073709551616",
    "-9223372036854775809",
    "4294967295",
    "4294967296",
    "65535",
    "65536",
    "0x7fffffff",
    "0b1",
    "0o7",
    "1_000",
    ".5",
    "5.",
    "+5",
    "1e",
    "00000000000000000000000000001",
    "100.0000001",
    "99.9",
    "1e-300",
];

/// String literals to put in place of another one (raw strings, escapes, non-ASCII text).
const STRINGS: &[&str] = &[
    "\"\"",
    "\" \"",
    "\"é\"",
    "\"中文 ✓\"",
    "\"\\u{e9}\"",
    "\"\\\"\"",
    "\"a\\\\\"",
    "\"\\n\"",
    "\"\\u{110000}\"",
    "r\"中\"",
    "r#\"a \" é\"#",
    "r##\"x\"# \"##",
    "\"antminer-s21\"",
    "\"world\"",
    "\"2025-12\"",
    "\"ipcc-ar5-lifecycle\"",
    "\"UPPER\"",
    "\"a/b\"",
];

/// Field names and enum variants, to put in place of another word.
const WORDS: &[&str] = &[
    "version",
    "name",
    "name_zh",
    "description",
    "site",
    "region",
    "mix",
    "intensity_method",
    "emission_table",
    "emission_factors",
    "electricity_usd_per_kwh",
    "pue",
    "uptime_pct",
    "fleet",
    "miner",
    "units",
    "market",
    "preset",
    "network",
    "subsidy",
    "levers",
    "projection",
    "months",
    "id",
    "kind",
    "shares",
    "share_pct",
    "value",
    "source",
    "year",
    "grade",
    "note",
    "factors",
    "central",
    "low",
    "high",
    "date",
    "basis",
    "Measured",
    "Secondary",
    "Estimate",
    "Mix",
    "Country",
    "World",
    "SubNational",
    "Generation",
    "Lifecycle",
    "Direct",
    "PoolGeolocation",
    "Survey",
    "HashrateEhs",
    "Difficulty",
    "BlockHeight",
    "Btc",
    "Some",
    "None",
    "true",
    "r",
    "b",
    "unknown_field",
];

/// A random input from nothing: raw bytes, printable text or a soup of RON tokens.
fn random_input(rng: &mut Rng) -> Vec<u8> {
    let len = if rng.chance(90) {
        rng.below(257)
    } else {
        rng.below(4097)
    };
    match rng.below(3) {
        0 => (0..len).map(|_| rng.next() as u8).collect(),
        1 => (0..len).map(|_| b' ' + rng.below(95) as u8).collect(),
        _ => {
            let mut out = Vec::new();
            while out.len() < len {
                let piece = match rng.below(4) {
                    0 => rng.pick(NUMBERS),
                    1 => rng.pick(STRINGS),
                    2 => rng.pick(WORDS),
                    _ => rng.pick(TOKENS),
                };
                out.extend_from_slice(piece.as_bytes());
            }
            out
        }
    }
}

/// Byte ranges of the lines of `bytes` (each with its newline).
fn lines(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = 0;
    for (i, b) in bytes.iter().enumerate() {
        if *b == b'\n' {
            out.push((start, i + 1));
            start = i + 1;
        }
    }
    if start < bytes.len() {
        out.push((start, bytes.len()));
    }
    out
}

/// The byte ranges in `bytes` where `is_start` and then `is_part` match (numbers, words).
fn runs(
    bytes: &[u8],
    is_start: impl Fn(u8) -> bool,
    is_part: impl Fn(u8) -> bool,
) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        let boundary = i == 0 || !(bytes[i - 1].is_ascii_alphanumeric() || bytes[i - 1] == b'_');
        if boundary && is_start(bytes[i]) {
            let start = i;
            while i < bytes.len() && is_part(bytes[i]) {
                i += 1;
            }
            out.push((start, i));
        } else {
            i += 1;
        }
    }
    out
}

/// The ranges of the (plain) string literals in `bytes`, quotes included.
fn string_literals(bytes: &[u8]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        match bytes[i] {
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                while i < bytes.len() && bytes[i] != b'\n' {
                    i += 1;
                }
            }
            b'"' => {
                let start = i;
                i += 1;
                while i < bytes.len() && bytes[i] != b'"' {
                    i += if bytes[i] == b'\\' { 2 } else { 1 };
                }
                i = (i + 1).min(bytes.len());
                out.push((start, i));
            }
            _ => i += 1,
        }
    }
    out
}

fn splice(bytes: &mut Vec<u8>, (start, end): (usize, usize), with: &[u8]) {
    bytes.splice(start..end, with.iter().copied());
}

/// One random change to `bytes`.
fn mutate_once(rng: &mut Rng, bytes: &mut Vec<u8>) {
    let len = bytes.len();
    let at = |rng: &mut Rng| rng.below(len + 1);
    match rng.below(16) {
        // Flip a bit.
        0 if len > 0 => {
            let i = rng.below(len);
            bytes[i] ^= 1 << rng.below(8);
        }
        // Overwrite a byte with any byte.
        1 if len > 0 => {
            let i = rng.below(len);
            bytes[i] = rng.next() as u8;
        }
        // Insert random bytes.
        2 => {
            let i = at(rng);
            let n = 1 + rng.below(4);
            let new: Vec<u8> = (0..n).map(|_| rng.next() as u8).collect();
            splice(bytes, (i, i), &new);
        }
        // Insert a token.
        3 | 4 => {
            let i = at(rng);
            let token = rng.pick(TOKENS).as_bytes();
            splice(bytes, (i, i), token);
        }
        // Delete a range.
        5 if len > 0 => {
            let i = rng.below(len);
            let n = 1 + rng.below(16);
            bytes.drain(i..(i + n).min(len));
        }
        // Duplicate a line, delete one, or swap two.
        6..=8 => {
            let ls = lines(bytes);
            if ls.is_empty() {
                return;
            }
            let (a0, a1) = *rng.pick(&ls);
            let line = bytes[a0..a1].to_vec();
            match rng.below(3) {
                0 => splice(bytes, (a0, a0), &line),
                1 => {
                    bytes.drain(a0..a1);
                }
                _ => {
                    let (b0, b1) = *rng.pick(&ls);
                    if b0 > a1 {
                        let other = bytes[b0..b1].to_vec();
                        splice(bytes, (b0, b1), &line);
                        splice(bytes, (a0, a1), &other);
                    }
                }
            }
        }
        // Put a stressing number in place of a number.
        9 | 10 => {
            let numbers = runs(
                bytes,
                |b| b.is_ascii_digit() || b == b'-',
                |b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'-' | b'+' | b'_'),
            );
            if !numbers.is_empty() {
                let range = *rng.pick(&numbers);
                splice(bytes, range, rng.pick(NUMBERS).as_bytes());
            }
        }
        // Put another field name or variant in place of a word.
        11 => {
            let words = runs(
                bytes,
                |b| b.is_ascii_alphabetic(),
                |b| b.is_ascii_alphanumeric() || b == b'_',
            );
            if !words.is_empty() {
                let range = *rng.pick(&words);
                splice(bytes, range, rng.pick(WORDS).as_bytes());
            }
        }
        // Put another string literal in place of one.
        12 => {
            let strings = string_literals(bytes);
            if !strings.is_empty() {
                let range = *rng.pick(&strings);
                splice(bytes, range, rng.pick(STRINGS).as_bytes());
            }
        }
        // A comment line (line, block, with non-ASCII text) at the start of a line.
        13 => {
            let ls = lines(bytes);
            let i = if ls.is_empty() { 0 } else { rng.pick(&ls).0 };
            let comment = *rng.pick(&[
                "// é 中 😀\n",
                "/* é */\n",
                "/* ça /* nested */ coûte */ ",
                "/*\n  multi-line 中文\n*/\n",
                "// \"unclosed\n",
            ]);
            splice(bytes, (i, i), comment.as_bytes());
        }
        // Truncate.
        14 if len > 0 => bytes.truncate(rng.below(len)),
        // Copy a range elsewhere, or nest deeply.
        15 => {
            if rng.chance(80) && len > 0 {
                let i = rng.below(len);
                let piece = bytes[i..(i + 1 + rng.below(64)).min(len)].to_vec();
                let j = at(rng);
                splice(bytes, (j, j), &piece);
            } else {
                let depth = 1 + rng.below(2000);
                let open = *rng.pick(b"([{");
                let j = at(rng);
                splice(bytes, (j, j), &vec![open; depth]);
            }
        }
        _ => {}
    }
}

/// A mutated copy of `original`: one to four changes, sometimes many more.
fn mutated(rng: &mut Rng, original: &str) -> Vec<u8> {
    let mut bytes = original.as_bytes().to_vec();
    let n = if rng.chance(90) {
        1 + rng.below(4)
    } else {
        1 + rng.below(32)
    };
    for _ in 0..n {
        mutate_once(rng, &mut bytes);
    }
    bytes
}

// ---------------------------------------------------------------------------------------------
// Panics: caught, described, and the input shrunk.

thread_local! {
    static CAPTURING: Cell<bool> = const { Cell::new(false) };
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// While a call runs under [`guarded`], a panic is recorded (where and why) instead of printed;
/// any other panic (a failed assertion) is printed as usual.
fn install_panic_hook() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        let default = std::panic::take_hook();
        std::panic::set_hook(Box::new(move |info| {
            if CAPTURING.with(Cell::get) {
                let payload = info.payload();
                let message = payload
                    .downcast_ref::<&str>()
                    .map(|s| s.to_string())
                    .or_else(|| payload.downcast_ref::<String>().cloned())
                    .unwrap_or_else(|| "(a panic without a message)".to_string());
                let location = info
                    .location()
                    .map(|l| format!("{}:{}:{}", l.file(), l.line(), l.column()))
                    .unwrap_or_else(|| "(unknown location)".to_string());
                LAST_PANIC.with(|p| *p.borrow_mut() = Some(format!("{location}: {message}")));
            } else {
                default(info);
            }
        }));
    });
}

/// Runs `f`, turning a panic into `Err("file:line:col: message")`.
fn guarded<T>(f: impl FnOnce() -> T) -> Result<T, String> {
    install_panic_hook();
    CAPTURING.with(|c| c.set(true));
    let result = catch_unwind(AssertUnwindSafe(f));
    CAPTURING.with(|c| c.set(false));
    result.map_err(|_| {
        LAST_PANIC
            .with(|p| p.borrow_mut().take())
            .unwrap_or_else(|| "(unknown panic)".to_string())
    })
}

/// Panics reported and not fixed yet, as (where, what): counted and printed but not failed, so
/// that these tests still catch every other panic. Empty: the one found (slicing inside a
/// multi-byte character in `file_error`) is fixed and kept by the test
/// `non_ascii_text_in_comments_and_raw_strings_opens`.
const KNOWN_PANICS: &[(&str, &str)] = &[];

fn is_known(panic: &str) -> bool {
    KNOWN_PANICS
        .iter()
        .any(|(site, what)| panic.starts_with(site) && panic.contains(what))
}

/// The panic's location, to tell distinct panics apart.
fn panic_site(description: &str) -> &str {
    description.split(": ").next().unwrap_or(description)
}

/// Removes as much of `input` as it can while `fails` stays true (chunks of characters, then
/// smaller ones), within a budget of attempts.
fn shrink(input: &str, mut fails: impl FnMut(&str) -> bool) -> String {
    let mut current: Vec<char> = input.chars().collect();
    let mut budget = 4_000;
    let mut chunk = (current.len() / 2).max(1);
    loop {
        let mut i = 0;
        let mut progressed = false;
        while i < current.len() && budget > 0 {
            budget -= 1;
            let end = (i + chunk).min(current.len());
            let candidate: String = current[..i].iter().chain(&current[end..]).collect();
            if fails(&candidate) {
                current = candidate.chars().collect();
                progressed = true;
            } else {
                i += chunk;
            }
        }
        if budget == 0 || (chunk == 1 && !progressed) {
            break;
        }
        if !progressed {
            chunk /= 2;
        }
    }
    current.into_iter().collect()
}

// ---------------------------------------------------------------------------------------------
// The contract of an error.

/// An error must name the file (its `path`, and its text must start with it), and say what is
/// wrong; a position, when given, is 1-based.
fn check_error(e: &FileError, path: &str) -> Result<(), String> {
    if e.problem.to_string().trim().is_empty() {
        return Err(format!("an error without a message: {e:?}"));
    }
    if e.path != path {
        return Err(format!(
            "the error names {:?}, not the file {path:?}",
            e.path
        ));
    }
    let shown = e.to_string();
    if !shown.starts_with(path) || shown.trim_end() == path {
        return Err(format!("the message does not name the file: {shown:?}"));
    }
    if let Some((line, col)) = e.position
        && (line == 0 || col == 0)
    {
        return Err(format!("a 0 line or column: {shown:?}"));
    }
    if e.field.as_deref().is_some_and(|f| f.trim().is_empty()) {
        return Err(format!("an empty field name: {e:?}"));
    }
    Ok(())
}

// ---------------------------------------------------------------------------------------------
// The parsers under test. Each returns Ok(true) when it accepted the input, Ok(false) when it
// refused it properly, and Err when the refusal broke the contract.

type Run = fn(&mut PresetLibrary, &str, &str) -> Result<bool, String>;

/// A scenario as `hashwatt report FILE` and the window's Open read it: parse, resolve, and
/// evaluate and project what resolves. What resolves must also save and open unchanged.
fn run_scenario(library: &mut PresetLibrary, path: &str, text: &str) -> Result<bool, String> {
    let doc = match parse_scenario(path, text) {
        Ok(doc) => doc,
        Err(e) => return check_error(&e, path).map(|_| false),
    };
    let scenario = match resolve_in_file(path, text, &doc, library) {
        Ok(s) => s,
        Err(e) => return check_error(&e, path).map(|_| false),
    };
    let e = evaluate(&scenario);
    let p = project(&scenario, &doc.projection);
    std::hint::black_box((e, p));
    let saved = scenario_to_ron(&doc);
    match parse_scenario(path, &saved) {
        Ok(again) if again == doc => Ok(true),
        Ok(again) => Err(format!(
            "saved and opened again, the scenario changed:\n{doc:?}\n{again:?}\nsaved text: {saved:?}"
        )),
        Err(e) => Err(format!(
            "the saved scenario does not open: {e}\nsaved text: {saved:?}"
        )),
    }
}

fn run_preset(
    kind: PresetKind,
    library: &mut PresetLibrary,
    path: &str,
    text: &str,
) -> Result<bool, String> {
    match library.try_add_text(kind, path, text) {
        Ok(()) => Ok(true),
        Err(e) => check_error(&e, path).map(|_| false),
    }
}

fn run_region(l: &mut PresetLibrary, p: &str, t: &str) -> Result<bool, String> {
    run_preset(PresetKind::Region, l, p, t)
}
fn run_miner(l: &mut PresetLibrary, p: &str, t: &str) -> Result<bool, String> {
    run_preset(PresetKind::Miner, l, p, t)
}
fn run_table(l: &mut PresetLibrary, p: &str, t: &str) -> Result<bool, String> {
    run_preset(PresetKind::EmissionTable, l, p, t)
}
fn run_market(l: &mut PresetLibrary, p: &str, t: &str) -> Result<bool, String> {
    run_preset(PresetKind::Market, l, p, t)
}
fn run_mining_map(l: &mut PresetLibrary, p: &str, t: &str) -> Result<bool, String> {
    run_preset(PresetKind::MiningMap, l, p, t)
}
fn run_scenario_preset(l: &mut PresetLibrary, p: &str, t: &str) -> Result<bool, String> {
    run_preset(PresetKind::Scenario, l, p, t)
}

/// Every built-in file, with its kind.
fn all_builtin_files() -> Vec<(PresetKind, &'static str, &'static str)> {
    PresetKind::ALL
        .into_iter()
        .flat_map(|kind| {
            builtin_files(kind)
                .iter()
                .map(move |(path, text)| (kind, *path, *text))
        })
        .collect()
}

/// Feeds `cases()` inputs to `run`: every built-in file of `own` kind as it is (each must be
/// accepted), then random inputs (one in five) and mutated copies of the built-in files (mostly
/// of `own` kind, the others too). Fails listing each distinct panic with its input, shrunk and
/// in full, and each broken error.
fn fuzz(name: &str, own: PresetKind, run: Run) {
    let started = Instant::now();
    let total = cases();
    let mut rng = Rng::new(seed_of(name));
    let mut library = PresetLibrary::builtin();
    assert!(library.problems.is_empty(), "{:?}", library.problems);
    let own_files = builtin_files(own);
    let every_file = all_builtin_files();
    assert!(!own_files.is_empty() && every_file.len() > own_files.len());

    let (mut random, mut mutants, mut accepted, mut refused) = (0, 0, 0, 0);
    let (mut panics, mut known) = (0, 0);
    let mut known_example = None;
    let mut failures: Vec<String> = Vec::new();
    let mut panic_sites = BTreeSet::new();
    for (path, text) in own_files {
        match guarded(|| run(&mut library, path, text)) {
            Ok(Ok(true)) => {}
            other => failures.push(format!(
                "the built-in file {path} is not accepted: {other:?}"
            )),
        }
    }

    for i in 0..total {
        let (bytes, origin) = if i % 5 == 0 {
            random += 1;
            (random_input(&mut rng), "random".to_string())
        } else {
            mutants += 1;
            let (path, text) = if rng.chance(70) {
                let (path, text) = own_files[(i / 5 * 4 + i % 5) % own_files.len()];
                (path, text)
            } else {
                let (_, path, text) = every_file[rng.below(every_file.len())];
                (path, text)
            };
            (mutated(&mut rng, text), format!("mutated {path}"))
        };
        let text = String::from_utf8_lossy(&bytes).into_owned();
        let path = if i % 7 == 3 {
            format!("fuzz dossier é/{name} {i}.ron")
        } else {
            format!("fuzz/{name}/case-{i}.ron")
        };
        match guarded(|| run(&mut library, &path, &text)) {
            Ok(Ok(true)) => accepted += 1,
            Ok(Ok(false)) => refused += 1,
            Ok(Err(broken)) => {
                refused += 1;
                if failures.len() < 20 {
                    failures.push(format!("case {i} ({origin}): {broken}\n  input: {text:?}"));
                }
            }
            Err(panic) if is_known(&panic) => {
                // Raised while reporting a refusal, before the library changes.
                known += 1;
                if known_example.is_none() {
                    let short: String = panic.chars().take(160).collect();
                    known_example = Some(format!("case {i} ({origin}): {short}…"));
                }
            }
            Err(panic) => {
                panics += 1;
                // The library may be half-changed: start again from the built-in one.
                library = PresetLibrary::builtin();
                if panic_sites.insert(panic_site(&panic).to_string()) {
                    let site = panic_site(&panic).to_string();
                    let mut scratch = PresetLibrary::builtin();
                    let small = shrink(&text, |candidate| {
                        match guarded(|| run(&mut scratch, &path, candidate)) {
                            Err(p) => {
                                scratch = PresetLibrary::builtin();
                                panic_site(&p) == site
                            }
                            Ok(_) => false,
                        }
                    });
                    failures.push(format!(
                        "case {i} ({origin}) panics: {panic}\n  path: {path:?}\n  shrunk input: {small:?}\n  input: {text:?}"
                    ));
                }
            }
        }
    }

    eprintln!(
        "fuzz_parsers: {name}: {total} cases ({random} random, {mutants} mutated) + {} built-in files: \
         {accepted} accepted, {refused} refused, {panics} panicked, {known} hit a known bug; {:.1} s",
        own_files.len(),
        started.elapsed().as_secs_f64()
    );
    if let Some(example) = known_example {
        eprintln!("fuzz_parsers: {name}: KNOWN BUG (see KNOWN_PANICS), first {example}");
    }
    assert!(
        failures.is_empty(),
        "{name}: {} problem(s), {panics} panic(s) in {total} cases:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
}

#[test]
fn scenario_parse_and_resolve() {
    fuzz("scenario", PresetKind::Scenario, run_scenario);
}

#[test]
fn region_presets() {
    fuzz("regions", PresetKind::Region, run_region);
}

#[test]
fn miner_presets() {
    fuzz("miners", PresetKind::Miner, run_miner);
}

#[test]
fn emission_factor_presets() {
    fuzz("emission-factors", PresetKind::EmissionTable, run_table);
}

#[test]
fn market_presets() {
    fuzz("markets", PresetKind::Market, run_market);
}

#[test]
fn mining_map_presets() {
    fuzz("mining-maps", PresetKind::MiningMap, run_mining_map);
}

#[test]
fn scenario_presets() {
    fuzz(
        "scenario-presets",
        PresetKind::Scenario,
        run_scenario_preset,
    );
}

/// `read_text` (and `load_scenario`, which reads, parses and resolves) on real files: random
/// bytes, mutated files (not always UTF-8), and the edge cases: empty, the size limit and one
/// byte over it, a folder, a missing file.
#[test]
fn read_text_on_files() {
    let started = Instant::now();
    let dir = std::env::temp_dir().join(format!("hashwatt-fuzz-read-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    let library = PresetLibrary::builtin();
    let mut rng = Rng::new(seed_of("read_text"));
    let scenarios = builtin_files(PresetKind::Scenario);
    let limit = usize::try_from(MAX_FILE_BYTES).unwrap();

    // (file name, contents; None: do not create it, or a folder for "folder")
    let mut files: Vec<(String, Option<Vec<u8>>)> = vec![
        ("empty.ron".into(), Some(Vec::new())),
        ("blank.ron".into(), Some(b" \n\t\r\n".to_vec())),
        ("bom.ron".into(), Some(b"\xEF\xBB\xBF(version: 2)".to_vec())),
        ("latin-1.ron".into(), Some(b"(name: \"caf\xE9\")".to_vec())),
        ("at-the-limit.ron".into(), Some(vec![b' '; limit])),
        ("over-the-limit.ron".into(), Some(vec![b' '; limit + 1])),
        ("missing.ron".into(), None),
        ("folder".into(), None),
        (
            "dossier é 中.ron".into(),
            Some(scenarios[0].1.as_bytes().to_vec()),
        ),
    ];
    let extra = (cases() / 20).max(20);
    for i in 0..extra {
        let bytes = if i % 2 == 0 {
            random_input(&mut rng)
        } else {
            mutated(&mut rng, scenarios[i % scenarios.len()].1)
        };
        files.push((format!("case-{i}.ron"), Some(bytes)));
    }

    let mut failures = Vec::new();
    let (mut read, mut refused, mut known) = (0, 0, 0);
    for (name, contents) in &files {
        let path = dir.join(name);
        match (name.as_str(), contents) {
            ("folder", _) => std::fs::create_dir_all(&path).unwrap(),
            (_, Some(bytes)) => std::fs::write(&path, bytes).unwrap(),
            (_, None) => {}
        }
        let label = path.display().to_string();
        // As read: without a leading byte-order mark, a lone CR (old Mac line end) made LF.
        let readable = contents
            .as_ref()
            .filter(|b| b.len() <= limit)
            .and_then(|b| std::str::from_utf8(b).ok())
            .map(|text| {
                let text = text.strip_prefix('\u{feff}').unwrap_or(text);
                text.split("\r\n")
                    .map(|line| line.replace('\r', "\n"))
                    .collect::<Vec<_>>()
                    .join("\r\n")
            });
        match guarded(|| read_text(&path)) {
            Ok(Ok(text)) => {
                read += 1;
                if readable.as_deref() != Some(text.as_str()) {
                    failures.push(format!(
                        "{name}: read, but should not have been (or differs)"
                    ));
                }
            }
            Ok(Err(e)) => {
                refused += 1;
                if readable.is_some() {
                    failures.push(format!("{name}: refused, but is readable text: {e}"));
                }
                if let Err(broken) = check_error(&e, &label) {
                    failures.push(format!("{name}: {broken}"));
                }
            }
            Err(panic) => failures.push(format!(
                "{name}: read_text panics: {panic}\n  contents: {contents:?}"
            )),
        }
        match guarded(|| load_scenario(&path, &library)) {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => {
                if let Err(broken) = check_error(&e, &label) {
                    failures.push(format!("{name}: load_scenario: {broken}"));
                }
            }
            Err(panic) if is_known(&panic) => known += 1,
            Err(panic) => failures.push(format!(
                "{name}: load_scenario panics: {panic}\n  contents: {:?}",
                contents.as_ref().map(|b| String::from_utf8_lossy(b))
            )),
        }
    }
    let _ = std::fs::remove_dir_all(&dir);
    eprintln!(
        "fuzz_parsers: read_text: {} files ({extra} random or mutated, {} edge cases): {read} read, \
         {refused} refused; each also through load_scenario ({known} hit a known bug); {:.1} s",
        files.len(),
        files.len() - extra,
        started.elapsed().as_secs_f64()
    );
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}

/// The generator is deterministic, and mutations really change the files.
#[test]
fn the_generator_is_deterministic() {
    let text = builtin_files(PresetKind::Scenario)[0].1;
    let run = || {
        let mut rng = Rng::new(seed_of("determinism"));
        (0..50).map(|_| mutated(&mut rng, text)).collect::<Vec<_>>()
    };
    let (a, b) = (run(), run());
    assert_eq!(a, b);
    assert!(a.iter().filter(|m| m.as_slice() != text.as_bytes()).count() > 40);
    assert!(
        Path::new(builtin_files(PresetKind::Region)[0].0)
            .extension()
            .is_some()
    );
}

/// A file that is valid RON with a non-ASCII character in a block comment or a raw string
/// opens (it once panicked while its fields were located).
#[test]
fn non_ascii_text_in_comments_and_raw_strings_opens() {
    let mut library = PresetLibrary::builtin();
    // A preset refused by validation (a blank name), with a comment before the field.
    let region: Vec<String> = builtin_files(PresetKind::Region)[0]
        .1
        .lines()
        .map(|line| match line.starts_with("    name:") {
            true => "    /* é */ name: \" \",".to_string(),
            false => line.to_string(),
        })
        .collect();
    let region = region.join("\n");
    let results = [
        // The smallest scenario that shows it: every field defaulted, one comment.
        guarded(|| run_scenario(&mut library, "a.ron", "(/* é */)")),
        // A raw string holding a quote, then a non-ASCII character.
        guarded(|| run_scenario(&mut library, "a.ron", "(name: r#\"a \" é\"#)")),
        guarded(|| run_region(&mut library, "r.ron", &region)),
    ];
    assert_eq!(results, [Ok(Ok(true)), Ok(Ok(true)), Ok(Ok(false))]);
}
