package dev.ferrite.ed25519;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.Ferrite;
import dev.ferrite.TestBackends;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ed25519 on each backend: RFC 8032 signing vectors, Wycheproof and CCTV verification vectors against the documented
 * rule, batch verification, long messages, concurrency, closing, and argument checks.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class Ed25519Test {
    private static final HexFormat HEX = HexFormat.of();
    /** CCTV flags whose cases the rule rejects (Ed25519's javadoc, rules 1 and 2); all others must verify. */
    private static final Set<String> REJECTED_FLAGS =
            Set.of("low_order_A", "low_order_R", "non_canonical_A", "non_canonical_R");

    @Parameter
    Backend backend;

    private Ed25519 ed25519() {
        return Crypto.ed25519(backend);
    }

    @Test
    void backend_isTheOneAskedFor() {
        assertEquals(backend, ed25519().backend());
    }

    @Test
    void signInput_all128Cases_signAndVerifyAsListed() {
        List<Vectors.Signing> cases = Vectors.signInput();
        assertEquals(128, cases.size());
        List<String> failures = new ArrayList<>();
        for (Vectors.Signing c : cases) {
            try (Ed25519KeyPair pair = ed25519().keyPairFromSeed(c.seed())) {
                if (!Arrays.equals(c.publicKey(), pair.publicKey().toBytes())) {
                    failures.add("line " + c.line() + ": public key differs");
                }
                byte[] signature = ed25519().sign(pair.privateKey(), c.message());
                if (!Arrays.equals(c.signature(), signature)) {
                    failures.add("line " + c.line() + ": signature differs");
                }
                if (!ed25519().verify(pair.publicKey(), c.message(), c.signature())) {
                    failures.add("line " + c.line() + ": listed signature rejected");
                }
                if (!ed25519().verify(c.publicKey(), c.message(), c.signature())) {
                    failures.add("line " + c.line() + ": listed signature rejected with the raw key");
                }
            }
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void wycheproof_all151Cases_validAcceptedInvalidRejected() {
        List<Vectors.Verification> cases = Vectors.wycheproof();
        assertEquals(151, cases.size());
        List<String> failures = new ArrayList<>();
        int valid = 0;
        for (Vectors.Verification c : cases) {
            if (c.valid() == null) {
                failures.add(c.id() + ": unexpected result 'acceptable'; decide and document it");
                continue;
            }
            boolean accepted;
            if (c.signature().length != Ed25519.SIGNATURE_LENGTH) {
                // Wrong-length signatures are argument errors by contract; they count as rejected.
                assertThrows(IllegalArgumentException.class,
                        () -> ed25519().verify(c.publicKey(), c.message(), c.signature()), c.id());
                accepted = false;
            } else {
                accepted = ed25519().verify(c.publicKey(), c.message(), c.signature());
            }
            if (accepted != c.valid()) {
                failures.add(c.id() + " " + c.flags() + ": expected " + (c.valid() ? "valid" : "invalid"));
            }
            valid += c.valid() ? 1 : 0;
        }
        assertEquals(List.of(), failures);
        assertEquals(88, valid, "valid cases");
    }

    @Test
    void cctv_all914Cases_followTheDocumentedRule() {
        List<Vectors.Verification> cases = Vectors.cctv();
        assertEquals(914, cases.size());
        List<String> failures = new ArrayList<>();
        int accepted = 0;
        for (Vectors.Verification c : cases) {
            boolean expected = Collections.disjoint(c.flags(), REJECTED_FLAGS);
            boolean actual = ed25519().verify(c.publicKey(), c.message(), c.signature());
            if (actual != expected) {
                failures.add(c.id() + " " + c.flags() + ": expected " + expected);
            }
            // A key the rule refuses can't be built (and the raw-key answer must then be false); a key that can be
            // built must give the raw-key answer.
            Ed25519PublicKey key = Ed25519PublicKey.tryFromBytes(c.publicKey());
            if (key == null ? actual : ed25519().verify(key, c.message(), c.signature()) != actual) {
                failures.add(c.id() + " " + c.flags() + ": typed key disagrees with the raw-key answer");
            }
            accepted += actual ? 1 : 0;
        }
        assertEquals(List.of(), failures);
        // Rule 4 is cofactored: the mixed-order cases flagged low_order_residue without small-order A or R verify.
        assertTrue(accepted > 0, "some CCTV cases are valid under the rule");
    }

    @Test
    void verifyBatch_equalsSingleVerification_onEveryVectorAloneAndAmongValidOnes() {
        List<Vectors.Verification> cases = new ArrayList<>(Vectors.cctv());
        cases.addAll(Vectors.wycheproof());
        List<Ed25519PublicKey> validKeys = new ArrayList<>();
        List<byte[]> validMessages = new ArrayList<>();
        List<byte[]> validSignatures = new ArrayList<>();
        try (Ed25519KeyPair pair = ed25519().keyPairFromSeed(new byte[32])) {
            for (int i = 0; i < 3; i++) {
                byte[] message = ("batch filler " + i).getBytes(StandardCharsets.UTF_8);
                validKeys.add(pair.publicKey());
                validMessages.add(message);
                validSignatures.add(ed25519().sign(pair.privateKey(), message));
            }
        }
        List<String> failures = new ArrayList<>();
        for (Vectors.Verification c : cases) {
            Ed25519PublicKey key = Ed25519PublicKey.tryFromBytes(c.publicKey());
            if (key == null || c.signature().length != Ed25519.SIGNATURE_LENGTH) {
                continue; // not expressible as a batch item
            }
            boolean single = ed25519().verify(key, c.message(), c.signature());
            if (ed25519().verifyBatch(List.of(key), List.of(c.message()), List.of(c.signature())) != single) {
                failures.add(c.id() + " alone");
            }
            List<Ed25519PublicKey> keys = new ArrayList<>(validKeys);
            List<byte[]> messages = new ArrayList<>(validMessages);
            List<byte[]> signatures = new ArrayList<>(validSignatures);
            keys.add(1, key);
            messages.add(1, c.message());
            signatures.add(1, c.signature());
            if (ed25519().verifyBatch(keys, messages, signatures) != single) {
                failures.add(c.id() + " among 3 valid");
            }
        }
        assertEquals(List.of(), failures);
    }

    /** Keys, messages and signatures for batch tests: {@code count} distinct keys, random messages 0-256 bytes. */
    private record Batch(List<Ed25519PublicKey> keys, List<byte[]> messages, List<byte[]> signatures) {}

    private Batch batch(int count, long seed) {
        SplittableRandom random = new SplittableRandom(seed);
        Batch batch = new Batch(new ArrayList<>(), new ArrayList<>(), new ArrayList<>());
        for (int i = 0; i < count; i++) {
            byte[] keySeed = new byte[32];
            random.nextBytes(keySeed);
            byte[] message = new byte[random.nextInt(257)];
            random.nextBytes(message);
            try (Ed25519KeyPair pair = ed25519().keyPairFromSeed(keySeed)) {
                batch.keys().add(pair.publicKey());
                batch.messages().add(message);
                batch.signatures().add(ed25519().sign(pair.privateKey(), message));
            }
        }
        return batch;
    }

    @Test
    void verifyBatch_sizes0To1000_allValidTrue_oneBadAtARandomPlaceFalse() {
        SplittableRandom random = new SplittableRandom(42);
        for (int count : new int[] {0, 1, 64, 1000}) {
            Batch batch = batch(count, count);
            assertTrue(ed25519().verifyBatch(batch.keys(), batch.messages(), batch.signatures()), "all valid, n=" + count);
            if (count == 0) {
                continue;
            }
            for (String how : List.of("signature", "message", "key")) {
                int bad = random.nextInt(count);
                List<Ed25519PublicKey> keys = new ArrayList<>(batch.keys());
                List<byte[]> messages = new ArrayList<>(batch.messages());
                List<byte[]> signatures = new ArrayList<>(batch.signatures());
                switch (how) {
                    case "signature" -> {
                        byte[] s = signatures.get(bad).clone();
                        s[random.nextInt(64)] ^= (byte) (1 << random.nextInt(8));
                        signatures.set(bad, s);
                    }
                    case "message" -> {
                        byte[] m = Arrays.copyOf(messages.get(bad), messages.get(bad).length + 1);
                        messages.set(bad, m);
                    }
                    default -> keys.set(bad, keys.get((bad + 1) % count).equals(keys.get(bad))
                            ? batch(1, 99).keys().get(0) : keys.get((bad + 1) % count));
                }
                assertFalse(ed25519().verifyBatch(keys, messages, signatures),
                        "bad " + how + " at " + bad + " of " + count);
            }
        }
    }

    @Test
    void verifyBatch_manyMessagesUnderOneKey_andRepeatedItems() {
        try (Ed25519KeyPair pair = ed25519().keyPairFromSeed(new byte[32])) {
            List<Ed25519PublicKey> keys = new ArrayList<>();
            List<byte[]> messages = new ArrayList<>();
            List<byte[]> signatures = new ArrayList<>();
            for (int i = 0; i < 300; i++) {
                byte[] message = new byte[i % 5];
                keys.add(pair.publicKey());
                messages.add(message);
                signatures.add(ed25519().sign(pair.privateKey(), message));
            }
            assertTrue(ed25519().verifyBatch(keys, messages, signatures));
            signatures.set(299, signatures.get(298));
            assertFalse(ed25519().verifyBatch(keys, messages, signatures));
        }
    }

    @Tag("native") // compares with the other backend
    @Test
    void longMessages_signAndVerify_sameAsTheOtherBackend() {
        SplittableRandom random = new SplittableRandom(7);
        Backend other = backend == Backend.NATIVE ? Backend.JAVA : Backend.NATIVE;
        for (int length : new int[] {65_535, 65_536, 65_537, 1 << 20}) {
            byte[] message = new byte[length];
            random.nextBytes(message);
            try (Ed25519KeyPair pair = ed25519().keyPairFromSeed(HEX.parseHex(
                    "4ccd089b28ff96da9db6c346ec114e0f5b8a319f35aba624da8cf6ed4fb8a6fb"))) {
                byte[] signature = ed25519().sign(pair.privateKey(), message);
                assertArrayEquals(Crypto.ed25519(other).sign(pair.privateKey(), message), signature, "length " + length);
                assertTrue(ed25519().verify(pair.publicKey(), message, signature));
                message[length / 2] ^= 1;
                assertFalse(ed25519().verify(pair.publicKey(), message, signature));
                assertFalse(ed25519().verifyBatch(List.of(pair.publicKey()), List.of(message), List.of(signature)));
            }
        }
    }

    @Test
    void eightThreads_signAndVerifyWithSharedKeys_allResultsCorrect() throws Exception {
        try (Ed25519KeyPair pair = ed25519().generateKeyPair()) {
            List<byte[]> messages = new ArrayList<>();
            List<byte[]> expected = new ArrayList<>();
            for (int i = 0; i < 64; i++) {
                byte[] message = ("message " + i).getBytes(StandardCharsets.UTF_8);
                messages.add(message);
                expected.add(ed25519().sign(pair.privateKey(), message));
            }
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Integer>> results = new ArrayList<>();
                for (int t = 0; t < 8; t++) {
                    int offset = t;
                    results.add(pool.submit(() -> {
                        start.await();
                        int ok = 0;
                        for (int round = 0; round < 200; round++) {
                            int i = (round + offset * 7) % messages.size();
                            byte[] signature = ed25519().sign(pair.privateKey(), messages.get(i));
                            if (Arrays.equals(expected.get(i), signature)
                                    && ed25519().verify(pair.publicKey(), messages.get(i), signature)
                                    && !ed25519().verify(pair.publicKey(), messages.get((i + 1) % messages.size()),
                                            signature)) {
                                ok++;
                            }
                        }
                        return ok;
                    }));
                }
                start.countDown();
                for (Future<Integer> result : results) {
                    assertEquals(200, result.get(2, TimeUnit.MINUTES));
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }

    @Test
    void close_thenUse_throwsIllegalStateException_publicKeyStillWorks() {
        Ed25519KeyPair pair = ed25519().generateKeyPair();
        Ed25519PrivateKey key = pair.privateKey();
        byte[] signature = ed25519().sign(key, new byte[3]);
        assertFalse(key.isDestroyed());
        pair.close();
        assertTrue(key.isDestroyed());
        assertThrows(IllegalStateException.class, () -> ed25519().sign(key, new byte[3]));
        assertThrows(IllegalStateException.class, key::exportSecretSeed);
        assertThrows(IllegalStateException.class, key::exportSecretPkcs8);
        assertThrows(IllegalStateException.class, key::toJca);
        key.close(); // idempotent
        key.destroy();
        assertTrue(ed25519().verify(key.publicKey(), new byte[3], signature));
        assertTrue(key.toString().endsWith(", closed]"), key.toString());
    }

    @Test
    void close_whileOtherThreadsSign_everyCallSignsCorrectlyOrThrowsIllegalState() throws Exception {
        for (int round = 0; round < 20; round++) {
            Ed25519KeyPair pair = ed25519().generateKeyPair();
            byte[] message = {1, 2, 3};
            byte[] expected = ed25519().sign(pair.privateKey(), message);
            ExecutorService pool = Executors.newFixedThreadPool(4);
            AtomicInteger wrong = new AtomicInteger();
            try {
                List<Future<?>> futures = new ArrayList<>();
                for (int t = 0; t < 4; t++) {
                    futures.add(pool.submit(() -> {
                        for (int i = 0; i < 500; i++) {
                            try {
                                if (!Arrays.equals(expected, ed25519().sign(pair.privateKey(), message))) {
                                    wrong.incrementAndGet();
                                }
                            } catch (IllegalStateException closed) {
                                return;
                            }
                        }
                    }));
                }
                Thread.sleep(round % 3);
                pair.close();
                for (Future<?> future : futures) {
                    future.get(1, TimeUnit.MINUTES);
                }
            } finally {
                pool.shutdownNow();
            }
            assertEquals(0, wrong.get(), "signatures made while closing must be correct");
            assertThrows(IllegalStateException.class, () -> ed25519().sign(pair.privateKey(), message));
        }
    }

    @Test
    void keysFromEitherBackend_workOnThisOne() {
        for (Backend maker : TestBackends.all().toList()) {
            try (Ed25519KeyPair pair = Crypto.ed25519(maker).generateKeyPair()) {
                byte[] signature = ed25519().sign(pair.privateKey(), new byte[] {9});
                assertTrue(Crypto.ed25519(maker).verify(pair.publicKey(), new byte[] {9}, signature));
                assertTrue(ed25519().verify(pair.publicKey(), new byte[] {9}, signature));
            }
        }
    }

    @Test
    void generateKeyPair_givesDifferentKeys() {
        try (Ed25519KeyPair a = ed25519().generateKeyPair(); Ed25519KeyPair b = ed25519().generateKeyPair()) {
            assertNotEquals(a.publicKey(), b.publicKey());
        }
    }

    @Test
    void toString_neverShowsKeyMaterial() {
        byte[] seed = HEX.parseHex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60");
        try (Ed25519KeyPair pair = ed25519().keyPairFromSeed(seed)) {
            String publicHex = HEX.formatHex(pair.publicKey().toBytes());
            for (String text : List.of(pair.toString(), pair.privateKey().toString(), pair.publicKey().toString())) {
                assertFalse(text.contains(HEX.formatHex(seed)), text);
                assertFalse(text.contains(HEX.formatHex(seed, 0, 8)), text);
                assertFalse(text.contains(publicHex.substring(0, 16)), text);
            }
            assertTrue(pair.privateKey().toString().startsWith("Ed25519PrivateKey[public sha256:"));
        }
    }

    @Test
    void arguments_wrongLengthsAndNulls_throwWithReasons() {
        Ed25519 ed = ed25519();
        try (Ed25519KeyPair pair = ed.generateKeyPair()) {
            Ed25519PublicKey key = pair.publicKey();
            byte[] signature = ed.sign(pair.privateKey(), new byte[0]);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ed.verify(key, new byte[0], new byte[63]));
            assertEquals("an Ed25519 signature is 64 bytes, got 63", e.getMessage());
            assertThrows(IllegalArgumentException.class, () -> ed.verify(key, new byte[0], new byte[65]));
            assertThrows(IllegalArgumentException.class, () -> ed.verify(new byte[31], new byte[0], signature));
            assertThrows(IllegalArgumentException.class, () -> ed.keyPairFromSeed(new byte[31]));
            assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromBytes(new byte[33]));
            assertThrows(NullPointerException.class, () -> ed.sign(null, new byte[0]));
            assertThrows(NullPointerException.class, () -> ed.sign(pair.privateKey(), null));
            assertThrows(NullPointerException.class, () -> ed.verify(key, null, signature));
            assertThrows(NullPointerException.class, () -> ed.verify(key, new byte[0], null));
            assertThrows(NullPointerException.class, () -> ed.verify((Ed25519PublicKey) null, new byte[0], signature));
            assertThrows(NullPointerException.class, () -> ed.keyPairFromSeed(null));
            e = assertThrows(IllegalArgumentException.class,
                    () -> ed.verifyBatch(List.of(key), List.of(), List.of(signature)));
            assertEquals("keys, messages and signatures must have the same size, got 1, 0 and 1", e.getMessage());
            e = assertThrows(IllegalArgumentException.class,
                    () -> ed.verifyBatch(List.of(key, key), List.of(new byte[0], new byte[0]),
                            List.of(signature, new byte[2])));
            assertEquals("an Ed25519 signature is 64 bytes, got 2 in signatures[1]", e.getMessage());
            List<byte[]> withNull = new ArrayList<>(List.of(new byte[0], new byte[0]));
            withNull.set(1, null);
            NullPointerException npe = assertThrows(NullPointerException.class,
                    () -> ed.verifyBatch(List.of(key, key), withNull, List.of(signature, signature)));
            assertEquals("messages[1] is null", npe.getMessage());
        }
    }

    @Test
    void publicKeys_refusedWhenTheRuleRefusesThem() {
        List<String> refused = List.of(
                "0100000000000000000000000000000000000000000000000000000000000000",  // identity
                "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // order 2
                "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  // order 8
                "edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p (non-canonical)
                "f0ffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // y = p + 3: non-canonical
                "0200000000000000000000000000000000000000000000000000000000000000"); // y = 2: not on the curve
        byte[] signature = new byte[64];
        for (String hex : refused) {
            byte[] encoded = HEX.parseHex(hex);
            assertThrows(IllegalArgumentException.class, () -> Ed25519PublicKey.fromBytes(encoded), hex);
            assertFalse(ed25519().verify(encoded, new byte[0], signature), hex);
        }
        Ed25519PublicKey key = Ed25519PublicKey.fromBytes(HEX.parseHex(
                "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a"));
        assertEquals(key, Ed25519PublicKey.fromBytes(key.toBytes()));
        assertEquals(key.hashCode(), Ed25519PublicKey.fromBytes(key.toBytes()).hashCode());
    }

    /**
     * The class of the implementation the facade must hand out for {@code b} (named, not linked: the native one is
     * compiled for JDK 22 and these tests for 17).
     */
    private static String implementationOf(Backend b) {
        return "dev.ferrite.ed25519." + (b == Backend.NATIVE ? "NativeEd25519" : "JavaEd25519");
    }

    @Test
    void facade_usesTheActiveBackend_sameAnswer() {
        Backend active = Ferrite.backend();
        assertEquals(active, Crypto.ed25519().backend(), "Crypto.ed25519() is the active backend");
        assertEquals(implementationOf(active), Crypto.ed25519().getClass().getName(), "Crypto.ed25519()");
        assertSame(Crypto.ed25519(active), Crypto.ed25519(), "one instance per backend");
        assertEquals(backend, Crypto.ed25519(backend).backend(), "Crypto.ed25519(backend)");
        assertEquals(implementationOf(backend), Crypto.ed25519(backend).getClass().getName(),
                "Crypto.ed25519(backend)");
        // Crypto.sign and Crypto.verify delegate to Crypto.ed25519(), checked above; signatures are the same on both
        // backends, so only their answers can be checked here.
        try (Ed25519KeyPair pair = Crypto.ed25519().generateKeyPair()) {
            byte[] signature = Crypto.sign(pair.privateKey(), new byte[] {1});
            assertTrue(Crypto.verify(pair.publicKey(), new byte[] {1}, signature));
            assertFalse(Crypto.verify(pair.publicKey(), new byte[] {2}, signature));
            assertArrayEquals(signature, ed25519().sign(pair.privateKey(), new byte[] {1}));
        }
    }
}
