//! cargo-fuzz target `markdown`; the body is `newslint_fuzz::markdown` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newslint_fuzz::markdown(data));
