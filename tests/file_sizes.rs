//! No source file grows past what a reader takes in at once: 800 lines in `src/` and the core,
//! 700 in the window (`src/gui/`). Tests do not count: a file's own `#[cfg(test)] mod` at its end,
//! `*tests*.rs` files and `tests/` folders.

use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap() {
        let path = entry.unwrap().path();
        if path.is_dir() {
            if path.file_name().is_some_and(|n| n != "tests") {
                rust_files(&path, out);
            }
        } else if path.extension().is_some_and(|e| e == "rs")
            && !path.to_string_lossy().contains("tests")
        {
            out.push(path);
        }
    }
}

/// The lines before the file's test module, if it has one.
fn lines_outside_tests(text: &str) -> usize {
    let lines: Vec<&str> = text.lines().collect();
    lines
        .windows(2)
        .position(|w| w[0].trim() == "#[cfg(test)]" && w[1].starts_with("mod "))
        .unwrap_or(lines.len())
}

fn too_long(dir: &str, limit: usize) -> Vec<String> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let mut files = Vec::new();
    rust_files(&root.join(dir), &mut files);
    assert!(!files.is_empty(), "{dir} has Rust files");
    let mut long: Vec<String> = files
        .iter()
        .filter_map(|path| {
            let n = lines_outside_tests(&std::fs::read_to_string(path).unwrap());
            (n > limit).then(|| format!("{} ({n} lines)", path.display()))
        })
        .collect();
    long.sort();
    long
}

#[test]
fn no_source_file_is_over_800_lines() {
    for dir in ["src", "crates/hashwatt-core/src"] {
        let long = too_long(dir, 800);
        assert!(long.is_empty(), "over 800 lines:\n{}", long.join("\n"));
    }
}

#[test]
fn no_window_file_is_over_700_lines() {
    let long = too_long("src/gui", 700);
    assert!(long.is_empty(), "over 700 lines:\n{}", long.join("\n"));
}

#[test]
fn a_test_module_at_the_end_does_not_count() {
    let text = "fn a() {}\n\n#[cfg(test)]\nmod tests {\n    fn b() {}\n}\n";
    assert_eq!(lines_outside_tests(text), 2);
    assert_eq!(lines_outside_tests("fn a() {}\nfn b() {}\n"), 2);
}
