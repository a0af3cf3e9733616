package dev.ferrite.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A panic inside the native library becomes a Java exception and the JVM lives on. The test library
 * ({@code native-rust/examples/test_exports.rs}: every libferrite export plus {@code ferrite_test_panic}) is loaded
 * as Ferrite's library in a child JVM ({@link PanicProbe}), which panics on the calling thread, on a pool worker, with a
 * non-string payload, by an out-of-bounds index, and from sixteen threads at once; each call must return
 * {@code FERRITE_STATUS_INTERNAL}, surface as a {@link FerriteNativeException} carrying the panic's message, and leave
 * the library working.
 */
class NativePanicTest {
    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    private static String output;

    @BeforeAll
    static void runProbe() throws IOException, InterruptedException {
        String library = System.getProperty("ferrite.test.testExportsLibrary");
        assertTrue(library != null && Files.isRegularFile(Path.of(library)),
                "ferrite.test.testExportsLibrary must name the test library built by bindings/pom.xml: " + library);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        List<String> command = List.of(java, "--enable-native-access=ALL-UNNAMED", "-Dferrite.library.path=" + library,
                "-cp", System.getProperty("java.class.path"), PanicProbe.class.getName());
        // Output to a file, not a pipe, so a hung child is killed at the limit instead of blocking this JVM.
        Path log = Files.createTempFile("ferrite-panic-probe-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
            boolean finished = process.waitFor(2, TimeUnit.MINUTES);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            output = Files.readString(log, StandardCharsets.UTF_8);
            assertTrue(finished, "probe did not finish in 2 minutes (killed): " + output);
            assertEquals(0, process.exitValue(), "the child JVM must survive every panic and exit normally:\n"
                    + output);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    private static String line(String prefix) {
        return output.lines().filter(l -> l.startsWith(prefix)).findFirst()
                .orElseThrow(() -> new AssertionError("no line starting with '" + prefix + "' in:\n" + output));
    }

    @Test
    void testLibraryIsTheOneLoaded() {
        String first = line("available=");
        assertTrue(first.startsWith("available=true"), first);
        assertTrue(first.contains("libtest_exports.so"), first);
    }

    @Test
    void panicOnCallingThread_becomesFerriteNativeExceptionWithMessage() {
        String kind0 = line("kind=0 ");
        assertTrue(kind0.contains("code=" + Status.INTERNAL), kind0);
        assertTrue(kind0.contains("threw FerriteNativeException: test panic 0: internal error in the native library: "
                + "deliberate test panic on the calling thread"), kind0);
    }

    @Test
    void panicOnPoolWorker_reachesTheCallerWithItsMessage() {
        String kind1 = line("kind=1 ");
        assertTrue(kind1.contains("code=" + Status.INTERNAL), kind1);
        assertTrue(kind1.contains("threw FerriteNativeException") && kind1.contains("deliberate test panic on a pool "
                + "worker"), kind1);
    }

    @Test
    void panicWithNonStringPayload_stillAnException() {
        String kind2 = line("kind=2 ");
        assertTrue(kind2.contains("code=" + Status.INTERNAL), kind2);
        assertTrue(kind2.contains("threw FerriteNativeException") && kind2.contains("non-string payload"), kind2);
    }

    @Test
    void outOfBoundsIndex_becomesAnExceptionNamingIt() {
        String kind3 = line("kind=3 ");
        assertTrue(kind3.contains("code=" + Status.INTERNAL), kind3);
        assertTrue(kind3.contains("threw FerriteNativeException") && kind3.contains("index out of bounds"), kind3);
    }

    @Test
    void unknownKind_isAnArgumentErrorNotAPanic() {
        String kind4 = line("kind=4 ");
        assertTrue(kind4.contains("code=" + Status.INVALID_ARGUMENT), kind4);
        assertTrue(kind4.contains("threw IllegalArgumentException"), kind4);
    }

    @Test
    void libraryKeepsWorkingAfterEachPanic() {
        for (int kind = 0; kind <= 4; kind++) {
            assertEquals("after kind=" + kind + " sha256(abc)=" + SHA256_ABC, line("after kind=" + kind + " "));
        }
        assertEquals("final sha256(abc)=" + SHA256_ABC, line("final "));
        assertEquals("alive", line("alive"));
    }

    @Test
    void sixteenThreadsPanicking_eachGetsItsOwnException() {
        // Half the threads panic on their own thread, half on a pool worker: each must get its own kind's message.
        assertEquals("concurrent panics=16 with own message=16", line("concurrent panics="));
    }
}
