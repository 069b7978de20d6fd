//! `hashwatt` opens the app; `hashwatt <subcommand>` runs the command line without a window.

use std::process::ExitCode;

fn main() -> ExitCode {
    hashwatt::gui::mark_start();
    let args: Vec<std::ffi::OsString> = std::env::args_os().collect();
    // `--lang zh` alone before nothing but a file also opens the window, in that language.
    let (lang, rest) = match args.get(1..3) {
        Some([flag, code]) if flag == "--lang" => match code.to_str().map(lang_named) {
            Some(Some(lang)) => (Some(lang), &args[3..]),
            _ => (None, &args[1..]),
        },
        _ => (None, args.get(1..).unwrap_or_default()),
    };
    match rest {
        [] if lang.is_some() || args.len() == 1 => hashwatt::gui::run(None, lang),
        // A lone scenario file (as a desktop "Open with" passes it) opens in the window.
        [file]
            if std::path::Path::new(file)
                .extension()
                .is_some_and(|e| e == "ron") =>
        {
            hashwatt::gui::run(Some(file.into()), lang)
        }
        _ => hashwatt::cli::run(args),
    }
}

fn lang_named(code: &str) -> Option<hashwatt::i18n::Lang> {
    hashwatt::i18n::Lang::ALL
        .into_iter()
        .find(|l| l.code().eq_ignore_ascii_case(code))
}
