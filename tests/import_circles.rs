//! No file-level import circles inside the window (`src/gui/`), the command line (`src/cli/`),
//! the export (`src/export/`) or the core crate: a file that another file uses must not use it
//! back, directly or through others, so each file can be read (and changed) knowing only the
//! files below it.
//!
//! The check reads the sources as text: every `use` (expanded), every path qualified with
//! `crate::`, `super::` or `self::`, and every path through a child module. A path to an item
//! re-exported by a module (`pub use child::*`) counts as a use of the file that defines it.
//! Test modules (`#[cfg(test)]`) are left out: they use what they test.

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

/// One module file.
struct Module {
    file: PathBuf,
    text: String,
    children: BTreeSet<String>,
}

type ModPath = Vec<String>;

/// The source with comments, string and char literals blanked, and `#[cfg(test)]` items
/// (test modules, test-only imports) removed.
fn strip(source: &str) -> String {
    let bytes = source.as_bytes();
    let mut out = String::with_capacity(source.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = &source[i..];
        if rest.starts_with("//") {
            let end = rest.find('\n').map_or(source.len(), |n| i + n);
            i = end;
        } else if rest.starts_with("/*") {
            let end = rest.find("*/").map_or(source.len(), |n| i + n + 2);
            i = end;
        } else if rest.starts_with("r\"") || rest.starts_with("r#\"") {
            let hashes = rest[1..].chars().take_while(|&c| c == '#').count();
            let close = format!("\"{}", "#".repeat(hashes));
            let body = 2 + hashes;
            let end = rest[body..]
                .find(&close)
                .map_or(source.len(), |n| i + body + n + close.len());
            out.push_str("\"\"");
            i = end;
        } else if bytes[i] == b'"' {
            let mut j = i + 1;
            while j < bytes.len() && bytes[j] != b'"' {
                j += if bytes[j] == b'\\' { 2 } else { 1 };
            }
            out.push_str("\"\"");
            i = j + 1;
        } else if bytes[i] == b'\''
            && (rest.len() > 3 && (rest.as_bytes()[2] == b'\'' || rest.as_bytes()[1] == b'\\'))
        {
            // A char literal ('x', '\n', '\u{..}'), not a lifetime.
            let end = rest[1..].find('\'').map_or(source.len(), |n| i + n + 2);
            out.push_str("' '");
            i = end;
        } else {
            let c = rest.chars().next().unwrap();
            out.push(c);
            i += c.len_utf8();
        }
    }
    remove_test_items(&out)
}

/// Removes every item under `#[cfg(test)]`: up to its `;` or through its braced body.
fn remove_test_items(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(at) = rest.find("#[cfg(test)]") {
        out.push_str(&rest[..at]);
        let after = &rest[at..];
        let semi = after.find(';');
        let brace = after.find('{');
        let end = match (semi, brace) {
            (Some(s), Some(b)) if s < b => s + 1,
            (_, Some(b)) => {
                let mut depth = 0;
                let mut end = after.len();
                for (k, c) in after[b..].char_indices() {
                    match c {
                        '{' => depth += 1,
                        '}' => {
                            depth -= 1;
                            if depth == 0 {
                                end = b + k + 1;
                                break;
                            }
                        }
                        _ => {}
                    }
                }
                end
            }
            (Some(s), None) => s + 1,
            (None, None) => after.len(),
        };
        rest = &after[end..];
    }
    out.push_str(rest);
    out
}

fn is_ident(c: char) -> bool {
    c.is_ascii_alphanumeric() || c == '_'
}

/// The modules declared in a file by `mod name;`.
fn declared_children(text: &str) -> BTreeSet<String> {
    let mut children = BTreeSet::new();
    for (at, _) in text.match_indices("mod ") {
        if at > 0 && is_ident(text[..at].chars().next_back().unwrap()) {
            continue;
        }
        let name: String = text[at + 4..]
            .chars()
            .take_while(|&c| is_ident(c))
            .collect();
        let after = text[at + 4 + name.len()..].trim_start();
        if !name.is_empty() && after.starts_with(';') {
            children.insert(name);
        }
    }
    children
}

