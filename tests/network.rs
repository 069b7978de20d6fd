//! `hashwatt network` as a user meets it: spawn the binary, read stdout, stderr and the exit code.

mod common;
use common::*;

fn json(args: &[&str]) -> serde_json::Value {
    let mut all = vec!["network"];
    all.extend_from_slice(args);
    all.push("--json");
    let o = hashwatt(&all);
    assert!(o.status.success(), "{}", stderr(&o));
    serde_json::from_str(&stdout(&o)).expect("valid JSON")
}

fn num(v: &serde_json::Value, key: &str) -> f64 {
    v[key]
        .as_f64()
        .unwrap_or_else(|| panic!("{key} is {}", v[key]))
}

const KEYS: [&str; 18] = [
    "network_hashrate_ehs",
    "hashprice_usd_per_ph_day",
    "electricity_usd_kwh",
    "break_even_efficiency_j_per_th",
    "grid_intensity_g_per_kwh",
    "unattributed_hashrate_pct",
    "efficiency_j_per_th",
    "network_power_gw",
    "network_energy_twh_per_year",
    "network_co2_mt_per_year",
    "efficiency_j_per_th_lower",
    "network_power_gw_lower",
    "network_energy_twh_per_year_lower",
    "network_co2_mt_per_year_lower",
    "efficiency_j_per_th_upper",
    "network_power_gw_upper",
    "network_energy_twh_per_year_upper",
    "network_co2_mt_per_year_upper",
];

#[test]
fn json_has_the_documented_keys_and_ordered_bounds() {
    let v = json(&[]);
    assert_keys(&v, &KEYS);
    // The newest snapshot, at CBECI's $0.05/kWh, on the world-average grid.
    assert!(num(&v, "network_hashrate_ehs") > 1000.0);
    assert_eq!(num(&v, "electricity_usd_kwh"), 0.05);
    assert_eq!(num(&v, "grid_intensity_g_per_kwh"), 472.94);
    assert!(v["unattributed_hashrate_pct"].is_null());
    for what in [
        "network_power_gw",
        "network_energy_twh_per_year",
        "network_co2_mt_per_year",
    ] {
        let lower = num(&v, &format!("{what}_lower"));
        let best = num(&v, what);
        let upper = num(&v, &format!("{what}_upper"));
        assert!(
            lower <= best && best <= upper,
            "{what}: {lower} {best} {upper}"
        );
    }
}

#[test]
fn cambridge_2024_figure_from_the_flags() {
    // 28.2 J/TH at PUE 1 on the 557 EH/s that 15.7 GW implies: 138 TWh (CCAF, April 2025).
    let v = json(&[
        "--network-hashrate-ehs",
        "557",
        "--efficiency-j-th",
        "28.2",
        "--pue",
        "1",
    ]);
    let twh = num(&v, "network_energy_twh_per_year");
    assert!((twh - 138.0).abs() < 0.5, "{twh}");
    assert!((num(&v, "network_power_gw") - 15.7).abs() < 0.05);
    assert_eq!(num(&v, "efficiency_j_per_th"), 28.2);
    // CO₂ = TWh × g/kWh / 1000.
    let co2 = num(&v, "network_co2_mt_per_year");
    assert!((co2 - twh * 472.94 / 1000.0).abs() < 1e-6);
}

/// `hashwatt network --market 2021-07`: Cambridge's 2023 method with the History's basket at
/// the snapshot's month (August 2021), no longer the presets' basket by year (38.4 TWh).
#[test]
fn the_2021_snapshot_is_counted_with_the_historys_basket() {
    let v = json(&["--market", "2021-07"]);
    let best = num(&v, "network_energy_twh_per_year");
    assert!((best - 60.42).abs() < 0.05, "{best}");
    // Cambridge's revised 2021 figure, 89.0 TWh, lies inside the band.
    let lower = num(&v, "network_energy_twh_per_year_lower");
    let upper = num(&v, "network_energy_twh_per_year_upper");
    assert!(lower < 89.0 && 89.0 < upper, "{lower} {upper}");
    let o = hashwatt(&["network", "--market", "2021-07"]);
    assert!(
        stdout(&o).contains("of the history's basket released 2016-08 to 2021-07"),
        "{}",
        stdout(&o)
    );
}

#[test]
fn a_mining_map_says_what_it_leaves_unattributed() {
    let v = json(&["--mining-map", "ccaf-2022-01"]);
    assert!((num(&v, "unattributed_hashrate_pct") - 16.69).abs() < 1e-6);
    let world = json(&[]);
    assert_ne!(
        num(&v, "grid_intensity_g_per_kwh"),
        num(&world, "grid_intensity_g_per_kwh")
    );
    let o = hashwatt(&["network", "--mining-map", "ccaf-2022-01"]);
    assert!(o.status.success());
    assert!(
        stdout(&o).contains("16.69 % of the hashrate is unattributed"),
        "{}",
        stdout(&o)
    );
    let kz = json(&["--region", "kazakhstan"]);
    assert_eq!(num(&kz, "grid_intensity_g_per_kwh"), 802.0);
}

#[test]
fn nothing_profitable_gives_nulls() {
    // At $5/kWh no machine earns its power: the bounds are undefined.
    let v = json(&["--electricity-usd-kwh", "5"]);
    for key in [
        "network_power_gw",
        "network_power_gw_lower",
        "network_power_gw_upper",
        "network_co2_mt_per_year",
    ] {
        assert!(v[key].is_null(), "{key} is {}", v[key]);
    }
    let o = hashwatt(&["network", "--electricity-usd-kwh", "5"]);
    assert!(o.status.success());
    assert!(stdout(&o).contains("No machine is profitable"));
}

