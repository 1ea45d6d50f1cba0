//! Plan sources: the model, loading with source positions, validation.

pub mod load;
pub mod model;
mod rules;
pub mod schema;
pub mod validate;

pub use model::Plan;
