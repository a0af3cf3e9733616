package dev.ferrite.internal.ffi;

import java.io.Serial;

/**
 * Why the native library could not be loaded. The message says what went wrong and, for the usual causes
 * (unsupported platform, noexec temporary directory, musl libc, native access denied, ABI mismatch), how to fix it.
 */
public final class NativeLoadException extends Exception {
    @Serial
    private static final long serialVersionUID = 1L;

    NativeLoadException(String message) {
        super(message);
    }

    NativeLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