/// Every module file under a crate root (`lib.rs`), by module path.
fn read_crate(root_file: &Path) -> BTreeMap<ModPath, Module> {
    let mut modules = BTreeMap::new();
    let mut queue = vec![(Vec::new(), root_file.to_path_buf())];
    while let Some((path, file)) = queue.pop() {
        let source = std::fs::read_to_string(&file).unwrap();
        let text = strip(&source);
        let children = declared_children(&text);
        let name = file.file_stem().unwrap().to_str().unwrap();
        let dir = if matches!(name, "mod" | "lib" | "main") {
            file.parent().unwrap().to_path_buf()
        } else {
            file.with_extension("")
        };
        for child in &children {
            let flat = dir.join(format!("{child}.rs"));
            let nested = dir.join(child).join("mod.rs");
            let child_file = if flat.exists() { flat } else { nested };
            let mut child_path = path.clone();
            child_path.push(child.clone());
            queue.push((child_path, child_file));
        }
        modules.insert(
            path,
            Module {
                file,
                text,
                children,
            },
        );
    }
    modules
}

/// The paths a `use` tree names: `a::{b, c::{d, e}}` → `a::b`, `a::c::d`, `a::c::e`.
fn expand_use(tree: &str) -> Vec<String> {
    let tree: String = without_renames(tree)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let Some(open) = tree.find('{') else {
        return vec![tree.trim_end_matches("::").to_string()];
    };
    let prefix = &tree[..open];
    let inner = &tree[open + 1..tree.len() - 1];
    let mut parts = Vec::new();
    let (mut depth, mut start) = (0, 0);
    for (k, c) in inner.char_indices() {
        match c {
            '{' => depth += 1,
            '}' => depth -= 1,
            ',' if depth == 0 => {
                parts.push(&inner[start..k]);
                start = k + 1;
            }
            _ => {}
        }
    }
    parts.push(&inner[start..]);
    parts
        .into_iter()
        .filter(|p| !p.is_empty())
        .flat_map(|p| {
            expand_use(p).into_iter().map(move |q| {
                if q == "self" {
                    prefix.trim_end_matches("::").to_string()
                } else {
                    format!("{prefix}{q}")
                }
            })
        })
        .collect()
}

/// A `use` tree without its renames: `a::{B as C, d}` → `a::{B, d}`.
fn without_renames(tree: &str) -> String {
    let mut out = String::new();
    let mut words = tree.split_whitespace().peekable();
    while let Some(word) = words.next() {
        if word == "as" {
            // Keep what follows the new name (`,` or `}`), drop the name.
            if let Some(name) = words.next() {
                out.push_str(name.trim_start_matches(is_ident));
            }
            continue;
        }
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(word);
    }
    out
}

/// The `use` trees of a file, with whether each is a `pub use` (a re-export).
fn use_trees(text: &str) -> Vec<(bool, String)> {
    let mut trees = Vec::new();
    for (at, _) in text.match_indices("use ") {
        if at > 0 && is_ident(text[..at].chars().next_back().unwrap()) {
            continue;
        }
        let before = text[..at].trim_end();
        let public = before.ends_with("pub") || before.ends_with(')');
        // Only at the start of a statement (not `fn use_x`, not a word in an item).
        let starts_statement = before.is_empty()
            || before.ends_with(';')
            || before.ends_with('}')
            || before.ends_with('{')
            || before.ends_with(']')
            || public;
        if !starts_statement {
            continue;
        }
        if let Some(end) = text[at..].find(';') {
            trees.push((public, text[at + 4..at + end].to_string()));
        }
    }
    trees
}

struct Crate {
    modules: BTreeMap<ModPath, Module>,
}

impl Crate {
    fn defines(&self, module: &ModPath, item: &str) -> bool {
        let text = &self.modules[module].text;
        [
            "struct ", "enum ", "fn ", "trait ", "type ", "const ", "static ", "union ",
        ]
        .iter()
        .any(|kind| {
            text.match_indices(&format!("{kind}{item}")).any(|(at, m)| {
                let next = text[at + m.len()..].chars().next();
                next.is_none_or(|c| !is_ident(c))
            })
        }) || text.contains(&format!("macro_rules! {item}"))
    }

    /// The module a path starts from, relative to `from`, and the rest of its segments.
    fn anchor(&self, from: &ModPath, segments: &[String]) -> Option<(ModPath, usize)> {
        let mut base = from.clone();
        let mut k = 0;
        match segments.first()?.as_str() {
            "crate" => {
                base.clear();
                k = 1;
            }
            "self" => k = 1,
            "super" => {
                while segments.get(k).is_some_and(|s| s == "super") {
                    base.pop()?;
                    k += 1;
                }
            }
            first if self.modules[from].children.contains(first) => {}
            _ => return None,
        }
        Some((base, k))
    }

