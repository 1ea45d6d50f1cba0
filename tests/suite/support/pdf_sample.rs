//! The PDF tests' names for the shared sample builder: the sample plan with
//! `rows` appendix rows is [`sample`].
#![allow(unused_imports)]

pub use super::sample_doc::long_sample as sample;
pub use super::sample_doc::*;
