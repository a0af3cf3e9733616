package dev.ferrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * How system properties pick the backend. The choice is made once per JVM, so each case runs {@link BackendProbe}
 * in a child JVM with the test class path and its own flags.
 */
@Tag("native")
class BackendSelectionTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";

    /** Runs the probe with {@code flags} and returns what it printed (stdout then stderr). */
    private static String probe(String... flags) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(JAVA);
        command.addAll(List.of(flags));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), BackendProbe.class.getName()));
        return ChildProcess.runOk(command, Duration.ofMinutes(2));
    }

    private static String fixture() {
        String path = System.getProperty("ferrite.test.abiMismatchLibrary");
        assertTrue(path != null, "ferrite.test.abiMismatchLibrary must be set by the build (java-api/pom.xml)");
        assertTrue(java.nio.file.Files.isRegularFile(Path.of(path)), path + " is missing: the bindings module's "
                + "tests build it, so run the tests from the root (mvn verify or scripts/test.sh)");
        return path;
    }

    @Test
    void noProperties_loadsNative() throws Exception {
        String out = probe(NATIVE_ACCESS);
        assertTrue(out.contains("backend=NATIVE"), out);
        assertTrue(out.contains("nativeLoadError=none"), out);
        assertTrue(out.contains("sha256=NATIVE ba7816bf"), out);
    }

    @Test
    void noFlagsAtAll_stillLoadsNative() throws Exception {
        // A plain `java -cp ... App`: the JDK may warn about restricted methods, but native works.
        String out = probe();
        assertTrue(out.contains("backend=NATIVE"), out);
    }

    @Test
    void forcedJava_usesFallbackWithoutLoadingNative() throws Exception {
        String out = probe(NATIVE_ACCESS, "-Dferrite.backend=java", "-Xlog:class+init=info");
        assertTrue(out.contains("backend=JAVA"), out);
        assertTrue(out.contains("nativeLoadError=the native backend is disabled by -Dferrite.backend=java"), out);
        assertTrue(out.contains("sha256=JAVA ba7816bf"), out);
        assertTrue(out.contains("dev.ferrite.internal.Kernels") || out.contains("dev/ferrite/internal/Kernels"),
                "class+init logging works: " + out);
        assertTrue(!out.contains("dev.ferrite.internal.ffi.FerriteNative")
                && !out.contains("dev/ferrite/internal/ffi/FerriteNative"), "FerriteNative was initialised: " + out);
    }

    @Test
    void missingLibraryPath_fallsBackAndRecordsReason() throws Exception {
        String out = probe(NATIVE_ACCESS, "-Dferrite.library.path=/nonexistent/libferrite.so");
        assertTrue(out.contains("backend=JAVA"), out);
        assertTrue(out.contains("nativeLoadError=-Dferrite.library.path names /nonexistent/libferrite.so"), out);
        assertTrue(out.contains("sha256=JAVA ba7816bf"), out);
        assertTrue(out.contains("WARNING") && out.contains("using the pure-Java backend"),
                "one warning through System.Logger: " + out);
    }

    @Test
    void nativeRequiredWithMissingLibrary_failsLoudly() throws Exception {
        String out = probe(NATIVE_ACCESS, "-Dferrite.backend=native", "-Dferrite.library.path=/nonexistent/libferrite.so");
        assertTrue(out.contains("backend threw IllegalStateException: -Dferrite.backend=native, but the native "
                + "library did not load: -Dferrite.library.path names /nonexistent/libferrite.so"), out);
        assertTrue(out.contains("sha256 threw IllegalStateException"), out);
    }

    @Test
    void libraryOfAnotherAbiVersion_refusedAndFallsBack() throws Exception {
        String out = probe(NATIVE_ACCESS, "-Dferrite.library.path=" + fixture());
        assertTrue(out.contains("backend=JAVA"), out);
        assertTrue(out.contains("its ABI version is 999999"), out);
    }

    @Test
    void unknownBackendValue_failsNamingTheValue() throws Exception {
        String out = probe(NATIVE_ACCESS, "-Dferrite.backend=fast");
        assertTrue(out.contains("backend threw IllegalStateException: -Dferrite.backend=fast is not a backend"), out);
    }
}
