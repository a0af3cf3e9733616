package dev.ferrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.abort;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferrite.internal.ffi.NativeRuntime;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The loader under hostile conditions, end to end through the public API ({@link Ferrite#backend()},
 * {@link Ferrite#nativeLoadError()}, {@link Crypto}): a bundled library altered on its way into the class path, an
 * extraction directory that can't be written or can't hold executable code, sixteen threads racing to be first, and
 * two class loaders in one JVM. The backend is chosen once per JVM, so each case runs {@link LoaderProbe} in a child
 * JVM and checks what it printed: the backend, the exact reason for a fallback, correct results on whichever backend
 * is in use, how many copies of libferrite the process mapped, and that nothing was left in the extraction directory.
 *
 * <p>The read-only and noexec directories are tmpfs mounts made in a private mount namespace ({@code unshare}), so
 * they work as root too, where permissions do not stop writes; without {@code unshare} or the right to use it those
 * cases are skipped with the reason. Linux only, like the bundled library.
 */
@Tag("native")
class LoaderHostileTest {
    private static final String JAVA = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    private static final String NATIVE_ACCESS = "--enable-native-access=ALL-UNNAMED";
    private static final HexFormat HEX = HexFormat.of();

    private static final String SHA256_ABC = "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad";
    /** RFC 8032 §7.1, TEST 1: the signature of the empty message under the seed {@link LoaderProbe} uses. */
    private static final String RFC8032_TEST1_SIGNATURE = "e5564300c360ac729086e2cc806e828a84877f1eb8e5d974d873e065"
            + "224901555fb8821590a33bacc61e39701cf9b46bd25bf5f0595bbe24655141438e7a100b";

    @TempDir
    Path tmp;

    /** What {@link LoaderProbe}'s work prints when {@code backend} computed it correctly. */
    private static String correctWork(Backend backend) {
        return "sha256=" + backend + " " + SHA256_ABC + " ed25519=" + backend + " " + RFC8032_TEST1_SIGNATURE
                + " verified=true alteredRejected=true";
    }

    /**
     * Runs {@code LoaderProbe mode} in a child JVM of this JDK and returns what it printed (stdout then stderr).
     *
     * @param wrapper a command the JVM is run under (a namespace, a mount), or empty
     * @param classPathFirst a directory put before the test class path, or null
     * @param flags JVM flags
     */
    private static String probe(List<String> wrapper, Path classPathFirst, List<String> flags, String mode)
            throws IOException, InterruptedException {
        String classPath = System.getProperty("java.class.path");
        if (classPathFirst != null) {
            classPath = classPathFirst + File.pathSeparator + classPath;
        }
        List<String> command = new ArrayList<>(wrapper);
        command.add(JAVA);
        command.add(NATIVE_ACCESS);
        command.addAll(flags);
        command.addAll(List.of("-cp", classPath, LoaderProbe.class.getName(), mode));
        return ChildProcess.runOk(command, Duration.ofMinutes(2));
    }

    /** The value of the line {@code key=value} the probe printed. */
    private static String value(String output, String key) {
        return output.lines().filter(line -> line.startsWith(key + "=")).map(line -> line.substring(key.length() + 1))
                .findFirst().orElseThrow(() -> new AssertionError("no " + key + "= line in:\n" + output));
    }

    private static String resource() throws Exception {
        return NativeRuntime.DEFAULT_RESOURCE_ROOT + "/" + NativeRuntime.platform() + "/"
                + System.mapLibraryName("ferrite");
    }

    private static byte[] readResource(String name) throws IOException {
        try (InputStream in = LoaderHostileTest.class.getClassLoader().getResourceAsStream(name)) {
            assertNotNull(in, name + " is not on the test class path: build the bindings module first");
            return in.readAllBytes();
        }
    }

    private static String sha256(byte[] data) throws NoSuchAlgorithmException {
        return HEX.formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    }

    /** Writes {@code bytes} as the resource {@code name} under {@code root}, which then shadows the jar's. */
    private static void shadow(Path root, String name, byte[] bytes) throws IOException {
        Path file = root.resolve(name);
        Files.createDirectories(file.getParent());
        Files.write(file, bytes);
    }

    // ---- 1. A library that does not match the jar's SHA-256 ----

    @Test
    void bundledLibraryAltered_refusedBySha256_fallsBackToJava() throws Exception {
        String resource = resource();
        byte[] genuine = readResource(resource);
        String genuineHash = sha256(genuine);
        assertEquals(genuineHash, new String(readResource(resource + ".sha256"), StandardCharsets.US_ASCII)
                .strip().split("\\s+")[0], "the jar's .sha256 describes the jar's library");
        byte[] altered = genuine.clone();
        altered[altered.length / 2] ^= 0x01;
        Path classes = Files.createDirectory(tmp.resolve("shadow"));
        shadow(classes, resource, altered); // the genuine .sha256 still comes from the jar
        Path extract = Files.createDirectory(tmp.resolve("extract"));

        String out = probe(List.of(), classes, List.of("-Dferrite.tmpdir=" + extract), "report");

        assertEquals("JAVA", value(out, "backend"), out);
        assertEquals("refused the bundled library /" + resource + ": its SHA-256 is " + sha256(altered)
                + " but the jar says " + genuineHash + "; the jar is damaged or was altered, rebuild it",
                value(out, "nativeLoadError"), out);
        assertEquals(correctWork(Backend.JAVA), value(out, "work"), out);
        assertEquals("0 []", value(out, "libferriteMappings"), "the refused library must never be opened: " + out);
        assertEquals("[]", value(out, "tmpdirEntries"), "the refused copy must be deleted: " + out);
        assertTrue(out.contains("WARNING") && out.contains("using the pure-Java backend"), out);
    }

    @Test
    void sha256FileNotMatchingLibrary_refused_fallsBackToJava() throws Exception {
        String resource = resource();
        byte[] genuine = readResource(resource);
        Path classes = Files.createDirectory(tmp.resolve("shadow"));
        shadow(classes, resource, genuine);
        // A well-formed sha256sum line, for other bytes.
        String otherHash = sha256("not the library".getBytes(StandardCharsets.US_ASCII));
        shadow(classes, resource + ".sha256", (otherHash + "  libferrite.so\n").getBytes(StandardCharsets.US_ASCII));
        Path extract = Files.createDirectory(tmp.resolve("extract"));

        String out = probe(List.of(), classes, List.of("-Dferrite.tmpdir=" + extract), "report");

        assertEquals("JAVA", value(out, "backend"), out);
        assertEquals("refused the bundled library /" + resource + ": its SHA-256 is " + sha256(genuine)
                + " but the jar says " + otherHash + "; the jar is damaged or was altered, rebuild it",
                value(out, "nativeLoadError"), out);
        assertEquals(correctWork(Backend.JAVA), value(out, "work"), out);
        assertEquals("0 []", value(out, "libferriteMappings"), out);
        assertEquals("[]", value(out, "tmpdirEntries"), out);
    }

    // ---- 2. An extraction directory that can't be written, or can't hold code ----

    @Test
    void tmpDirOnReadOnlyMount_cannotCreateDirectory_fallsBackToJava() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("read-only"));

        String out = probe(mounted(dir, "ro"), null, List.of("-XX:-UsePerfData", "-Dferrite.tmpdir=" + dir), "report");

        assertEquals("JAVA", value(out, "backend"), out);
        String error = value(out, "nativeLoadError");
        assertTrue(error.startsWith("cannot create a private directory under " + dir + " ("), out);
        assertTrue(error.contains("Read-only file system"), out);
        assertTrue(error.endsWith("); set -Dferrite.tmpdir to a writable directory"), out);
        assertEquals(correctWork(Backend.JAVA), value(out, "work"), out);
        assertEquals("0 []", value(out, "libferriteMappings"), out);
    }

    @Test
    void tmpDirOnNoexecMount_libraryCannotBeMapped_fallsBackToJava() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("noexec"));

        String out = probe(mounted(dir, "noexec"), null, List.of("-XX:-UsePerfData", "-Dferrite.tmpdir=" + dir),
                "report");

        assertEquals("JAVA", value(out, "backend"), out);
        String error = value(out, "nativeLoadError");
        assertTrue(error.startsWith("cannot load jar resource /" + resource() + ": " + dir + "/ferrite-"),
                "names the extraction directory: " + out);
        assertTrue(error.endsWith(" is on a file system mounted noexec; set -Dferrite.tmpdir to a directory where "
                + "code may run"), out);
        assertEquals(correctWork(Backend.JAVA), value(out, "work"), out);
        // The loader checks the mount before extracting, so dlopen is never tried (a failed dlopen on a noexec
        // mount can leave a non-executable mapping of the file behind: glibc 2.36 does).
        assertEquals("0 []", value(out, "libferriteMappings"), out);
        assertEquals("[]", value(out, "tmpdirEntries"), "the copy that could not be mapped must be deleted: " + out);
    }

    @Test
    void tmpDirWithoutWritePermission_cannotCreateDirectory_fallsBackToJava() throws Exception {
        Path dir = Files.createDirectory(tmp.resolve("no-write"));
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-xr-xr-x"));
        // Permissions don't stop root, so root runs the probe as the unmapped user of a new user namespace, whom
        // they do stop; that user must be able to reach the directory.
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwxr-xr-x"));
        List<String> wrapper = runningAsRoot() ? unprivileged(dir) : List.of();
        if (wrapper.isEmpty()) {
            assumeTrue(!Files.isWritable(dir), dir + " with mode 0555 is writable to this user (a capability such as "
                    + "CAP_DAC_OVERRIDE?), so this case can't be made here");
        }

        String out = probe(wrapper, null, List.of("-XX:-UsePerfData", "-Dferrite.tmpdir=" + dir), "report");

        assertEquals("JAVA", value(out, "backend"), out);
        String error = value(out, "nativeLoadError");
        assertTrue(error.startsWith("cannot create a private directory under " + dir
                + " (java.nio.file.AccessDeniedException: " + dir + "/ferrite-"), out);
        assertTrue(error.endsWith("); set -Dferrite.tmpdir to a writable directory"), out);
        assertEquals(correctWork(Backend.JAVA), value(out, "work"), out);
        assertEquals("0 []", value(out, "libferriteMappings"), out);
    }

    // ---- 3. Sixteen threads at once ----

    @Test
    void sixteenThreadsFirstTouchAtOnce_loadOnce_allNative() throws Exception {
        Path extract = Files.createDirectory(tmp.resolve("extract"));

        String out = probe(List.of(), null, List.of("-Dferrite.tmpdir=" + extract), "race");

        for (int i = 0; i < LoaderProbe.THREADS; i++) {
            String prefix = "thread " + i + ": ";
            List<String> lines = out.lines().filter(line -> line.startsWith(prefix)).toList();
            assertEquals(List.of(prefix + "backend=NATIVE " + correctWork(Backend.NATIVE)), lines, out);
        }
        assertTrue(value(out, "libferriteMappings").startsWith("1 [" + extract + "/ferrite-"),
                "one load, extracted under -Dferrite.tmpdir: " + out);
        assertEquals("[]", value(out, "tmpdirEntries"), out);
    }

    // ---- 4. Two class loaders ----

    @Test
    void twoClassLoaders_eachLoadsItsOwnLibrary_bothNative() throws Exception {
        Path extract = Files.createDirectory(tmp.resolve("extract"));

        String out = probe(List.of(), null, List.of("-Dferrite.tmpdir=" + extract), "loaders");

        assertEquals("true", value(out, "ferriteClassesDistinct"), out);
        assertEquals("loader-a loader-b", value(out, "ferriteDefinedBy"), out);
        for (String loader : List.of("loader-a", "loader-b")) {
            assertEquals("definedBy=" + loader + " ferriteDefinedBy=" + loader + " nativeDefinedBy=" + loader
                    + " backend=NATIVE " + correctWork(Backend.NATIVE), value(out, loader), out);
        }
        // Each class loader's FerriteNative loads a copy of its own (and the application class loader none).
        String mapped = value(out, "libferriteMappings");
        assertTrue(mapped.startsWith("2 [") && mapped.split(extract + "/ferrite-", -1).length == 3, out);
        assertEquals("[]", value(out, "tmpdirEntries"), out);
    }

    // ---- Environment ----

    private static boolean runningAsRoot() throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith("Uid:")) {
                return line.split("\\s+")[2].equals("0"); // real, effective, saved, file system
            }
        }
        return false;
    }

    /**
     * A wrapper that mounts a tmpfs with {@code options} on {@code dir} in a private mount namespace and then runs
     * the command; skips the test (with what is missing) when no way to do that works here.
     */
    private static List<String> mounted(Path dir, String options) throws Exception {
        List<List<String>> namespaces = new ArrayList<>();
        namespaces.add(List.of("unshare", "--user", "--map-root-user", "--mount"));
        if (runningAsRoot()) {
            namespaces.add(List.of("unshare", "--mount"));
        }
        String script = "mount -t tmpfs -o " + options + " tmpfs \"$0\" || exit 97; exec \"$@\"";
        List<String> failures = new ArrayList<>();
        for (List<String> namespace : namespaces) {
            List<String> wrapper = new ArrayList<>(namespace);
            wrapper.addAll(List.of("sh", "-c", script, dir.toString()));
            List<String> trial = new ArrayList<>(wrapper);
            trial.add("true");
            String failure = run(trial);
            if (failure == null) {
                return wrapper;
            }
            failures.add(String.join(" ", namespace) + ": " + failure);
        }
        return abort("cannot mount a tmpfs -o " + options + " in a private mount namespace (needs util-linux "
                + "unshare and unprivileged user namespaces, or root): " + failures);
    }

    /**
     * For root: a wrapper running the command as the unmapped (overflow) user of a new user namespace, to whom
     * {@code dir}'s permissions apply; skips the test when that can't be done here.
     */
    private static List<String> unprivileged(Path dir) throws Exception {
        List<String> wrapper = List.of("unshare", "--user");
        List<String> trial = new ArrayList<>(wrapper);
        trial.addAll(List.of("sh", "-c", "test -x \"$0\" && ! test -w \"$0\"", dir.toString()));
        String failure = run(trial);
        assumeTrue(failure == null, "running as root, and cannot drop the right to write " + dir + " with `unshare "
                + "--user` (needs util-linux unshare and user namespaces): " + failure);
        return wrapper;
    }

    /** Runs {@code command}; null when it exits with 0, otherwise what went wrong. */
    private static String run(List<String> command) throws InterruptedException {
        try {
            ChildProcess.Result result = ChildProcess.run(command, Duration.ofSeconds(20));
            if (result.timedOut()) {
                return "timed out";
            }
            return result.exitCode() == 0 ? null
                    : String.format(Locale.ROOT, "exit %d %s", result.exitCode(), result.output().strip());
        } catch (IOException e) {
            return e.toString();
        }
    }
}
