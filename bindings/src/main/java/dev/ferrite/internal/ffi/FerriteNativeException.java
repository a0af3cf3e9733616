package dev.ferrite.internal.ffi;

import java.io.Serial;

/**
 * An unexpected failure inside the native library: a Rust panic caught at the boundary, or a status this version
 * does not know. It signals a bug in Ferrite, never bad input (that is an {@link IllegalArgumentException}); the
 * JVM and the library stay usable.
 */
public final class FerriteNativeException extends RuntimeException {
    @Serial
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message what failed, with the native message where there is one
     */
    public FerriteNativeException(String message) {
        super(message);
    }
}
