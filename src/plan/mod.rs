//! Plan sources: the model, loading with source positions, validation.

mod de;
pub mod diff;
mod encoding;
pub mod json_schema;
pub mod load;
pub mod model;
mod rules;
pub mod schema;
pub mod validate;
mod walk;
mod yaml;

pub use model::Plan;
