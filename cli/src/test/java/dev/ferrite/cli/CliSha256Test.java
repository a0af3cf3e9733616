package dev.ferrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferrite.Backend;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ferrite sha256} on each backend: the same lines as {@code sha256sum} (names with a backslash or newline
 * escaped as it does, a file above the streaming threshold), {@code sha256sum --check} accepts our output, our
 * {@code --check} accepts its output and reports a changed or missing file with exit status 1.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.cli.CliBackends#all")
class CliSha256Test {
    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private List<String> files() throws IOException {
        Random random = new Random(3);
        List<String> names = new ArrayList<>();
        int[] sizes = {0, 1, 55, 64, 1000, 1 << 20, (1 << 20) + 1, 3_000_000};
        for (int size : sizes) {
            byte[] data = new byte[size];
            random.nextBytes(data);
            names.add(Files.write(dir.resolve("f" + size + ".bin"), data).toString());
        }
        names.add(Files.writeString(dir.resolve("back\\slash"), "b").toString());
        names.add(Files.writeString(dir.resolve("new\nline"), "n").toString());
        names.add(Files.writeString(dir.resolve("space name.txt"), "s").toString());
        return names;
    }

    private CliRun.Result sha256(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = CliBackends.option(backend);
        all[1] = "sha256";
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(all);
    }

    @Test
    void outputIsSha256sums_andPassesItsCheck() throws Exception {
        assumeTrue(CliRun.onPath("sha256sum"), "sha256sum (GNU coreutils) is not on the PATH");
        List<String> names = files();
        CliRun.Result r = sha256(names.toArray(String[]::new));
        assertEquals(0, r.status(), r::toString);
        List<String> command = new ArrayList<>(List.of("sha256sum"));
        command.addAll(names);
        CliRun.Exec theirs = CliRun.exec(dir, command);
        assertEquals(0, theirs.status(), theirs.output());
        assertEquals(theirs.output(), r.out());
        Path sums = Files.write(dir.resolve("SUMS"), r.outBytes());
        CliRun.Exec check = CliRun.exec(dir, List.of("sha256sum", "--check", "--strict", sums.toString()));
        assertEquals(0, check.status(), check.output());
        assertEquals(names.size(), check.output().lines().filter(l -> l.endsWith(": OK")).count(), check.output());
    }

    @Test
    void check_acceptsSha256sumsOutput_andReportsFailures() throws Exception {
        assumeTrue(CliRun.onPath("sha256sum"), "sha256sum (GNU coreutils) is not on the PATH");
        List<String> names = files();
        List<String> command = new ArrayList<>(List.of("sha256sum"));
        command.addAll(names);
        Path sums = Files.writeString(dir.resolve("SUMS"), CliRun.exec(dir, command).output());
        CliRun.Result r = sha256("--check", sums.toString());
        assertEquals(0, r.status(), r::toString);
        assertEquals(names.size(), r.out().lines().filter(l -> l.endsWith(": OK")).count(), r.out());
        assertTrue(r.out().contains(dir.resolve("back\\slash") + ": OK\n"), r.out());

        Files.writeString(Path.of(names.get(2)), "changed");
        Files.delete(Path.of(names.get(3)));
        r = sha256("--check", sums.toString());
        assertEquals(1, r.status(), r::toString);
        assertTrue(r.out().contains(names.get(2) + ": FAILED\n"), r.out());
        assertTrue(r.out().contains(names.get(3) + ": FAILED open or read\n"), r.out());
        assertTrue(r.err().contains("ferrite sha256: " + names.get(3) + ": No such file or directory\n"), r.err());
        assertTrue(r.err().contains("ferrite sha256: WARNING: 1 computed checksum did NOT match\n"), r.err());
        assertTrue(r.err().contains("ferrite sha256: WARNING: 1 listed file could not be read\n"), r.err());
        CliRun.Result quiet = sha256("--check", sums.toString(), "--quiet");
        assertTrue(quiet.out().lines().noneMatch(l -> l.endsWith(": OK")), quiet.out());
    }

    @Test
    void fileAboveTheStreamingThreshold_isStreamed() throws Exception {
        byte[] block = new byte[1 << 20];
        new Random(5).nextBytes(block);
        Path big = dir.resolve("big.bin");
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        try (var out = Files.newOutputStream(big)) {
            for (int i = 0; i <= Sha256Command.WHOLE_LIMIT >> 20; i++) { // one MiB over the limit
                out.write(block);
                md.update(block);
            }
        }
        CliRun.Result r = sha256(big.toString());
        assertEquals(0, r.status(), r::toString);
        assertEquals(HexFormat.of().formatHex(md.digest()) + "  " + big + "\n", r.out());
    }

    @Test
    void stdin_missingFiles_directories() throws Exception {
        Path a = Files.writeString(dir.resolve("a"), "abc");
        CliRun.Result r = CliRun.run("abc".getBytes(StandardCharsets.US_ASCII), null, CliBackends.option(backend),
                "sha256");
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  -\n", r.out());
        r = sha256(dir.resolve("nope").toString(), a.toString(), dir.toString());
        assertEquals(1, r.status(), r::toString);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  " + a + "\n", r.out());
        assertEquals("ferrite sha256: " + dir.resolve("nope") + ": No such file or directory\n"
                + "ferrite sha256: " + dir + ": Is a directory\n", r.err());
        Files.createDirectories(dir.resolve("sub/deeper"));
        Path b = Files.writeString(dir.resolve("sub/deeper/b"), "abc");
        r = sha256("-r", dir.resolve("sub").toString(), "--jobs", "1");
        assertEquals(0, r.status(), r::toString);
        assertEquals("ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad  " + b + "\n", r.out());
    }
}
