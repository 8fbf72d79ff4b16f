//! cargo-fuzz target `html`; the body is `newslint_fuzz::html` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newslint_fuzz::html(data));
