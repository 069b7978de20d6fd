//! Command-line defects found in review, each pinned: column widths by display width, control
//! characters from files and flags escaped on the terminal, negative-looking non-numbers given
//! to numeric flags, a source twice in `--mix`, tiny sweep values, and the sweep summary's memory.

use std::path::{Path, PathBuf};
use std::process::Output;
use unicode_width::UnicodeWidthStr;

mod common;
use common::*;

/// A user presets folder holding regions copied from the built-in Alberta, with these ids and
/// names (English and Chinese alike).
fn presets_with_regions(test: &str, regions: &[(&str, &str)]) -> PathBuf {
    let dir = temp_dir(test);
    std::fs::create_dir_all(dir.join("regions")).unwrap();
    let alberta = std::fs::read_to_string(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("presets/regions/alberta.ron"),
    )
    .unwrap();
    for (i, (id, name)) in regions.iter().enumerate() {
        let text = alberta
            .replace("id: \"alberta\"", &format!("id: \"{id}\""))
            .replace("name: \"Alberta\"", &format!("name: \"{name}\""))
            .replace("name_zh: \"艾伯塔省\"", &format!("name_zh: \"{name}\""));
        std::fs::write(dir.join(format!("regions/user-{i}.ron")), text).unwrap();
    }
    dir
}

fn run_with_presets(dir: &Path, args: &[&str]) -> Output {
    command()
        .args(args)
        .env("HASHWATT_PRESETS_DIR", dir)
        .output()
        .expect("the binary runs")
}

/// Control characters in text meant for a terminal, other than the line ends the program writes.
fn controls(text: &str) -> Vec<char> {
    text.chars()
        .filter(|&c| c.is_control() && c != '\n')
        .collect()
}

#[test]
fn preset_lists_align_names_by_display_width() {
    // An emoji takes two columns, a combining accent none; both names must keep the columns after
    // them in line with the plain names.
    let dir = presets_with_regions(
        "align-names",
        &[("sunny", "Sun 🌞 grid"), ("accent", "Cafe\u{301} grid")],
    );
    for lang in ["en", "zh"] {
        let o = run_with_presets(&dir, &["--lang", lang, "presets", "list", "regions"]);
        assert!(o.status.success(), "{}", stderr(&o));
        let out = stdout(&o);
        let columns: Vec<(usize, &str)> = out
            .lines()
            .filter_map(|line| line.find(" g/kWh").map(|at| (line[..at].width(), line)))
            .collect();
        assert!(columns.len() > 30, "{out}");
        assert!(out.contains("Sun 🌞 grid") && out.contains("Cafe\u{301} grid"));
        for (column, line) in &columns {
            assert_eq!(
                *column, columns[0].0,
                "misaligned in {lang}: {line:?}\n{out}"
            );
        }
    }
}

