//! The `newslint` command: parse arguments, call the library, exit 0 (clean), 1 (findings
//! at or above `--fail-on`) or 2 (usage, config or input error).

mod cli;
#[cfg(target_os = "linux")]
mod huge_pages;

#[cfg(target_os = "linux")]
#[global_allocator]
static ALLOCATOR: huge_pages::HugePageAlloc = huge_pages::HugePageAlloc;

fn main() {
    std::process::exit(cli::run());
}
