//! The status codes every export returns. This enum is the single definition: cbindgen copies it into
//! `ferrite.h`, and a Java test checks that `dev.ferrite.internal.ffi.Status` agrees with the header.

/// Result of a call across the C ABI: `0` for success, a negative code for each kind of failure.
#[repr(C)]
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FerriteStatus {
    /// The call succeeded and wrote its outputs.
    Ok = 0,
    /// A pointer was null, a length was out of range, or a buffer was too small.
    InvalidArgument = -1,
    /// Authenticated decryption or verification failed. Outputs were wiped.
    AuthenticationFailed = -2,
    /// Memory for the operation could not be allocated.
    OutOfMemory = -3,
    /// A bug: a panic inside the library, caught at the boundary. `ferrite_last_error` has its message.
    Internal = -4,
}

impl FerriteStatus {
    /// The `i32` that crosses the ABI.
    #[must_use]
    pub const fn code(self) -> i32 {
        self as i32
    }
}