#[test]
fn control_characters_from_presets_are_escaped_on_the_terminal() {
    let dir = presets_with_regions("escape-region", &[("evil", "Evil\\u{1b}[31m red")]);
    let shown = "Evil\\u{1b}[31m red";
    for args in [
        &["presets", "list", "regions"][..],
        &["--lang", "zh", "presets", "list", "regions"],
        &["presets", "list"],
        &["report", "--region", "evil"],
    ] {
        let o = run_with_presets(&dir, args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert_eq!(controls(&out), [], "{args:?}:\n{out}");
        assert!(out.contains(shown), "{args:?}:\n{out}");
    }
    let o = run_with_presets(&dir, &["presets", "show", "evil"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert_eq!(controls(&out), []);
    assert!(out.contains("name: \"Evil\\u{1b}[31m red\""), "{out}");
    // The aligned columns count the escape as the characters it is printed as.
    let o = run_with_presets(&dir, &["presets", "list", "regions"]);
    let out = stdout(&o);
    let evil = out.lines().find(|l| l.contains(shown)).unwrap();
    let plain = out.lines().find(|l| l.contains("Alberta")).unwrap();
    assert_eq!(evil.find(" g/kWh"), plain.find(" g/kWh"), "{out}");
}

#[test]
fn control_characters_in_ids_names_and_paths_are_escaped_in_errors_and_titles() {
    // An id typed on the command line comes back in the error.
    let o = hashwatt(&["presets", "show", "evi\u{1b}[2Jl"]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: unknown preset \"evi\\u{1b}[2Jl\"; `hashwatt presets list` shows the known ids\n"
    );
    let o = hashwatt(&["network", "--market", "m\u{9b}31m"]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(controls(&err), [], "{err}");
    assert!(err.contains("m\\u{9b}31m"), "{err}");

    // A scenario's name is its report's title.
    let file = temp_file(
        "escape-title.ron",
        "(name: \"Bad\\u{7}\\u{1b}]0;owned\\u{7}name\")\n",
    );
    let file = file.to_str().unwrap();
    for args in [
        &["report", file][..],
        &["project", file, "--months", "2"],
        &["compare", file, file],
        &[
            "sweep",
            file,
            "--electricity-usd-kwh",
            "0:0.1:3",
            "--btc-price-usd",
            "1000:2000:2",
        ],
    ] {
        let o = hashwatt(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        let out = stdout(&o);
        assert_eq!(controls(&out), [], "{args:?}:\n{out}");
        assert!(
            out.contains("Bad\\u{7}\\u{1b}]0;owned\\u{7}name"),
            "{args:?}:\n{out}"
        );
    }

    // A file name with a control character, in an error and in a warning about a user preset.
    let dir = temp_dir("escape-path");
    let bad = dir.join("bad\u{1b}[31m.ron");
    std::fs::write(&bad, "(name: 5)\n").unwrap();
    let o = hashwatt(&["report", bad.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(controls(&err), [], "{err}");
    assert!(err.contains("bad\\u{1b}[31m.ron"), "{err}");
    assert_eq!(err.lines().count(), 1, "{err}");

    let presets = temp_dir("escape-warning");
    std::fs::create_dir_all(presets.join("miners")).unwrap();
    std::fs::write(presets.join("miners/broken\u{1b}[1m.ron"), "(id: 5)").unwrap();
    let o = run_with_presets(&presets, &["presets", "list", "miners"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let err = stderr(&o);
    assert!(err.starts_with("warning: skipped preset "), "{err}");
    assert!(err.contains("broken\\u{1b}[1m.ron"), "{err}");
    assert_eq!(controls(&err), [], "{err}");
}

/// Runs the command and returns its exit code and stderr, checking it printed nothing.
fn refused(args: &[&str]) -> (Option<i32>, String) {
    let o = hashwatt(args);
    assert_eq!(stdout(&o), "", "{args:?}");
    (o.status.code(), stderr(&o))
}

#[test]
fn negative_looking_non_numbers_reach_the_value_parser() {
    for value in ["-inf", "-NaN", "-1e999", "-infinity"] {
        let expected = format!(
            "error: invalid value '{value}' for '--pue <X>': must be a number from 1 to 5\n"
        );
        let joined = format!("--pue={value}");
        for args in [
            &["report", "--pue", value][..],
            &["report", &joined],
            &["network", "--pue", value],
            &[
                "sweep",
                "--pue",
                value,
                "--electricity-usd-kwh",
                "0:1:2",
                "--btc-price-usd",
                "1:2:2",
            ],
        ] {
            assert_eq!(refused(args), (Some(2), expected.clone()), "{args:?}");
        }
    }
    let cases: [(&[&str], &str); 6] = [
        (
            &["report", "--units", "-inf"],
            "error: invalid value '-inf' for '--units <N>': must be a whole number from 0 to 1e9 units\n",
        ),
        (
            &["report", "--block-height", "-NaN"],
            "error: invalid value '-NaN' for '--block-height <H>': must be a whole number from 0 to 1e9\n",
        ),
        (
            &["report", "--electricity-usd-kwh", "-inf"],
            "error: invalid value '-inf' for '--electricity-usd-kwh <P>': must be a number from 0 to 100 USD/kWh\n",
        ),
        (
            &["project", "--difficulty-growth-pct-year", "-inf"],
            "error: invalid value '-inf' for '--difficulty-growth-pct-year <G>': must be a number above -100 and at most 1000 %/year\n",
        ),
        (
            &["chart", "mix", "--out", "never.png", "--width", "-inf"],
            "error: invalid value '-inf' for '--width <W>': must be a whole number from 200 to 8000 px\n",
        ),
        (
            &["--lang", "zh", "report", "--pue", "-inf"],
            "错误：'--pue <X>' 的值 '-inf' 无效：必须是 1 到 5 之间的数\n",
        ),
    ];
    for (args, expected) in cases {
        assert_eq!(refused(args), (Some(2), expected.to_string()), "{args:?}");
    }
    // A negative number that is one still works where it is allowed.
    let o = hashwatt(&[
        "project",
        "--btc-price-growth-pct-year",
        "-20",
        "--csv",
        "--months",
        "2",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn a_source_given_twice_in_mix_is_refused() {
    assert_eq!(
        refused(&["report", "--mix", "coal=50,coal=50"]),
        (
            Some(2),
            "error: invalid value 'coal=50,coal=50' for '--mix <SOURCE=PCT,…>': coal is given twice\n"
                .to_string()
        )
    );
    assert_eq!(
        refused(&[
            "--lang",
            "zh",
            "report",
            "--mix",
            "wind=40, hydro=20,wind=40"
        ]),
        (
            Some(2),
            "错误：'--mix <SOURCE=PCT,…>' 的值 'wind=40, hydro=20,wind=40' 无效：wind 重复给出\n"
                .to_string()
        )
    );
    // The same mix with each source once is accepted.
    let o = hashwatt(&["report", "--mix", "coal=50,wind=50", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
}

#[test]
fn sweeps_over_tiny_values_show_them() {
    let grid = [
        "sweep",
        "--electricity-usd-kwh",
        "1e-45:2e-45:3",
        "--btc-price-usd",
        "20000:200000:2",
    ];
    let o = hashwatt(&[&grid[..], &["--csv"]].concat());
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    let rows: Vec<f64> = out
        .lines()
        .skip(1)
        .step_by(2)
        .map(|line| line.split(',').next().unwrap().parse().unwrap())
        .collect();
    assert_eq!(rows, [1e-45, 1.5e-45, 2e-45], "{out}");

    let o = hashwatt(&grid);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("  Rows:     3 electricity prices from 1.000e-45 to 2.000e-45 USD/kWh\n"),
        "{out}"
    );
    let values: Vec<&str> = out
        .lines()
        .skip_while(|l| !l.trim_start().starts_with("USD/kWh"))
        .skip(1)
        .map(|l| l.split_whitespace().next().unwrap())
        .collect();
    assert_eq!(values, ["1.000e-45", "1.500e-45", "2.000e-45"], "{out}");
    // The break-even BTC price is as tiny: written out, not as $0.
    assert!(out.contains(" $1.077e-39 "), "{out}");
    assert!(!out.contains("0.000000000000"), "{out}");

    // Tiny BTC prices along the columns, and difficulties shown in T.
    let o = hashwatt(&[
        "sweep",
        "--difficulty",
        "1:2:3",
        "--btc-price-usd",
        "1e-20:2e-20:3",
    ]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(
        out.contains("  Rows:     3 difficulties from 1.000e-12 T to 2.000e-12 T\n"),
        "{out}"
    );
    assert!(
        out.contains("  Columns:  3 BTC prices from $1.000e-20 to $2.000e-20\n"),
        "{out}"
    );
}

#[test]
fn the_sweep_summary_of_a_huge_grid_is_computed_row_by_row() {
    // 10,000 × 10,000 cells: holding the grid took 800 MB and every cell an evaluation (minutes
    // in a debug build). Row by row it needs two evaluations a row.
    let mut child = command()
        .args([
            "sweep",
            "--electricity-usd-kwh",
            "0:0.2:10000",
            "--btc-price-usd",
            "20000:200000:10000",
        ])
        .env("HASHWATT_PRESETS_DIR", empty_presets_dir())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .expect("the binary runs");
    let mut out = String::new();
    let reader = {
        let mut stdout = child.stdout.take().unwrap();
        std::thread::spawn(move || {
            use std::io::Read;
            let mut text = String::new();
            stdout.read_to_string(&mut text).map(|_| text)
        })
    };
    let started = std::time::Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if started.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("the summary of 10,000 × 10,000 cells took over a minute");
        }
        std::thread::sleep(std::time::Duration::from_millis(50));
    };
    assert!(status.success());
    out.push_str(&reader.join().unwrap().unwrap());
    assert!(
        out.contains("  Profit:   from -$16.76 to $17.15 per day over 100,000,000 cells"),
        "{}",
        &out[..out.len().min(2000)]
    );
    // A title, four summary lines, a blank line, the column heads, and a line per row.
    assert_eq!(out.lines().count(), 7 + 10_000);
}
