//! The `kehoach` command line; all logic lives in `kehoach::cli`.
fn main() {
    std::process::exit(kehoach::cli::run());
}
