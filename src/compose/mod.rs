//! Composition: plan → document model (owned by the compose work).