#[test]
fn the_table_shows_the_three_bounds() {
    let o = hashwatt(&["network"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    for line in [
        "Lower bound",
        "Best guess",
        "Upper bound",
        "TWh/year",
        "World average",
    ] {
        assert!(out.contains(line), "{line} missing:\n{out}");
    }
}

#[test]
fn bad_input_exits_2_with_one_line_naming_the_flag() {
    let err = refused(&["network", "--pue", "0.9"]);
    assert!(err.contains("--pue"), "{err}");
    let err = refused(&["network", "--efficiency-j-th", "0"]);
    assert!(err.contains("--efficiency-j-th"), "{err}");
    let err = refused(&["network", "--network-hashrate-ehs", "nan"]);
    assert!(err.contains("--network-hashrate-ehs"), "{err}");
    let err = refused(&["network", "--electricity-usd-kwh", "-1"]);
    assert!(err.contains("--electricity-usd-kwh"), "{err}");
    let err = refused(&["network", "--region", "kazakstan"]);
    assert!(
        err.starts_with(
            "error: --region: unknown region \"kazakstan\" (did you mean \"kazakhstan\"?)"
        ),
        "{err}"
    );
    let err = refused(&["network", "--mining-map", "ccaf-2022-1"]);
    assert!(
        err.starts_with("error: --mining-map: unknown mining map \"ccaf-2022-1\" (did you mean \"ccaf-2022-01\"?)")
            && err.contains("`hashwatt presets list mining-maps`"),
        "{err}"
    );
    let err = refused(&["network", "--market", "2031-01"]);
    assert!(err.contains("--market"), "{err}");
    let err = refused(&[
        "network",
        "--region",
        "world",
        "--mining-map",
        "ccaf-2022-01",
    ]);
    assert!(
        err.contains("--region") && err.contains("--mining-map"),
        "{err}"
    );
}

#[test]
fn mining_maps_are_listed_and_shown() {
    let o = hashwatt(&["presets", "list", "mining-maps"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let out = stdout(&o);
    assert!(out.starts_with("mining-maps (4)"), "{out}");
    assert!(out.contains("survey (not comparable)"));
    let o = hashwatt(&["presets", "show", "ccaf-2020-04", "--json"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let v: serde_json::Value = serde_json::from_str(&stdout(&o)).unwrap();
    assert_eq!(v["shares"][0]["region"], "xinjiang");
}

#[test]
fn a_user_mining_map_with_an_unknown_region_is_skipped_with_a_warning() {
    let dir = temp_dir("user-mining-map");
    std::fs::create_dir_all(dir.join("mining-maps")).unwrap();
    std::fs::write(
        dir.join("mining-maps/bad.ron"),
        r#"(id: "bad", name: "Bad", date: "2023-01-31", period: "x", basis: Survey,
            source: "mine", grade: Estimate, shares: [(region: "atlantis", share_pct: 10)])"#,
    )
    .unwrap();
    let o = command()
        .args(["presets", "list", "mining-maps"])
        .env("HASHWATT_PRESETS_DIR", &dir)
        .output()
        .unwrap();
    assert!(o.status.success());
    let err = stderr(&o);
    assert!(
        err.contains("bad.ron") && err.contains("shares[0].region") && err.contains("atlantis"),
        "{err}"
    );
    assert!(stdout(&o).starts_with("mining-maps (4)"));
}

#[test]
fn the_table_speaks_chinese_with_the_same_numbers() {
    use hashwatt::i18n::{Lang, strings};
    let en = stdout(&hashwatt(&["network"]));
    let o = hashwatt(&["--lang", "zh", "network"]);
    assert!(o.status.success(), "{}", stderr(&o));
    let zh = stdout(&o);
    let words = &strings(Lang::Zh).network;
    for word in [
        words.lower,
        words.best_guess,
        words.upper,
        words.bounds_title,
    ] {
        assert!(zh.contains(word), "{word}:\n{zh}");
    }
    // The bounds' numbers, row by row, are the English ones.
    let numbers = |text: &str, label: &str| -> Vec<String> {
        let line = text
            .lines()
            .find(|l| l.trim_start().starts_with(label))
            .unwrap_or_else(|| panic!("{label}:\n{text}"));
        line[line.find(label).unwrap() + label.len()..]
            .split_whitespace()
            .map(str::to_string)
            .collect()
    };
    let en_words = &strings(Lang::En).network;
    for (en_label, zh_label) in [
        (en_words.lower, words.lower),
        (en_words.best_guess, words.best_guess),
        (en_words.upper, words.upper),
    ] {
        assert_eq!(numbers(&zh, zh_label), numbers(&en, en_label));
    }
    // JSON stays the same.
    let en = hashwatt(&["network", "--json"]);
    let zh = hashwatt(&["network", "--json", "--lang", "zh"]);
    assert_eq!(zh.stdout, en.stdout);
}

/// The basis of the network's emissions is described in the chosen language: its convention
/// and grade words come from the string tables (the dataset's own name stays as published).
#[test]
fn the_emissions_basis_is_said_in_chinese() {
    let zh = common::stdout(&common::hashwatt(&["--lang", "zh", "network"]));
    assert!(
        zh.contains("(Ember，全生命周期，按发电侧计, 2024, 实测)"),
        "{zh}"
    );
    let en = common::stdout(&common::hashwatt(&["network"]));
    assert!(
        en.contains("(Ember, life-cycle, production-based, 2024, measured)"),
        "{en}"
    );
}
