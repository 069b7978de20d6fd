//! Reading and writing files at the edges: FIFOs, folders and devices are refused without
//! waiting; saves keep a file's mode and its symbolic link; dates, byte-order marks, old Mac
//! line ends, huge ids and extreme numbers are read or refused with a clear message.

mod common;

use hashwatt::file_error::FileError;
use hashwatt::file_io::{MAX_FILE_BYTES, read_text, read_text_capped, write_atomically};
use hashwatt::i18n::Lang;
use hashwatt::presets::{PresetKind, PresetLibrary, builtin_files, did_you_mean};
use hashwatt::resolve::{load_scenario, resolve_in_file};
use hashwatt::scenario_io::parse_scenario;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// A fresh, empty folder for one test.
fn fresh_dir(test: &str) -> PathBuf {
    let dir = common::temp_dir(&format!("file-io-{test}"));
    std::fs::remove_dir_all(&dir).expect("clear");
    std::fs::create_dir_all(&dir).expect("create");
    dir
}

fn mkfifo(path: &Path) {
    let status = std::process::Command::new("mkfifo")
        .arg(path)
        .status()
        .expect("mkfifo runs");
    assert!(status.success(), "mkfifo {}", path.display());
}

/// `read` run on another thread: a reader that hangs fails the test instead of hanging it.
fn read_within_seconds(path: &Path, read: fn(&Path) -> Result<String, FileError>) -> FileError {
    let (send, receive) = std::sync::mpsc::channel();
    let owned = path.to_path_buf();
    std::thread::spawn(move || {
        let _ = send.send(read(&owned));
    });
    receive
        .recv_timeout(Duration::from_secs(5))
        .unwrap_or_else(|_| panic!("reading {} hangs", path.display()))
        .expect_err("refused")
}

fn names_in(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .expect("dir")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .collect();
    names.sort();
    names
}

#[test]
fn a_fifo_is_refused_at_once_not_waited_on() {
    let dir = fresh_dir("fifo");
    let fifo = dir.join("scenario.ron");
    mkfifo(&fifo);
    let error = read_within_seconds(&fifo, read_text);
    assert_eq!(
        error.to_string(),
        format!(
            "{}: cannot open the file: it is not a regular file (a FIFO)",
            fifo.display()
        )
    );
    assert_eq!(
        error.localized(Lang::Zh),
        format!(
            "{}: 无法打开文件：它不是普通文件（而是 FIFO 命名管道）",
            fifo.display()
        )
    );

    // Through a symbolic link too: the link is followed, then refused.
    let link = dir.join("link.ron");
    std::os::unix::fs::symlink(&fifo, &link).expect("symlink");
    assert_eq!(
        read_within_seconds(&link, read_text).problem.to_string(),
        "cannot open the file: it is not a regular file (a FIFO)"
    );
    // And with the cap the window uses for its saved session.
    assert_eq!(
        read_within_seconds(&fifo, |p| read_text_capped(p, 16 * 1024 * 1024))
            .problem
            .to_string(),
        "cannot open the file: it is not a regular file (a FIFO)"
    );
}

#[test]
fn a_folder_a_device_and_a_socket_are_named() {
    let dir = fresh_dir("kinds");
    assert_eq!(
        read_within_seconds(&dir, read_text).problem.to_string(),
        "cannot open the file: it is not a regular file (a directory)"
    );
    assert_eq!(
        read_within_seconds(Path::new("/dev/zero"), read_text).to_string(),
        "/dev/zero: cannot open the file: it is not a regular file (a device)"
    );
    let socket_path = dir.join("s.sock");
    let _socket = std::os::unix::net::UnixListener::bind(&socket_path).expect("socket");
    assert_eq!(
        read_within_seconds(&socket_path, read_text)
            .problem
            .to_string(),
        "cannot open the file: it is not a regular file (a socket)"
    );
}

#[test]
fn the_command_line_refuses_a_fifo_scenario() {
    let dir = fresh_dir("cli-fifo");
    let fifo = dir.join("pipe.ron");
    mkfifo(&fifo);
    let shown = fifo.display().to_string();
    let started = Instant::now();
    let out = common::hashwatt(&["report", &shown]);
    assert!(started.elapsed() < Duration::from_secs(20));
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        common::stderr(&out),
        format!("error: {shown}: cannot open the file: it is not a regular file (a FIFO)\n")
    );
}

