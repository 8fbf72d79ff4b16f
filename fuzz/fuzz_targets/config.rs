//! cargo-fuzz target `config`; the body is `newslint_fuzz::config` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newslint_fuzz::config(data));
