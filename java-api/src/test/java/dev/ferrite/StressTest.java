package dev.ferrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.ferrite.aead.AesGcm;
import dev.ferrite.aead.AesGcmKey;
import dev.ferrite.argon2.Argon2;
import dev.ferrite.argon2.Argon2Params;
import dev.ferrite.argon2.Argon2Type;
import dev.ferrite.argon2.Argon2VerifyOptions;
import dev.ferrite.agglomerative.Agglomerative;
import dev.ferrite.agglomerative.AgglomerativeParams;
import dev.ferrite.agglomerative.Dendrogram;
import dev.ferrite.agglomerative.Linkage;
import dev.ferrite.dbscan.Dbscan;
import dev.ferrite.dbscan.DbscanParams;
import dev.ferrite.dbscan.DbscanResult;
import dev.ferrite.dbscan.Metric;
import dev.ferrite.silhouette.Silhouette;
import dev.ferrite.silhouette.SilhouetteResult;
import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519KeyPair;
import dev.ferrite.ed25519.Ed25519PrivateKey;
import dev.ferrite.ed25519.Ed25519PublicKey;
import dev.ferrite.hpke.Hpke;
import dev.ferrite.hpke.HpkeMode;
import dev.ferrite.hpke.HpkeReceiverMode;
import dev.ferrite.hpke.HpkeSealed;
import dev.ferrite.hpke.HpkeSenderMode;
import dev.ferrite.hpke.HpkeSuite;
import dev.ferrite.hpke.HpkeTestHooks;
import dev.ferrite.internal.ffi.NativeRuntime;
import dev.ferrite.sha256.Sha256;
import dev.ferrite.x25519.X25519;
import dev.ferrite.x25519.X25519PrivateKey;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.StringJoiner;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Load (issue #7, item 5): sixteen threads, released together, call every kernel at random for a bounded time
 * ({@value #SECONDS_PROPERTY}, default {@value #DEFAULT_SECONDS} s; {@code scripts/stress.sh MINUTES} runs it longer)
 * on keys they share, and every native result is checked against the pure-Java fallback on the same input.
 *
 * <p>What a pass proves, for the inputs drawn in the run:
 * <ul>
 *   <li>under concurrent use, the native backend gives the fallback's answer for every call made: the same SHA-256
 *       digests (arrays, ranges, heap, direct and read-only buffers, {@code digestAll} of odd batches with empty and
 *       &gt; 1 MiB messages), the same Ed25519 signatures from shared private keys (several threads creating a shared
 *       Java-made key's native handle at once included) and the same verify/verifyBatch answers for valid and
 *       corrupted signatures and hostile key encodings, the same AES-GCM ciphertexts from shared keys (arrays,
 *       buffers, in place, across the 1 MiB slicing), each backend opening the other's output, and
 *       {@link AEADBadTagException} on both for tampered input with the output wiped; the same Argon2 keys, and
 *       each backend verifying the other's PHC hashes; the same DBSCAN labels and core flags; the same dendrograms;
 *       the same silhouette values (bit for bit on the direct path, within 1e-9 above);
 *   <li>keys can be created, used, closed, or abandoned to the {@link java.lang.ref.Cleaner} by many threads at once,
 *       and closed while other threads use them: a use then either succeeds with the right answer or throws
 *       {@link IllegalStateException} from a key that really is closed;
 *   <li>no call throws anything undocumented, crashes or hangs; and the native library's live-handle count
 *       ({@link FerriteNative#liveHandles()}) returns exactly to its value before the run: no handle leaked, none
 *       freed twice.
 * </ul>
 * A failure names the thread, its seed, the iteration, the operation and the operation's seed; failures are collected
 * (the run goes on) and reported together. Re-run one operation alone with {@code -Dferrite.stress.seed=BASE
 * -Dferrite.stress.replay=OPSEED -Dtest=StressTest}.
 */
@Tag("native")
class StressTest {
    static final String SECONDS_PROPERTY = "ferrite.stress.seconds";
    static final String SEED_PROPERTY = "ferrite.stress.seed";
    static final String REPLAY_PROPERTY = "ferrite.stress.replay";
    static final String DEFAULT_SECONDS = "8";
    private static final int THREADS = 16;
    /** Longest wait for the Cleaner (and other test classes' leftovers) to settle the live-handle count. */
    private static final long SETTLE_NANOS = TimeUnit.SECONDS.toNanos(30);
    /** Failures kept in full for the report (all are counted). */
    private static final int MAX_REPORTED = 25;
    /** The order of the Ed25519 base point, ℓ = 2^252 + 27742317777372353535851937790883648493 (RFC 8032). */
    private static final BigInteger ELL = BigInteger.TWO.pow(252)
            .add(new BigInteger("27742317777372353535851937790883648493"));
    /** Key encodings every verifier must refuse: identity, order-4 (y = 0), order-2 (y = -1), y = p (non-canonical). */
    private static final byte[][] HOSTILE_KEYS = {
        HexFormat.of().parseHex("0100000000000000000000000000000000000000000000000000000000000000"),
        HexFormat.of().parseHex("0000000000000000000000000000000000000000000000000000000000000000"),
        HexFormat.of().parseHex("ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
        HexFormat.of().parseHex("edffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f"),
    };

    private static Sha256 shaN;
    private static Sha256 shaJ;
    private static Ed25519 edN;
    private static Ed25519 edJ;
    private static AesGcm aesN;
    private static AesGcm aesJ;
    private static Argon2 argonN;
    private static Argon2 argonJ;
    private static Dbscan dbN;
    private static Dbscan dbJ;
    private static X25519 xN;
    private static X25519 xJ;
    private static Hpke hpkeN;
    private static Hpke hpkeJ;
    private static Agglomerative agN;
    private static Agglomerative agJ;
    private static Silhouette silN;
    private static Silhouette silJ;

    /** The operations, with their relative frequencies. */
    enum Kind {
        SHA256_DIGEST("sha256.digest", 16),
        SHA256_DIGEST_ALL("sha256.digestAll", 6),
        ED25519_SIGN("ed25519.sign", 10),
        ED25519_VERIFY("ed25519.verify", 10),
        ED25519_VERIFY_BATCH("ed25519.verifyBatch", 4),
        AES_GCM("aes-gcm", 16),
        ARGON2("argon2", 4),
        DBSCAN("dbscan", 6),
        AGGLOMERATIVE("agglomerative", 4),
        SILHOUETTE("silhouette", 4),
        SHORT_LIVED_KEYS("keys.shortLived", 6),
        ROTATING_KEYS("keys.rotating", 6),
        HPKE("x25519+hpke", 4);

        final String label;
        final int weight;

        Kind(String label, int weight) {
            this.label = label;
            this.weight = weight;
        }

        private static final Kind[] TABLE = table();

        private static Kind[] table() {
            List<Kind> table = new ArrayList<>();
            for (Kind kind : values()) {
                for (int i = 0; i < kind.weight; i++) {
                    table.add(kind);
                }
            }
            return table.toArray(new Kind[0]);
        }

        static Kind pick(SplittableRandom random) {
            return TABLE[random.nextInt(TABLE.length)];
        }
    }

    @BeforeAll
    static void backends() {
        assertTrue(Ferrite.isAvailable(Backend.NATIVE), "the native backend must be available for this test: "
                + Ferrite.nativeLoadError().map(Throwable::toString).orElse("?"));
        shaN = Crypto.sha256(Backend.NATIVE);
        shaJ = Crypto.sha256(Backend.JAVA);
        edN = Crypto.ed25519(Backend.NATIVE);
        edJ = Crypto.ed25519(Backend.JAVA);
        aesN = Crypto.aesGcm(Backend.NATIVE);
        aesJ = Crypto.aesGcm(Backend.JAVA);
        argonN = Crypto.argon2(Backend.NATIVE);
        argonJ = Crypto.argon2(Backend.JAVA);
        dbN = Clustering.dbscan(Backend.NATIVE);
        dbJ = Clustering.dbscan(Backend.JAVA);
        xN = Crypto.x25519(Backend.NATIVE);
        xJ = Crypto.x25519(Backend.JAVA);
        hpkeN = Crypto.hpke(Backend.NATIVE);
        hpkeJ = Crypto.hpke(Backend.JAVA);
        agN = Clustering.agglomerative(Backend.NATIVE);
        agJ = Clustering.agglomerative(Backend.JAVA);
        silN = Clustering.silhouette(Backend.NATIVE);
        silJ = Clustering.silhouette(Backend.JAVA);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The run
    // ---------------------------------------------------------------------------------------------------------------

    @Test
    void sixteenThreadsMixingEveryKernel_agreeWithTheFallback_andLeaveNoLiveHandles() throws Exception {
        String replay = System.getProperty(REPLAY_PROPERTY, "");
        if (!replay.isBlank()) {
            replay(parseSeed(replay));
            return;
        }
        double seconds = Double.parseDouble(System.getProperty(SECONDS_PROPERTY, DEFAULT_SECONDS));
        assertTrue(seconds > 0, SECONDS_PROPERTY + " must be positive, got " + seconds);
        long baseSeed = baseSeed();
        String reproduce = "-D" + SEED_PROPERTY + "=0x" + Long.toHexString(baseSeed);

        // The live-handle baseline. The count is global to the process: other test classes in this JVM may have left
        // keys unclosed, which the Cleaner frees whenever the GC finds them. So the count is first driven to a stable
        // value (GC nudges until it stops changing): what is left then is held by reachable objects and stays put.
        // From here on every change is this test's own, and each stage is checked for EQUALITY with what this test
        // made and freed, never "<=": a leak (count too high) and a double free (count too low) both fail, and a
        // foreign key freed meanwhile, which cannot hide a leak under equality, could only cause a false alarm.
        long before = settle(NativeRuntime::liveHandles);
        Shared shared = new Shared(baseSeed);
        long withShared = NativeRuntime.liveHandles();
        assertEquals(before + shared.nativeHandlesUpFront(), withShared, "the shared keys made "
                + (withShared - before) + " native handles, expected " + shared.nativeHandlesUpFront());

        Rotation rotation = new Rotation(baseSeed);
        Stats stats = new Stats();
        Worker[] workers = new Worker[THREADS];
        CountDownLatch ready = new CountDownLatch(THREADS);
        CountDownLatch go = new CountDownLatch(1);
        AtomicLong deadline = new AtomicLong();
        for (int t = 0; t < THREADS; t++) {
            workers[t] = new Worker(t, mix(baseSeed + 0x9E3779B97F4A7C15L * (t + 1)), shared, rotation, stats, ready,
                    go, deadline);
            workers[t].thread.start();
        }
        assertTrue(ready.await(60, TimeUnit.SECONDS), "the threads did not start");
        long start = System.nanoTime();
        deadline.set(start + (long) (seconds * 1e9));
        go.countDown();
        for (Worker worker : workers) {
            worker.thread.join(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline.get() - System.nanoTime()))
                    + 120_000);
        }
        double elapsed = (System.nanoTime() - start) / 1e9;
        for (Worker worker : workers) {
            if (worker.thread.isAlive()) {
                stats.fail(worker.describe(worker.currentIteration, worker.currentKind, worker.currentOpSeed)
                        + ": still running 2 minutes after the deadline (hung?)", null);
            }
        }

        // Every short-lived key was closed in the loop or abandoned to the Cleaner; the rotating keys are closed here.
        // A Java-made shared key gets its native handle on its first native signature; one more signature makes sure
        // each has it, so exactly one per such key must now be live on top of the shared keys' own.
        rotation.closeAll();
        shared.signOnceNatively();
        long expectedAfter = withShared + shared.lazyHandles();
        long after = hasHung(workers) ? NativeRuntime.liveHandles() : settleTo(expectedAfter);
        shared.close();
        long expectedEnd = before;
        long end = hasHung(workers) ? NativeRuntime.liveHandles() : settleTo(expectedEnd);

        String summary = String.format(Locale.ROOT,
                "StressTest: %d threads, %.1f s, seed 0x%x: %s; live handles %d before, %d with shared keys, %d after"
                        + " the run (expected %d), %d after closing them (expected %d); %d failure(s)",
                THREADS, elapsed, baseSeed, stats.opsLine(), before, withShared, after, expectedAfter, end,
                expectedEnd, stats.failureCount.get());
        System.out.println(summary);

        StringBuilder problems = new StringBuilder();
        if (stats.failureCount.get() > 0) {
            problems.append(stats.failureCount.get()).append(" failure(s) (reproduce with ").append(reproduce)
                    .append("; first ").append(Math.min(MAX_REPORTED, stats.failureCount.get())).append(" below)\n");
            for (String failure : stats.failures) {
                problems.append("- ").append(failure).append('\n');
            }
        }
        if (after != expectedAfter) {
            problems.append(String.format(Locale.ROOT, "live handles after the run: %d, expected %d (%s)%n", after,
                    expectedAfter, after > expectedAfter ? "leaked " + (after - expectedAfter)
                            : (expectedAfter - after) + " freed twice, or a handle this test did not make was freed"));
        }
        if (end != expectedEnd) {
            problems.append(String.format(Locale.ROOT, "live handles after closing the shared keys: %d, expected %d%n",
                    end, expectedEnd));
        }
        for (Kind kind : Kind.values()) {
            if (stats.ops.get(kind.ordinal()) == 0) {
                problems.append(kind.label).append(" never ran\n");
            }
        }
        if (!problems.isEmpty()) {
            fail(summary + "\n" + problems);
        }
    }

    /**
     * Runs one operation alone, as the failure report names it, instead of the stress run: {@code
     * -Dferrite.stress.seed=BASE -Dferrite.stress.replay=OPSEED}.
     */
    private static void replay(long opSeed) throws Exception {
        Shared shared = new Shared(baseSeed());
        Rotation rotation = new Rotation(baseSeed());
        try {
            SplittableRandom random = new SplittableRandom(opSeed);
            Kind kind = Kind.pick(random);
            System.out.println("StressTest.replay: " + kind.label + ", op seed 0x" + Long.toHexString(opSeed));
            new Ops(shared, rotation, new Stats()).run(kind, random);
        } finally {
            rotation.closeAll();
            shared.close();
        }
    }

    private static long baseSeed() {
        String configured = System.getProperty(SEED_PROPERTY);
        return configured == null || configured.isBlank() ? new SecureRandom().nextLong() : parseSeed(configured);
    }

    private static long parseSeed(String text) {
        String s = text.strip().toLowerCase(Locale.ROOT);
        return s.startsWith("0x") ? Long.parseUnsignedLong(s.substring(2), 16) : Long.parseLong(s);
    }

    /** SplitMix64's finaliser: spreads related seeds (base + thread index) apart. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }

    private static boolean hasHung(Worker[] workers) {
        return Arrays.stream(workers).anyMatch(w -> w.thread.isAlive());
    }

    /** GC nudges until the count has not changed for ten rounds (about a second), for at most 30 s; the value. */
    private static long settle(LongSupplier count) throws InterruptedException {
        long limit = System.nanoTime() + SETTLE_NANOS;
        long last = count.getAsLong();
        int unchanged = 0;
        while (unchanged < 10 && System.nanoTime() - limit < 0) {
            System.gc();
            Thread.sleep(100);
            long now = count.getAsLong();
            unchanged = now == last ? unchanged + 1 : 0;
            last = now;
        }
        return last;
    }

    /**
     * GC nudges until the live-handle count is at most {@code expected} (the Cleaner frees abandoned keys some time
     * after a collection finds them), for at most 30 s, then a few more rounds to see that it stays; the value.
     */
    private static long settleTo(long expected) throws InterruptedException {
        long limit = System.nanoTime() + SETTLE_NANOS;
        while (NativeRuntime.liveHandles() > expected && System.nanoTime() - limit < 0) {
            System.gc();
            Thread.sleep(50);
        }
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        return NativeRuntime.liveHandles();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Shared state
    // ---------------------------------------------------------------------------------------------------------------

    /** An AES key on each backend, made from the same bytes. */
    record AesPair(byte[] bytes, AesGcmKey nativeKey, AesGcmKey javaKey) implements AutoCloseable {
        static AesPair of(byte[] bytes) {
            return new AesPair(bytes, aesN.key(bytes), aesJ.key(bytes));
        }

        @Override
        public void close() {
            nativeKey.close();
            javaKey.close();
        }
    }

    /** A valid (key, message, signature) triple for batch verification. */
    record Signed(Ed25519PublicKey key, byte[] message, byte[] signature) {}

    /** Keys all threads use, made before the run from the base seed, and a pool of valid signatures. */
    static final class Shared implements AutoCloseable {
        /** Made on the native backend: each holds a native handle from the start. */
        final List<Ed25519PrivateKey> nativeMade = new ArrayList<>();
        /** Made on the Java backend: no native handle until the first native signature, which many threads race to. */
        final List<Ed25519PrivateKey> javaMade = new ArrayList<>();
        final List<Ed25519PrivateKey> all = new ArrayList<>();
        final List<AesPair> aes = new ArrayList<>();
        final List<Signed> pool = new ArrayList<>();

        Shared(long baseSeed) {
            SplittableRandom random = new SplittableRandom(mix(baseSeed ^ 0x5eedL));
            for (int i = 0; i < 4; i++) {
                nativeMade.add(edN.keyPairFromSeed(bytes(random, 32)).privateKey());
            }
            for (int i = 0; i < 2; i++) {
                javaMade.add(edJ.keyPairFromSeed(bytes(random, 32)).privateKey());
            }
            all.addAll(nativeMade);
            all.addAll(javaMade);
            for (int length : new int[] {16, 24, 32}) {
                aes.add(AesPair.of(bytes(random, length)));
            }
            // Signed on the Java backend, so that no native handle is made yet for the Java-made keys.
            for (int i = 0; i < 400; i++) {
                Ed25519PrivateKey key = all.get(random.nextInt(all.size()));
                byte[] message = bytes(random, random.nextInt(0, 200));
                pool.add(new Signed(key.publicKey(), message, edJ.sign(key, message)));
            }
        }

        /** Native handles the constructor made: one per native-made Ed25519 key and one per native AES key. */
        int nativeHandlesUpFront() {
            return nativeMade.size() + aes.size();
        }

        /** Native handles the Java-made keys have once signed with natively: one each. */
        int lazyHandles() {
            return javaMade.size();
        }

        void signOnceNatively() {
            for (Ed25519PrivateKey key : javaMade) {
                edN.sign(key, new byte[0]);
            }
        }

        @Override
        public void close() {
            all.forEach(Ed25519PrivateKey::close);
            aes.forEach(AesPair::close);
        }
    }

    /**
     * Keys in use by all threads and replaced now and then by one of them, who closes the old one at once: other
     * threads may be using it, or about to.
     */
    static final class Rotation {
        /** A native Ed25519 key and, for reference, a Java-made key of the same seed. */
        record EdPair(Ed25519PrivateKey nativeKey, Ed25519PrivateKey javaKey) {
            void close() {
                nativeKey.close();
                javaKey.close();
            }
        }

        final AtomicReference<AesPair> aes = new AtomicReference<>();
        final AtomicReference<EdPair> ed = new AtomicReference<>();
        private final SplittableRandom seeds;

        Rotation(long baseSeed) {
            seeds = new SplittableRandom(mix(baseSeed ^ 0x707a7eL));
            aes.set(newAes());
            ed.set(newEd());
        }

        synchronized AesPair newAes() {
            return AesPair.of(bytes(seeds, 16 + 8 * seeds.nextInt(3)));
        }

        synchronized EdPair newEd() {
            byte[] seed = bytes(seeds, 32);
            return new EdPair(edN.keyPairFromSeed(seed).privateKey(), edJ.keyPairFromSeed(seed).privateKey());
        }

        void closeAll() {
            aes.get().close();
            ed.get().close();
        }
    }

    /** Operation counts and failures of all threads. */
    static final class Stats {
        final AtomicLongArray ops = new AtomicLongArray(Kind.values().length);
        final AtomicLong failureCount = new AtomicLong();
        final ConcurrentLinkedQueue<String> failures = new ConcurrentLinkedQueue<>();
        final AtomicLong abandoned = new AtomicLong();
        final AtomicLong rotations = new AtomicLong();
        final AtomicLong closedInUse = new AtomicLong();

        void fail(String where, Throwable cause) {
            if (failureCount.incrementAndGet() <= MAX_REPORTED) {
                failures.add(where + (cause == null ? "" : ": " + stackTrace(cause)));
            }
        }

        String opsLine() {
            StringJoiner line = new StringJoiner(", ");
            long total = 0;
            for (Kind kind : Kind.values()) {
                long n = ops.get(kind.ordinal());
                total += n;
                line.add(kind.label + "=" + n);
            }
            return line + ", total=" + total + " ops (keys left to the Cleaner " + abandoned.get() + ", rotations "
                    + rotations.get() + ", uses that met a just-closed key " + closedInUse.get() + ")";
        }

        private static String stackTrace(Throwable t) {
            StringWriter out = new StringWriter();
            t.printStackTrace(new PrintWriter(out));
            String[] lines = out.toString().split("\n");
            return String.join("\n    ", Arrays.copyOf(lines, Math.min(lines.length, 14)));
        }
    }

    /** One of the sixteen threads: random operations until the deadline, each from its own seed. */
    static final class Worker implements Runnable {
        final int index;
        final long seed;
        final Thread thread;
        private final Ops ops;
        private final Stats stats;
        private final CountDownLatch ready;
        private final CountDownLatch go;
        private final AtomicLong deadline;
        volatile long currentIteration = -1;
        volatile Kind currentKind;
        volatile long currentOpSeed;

        Worker(int index, long seed, Shared shared, Rotation rotation, Stats stats, CountDownLatch ready,
                CountDownLatch go, AtomicLong deadline) {
            this.index = index;
            this.seed = seed;
            this.ops = new Ops(shared, rotation, stats);
            this.stats = stats;
            this.ready = ready;
            this.go = go;
            this.deadline = deadline;
            this.thread = new Thread(this, "stress-" + index);
            this.thread.setDaemon(true);
        }

        String describe(long iteration, Kind kind, long opSeed) {
            return String.format(Locale.ROOT, "thread %d (seed 0x%x), iteration %d, %s (op seed 0x%x)", index, seed,
                    iteration, kind == null ? "-" : kind.label, opSeed);
        }

        @Override
        public void run() {
            SplittableRandom seeds = new SplittableRandom(seed);
            ready.countDown();
            try {
                go.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
            long end = deadline.get();
            for (long iteration = 0; System.nanoTime() - end < 0; iteration++) {
                long opSeed = seeds.nextLong();
                SplittableRandom random = new SplittableRandom(opSeed);
                Kind kind = Kind.pick(random);
                currentIteration = iteration;
                currentKind = kind;
                currentOpSeed = opSeed;
                try {
                    ops.run(kind, random);
                } catch (Throwable t) { // an assertion, an undocumented exception, an Error: all are failures
                    stats.fail(describe(iteration, kind, opSeed), t);
                }
                stats.ops.incrementAndGet(kind.ordinal());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The operations
    // ---------------------------------------------------------------------------------------------------------------

    /** The operations; each draws its whole input from the given random, so an op seed replays it. */
    static final class Ops {
        private final Shared shared;
        private final Rotation rotation;
        private final Stats stats;

        Ops(Shared shared, Rotation rotation, Stats stats) {
            this.shared = shared;
            this.rotation = rotation;
            this.stats = stats;
        }

        void run(Kind kind, SplittableRandom r) throws Exception {
            switch (kind) {
                case SHA256_DIGEST -> sha256Digest(r);
                case SHA256_DIGEST_ALL -> sha256DigestAll(r);
                case ED25519_SIGN -> ed25519Sign(r);
                case ED25519_VERIFY -> ed25519Verify(r);
                case ED25519_VERIFY_BATCH -> ed25519VerifyBatch(r);
                case AES_GCM -> aesGcm(r);
                case ARGON2 -> argon2(r);
                case DBSCAN -> dbscan(r);
                case AGGLOMERATIVE -> agglomerative(r);
                case SILHOUETTE -> silhouette(r);
                case SHORT_LIVED_KEYS -> shortLivedKeys(r);
                case ROTATING_KEYS -> rotatingKeys(r);
                case HPKE -> hpke(r);
            }
        }

        // X25519 and HPKE --------------------------------------------------------------------------------------

        /**
         * An X25519 agreement on both backends, then one HPKE message of a random suite and mode sealed on each
         * backend and opened on the other, the same message sealed with one chosen ephemeral key on both (identical
         * bytes), and a damaged copy refused by both.
         */
        void hpke(SplittableRandom r) throws AEADBadTagException {
            HpkeSuite suite = HpkeSuite.values()[r.nextInt(HpkeSuite.values().length)];
            HpkeMode mode = HpkeMode.values()[r.nextInt(HpkeMode.values().length)];
            byte[] psk = bytes(r, 32);
            byte[] pskId = bytes(r, r.nextInt(1, 20));
            byte[] info = bytes(r, r.nextInt(64));
            byte[] aad = bytes(r, r.nextInt(64));
            byte[] plaintext = bytes(r, r.nextInt(4096));
            try (X25519PrivateKey recipient = X25519PrivateKey.fromBytes(bytes(r, 32));
                    X25519PrivateKey sender = X25519PrivateKey.fromBytes(bytes(r, 32))) {
                same("x25519 agree", xN.agree(recipient, sender.publicKey()), xJ.agree(recipient, sender.publicKey()));
                HpkeSenderMode senderMode = switch (mode) {
                    case BASE -> HpkeSenderMode.base();
                    case PSK -> HpkeSenderMode.psk(psk, pskId);
                    case AUTH -> HpkeSenderMode.auth(sender);
                    case AUTH_PSK -> HpkeSenderMode.authPsk(sender, psk, pskId);
                };
                HpkeReceiverMode receiverMode = switch (mode) {
                    case BASE -> HpkeReceiverMode.base();
                    case PSK -> HpkeReceiverMode.psk(psk, pskId);
                    case AUTH -> HpkeReceiverMode.auth(sender.publicKey());
                    case AUTH_PSK -> HpkeReceiverMode.authPsk(sender.publicKey(), psk, pskId);
                };
                String what = "HPKE " + suite + " " + mode + " " + plaintext.length + " B";
                HpkeSealed fromNative = hpkeN.seal(suite, recipient.publicKey(), info, aad, plaintext, senderMode);
                same(what + ": Java opens native's", plaintext, hpkeJ.open(suite, fromNative.enc(), recipient, info,
                        aad, fromNative.ciphertext(), receiverMode));
                HpkeSealed fromJava = hpkeJ.seal(suite, recipient.publicKey(), info, aad, plaintext, senderMode);
                same(what + ": native opens Java's", hpkeN.open(suite, fromJava.enc(), recipient, info, aad,
                        fromJava.ciphertext(), receiverMode), plaintext);
                byte[] ephemeral = bytes(r, 32);
                same(what + ": sealed with one ephemeral key",
                        HpkeTestHooks.sealWithEphemeral(Backend.NATIVE, suite, recipient.publicKey(), info, aad,
                                plaintext, senderMode, ephemeral).toBytes(),
                        HpkeTestHooks.sealWithEphemeral(Backend.JAVA, suite, recipient.publicKey(), info, aad,
                                plaintext, senderMode, ephemeral).toBytes());
                byte[] damaged = fromNative.ciphertext();
                damaged[r.nextInt(damaged.length)] ^= (byte) (1 << r.nextInt(8));
                for (Hpke hpke : List.of(hpkeN, hpkeJ)) {
                    try {
                        hpke.open(suite, fromNative.enc(), recipient, info, aad, damaged, receiverMode);
                        throw new AssertionError(what + ": " + hpke.backend() + " opened a damaged message");
                    } catch (AEADBadTagException expected) {
                        // refused, as it must be
                    }
                }
            }
        }

        // SHA-256 -----------------------------------------------------------------------------------------------

        void sha256Digest(SplittableRandom r) {
            byte[] data = bytes(r, messageLength(r));
            int mode = r.nextInt(5);
            switch (mode) {
                case 0 -> same("digest(byte[]) of " + data.length + " B", shaN.digest(data), shaJ.digest(data));
                case 1 -> {
                    int offset = data.length == 0 ? 0 : r.nextInt(data.length + 1);
                    int length = r.nextInt(data.length - offset + 1);
                    same("digest(byte[], " + offset + ", " + length + ") of " + data.length + " B",
                            shaN.digest(data, offset, length), shaJ.digest(data, offset, length));
                }
                default -> {
                    // 2: heap, 3: direct, 4: read-only view of either; a random window of a larger buffer.
                    int before = r.nextInt(0, 40);
                    int after = r.nextInt(0, 40);
                    boolean direct = mode == 3 || (mode == 4 && r.nextBoolean());
                    ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(before + data.length + after)
                            : ByteBuffer.allocate(before + data.length + after);
                    buffer.position(before).put(data).position(before).limit(before + data.length);
                    if (mode == 4) {
                        buffer = buffer.asReadOnlyBuffer();
                    }
                    ByteBuffer forNative = buffer.duplicate();
                    ByteBuffer forJava = buffer.duplicate();
                    String what = "digest(" + (direct ? "direct" : "heap") + (mode == 4 ? " read-only" : "")
                            + " ByteBuffer) of " + data.length + " B";
                    byte[] n = shaN.digest(forNative);
                    same(what, n, shaJ.digest(forJava));
                    same(what + " vs digest(byte[]) of the same bytes", n, shaJ.digest(data));
                    check(forNative.position() == forNative.limit() && forJava.position() == forJava.limit(), what
                            + ": position not moved to the limit (native " + forNative.position() + ", Java "
                            + forJava.position() + ", limit " + forNative.limit() + ")");
                }
            }
        }

        void sha256DigestAll(SplittableRandom r) {
            int count = switch (r.nextInt(8)) {
                case 0 -> 0;
                case 1 -> 1;
                case 2 -> r.nextInt(60, 300); // more than one chunk of 64 messages
                default -> r.nextInt(2, 40);
            };
            List<byte[]> messages = new ArrayList<>(count);
            for (int i = 0; i < count; i++) {
                int length = switch (r.nextInt(10)) {
                    case 0, 1 -> 0;
                    case 2 -> r.nextInt(1, 129); // around the block size
                    case 3 -> r.nextInt(1, 40_000); // over the parallel threshold together
                    default -> r.nextInt(0, 300);
                };
                if (r.nextInt(400) == 0) {
                    length = (1 << 20) + r.nextInt(-64, 64_000); // a message too large to share a chunk
                }
                messages.add(bytes(r, length));
            }
            byte[][] n = shaN.digestAll(messages);
            byte[][] j = shaJ.digestAll(messages);
            check(n.length == count && j.length == count, "digestAll of " + count + " messages: native gave "
                    + n.length + ", Java " + j.length + " digests");
            for (int i = 0; i < count; i++) {
                same("digestAll of " + count + " messages, #" + i + " (" + messages.get(i).length + " B)", n[i], j[i]);
            }
            if (count > 0) {
                int i = r.nextInt(count);
                same("digestAll #" + i + " vs digest", n[i], shaJ.digest(messages.get(i)));
            }
        }

        // Ed25519 -----------------------------------------------------------------------------------------------

        void ed25519Sign(SplittableRandom r) {
            Ed25519PrivateKey key = pick(r, shared.all);
            byte[] message = bytes(r, edMessageLength(r));
            String what = "sign " + message.length + " B with shared " + key;
            byte[] n = edN.sign(key, message);
            byte[] j = edJ.sign(key, message);
            same(what, n, j);
            check(edN.verify(key.publicKey(), message, n), what + ": native rejects its own signature");
            check(edJ.verify(key.publicKey(), message, n), what + ": Java rejects the native signature");
        }

        void ed25519Verify(SplittableRandom r) {
            Ed25519PrivateKey key = pick(r, shared.all);
            byte[] message = bytes(r, edMessageLength(r));
            byte[] signature = edJ.sign(key, message);
            byte[] publicKey = key.publicKey().toBytes();
            int corruption = r.nextInt(8); // 0-2: valid
            String how = switch (corruption) {
                case 3 -> flip(r, signature, 0, 32, "R");
                case 4 -> flip(r, signature, 32, 64, "S");
                case 5 -> message.length == 0 ? appendByte(r, message = Arrays.copyOf(message, 1))
                        : flip(r, message, 0, message.length, "message");
                case 6 -> addEll(signature) ? "S + ℓ (non-canonical S)" : flip(r, signature, 0, 64, "signature");
                case 7 -> {
                    if (r.nextBoolean()) {
                        publicKey = HOSTILE_KEYS[r.nextInt(HOSTILE_KEYS.length)].clone();
                        yield "a hostile key encoding " + HexFormat.of().formatHex(publicKey);
                    }
                    yield flip(r, publicKey, 0, 32, "public key");
                }
                default -> null;
            };
            boolean valid = how == null;
            String what = "verify " + message.length + " B under " + key.publicKey() + (valid ? ", valid" : ", " + how);
            boolean n = edN.verify(publicKey, message, signature);
            boolean j = edJ.verify(publicKey, message, signature);
            check(n == j && n == valid, what + ": verify(byte[]) native " + n + ", Java " + j + ", expected " + valid);
            Ed25519PublicKey typed = tryPublicKey(publicKey);
            if (typed != null) {
                boolean nt = edN.verify(typed, message, signature);
                boolean jt = edJ.verify(typed, message, signature);
                check(nt == jt && nt == valid, what + ": verify(Ed25519PublicKey) native " + nt + ", Java " + jt
                        + ", expected " + valid);
            }
        }

        void ed25519VerifyBatch(SplittableRandom r) {
            int size = r.nextInt(10) == 0 ? r.nextInt(256, 400) : r.nextInt(0, 24); // 256+: native verifies in parallel
            List<Ed25519PublicKey> keys = new ArrayList<>(size);
            List<byte[]> messages = new ArrayList<>(size);
            List<byte[]> signatures = new ArrayList<>(size);
            for (int i = 0; i < size; i++) {
                Signed s = pick(r, shared.pool);
                keys.add(s.key());
                messages.add(s.message());
                signatures.add(s.signature());
            }
            String how = null;
            if (size > 0 && r.nextInt(3) == 0) {
                int i = r.nextInt(size);
                byte[] signature = signatures.get(i).clone();
                byte[] message = messages.get(i).clone();
                switch (r.nextInt(4)) {
                    case 0 -> how = flip(r, signature, 0, 64, "signature #" + i);
                    case 1 -> how = message.length == 0 ? appendByte(r, message = new byte[1]) + " #" + i
                            : flip(r, message, 0, message.length, "message #" + i);
                    case 2 -> how = addEll(signature) ? "S + ℓ #" + i : flip(r, signature, 32, 64, "S #" + i);
                    default -> {
                        Ed25519PublicKey other = pick(r, shared.all).publicKey();
                        if (!other.equals(keys.get(i))) {
                            keys.set(i, other);
                            how = "another key #" + i;
                        }
                    }
                }
                signatures.set(i, signature);
                messages.set(i, message);
            }
            boolean valid = how == null;
            boolean n = edN.verifyBatch(keys, messages, signatures);
            boolean j = edJ.verifyBatch(keys, messages, signatures);
            check(n == j && n == valid, "verifyBatch of " + size + (valid ? ", all valid" : ", " + how) + ": native "
                    + n + ", Java " + j + ", expected " + valid);
        }

        // AES-GCM -----------------------------------------------------------------------------------------------

        void aesGcm(SplittableRandom r) throws AEADBadTagException {
            aesGcmWith(r, pick(r, shared.aes), "shared");
        }

        /** One AES-GCM exchange on a key pair, checked both ways; tampered input on a third of them. */
        void aesGcmWith(SplittableRandom r, AesPair pair, String whose) throws AEADBadTagException {
            byte[] plaintext = bytes(r, aesLength(r));
            byte[] aad = switch (r.nextInt(4)) {
                case 0 -> null;
                case 1 -> new byte[0];
                default -> bytes(r, r.nextInt(1, 100));
            };
            byte[] nonce = bytes(r, AesGcm.NONCE_LENGTH);
            boolean tamper = r.nextInt(3) == 0;
            AesGcmKey kn = pair.nativeKey();
            AesGcmKey kj = pair.javaKey();
            String what = "AES-" + kn.keyBits() + " (" + whose + ") " + plaintext.length + " B, aad "
                    + (aad == null ? "null" : aad.length + " B");
            switch (r.nextInt(4)) {
                case 0 -> { // arrays
                    byte[] cn = kn.encrypt(nonce, plaintext, aad);
                    byte[] cj = kj.encrypt(nonce, plaintext, aad);
                    same(what + ": encrypt", cn, cj);
                    same(what + ": native decrypts Java's", kn.decrypt(nonce, cj, aad), plaintext);
                    same(what + ": Java decrypts native's", kj.decrypt(nonce, cn, aad), plaintext);
                    if (tamper) {
                        byte[] n2 = nonce.clone();
                        byte[] c2 = cn.clone();
                        byte[] a2 = aad == null ? null : aad.clone();
                        String how;
                        switch (r.nextInt(4)) {
                            case 0 -> how = flip(r, c2, 0, c2.length, "ciphertext||tag");
                            case 1 -> how = flip(r, n2, 0, n2.length, "nonce");
                            case 2 -> {
                                if (a2 == null || a2.length == 0) {
                                    a2 = new byte[] {(byte) r.nextInt(256)};
                                    how = "AAD added";
                                } else {
                                    how = flip(r, a2, 0, a2.length, "AAD");
                                }
                            }
                            default -> {
                                c2 = Arrays.copyOf(c2, r.nextInt(AesGcm.TAG_LENGTH));
                                how = "truncated to " + c2.length + " B";
                            }
                        }
                        byte[] fn = n2;
                        byte[] fc = c2;
                        byte[] fa = a2;
                        badTagOnBoth(what + ", " + how, () -> kn.decrypt(fn, fc, fa), () -> kj.decrypt(fn, fc, fa));
                    }
                }
                case 1 -> { // ByteBuffers: heap, direct or read-only input, heap or direct output
                    ByteBuffer in = buffer(r, plaintext, r.nextInt(3));
                    ByteBuffer outN = output(r, plaintext.length + AesGcm.TAG_LENGTH);
                    ByteBuffer outJ = output(r, plaintext.length + AesGcm.TAG_LENGTH);
                    int wn = kn.encrypt(nonce, in.duplicate(), aad, outN.duplicate());
                    int wj = kj.encrypt(nonce, in.duplicate(), aad, outJ.duplicate());
                    check(wn == wj && wn == plaintext.length + AesGcm.TAG_LENGTH, what + ": buffers wrote " + wn
                            + " / " + wj);
                    byte[] cn = remaining(outN);
                    same(what + ": encrypt(ByteBuffer)", cn, remaining(outJ));
                    same(what + ": encrypt(ByteBuffer) vs encrypt(byte[])", cn, kj.encrypt(nonce, plaintext, aad));
                    byte[] ct = cn;
                    String how = "";
                    if (tamper) {
                        ct = cn.clone();
                        how = ", " + flip(r, ct, 0, ct.length, "ciphertext||tag");
                    }
                    ByteBuffer cin = buffer(r, ct, r.nextInt(3));
                    ByteBuffer pn = output(r, plaintext.length);
                    ByteBuffer pj = output(r, plaintext.length);
                    if (tamper) {
                        fillOnes(pn);
                        fillOnes(pj);
                        ByteBuffer cinN = cin.duplicate();
                        ByteBuffer cinJ = cin.duplicate();
                        ByteBuffer pnD = pn.duplicate();
                        ByteBuffer pjD = pj.duplicate();
                        badTagOnBoth(what + ", decrypt(ByteBuffer)" + how, () -> kn.decrypt(nonce, cinN, aad, pnD),
                                () -> kj.decrypt(nonce, cinJ, aad, pjD));
                        check(cinN.position() == cin.position() && pnD.position() == pn.position(), what + how
                                + ": native moved a position on failure");
                        check(isZero(pn) && isZero(pj), what + how + ": the output was not wiped (native "
                                + isZero(pn) + ", Java " + isZero(pj) + ")");
                    } else {
                        kn.decrypt(nonce, cin.duplicate(), aad, pn.duplicate());
                        kj.decrypt(nonce, cin.duplicate(), aad, pj.duplicate());
                        same(what + ": native decrypt(ByteBuffer)", remaining(pn), plaintext);
                        same(what + ": Java decrypt(ByteBuffer)", remaining(pj), plaintext);
                    }
                }
                case 2 -> { // in place: output over the input in one buffer
                    boolean direct = r.nextBoolean();
                    ByteBuffer bn = inPlace(plaintext, direct);
                    ByteBuffer bj = inPlace(plaintext, direct);
                    kn.encrypt(nonce, bn.duplicate().limit(plaintext.length), aad, bn.duplicate());
                    kj.encrypt(nonce, bj.duplicate().limit(plaintext.length), aad, bj.duplicate());
                    byte[] cn = remaining(bn);
                    String where = what + ", in place in a " + (direct ? "direct" : "heap") + " buffer";
                    same(where + ": encrypt", cn, remaining(bj));
                    same(where + ": encrypt vs encrypt(byte[])", cn, kj.encrypt(nonce, plaintext, aad));
                    kn.decrypt(nonce, bn.duplicate(), aad, bn.duplicate().limit(plaintext.length));
                    kj.decrypt(nonce, bj.duplicate(), aad, bj.duplicate().limit(plaintext.length));
                    same(where + ": native decrypt", remaining(bn.duplicate().limit(plaintext.length)), plaintext);
                    same(where + ": Java decrypt", remaining(bj.duplicate().limit(plaintext.length)), plaintext);
                }
                default -> { // seal/open: random nonces, so each backend opens the other's
                    byte[] sn = kn.seal(plaintext, aad);
                    byte[] sj = kj.seal(plaintext, aad);
                    same(what + ": Java opens native's seal", kj.open(sn, aad), plaintext);
                    same(what + ": native opens Java's seal", kn.open(sj, aad), plaintext);
                    same(what + ": seal vs encrypt with its nonce", Arrays.copyOfRange(sn, AesGcm.NONCE_LENGTH,
                            sn.length), kj.encrypt(Arrays.copyOf(sn, AesGcm.NONCE_LENGTH), plaintext, aad));
                    if (tamper) {
                        byte[] s2 = sn.clone();
                        String how = r.nextBoolean() ? flip(r, s2, 0, s2.length, "sealed")
                                : "truncated to " + (s2 = Arrays.copyOf(s2, r.nextInt(28))).length + " B";
                        byte[] fs = s2;
                        badTagOnBoth(what + ", open " + how, () -> kn.open(fs, aad), () -> kj.open(fs, aad));
                    }
                }
            }
        }

        // Argon2 ------------------------------------------------------------------------------------------------

        void argon2(SplittableRandom r) {
            int lanes = r.nextInt(1, 3);
            Argon2Params.Builder builder = Argon2Params.builder()
                    .type(Argon2Type.values()[r.nextInt(Argon2Type.values().length)])
                    .memoryKib(r.nextInt(8 * lanes, 65))
                    .iterations(r.nextInt(1, 3))
                    .parallelism(lanes)
                    .outputLength(r.nextInt(4, 65))
                    .saltLength(r.nextInt(8, 33));
            if (r.nextInt(4) == 0) {
                builder.secret(bytes(r, r.nextInt(1, 33)));
            }
            if (r.nextInt(4) == 0) {
                builder.associatedData(bytes(r, r.nextInt(1, 33)));
            }
            Argon2Params params = builder.build();
            boolean chars = r.nextInt(3) == 0;
            char[] passwordChars = chars ? password(r) : null;
            byte[] password = chars ? null : bytes(r, r.nextInt(0, 40));
            String what = "argon2 " + params + (chars ? " char[] password" : " " + password.length + " B password");
            switch (r.nextInt(3)) {
                case 0 -> { // raw derivation, also with version 0x10
                    Argon2Params derive = r.nextBoolean() ? params
                            : params.toBuilder().version(Argon2Params.VERSION_10).build();
                    byte[] salt = bytes(r, r.nextInt(8, 40));
                    int length = r.nextInt(4, 80);
                    byte[] n = chars ? argonN.deriveKey(passwordChars, salt, derive, length)
                            : argonN.deriveKey(password, salt, derive, length);
                    byte[] j = chars ? argonJ.deriveKey(passwordChars, salt, derive, length)
                            : argonJ.deriveKey(password, salt, derive, length);
                    same(what + ", v=0x" + Integer.toHexString(derive.version()) + ", deriveKey " + length + " B", n,
                            j);
                }
                default -> { // PHC strings: each backend verifies the other's hash, and rejects a wrong password
                    boolean nativeHashes = r.nextBoolean();
                    Argon2 hasher = nativeHashes ? argonN : argonJ;
                    Argon2 checker = nativeHashes ? argonJ : argonN;
                    String phc = chars ? hasher.hash(passwordChars, params) : hasher.hash(password, params);
                    Argon2VerifyOptions options = Argon2VerifyOptions.forParams(params);
                    String where = what + ", " + phc + " hashed by " + hasher.backend();
                    boolean other = chars ? checker.verify(phc, passwordChars, options)
                            : checker.verify(phc, password, options);
                    boolean self = chars ? hasher.verify(phc, passwordChars, options)
                            : hasher.verify(phc, password, options);
                    check(other && self, where + ": verify by " + checker.backend() + " " + other + ", by "
                            + hasher.backend() + " " + self);
                    byte[] wrong = chars ? new String(passwordChars).concat("!").getBytes(StandardCharsets.UTF_8)
                            : appendTo(password, (byte) r.nextInt(256));
                    boolean wn = argonN.verify(phc, wrong, options);
                    boolean wj = argonJ.verify(phc, wrong, options);
                    check(!wn && !wj, where + ": a wrong password verified: native " + wn + ", Java " + wj);
                }
            }
        }

        // Agglomerative ----------------------------------------------------------------------------------------

        void agglomerative(SplittableRandom r) {
            int n = r.nextInt(8) == 0 ? r.nextInt(0, 4) : r.nextInt(4, 120);
            int dim = r.nextInt(1, 13); // Ward: centroids up to 8, the matrix above
            Linkage linkage = Linkage.values()[r.nextInt(Linkage.values().length)];
            Metric metric = linkage != Linkage.WARD && r.nextInt(3) == 0 ? Metric.COSINE : Metric.EUCLIDEAN;
            boolean lattice = r.nextBoolean(); // coordinates on a 1/4 grid: many equal distances
            double[] flat = new double[n * dim];
            for (int i = 0; i < flat.length; i++) {
                double v = r.nextDouble(-4, 4);
                flat[i] = lattice ? Math.rint(v * 4) / 4 : v;
            }
            for (int i = 0; i < n; i++) {
                flat[i * dim] = flat[i * dim] == 0 ? 1 : flat[i * dim]; // cosine refuses zero vectors
            }
            AgglomerativeParams params = AgglomerativeParams.of(linkage).metric(metric).threads(r.nextInt(0, 4));
            String what = "agglomerative " + n + " points x " + dim + (lattice ? " (lattice)" : "") + ", " + params;
            Dendrogram dn = agN.cluster(flat, dim, params);
            Dendrogram dj = agJ.cluster(flat, dim, params);
            check(dn.size() == n, what + ": native gave " + dn.size() + " points");
            check(dn.equals(dj), what + ": native " + Arrays.deepToString(dn.merges()) + ", Java "
                    + Arrays.deepToString(dj.merges()));
        }

        // DBSCAN ------------------------------------------------------------------------------------------------

        void dbscan(SplittableRandom r) {
            int n = r.nextInt(8) == 0 ? r.nextInt(0, 4) : r.nextInt(4, 150);
            int dim = r.nextInt(1, 9); // up to 3: grid; above: blocked single-precision products
            Metric metric = r.nextInt(3) == 0 ? Metric.COSINE : Metric.EUCLIDEAN;
            boolean lattice = r.nextBoolean(); // coordinates on a 1/4 grid: many distances exactly eps
            double step = 0.25;
            int centers = r.nextInt(1, 5);
            double[][] centre = new double[centers][dim];
            for (double[] c : centre) {
                for (int k = 0; k < dim; k++) {
                    c[k] = r.nextDouble(-4, 4);
                }
            }
            double spread = r.nextDouble(0.05, 1.0);
            double[][] rows = new double[n][dim];
            for (int i = 0; i < n; i++) {
                if (i > 0 && r.nextInt(12) == 0) {
                    rows[i] = rows[r.nextInt(i)].clone(); // exact duplicates
                    continue;
                }
                double[] c = centre[r.nextInt(centers)];
                boolean zero = true;
                for (int k = 0; k < dim; k++) {
                    double v = c[k] + gaussian(r) * spread;
                    rows[i][k] = lattice ? Math.rint(v / step) * step : v;
                    zero &= (float) rows[i][k] == 0;
                }
                if (zero) {
                    rows[i][0] = 1; // cosine refuses zero vectors, also after narrowing to float
                }
            }
            double eps = metric == Metric.COSINE ? r.nextDouble(0.001, 0.3)
                    : lattice ? step * r.nextInt(1, 6) : r.nextDouble(0.05, 1.5);
            DbscanParams params = DbscanParams.of(eps, r.nextInt(1, 7)).metric(metric).threads(r.nextInt(0, 4));
            int form = r.nextInt(4);
            String what = "dbscan " + n + " points x " + dim + (lattice ? " (lattice)" : "") + ", " + params
                    + ", form " + form;
            DbscanResult rn;
            DbscanResult rj;
            switch (form) {
                case 0 -> {
                    rn = dbN.cluster(rows, params);
                    rj = dbJ.cluster(rows, params);
                }
                case 1 -> {
                    float[][] f = new float[n][dim];
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < dim; k++) {
                            f[i][k] = (float) rows[i][k];
                        }
                    }
                    rn = dbN.cluster(f, params);
                    rj = dbJ.cluster(f, params);
                }
                case 2 -> {
                    double[] flat = new double[n * dim];
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(rows[i], 0, flat, i * dim, dim);
                    }
                    rn = dbN.cluster(flat, dim, params);
                    rj = dbJ.cluster(flat, dim, params);
                }
                default -> {
                    float[] flat = new float[n * dim];
                    for (int i = 0; i < n; i++) {
                        for (int k = 0; k < dim; k++) {
                            flat[i * dim + k] = (float) rows[i][k];
                        }
                    }
                    rn = dbN.cluster(flat, dim, params);
                    rj = dbJ.cluster(flat, dim, params);
                }
            }
            check(rn.size() == n, what + ": native gave " + rn.size() + " labels");
            check(rn.equals(rj), what + ": native " + rn + " " + Arrays.toString(rn.labels()) + " core "
                    + Arrays.toString(rn.coreFlags()) + ", Java " + rj + " " + Arrays.toString(rj.labels()) + " core "
                    + Arrays.toString(rj.coreFlags()));
        }

        // Silhouette --------------------------------------------------------------------------------------------

        /** Blobs with noise labels, both backends: the same bits on the direct path, within 1e-9 above. */
        void silhouette(SplittableRandom r) {
            int k = r.nextInt(2, 6);
            int n = r.nextInt(k + 1, 400); // points 0 .. k: every cluster, and one more scored point
            int dim = r.nextInt(8) == 0 ? r.nextInt(17, 80) : r.nextInt(1, 17);
            Metric metric = r.nextInt(3) == 0 ? Metric.COSINE : Metric.EUCLIDEAN;
            double[][] centre = new double[k][dim];
            for (double[] c : centre) {
                for (int q = 0; q < dim; q++) {
                    c[q] = r.nextDouble(-4, 4);
                }
            }
            double[][] rows = new double[n][dim];
            int[] labels = new int[n];
            for (int i = 0; i < n; i++) {
                int c = i < k ? i : r.nextInt(k);
                labels[i] = i > k && r.nextInt(10) == 0 ? -1 : c;
                if (i > k && r.nextInt(12) == 0) {
                    rows[i] = rows[r.nextInt(i)].clone(); // exact duplicates
                    continue;
                }
                for (int q = 0; q < dim; q++) {
                    rows[i][q] = centre[c][q] + gaussian(r);
                }
                rows[i][0] += 1e-3; // no zero vectors under cosine
            }
            String what = "silhouette " + n + " points x " + dim + ", " + metric;
            SilhouetteResult rn = silN.compute(rows, labels, metric);
            SilhouetteResult rj = silJ.compute(rows, labels, metric);
            boolean direct = metric == Metric.EUCLIDEAN ? dim <= 16 : dim <= 3;
            double[] vn = rn.values();
            double[] vj = rj.values();
            for (int i = 0; i < n; i++) {
                boolean same = direct ? Double.compare(vn[i], vj[i]) == 0
                        : (Double.isNaN(vn[i]) ? Double.isNaN(vj[i]) : Math.abs(vn[i] - vj[i]) <= 1e-9);
                check(same, what + ": point " + i + ": native " + vn[i] + ", Java " + vj[i]);
            }
            check(rn.count() == rj.count(), what + ": counts " + rn.count() + " and " + rj.count());
        }

        // Keys --------------------------------------------------------------------------------------------------

        /** Keys made, used and closed here; now and then one is dropped unclosed for the Cleaner. */
        void shortLivedKeys(SplittableRandom r) throws AEADBadTagException {
            boolean abandon = r.nextInt(25) == 0;
            switch (r.nextInt(4)) {
                case 0 -> { // native-made Ed25519 key: handle from the start
                    byte[] seed = bytes(r, 32);
                    Ed25519KeyPair n = edN.keyPairFromSeed(seed);
                    Ed25519KeyPair j = edJ.keyPairFromSeed(seed);
                    check(n.publicKey().equals(j.publicKey()), "key pair from seed "
                            + HexFormat.of().formatHex(seed) + ": public keys differ: native " + n.publicKey()
                            + ", Java " + j.publicKey());
                    byte[] message = bytes(r, r.nextInt(0, 300));
                    same("sign with a new native-made key", edN.sign(n.privateKey(), message),
                            edJ.sign(j.privateKey(), message));
                    j.close();
                    release(n, abandon);
                }
                case 1 -> { // Java-made Ed25519 key, signed natively: handle made on first use, then freed
                    Ed25519KeyPair j = edJ.keyPairFromSeed(bytes(r, 32));
                    byte[] message = bytes(r, r.nextInt(0, 300));
                    same("sign with a new Java-made key", edN.sign(j.privateKey(), message),
                            edJ.sign(j.privateKey(), message));
                    release(j, abandon);
                }
                case 2 -> { // Ed25519PrivateKey.fromSeed (Java-made), signed natively twice
                    Ed25519PrivateKey key = Ed25519PrivateKey.fromSeed(bytes(r, 32));
                    byte[] message = bytes(r, r.nextInt(0, 300));
                    byte[] first = edN.sign(key, message);
                    same("sign twice with a fromSeed key", first, edN.sign(key, message));
                    same("sign with a fromSeed key", first, edJ.sign(key, message));
                    release(key, abandon);
                }
                default -> { // AES keys on both backends
                    AesPair pair = AesPair.of(bytes(r, 16 + 8 * r.nextInt(3)));
                    aesGcmWith(r, pair, "short-lived");
                    pair.javaKey().close();
                    release(pair.nativeKey(), abandon);
                }
            }
        }

        private void release(AutoCloseable key, boolean abandon) {
            if (abandon) {
                stats.abandoned.incrementAndGet(); // unreachable from here on: the Cleaner's to free
                return;
            }
            try {
                key.close();
            } catch (Exception e) {
                throw new AssertionError("close threw", e);
            }
        }

        /** Keys shared by all threads and replaced (and closed) by whichever thread draws it, while others use them. */
        void rotatingKeys(SplittableRandom r) throws AEADBadTagException {
            boolean rotate = r.nextInt(8) == 0;
            if (r.nextBoolean()) {
                if (rotate) {
                    rotation.aes.getAndSet(rotation.newAes()).close();
                    stats.rotations.incrementAndGet();
                    return;
                }
                AesPair pair = rotation.aes.get();
                try {
                    aesGcmWith(r, pair, "rotating");
                } catch (IllegalStateException e) {
                    closedInUse(e, "AesGcmKey", pair.nativeKey().isDestroyed() || pair.javaKey().isDestroyed());
                }
            } else {
                if (rotate) {
                    rotation.ed.getAndSet(rotation.newEd()).close();
                    stats.rotations.incrementAndGet();
                    return;
                }
                Rotation.EdPair pair = rotation.ed.get();
                byte[] message = bytes(r, r.nextInt(0, 300));
                byte[] n;
                byte[] j;
                try {
                    n = edN.sign(pair.nativeKey(), message);
                    j = edJ.sign(pair.javaKey(), message);
                } catch (IllegalStateException e) {
                    closedInUse(e, "Ed25519PrivateKey", pair.nativeKey().isDestroyed() || pair.javaKey().isDestroyed());
                    return;
                }
                same("sign with a rotating key", n, j);
            }
        }

        /**
         * An {@link IllegalStateException} is the documented outcome only when the key really is closed, and only the
         * key's own "closed" one (not, say, the binding's "freed", which would mean a handle freed while in use).
         */
        private void closedInUse(IllegalStateException e, String type, boolean closed) {
            if (!closed || !("the " + type + " is closed").equals(e.getMessage())) {
                throw new AssertionError("IllegalStateException from a rotating " + type + " (closed: " + closed + ")",
                        e);
            }
            stats.closedInUse.incrementAndGet();
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Helpers
    // ---------------------------------------------------------------------------------------------------------------

    interface Decryption {
        Object run() throws AEADBadTagException;
    }

    private static void badTagOnBoth(String what, Decryption nativeCall, Decryption javaCall) {
        String n = badTag(nativeCall);
        String j = badTag(javaCall);
        check(n == null && j == null, what + ": expected AEADBadTagException on both; native " + (n == null
                ? "threw it" : n) + ", Java " + (j == null ? "threw it" : j));
    }

    /** Null when the call threw {@link AEADBadTagException}, otherwise what it did. */
    private static String badTag(Decryption call) {
        try {
            Object result = call.run();
            return "returned " + (result instanceof byte[] b ? b.length + " bytes" : result);
        } catch (AEADBadTagException e) {
            return null;
        }
    }

    private static void check(boolean condition, String message) {
        if (!condition) {
            throw new AssertionError(message);
        }
    }

    private static void same(String what, byte[] nativeResult, byte[] javaResult) {
        if (!Arrays.equals(nativeResult, javaResult)) {
            throw new AssertionError(what + ": backends disagree: native " + hex(nativeResult) + ", Java "
                    + hex(javaResult));
        }
    }

    private static String hex(byte[] bytes) {
        if (bytes == null) {
            return "null";
        }
        return bytes.length <= 64 ? HexFormat.of().formatHex(bytes)
                : HexFormat.of().formatHex(bytes, 0, 32) + "… (" + bytes.length + " B)";
    }

    private static <T> T pick(SplittableRandom r, List<T> list) {
        return list.get(r.nextInt(list.size()));
    }

    static byte[] bytes(SplittableRandom r, int length) {
        byte[] out = new byte[length];
        for (int i = 0; i < length; ) {
            long v = r.nextLong();
            for (int k = 0; k < 8 && i < length; k++, v >>>= 8) {
                out[i++] = (byte) v;
            }
        }
        return out;
    }

    /** Mostly short messages; some up to 64 KiB; one in 60 over 1 MiB (sliced through a native hash state). */
    private static int messageLength(SplittableRandom r) {
        int kind = r.nextInt(60);
        if (kind == 0) {
            return (1 << 20) + r.nextInt(-64, 1 << 20);
        }
        if (kind < 6) {
            return r.nextInt(0, 64 * 1024);
        }
        return kind < 10 ? r.nextInt(0, 2) : r.nextInt(0, 600);
    }

    /** Mostly short; one in 40 above 64 KiB, where native Ed25519 copies the message off-heap. */
    private static int edMessageLength(SplittableRandom r) {
        return r.nextInt(40) == 0 ? r.nextInt(64 * 1024 + 1, 200_000) : r.nextInt(0, 1200);
    }

    /** Mostly short; one in 80 over 1 MiB, which the native backend streams through a GCM state in slices. */
    private static int aesLength(SplittableRandom r) {
        int kind = r.nextInt(80);
        if (kind == 0) {
            return (1 << 20) + r.nextInt(-16, 600_000);
        }
        return kind < 6 ? r.nextInt(0, 64 * 1024) : r.nextInt(0, 2048);
    }

    private static double gaussian(SplittableRandom r) {
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    /** Flips one random bit of {@code bytes[from, to)}; a description. */
    private static String flip(SplittableRandom r, byte[] bytes, int from, int to, String what) {
        int i = r.nextInt(from, to);
        int bit = r.nextInt(8);
        bytes[i] ^= (byte) (1 << bit);
        return what + " bit " + bit + " of byte " + i + " flipped";
    }

    private static String appendByte(SplittableRandom r, byte[] oneByte) {
        oneByte[0] = (byte) r.nextInt(256);
        return "a byte added to the empty message";
    }

    private static byte[] appendTo(byte[] bytes, byte b) {
        byte[] out = Arrays.copyOf(bytes, bytes.length + 1);
        out[bytes.length] = b;
        return out;
    }

    /** Replaces S by S + ℓ (same value mod ℓ, non-canonical) when that fits 32 bytes; whether it did. */
    private static boolean addEll(byte[] signature) {
        byte[] le = Arrays.copyOfRange(signature, 32, 64);
        byte[] be = new byte[32];
        for (int i = 0; i < 32; i++) {
            be[i] = le[31 - i];
        }
        BigInteger s = new BigInteger(1, be).add(ELL);
        if (s.bitLength() > 256) {
            return false;
        }
        byte[] out = s.toByteArray(); // big-endian, maybe with a leading zero byte
        for (int i = 0; i < 32; i++) {
            int from = out.length - 1 - i;
            signature[32 + i] = from >= 0 ? out[from] : 0;
        }
        return true;
    }

    private static Ed25519PublicKey tryPublicKey(byte[] encoded) {
        try {
            return Ed25519PublicKey.fromBytes(encoded);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    /** A password of random characters (ASCII, other BMP, and surrogate pairs; never an unpaired surrogate). */
    private static char[] password(SplittableRandom r) {
        StringBuilder s = new StringBuilder();
        int length = r.nextInt(0, 20);
        for (int i = 0; i < length; i++) {
            int cp = switch (r.nextInt(4)) {
                case 0 -> r.nextInt(0x80, 0xD800);
                case 1 -> r.nextInt(0x10000, 0x110000);
                default -> r.nextInt(0x20, 0x7F);
            };
            s.appendCodePoint(cp);
        }
        char[] out = new char[s.length()];
        s.getChars(0, s.length(), out, 0);
        return out;
    }

    /** {@code data} in a buffer window: 0 heap, 1 direct, 2 read-only (heap or direct). */
    private static ByteBuffer buffer(SplittableRandom r, byte[] data, int kind) {
        int before = r.nextInt(0, 16);
        boolean direct = kind == 1 || (kind == 2 && r.nextBoolean());
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(before + data.length + 7)
                : ByteBuffer.allocate(before + data.length + 7);
        b.position(before).put(data).position(before).limit(before + data.length);
        return kind == 2 ? b.asReadOnlyBuffer() : b;
    }

    /** An output window of exactly {@code length} bytes, heap or direct, not at the start of its buffer. */
    private static ByteBuffer output(SplittableRandom r, int length) {
        int before = r.nextInt(0, 16);
        ByteBuffer b = r.nextBoolean() ? ByteBuffer.allocateDirect(before + length + 5)
                : ByteBuffer.allocate(before + length + 5);
        return b.position(before).limit(before + length);
    }

    /** A buffer holding {@code plaintext} with 16 bytes of room after it, position 0, limit at the end. */
    private static ByteBuffer inPlace(byte[] plaintext, boolean direct) {
        int capacity = plaintext.length + AesGcm.TAG_LENGTH;
        ByteBuffer b = direct ? ByteBuffer.allocateDirect(capacity) : ByteBuffer.allocate(capacity);
        b.put(plaintext).clear();
        return b;
    }

    /** The bytes between position and limit, not moving the position. */
    private static byte[] remaining(ByteBuffer b) {
        byte[] out = new byte[b.remaining()];
        b.duplicate().get(out);
        return out;
    }

    private static void fillOnes(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            b.put(i, (byte) 0xFF);
        }
    }

    private static boolean isZero(ByteBuffer b) {
        for (int i = b.position(); i < b.limit(); i++) {
            if (b.get(i) != 0) {
                return false;
            }
        }
        return true;
    }
}