#[test]
fn a_fifo_in_the_presets_folder_is_skipped_with_a_problem() {
    let dir = fresh_dir("preset-fifo");
    std::fs::create_dir_all(dir.join("miners")).expect("miners");
    let fifo = dir.join("miners").join("pipe.ron");
    mkfifo(&fifo);
    let (send, receive) = std::sync::mpsc::channel();
    let folder = dir.clone();
    std::thread::spawn(move || {
        let _ = send.send(PresetLibrary::with_user_folder(Some(&folder)).problems);
    });
    let problems = receive
        .recv_timeout(Duration::from_secs(10))
        .expect("the library loads without waiting on the FIFO");
    let messages: Vec<String> = problems.iter().map(ToString::to_string).collect();
    assert_eq!(
        messages,
        vec![format!(
            "{}: cannot open the file: it is not a regular file (a FIFO)",
            fifo.display()
        )]
    );
}

#[test]
fn the_size_cap_is_the_callers() {
    let dir = fresh_dir("cap");
    let path = dir.join("app.ron");
    let text = "x".repeat(2 * 1024 * 1024);
    std::fs::write(&path, &text).expect("write");
    assert_eq!(
        read_text(&path)
            .expect_err("over 1 MiB")
            .problem
            .to_string(),
        "the file is larger than 1024 KiB; a hashwatt file is far smaller"
    );
    assert_eq!(MAX_FILE_BYTES, 1024 * 1024);
    assert_eq!(
        read_text_capped(&path, 16 * 1024 * 1024).expect("under 16 MiB"),
        text
    );
    assert_eq!(
        read_text_capped(&path, 1024 * 1024)
            .expect_err("capped")
            .problem
            .to_string(),
        "the file is larger than 1024 KiB; a hashwatt file is far smaller"
    );
}

#[test]
fn a_save_keeps_the_files_mode() {
    use std::os::unix::fs::PermissionsExt;
    let dir = fresh_dir("mode");
    let path = dir.join("private.ron");
    std::fs::write(&path, "old").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o600)).expect("chmod");
    write_atomically(&path, b"new").expect("save");
    assert_eq!(std::fs::read_to_string(&path).expect("read"), "new");
    let mode = std::fs::metadata(&path).expect("meta").permissions().mode();
    assert_eq!(mode & 0o777, 0o600);
    assert_eq!(names_in(&dir), vec!["private.ron"]);
}

#[test]
fn a_save_through_a_symlink_updates_its_target_and_keeps_the_link() {
    let dir = fresh_dir("symlink");
    std::fs::create_dir_all(dir.join("real")).expect("real");
    let target = dir.join("real").join("site.ron");
    std::fs::write(&target, "old").expect("write");
    let link = dir.join("site.ron");
    // A relative link, as `ln -s real/site.ron site.ron` makes.
    std::os::unix::fs::symlink("real/site.ron", &link).expect("symlink");

    write_atomically(&link, b"new").expect("save");
    let meta = std::fs::symlink_metadata(&link).expect("meta");
    assert!(meta.file_type().is_symlink(), "the link is still a link");
    assert_eq!(
        std::fs::read_link(&link).expect("link"),
        PathBuf::from("real/site.ron")
    );
    assert_eq!(std::fs::read_to_string(&target).expect("target"), "new");
    assert_eq!(names_in(&dir), vec!["real", "site.ron"]);
    assert_eq!(names_in(&dir.join("real")), vec!["site.ron"]);

    // A dangling link: the file it names is created.
    let dangling = dir.join("later.ron");
    std::os::unix::fs::symlink("real/later.ron", &dangling).expect("symlink");
    write_atomically(&dangling, b"first").expect("save");
    assert!(
        std::fs::symlink_metadata(&dangling)
            .expect("meta")
            .file_type()
            .is_symlink()
    );
    assert_eq!(
        std::fs::read_to_string(dir.join("real").join("later.ron")).expect("created"),
        "first"
    );

    // A loop of links is refused, not followed for ever.
    let a = dir.join("a.ron");
    let b = dir.join("b.ron");
    std::os::unix::fs::symlink("b.ron", &a).expect("symlink");
    std::os::unix::fs::symlink("a.ron", &b).expect("symlink");
    assert_eq!(
        write_atomically(&a, b"x")
            .expect_err("loop")
            .problem
            .to_string(),
        "cannot save: too many levels of symbolic links"
    );
}

