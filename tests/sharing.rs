//! Files that travel between two machines, each with its own data folder (HOME) and presets
//! folder (HASHWATT_PRESETS_DIR): `share`, `presets import`, `presets export`, and scenarios
//! read from standard input.

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

mod common;
use common::*;

/// One machine: a home folder and a presets folder of its own.
struct Machine {
    root: PathBuf,
    presets: PathBuf,
}

impl Machine {
    fn new(name: &str) -> Machine {
        let root = temp_dir(name);
        let _ = std::fs::remove_dir_all(&root);
        let presets = root.join("presets");
        std::fs::create_dir_all(root.join("home")).unwrap();
        std::fs::create_dir_all(&presets).unwrap();
        Machine { root, presets }
    }

    /// A machine whose user made "my-site", "my-rig" and "my-table".
    fn with_user_presets(name: &str) -> Machine {
        let m = Machine::new(name);
        m.put("regions", "my-site.ron", &my_site(0.031));
        m.put("miners", "my-rig.ron", &my_rig());
        m.put("emission-factors", "my-table.ron", &my_table());
        m
    }

    fn put(&self, kind: &str, file: &str, text: &str) -> PathBuf {
        let dir = self.presets.join(kind);
        std::fs::create_dir_all(&dir).unwrap();
        std::fs::write(dir.join(file), text).unwrap();
        dir.join(file)
    }

    fn file(&self, name: &str, text: &str) -> PathBuf {
        let path = self.root.join(name);
        std::fs::write(&path, text).unwrap();
        path
    }

    fn run_with(&self, args: &[&str], stdin: Option<&str>, lang: &str) -> Output {
        let mut child = command()
            .args(args)
            .env("HASHWATT_LANG", lang)
            .env("HOME", self.root.join("home"))
            .env("XDG_DATA_HOME", self.root.join("home/.local/share"))
            .env("HASHWATT_PRESETS_DIR", &self.presets)
            .current_dir(&self.root)
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("the binary runs");
        let mut input = child.stdin.take().unwrap();
        if let Some(text) = stdin {
            input.write_all(text.as_bytes()).unwrap();
        }
        drop(input);
        child.wait_with_output().unwrap()
    }

    fn run(&self, args: &[&str]) -> Output {
        self.run_with(args, None, "en")
    }

    fn ok(&self, args: &[&str]) -> String {
        let o = self.run(args);
        assert!(o.status.success(), "{args:?}: {}", stderr(&o));
        stdout(&o)
    }

    /// Every file of the presets folder with its bytes and modification time.
    fn snapshot(&self) -> Vec<(PathBuf, Vec<u8>, std::time::SystemTime)> {
        let mut files = Vec::new();
        for kind in std::fs::read_dir(&self.presets).unwrap() {
            let kind = kind.unwrap().path();
            for entry in std::fs::read_dir(&kind).unwrap() {
                let path = entry.unwrap().path();
                let modified = std::fs::metadata(&path).unwrap().modified().unwrap();
                files.push((path.clone(), std::fs::read(&path).unwrap(), modified));
            }
        }
        files.sort();
        files
    }
}

fn builtin(kind: &str, id: &str) -> String {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join(format!("presets/{kind}/{id}.ron"));
    std::fs::read_to_string(path).unwrap()
}

fn my_site(price: f64) -> String {
    let alberta = builtin("regions", "alberta");
    assert!(
        alberta.contains(PRICE_FIELD),
        "Alberta's listed price changed"
    );
    alberta
        .replace("id: \"alberta\"", "id: \"my-site\"")
        .replace("name: \"Alberta\"", "name: \"My site\"")
        .replace(
            PRICE_FIELD,
            &format!("electricity_price_usd_per_kwh: (value: {price},"),
        )
}

/// Alberta's listed price as its file writes it: the site's own price replaces it.
const PRICE_FIELD: &str = "electricity_price_usd_per_kwh: (value: 0.0458,";

