package dev.ferrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.internal.ffi.NativeRuntime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * On JDK 17 and 21 the jar works with the Java backend and says why native is off, naming the JVM's version; asking
 * for native fails with that reason, and no class that needs the FFM API is loaded. Tagged {@code older-jdk}: it runs
 * in the JDK 17 run of the suite, and is left out on JDK 22+ (where {@code BackendSelectionTest} covers selection).
 */
@Tag("older-jdk")
class OlderJdkTest {
    private static final String REASON = "the native backend needs JDK 22 or newer (Foreign Function & Memory API); "
            + "this JVM is ";

    @Test
    void backend_isJavaWithTheReasonInWords() {
        assertTrue(Runtime.version().feature() < NativeRuntime.MIN_FEATURE, "run this class on JDK 17 or 21 only");
        assertEquals(Backend.JAVA, Ferrite.backend());
        Throwable reason = Ferrite.nativeLoadError().orElseThrow();
        assertEquals(REASON + Runtime.version(), reason.getMessage());
        assertTrue(Ferrite.isAvailable(Backend.JAVA));
        assertTrue(!Ferrite.isAvailable(Backend.NATIVE));
    }

    @Test
    void askingForNative_throwsWithTheReason() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Crypto.sha256(Backend.NATIVE));
        assertTrue(e.getMessage().contains(REASON), e.getMessage());
        assertThrows(IllegalStateException.class, () -> Clustering.dbscan(Backend.NATIVE));
        assertThrows(IllegalStateException.class, () -> Clustering.agglomerative(Backend.NATIVE));
        assertThrows(IllegalStateException.class, NativeRuntime::liveHandles);
    }

    @Test
    void facades_work() throws Exception {
        byte[] abc = "abc".getBytes(StandardCharsets.US_ASCII);
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(abc), Crypto.sha256().digest(abc));
        assertEquals(Backend.JAVA, Crypto.ed25519().backend());
    }

    @Test
    void noFfmClassIsLoaded() {
        // The bindings compiled for 22 would fail to load here (UnsupportedClassVersionError); none may be touched.
        Crypto.sha256().digest(new byte[1]);
        assertEquals(Backend.JAVA, Ferrite.backend());
        for (String name : new String[] {"dev.ferrite.internal.ffi.FerriteNative", "dev.ferrite.sha256.NativeSha256"}) {
            assertTrue(!isLoaded(name), name + " was loaded on JDK " + Runtime.version());
        }
    }

    private static boolean isLoaded(String name) {
        // findLoadedClass is protected: asked by reflection (the JDK 17 run opens java.lang to the tests for it).
        try {
            var find = ClassLoader.class.getDeclaredMethod("findLoadedClass", String.class);
            find.setAccessible(true);
            return find.invoke(OlderJdkTest.class.getClassLoader(), name) != null;
        } catch (ReflectiveOperationException | RuntimeException e) {
            throw new AssertionError("can't ask the class loader (run the JDK 17 tests on the class path)", e);
        }
    }
}
