//! cargo-fuzz target: plan bytes → load → validate → compose through the built-in template.
#![no_main]

#[path = "../common/docgen.rs"]
#[allow(dead_code)]
mod docgen;
#[path = "../common/targets.rs"]
#[allow(dead_code)]
mod targets;

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    targets::compose(data);
});