fn my_rig() -> String {
    builtin("miners", "antminer-s21")
        .replace("id: \"antminer-s21\"", "id: \"my-rig\"")
        .replace("power_w: 3500,", "power_w: 3300,")
        .replace(
            "stated_efficiency_j_per_th: 17.5,",
            "stated_efficiency_j_per_th: 16.5,",
        )
}

fn my_table() -> String {
    builtin("emission-factors", "ipcc-ar5-lifecycle")
        .replace("id: \"ipcc-ar5-lifecycle\"", "id: \"my-table\"")
        .replace(
            "central: 820, low: 740, high: 910",
            "central: 1050, low: 740, high: 1100",
        )
}

const SCENARIO: &str = "(\n    version: 4,\n    name: \"Shared\",\n    site: (region: \"my-site\", emission_table: \"my-table\"),\n    fleet: [(miner: \"my-rig\", units: 10), (miner: \"antminer-s21\", units: 2)],\n    market: (preset: \"2025-12\"),\n)\n";

fn json(text: &str) -> serde_json::Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("{e}: {text}"))
}

#[test]
fn a_shared_scenario_gives_the_senders_figures_on_a_machine_without_her_presets() {
    let a = Machine::with_user_presets("share-a");
    let b = Machine::new("share-b");
    let s = a.file("s.ron", SCENARIO);
    let there = json(&a.ok(&["report", s.to_str().unwrap(), "--json"]));

    // Sent as it is, the file names presets the other machine does not have.
    let bare = b.file("s.ron", SCENARIO);
    let o = b.run(&["report", bare.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(stderr(&o).lines().count(), 1, "{}", stderr(&o));
    assert!(
        stderr(&o).contains("unknown emission-factor table \"my-table\""),
        "{}",
        stderr(&o)
    );

    let out = a.root.join("out.ron");
    let said = a.ok(&["share", s.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(
        said,
        format!(
            "{}: the scenario with 3 preset(s) of its own\n",
            out.display()
        )
    );
    let shared = std::fs::read_to_string(&out).unwrap();
    assert!(
        shared.starts_with("// hashwatt scenario (format version 4)\n"),
        "{shared}"
    );
    for id in ["\"my-site\"", "\"my-rig\"", "\"my-table\""] {
        assert!(
            shared.contains(&format!("id: {id}")),
            "{id} travels: {shared}"
        );
    }
    assert!(
        !shared.contains("id: \"antminer-s21\""),
        "built-in presets stay references"
    );

    let received = b.file("received.ron", &shared);
    let here = json(&b.ok(&["report", received.to_str().unwrap(), "--json"]));
    assert_eq!(here, there);
    // The second machine's folder is untouched: nothing changes until the user imports.
    assert!(b.snapshot().is_empty());

    // From standard input, the same figures.
    let o = b.run_with(&["report", "-", "--json"], Some(&shared), "en");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(json(&stdout(&o)), there);
}

#[test]
fn share_refuses_to_replace_a_file_without_force_and_names_a_missing_preset() {
    let a = Machine::with_user_presets("share-force");
    let s = a.file("s.ron", SCENARIO);
    let out = a.file("out.ron", "keep me");
    let args = ["share", s.to_str().unwrap(), "-o", out.to_str().unwrap()];
    let o = a.run(&args);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        format!(
            "error: {} exists; add --force to replace it\n",
            out.display()
        )
    );
    assert_eq!(std::fs::read_to_string(&out).unwrap(), "keep me");
    let mut forced = args.to_vec();
    forced.push("--force");
    a.ok(&forced);
    assert!(
        std::fs::read_to_string(&out)
            .unwrap()
            .contains("id: \"my-rig\"")
    );

    // On a machine without the presets: one line, naming the id, and nothing written.
    let b = Machine::new("share-missing");
    let s = b.file("s.ron", SCENARIO);
    let out = b.root.join("out.ron");
    let o = b.run(&["share", s.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("error: {}:4:", s.display())) && err.contains("\"my-table\""),
        "{err}"
    );
    assert!(!out.exists());
}

#[test]
fn project_and_compare_read_a_scenario_from_standard_input() {
    let a = Machine::new("stdin");
    let text = "(name: \"Texas\", site: (region: \"texas-ercot\"), fleet: [(miner: \"antminer-s21\", units: 5)], market: (preset: \"2025-12\"))";
    let file = a.file("t.ron", text);
    let from_file = a.ok(&["project", file.to_str().unwrap(), "--json"]);
    let o = a.run_with(&["project", "-", "--json"], Some(text), "en");
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), from_file);

    let other = a.file(
        "o.ron",
        "(name: \"Quebec\", site: (region: \"quebec\"), market: (preset: \"2025-12\"))",
    );
    let from_files = a.ok(&[
        "compare",
        file.to_str().unwrap(),
        other.to_str().unwrap(),
        "--csv",
    ]);
    let o = a.run_with(
        &["compare", "-", other.to_str().unwrap(), "--csv"],
        Some(text),
        "en",
    );
    assert!(o.status.success(), "{}", stderr(&o));
    assert_eq!(stdout(&o), from_files);

    let o = a.run_with(&["compare", "-", "-"], Some(text), "en");
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: only one scenario can be read from standard input (-)\n"
    );
    // A broken scenario on standard input is named as such, with its line and field.
    let o = a.run_with(&["report", "-"], Some("(\n  site: (pue: 0.2),\n)"), "en");
    assert_eq!(o.status.code(), Some(2));
    assert!(
        stderr(&o).starts_with("error: <stdin>:2:"),
        "{}",
        stderr(&o)
    );
    assert!(stderr(&o).contains("site.pue"), "{}", stderr(&o));
}

