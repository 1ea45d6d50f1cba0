//! Vietnamese text rules (owned by the vn work).