#[test]
fn a_hard_linked_file_becomes_a_file_of_its_own() {
    // Documented: a save by rename gives the saved name a new file; the other name keeps the
    // old content.
    let dir = fresh_dir("hardlink");
    let path = dir.join("a.ron");
    let other = dir.join("b.ron");
    std::fs::write(&path, "old").expect("write");
    std::fs::hard_link(&path, &other).expect("hard link");
    write_atomically(&path, b"new").expect("save");
    assert_eq!(std::fs::read_to_string(&path).expect("a"), "new");
    assert_eq!(std::fs::read_to_string(&other).expect("b"), "old");
}

#[test]
fn a_failed_save_leaves_the_old_file_and_no_stray_file() {
    let dir = fresh_dir("failed");
    std::fs::create_dir_all(dir.join("site.ron")).expect("a folder where the file would go");
    std::fs::write(dir.join("keep.ron"), "kept").expect("write");
    let error = write_atomically(&dir.join("site.ron"), b"new").expect_err("a folder");
    assert!(
        error.problem.to_string().starts_with("cannot save: "),
        "{}",
        error.problem.to_string()
    );
    assert_eq!(names_in(&dir), vec!["keep.ron", "site.ron"]);
    assert!(dir.join("site.ron").is_dir());
}

/// A market preset's text with `date` replaced.
fn market_with_date(date: &str) -> String {
    let (_, text) = builtin_files(PresetKind::Market)[0];
    let start = text.find("date: \"").expect("a date") + "date: \"".len();
    let end = start + text[start..].find('"').expect("closed");
    format!("{}{date}{}", &text[..start], &text[end..])
}

#[test]
fn impossible_dates_are_refused_with_file_line_and_field() {
    let cases = [
        (
            "2025-02-31",
            "m.ron:5:12: date: \"2025-02-31\" is not allowed; month 02 of 2025 has 28 days",
        ),
        (
            "0000-05-11",
            "m.ron:5:12: date: \"0000-05-11\" is not allowed; the year must be from 1900 to 2200",
        ),
        (
            "2024-13-01",
            "m.ron:5:12: date: \"2024-13-01\" is not allowed; the month must be from 01 to 12",
        ),
        (
            "2024-00-01",
            "m.ron:5:12: date: \"2024-00-01\" is not allowed; the month must be from 01 to 12",
        ),
        (
            "May 2020",
            "m.ron:5:12: date: \"May 2020\" is not allowed; must be a date YYYY-MM-DD",
        ),
    ];
    for (date, expected) in cases {
        let mut library = PresetLibrary::builtin();
        let error = library
            .try_add_text(PresetKind::Market, "m.ron", &market_with_date(date))
            .expect_err(date);
        assert_eq!(error.to_string(), expected);
        assert!(
            error
                .localized(Lang::Zh)
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{}",
            error.localized(Lang::Zh)
        );
    }
    let mut library = PresetLibrary::builtin();
    library
        .try_add_text(PresetKind::Market, "m.ron", &market_with_date("2024-02-29"))
        .expect("a leap day");
}

#[test]
fn every_built_in_date_is_written_as_it_is_read() {
    let library = PresetLibrary::builtin();
    let files: Vec<&str> = builtin_files(PresetKind::Market)
        .iter()
        .chain(builtin_files(PresetKind::MiningMap))
        .map(|(_, text)| *text)
        .collect();
    let dates: Vec<String> = library
        .markets()
        .map(|m| m.date.to_string())
        .chain(library.mining_maps().map(|m| m.date.to_string()))
        .collect();
    assert_eq!(dates.len(), files.len());
    for date in dates {
        let written = format!("date: \"{date}\"");
        assert!(files.iter().any(|f| f.contains(&written)), "{written}");
    }
}

const SCENARIO: &str = "(\n    version: 3,\n    name: \"Mac\",\n    site: (\n        region: \"texas-ercot\",\n        pue: 1.1,\n    ),\n    fleet: [\n        (miner: \"antminer-s21\", units: 10),\n    ],\n)\n";