/// `presets import --json`, parsed, with its exit status.
fn import_json(m: &Machine, args: &[&str]) -> (Option<i32>, serde_json::Value, String) {
    let mut all = vec!["presets", "import"];
    all.extend_from_slice(args);
    all.push("--json");
    let o = m.run(&all);
    (o.status.code(), json(&stdout(&o)), stderr(&o))
}

#[test]
fn import_adds_finds_identical_and_asks_for_a_choice_on_a_conflict() {
    let a = Machine::with_user_presets("import-a");
    let b = Machine::new("import-b");
    let sent = b.file(
        "my-site.ron",
        &std::fs::read_to_string(a.presets.join("regions/my-site.ron")).unwrap(),
    );
    let file = sent.to_str().unwrap();

    let (code, value, _) = import_json(&b, &[file]);
    assert_eq!(code, Some(0));
    assert_eq!(
        value,
        serde_json::json!({"presets": [
            {"kind": "region", "id": "my-site", "result": "added", "new_id": null, "file": file}
        ]})
    );
    let written = b.presets.join("regions/my-site.ron");
    let text = std::fs::read_to_string(&written).unwrap();
    assert!(text.contains("imported_from: \"my-site.ron\""), "{text}");
    assert!(text.contains("imported_on: \""), "{text}");
    assert!(text.contains("source: \""), "the sources are kept: {text}");

    let before = b.snapshot();
    std::thread::sleep(std::time::Duration::from_millis(30));
    let (code, value, _) = import_json(&b, &[file]);
    assert_eq!(code, Some(0));
    assert_eq!(value["presets"][0]["result"], "identical");
    assert_eq!(
        b.snapshot(),
        before,
        "nothing written, file times unchanged"
    );

    std::fs::write(&sent, my_site(0.052)).unwrap();
    let (code, value, err) = import_json(&b, &[file]);
    assert_eq!(code, Some(2));
    assert_eq!(value["presets"][0]["result"], "conflict");
    assert_eq!(
        err,
        "error: 1 preset(s) have the id of a different one here (region:my-site) and were not \
         written; choose --replace, --keep-both or --skip\n"
    );
    assert_eq!(b.snapshot(), before);
    // Without --json: one line per preset, the same exit status.
    let o = b.run(&["presets", "import", file]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stdout(&o),
        format!("{file}: region \"my-site\": conflict, nothing written\n")
    );
    let zh = b.run_with(&["presets", "import", file], None, "zh");
    assert!(stderr(&zh).contains("未写入"), "{}", stderr(&zh));

    let (code, value, _) = import_json(&b, &[file, "--skip"]);
    assert_eq!(code, Some(0));
    assert_eq!(value["presets"][0]["result"], "skipped");
    assert_eq!(b.snapshot(), before);

    let (code, value, _) = import_json(&b, &[file, "--keep-both"]);
    assert_eq!(code, Some(0));
    assert_eq!(
        value["presets"][0],
        serde_json::json!({"kind": "region", "id": "my-site", "result": "renamed", "new_id": "my-site-2", "file": file})
    );
    let kept = json(&b.ok(&["presets", "show", "my-site-2", "--json"]));
    assert_eq!(kept["name"], "My site (imported)");
    assert_eq!(kept["electricity_price_usd_per_kwh"]["value"], 0.052);
    let first = json(&b.ok(&["presets", "show", "my-site", "--json"]));
    assert_eq!(first["electricity_price_usd_per_kwh"]["value"], 0.031);

    let (code, value, _) = import_json(&b, &[file, "--replace"]);
    assert_eq!(code, Some(0));
    assert_eq!(value["presets"][0]["result"], "replaced");
    assert_eq!(value["presets"][0]["new_id"], serde_json::Value::Null);
    let replaced = json(&b.ok(&["presets", "show", "my-site", "--json"]));
    assert_eq!(replaced["electricity_price_usd_per_kwh"]["value"], 0.052);
    // Replaced in its own file: the folder still loads without a warning.
    let o = b.run(&["presets", "list", "regions"]);
    assert!(stderr(&o).is_empty(), "{}", stderr(&o));

    let o = b.run(&["presets", "import", file, "--replace", "--skip"]);
    assert_eq!(o.status.code(), Some(2));
}

