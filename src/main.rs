//! The `loket` binary: everything happens in `loket::cli`.

fn main() {
    std::process::exit(loket::cli::main());
}
