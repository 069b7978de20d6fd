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
