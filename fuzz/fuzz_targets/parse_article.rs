//! cargo-fuzz target `parse_article`; the body is `newslint_fuzz::parse_article` (fuzz/src/lib.rs).
#![no_main]

libfuzzer_sys::fuzz_target!(|data: &[u8]| newslint_fuzz::parse_article(data));
