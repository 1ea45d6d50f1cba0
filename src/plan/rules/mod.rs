//! Validation rules, one file per area of the plan.

pub(crate) mod body;
pub(crate) mod header;
pub(crate) mod signer;
pub(crate) mod tables;
