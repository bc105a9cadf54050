//! Release builds of the binary leave out the unwind tables (README, "Figures": the binary's
//! size). Debug and test builds keep them: tests unwind (`#[should_panic]`, the panic probe).

fn main() {
    println!("cargo:rerun-if-changed=packaging/link/no-unwind-tables.ld");
    println!("cargo:rerun-if-env-changed=PROFILE");
    let release = std::env::var("PROFILE").as_deref() == Ok("release");
    let linux = std::env::var("CARGO_CFG_TARGET_OS").as_deref() == Ok("linux");
    // The profile's `panic = "abort"` is not visible here; `release` is the profile that has it.
    if release && linux {
        let script = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("packaging/link/no-unwind-tables.ld");
        println!("cargo:rustc-link-arg-bins=-Wl,-T,{}", script.display());
    }
    // Identical functions folded into one (monomorphised copies): rust-lld, the linker Rust uses
    // for this target, has it; another target's linker may not.
    if release && std::env::var("TARGET").as_deref() == Ok("x86_64-unknown-linux-gnu") {
        println!("cargo:rustc-link-arg-bins=-Wl,--icf=all");
    }
}
