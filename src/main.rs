//! The `kehoach` command line.
fn main() {}
