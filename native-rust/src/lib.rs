//! Ferrite's native kernels.
//!
//! Each kernel is a module of safe Rust (`sha256`, ...). The only `extern "C"` functions live in [`ffi`] (one file
//! per kernel under `src/ffi/`, the shared checks and the panic guard in `src/ffi/mod.rs`), which validates every
//! pointer and length, catches every panic and returns a [`status::FerriteStatus`]. The JVM side (`bindings/`)
//! calls these exports through the Foreign Function & Memory API.

pub mod aead;
pub mod agglomerative;
pub mod argon2;
pub mod dbscan;
pub mod ed25519;
pub mod ffi;
pub mod gcm_stream;
pub mod hkdf;
pub mod hpke;
pub mod pool;
pub mod sha256;
pub mod silhouette;
pub mod status;
pub mod x25519;

/// Version of the C ABI. The Java loader refuses a library whose version differs from the one it was
/// built against; bump it whenever an export is added or removed or its name, parameters or meaning changes
/// (3: the X25519 and HKDF exports; 4: the HPKE exports; 5: agglomerative clustering and the silhouette exports).
pub const FERRITE_ABI_VERSION: i32 = 5;
