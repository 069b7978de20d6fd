//! User presets folders for the tests: a region, a miner and an emission table of a user's own,
//! made from built-in files with a new id and changed figures.

use super::{PresetKind, builtin_files};
use std::path::{Path, PathBuf};

/// A fresh, empty folder for one test.
pub fn temp_folder(test: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("hashwatt-core-{}-{test}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

pub fn builtin_text(kind: PresetKind, id: &str) -> &'static str {
    builtin_files(kind)
        .iter()
        .find(|(path, _)| path.ends_with(&format!("/{id}.ron")))
        .map(|(_, text)| *text)
        .unwrap_or_else(|| panic!("no built-in {id}"))
}

/// The region "my-site": Alberta with another id and a power price of 0.031 USD/kWh.
pub fn my_site() -> String {
    let alberta = builtin_text(PresetKind::Region, "alberta");
    assert!(
        alberta.contains("electricity_price_usd_per_kwh: (value: 0.0458,"),
        "Alberta's listed price changed"
    );
    alberta
        .replace("id: \"alberta\"", "id: \"my-site\"")
        .replace("name: \"Alberta\"", "name: \"My site\"")
        .replace(
            "electricity_price_usd_per_kwh: (value: 0.0458,",
            "electricity_price_usd_per_kwh: (value: 0.031,",
        )
}

/// The miner "my-rig": an S21 drawing 3,300 W.
pub fn my_rig() -> String {
    builtin_text(PresetKind::Miner, "antminer-s21")
        .replace("id: \"antminer-s21\"", "id: \"my-rig\"")
        .replace("power_w: 3500,", "power_w: 3300,")
        .replace(
            "stated_efficiency_j_per_th: 17.5,",
            "stated_efficiency_j_per_th: 16.5,",
        )
}

/// The emission table "my-table": IPCC AR5 with coal at 1,050 g/kWh.
pub fn my_table() -> String {
    builtin_text(PresetKind::EmissionTable, "ipcc-ar5-lifecycle")
        .replace("id: \"ipcc-ar5-lifecycle\"", "id: \"my-table\"")
        .replace(
            "central: 820, low: 740, high: 910",
            "central: 1050, low: 740, high: 1100",
        )
}

pub fn write(folder: &Path, kind: PresetKind, file: &str, text: &str) -> PathBuf {
    let dir = folder.join(kind.folder());
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(file);
    std::fs::write(&path, text).unwrap();
    path
}

/// A presets folder holding "my-site", "my-rig" and "my-table".
pub fn user_folder(test: &str) -> PathBuf {
    let folder = temp_folder(test);
    write(&folder, PresetKind::Region, "my-site.ron", &my_site());
    write(&folder, PresetKind::Miner, "my-rig.ron", &my_rig());
    write(
        &folder,
        PresetKind::EmissionTable,
        "my-table.ron",
        &my_table(),
    );
    folder
}

/// A scenario using the three user presets and a built-in market.
pub const SCENARIO: &str = "(\n    version: 4,\n    name: \"Shared\",\n    site: (region: \"my-site\", emission_table: \"my-table\"),\n    fleet: [(miner: \"my-rig\", units: 10), (miner: \"antminer-s21\", units: 2)],\n    market: (preset: \"2025-12\"),\n)\n";
