//! Loading plan sources (owned by the plan-sources work).