#[test]
fn a_pack_with_one_invalid_preset_leaves_the_presets_folder_byte_for_byte_unchanged() {
    let a = Machine::with_user_presets("pack-a");
    let pack = a.root.join("pack.ron");
    let said = a.ok(&[
        "presets",
        "export",
        "my-site",
        "my-rig",
        "my-table",
        "-o",
        pack.to_str().unwrap(),
        "--title",
        "Our site",
    ]);
    assert_eq!(said, format!("{}: a pack of 3 preset(s)\n", pack.display()));
    let text = std::fs::read_to_string(&pack).unwrap();
    assert!(text.contains("format: \"hashwatt preset pack\""), "{text}");
    assert!(text.contains("title: \"Our site\""), "{text}");
    assert!(text.contains(&format!(
        "hashwatt_version: \"{}\"",
        env!("CARGO_PKG_VERSION")
    )));

    let b = Machine::new("pack-b");
    b.put(
        "regions",
        "mine.ron",
        &builtin("regions", "quebec").replace("id: \"quebec\"", "id: \"mine\""),
    );
    let broken = text.replacen("power_w: 3300.0,", "power_w: -1.0,", 1);
    assert_ne!(broken, text);
    let sent = b.file("pack.ron", &broken);
    let before = b.snapshot();
    let o = b.run(&["presets", "import", sent.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    let err = stderr(&o);
    let line = broken
        .lines()
        .position(|l| l.contains("power_w: -1.0"))
        .unwrap()
        + 1;
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.starts_with(&format!("error: {}:{line}:", sent.display()))
            && err.contains("miners[0].power_w"),
        "{err}"
    );
    assert!(stdout(&o).is_empty());
    assert_eq!(b.snapshot(), before);

    // Two problems: two lines, one per problem.
    let two = broken.replacen("central: 1050.0", "central: -3.0", 1);
    std::fs::write(&sent, two).unwrap();
    let o = b.run(&["presets", "import", sent.to_str().unwrap()]);
    assert_eq!(stderr(&o).lines().count(), 2, "{}", stderr(&o));
    assert_eq!(b.snapshot(), before);
}

#[test]
fn every_kind_exported_and_imported_on_another_machine_is_identical() {
    let a = Machine::with_user_presets("every-kind-a");
    let market = builtin("markets", "2025-12").replace("id: \"2025-12\"", "id: \"my-market\"");
    a.put("markets", "my-market.ron", &market);
    let map =
        builtin("mining-maps", "ccaf-2022-01").replace("id: \"ccaf-2022-01\"", "id: \"my-map\"");
    a.put("mining-maps", "my-map.ron", &map);
    a.put("scenarios", "shared.ron", SCENARIO);
    let pack = a.root.join("all.ron");
    let ids = [
        "region:my-site",
        "miner:my-rig",
        "my-table",
        "my-market",
        "my-map",
        "scenario:shared",
    ];
    let mut args = vec!["presets", "export"];
    args.extend_from_slice(&ids);
    args.extend_from_slice(&["-o", pack.to_str().unwrap()]);
    a.ok(&args);

    let b = Machine::new("every-kind-b");
    let sent = b.file("all.ron", &std::fs::read_to_string(&pack).unwrap());
    let (code, value, err) = import_json(&b, &[sent.to_str().unwrap()]);
    assert_eq!(code, Some(0), "{err}");
    let kinds: Vec<(&str, &str)> = value["presets"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| (p["kind"].as_str().unwrap(), p["result"].as_str().unwrap()))
        .collect();
    assert_eq!(
        kinds,
        [
            ("region", "added"),
            ("miner", "added"),
            ("emission-table", "added"),
            ("market", "added"),
            ("mining-map", "added"),
            ("scenario", "added"),
        ]
    );
    for id in [
        "my-site",
        "my-rig",
        "my-table",
        "my-market",
        "my-map",
        "shared",
    ] {
        let mut there = json(&a.ok(&["presets", "show", id, "--json"]));
        let mut here = json(&b.ok(&["presets", "show", id, "--json"]));
        let object = here.as_object_mut().unwrap();
        assert!(object.remove("imported_from").is_some(), "{id}");
        assert!(object.remove("imported_on").is_some(), "{id}");
        if id == "shared" {
            there.as_object_mut().unwrap().remove("version");
            here.as_object_mut().unwrap().remove("version");
        }
        assert_eq!(here, there, "{id}");
    }
    // Imported again: every one identical, nothing written.
    let before = b.snapshot();
    let (code, value, _) = import_json(&b, &[sent.to_str().unwrap()]);
    assert_eq!(code, Some(0));
    assert!(
        value["presets"]
            .as_array()
            .unwrap()
            .iter()
            .all(|p| p["result"] == "identical")
    );
    assert_eq!(b.snapshot(), before);
}

#[test]
fn export_refuses_an_id_of_two_kinds_and_an_existing_pack() {
    let a = Machine::with_user_presets("export-two-kinds");
    a.put(
        "miners",
        "my-site.ron",
        &my_rig().replace("id: \"my-rig\"", "id: \"my-site\""),
    );
    let pack = a.root.join("p.ron");
    let o = a.run(&["presets", "export", "my-site", "-o", pack.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(2));
    assert_eq!(
        stderr(&o),
        "error: \"my-site\" names presets of several kinds: region:my-site, miner:my-site; give one of these\n"
    );
    assert!(!pack.exists());
    a.ok(&[
        "presets",
        "export",
        "miner:my-site",
        "-o",
        pack.to_str().unwrap(),
    ]);
    let o = a.run(&[
        "presets",
        "export",
        "region:my-site",
        "-o",
        pack.to_str().unwrap(),
    ]);
    assert_eq!(o.status.code(), Some(2));
    assert!(stderr(&o).contains("add --force"), "{}", stderr(&o));
    a.ok(&[
        "presets",
        "export",
        "region:my-site",
        "-o",
        pack.to_str().unwrap(),
        "--force",
    ]);
    assert!(
        std::fs::read_to_string(&pack)
            .unwrap()
            .contains("regions: [")
    );
}
