package dev.ferrite.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.ed25519.Ed25519PublicKey;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ferrite ed25519} against the {@code openssl} binary, both ways, on each backend: OpenSSL reads our keys and
 * verifies our signatures; we read OpenSSL's keys and verify its signatures; the same key and message give the same
 * signature bytes (Ed25519 is deterministic).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.cli.CliBackends#all")
class CliEd25519Test {
    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    private Path msg;

    @BeforeEach
    void setUp() throws IOException {
        assumeTrue(CliRun.onPath("openssl"), "openssl is not on the PATH: the interop tests need the binary");
        byte[] message = new byte[10_000];
        new java.util.Random(1).nextBytes(message);
        msg = Files.write(dir.resolve("msg.bin"), message);
    }

    private CliRun.Result ed25519(String... args) {
        String[] all = new String[args.length + 2];
        all[0] = CliBackends.option(backend);
        all[1] = "ed25519";
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(all);
    }

    private CliRun.Exec openssl(String... args) throws Exception {
        CliRun.Exec e = CliRun.exec(dir, java.util.stream.Stream.concat(java.util.stream.Stream.of("openssl"),
                java.util.stream.Stream.of(args)).toList());
        return e;
    }

    @Test
    void ourKeysAndSignatures_openSslVerifies() throws Exception {
        CliRun.Result r = ed25519("keygen", "--out", dir.resolve("k.pem").toString(), "--pub-out",
                dir.resolve("pub.pem").toString());
        assertEquals(0, r.status(), r::toString);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("k.pem"))));
        r = ed25519("sign", "--key", dir.resolve("k.pem").toString(), "--out", dir.resolve("sig").toString(),
                msg.toString());
        assertEquals(0, r.status(), r::toString);
        assertEquals(64, Files.size(dir.resolve("sig")));
        CliRun.Exec v = openssl("pkeyutl", "-verify", "-pubin", "-inkey", "pub.pem", "-rawin", "-in", "msg.bin",
                "-sigfile", "sig");
        assertEquals(0, v.status(), v.output());
        assertTrue(v.output().contains("Signature Verified Successfully"), v.output());
        // OpenSSL reads the private key, derives the same public key, and signs the same bytes.
        CliRun.Exec pub = openssl("pkey", "-in", "k.pem", "-pubout", "-out", "pub-openssl.pem");
        assertEquals(0, pub.status(), pub.output());
        assertEquals(Files.readString(dir.resolve("pub.pem")), Files.readString(dir.resolve("pub-openssl.pem")));
        CliRun.Exec sign = openssl("pkeyutl", "-sign", "-rawin", "-inkey", "k.pem", "-in", "msg.bin", "-out",
                "sig-openssl");
        assertEquals(0, sign.status(), sign.output());
        assertArrayEquals(Files.readAllBytes(dir.resolve("sig")), Files.readAllBytes(dir.resolve("sig-openssl")));
    }

    @Test
    void openSslKeysAndSignatures_weVerify() throws Exception {
        assertEquals(0, openssl("genpkey", "-algorithm", "ed25519", "-out", "ok.pem").status());
        assertEquals(0, openssl("pkey", "-in", "ok.pem", "-pubout", "-out", "opub.pem").status());
        assertEquals(0, openssl("pkeyutl", "-sign", "-rawin", "-inkey", "ok.pem", "-in", "msg.bin", "-out", "osig")
                .status());
        CliRun.Result r = ed25519("verify", "--pub", dir.resolve("opub.pem").toString(), "--sig",
                dir.resolve("osig").toString(), msg.toString());
        assertEquals(0, r.status(), r::toString);
        assertEquals("OK\n", r.out());
        // A private key works as --pub too (its public key is used), and we sign what OpenSSL signs.
        r = ed25519("verify", "-p", dir.resolve("ok.pem").toString(), "-s", dir.resolve("osig").toString(),
                msg.toString());
        assertEquals(0, r.status(), r::toString);
        r = ed25519("sign", "-k", dir.resolve("ok.pem").toString(), "-o", "-", msg.toString());
        assertEquals(0, r.status(), r::toString);
        assertArrayEquals(Files.readAllBytes(dir.resolve("osig")), r.outBytes());
        // The library agrees on the public key it read.
        byte[] der = Pem.decode("opub.pem", Files.readAllBytes(dir.resolve("opub.pem"))).der();
        assertTrue(Crypto.ed25519(backend).verify(Ed25519PublicKey.fromX509(der), Files.readAllBytes(msg),
                Files.readAllBytes(dir.resolve("osig"))));
    }

    @Test
    void tamperedMessageOrSignature_fails() throws Exception {
        assertEquals(0, openssl("genpkey", "-algorithm", "ed25519", "-out", "ok.pem").status());
        assertEquals(0, openssl("pkeyutl", "-sign", "-rawin", "-inkey", "ok.pem", "-in", "msg.bin", "-out", "osig")
                .status());
        Path other = Files.writeString(dir.resolve("other"), "another message");
        CliRun.Result r = ed25519("verify", "--pub", dir.resolve("ok.pem").toString(), "--sig",
                dir.resolve("osig").toString(), other.toString());
        assertEquals(1, r.status(), r::toString);
        assertEquals("FAILED\n", r.out());
        byte[] sig = Files.readAllBytes(dir.resolve("osig"));
        sig[10] ^= 1;
        Files.write(dir.resolve("osig"), sig);
        r = ed25519("verify", "--pub", dir.resolve("ok.pem").toString(), "--sig", dir.resolve("osig").toString(),
                msg.toString());
        assertEquals(1, r.status(), r::toString);
        CliRun.Exec v = openssl("pkeyutl", "-verify", "-inkey", "ok.pem", "-rawin", "-in", "msg.bin", "-sigfile",
                "osig");
        assertTrue(v.status() != 0, "OpenSSL agrees the tampered signature is invalid: " + v.output());
    }

    @Test
    void keygen_refusesToReplaceAKey_unlessForced_andPrintsThePublicKey() throws Exception {
        Path key = dir.resolve("k.pem");
        assertEquals(0, ed25519("keygen", "--out", key.toString()).status());
        byte[] first = Files.readAllBytes(key);
        CliRun.Result r = ed25519("keygen", "--out", key.toString());
        assertEquals(2, r.status(), r::toString);
        assertEquals("ferrite: " + key + ": exists; not replacing a key without --force\n", r.err());
        assertArrayEquals(first, Files.readAllBytes(key));
        r = ed25519("keygen", "--out", key.toString(), "--force");
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().startsWith("-----BEGIN PUBLIC KEY-----\n"), r.out());
        Files.writeString(dir.resolve("pub.pem"), r.out());
        CliRun.Exec pub = openssl("pkey", "-in", "k.pem", "-pubout");
        assertEquals(r.out(), pub.output());
        assertTrue(!List.of(first).contains(Files.readAllBytes(key)));
    }
}
