//! Writes the C header of the ABI (`bindings/include/ferrite.h`) from the crate's `extern "C"` exports.

use std::env;
use std::path::PathBuf;

fn main() {
    println!("cargo:rerun-if-changed=src");
    println!("cargo:rerun-if-changed=cbindgen.toml");
    println!("cargo:rerun-if-changed=build.rs");

    let crate_dir = PathBuf::from(env::var("CARGO_MANIFEST_DIR").unwrap_or_else(|_| ".".into()));
    let header = crate_dir.join("../bindings/include/ferrite.h");
    let config = match cbindgen::Config::from_file(crate_dir.join("cbindgen.toml")) {
        Ok(config) => config,
        Err(error) => {
            println!("cargo:warning=cbindgen.toml unreadable: {error}");
            std::process::exit(1);
        }
    };
    match cbindgen::Builder::new()
        .with_crate(&crate_dir)
        .with_config(config)
        .generate()
    {
        Ok(bindings) => {
            // write_to_file leaves the file untouched when the content is the same.
            let _changed = bindings.write_to_file(&header);
        }
        Err(error) => {
            println!(
                "cargo:warning=cbindgen could not write {}: {error}",
                header.display()
            );
            std::process::exit(1);
        }
    }
}
