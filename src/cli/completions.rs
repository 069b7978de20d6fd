//! `hashwatt completions bash|zsh|fish` and `hashwatt man`: the shell completions and the
//! manual page, generated from the same argument definitions the command line parses with, so
//! they cannot drift from it. The Debian package installs what these print.

use clap::Args;
use std::io::Write as _;

#[derive(Debug, Args)]
pub struct CompletionsArgs {
    /// The shell to complete in.
    #[arg(value_name = "SHELL", value_parser = ["bash", "zsh", "fish"])]
    pub shell: String,
}

/// The completion script for a shell, of the command line `command` (hashwatt's).
pub fn completions(args: &CompletionsArgs, mut command: clap::Command) -> Vec<u8> {
    use clap_complete::Shell;
    let shell = match args.shell.as_str() {
        "zsh" => Shell::Zsh,
        "fish" => Shell::Fish,
        _ => Shell::Bash,
    };
    let mut out = Vec::new();
    clap_complete::generate(shell, &mut command, "hashwatt", &mut out);
    out
}

/// Escapes text for roff: backslashes, hyphens (so they are not hyphenation points), and a
/// line that would start with a control character.
fn roff(text: &str) -> String {
    text.lines()
        .map(|line| {
            let escaped = line.replace('\\', "\\e").replace('-', "\\-");
            if escaped.starts_with(['.', '\'']) {
                format!("\\&{escaped}")
            } else {
                escaped
            }
        })
        .collect::<Vec<_>>()
        .join("\n")
}

/// One subcommand (and its own subcommands) as a subsection: usage, what it does, its options.
fn subcommand_section(out: &mut Vec<u8>, command: &clap::Command, path: &str) {
    let path = format!("{path} {}", command.get_name());
    if command.has_subcommands() {
        for sub in command.get_subcommands() {
            subcommand_section(out, sub, &path);
        }
        return;
    }
    let _ = writeln!(out, ".SS \"{}\"", roff(&path));
    if let Some(about) = command.get_long_about().or(command.get_about()) {
        let _ = writeln!(out, "{}", roff(&about.to_string()));
    }
    for arg in command.get_arguments() {
        if arg.is_hide_set() || matches!(arg.get_id().as_str(), "help" | "version" | "lang") {
            continue;
        }
        let value = arg
            .get_value_names()
            .filter(|_| arg.get_action().takes_values())
            .map(|names| {
                names
                    .iter()
                    .map(|n| format!(" \\fI{}\\fR", roff(n)))
                    .collect::<String>()
            })
            .unwrap_or_default();
        let name = match arg.get_long() {
            Some(long) => format!("\\fB\\-\\-{}\\fR{value}", roff(long)),
            None => value.trim_start().to_string(),
        };
        let _ = writeln!(out, ".TP\n{name}");
        if let Some(help) = arg.get_help() {
            let _ = writeln!(out, "{}", roff(&help.to_string()));
        }
    }
}

/// The manual page, in roff: clap's page of the whole command, then every subcommand with its
/// options (one page: no hashwatt-report(1) pages to install), the files and the environment.
pub fn man(command: clap::Command) -> Vec<u8> {
    let page = clap_mangen::Man::new(command.clone())
        .section("1")
        .manual("hashwatt manual");
    let mut out = Vec::new();
    let _ = page.render_title(&mut out);
    let _ = page.render_name_section(&mut out);
    let _ = page.render_synopsis_section(&mut out);
    let _ = page.render_description_section(&mut out);
    let _ = page.render_options_section(&mut out);
    let _ = writeln!(out, ".SH COMMANDS");
    for sub in command.get_subcommands() {
        if sub.get_name() != "help" {
            subcommand_section(&mut out, sub, "hashwatt");
        }
    }
    let _ = writeln!(
        out,
        "{}",
        [
            ".SH FILES",
            ".TP",
            "\\fI~/.local/share/hashwatt/presets/\\fR",
            "The user's presets (regions/, miners/, emission\\-factors/, markets/, mining\\-maps/, scenarios/): they add to the built\\-in presets or replace them by id. \\fBmarket fetch \\-\\-save\\fR writes markets/\\fIYYYY\\-MM\\-DD\\fR.ron here.",
            ".TP",
            "\\fI*.hashwatt.ron\\fR",
            "A scenario file; any \\fI.ron\\fR scenario file opens too.",
            ".SH ENVIRONMENT",
            ".TP",
            "\\fBHASHWATT_LANG\\fR",
            "The language (en or zh) when \\-\\-lang is not given.",
            ".TP",
            "\\fBHASHWATT_PRESETS_DIR\\fR",
            "Another presets folder.",
            ".TP",
            "\\fBHTTPS_PROXY\\fR, \\fBNO_PROXY\\fR",
            "The proxy for \\fBmarket fetch\\fR and the window's market update, and the hosts that bypass it.",
            ".SH NETWORK",
            "hashwatt works offline. Only \\fBmarket fetch\\fR and the window's Market \\(-> Update from the internet\\&... ask the network, and only when the user does; nothing about the user is sent.",
            ".SH EXIT STATUS",
            "0 on success; 2 for bad input, an unreadable file, or a failed market update (one line on stderr says why).",
        ]
        .join("\n")
    );
    let _ = page.render_version_section(&mut out);
    out
}
