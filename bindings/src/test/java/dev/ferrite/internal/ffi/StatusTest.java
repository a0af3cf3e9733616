package dev.ferrite.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.Test;

/** Each status code becomes its documented exception, with the operation in the message. */
class StatusTest {
    @Test
    void check_ok_returns() {
        assertDoesNotThrow(() -> Status.check(Status.OK, "op"));
        assertDoesNotThrow(() -> Status.checkAuthenticated(Status.OK, "op"));
    }

    @Test
    void check_invalidArgument_throwsIllegalArgument() {
        var e = assertThrows(IllegalArgumentException.class, () -> Status.check(Status.INVALID_ARGUMENT, "op"));
        assertTrue(e.getMessage().startsWith("op:"), e.getMessage());
    }

    @Test
    void checkAuthenticated_authenticationFailed_throwsBadTag() {
        assertThrows(AEADBadTagException.class, () -> Status.checkAuthenticated(Status.AUTHENTICATION_FAILED, "op"));
    }

    @Test
    void check_internalOrUnknown_throwsFerriteNativeException() {
        assertThrows(FerriteNativeException.class, () -> Status.check(Status.INTERNAL, "op"));
        assertThrows(FerriteNativeException.class, () -> Status.check(-99, "op"));
        assertThrows(FerriteNativeException.class, () -> Status.check(Status.AUTHENTICATION_FAILED, "op"));
    }

    @Test
    void check_outOfMemory_throwsOutOfMemoryError() {
        assertThrows(OutOfMemoryError.class, () -> Status.check(Status.OUT_OF_MEMORY, "op"));
    }

    @Test
    void checkVerified_okTrue_authenticationFailedFalse_othersThrow() {
        assertTrue(Status.checkVerified(Status.OK, "op"));
        assertFalse(Status.checkVerified(Status.AUTHENTICATION_FAILED, "op"));
        assertThrows(IllegalArgumentException.class, () -> Status.checkVerified(Status.INVALID_ARGUMENT, "op"));
        assertThrows(FerriteNativeException.class, () -> Status.checkVerified(Status.INTERNAL, "op"));
    }
}
