//! Arbitrary bytes to the scenario reader: parse (as `hashwatt report FILE` and the window's
//! Open do), then resolve against the built-in presets, and evaluate and project what resolves.
//! libFuzzer reports any panic. Refusals must name the file.

#![no_main]

use hashwatt_core::model::{evaluate, project};
use hashwatt_core::presets::PresetLibrary;
use hashwatt_core::resolve::resolve_in_file;
use hashwatt_core::scenario_io::{parse_scenario, scenario_to_ron};
use libfuzzer_sys::fuzz_target;
use std::sync::LazyLock;

static LIBRARY: LazyLock<PresetLibrary> = LazyLock::new(PresetLibrary::builtin);

const PATH: &str = "fuzz.ron";

fuzz_target!(|data: &[u8]| {
    // Files that are not UTF-8 are refused by `read_text` before any parser sees them.
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    let doc = match parse_scenario(PATH, text) {
        Ok(doc) => doc,
        Err(e) => {
            assert_eq!(e.path, PATH);
            assert!(!e.problem.to_string().trim().is_empty(), "{e:?}");
            return;
        }
    };
    match resolve_in_file(PATH, text, &doc, &*LIBRARY) {
        Ok(scenario) => {
            let evaluation = evaluate(&scenario);
            let projection = project(&scenario, &doc.projection);
            std::hint::black_box((evaluation, projection));
            // What resolves saves and opens unchanged.
            let saved = scenario_to_ron(&doc);
            assert_eq!(parse_scenario(PATH, &saved).as_ref(), Ok(&doc), "{saved}");
        }
        Err(e) => {
            assert_eq!(e.path, PATH);
            assert!(!e.problem.to_string().trim().is_empty(), "{e:?}");
        }
    }
});
