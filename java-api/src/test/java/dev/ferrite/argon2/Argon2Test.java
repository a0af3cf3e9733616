package dev.ferrite.argon2;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Argon2 on each backend: the known answers of RFC 9106 and the reference implementation (raw output, producing and
 * verifying their PHC strings), a differential test against Bouncy Castle called directly, malformed and hostile PHC
 * strings, {@code needsRehash}, {@code char[]} passwords, parameter limits and concurrent use.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class Argon2Test {
    private static final HexFormat HEX = HexFormat.of();
    private static final byte[] PASSWORD = "password".getBytes(StandardCharsets.US_ASCII);
    /** Cheap parameters for tests that are about strings and arguments, not cost. */
    private static final Argon2Params SMALL = Argon2Params.builder().memoryKib(64).iterations(1).parallelism(2).build();

    @Parameter
    Backend backend;

    private Argon2 argon2() {
        return Crypto.argon2(backend);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    /** Bouncy Castle called directly: the reference for the differential test. */
    private static byte[] bouncyCastle(Argon2Type type, int version, int m, int t, int p, byte[] password,
            byte[] salt, byte[] secret, byte[] ad, int length) {
        int bcType = switch (type) {
            case D -> Argon2Parameters.ARGON2_d;
            case I -> Argon2Parameters.ARGON2_i;
            case ID -> Argon2Parameters.ARGON2_id;
        };
        Argon2Parameters.Builder b = new Argon2Parameters.Builder(bcType).withVersion(version).withMemoryAsKB(m)
                .withIterations(t).withParallelism(p).withSalt(salt);
        if (secret.length > 0) {
            b.withSecret(secret);
        }
        if (ad.length > 0) {
            b.withAdditional(ad);
        }
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(b.build());
        byte[] out = new byte[length];
        generator.generateBytes(password, out);
        return out;
    }

    @Test
    void backend_isTheOneAskedFor() {
        assertEquals(backend, argon2().backend());
    }

    @Test
    void knownAnswers_rfc9106AndReferenceSuite_rawOutput() {
        List<Argon2Vectors.Case> cases = Argon2Vectors.all();
        assertEquals(19, cases.size());
        List<String> failures = new ArrayList<>();
        for (Argon2Vectors.Case c : cases) {
            byte[] out = argon2().deriveKey(c.password(), c.salt(), c.params(), c.tag().length);
            if (!HEX.formatHex(out).equals(HEX.formatHex(c.tag()))) {
                failures.add(c + ": got " + HEX.formatHex(out));
            }
        }
        assertEquals(List.of(), failures);
        System.out.printf("Argon2 %s: %d known answers checked (3 RFC 9106, %d reference suite)%n", backend,
                cases.size(), cases.size() - 3);
    }

    @Test
    void knownAnswers_rfc9106WithSecretAndAssociatedData_verifyThroughOptions() {
        for (Argon2Vectors.Case c : Argon2Vectors.all()) {
            if (c.secret().length == 0) {
                continue;
            }
            String phc = Phc.format(c.type(), c.version(), c.memoryKib(), c.iterations(), c.parallelism(), c.salt(),
                    c.tag());
            Argon2VerifyOptions options = Argon2VerifyOptions.defaults().secret(c.secret())
                    .associatedData(c.associatedData());
            assertTrue(argon2().verify(phc, c.password(), options), c.toString());
            assertFalse(argon2().verify(phc, c.password()), c + " without the secret must not verify");
            assertFalse(argon2().verify(phc, c.password(), options.associatedData(null)), c + " without the data");
            assertTrue(argon2().verify(phc, c.password(), Argon2VerifyOptions.forParams(c.params())), c.toString());
        }
    }

    @Test
    void knownAnswers_referencePhcStrings_areProducedAndVerified() {
        int checked = 0;
        for (Argon2Vectors.Case c : Argon2Vectors.all()) {
            if (c.phc() == null) {
                continue;
            }
            // Producing: the string Ferrite writes for this salt and hash is the reference's, character for character.
            byte[] out = argon2().deriveKey(c.password(), c.salt(), c.params(), c.tag().length);
            assertEquals(c.phc(), Phc.format(c.type(), c.version(), c.memoryKib(), c.iterations(), c.parallelism(),
                    c.salt(), out), c.toString());
            // Verifying a string written by libargon2.
            assertTrue(argon2().verify(c.phc(), c.password()), c.toString());
            assertFalse(argon2().verify(c.phc(), bytes("wrong password")), c + " with a wrong password");
            assertFalse(argon2().needsRehash(c.phc(), c.params().toBuilder().saltLength(8).build()), c.toString());
            checked++;
        }
        assertEquals(16, checked);
    }

    /**
     * A version 1.0 string from the reference suite (written without {@code v=}, as libargon2 did for 0x10); its
     * hash is also what Bouncy Castle computes with version 0x10, checked below.
     */
    @Test
    void version10_stringWithoutV_verifies() {
        String phc = "$argon2i$m=65536,t=2,p=1$c29tZXNhbHQ$9sTbSlTio3Biev89thdrlKKiCaYsjjYVJxGAL3swxpQ";
        assertTrue(argon2().verify(phc, PASSWORD));
        assertFalse(argon2().verify(phc, bytes("passwore")));
        Argon2Params v10 = Argon2Params.builder().type(Argon2Type.I).version(Argon2Params.VERSION_10)
                .memoryKib(65536).iterations(2).parallelism(1).build();
        assertEquals("f6c4db4a54e2a370627aff3db6176b94a2a209a62c8e36152711802f7b30c694",
                HEX.formatHex(argon2().deriveKey(PASSWORD, bytes("somesalt"), v10, 32)));
        assertTrue(argon2().needsRehash(phc, v10.toBuilder().version(Argon2Params.VERSION_13).build()));
        assertFalse(argon2().needsRehash(phc, v10.toBuilder().saltLength(8).build()));
        // The same with an explicit v=16.
        assertTrue(argon2().verify(phc.replace("$m=", "$v=16$m="), PASSWORD));
        // New hashes are never made with 0x10.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> argon2().hash(PASSWORD, v10));
        assertTrue(e.getMessage().contains("0x13"), e.getMessage());
    }

    @Test
    void differential_againstBouncyCastle_randomInputsAllTypesOneToEightLanes() {
        SplittableRandom random = new SplittableRandom(0x5eed_a2);
        int cases = 0;
        for (Argon2Type type : Argon2Type.values()) {
            for (int p = 1; p <= 8; p++) {
                for (int round = 0; round < 3; round++) {
                    int m = 8 * p + random.nextInt(0, 96);
                    int t = random.nextInt(1, 4);
                    int version = random.nextInt(4) == 0 ? Argon2Params.VERSION_10 : Argon2Params.VERSION_13;
                    byte[] password = new byte[random.nextInt(0, 80)];
                    random.nextBytes(password);
                    byte[] salt = new byte[random.nextInt(8, 40)];
                    random.nextBytes(salt);
                    byte[] secret = new byte[random.nextInt(3) == 0 ? random.nextInt(1, 40) : 0];
                    random.nextBytes(secret);
                    byte[] ad = new byte[random.nextInt(3) == 0 ? random.nextInt(1, 33) : 0];
                    random.nextBytes(ad);
                    int length = random.nextInt(4) == 0 ? random.nextInt(4, 200) : 32;
                    Argon2Params params = Argon2Params.builder().type(type).version(version).memoryKib(m)
                            .iterations(t).parallelism(p).secret(secret).associatedData(ad).build();
                    byte[] expected = bouncyCastle(type, version, m, t, p, password, salt, secret, ad, length);
                    byte[] actual = argon2().deriveKey(password, salt, params, length);
                    assertArrayEquals(expected, actual, () -> params + " password " + HEX.formatHex(password)
                            + " salt " + HEX.formatHex(salt));
                    cases++;
                }
            }
        }
        System.out.printf("Argon2 %s: %d differential cases against Bouncy Castle%n", backend, cases);
    }

    @Test
    void hash_writesAStandardPhcStringThatVerifies() {
        String phc = argon2().hash(PASSWORD, SMALL);
        assertTrue(phc.startsWith("$argon2id$v=19$m=64,t=1,p=2$"), phc);
        String[] fields = phc.split("\\$");
        assertEquals(6, fields.length);
        assertEquals(16, Base64.getDecoder().decode(fields[4]).length);
        assertEquals(32, Base64.getDecoder().decode(fields[5]).length);
        assertFalse(fields[4].contains("=") || fields[5].contains("="), "no padding");
        assertTrue(argon2().verify(phc, PASSWORD));
        assertFalse(argon2().verify(phc, bytes("Password")));
        assertFalse(argon2().verify(phc, new byte[0]));
        assertNotEquals(phc, argon2().hash(PASSWORD, SMALL), "a fresh salt every time");
        assertFalse(argon2().needsRehash(phc, SMALL));
        // Every type, and other salt and hash lengths.
        for (Argon2Type type : Argon2Type.values()) {
            Argon2Params params = SMALL.toBuilder().type(type).saltLength(8).outputLength(64).build();
            String s = argon2().hash(PASSWORD, params);
            assertTrue(s.startsWith("$" + type.phcName() + "$v=19$"), s);
            assertTrue(argon2().verify(s, PASSWORD), s);
            assertFalse(argon2().needsRehash(s, params));
        }
    }

    @Tag("native") // compares with the other backend
    @Test
    void hashesFromOneBackend_verifyOnTheOther() {
        Backend other = backend == Backend.NATIVE ? Backend.JAVA : Backend.NATIVE;
        Argon2Params params = SMALL.toBuilder().secret(bytes("pepper")).build();
        String phc = argon2().hash(PASSWORD, params);
        assertTrue(Crypto.argon2(other).verify(phc, PASSWORD, Argon2VerifyOptions.forParams(params)));
        assertFalse(Crypto.argon2(other).verify(phc, PASSWORD));
    }

    @Test
    void charPasswords_areUtf8() {
        String text = "pässwörd ∑ 密码 😀";
        char[] chars = text.toCharArray();
        String phc = argon2().hash(chars, SMALL);
        assertTrue(argon2().verify(phc, text.getBytes(StandardCharsets.UTF_8)));
        assertTrue(argon2().verify(phc, chars));
        assertTrue(argon2().verify(phc, chars, Argon2VerifyOptions.defaults()));
        assertFalse(argon2().verify(phc, "pässwörd ∑ 密码".toCharArray()));
        byte[] salt = bytes("somesalt");
        assertArrayEquals(argon2().deriveKey(text.getBytes(StandardCharsets.UTF_8), salt, SMALL, 32),
                argon2().deriveKey(chars, salt, SMALL, 32));
        assertEquals(text, String.valueOf(chars), "the caller's array is left alone");
        // An unpaired surrogate has no UTF-8 encoding: refused, not replaced.
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> argon2().hash(new char[] {'a', '\uD83D', 'b'}, SMALL));
        assertTrue(e.getMessage().contains("index 1"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> argon2().verify(phc, new char[] {'\uDE00'}));
        assertThrows(IllegalArgumentException.class, () -> argon2().deriveKey(new char[] {'\uD83D'}, salt, SMALL, 32));
    }

    @Test
    void utf8_matchesTheJdkForRandomText() {
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 2000; i++) {
            StringBuilder sb = new StringBuilder();
            int length = random.nextInt(0, 20);
            for (int j = 0; j < length; j++) {
                int cp;
                do {
                    cp = switch (random.nextInt(4)) {
                        case 0 -> random.nextInt(0, 0x80);
                        case 1 -> random.nextInt(0x80, 0x800);
                        case 2 -> random.nextInt(0x800, 0x10000);
                        default -> random.nextInt(0x10000, 0x110000);
                    };
                } while (cp >= 0xD800 && cp <= 0xDFFF);
                sb.appendCodePoint(cp);
            }
            String s = sb.toString();
            assertArrayEquals(s.getBytes(StandardCharsets.UTF_8), Utf8.encode(s.toCharArray()), s);
        }
    }

    @Test
    void malformedStrings_throwSayingWhatIsWrong() {
        String good = argon2().hash(PASSWORD, SMALL);
        String[] f = good.split("\\$");
        String salt = f[4];
        String hash = f[5];
        record Bad(String phc, String expect) {}
        List<Bad> bad = List.of(
                new Bad("", "start with '$'"),
                new Bad("argon2id$v=19$m=64,t=1,p=2$" + salt + "$" + hash, "start with '$'"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2$" + salt, "found 4"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2$" + salt + "$" + hash + "$", "found 6"),
                new Bad("$argon2x$v=19$m=64,t=1,p=2$" + salt + "$" + hash, "unknown type 'argon2x'"),
                new Bad("$Argon2id$v=19$m=64,t=1,p=2$" + salt + "$" + hash, "unknown type"),
                new Bad("$scrypt$ln=16,r=8,p=1$" + salt + "$" + hash, "unknown type 'scrypt'"),
                new Bad("$argon2id$v=20$m=64,t=1,p=2$" + salt + "$" + hash, "unsupported version v=20"),
                new Bad("$argon2id$x=19$m=64,t=1,p=2$" + salt + "$" + hash, "version field"),
                new Bad("$argon2id$v=19$t=1,m=64,p=2$" + salt + "$" + hash, "expected parameter 'm='"),
                new Bad("$argon2id$v=19$m=64,t=1$" + salt + "$" + hash, "found 2"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2,keyid=abc$" + salt + "$" + hash, "found 4"),
                new Bad("$argon2id$v=19$m=064,t=1,p=2$" + salt + "$" + hash, "leading zero"),
                new Bad("$argon2id$v=19$m=-64,t=1,p=2$" + salt + "$" + hash, "decimal number"),
                new Bad("$argon2id$v=19$m=,t=1,p=2$" + salt + "$" + hash, "has no value"),
                new Bad("$argon2id$v=19$m=99999999999,t=1,p=2$" + salt + "$" + hash, "too large"),
                new Bad("$argon2id$v=19$m=4294967295,t=1,p=2$" + salt + "$" + hash, "out of range"),
                new Bad("$argon2id$v=19$m=64,t=0,p=2$" + salt + "$" + hash, "t=0 is out of range"),
                new Bad("$argon2id$v=19$m=64,t=1,p=0$" + salt + "$" + hash, "p=0 is out of range"),
                new Bad("$argon2id$v=19$m=8,t=1,p=2$" + salt + "$" + hash, "8 KiB per lane"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2$" + salt + "==$" + hash, "padding"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2$" + salt + "$" + hash + "=", "padding"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2$" + salt.replace(salt.charAt(0), '-') + "$" + hash, "base64"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2$" + salt + "$" + hash.replace(hash.charAt(2), '_'), "base64"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2$" + salt + "$" + hash.substring(0, 41), "4k+1"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2$" + salt + "$" + hash.substring(0, 42) + "B", "canonical"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2$" + salt + "$", "hash is empty"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2$c29tZQ$" + hash, "shorter than 8"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2$" + salt + "$AAAA", "the hash is 3 bytes"),
                new Bad(good + "\n", "index 43"),
                new Bad(" " + good, "start with '$'"),
                new Bad("$argon2id$v=19$m=64,t=1,p=2 $" + salt + "$" + hash, "decimal number"));
        for (Bad b : bad) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> argon2().verify(b.phc(), PASSWORD), b.phc());
            assertTrue(e.getMessage().startsWith("malformed Argon2 PHC string: "), e.getMessage());
            assertTrue(e.getMessage().contains(b.expect()), () -> b.phc() + " -> " + e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> argon2().needsRehash(b.phc(), SMALL), b.phc());
        }
        assertThrows(NullPointerException.class, () -> argon2().verify(null, PASSWORD));
        assertThrows(NullPointerException.class, () -> argon2().verify(good, (byte[]) null));
    }

    @Test
    void truncatedOrAlteredHash_isFalseNotAnError() {
        String good = argon2().hash(PASSWORD, SMALL);
        String[] f = good.split("\\$");
        // 43 base64 characters encode 32 bytes; the first 40 of them encode exactly the first 30.
        String truncated = good.substring(0, good.length() - 3);
        assertFalse(argon2().verify(truncated, PASSWORD), "a shorter hash is a different Argon2 output");
        // A flipped bit in the hash or the salt.
        byte[] hash = Base64.getDecoder().decode(f[5]);
        hash[7] ^= 1;
        String flipped = "$" + f[1] + "$" + f[2] + "$" + f[3] + "$" + f[4] + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(hash);
        assertFalse(argon2().verify(flipped, PASSWORD));
        byte[] salt = Base64.getDecoder().decode(f[4]);
        salt[0] ^= (byte) 0x80;
        String otherSalt = "$" + f[1] + "$" + f[2] + "$" + f[3] + "$"
                + Base64.getEncoder().withoutPadding().encodeToString(salt) + "$" + f[5];
        assertFalse(argon2().verify(otherSalt, PASSWORD));
        // Another type, cost or version with the same salt and hash.
        assertFalse(argon2().verify(good.replace("$argon2id$", "$argon2i$"), PASSWORD));
        assertFalse(argon2().verify(good.replace("t=1", "t=2"), PASSWORD));
        assertFalse(argon2().verify(good.replace("$v=19$", "$v=16$"), PASSWORD));
    }

    @Test
    void costAboveTheCeiling_isRefusedBeforeAnyWork() {
        String huge = "$argon2id$v=19$m=1048577,t=1,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> argon2().verify(huge, PASSWORD));
        assertTrue(e.getMessage().contains("m=1048577 KiB, above the ceiling of 1048576 KiB"), e.getMessage());
        String slow = "$argon2id$v=19$m=64,t=33,p=1$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        e = assertThrows(IllegalArgumentException.class, () -> argon2().verify(slow, PASSWORD));
        assertTrue(e.getMessage().contains("t=33"), e.getMessage());
        String wide = "$argon2id$v=19$m=4096,t=1,p=256$c29tZXNhbHQ$CTFhFdXPJO1aFaMaO6Mm5c8y7cJHAph8ArZWb2GRPPc";
        e = assertThrows(IllegalArgumentException.class, () -> argon2().verify(wide, PASSWORD));
        assertTrue(e.getMessage().contains("p=256"), e.getMessage());
        // A configured ceiling applies both ways.
        String phc = argon2().hash(PASSWORD, SMALL);
        Argon2VerifyOptions tight = Argon2VerifyOptions.defaults().maxMemoryKib(32);
        e = assertThrows(IllegalArgumentException.class, () -> argon2().verify(phc, PASSWORD, tight));
        assertTrue(e.getMessage().contains("maxMemoryKib"), e.getMessage());
        assertTrue(argon2().verify(phc, PASSWORD, tight.maxMemoryKib(64)));
        assertFalse(argon2().verify(slow, PASSWORD, Argon2VerifyOptions.defaults().maxIterations(33)),
                "within a raised ceiling the string is computed (and does not match)");
    }

    @Test
    void needsRehash_comparesEveryRecordedParameter() {
        String phc = argon2().hash(PASSWORD, SMALL);
        assertFalse(argon2().needsRehash(phc, SMALL));
        assertTrue(argon2().needsRehash(phc, SMALL.toBuilder().type(Argon2Type.I).build()));
        assertTrue(argon2().needsRehash(phc, SMALL.toBuilder().memoryKib(128).build()));
        assertTrue(argon2().needsRehash(phc, SMALL.toBuilder().memoryKib(32).build()), "cheaper counts too");
        assertTrue(argon2().needsRehash(phc, SMALL.toBuilder().iterations(2).build()));
        assertTrue(argon2().needsRehash(phc, SMALL.toBuilder().parallelism(1).build()));
        assertTrue(argon2().needsRehash(phc, SMALL.toBuilder().outputLength(64).build()));
        assertTrue(argon2().needsRehash(phc, SMALL.toBuilder().saltLength(32).build()));
        assertFalse(argon2().needsRehash(phc, SMALL.toBuilder().saltLength(8).build()));
        assertTrue(argon2().needsRehash(phc, Argon2Params.owaspDefault()));
    }

    @Test
    void deriveKey_checksItsArguments() {
        byte[] salt = bytes("somesalt");
        assertEquals(4, argon2().deriveKey(PASSWORD, salt, SMALL, 4).length);
        assertEquals(1000, argon2().deriveKey(PASSWORD, salt, SMALL, 1000).length);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> argon2().deriveKey(PASSWORD, bytes("short"), SMALL, 32));
        assertTrue(e.getMessage().contains("MIN_SALT_LENGTH"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> argon2().deriveKey(PASSWORD, salt, SMALL, 3));
        assertTrue(e.getMessage().contains("MIN_OUTPUT_LENGTH"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> argon2().deriveKey(PASSWORD, salt, SMALL, Argon2Params.MAX_OUTPUT_LENGTH + 1));
        assertTrue(e.getMessage().contains("MAX_OUTPUT_LENGTH"), e.getMessage());
        assertThrows(NullPointerException.class, () -> argon2().deriveKey((byte[]) null, salt, SMALL, 32));
        assertThrows(NullPointerException.class, () -> argon2().deriveKey(PASSWORD, null, SMALL, 32));
        assertThrows(NullPointerException.class, () -> argon2().deriveKey(PASSWORD, salt, null, 32));
        assertThrows(NullPointerException.class, () -> argon2().hash((byte[]) null, SMALL));
        assertThrows(NullPointerException.class, () -> argon2().hash(PASSWORD, null));
        // Empty password, long password, long salt.
        assertEquals(32, argon2().deriveKey(new byte[0], salt, SMALL, 32).length);
        byte[] longPassword = new byte[100_000];
        byte[] longSalt = new byte[5_000];
        assertArrayEquals(bouncyCastle(Argon2Type.ID, 0x13, 64, 1, 2, longPassword, longSalt, new byte[0],
                new byte[0], 32), argon2().deriveKey(longPassword, longSalt, SMALL, 32));
    }

    @Test
    void fourThreadsHashingAtOnce_getTheirOwnAnswers() throws Exception {
        Argon2Params params = Argon2Params.builder().memoryKib(2048).iterations(1).parallelism(2).build();
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<String>> futures = new ArrayList<>();
            for (int thread = 0; thread < 4; thread++) {
                int id = thread;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 6; i++) {
                        byte[] password = bytes("password-" + id + "-" + i);
                        byte[] salt = bytes("salt-of-thread-" + id);
                        byte[] key = argon2().deriveKey(password, salt, params, 32);
                        byte[] expected = bouncyCastle(Argon2Type.ID, 0x13, 2048, 1, 2, password, salt, new byte[0],
                                new byte[0], 32);
                        if (!java.util.Arrays.equals(expected, key)) {
                            return "thread " + id + " round " + i + " differs";
                        }
                        String phc = argon2().hash(password, params);
                        if (!argon2().verify(phc, password) || argon2().verify(phc, salt)) {
                            return "thread " + id + " round " + i + " verify failed";
                        }
                    }
                    return "ok";
                }));
            }
            for (Future<String> f : futures) {
                assertEquals("ok", f.get(120, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void params_limitsPresetsAndToString() {
        Argon2Params owasp = Argon2Params.owaspDefault();
        assertEquals("Argon2Params[argon2id v=19 m=19456 t=2 p=1, output 32 B, salt 16 B]", owasp.toString());
        assertEquals(owasp, Argon2Params.builder().build());
        Argon2Params first = Argon2Params.rfc9106FirstRecommended();
        assertEquals(List.of(Argon2Type.ID, 2_097_152, 1, 4), List.of(first.type(), first.memoryKib(),
                first.iterations(), first.parallelism()));
        Argon2Params second = Argon2Params.rfc9106SecondRecommended();
        assertEquals(List.of(Argon2Type.ID, 65_536, 3, 4), List.of(second.type(), second.memoryKib(),
                second.iterations(), second.parallelism()));
        record Limit(Runnable call, String name) {}
        List<Limit> limits = List.of(
                new Limit(() -> Argon2Params.builder().memoryKib(7), "MIN_MEMORY_KIB"),
                new Limit(() -> Argon2Params.builder().iterations(0), "MIN_ITERATIONS"),
                new Limit(() -> Argon2Params.builder().parallelism(0), "MIN_PARALLELISM"),
                new Limit(() -> Argon2Params.builder().parallelism(1 << 24), "MAX_PARALLELISM"),
                new Limit(() -> Argon2Params.builder().outputLength(3), "MIN_OUTPUT_LENGTH"),
                new Limit(() -> Argon2Params.builder().outputLength((1 << 20) + 1), "MAX_OUTPUT_LENGTH"),
                new Limit(() -> Argon2Params.builder().saltLength(7), "MIN_SALT_LENGTH"),
                new Limit(() -> Argon2Params.builder().saltLength(1025), "MAX_SALT_LENGTH"),
                new Limit(() -> Argon2Params.builder().version(0x12), "VERSION_13"),
                new Limit(() -> Argon2Params.builder().associatedData(new byte[33]), "MAX_ASSOCIATED_DATA_LENGTH"),
                new Limit(() -> Argon2VerifyOptions.defaults().associatedData(new byte[33]),
                        "MAX_ASSOCIATED_DATA_LENGTH"),
                new Limit(() -> Argon2Params.builder().memoryKib(24).parallelism(4).build(), "8 KiB per lane"),
                new Limit(() -> Argon2VerifyOptions.defaults().maxMemoryKib(0), "MIN_MEMORY_KIB"),
                new Limit(() -> Argon2VerifyOptions.defaults().maxIterations(0), "MIN_ITERATIONS"),
                new Limit(() -> Argon2VerifyOptions.defaults().maxParallelism(0), "MIN_PARALLELISM"));
        for (Limit limit : limits) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, limit.call()::run);
            assertTrue(e.getMessage().contains(limit.name()), e.getMessage());
        }
        assertThrows(NullPointerException.class, () -> Argon2Params.builder().type(null));
        // The secret never shows; accessors copy.
        byte[] secret = bytes("top secret pepper");
        Argon2Params peppered = owasp.toBuilder().secret(secret).associatedData(bytes("ad")).build();
        assertFalse(peppered.toString().contains("top secret"), peppered.toString());
        assertTrue(peppered.toString().contains("secret set"), peppered.toString());
        assertFalse(Argon2VerifyOptions.forParams(peppered).toString().contains("top secret"));
        secret[0] = 'X';
        assertArrayEquals(bytes("top secret pepper"), peppered.secret());
        peppered.secret()[0] = 'Y';
        assertArrayEquals(bytes("top secret pepper"), peppered.secret());
        assertTrue(peppered.hasSecret());
        assertFalse(owasp.hasSecret());
        assertNotEquals(owasp, peppered);
        assertEquals(Argon2VerifyOptions.DEFAULT_MAX_MEMORY_KIB, Argon2VerifyOptions.defaults().maxMemoryKib());
        assertEquals(2_097_152, Argon2VerifyOptions.forParams(first).maxMemoryKib());
    }
}
