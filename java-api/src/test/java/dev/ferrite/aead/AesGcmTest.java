package dev.ferrite.aead;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import java.nio.ByteBuffer;
import java.nio.ReadOnlyBufferException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * AES-GCM on each backend: Wycheproof and NIST CAVP vectors, a differential test against the JDK's
 * {@code AES/GCM/NoPadding}, tampering, the buffer variants, sliced long messages, concurrency, closing and argument
 * checks.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class AesGcmTest {
    private static final HexFormat HEX = HexFormat.of();

    @Parameter
    Backend backend;

    private AesGcm gcm() {
        return Crypto.aesGcm(backend);
    }

    private static byte[] random(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    /** The JDK's answer, the reference for the differential test. */
    private static byte[] jdkEncrypt(byte[] key, byte[] nonce, byte[] plaintext, byte[] aad) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(aad);
        return cipher.doFinal(plaintext);
    }

    @Test
    void backend_isTheOneAskedFor() {
        assertEquals(backend, gcm().backend());
        try (AesGcmKey key = gcm().key(new byte[32])) {
            assertEquals(backend, key.backend());
            assertEquals(256, key.keyBits());
        }
    }

    @Test
    void wycheproof_everyCaseThatFitsTheApi() {
        List<GcmVectors.Case> cases = GcmVectors.wycheproof();
        assertEquals(316, cases.size());
        List<String> failures = new ArrayList<>();
        int valid = 0;
        int invalid = 0;
        java.util.Map<Integer, Integer> skipped = new java.util.TreeMap<>();
        for (GcmVectors.Case c : cases) {
            if (!c.fitsApi()) {
                skipped.merge(c.ivBits(), 1, Integer::sum);
                continue;
            }
            String failure = check(c);
            if (failure != null) {
                failures.add(failure);
            }
            if (c.valid()) {
                valid++;
            } else {
                invalid++;
            }
        }
        System.out.printf("[%s] Wycheproof aes_gcm_test.json: %d cases run (%d valid, %d invalid), %d skipped: the API"
                + " takes only 96-bit IVs (tag sizes are all 128 bits); skipped per IV size in bits: %s%n", backend, valid + invalid, valid, invalid,
                skipped.values().stream().mapToInt(Integer::intValue).sum(), skipped);
        assertEquals(List.of(), failures);
        assertEquals(116, valid);
        assertEquals(81, invalid);
        assertEquals(119, skipped.values().stream().mapToInt(Integer::intValue).sum());
    }

    @Test
    void nist_encryptExtIv256_allCasesWith96BitIvAnd128BitTag() {
        List<GcmVectors.Case> cases = GcmVectors.nist("gcmEncryptExtIV256.rsp.gz");
        List<String> failures = new ArrayList<>();
        int run = 0;
        for (GcmVectors.Case c : cases) {
            if (c.fitsApi()) {
                run++;
                String failure = check(c);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        System.out.printf("[%s] NIST gcmEncryptExtIV256: %d cases run, %d skipped (IV not 96 bits or tag not 128)%n",
                backend, run, cases.size() - run);
        assertEquals(List.of(), failures);
        assertEquals(375, run);
    }

    @Test
    void nist_decrypt256_allCasesWith96BitIvAnd128BitTag_failRejected() {
        List<GcmVectors.Case> cases = GcmVectors.nist("gcmDecrypt256.rsp.gz");
        List<String> failures = new ArrayList<>();
        int run = 0;
        int rejected = 0;
        for (GcmVectors.Case c : cases) {
            if (c.fitsApi()) {
                run++;
                rejected += c.valid() ? 0 : 1;
                String failure = check(c);
                if (failure != null) {
                    failures.add(failure);
                }
            }
        }
        System.out.printf("[%s] NIST gcmDecrypt256: %d cases run (%d marked FAIL, all rejected), %d skipped (IV not"
                + " 96 bits or tag not 128)%n", backend, run, rejected, cases.size() - run);
        assertEquals(List.of(), failures);
        assertEquals(375, run);
        assertTrue(rejected > 0);
    }

    /** Null when the case behaves as listed; else what went wrong. */
    private String check(GcmVectors.Case c) {
        try (AesGcmKey key = gcm().key(c.key())) {
            byte[] input = c.ciphertextAndTag();
            if (c.valid()) {
                byte[] encrypted = key.encrypt(c.iv(), c.plaintext(), c.aad());
                if (!Arrays.equals(input, encrypted)) {
                    return c.id() + ": ciphertext || tag differs";
                }
                byte[] decrypted = key.decrypt(c.iv(), input, c.aad());
                if (!Arrays.equals(c.plaintext(), decrypted)) {
                    return c.id() + ": plaintext differs";
                }
                return null;
            }
            try {
                key.decrypt(c.iv(), input, c.aad());
                return c.id() + ": invalid case decrypted";
            } catch (AEADBadTagException expected) {
                return null;
            }
        } catch (Exception e) {
            return c.id() + ": " + e;
        }
    }

    @Test
    void differential_againstTheJdk_everyLengthTo1024AndRandomTo70000() throws Exception {
        SplittableRandom random = new SplittableRandom(0x6a09e667f3bcc908L);
        int[] keySizes = {16, 24, 32};
        List<Integer> lengths = new ArrayList<>();
        for (int length = 0; length <= 1024; length++) {
            lengths.add(length);
        }
        for (int i = 0; i < 200; i++) {
            lengths.add(random.nextInt(70_001));
        }
        lengths.add(70_000);
        int checked = 0;
        for (int length : lengths) {
            byte[] keyBytes = random(random, keySizes[random.nextInt(3)]);
            byte[] nonce = random(random, 12);
            byte[] aad = random(random, random.nextInt(4) == 0 ? 0 : random.nextInt(300));
            byte[] plaintext = random(random, length);
            byte[] expected = jdkEncrypt(keyBytes, nonce, plaintext, aad);
            try (AesGcmKey key = gcm().key(keyBytes)) {
                byte[] encrypted = key.encrypt(nonce, plaintext, aad);
                assertArrayEquals(expected, encrypted, () -> "length " + length + ", key " + keyBytes.length);
                assertArrayEquals(plaintext, key.decrypt(nonce, encrypted, aad), () -> "length " + length);
            }
            checked++;
        }
        assertEquals(1025 + 201, checked);
    }

    @Test
    void tampering_aFlippedBitAnywhere_isRejected() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        byte[] nonce = random(random, 12);
        byte[] aad = random(random, 20);
        byte[] plaintext = random(random, 33);
        try (AesGcmKey key = gcm().key(random(random, 32))) {
            byte[] sealed = key.encrypt(nonce, plaintext, aad);
            for (int bit = 0; bit < sealed.length * 8; bit++) {
                byte[] changed = sealed.clone();
                changed[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThrows(AEADBadTagException.class, () -> key.decrypt(nonce, changed, aad), "ciphertext/tag bit "
                        + bit);
            }
            for (int bit = 0; bit < 96; bit++) {
                byte[] changed = nonce.clone();
                changed[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThrows(AEADBadTagException.class, () -> key.decrypt(changed, sealed, aad), "nonce bit " + bit);
            }
            for (int bit = 0; bit < aad.length * 8; bit++) {
                byte[] changed = aad.clone();
                changed[bit / 8] ^= (byte) (1 << (bit % 8));
                assertThrows(AEADBadTagException.class, () -> key.decrypt(nonce, sealed, changed), "aad bit " + bit);
            }
            assertThrows(AEADBadTagException.class, () -> key.decrypt(nonce, sealed, null), "aad dropped");
            assertThrows(AEADBadTagException.class, () -> key.decrypt(nonce, Arrays.copyOf(sealed, sealed.length - 1),
                    aad), "truncated");
            assertThrows(AEADBadTagException.class, () -> key.decrypt(nonce, Arrays.copyOf(sealed, 15), aad),
                    "shorter than a tag");
            try (AesGcmKey other = gcm().key(random(random, 32))) {
                assertThrows(AEADBadTagException.class, () -> other.decrypt(nonce, sealed, aad), "wrong key");
            }
            assertArrayEquals(plaintext, key.decrypt(nonce, sealed, aad));
        }
    }

    @Test
    void failedDecryption_wipesTheCallersBuffer() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        byte[] nonce = random(random, 12);
        for (int length : new int[] {1, 100, sliceBytes() + 17}) {
            byte[] plaintext = random(random, length);
            try (AesGcmKey key = gcm().key(random(random, 16))) {
                byte[] sealed = key.encrypt(nonce, plaintext, null);
                sealed[sealed.length - 1] ^= 1;
                for (boolean direct : new boolean[] {false, true}) {
                    ByteBuffer out = direct ? ByteBuffer.allocateDirect(length + 10) : ByteBuffer.allocate(length + 10);
                    for (int i = 0; i < out.capacity(); i++) {
                        out.put(i, (byte) 0x5a);
                    }
                    out.position(5);
                    ByteBuffer in = ByteBuffer.wrap(sealed);
                    assertThrows(AEADBadTagException.class, () -> key.decrypt(nonce, in, null, out));
                    assertEquals(5, out.position(), "position unchanged");
                    assertEquals(0, in.position(), "input position unchanged");
                    for (int i = 0; i < out.capacity(); i++) {
                        byte expected = i >= 5 && i < 5 + length ? 0 : (byte) 0x5a;
                        assertEquals(expected, out.get(i), "byte " + i + ", length " + length + ", direct " + direct);
                    }
                }
            }
        }
    }

    /** The native slice length: longer messages take the sliced path. */
    private static int sliceBytes() {
        return dev.ferrite.internal.ffi.NativeRuntime.CRITICAL_CALL_BYTES;
    }

    @Test
    void byteBuffers_heapDirectReadOnlyAndInPlace_matchTheArrayApi() throws Exception {
        SplittableRandom random = new SplittableRandom(13);
        byte[] nonce = random(random, 12);
        byte[] aad = random(random, 9);
        byte[] plaintext = random(random, 1000);
        try (AesGcmKey key = gcm().key(random(random, 24))) {
            byte[] expected = key.encrypt(nonce, plaintext, aad);
            for (String kind : List.of("heap", "direct", "read-only", "mixed")) {
                ByteBuffer in = switch (kind) {
                    case "direct" -> ByteBuffer.allocateDirect(1003).position(3).put(plaintext).position(3);
                    case "read-only" -> ByteBuffer.wrap(plaintext).asReadOnlyBuffer();
                    default -> ByteBuffer.allocate(1003).position(3).put(plaintext).position(3);
                };
                ByteBuffer out = kind.equals("heap") || kind.equals("read-only")
                        ? ByteBuffer.allocate(1100).position(7) : ByteBuffer.allocateDirect(1100).position(7);
                assertEquals(1016, key.encrypt(nonce, in, aad, out), kind);
                assertEquals(in.limit(), in.position(), kind);
                assertEquals(7 + 1016, out.position(), kind);
                byte[] got = new byte[1016];
                out.get(7, got);
                assertArrayEquals(expected, got, kind);

                ByteBuffer back = kind.equals("direct") ? ByteBuffer.allocateDirect(1000) : ByteBuffer.allocate(1000);
                assertEquals(1000, key.decrypt(nonce, out.flip().position(7), aad, back), kind);
                byte[] opened = new byte[1000];
                back.get(0, opened);
                assertArrayEquals(plaintext, opened, kind);
            }
            for (boolean direct : new boolean[] {false, true}) {
                // In place: plaintext and output share memory (the JDK's Cipher allows it too).
                ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(1016) : ByteBuffer.allocate(1016);
                buffer.put(plaintext).flip();
                ByteBuffer output = buffer.duplicate().clear();
                key.encrypt(nonce, buffer, aad, output);
                byte[] got = new byte[1016];
                output.get(0, got);
                assertArrayEquals(expected, got, "in place, direct " + direct);
                ByteBuffer input = output.duplicate().flip();
                assertEquals(1000, key.decrypt(nonce, input, aad, output.clear()));
                assertEquals(1000, output.position());
                assertEquals(1016, input.position());
                byte[] opened = new byte[1000];
                output.get(0, opened);
                assertArrayEquals(plaintext, opened, "in place decrypt, direct " + direct);
            }
        }
    }

    @Test
    void longMessages_slicedPath_matchTheJdk() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        int slice = sliceBytes();
        for (int length : new int[] {slice - 1, slice, slice + 1, 3 * slice + 5}) {
            byte[] keyBytes = random(random, 32);
            byte[] nonce = random(random, 12);
            byte[] aad = random(random, length == slice + 1 ? slice + 3 : 40); // long AAD too
            byte[] plaintext = random(random, length);
            byte[] expected = jdkEncrypt(keyBytes, nonce, plaintext, aad);
            try (AesGcmKey key = gcm().key(keyBytes)) {
                assertArrayEquals(expected, key.encrypt(nonce, plaintext, aad), "length " + length);
                assertArrayEquals(plaintext, key.decrypt(nonce, expected, aad), "length " + length);
                ByteBuffer direct = ByteBuffer.allocateDirect(length + 16);
                key.encrypt(nonce, ByteBuffer.wrap(plaintext), aad, direct);
                assertEquals(ByteBuffer.wrap(expected), direct.flip(), "direct, length " + length);
                expected[length / 2] ^= 1;
                assertThrows(AEADBadTagException.class, () -> key.decrypt(nonce, expected, aad));
            }
        }
    }

    @Test
    void longMessages_byteBuffers_heapDirectAndInPlace_matchTheJdk() throws Exception {
        SplittableRandom random = new SplittableRandom(23);
        int slice = sliceBytes();
        for (int length : new int[] {2 * slice, slice + 3}) {
            byte[] keyBytes = random(random, 16);
            byte[] nonce = random(random, 12);
            byte[] aad = random(random, 7);
            byte[] plaintext = random(random, length);
            byte[] expected = jdkEncrypt(keyBytes, nonce, plaintext, aad);
            try (AesGcmKey key = gcm().key(keyBytes)) {
                // heap -> direct and direct -> heap, both ways
                ByteBuffer direct = ByteBuffer.allocateDirect(length + 16);
                key.encrypt(nonce, ByteBuffer.wrap(plaintext), aad, direct);
                assertEquals(ByteBuffer.wrap(expected), direct.flip(), "encrypt heap -> direct, " + length);
                ByteBuffer heap = ByteBuffer.allocate(length);
                assertEquals(length, key.decrypt(nonce, direct, aad, heap));
                assertArrayEquals(plaintext, heap.array(), "decrypt direct -> heap, " + length);
                ByteBuffer directOut = ByteBuffer.allocateDirect(length);
                assertEquals(length, key.decrypt(nonce, ByteBuffer.wrap(expected), aad, directOut));
                assertEquals(ByteBuffer.wrap(plaintext), directOut.flip(), "decrypt heap -> direct, " + length);
                // in place, direct
                ByteBuffer buffer = ByteBuffer.allocateDirect(length + 16);
                buffer.put(plaintext).flip();
                ByteBuffer output = buffer.duplicate().clear();
                key.encrypt(nonce, buffer, aad, output);
                assertEquals(ByteBuffer.wrap(expected), output.duplicate().flip(), "in place, " + length);
                assertEquals(length, key.decrypt(nonce, output.duplicate().flip(), aad, output.duplicate().clear()));
                assertEquals(ByteBuffer.wrap(plaintext), output.clear().limit(length), "in place decrypt, " + length);
            }
        }
    }

    @Test
    void longAad_exactlyAndJustOverOneSlice_onBuffers() throws Exception {
        SplittableRandom random = new SplittableRandom(29);
        int slice = sliceBytes();
        for (int aadLength : new int[] {slice, slice + 1}) {
            byte[] keyBytes = random(random, 32);
            byte[] nonce = random(random, 12);
            byte[] aad = random(random, aadLength);
            byte[] plaintext = random(random, 100);
            byte[] expected = jdkEncrypt(keyBytes, nonce, plaintext, aad);
            try (AesGcmKey key = gcm().key(keyBytes)) {
                ByteBuffer out = ByteBuffer.allocateDirect(116);
                key.encrypt(nonce, ByteBuffer.wrap(plaintext), aad, out);
                assertEquals(ByteBuffer.wrap(expected), out.flip(), "aad " + aadLength);
                ByteBuffer back = ByteBuffer.allocateDirect(100);
                key.decrypt(nonce, out, aad, back);
                assertEquals(ByteBuffer.wrap(plaintext), back.flip(), "aad " + aadLength);
                aad[aadLength - 1] ^= 1;
                assertThrows(AEADBadTagException.class, () -> key.decrypt(nonce, expected, aad));
            }
        }
    }

    @Test
    void aadThatIsTheOutputsArray_givesTheJdksBytes() throws Exception {
        // The AAD array also backs the output buffer: the AAD is read before any output is written.
        byte[] shared = new byte[400];
        new SplittableRandom(31).nextBytes(shared);
        byte[] aad = shared.clone();
        byte[] plaintext = java.util.Arrays.copyOfRange(shared, 0, 100);
        byte[] expected = jdkEncrypt(new byte[16], new byte[12], plaintext, aad);
        try (AesGcmKey key = gcm().key(new byte[16])) {
            key.encrypt(new byte[12], ByteBuffer.wrap(shared, 0, 100), shared, ByteBuffer.wrap(shared, 200, 116));
            assertArrayEquals(expected, java.util.Arrays.copyOfRange(shared, 200, 316));
        }
    }

    @Test
    void sameBufferAsInputAndOutput_isRejectedUpFront() {
        try (AesGcmKey key = gcm().key(new byte[16])) {
            ByteBuffer buffer = ByteBuffer.allocate(64).limit(10);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> key.encrypt(new byte[12], buffer, null, buffer));
            assertTrue(e.getMessage().contains("duplicate()"), e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> key.decrypt(new byte[12], buffer, null, buffer));
            assertEquals(0, buffer.position());
        }
    }

    @Test
    void sealAndOpen_roundTripWithFreshNonces() throws Exception {
        try (AesGcmKey key = gcm().key(new byte[16])) {
            byte[] plaintext = "attack at dawn".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            byte[] first = key.seal(plaintext, null);
            byte[] second = key.seal(plaintext, null);
            assertEquals(12 + plaintext.length + 16, first.length);
            assertFalse(Arrays.equals(Arrays.copyOf(first, 12), Arrays.copyOf(second, 12)), "fresh nonces");
            assertArrayEquals(plaintext, key.open(first, null));
            assertArrayEquals(plaintext, key.open(second, new byte[0]));
            byte[] nonce = Arrays.copyOf(first, 12);
            assertArrayEquals(Arrays.copyOfRange(first, 12, first.length), key.encrypt(nonce, plaintext, null));
            first[20] ^= 4;
            assertThrows(AEADBadTagException.class, () -> key.open(first, null));
            assertThrows(AEADBadTagException.class, () -> key.open(new byte[27], null));
            assertArrayEquals(new byte[0], key.open(key.seal(new byte[0], null), null));
        }
    }

    @Test
    void sameNonceTwice_givesTheSameBytesOnBothBackends() throws Exception {
        // Nonce reuse is the caller's bug and is not detected (AesGcm's javadoc); both backends still agree.
        byte[] nonce = new byte[12];
        byte[] keyBytes = HEX.parseHex("000102030405060708090a0b0c0d0e0f");
        byte[] expected = jdkEncrypt(keyBytes, nonce, new byte[5], new byte[0]);
        try (AesGcmKey key = gcm().key(keyBytes)) {
            assertArrayEquals(expected, key.encrypt(nonce, new byte[5], null));
            assertArrayEquals(expected, key.encrypt(nonce, new byte[5], null));
        }
    }

    @Test
    void eightThreads_shareOneKey() throws Exception {
        SplittableRandom seed = new SplittableRandom(19);
        byte[] keyBytes = random(seed, 32);
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try (AesGcmKey key = gcm().key(keyBytes)) {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                SplittableRandom random = seed.split();
                results.add(pool.submit(() -> {
                    int done = 0;
                    for (int i = 0; i < 300; i++) {
                        byte[] nonce = random(random, 12);
                        byte[] aad = random(random, random.nextInt(40));
                        byte[] plaintext = random(random, random.nextInt(5000));
                        byte[] sealed = key.encrypt(nonce, plaintext, aad);
                        if (!Arrays.equals(jdkEncrypt(keyBytes, nonce, plaintext, aad), sealed)
                                || !Arrays.equals(plaintext, key.decrypt(nonce, sealed, aad))
                                || !Arrays.equals(plaintext, key.open(key.seal(plaintext, aad), aad))) {
                            throw new AssertionError("mismatch in thread");
                        }
                        done++;
                    }
                    return done;
                }));
            }
            int total = 0;
            for (Future<Integer> result : results) {
                total += result.get(2, TimeUnit.MINUTES);
            }
            assertEquals(2400, total);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void close_thenEveryUseThrowsIllegalStateException() {
        AesGcmKey key = gcm().key(new byte[32]);
        byte[] nonce = new byte[12];
        byte[] sealed = key.encrypt(nonce, new byte[3], null);
        assertFalse(key.isDestroyed());
        key.close();
        key.close(); // idempotent
        assertTrue(key.isDestroyed());
        assertThrows(IllegalStateException.class, () -> key.encrypt(nonce, new byte[3], null));
        assertThrows(IllegalStateException.class, () -> key.decrypt(nonce, sealed, null));
        assertThrows(IllegalStateException.class, () -> key.seal(new byte[3], null));
        assertThrows(IllegalStateException.class, () -> key.open(new byte[40], null));
        assertThrows(IllegalStateException.class,
                () -> key.encrypt(nonce, ByteBuffer.allocate(3), null, ByteBuffer.allocate(19)));
        assertThrows(IllegalStateException.class,
                () -> key.decrypt(nonce, ByteBuffer.wrap(sealed), null, ByteBuffer.allocate(3)));
        assertTrue(key.toString().endsWith(", closed]"), key.toString());
    }

    @Test
    void close_whileOtherThreadsEncrypt_isSafe() throws Exception {
        int slice = sliceBytes();
        byte[] nonce = new byte[12];
        byte[] shortMessage = new byte[20_000];
        byte[] longMessage = new byte[3 * slice + 7]; // the sliced path: a long window for close() to hit
        byte[] expectedShort = jdkEncrypt(new byte[16], nonce, shortMessage, new byte[0]);
        byte[] expectedLong = jdkEncrypt(new byte[16], nonce, longMessage, new byte[0]);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            for (int round = 0; round < 10; round++) {
                AesGcmKey key = gcm().key(new byte[16]);
                AtomicBoolean stop = new AtomicBoolean();
                List<Future<?>> workers = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    boolean isLong = t == 0;
                    workers.add(pool.submit(() -> {
                        byte[] message = isLong ? longMessage : shortMessage;
                        byte[] expected = isLong ? expectedLong : expectedShort;
                        while (!stop.get()) {
                            try {
                                // Every result that is returned must be right: a key wiped or freed under a running
                                // operation would give wrong bytes (or crash the JVM).
                                assertArrayEquals(expected, key.encrypt(nonce, message, null));
                            } catch (IllegalStateException closed) {
                                return null;
                            }
                        }
                        return null;
                    }));
                }
                Thread.sleep(5 + round);
                key.close();
                stop.set(true);
                for (Future<?> worker : workers) {
                    worker.get(1, TimeUnit.MINUTES);
                }
                assertThrows(IllegalStateException.class, () -> key.encrypt(new byte[12], new byte[1], null));
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void wrongSizes_giveIllegalArgumentExceptionNamingBoth() {
        for (int size : new int[] {0, 15, 17, 31, 33, 64}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> gcm().key(new byte[size]));
            assertTrue(e.getMessage().contains("16, 24 or 32") && e.getMessage().contains("got " + size),
                    e.getMessage());
        }
        try (AesGcmKey key = gcm().key(new byte[16])) {
            for (int size : new int[] {0, 8, 11, 13, 16}) {
                IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                        () -> key.encrypt(new byte[size], new byte[1], null));
                assertTrue(e.getMessage().contains("12 bytes, got " + size), e.getMessage());
                assertThrows(IllegalArgumentException.class, () -> key.decrypt(new byte[size], new byte[17], null));
            }
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> key.encrypt(new byte[12], ByteBuffer.allocate(10), null, ByteBuffer.allocate(25)));
            assertTrue(e.getMessage().contains("needs 26") && e.getMessage().contains("has 25"), e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> key.decrypt(new byte[12], ByteBuffer.allocate(30), null, ByteBuffer.allocate(13)));
            assertTrue(e.getMessage().contains("needs 14") && e.getMessage().contains("has 13"), e.getMessage());
            assertThrows(ReadOnlyBufferException.class, () -> key.encrypt(new byte[12], ByteBuffer.allocate(1), null,
                    ByteBuffer.allocate(17).asReadOnlyBuffer()));
            assertThrows(NullPointerException.class, () -> key.encrypt(null, new byte[1], null));
            assertThrows(NullPointerException.class, () -> key.encrypt(new byte[12], null, null));
            assertThrows(NullPointerException.class, () -> key.decrypt(new byte[12], (byte[]) null, null));
            assertThrows(NullPointerException.class, () -> key.seal(null, null));
            assertThrows(NullPointerException.class, () -> key.open(null, null));
        }
        assertThrows(NullPointerException.class, () -> gcm().key(null));
    }

    @Test
    void key_keepsItsOwnCopy() throws Exception {
        byte[] keyBytes = new byte[32];
        byte[] expected = jdkEncrypt(keyBytes, new byte[12], new byte[4], new byte[0]);
        try (AesGcmKey key = gcm().key(keyBytes)) {
            Arrays.fill(keyBytes, (byte) 1);
            assertArrayEquals(expected, key.encrypt(new byte[12], new byte[4], null));
        }
    }

    @Test
    void toString_neverShowsTheKey() {
        byte[] keyBytes = HEX.parseHex("0123456789abcdef0123456789abcdef");
        try (AesGcmKey key = gcm().key(keyBytes)) {
            String text = key.toString();
            assertEquals("AesGcmKey[AES-128, " + backend.name().toLowerCase(java.util.Locale.ROOT) + "]", text);
            assertFalse(text.toLowerCase(java.util.Locale.ROOT).contains("0123456789abcdef"));
        }
    }
}
