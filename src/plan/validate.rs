//! Validation rules (owned by the plan-sources work).
