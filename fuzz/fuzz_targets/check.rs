//! cargo-fuzz target `check`; the body is `newslint_fuzz::check` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newslint_fuzz::check(data));
