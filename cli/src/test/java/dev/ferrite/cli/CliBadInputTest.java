package dev.ferrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Each kind of bad input gets exit status 2 and one line on stderr naming the file (and, for text, the line and
 * column), and nothing is written: no output file, no temporary file left behind.
 */
class CliBadInputTest {
    @TempDir
    Path dir;

    /** Runs dbscan on a CSV of this text with --out and --plot, and checks the one-line error and the empty dir. */
    private void assertCsvRefused(String text, String expected) throws IOException {
        Path csv = Files.writeString(dir.resolve("in.csv"), text);
        assertRefused(expected, "dbscan", csv.toString(), "--eps", "1", "--min-pts", "2", "--out",
                dir.resolve("labels.csv").toString(), "--plot", dir.resolve("plot.png").toString());
    }

    private void assertRefused(String expected, String... args) throws IOException {
        List<Path> before = listing();
        CliRun.Result r = CliRun.run(args);
        assertEquals(2, r.status(), r::toString);
        assertEquals("ferrite: " + expected + "\n", r.err());
        assertEquals("", r.out());
        assertEquals(before, listing(), "files were written");
    }

    private List<Path> listing() throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.sorted().toList();
        }
    }

    private String csv() {
        return dir.resolve("in.csv").toString();
    }

    @Test
    void nonNumericCell() throws IOException {
        assertCsvRefused("x,y\n1,2\n3,abc\n", csv() + ", line 3, column 2: \"abc\" is not a number");
    }

    @Test
    void numberSyntax() {
        for (String ok : new String[] {"1", "-1.5", ".5", "1.", "1e-3", "+2E+10", "007"}) {
            assertTrue(PointsReader.isDecimal(ok), ok);
        }
        for (String bad : new String[] {"", "1e", "e5", ".", "-", "1.2.3", "0x10", "1d", "1f", "1 2", "１"}) {
            assertTrue(!PointsReader.isDecimal(bad), bad);
        }
    }

    @Test
    void emptyCell() throws IOException {
        assertCsvRefused("1,2\n,4\n", csv() + ", line 2, column 1: an empty cell, expected a number");
    }

    @Test
    void raggedRows() throws IOException {
        assertCsvRefused("1,2\n3,4\n5,6,7\n", csv() + ", line 3, column 3: 3 values, expected 2 as on line 1");
        assertCsvRefused("# comment\n\n1,2\n3\n", csv() + ", line 4, column 2: 1 value, expected 2 as on line 3");
        assertCsvRefused("a,b,c\n1,2\n", csv() + ", line 2, column 3: 2 values, but the header on line 1 names 3 "
                + "columns");
    }

    @Test
    void unnamedIndexColumn() throws IOException {
        assertCsvRefused(",x,y\n0,1.5,2\n1,3,4\n", csv() + ", line 1, column 1: a header column without a name (an "
                + "index column? write the CSV without it, e.g. pandas' to_csv(index=False))");
    }

    @Test
    void nanAndInfinity() throws IOException {
        assertCsvRefused("1,2\nNaN,4\n", csv() + ", line 2, column 1: \"NaN\" is not a finite number (DBSCAN needs "
                + "finite coordinates)");
        assertCsvRefused("1,2\n3,-inf\n", csv() + ", line 2, column 2: \"-inf\" is not a finite number (DBSCAN needs "
                + "finite coordinates)");
        assertCsvRefused("1,2\n3,1e999\n", csv() + ", line 2, column 2: \"1e999\" is out of range (beyond a double's "
                + "largest value)");
        assertCsvRefused("1,2\n3,-2e150\n", csv() + ", line 2, column 2: |-2e150| is above 1e150, where squared "
                + "Euclidean distances overflow");
    }

    @Test
    void cosineZeroVector() throws IOException {
        Path csv = Files.writeString(dir.resolve("in.csv"), "1,2\n0,0\n");
        assertRefused(csv + ", line 2: a zero vector, which has no direction (the cosine metric needs one)",
                "dbscan", csv.toString(), "--eps", "0.1", "--min-pts", "2", "--metric", "cosine");
    }

    @Test
    void noPoints() throws IOException {
        assertCsvRefused("x,y\n", csv() + ": no points (only a header)");
        assertCsvRefused("", csv() + ": no points");
    }

    @Test
    void badParameters() throws IOException {
        Files.writeString(dir.resolve("in.csv"), "1,2\n");
        assertRefused("dbscan: --eps must be finite and > 0, got -1.0", "dbscan", csv(), "--eps", "-1", "--min-pts",
                "2");
        assertRefused("dbscan: --min-pts must be >= 1 (it counts the point itself), got 0", "dbscan", csv(), "--eps",
                "1", "--min-pts", "0");
        assertRefused(dir.resolve("missing.csv") + ": no such file", "dbscan", dir.resolve("missing.csv").toString(),
                "--eps", "1", "--min-pts", "2");
        assertRefused(dir.resolve("no/labels.csv") + ": no such directory: " + dir.resolve("no"), "dbscan", csv(),
                "--eps", "1", "--min-pts", "2", "--out", dir.resolve("no/labels.csv").toString());
        assertRefused("dbscan: --plot-size: expected WIDTHxHEIGHT from 200x150 to 10000x10000, got '12'", "dbscan",
                csv(), "--eps", "1", "--min-pts", "2", "--plot", dir.resolve("p.png").toString(), "--plot-size", "12");
    }

    @Test
    void npyProblems() throws IOException {
        byte[] two = TestData.data(new double[][] {{1, 2}}, 8);
        Path npy = dir.resolve("in.npy");
        String[] args = {"dbscan", npy.toString(), "--eps", "1", "--min-pts", "2", "--out",
            dir.resolve("labels.csv").toString()};
        TestData.npyRaw(npy, "<i8", false, "(1, 2)", two);
        assertRefused(npy + ": dtype '<i8' is not supported: save a float64 or float32 array "
                + "(a.astype('float64'))", args);
        TestData.npyRaw(npy, ">f8", false, "(1, 2)", two);
        assertRefused(npy + ": big-endian data ('>f8') is not supported: save a.astype('<f8')", args);
        TestData.npyRaw(npy, "<f8", true, "(1, 2)", two);
        assertRefused(npy + ": Fortran-order array: save numpy.ascontiguousarray(a)", args);
        TestData.npyRaw(npy, "<f8", false, "(2,)", two);
        assertRefused(npy + ": a 1-D array of shape (2,): expected 2-D, one row per point (reshape it: "
                + "a.reshape(-1, 1))", args);
        TestData.npyRaw(npy, "<f8", false, "(2, 2)", two);
        assertRefused(npy + ": truncated: the header promises 32 bytes of data, the file has 16", args);
        TestData.npyRaw(npy, "<f8", false, "(1, 2)", TestData.data(new double[][] {{1, Double.NaN}}, 8));
        assertRefused(npy + ": element [0, 1] is NaN (DBSCAN needs finite coordinates)", args);
        TestData.npyRaw(npy, "<f4", false, "(1, 2)", TestData.data(new double[][] {{Double.NEGATIVE_INFINITY, 1}}, 4));
        assertRefused(npy + ": element [0, 0] is -Infinity (DBSCAN needs finite coordinates)", args);
        Files.writeString(npy, "not numpy at all");
        assertRefused(npy + ": not a NumPy .npy file (no \\x93NUMPY magic at the start)", args);
    }

    @Test
    void malformedChecksumFile() throws IOException {
        Path sums = Files.writeString(dir.resolve("sums"),
                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855  a\nxyz  b\n");
        assertRefused(sums + ", line 2, column 1: expected 64 hex digits, found 0", "sha256", "--check",
                sums.toString());
        Files.writeString(sums, "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855 a\n");
        assertRefused(sums + ", line 1, column 65: expected two spaces (or ' *') and a file name after the checksum",
                "sha256", "--check", sums.toString());
    }

    @Test
    void brokenKeysAndSignatures() throws IOException {
        Path notPem = Files.writeString(dir.resolve("k.pem"), "hello\n");
        Path msg = Files.writeString(dir.resolve("msg"), "message");
        Path sig = dir.resolve("sig");
        assertRefused(notPem + ": not a PEM file (no '-----BEGIN ...-----' line)", "ed25519", "sign", "--key",
                notPem.toString(), "--out", sig.toString(), msg.toString());
        Files.writeString(notPem, "-----BEGIN PRIVATE KEY-----\nMC4CAQAwBQYDK2Vw!CIEIA==\n-----END PRIVATE KEY-----\n");
        assertRefused(notPem + ", line 2, column 17: '!' is not Base64", "ed25519", "sign", "--key",
                notPem.toString(), "--out", sig.toString(), msg.toString());
        Files.writeString(notPem, "-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n");
        assertRefused(notPem + ": a PEM 'PUBLIC KEY', expected a 'PRIVATE KEY'", "ed25519", "sign", "--key",
                notPem.toString(), "--out", sig.toString(), msg.toString());
        Files.write(sig, new byte[63]);
        Files.writeString(notPem, "-----BEGIN PUBLIC KEY-----\n"
                + "MCowBQYDK2VwAyEAGb9ECWmEzf6FQbrBZ9w7lshQhqowtrbLDFw4rXAxZuE=\n-----END PUBLIC KEY-----\n");
        assertRefused(sig + ": 63 bytes; an Ed25519 signature is 64 (raw, as openssl pkeyutl -sign writes it)",
                "ed25519", "verify", "--pub", notPem.toString(), "--sig", sig.toString(), msg.toString());
    }

    @Test
    void passwordsAreNeverArguments() throws IOException {
        CliRun.Result r = CliRun.run("secret\n".getBytes(), null, "argon2", "hash", "hunter2");
        assertEquals(2, r.status(), r::toString);
        assertTrue(r.err().startsWith("ferrite: Unmatched argument at index 2: 'hunter2'"), r.err());
        assertEquals("", r.out());
        assertRefused("argon2 verify: malformed Argon2 PHC string: it must start with '$', as in "
                + "$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>", "argon2", "verify", "nonsense");
    }
}
