//! The core's modules depend on each other without circles: the string tables are a leaf, the
//! document knows nothing of the presets, and the resolver sits between them. Read from the
//! sources, so a new `use crate::…` that closes a circle fails here.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("src is readable") {
        let path = entry.expect("entry").path();
        if path.is_dir() {
            rust_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs") {
            out.push(path);
        }
    }
}

/// Each top-level module of the core and the top-level modules its non-test code names.
fn dependencies() -> BTreeMap<String, BTreeSet<String>> {
    let src = Path::new(env!("CARGO_MANIFEST_DIR")).join("src");
    let mut files = Vec::new();
    rust_files(&src, &mut files);
    let mut modules: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for file in files {
        let relative = file.strip_prefix(&src).expect("under src");
        let top = relative
            .components()
            .next()
            .and_then(|c| c.as_os_str().to_str())
            .map(|name| name.trim_end_matches(".rs").to_string())
            .expect("a name");
        if top == "lib" || file.file_name().is_some_and(|n| n == "tests.rs") {
            continue;
        }
        let text = std::fs::read_to_string(&file).expect("readable");
        // Test modules may use anything; comments name modules without depending on them.
        let code = text.split("#[cfg(test)]\nmod ").next().unwrap_or("");
        let names = modules.entry(top.clone()).or_default();
        for line in code.lines() {
            let line = line.split("//").next().unwrap_or("");
            for (at, _) in line.match_indices("crate::") {
                let name: String = line[at + "crate::".len()..]
                    .chars()
                    .take_while(|c| c.is_ascii_alphanumeric() || *c == '_')
                    .collect();
                if !name.is_empty() && name != top {
                    names.insert(name);
                }
            }
        }
    }
    modules
}

fn reaches(modules: &BTreeMap<String, BTreeSet<String>>, from: &str, to: &str) -> bool {
    let mut seen = BTreeSet::new();
    let mut stack = vec![from.to_string()];
    while let Some(module) = stack.pop() {
        for next in modules.get(&module).into_iter().flatten() {
            if next == to {
                return true;
            }
            if seen.insert(next.clone()) {
                stack.push(next.clone());
            }
        }
    }
    false
}

#[test]
fn the_core_has_no_dependency_circles() {
    let modules = dependencies();
    assert!(modules.len() > 15, "{modules:?}");
    let circles: Vec<&String> = modules.keys().filter(|m| reaches(&modules, m, m)).collect();
    assert!(
        circles.is_empty(),
        "modules on a circle: {circles:?}\n{modules:#?}"
    );
}

#[test]
fn the_string_tables_are_a_leaf_and_the_document_knows_no_presets() {
    let modules = dependencies();
    assert_eq!(
        modules["i18n"],
        BTreeSet::new(),
        "i18n uses {:?}",
        modules["i18n"]
    );
    for module in [
        "scenario_file",
        "resolve",
        "file_error",
        "file_io",
        "scenario_io",
    ] {
        assert!(
            !reaches(&modules, module, "presets"),
            "{module} reaches the preset library"
        );
    }
    assert!(reaches(&modules, "presets", "resolve"));
}
