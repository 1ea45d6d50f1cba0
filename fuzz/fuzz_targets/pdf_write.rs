//! cargo-fuzz target: arbitrary document model → PDF layout and writer.
#![no_main]

#[path = "../common/docgen.rs"]
mod docgen;
#[path = "../common/targets.rs"]
#[allow(dead_code)]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    targets::pdf_write(data);
});