fn load(name: &str, bytes: &[u8]) -> Result<String, String> {
    let dir = fresh_dir(name);
    let path = dir.join("s.ron");
    std::fs::write(&path, bytes).expect("write");
    load_scenario(&path, &PresetLibrary::builtin())
        .map(|(doc, _)| doc.name)
        .map_err(|e| {
            e.to_string()
                .strip_prefix(&format!("{}:", path.display()))
                .expect("the path")
                .to_string()
        })
}

#[test]
fn a_byte_order_mark_and_old_mac_line_ends_are_read() {
    let with_bom = format!("\u{feff}{SCENARIO}");
    assert_eq!(load("bom", with_bom.as_bytes()), Ok("Mac".to_string()));
    let mac = SCENARIO.replace('\n', "\r");
    assert_eq!(load("cr", mac.as_bytes()), Ok("Mac".to_string()));
    let windows = SCENARIO.replace('\n', "\r\n");
    assert_eq!(load("crlf", windows.as_bytes()), Ok("Mac".to_string()));

    // A later error names its real line.
    let bad = format!("\u{feff}{}", SCENARIO.replace("pue: 1.1", "pue: 0.5")).replace('\n', "\r");
    assert_eq!(
        load("cr-bad", bad.as_bytes()),
        Err("6:9: site.pue: 0.5 is not allowed; must be a number from 1 to 5".to_string())
    );
}

#[test]
fn suggestions_count_a_swap_as_one_edit() {
    assert_eq!(did_you_mean("peu", &["pue", "name"]), Some("pue"));
    assert_eq!(
        did_you_mean("antmienr-s21", &["antminer-s21", "antminer-s19"]),
        Some("antminer-s21")
    );
    assert_eq!(did_you_mean("mars", &["texas-ercot", "kazakhstan"]), None);
}

#[test]
fn long_names_get_no_suggestion_and_cost_no_time() {
    // 64 characters is the longest name compared.
    let known = format!("{}-x", "a".repeat(62));
    let typo = format!("{}-y", "a".repeat(62));
    assert_eq!(known.chars().count(), 64);
    assert_eq!(did_you_mean(&typo, &[&known]), Some(known.as_str()));
    let known = format!("{}-x", "a".repeat(63));
    let typo = format!("{}-y", "a".repeat(63));
    assert_eq!(did_you_mean(&typo, &[&known]), None);

    // A 1 MB id, as a user preset or a scenario may hold: no suggestion, at once.
    let huge = "b".repeat(1_000_000);
    let near_huge = format!("{}c", "b".repeat(999_999));
    let started = Instant::now();
    assert_eq!(did_you_mean(&near_huge, &[&huge, "pue"]), None);
    assert_eq!(did_you_mean("peu", &[&huge, "pue"]), Some("pue"));
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

/// The message for a scenario's text.
fn scenario_message(text: &str) -> String {
    let library = PresetLibrary::builtin();
    parse_scenario("s.ron", text)
        .and_then(|doc| resolve_in_file("s.ron", text, &doc, &library))
        .map(|_| "ok".to_string())
        .unwrap_or_else(|e| e.to_string())
}

#[test]
fn extreme_numbers_print_in_e_notation() {
    assert_eq!(
        scenario_message(&SCENARIO.replace("pue: 1.1", "pue: 1e308")),
        "s.ron:6:9: site.pue: 1e308 is not allowed; must be a number from 1 to 5"
    );
    assert_eq!(
        scenario_message(&SCENARIO.replace("pue: 1.1", "pue: 1.5e-40")),
        "s.ron:6:9: site.pue: 1.5e-40 is not allowed; must be a number from 1 to 5"
    );
    assert_eq!(
        scenario_message(
            &SCENARIO.replace("region: \"texas-ercot\"", "mix: (coal: 1e308, hydro: 30)")
        ),
        "s.ron:5:9: site.mix: the coal share is 1e308; a share must be between 0 and 100 %"
    );
    // Ordinary values keep their text.
    assert_eq!(
        scenario_message(&SCENARIO.replace("pue: 1.1", "pue: 0.5")),
        "s.ron:6:9: site.pue: 0.5 is not allowed; must be a number from 1 to 5"
    );
}
