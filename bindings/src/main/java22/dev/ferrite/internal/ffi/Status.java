package dev.ferrite.internal.ffi;

import javax.crypto.AEADBadTagException;

/**
 * The status codes of the native ABI ({@code FerriteStatus} in {@code ferrite.h}) and the one place they become
 * exceptions. Callers never compare codes themselves: they pass every code to {@link #check(int, String)}.
 *
 * <p>The values mirror the Rust enum {@code status::FerriteStatus}; a test parses the header and fails when they
 * differ. Thread-safe (stateless).
 */
public final class Status {
    /** The call succeeded. */
    public static final int OK = 0;
    /** A pointer was null, a length out of range or a buffer too small. */
    public static final int INVALID_ARGUMENT = -1;
    /** Authenticated decryption or verification failed; outputs were wiped. */
    public static final int AUTHENTICATION_FAILED = -2;
    /** The native side could not allocate memory. */
    public static final int OUT_OF_MEMORY = -3;
    /** A bug in the native library (a caught panic). */
    public static final int INTERNAL = -4;

    private Status() {}

    /**
     * Returns normally for {@link #OK}; otherwise throws the exception that matches {@code code}.
     *
     * @param code the status a native call returned
     * @param operation what was called, e.g. {@code "sha256 digest"}, for the message
     * @throws IllegalArgumentException for {@link #INVALID_ARGUMENT}
     * @throws OutOfMemoryError for {@link #OUT_OF_MEMORY}
     * @throws FerriteNativeException for {@link #INTERNAL}, {@link #AUTHENTICATION_FAILED} (use
     *     {@link #checkAuthenticated(int, String)} where that code is expected) and unknown codes
     */
    public static void check(int code, String operation) {
        if (code == OK) {
            return;
        }
        throw failure(code, operation);
    }

    /**
     * Like {@link #check(int, String)}, but {@link #AUTHENTICATION_FAILED} becomes an
     * {@link AEADBadTagException}: for authenticated decryption.
     *
     * @param code the status a native call returned
     * @param operation what was called, for the message
     * @throws AEADBadTagException for {@link #AUTHENTICATION_FAILED}
     */
    public static void checkAuthenticated(int code, String operation) throws AEADBadTagException {
        if (code == OK) {
            return;
        }
        if (code == AUTHENTICATION_FAILED) {
            throw new AEADBadTagException(operation + ": authentication failed (wrong key, nonce, data or tag)");
        }
        throw failure(code, operation);
    }

    /**
     * For signature verification: {@link #OK} means valid, {@link #AUTHENTICATION_FAILED} invalid; any other code
     * throws as in {@link #check(int, String)}.
     *
     * @param code the status a native call returned
     * @param operation what was called, for the message
     * @return whether the signature (or every signature) is valid
     */
    public static boolean checkVerified(int code, String operation) {
        if (code == OK) {
            return true;
        }
        if (code == AUTHENTICATION_FAILED) {
            return false;
        }
        throw failure(code, operation);
    }

    private static RuntimeException failure(int code, String operation) {
        return switch (code) {
            case INVALID_ARGUMENT -> new IllegalArgumentException(
                    operation + ": the native library rejected an argument (null pointer, bad length or small buffer)");
            case OUT_OF_MEMORY -> throw new OutOfMemoryError(
                    operation + ": the native library could not allocate memory");
            case INTERNAL -> new FerriteNativeException(
                    operation + ": internal error in the native library: " + FerriteNative.lastError());
            case AUTHENTICATION_FAILED -> new FerriteNativeException(
                    operation + ": unexpected authentication-failure status");
            default -> new FerriteNativeException(operation + ": unknown native status " + code);
        };
    }
}