    /// The file a path (as written in module `from`) reaches, following re-exports.
    fn resolve(&self, from: &ModPath, path: &str, depth: u32) -> Option<ModPath> {
        let segments: Vec<String> = path.split("::").map(str::to_string).collect();
        let (mut module, k) = self.anchor(from, &segments)?;
        let mut rest = segments[k..].iter();
        for segment in rest.by_ref() {
            let mut child = module.clone();
            child.push(segment.clone());
            if self.modules.contains_key(&child) {
                module = child;
            } else {
                if segment == "*" || depth > 4 || self.defines(&module, segment) {
                    return Some(module);
                }
                // An item the module imports or re-exports: the file that defines it (none
                // when it comes from outside the crate).
                for (_, tree) in use_trees(&self.modules[&module].text) {
                    for used in expand_use(&tree) {
                        let last = used.rsplit("::").next().unwrap_or("");
                        if last == segment {
                            return self.resolve(&module, &used, depth + 1);
                        }
                        // A glob: the item through it, if the globbed module has it.
                        if let Some(prefix) = used.strip_suffix("::*")
                            && let Some(source) =
                                self.resolve(&module, &format!("{prefix}::{segment}"), depth + 1)
                            && source != module
                            && self.defines(&source, segment)
                        {
                            return Some(source);
                        }
                    }
                }
                return Some(module);
            }
        }
        Some(module)
    }

    /// The files each file in `scope` uses, within `scope`.
    fn edges(&self, scope: &ModPath) -> BTreeMap<ModPath, BTreeSet<ModPath>> {
        self.edges_written(scope)
            .into_iter()
            .map(|(from, targets)| (from, targets.into_keys().collect()))
            .collect()
    }

    /// The files each file in `scope` uses, within `scope`, each with one path that uses it.
    fn edges_written(&self, scope: &ModPath) -> BTreeMap<ModPath, BTreeMap<ModPath, String>> {
        let mut edges = BTreeMap::new();
        for (path, module) in &self.modules {
            if !path.starts_with(scope) {
                continue;
            }
            let mut targets = BTreeMap::new();
            let mut add = |written: &str| {
                if let Some(target) = self.resolve(path, written, 0)
                    && target.starts_with(scope)
                    && target != *path
                {
                    targets.entry(target).or_insert_with(|| written.to_string());
                }
            };
            for (_, tree) in use_trees(&module.text) {
                for used in expand_use(&tree) {
                    add(&used);
                }
            }
            // Qualified paths in the code, and paths through a child module.
            let text = &module.text;
            for (at, _) in text.match_indices("::") {
                // The start of a `use` tree's braces or glob: read with its statement.
                if text[at + 2..].starts_with(['{', '*']) {
                    continue;
                }
                let start = text[..at]
                    .rfind(|c: char| !(is_ident(c) || c == ':'))
                    .map_or(0, |s| s + 1);
                if start < at && text[..start].ends_with("::") {
                    continue;
                }
                let end = text[at..]
                    .find(|c: char| !(is_ident(c) || c == ':'))
                    .map_or(text.len(), |e| at + e);
                // A path ending in `::` is a `use` tree's prefix, read with its statement.
                let written = &text[start..end];
                if written.starts_with("::") || written.ends_with(':') || written.is_empty() {
                    continue;
                }
                add(written);
            }
            edges.insert(path.clone(), targets);
        }
        edges
    }
}

/// The import circles (strongly connected components of more than one file), by Tarjan.
fn circles(edges: &BTreeMap<ModPath, BTreeSet<ModPath>>) -> Vec<Vec<ModPath>> {
    struct State<'a> {
        edges: &'a BTreeMap<ModPath, BTreeSet<ModPath>>,
        index: BTreeMap<&'a ModPath, usize>,
        low: BTreeMap<&'a ModPath, usize>,
        stack: Vec<&'a ModPath>,
        on_stack: BTreeSet<&'a ModPath>,
        found: Vec<Vec<ModPath>>,
    }
    fn visit<'a>(s: &mut State<'a>, v: &'a ModPath) {
        let n = s.index.len();
        s.index.insert(v, n);
        s.low.insert(v, n);
        s.stack.push(v);
        s.on_stack.insert(v);
        for w in s.edges.get(v).into_iter().flatten() {
            let Some((w, _)) = s.edges.get_key_value(w) else {
                continue;
            };
            if !s.index.contains_key(w) {
                visit(s, w);
                let low = s.low[v].min(s.low[w]);
                s.low.insert(v, low);
            } else if s.on_stack.contains(w) {
                let low = s.low[v].min(s.index[w]);
                s.low.insert(v, low);
            }
        }
        if s.low[v] == s.index[v] {
            let mut component = Vec::new();
            while let Some(w) = s.stack.pop() {
                s.on_stack.remove(w);
                component.push(w.clone());
                if w == v {
                    break;
                }
            }
            if component.len() > 1 {
                component.sort();
                s.found.push(component);
            }
        }
    }
    let mut state = State {
        edges,
        index: BTreeMap::new(),
        low: BTreeMap::new(),
        stack: Vec::new(),
        on_stack: BTreeSet::new(),
        found: Vec::new(),
    };
    for v in edges.keys() {
        if !state.index.contains_key(v) {
            visit(&mut state, v);
        }
    }
    state.found
}

