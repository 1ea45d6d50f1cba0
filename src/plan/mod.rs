//! Plan sources: the model, loading with source positions, validation.

pub mod diff;
pub mod load;
pub mod model;
pub mod schema;
pub mod validate;

pub use model::Plan;
