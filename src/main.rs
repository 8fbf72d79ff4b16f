//! The `newslint` command: parse arguments, call the library, exit 0 (clean), 1 (findings
//! at or above `--fail-on`) or 2 (usage, config or input error).

mod cli;

fn main() {
    std::process::exit(cli::run());
}
