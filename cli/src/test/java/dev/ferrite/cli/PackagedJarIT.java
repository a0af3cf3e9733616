package dev.ferrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The packaged jar as a process (failsafe, after {@code package}): {@code java -jar ferrite-cli.jar} on this JDK
 * (22+) gets the native backend with nothing on stderr (the manifest's {@code Enable-Native-Access} spares the JDK's
 * warning); on a JDK 17 ({@code -Dferrite.test.oldJdk}, which scripts/test.sh passes) it runs with the Java backend
 * and says why; {@code scripts/ferrite} finds the jar and a Java.
 */
class PackagedJarIT {
    @TempDir
    Path dir;

    private static Path jar() {
        Path jar = Path.of(System.getProperty("ferrite.test.cliJar", "target/ferrite-cli.jar"));
        assertTrue(Files.isRegularFile(jar), "no " + jar + ": run through mvn verify (the jar is built at package)");
        return jar;
    }

    /** Exit status, stdout and stderr of a process. */
    private record Run(int status, String out, String err) {}

    private Run run(List<String> command, Map<String, String> env) throws IOException, InterruptedException {
        return run(command, env, "");
    }

    private Run run(List<String> command, Map<String, String> env, String stdin)
            throws IOException, InterruptedException {
        ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile());
        pb.environment().putAll(env);
        Files.writeString(dir.resolve(".in"), stdin);
        pb.redirectInput(dir.resolve(".in").toFile());
        pb.redirectOutput(dir.resolve(".out").toFile()).redirectError(dir.resolve(".err").toFile());
        Process p = pb.start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError(command + " did not finish");
        }
        return new Run(p.exitValue(), Files.readString(dir.resolve(".out")), Files.readString(dir.resolve(".err")));
    }

    private Run java(String java, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(java, "-jar", jar().toString()));
        command.addAll(List.of(args));
        return run(command, Map.of());
    }

    private Path blobs() throws IOException {
        return TestData.csv(dir.resolve("blobs.csv"), "x,y", TestData.blobs(3, 300, 60, 2, 11));
    }

    @Test
    void onThisJdk_nativeWithoutWarnings() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        assertTrue(Runtime.version().feature() >= 22, "run the integration tests on JDK 22+");
        Path csv = blobs();
        Run r = java(java, "dbscan", csv.toString(), "--eps", "0.4", "--min-pts", "8", "--plot", "p.png", "--out",
                "labels.csv");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\nbackend   native\n"), r.out());
        assertTrue(r.out().contains("clusters  3 "), r.out());
        assertEquals("", r.err(), "stderr (a restricted-method warning means Enable-Native-Access is missing)");
        BufferedImage png = ImageIO.read(dir.resolve("p.png").toFile());
        assertEquals(900, png.getWidth());
        Run v = java(java, "--version");
        assertTrue(v.out().matches("(?s)ferrite \\d+\\.\\d+\\.\\d+(-SNAPSHOT)?\n.*backend native\n"), v.out());
    }

    @Test
    void onJdk17_javaBackendWithTheReason() throws Exception {
        String oldJdk = System.getProperty("ferrite.test.oldJdk", "");
        assumeTrue(!oldJdk.isBlank() && !oldJdk.startsWith("${"), "no JDK 17 given: pass -Dferrite.test.oldJdk="
                + "/path/to/jdk-17 (scripts/test.sh does) to run the jar on it");
        String java = Path.of(oldJdk, "bin", "java").toString();
        Path csv = blobs();
        Run r = java(java, "dbscan", csv.toString(), "--eps", "0.4", "--min-pts", "8", "--plot", "p.png",
                "--plot-size", "500x400");
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().contains("\nbackend   java (native unavailable: the native backend needs JDK 22 or newer"),
                r.out());
        assertEquals("", r.err(), "stderr");
        assertEquals(500, ImageIO.read(dir.resolve("p.png").toFile()).getWidth());
        Run s = java(java, "sha256", csv.toString());
        assertEquals(0, s.status(), s.err());
        Run mine = java(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "sha256",
                csv.toString());
        assertEquals(mine.out(), s.out());
        Files.writeString(dir.resolve("sums"), s.out());
        assertEquals("" + csv + ": OK\n", java(java, "sha256", "-c", "sums").out());
        Run forced = java(java, "--backend", "native", "sha256", csv.toString());
        assertEquals(2, forced.status(), forced.err());
        assertTrue(forced.err().startsWith("ferrite: --backend native: the native backend is not available: "),
                forced.err());
        // Ed25519 and Argon2 on the Java backend (Bouncy Castle, merged into the jar).
        assertEquals(0, java(java, "ed25519", "keygen", "--out", "k.pem", "--pub-out", "pub.pem").status());
        assertEquals(0, java(java, "ed25519", "sign", "--key", "k.pem", "--out", "sig", csv.toString()).status());
        assertEquals("OK\n", java(Path.of(System.getProperty("java.home"), "bin", "java").toString(), "ed25519",
                "verify", "--pub", "pub.pem", "--sig", "sig", csv.toString()).out());
        Run hash = run(List.of(java, "-jar", jar().toString(), "argon2", "hash", "-m", "64", "-t", "1"), Map.of(),
                "pw\n");
        assertEquals(0, hash.status(), hash.err());
        assertEquals("OK\n", run(List.of(java, "-jar", jar().toString(), "argon2", "verify", hash.out().strip()),
                Map.of(), "pw\n").out());
    }

    @Test
    void launcherScript_runsTheJar_orSaysHowToBuildIt() throws Exception {
        Path launcher = Path.of(System.getProperty("ferrite.test.launcher", "../scripts/ferrite"));
        assertTrue(Files.isExecutable(launcher), launcher + " is not executable");
        Run r = run(List.of(launcher.toString(), "--version"), Map.of("FERRITE_CLI_JAR", jar().toString()));
        assertEquals(0, r.status(), r.err());
        assertTrue(r.out().startsWith("ferrite "), r.out());
        Run missing = run(List.of(launcher.toString(), "--version"),
                Map.of("FERRITE_CLI_JAR", dir.resolve("none.jar").toString()));
        assertEquals(2, missing.status());
        assertTrue(missing.err().contains("none.jar is missing. Build it") && missing.err().contains("mvn -B package"),
                missing.err());
    }
}
