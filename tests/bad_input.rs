//! Golden tests: every kind of bad input gets its exact message, naming the file, the line and
//! column, the field, and what is allowed.

mod common;

use hashwatt::i18n::Lang;
use hashwatt::presets::{PresetKind, PresetLibrary};
use hashwatt::resolve::{load_scenario, load_scenario_noting, resolve_in_file};
use hashwatt::scenario_io::parse_scenario;

/// A valid scenario; each case changes one thing in it.
const BASE: &str = r#"(
    version: 4,
    name: "Golden",
    site: (
        region: "texas-ercot",
        pue: 1.1,
    ),
    fleet: [
        (miner: "antminer-s21", units: 10),
    ],
)
"#;

/// The message for a scenario's text, or "ok".
fn scenario_message(text: &str) -> String {
    let library = PresetLibrary::builtin();
    match parse_scenario("s.ron", text)
        .and_then(|doc| resolve_in_file("s.ron", text, &doc, &library))
    {
        Ok(_) => "ok".to_string(),
        Err(e) => {
            assert_translated(&e);
            e.to_string()
        }
    }
}

/// Every message has its Chinese form: the same place and field, Chinese words.
fn assert_translated(e: &hashwatt::file_error::FileError) {
    let chinese = e.localized(Lang::Zh);
    let english = e.to_string();
    assert_ne!(chinese, english, "no Chinese for: {}", e.problem);
    assert!(
        chinese.starts_with(
            english
                .strip_suffix(e.problem.to_string().as_str())
                .expect("place")
        ),
        "{chinese}"
    );
    assert!(
        chinese
            .chars()
            .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
        "{chinese}"
    );
}

fn replaced(from: &str, to: &str) -> String {
    assert!(BASE.contains(from), "{from}");
    BASE.replacen(from, to, 1)
}

#[test]
fn the_base_scenario_is_valid() {
    assert_eq!(scenario_message(BASE), "ok");
}

