package dev.ferrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.aead.AesGcmKey;
import dev.ferrite.ed25519.Ed25519KeyPair;
import dev.ferrite.ed25519.Ed25519PrivateKey;
import dev.ferrite.hpke.HpkeReceiverContext;
import dev.ferrite.hpke.HpkeReceiverMode;
import dev.ferrite.hpke.HpkeSealed;
import dev.ferrite.hpke.HpkeSenderContext;
import dev.ferrite.hpke.HpkeSenderMode;
import dev.ferrite.hpke.HpkeSuite;
import dev.ferrite.internal.ffi.NativeRuntime;
import dev.ferrite.x25519.X25519KeyPair;
import dev.ferrite.x25519.X25519PrivateKey;
import dev.ferrite.x25519.X25519PublicKey;
import java.nio.ByteBuffer;
import java.security.KeyFactory;
import java.security.Signature;
import java.security.spec.EdECPrivateKeySpec;
import java.security.spec.NamedParameterSpec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Closing a key while {@value #WORKERS} threads use it, for every public type that holds a native handle
 * ({@link AesGcmKey}; {@link Ed25519PrivateKey}, whose handle the native backend makes at once and the Java backend's
 * keys get on their first native signature), on each backend.
 *
 * <p>What it proves, round after round with the close landing at a different moment each time:
 * <ul>
 *   <li>every operation (encrypt, decrypt, seal, open, the buffer variants, the sliced path for long messages; native
 *       and Java signing, long messages, seed, PKCS#8 and JCA export) either returns the right answer, compared with
 *       one computed beforehand (by the JDK for ciphertexts and signatures), or throws {@link IllegalStateException}
 *       saying the key is closed; never another exception (an {@link IllegalStateException} from a freed handle or
 *       a wiped key included), a wrong answer or a crash; a wrong tag is still {@link AEADBadTagException};
 *   <li>{@code close()} (and {@code destroy()}, and {@link Ed25519KeyPair#close()}) called by {@value #CLOSERS}
 *       threads at once, three times each, is harmless, and once a thread's {@code close()} has returned the key is
 *       closed for that thread: {@code isDestroyed()} is true and every operation throws. Before the fix that came
 *       with this test, a {@code close()} racing another could return with the key still open (see
 *       {@link #close_hasClosedTheKeyWhenItReturns_evenWhileOtherThreadsClose()});
 *   <li>once any thread has seen the key closed, every operation throws {@link IllegalStateException} in every thread;
 *   <li>native handles: the key's handle (one, for a key made by the native backend) is freed exactly once: the live
 *       count goes back to what it was before the key was made; keys of the Java backend make none until signed
 *       natively.
 * </ul>
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class CloseRaceTest {
    private static final int WORKERS = 16;
    private static final int CLOSERS = 4;
    private static final int ROUNDS = 16;
    /** Longest a round may run before it counts as hung (not a speed check). */
    private static final long ROUND_LIMIT_NANOS = TimeUnit.MINUTES.toNanos(2);

    @Parameter
    Backend backend;

    /** One use of the key; returns when the answer is right, throws {@link AssertionError} when it is wrong. */
    @FunctionalInterface
    interface Operation {
        void run() throws Exception;
    }

    /**
     * A key under test.
     *
     * @param closedMessage the message of the {@link IllegalStateException} a closed key throws
     * @param operations named uses of the key
     * @param closes the ways to close it
     * @param isDestroyed whether it is closed
     * @param handles how many native handles making it creates
     */
    record Subject(String closedMessage, Map<String, Operation> operations, List<Runnable> closes,
            BooleanSupplier isDestroyed, int handles) {}

    private long settledLiveHandles;

    /** Native handles alive now; none can exist where the native library is not available (JDK 17 and 21). */
    private static long liveHandles() {
        return NativeRuntime.isAvailable() ? NativeRuntime.liveHandles() : 0;
    }

    /**
     * Lets keys other test classes dropped be cleaned first, so the live count changes only with this class's keys:
     * collects until the count has not changed for half a second (ten readings 50 ms apart; at most 30 s), long enough
     * for a Cleaner thread slowed by a loaded machine to have freed what the collections found.
     */
    @BeforeEach
    void settleLiveHandles() throws InterruptedException {
        long last = -1;
        int same = 0;
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (same < 10 && System.nanoTime() < deadline) {
            System.gc();
            Thread.sleep(50);
            long now = liveHandles();
            same = now == last ? same + 1 : 0;
            last = now;
        }
        settledLiveHandles = last;
    }

    // ---------------------------------------------------------------------------------------------- AES-GCM

    private static final byte[] NONCE = HexFormat.of().parseHex("a0a1a2a3a4a5a6a7a8a9aaab");
    private static final byte[] AAD = "header".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    /** Fixed inputs and the JDK's answers for them, computed once. */
    private static final class AesReference {
        final byte[] key;
        final byte[] plaintext;
        final byte[] ciphertext;
        final byte[] tampered;
        final byte[] sealed;
        final byte[] longPlaintext;
        final byte[] longCiphertext;

        AesReference(int keyLength, SplittableRandom random) throws Exception {
            key = bytes(random, keyLength);
            plaintext = bytes(random, 100);
            ciphertext = jdkEncrypt(key, NONCE, plaintext);
            tampered = ciphertext.clone();
            tampered[3] ^= 1;
            sealed = concat(NONCE, ciphertext);
            // One byte over a slice: the native backend's sliced path, with its own short-lived stream handle.
            longPlaintext = bytes(random, NativeRuntime.CRITICAL_CALL_BYTES + 1);
            longCiphertext = jdkEncrypt(key, NONCE, longPlaintext);
        }
    }

    private Subject aesSubject(AesReference ref) {
        AesGcmKey key = Crypto.aesGcm(backend).key(ref.key);
        Map<String, Operation> ops = new LinkedHashMap<>();
        ops.put("encrypt", () -> assertArrayEquals(ref.ciphertext, key.encrypt(NONCE, ref.plaintext, AAD)));
        ops.put("decrypt", () -> assertArrayEquals(ref.plaintext, key.decrypt(NONCE, ref.ciphertext, AAD)));
        ops.put("decrypt tampered", () -> {
            try {
                key.decrypt(NONCE, ref.tampered, AAD);
                throw new AssertionError("a tampered ciphertext decrypted");
            } catch (AEADBadTagException expected) {
                // the right answer
            }
        });
        ops.put("seal", () -> {
            byte[] sealed = key.seal(ref.plaintext, AAD);
            assertArrayEquals(ref.plaintext, jdkOpen(ref.key, sealed));
        });
        ops.put("open", () -> assertArrayEquals(ref.plaintext, key.open(ref.sealed, AAD)));
        ops.put("encrypt direct buffers", () -> {
            ByteBuffer in = ByteBuffer.allocateDirect(ref.plaintext.length).put(ref.plaintext).flip();
            ByteBuffer out = ByteBuffer.allocateDirect(ref.ciphertext.length);
            assertEquals(ref.ciphertext.length, key.encrypt(NONCE, in, AAD, out));
            assertEquals(ByteBuffer.wrap(ref.ciphertext), out.flip());
        });
        ops.put("decrypt in place", () -> {
            ByteBuffer buffer = ByteBuffer.wrap(ref.ciphertext.clone());
            assertEquals(ref.plaintext.length, key.decrypt(NONCE, buffer, AAD, buffer.duplicate()));
            assertArrayEquals(ref.plaintext, Arrays.copyOf(buffer.array(), ref.plaintext.length));
        });
        ops.put("encrypt long", () -> assertArrayEquals(ref.longCiphertext,
                key.encrypt(NONCE, ref.longPlaintext, AAD)));
        return new Subject("the AesGcmKey is closed", ops, List.of(key::close, key::destroy, key::close),
                key::isDestroyed, backend == Backend.NATIVE ? 1 : 0);
    }

    @Test
    void aesGcmKey_closedWhileSixteenThreadsUseIt() throws Exception {
        SplittableRandom random = new SplittableRandom(7);
        AesReference[] refs = {new AesReference(16, random), new AesReference(32, random)};
        race(round -> aesSubject(refs[round % 2]));
    }

    // ---------------------------------------------------------------------------------------------- Ed25519

    /** A seed and the JDK's signatures with it, computed once. */
    private static final class Ed25519Reference {
        final byte[] seed;
        final byte[] message = {1, 2, 3, 4};
        final byte[] signature;
        final byte[] longMessage;
        final byte[] longSignature;

        Ed25519Reference(SplittableRandom random) throws Exception {
            seed = bytes(random, 32);
            signature = jdkSign(seed, message);
            // Over the critical-call limit: the native backend copies it and makes an ordinary call.
            longMessage = bytes(random, NativeRuntime.CRITICAL_SIGN_BYTES + 1);
            longSignature = jdkSign(seed, longMessage);
        }
    }

    private Subject ed25519Subject(Ed25519Reference ref) {
        Ed25519KeyPair pair = Crypto.ed25519(backend).keyPairFromSeed(ref.seed);
        Ed25519PrivateKey key = pair.privateKey();
        // Taken before the race: the answer the export must keep giving while the key is open.
        byte[] pkcs8 = key.exportSecretPkcs8();
        Map<String, Operation> ops = new LinkedHashMap<>();
        // A key from either backend signs on both (the native copy is made on first native use): race both ways,
        // wherever native exists.
        for (Backend signer : TestBackends.all().toList()) {
            ops.put("sign " + signer, () -> assertArrayEquals(ref.signature,
                    Crypto.ed25519(signer).sign(key, ref.message)));
        }
        ops.put("sign long", () -> assertArrayEquals(ref.longSignature,
                Crypto.ed25519(backend).sign(key, ref.longMessage)));
        ops.put("export seed", () -> assertArrayEquals(ref.seed, key.exportSecretSeed()));
        ops.put("export pkcs8", () -> assertArrayEquals(pkcs8, key.exportSecretPkcs8()));
        ops.put("toJca", () -> assertArrayEquals(ref.seed, key.toJca().getBytes().orElseThrow()));
        return new Subject("the Ed25519PrivateKey is closed", ops, List.of(key::close, key::destroy, pair::close),
                key::isDestroyed, backend == Backend.NATIVE ? 1 : 0);
    }

    @Test
    void ed25519PrivateKey_closedWhileSixteenThreadsSign() throws Exception {
        SplittableRandom random = new SplittableRandom(11);
        Ed25519Reference[] refs = {new Ed25519Reference(random), new Ed25519Reference(random)};
        race(round -> ed25519Subject(refs[round % 2]));
    }

    // ---------------------------------------------------------------------------------------------- X25519, HPKE

    /** An X25519 key pair, a peer, their shared secret and a message sealed to the key, computed once. */
    private static final class X25519Reference {
        final byte[] secret;
        final byte[] peerSecret;
        final byte[] shared;
        final HpkeSealed sealed;
        final byte[] message = {5, 6, 7};

        X25519Reference(SplittableRandom random) {
            secret = bytes(random, 32);
            peerSecret = bytes(random, 32);
            try (X25519KeyPair mine = Crypto.x25519(Backend.JAVA).keyPairFromPrivateKey(secret);
                    X25519KeyPair peer = Crypto.x25519(Backend.JAVA).keyPairFromPrivateKey(peerSecret)) {
                shared = Crypto.x25519(Backend.JAVA).agree(mine.privateKey(), peer.publicKey());
                sealed = Crypto.hpke(Backend.JAVA).seal(HpkeSuite.X25519_SHA256_AES_128_GCM, mine.publicKey(),
                        new byte[0], new byte[0], message);
            }
        }
    }

    private Subject x25519Subject(X25519Reference ref) {
        X25519KeyPair pair = Crypto.x25519(backend).keyPairFromPrivateKey(ref.secret);
        X25519PrivateKey key = pair.privateKey();
        X25519PublicKey peer = X25519PublicKey.fromBytes(
                Crypto.x25519(Backend.JAVA).keyPairFromPrivateKey(ref.peerSecret).publicKey().toBytes());
        Map<String, Operation> ops = new LinkedHashMap<>();
        for (Backend user : TestBackends.all().toList()) {
            ops.put("agree " + user, () -> assertArrayEquals(ref.shared, Crypto.x25519(user).agree(key, peer)));
            ops.put("hpke open " + user, () -> assertArrayEquals(ref.message, Crypto.hpke(user).open(
                    HpkeSuite.X25519_SHA256_AES_128_GCM, ref.sealed.enc(), key, new byte[0], new byte[0],
                    ref.sealed.ciphertext())));
        }
        ops.put("export secret", () -> assertArrayEquals(ref.secret, key.exportSecretBytes()));
        return new Subject("the X25519PrivateKey is closed", ops, List.of(key::close, key::destroy, pair::close),
                key::isDestroyed, 0);
    }

    @Test
    void x25519PrivateKey_closedWhileSixteenThreadsAgreeAndOpen() throws Exception {
        SplittableRandom random = new SplittableRandom(13);
        X25519Reference[] refs = {new X25519Reference(random), new X25519Reference(random)};
        race(round -> x25519Subject(refs[round % 2]));
    }

    private Subject hpkeContextSubject(X25519Reference ref, boolean sender) {
        X25519KeyPair recipient = Crypto.x25519(Backend.JAVA).keyPairFromPrivateKey(ref.secret);
        HpkeSuite suite = HpkeSuite.X25519_SHA256_AES_256_GCM;
        HpkeSenderContext s = Crypto.hpke(backend).setupSender(suite, recipient.publicKey(), ref.message,
                HpkeSenderMode.base());
        HpkeReceiverContext r;
        try {
            r = Crypto.hpke(backend).setupReceiver(suite, s.enc(), recipient.privateKey(), ref.message,
                    HpkeReceiverMode.base());
        } catch (AEADBadTagException e) {
            throw new AssertionError(e);
        }
        byte[] exported = s.export(ref.shared, 48);
        Map<String, Operation> ops = new LinkedHashMap<>();
        if (sender) {
            r.close();
            ops.put("export", () -> assertArrayEquals(exported, s.export(ref.shared, 48)));
            ops.put("seal", () -> assertEquals(ref.message.length + 16, s.seal(ref.shared, ref.message).length));
            return new Subject("the HpkeSenderContext is closed", ops, List.of(s::close), s::isClosed,
                    backend == Backend.NATIVE ? 1 : 0);
        }
        s.close();
        ops.put("export", () -> assertArrayEquals(exported, r.export(ref.shared, 48)));
        return new Subject("the HpkeReceiverContext is closed", ops, List.of(r::close), r::isClosed,
                backend == Backend.NATIVE ? 1 : 0);
    }

    @Test
    void hpkeContexts_closedWhileSixteenThreadsUseThem() throws Exception {
        SplittableRandom random = new SplittableRandom(17);
        X25519Reference ref = new X25519Reference(random);
        race(round -> hpkeContextSubject(ref, round % 2 == 0));
    }

    // ---------------------------------------------------------------------------------------------- close() itself

    /**
     * {@value #CLOSERS} threads close the same key at the same moment, many times over: when {@code close()} returns
     * in any of them, the key must be closed for it. (The JDK's {@code Cleanable.clean()} returns at once in a thread
     * that loses the race to run the cleaning action, possibly before the winner has run it; rare, about once in
     * ten thousand races on two cores, hence the many rounds.)
     */
    @Test
    void close_hasClosedTheKeyWhenItReturns_evenWhileOtherThreadsClose() throws Exception {
        int rounds = 20_000;
        AtomicLong aesOpen = new AtomicLong();
        AtomicLong edOpen = new AtomicLong();
        AtomicLong usedAfterClose = new AtomicLong();
        AesGcmKey[] aes = new AesGcmKey[1];
        Ed25519PrivateKey[] ed = new Ed25519PrivateKey[1];
        byte[] seed = new byte[32];
        CyclicBarrier barrier = new CyclicBarrier(CLOSERS, () -> {
            aes[0] = Crypto.aesGcm(backend).key(new byte[16]);
            ed[0] = Crypto.ed25519(backend).keyPairFromSeed(seed).privateKey();
        });
        ConcurrentLinkedQueue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Runnable closer = () -> {
            try {
                for (int i = 0; i < rounds; i++) {
                    barrier.await();
                    AesGcmKey a = aes[0];
                    Ed25519PrivateKey e = ed[0];
                    a.close();
                    if (!a.isDestroyed()) {
                        aesOpen.incrementAndGet();
                    }
                    try {
                        a.encrypt(NONCE, new byte[1], null);
                        usedAfterClose.incrementAndGet();
                    } catch (IllegalStateException expected) {
                        // closed
                    }
                    e.close();
                    if (!e.isDestroyed()) {
                        edOpen.incrementAndGet();
                    }
                    try {
                        e.exportSecretSeed();
                        usedAfterClose.incrementAndGet();
                    } catch (IllegalStateException expected) {
                        // closed
                    }
                }
            } catch (Throwable e) {
                errors.add(e);
            }
        };
        List<Thread> threads = new ArrayList<>();
        for (int c = 0; c < CLOSERS; c++) {
            threads.add(TestThreads.start("closer", closer));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        assertTrue(errors.isEmpty(), errors.toString());
        assertEquals("AesGcmKey 0, Ed25519PrivateKey 0, used 0", "AesGcmKey " + aesOpen + ", Ed25519PrivateKey "
                + edOpen + ", used " + usedAfterClose, "keys still open when close() returned, out of " + rounds
                + " each, and uses that then succeeded");
        assertEquals(settledLiveHandles, liveHandles(), "every handle freed once");
    }

    // ---------------------------------------------------------------------------------------------- the race

    /**
     * {@value #ROUNDS} rounds: a new key, {@value #WORKERS} threads using it in turn through every operation and
     * {@value #CLOSERS} threads closing it, three closes each, once the workers have done a number of operations that
     * grows with the round (none in round 0), so closes land before, among and after operations in progress.
     */
    private void race(IntFunction<Subject> make) throws Exception {
        assertEquals(settledLiveHandles, liveHandles(), "handles made or freed by someone else");
        List<String> summary = new ArrayList<>();
        for (int round = 0; round < ROUNDS; round++) {
            long before = liveHandles();
            Subject subject = make.apply(round);
            assertEquals(before + subject.handles(), liveHandles(),
                    "handles made by a new key (round " + round + ")");
            List<Map.Entry<String, Operation>> ops = List.copyOf(subject.operations().entrySet());
            ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
            AtomicLong succeeded = new AtomicLong();
            AtomicLong refused = new AtomicLong();
            CyclicBarrier start = new CyclicBarrier(WORKERS + CLOSERS);
            CountDownLatch closed = new CountDownLatch(CLOSERS);
            // Round 0 closes at once; later rounds once the workers have done up to 4 * 15 * 15 = 900 operations.
            long closeAfter = 4L * round * round;
            long deadline = System.nanoTime() + ROUND_LIMIT_NANOS;
            List<Thread> threads = new ArrayList<>();
            for (int w = 0; w < WORKERS; w++) {
                int first = w;
                threads.add(TestThreads.start("worker-" + w, () -> {
                    try {
                        start.await();
                        // Use the key until an operation finds it closed; every answer until then must be right.
                        boolean sawClosed = false;
                        for (int i = first; !sawClosed; i++) {
                            if (System.nanoTime() > deadline) {
                                failures.add(Thread.currentThread().getName() + ": the key was never closed");
                                return;
                            }
                            Map.Entry<String, Operation> op = ops.get(i % ops.size());
                            try {
                                op.getValue().run();
                                succeeded.incrementAndGet();
                            } catch (IllegalStateException e) {
                                expectClosed(subject, op.getKey(), e, failures);
                                refused.incrementAndGet();
                                sawClosed = true;
                            } catch (Throwable e) {
                                failures.add(Thread.currentThread().getName() + " " + op.getKey() + ": " + e);
                            }
                        }
                        // Closed is final: from now on every operation is refused in this thread.
                        everyOperationRefused(subject, failures);
                        closed.await();
                        everyOperationRefused(subject, failures);
                    } catch (Exception e) {
                        failures.add(Thread.currentThread().getName() + ": " + e);
                    }
                }));
            }
            for (int c = 0; c < CLOSERS; c++) {
                int closer = c;
                threads.add(TestThreads.start("closer-" + c, () -> {
                    try {
                        start.await();
                        while (succeeded.get() < closeAfter && System.nanoTime() < deadline) {
                            Thread.yield();
                        }
                        for (int k = 0; k < 3; k++) {
                            subject.closes().get((closer + k) % subject.closes().size()).run();
                            // close() has returned in this thread: the key is closed for it.
                            if (!subject.isDestroyed().getAsBoolean()) {
                                failures.add(Thread.currentThread().getName()
                                        + ": isDestroyed() false after close() returned");
                            }
                            everyOperationRefused(subject, failures);
                        }
                    } catch (Throwable e) {
                        failures.add(Thread.currentThread().getName() + ": " + e);
                    } finally {
                        closed.countDown();
                    }
                }));
            }
            for (Thread thread : threads) {
                thread.join(TimeUnit.NANOSECONDS.toMillis(ROUND_LIMIT_NANOS) + 10_000);
                assertTrue(!thread.isAlive(), thread.getName() + " did not finish");
            }
            assertTrue(failures.isEmpty(), "round " + round + " (" + failures.size() + " failures): "
                    + failures.stream().limit(20).toList());
            assertTrue(subject.isDestroyed().getAsBoolean());
            assertEquals(before, liveHandles(),
                    "live handles after the key was closed (round " + round + ", before the key: " + before + ")");
            summary.add(succeeded.get() + "/" + refused.get());
        }
        System.out.println("CloseRaceTest " + backend + ": operations succeeded/refused per round " + summary);
    }

    /** Every operation throws the closed key's {@link IllegalStateException}. */
    private static void everyOperationRefused(Subject subject, ConcurrentLinkedQueue<String> failures) {
        for (Map.Entry<String, Operation> op : subject.operations().entrySet()) {
            try {
                op.getValue().run();
                failures.add(Thread.currentThread().getName() + " " + op.getKey() + ": ran on a closed key");
            } catch (IllegalStateException e) {
                expectClosed(subject, op.getKey(), e, failures);
            } catch (Throwable e) {
                failures.add(Thread.currentThread().getName() + " " + op.getKey() + " on a closed key: " + e);
            }
        }
    }

    /**
     * The exception is the key's own refusal, not an {@link IllegalStateException} from deeper down (a freed native
     * handle, a wiped Java key), which would mean an operation ran into a close.
     */
    private static void expectClosed(Subject subject, String op, IllegalStateException e,
            ConcurrentLinkedQueue<String> failures) {
        if (!subject.closedMessage().equals(e.getMessage())) {
            failures.add(Thread.currentThread().getName() + " " + op + ": unexpected " + e);
        }
    }

    // ---------------------------------------------------------------------------------------------- helpers

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private static byte[] jdkEncrypt(byte[] key, byte[] nonce, byte[] plaintext) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, nonce));
        cipher.updateAAD(AAD);
        return cipher.doFinal(plaintext);
    }

    private static byte[] jdkOpen(byte[] key, byte[] sealed) throws Exception {
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new GCMParameterSpec(128, sealed, 0, 12));
        cipher.updateAAD(AAD);
        return cipher.doFinal(sealed, 12, sealed.length - 12);
    }

    private static byte[] jdkSign(byte[] seed, byte[] message) throws Exception {
        Signature signature = Signature.getInstance("Ed25519");
        signature.initSign(KeyFactory.getInstance("Ed25519")
                .generatePrivate(new EdECPrivateKeySpec(NamedParameterSpec.ED25519, seed)));
        signature.update(message);
        return signature.sign();
    }

}