/// Each circle's files, and within it which file uses which, by which path.
fn describe(krate: &Crate, scope: &ModPath, found: &[Vec<ModPath>]) -> String {
    let edges = krate.edges_written(scope);
    let name = |m: &ModPath| krate.modules[m].file.display().to_string();
    found
        .iter()
        .map(|component| {
            let files: Vec<String> = component.iter().map(name).collect();
            let uses: Vec<String> = component
                .iter()
                .flat_map(|from| {
                    edges[from]
                        .iter()
                        .filter(|(to, _)| component.contains(to))
                        .map(move |(to, written)| {
                            format!("  {} uses {} ({written})", name(from), name(to))
                        })
                })
                .collect();
            format!("{{{}}}\n{}", files.join(", "), uses.join("\n"))
        })
        .collect::<Vec<_>>()
        .join("\n")
}

fn read(root: &str) -> Crate {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join(root);
    Crate {
        modules: read_crate(&root),
    }
}

fn app() -> Crate {
    read("src/lib.rs")
}

/// The circles inside `scope` of a crate, described.
fn circles_in(krate: &Crate, scope_path: &str) -> String {
    let scope = if scope_path.is_empty() {
        Vec::new()
    } else {
        scope(scope_path)
    };
    describe(krate, &scope, &circles(&krate.edges(&scope)))
}

fn scope(name: &str) -> ModPath {
    name.split("::").map(str::to_string).collect()
}

#[test]
fn the_window_has_no_import_circle() {
    let found = circles_in(&app(), "gui");
    assert!(found.is_empty(), "import circles in src/gui/:\n{found}");
}

#[test]
fn the_checker_finds_a_circle_and_follows_re_exports() {
    let krate = app();
    let edges = krate.edges(&scope("gui"));
    // The window's files are all read, and a re-exported item counts as its defining file's.
    assert!(krate.modules.contains_key(&scope("gui::views::map")));
    let uses_command = edges
        .iter()
        .any(|(_, targets)| targets.contains(&scope("gui::command")));
    assert!(uses_command, "Command is used through gui's re-export");
    let mut with_circle = edges.clone();
    with_circle
        .entry(scope("gui::edit"))
        .or_default()
        .insert(scope("gui::undo"));
    with_circle
        .entry(scope("gui::undo"))
        .or_default()
        .insert(scope("gui::edit"));
    assert!(
        circles(&with_circle)
            .iter()
            .any(|c| c.contains(&scope("gui::edit")) && c.contains(&scope("gui::undo")))
    );
}

#[test]
fn use_trees_expand() {
    assert_eq!(
        expand_use("super::{App, views::{self, View}, edit::*}"),
        [
            "super::App",
            "super::views",
            "super::views::View",
            "super::edit::*"
        ]
    );
    assert_eq!(expand_use("crate::format as f"), ["crate::format"]);
    // A name with "as" inside it is no rename.
    assert_eq!(
        expand_use("crate::presets::{MixBasis as Basis, Grade}"),
        ["crate::presets::MixBasis", "crate::presets::Grade"]
    );
}

#[test]
fn the_export_has_no_import_circle() {
    let found = circles_in(&app(), "export");
    assert!(found.is_empty(), "import circles in src/export/:\n{found}");
}

#[test]
fn the_core_has_no_import_circle() {
    let found = circles_in(&read("crates/hashwatt-core/src/lib.rs"), "");
    assert!(
        found.is_empty(),
        "import circles in crates/hashwatt-core/src/:\n{found}"
    );
}

#[test]
fn the_command_line_has_no_import_circle() {
    let found = circles_in(&app(), "cli");
    assert!(found.is_empty(), "import circles in src/cli/:\n{found}");
}