#[test]
fn syntax_errors() {
    let cases = [
        (
            replaced("version: 4,", "version: 4"),
            "s.ron:3:5: expected `,` between fields: the one before this does not end with `,`",
        ),
        (
            "(\n    version: 4,\n    name: \"Golden\n".to_string(),
            "s.ron:3:11: name: a quoted text is not closed: a `\"` is missing",
        ),
        (
            BASE[..BASE.find("fleet").expect("fleet")].to_string(),
            "s.ron:7:7: the file ends too early: a bracket or a quote is not closed",
        ),
        (
            format!("{BASE}(extra)"),
            "s.ron:11:2: unexpected text after the end of the document",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(scenario_message(&text), expected, "{text}");
    }
}

#[test]
fn unknown_fields_name_the_field_and_suggest_the_near_one() {
    assert_eq!(
        scenario_message(&replaced("pue:", "peu:")),
        "s.ron:6:9: site.peu: unknown field (did you mean `pue`?); allowed fields: `region`, \
         `mix`, `intensity_method`, `emission_table`, `electricity_usd_per_kwh`, `pue`, \
         `uptime_pct`, `pool_fee_pct`, `opex_usd_per_month`, `carbon_price_usd_per_t`"
    );
    assert_eq!(
        scenario_message(&replaced("units: 10", "units: 10, colour: \"red\"")),
        "s.ron:9:44: fleet[0].colour: unknown field; allowed fields: `miner`, `name`, \
         `hashrate_ths`, `power_w`, `units`, `unit_cost_usd`, `modes`"
    );
    assert_eq!(
        scenario_message(&replaced(
            "region: \"texas-ercot\",",
            "region: \"texas-ercot\", intensity_method: Mesured,"
        )),
        "s.ron:5:50: site.intensity_method: `Mesured` is not allowed (did you mean `Measured`?); \
         must be one of `Measured`, `Mix`"
    );
}

#[test]
fn missing_and_duplicate_fields() {
    let library = PresetLibrary::builtin();
    let miner = hashwatt::presets::builtin_files(PresetKind::Miner)
        .iter()
        .find(|(path, _)| path.ends_with("antminer-s21.ron"))
        .map(|(_, text)| *text)
        .expect("s21 preset");
    let without_power: String = miner
        .lines()
        .filter(|line| !line.trim_start().starts_with("power_w:"))
        .map(|line| format!("{line}\n"))
        .collect();
    let error = library
        .clone()
        .try_add_text(PresetKind::Miner, "m.ron", &without_power)
        .expect_err("power_w is required");
    assert_translated(&error);
    assert!(
        error.to_string().starts_with("m.ron:")
            && error
                .to_string()
                .ends_with(": power_w: missing; it is required"),
        "{error}"
    );
    assert_eq!(
        scenario_message(&replaced("pue: 1.1,", "pue: 1.1, pue: 1.2,")),
        "s.ron:6:19: site.pue: written twice; keep one of them"
    );
}

#[test]
fn wrong_types() {
    let cases = [
        (
            replaced("units: 10", "units: \"ten\""),
            "s.ron:9:39: fleet[0].units: expected a whole number",
        ),
        (
            replaced("units: 10", "units: 2.5"),
            "s.ron:9:41: fleet[0].units: expected a whole number",
        ),
        (
            replaced("units: 10", "units: -3"),
            "s.ron:9:41: fleet[0].units: must not be negative",
        ),
        (
            replaced("pue: 1.1", "pue: \"low\""),
            "s.ron:6:13: site.pue: expected a number",
        ),
        (
            replaced("name: \"Golden\"", "name: 7"),
            "s.ron:3:10: name: expected text in double quotes",
        ),
        (
            replaced("fleet: [", "fleet: ("),
            "s.ron:8:11: fleet: expected a list in [ ]",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(scenario_message(&text), expected, "{text}");
    }
}

#[test]
fn numbers_out_of_range_nan_and_infinity() {
    let cases = [
        (
            replaced("pue: 1.1", "pue: 0.5"),
            "s.ron:6:9: site.pue: 0.5 is not allowed; must be a number from 1 to 5",
        ),
        (
            replaced("pue: 1.1", "pue: NaN"),
            "s.ron:6:9: site.pue: NaN is not allowed; must be a number from 1 to 5",
        ),
        (
            replaced("pue: 1.1", "pue: inf"),
            "s.ron:6:9: site.pue: infinity is not allowed; must be a number from 1 to 5",
        ),
        (
            replaced("units: 10", "units: 2000000000"),
            "s.ron:9:33: fleet[0].units: 2e9 is not allowed; must be a whole number from 0 to 1e9 units",
        ),
    ];
    for (text, expected) in cases {
        assert_eq!(scenario_message(&text), expected, "{text}");
    }
}

#[test]
fn shares_that_do_not_sum_to_100() {
    let text = replaced("region: \"texas-ercot\",", "mix: (coal: 60, hydro: 30),");
    assert_eq!(
        scenario_message(&text),
        "s.ron:5:9: site.mix: the shares sum to 90; they must sum to 100 ± 0.1 %"
    );
}

#[test]
fn unknown_ids_suggest_the_near_one() {
    assert_eq!(
        scenario_message(&replaced("\"texas-ercot\"", "\"texas-ercott\"")),
        "s.ron:5:17: site.region: unknown region \"texas-ercott\" (did you mean \"texas-ercot\"?); \
         `hashwatt presets list regions` shows the known ids"
    );
    assert_eq!(
        scenario_message(&replaced("\"antminer-s21\"", "\"antminer-s99\"")),
        "s.ron:9:17: fleet[0].miner: unknown miner \"antminer-s99\" (did you mean \"antminer-s19\"?); \
         `hashwatt presets list miners` shows the known ids"
    );
}

#[test]
fn duplicate_ids_in_the_user_folder() {
    let dir = common::temp_dir("golden-duplicate-ids");
    let regions = dir.join("regions");
    std::fs::create_dir_all(&regions).expect("folder");
    let texas = hashwatt::presets::builtin_files(PresetKind::Region)
        .iter()
        .find(|(path, _)| path.ends_with("texas-ercot.ron"))
        .map(|(_, text)| *text)
        .expect("texas preset");
    let mine = texas.replacen("id: \"texas-ercot\"", "id: \"my-site\"", 1);
    std::fs::write(regions.join("a.ron"), &mine).expect("a");
    std::fs::write(regions.join("b.ron"), &mine).expect("b");
    let library = PresetLibrary::with_user_folder(Some(&dir));
    library.problems.iter().for_each(assert_translated);
    let problems: Vec<String> = library.problems.iter().map(ToString::to_string).collect();
    let a = regions.join("a.ron").display().to_string();
    let b = regions.join("b.ron").display().to_string();
    assert_eq!(
        problems,
        vec![format!(
            "{b}:2:5: id: the id \"my-site\" is also used by {a}; this file is skipped"
        )]
    );
    // The first file loaded; the built-ins are all still there.
    assert!(library.region("my-site").is_some());
    assert!(library.region("texas-ercot").is_some());
}

#[test]
fn empty_binary_and_oversized_files() {
    let dir = common::temp_dir("golden-files");
    let library = PresetLibrary::builtin();
    let message = |name: &str, bytes: &[u8]| {
        let path = dir.join(name);
        std::fs::write(&path, bytes).expect("write");
        let error = load_scenario(&path, &library).expect_err("refused");
        assert_translated(&error);
        error
            .to_string()
            .replacen(&path.display().to_string(), name, 1)
    };
    assert_eq!(message("empty.ron", b""), "empty.ron: the file is empty");
    assert_eq!(
        message("blank.ron", b" \n\t\n"),
        "blank.ron: the file is empty"
    );
    assert_eq!(
        message("binary.ron", b"(\x00\xff\xfe version"),
        "binary.ron: the file is not UTF-8 text (invalid byte at offset 2)"
    );
    let mut big = BASE.as_bytes().to_vec();
    big.resize(1024 * 1024 + 1, b' ');
    assert_eq!(
        message("big.ron", &big),
        "big.ron: the file is larger than 1024 KiB; a hashwatt file is far smaller"
    );
    // Exactly at the limit is read.
    big.truncate(1024 * 1024);
    let path = dir.join("limit.ron");
    std::fs::write(&path, &big).expect("write");
    assert!(load_scenario(&path, &library).is_ok());
    assert_eq!(
        message_of_missing(&dir),
        "missing.ron: cannot open the file: no such file"
    );
}

fn message_of_missing(dir: &std::path::Path) -> String {
    let path = dir.join("missing.ron");
    let error = load_scenario(&path, &PresetLibrary::builtin()).expect_err("missing");
    error
        .to_string()
        .replacen(&path.display().to_string(), "missing.ron", 1)
}

#[test]
fn newer_versions_are_refused_naming_both() {
    assert_eq!(
        scenario_message(&replaced("version: 4", "version: 5")),
        "s.ron:2:5: version: the file is format version 5, written by a newer hashwatt; this \
         build reads version 4"
    );
    assert_eq!(
        scenario_message(&replaced("version: 4", "version: 0")),
        "s.ron:2:5: version: 0 is not allowed; must be a format version from 1 to 4"
    );
    // A newer file with fields this build does not know: the version is the reason given,
    // wherever the new fields stand (before or after the version).
    let newer = replaced("version: 4", "version: 5")
        .replace("pue: 1.1,", "pue: 1.1,\n        new_field: 1,");
    assert_eq!(
        scenario_message(&newer),
        "s.ron:2:5: version: the file is format version 5, written by a newer hashwatt; this \
         build reads version 4"
    );
    let first = newer.replacen("(\n", "(\n    another_new: (a: 1),\n", 1);
    assert_eq!(
        scenario_message(&first),
        "s.ron:3:5: version: the file is format version 5, written by a newer hashwatt; this \
         build reads version 4"
    );
}

#[test]
fn a_version_2_migration_names_only_the_settings_the_file_leaves_out() {
    let dir = common::temp_dir("golden-migrate-some");
    let path = dir.join("v2.ron");
    let v2 = "(\n    version: 2,\n    site: (region: \"texas-ercot\"),\n    projection: (months: 36, \
              loan_usd: 1000, paths: 500),\n)\n";
    std::fs::write(&path, v2).expect("write");
    let (doc, _, migration) =
        load_scenario_noting(&path, &PresetLibrary::builtin()).expect("migrated");
    assert_eq!(
        (doc.projection.loan_usd, doc.projection.paths),
        (1000.0, 500)
    );
    let note = migration.expect("a migration note").to_string();
    assert!(
        note.contains(
            "`projection` gained the investment and uncertainty settings; those the file does \
             not set are at their defaults: `discount_rate_pct_per_year`, `loan_rate_pct_per_year`, \
             `loan_months`, `hosting_usd_per_kwh`,"
        ),
        "{note}"
    );
    assert!(
        !note.contains("`loan_usd`") && !note.contains("`paths`"),
        "{note}"
    );
}

#[test]
fn version_1_files_are_migrated_and_say_so() {
    let dir = common::temp_dir("golden-migrate");
    let path = dir.join("old.ron");
    let v1 = "(\n    version: 1,\n    site: (region: \"texas-ercot\", emission_factors: \"real-fleet\"),\n)\n";
    std::fs::write(&path, v1).expect("write");
    let (doc, _, migration) =
        load_scenario_noting(&path, &PresetLibrary::builtin()).expect("migrated");
    assert_eq!(doc.version, 4);
    assert_eq!(doc.site.emission_table, "real-fleet");
    let migration = migration.expect("a migration note");
    assert_eq!(
        migration.to_string(),
        format!(
            "{}: migrated from format version 1 to 4 (`site.emission_factors` is now \
             `emission_table`; `projection` gained the investment and uncertainty settings, at \
             their defaults); saving writes version 4",
            path.display()
        )
    );
    // An unknown table under the old name points at the old name.
    assert_eq!(
        scenario_message(&v1.replace("real-fleet", "reel-fleet")),
        "s.ron:3:53: site.emission_factors: unknown emission-factor table \"reel-fleet\" (did \
         you mean \"real-fleet\"?); `hashwatt presets list emission-factors` shows the known ids"
    );
    // A version 2 file must use the new name.
    assert_eq!(
        scenario_message(&v1.replace("version: 1", "version: 2")),
        "s.ron:3:35: site.emission_factors: renamed in format version 2; write `emission_table` \
         instead"
    );
    // A current file is not migrated.
    std::fs::write(&path, BASE).expect("write");
    let (_, _, none) = load_scenario_noting(&path, &PresetLibrary::builtin()).expect("loads");
    assert_eq!(none, None);
}

#[test]
fn on_the_command_line_bad_files_exit_2_with_the_message_on_stderr() {
    let cases = [
        ("empty.ron", String::new(), "the file is empty"),
        (
            "typo.ron",
            replaced("pue:", "peu:"),
            "6:9: site.peu: unknown field (did you mean `pue`?)",
        ),
        (
            "newer.ron",
            replaced("version: 4", "version: 9"),
            "2:5: version: the file is format version 9, written by a newer hashwatt; this build \
             reads version 4",
        ),
    ];
    for (name, text, expected) in cases {
        let path = common::temp_file(name, &text);
        let shown = path.display().to_string();
        let out = common::hashwatt(&["report", &shown]);
        assert_eq!(out.status.code(), Some(2), "{name}");
        assert!(out.stdout.is_empty(), "{name}");
        let err = common::stderr(&out);
        assert_eq!(err.lines().count(), 1, "{err}");
        assert!(
            err.starts_with(&format!("error: {shown}")) && err.contains(expected),
            "{name}: {err}"
        );
    }
}

#[test]
fn on_the_command_line_a_version_1_file_runs_with_a_note() {
    let path = common::temp_file(
        "old-format.ron",
        "(version: 1, site: (region: \"quebec\", emission_factors: \"real-fleet\"))",
    );
    let shown = path.display().to_string();
    let out = common::hashwatt(&["report", &shown, "--json"]);
    assert_eq!(out.status.code(), Some(0));
    assert_eq!(
        common::stderr(&out),
        format!(
            "note: {shown}: migrated from format version 1 to 4 (`site.emission_factors` is now \
             `emission_table`; `projection` gained the investment and uncertainty settings, at \
             their defaults); saving writes version 4\n"
        )
    );
    let chinese = common::hashwatt_with(&["report", &shown, "--json"], &[("HASHWATT_LANG", "zh")]);
    assert!(common::stderr(&chinese).starts_with("提示："));
    assert_eq!(chinese.stdout, out.stdout);
}

#[test]
fn chinese_messages_read_naturally() {
    let library = PresetLibrary::builtin();
    let zh = |text: &str| {
        let doc = parse_scenario("s.ron", text);
        let error = doc
            .and_then(|doc| resolve_in_file("s.ron", text, &doc, &library))
            .expect_err("refused");
        error.localized(Lang::Zh)
    };
    assert_eq!(
        zh(&replaced("pue: 1.1", "pue: 0.5")),
        "s.ron:6:9: site.pue: 不允许 0.5；必须是 1 到 5 之间的数"
    );
    assert_eq!(
        zh(&replaced("pue:", "peu:")),
        "s.ron:6:9: site.peu: 未知字段（是否应为 `pue`？）；可用字段：`region`, `mix`, \
         `intensity_method`, `emission_table`, `electricity_usd_per_kwh`, `pue`, `uptime_pct`, \
         `pool_fee_pct`, `opex_usd_per_month`, `carbon_price_usd_per_t`"
    );
    assert_eq!(
        zh(&replaced("\"texas-ercot\"", "\"texas-ercott\"")),
        "s.ron:5:17: site.region: 未知的地区 \"texas-ercott\"（是否应为 \"texas-ercot\"？）；\
         `hashwatt presets list regions` 列出所有已知 id"
    );
}

#[test]
fn on_the_command_line_file_errors_speak_the_chosen_language() {
    let path = common::temp_file("typo-zh.ron", &replaced("pue: 1.1", "pue: 9"));
    let shown = path.display().to_string();
    let out = common::hashwatt(&["--lang", "zh", "report", &shown]);
    assert_eq!(out.status.code(), Some(2));
    assert_eq!(
        common::stderr(&out),
        format!("错误：{shown}:6:9: site.pue: 不允许 9；必须是 1 到 5 之间的数\n")
    );
}

/// Errors the readers, the resolver and the engine report are typed and said in the chosen
/// language whole: nothing falls back to English on the command line in Chinese.
#[test]
fn chinese_errors_are_chinese_throughout() {
    let cases: [(&[&str], &str); 3] = [
        (
            &["--lang", "zh", "report", "--region", "atlantis"],
            "错误：--region: 未知的地区 \"atlantis\"；`hashwatt presets list regions` 列出所有已知 id\n",
        ),
        (
            &["--lang", "zh", "network", "--mining-map", "nope"],
            "错误：--mining-map: 未知的挖矿地图 \"nope\"；`hashwatt presets list mining-maps` 列出所有已知 id\n",
        ),
        (
            &["--lang", "zh", "report", "--miner", "antminer-s22"],
            "错误：--miner: 未知的矿机 \"antminer-s22\"（是否应为 \"antminer-s21\"？）；`hashwatt presets list miners` 列出所有已知 id\n",
        ),
    ];
    for (args, expected) in cases {
        let out = common::hashwatt(args);
        assert_eq!(out.status.code(), Some(2), "{args:?}");
        assert_eq!(common::stderr(&out), expected, "{args:?}");
    }
    let file = common::temp_file("zh-pue.ron", "(site: (pue: 0.5))");
    let out = common::hashwatt(&["--lang", "zh", "report", file.to_str().unwrap()]);
    assert_eq!(
        common::stderr(&out),
        format!(
            "错误：{}:1:9: site.pue: 不允许 0.5；必须是 1 到 5 之间的数\n",
            file.display()
        )
    );
}
