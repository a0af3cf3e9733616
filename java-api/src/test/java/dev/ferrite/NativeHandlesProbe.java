package dev.ferrite;

import dev.ferrite.aead.AesGcm;
import dev.ferrite.aead.AesGcmKey;
import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519KeyPair;
import dev.ferrite.internal.ffi.NativeRuntime;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

/**
 * Child-JVM entry point for {@link NativeHandlesTest}: makes native key handles in rounds, closing them or dropping
 * them for the {@link java.lang.ref.Cleaner}, and prints one {@code key=value} line per round with the handle count,
 * the time taken and the process's memory, for the parent to check.
 *
 * <p>Arguments: {@code closed|unclosed}, handles per round, measured rounds (after one warm-up round of the same
 * size), and how often an Ed25519 key replaces an AES-GCM key (every k-th handle). Runs alone in its JVM, so
 * {@link NativeRuntime#liveHandles()} counts this probe's handles only and starts at zero.
 */
public final class NativeHandlesProbe {
    /** How often (every this many handles) the live count is sampled and the key used once. */
    private static final int SAMPLE_EVERY = 1024;
    /** Longest wait for the Cleaner to free dropped keys. */
    private static final long CLEAN_DEADLINE_NANOS = 60_000_000_000L;

    private static final AesGcm AES = Crypto.aesGcm(Backend.NATIVE);
    private static final Ed25519 ED = Crypto.ed25519(Backend.NATIVE);
    private static final byte[] AES_KEY_16 = new byte[16];
    private static final byte[] AES_KEY_32 = new byte[32];
    private static final byte[] NONCE = new byte[12];
    private static final byte[] MESSAGE = {1, 2, 3};

    private static byte[] expectedCiphertext16;
    private static byte[] expectedCiphertext32;

    /** What a round saw at its sample points. */
    private static final class Samples {
        long minLiveOpen = Long.MAX_VALUE;
        long maxLiveOpen = Long.MIN_VALUE;
        long maxLiveAfterClose = Long.MIN_VALUE;
        long maxLiveAtBatchEnd = Long.MIN_VALUE;
        int aes;
        int ed25519;
        int wrong;

        void open(long live) {
            minLiveOpen = Math.min(minLiveOpen, live);
            maxLiveOpen = Math.max(maxLiveOpen, live);
        }

        void closed(long live) {
            maxLiveAfterClose = Math.max(maxLiveAfterClose, live);
        }

        void atBatchEnd(long live) {
            maxLiveAtBatchEnd = Math.max(maxLiveAtBatchEnd, live);
        }
    }

    private NativeHandlesProbe() {}

    /**
     * Runs the rounds and prints a line per round.
     *
     * @param args mode ({@code closed} or {@code unclosed}), handles per round, measured rounds, Ed25519 share (every
     *     k-th handle), and for {@code unclosed} how many handles are dropped before each wait for the Cleaner
     * @throws Exception on any failure (the parent sees a non-zero exit and the stack trace)
     */
    public static void main(String[] args) throws Exception {
        boolean close = switch (args[0]) {
            case "closed" -> true;
            case "unclosed" -> false;
            default -> throw new IllegalArgumentException("mode closed or unclosed, got " + args[0]);
        };
        int perRound = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        int ed25519Every = Integer.parseInt(args[3]);
        int batch = close ? perRound : Integer.parseInt(args[4]);
        if (perRound % batch != 0) {
            throw new IllegalArgumentException("the batch must divide the round");
        }
        try (AesGcmKey k16 = AES.key(AES_KEY_16); AesGcmKey k32 = AES.key(AES_KEY_32)) {
            expectedCiphertext16 = k16.encrypt(NONCE, MESSAGE, null);
            expectedCiphertext32 = k32.encrypt(NONCE, MESSAGE, null);
        }
        System.out.println("start mode=" + args[0] + " live=" + NativeRuntime.liveHandles() + " rssKb=" + rssKb());
        long total = 0;
        for (int round = 0; round <= rounds; round++) {
            Samples samples = new Samples();
            long createNanos = 0;
            long cleanNanos = 0;
            int gcs = 0;
            for (int done = 0; done < perRound; done += batch) {
                long start = System.nanoTime();
                if (close) {
                    createAndClose(samples, done, batch, ed25519Every);
                } else {
                    createAndDrop(samples, done, batch, ed25519Every);
                }
                createNanos += System.nanoTime() - start;
                samples.atBatchEnd(NativeRuntime.liveHandles());
                if (!close) {
                    long cleanStart = System.nanoTime();
                    gcs += awaitNoLiveHandles();
                    cleanNanos += System.nanoTime() - cleanStart;
                    if (NativeRuntime.liveHandles() != 0) {
                        break; // the parent fails on live != 0
                    }
                }
            }
            total += samples.aes + samples.ed25519;
            System.out.println("round=" + (round == 0 ? "warmup" : Integer.toString(round))
                    + " handles=" + (samples.aes + samples.ed25519) + " aes=" + samples.aes
                    + " ed25519=" + samples.ed25519 + " batch=" + batch
                    + " createMs=" + createNanos / 1_000_000
                    + " minLiveOpen=" + samples.minLiveOpen + " maxLiveOpen=" + samples.maxLiveOpen
                    + (close ? " maxLiveClosed=" + samples.maxLiveAfterClose : "")
                    + " maxLiveAtBatchEnd=" + samples.maxLiveAtBatchEnd
                    + " wrong=" + samples.wrong
                    + " gcs=" + gcs + " cleanMs=" + cleanNanos / 1_000_000
                    + " live=" + NativeRuntime.liveHandles()
                    + " rssKb=" + rssKb());
            if (NativeRuntime.liveHandles() != 0) {
                break; // handles the Cleaner did not free: the parent fails on this round's live count
            }
        }
        System.out.println("done total=" + total + " live=" + NativeRuntime.liveHandles());
    }

    /**
     * Nudges the collector until the Cleaner has freed every dropped key, within {@link #CLEAN_DEADLINE_NANOS}: one
     * {@code System.gc()}, then polling, with another collection every 200 ms.
     *
     * @return how many times {@code System.gc()} was called
     */
    private static int awaitNoLiveHandles() throws InterruptedException {
        long start = System.nanoTime();
        long lastGc = 0;
        int gcs = 0;
        while (NativeRuntime.liveHandles() != 0 && System.nanoTime() - start < CLEAN_DEADLINE_NANOS) {
            if (gcs == 0 || System.nanoTime() - lastGc > 200_000_000L) {
                System.gc();
                gcs++;
                lastGc = System.nanoTime();
            }
            Thread.sleep(2);
        }
        return gcs;
    }

    /** Makes handles {@code first} to {@code first + n - 1}, closing each (twice) before making the next. */
    private static void createAndClose(Samples samples, int first, int n, int ed25519Every) {
        for (int i = first; i < first + n; i++) {
            boolean sample = i % SAMPLE_EVERY == 0;
            if (i % ed25519Every == 0) {
                Ed25519KeyPair pair = ED.keyPairFromSeed(seed(i));
                if (sample) {
                    samples.open(NativeRuntime.liveHandles());
                    check(samples, pair);
                }
                pair.close();
                pair.close();
                samples.ed25519++;
            } else {
                AesGcmKey key = AES.key(i % 2 == 0 ? AES_KEY_16 : AES_KEY_32);
                if (sample) {
                    samples.open(NativeRuntime.liveHandles());
                    check(samples, key);
                }
                key.close();
                key.close();
                samples.aes++;
            }
            if (sample) {
                samples.closed(NativeRuntime.liveHandles());
            }
        }
    }

    /**
     * Makes handles {@code first} to {@code first + n - 1} and drops them unclosed; none is reachable once this returns.
     * They are held until then, so every batch has all {@code n} pending at its end whenever the collector runs: the
     * native memory's peak, and so the resident set after each round, is the same in every round.
     */
    private static void createAndDrop(Samples samples, int first, int n, int ed25519Every) {
        Object[] held = new Object[n];
        for (int i = first; i < first + n; i++) {
            boolean sample = i % SAMPLE_EVERY == 0;
            if (i % ed25519Every == 0) {
                Ed25519KeyPair pair = ED.keyPairFromSeed(seed(i));
                if (sample) {
                    samples.open(NativeRuntime.liveHandles());
                    check(samples, pair);
                }
                held[i - first] = pair;
                samples.ed25519++;
            } else {
                AesGcmKey key = AES.key(i % 2 == 0 ? AES_KEY_16 : AES_KEY_32);
                if (sample) {
                    samples.open(NativeRuntime.liveHandles());
                    check(samples, key);
                }
                held[i - first] = key;
                samples.aes++;
            }
        }
        java.lang.ref.Reference.reachabilityFence(held);
    }

    /** Uses the key once: a wrong answer would mean the handle is not the key it should be. */
    private static void check(Samples samples, AesGcmKey key) {
        byte[] expected = key.keyBits() == 128 ? expectedCiphertext16 : expectedCiphertext32;
        if (!Arrays.equals(expected, key.encrypt(NONCE, MESSAGE, null))) {
            samples.wrong++;
        }
    }

    private static void check(Samples samples, Ed25519KeyPair pair) {
        if (!ED.verify(pair.publicKey(), MESSAGE, ED.sign(pair.privateKey(), MESSAGE))) {
            samples.wrong++;
        }
    }

    private static byte[] seed(int i) {
        byte[] seed = new byte[Ed25519.SEED_LENGTH];
        seed[0] = (byte) i;
        seed[1] = (byte) (i >>> 8);
        seed[2] = (byte) (i >>> 16);
        seed[3] = (byte) (i >>> 24);
        return seed;
    }

    /** The resident set size from {@code /proc/self/status}, in KiB; -1 where there is none (not Linux). */
    static long rssKb() throws IOException {
        Path status = Path.of("/proc/self/status");
        if (!Files.isReadable(status)) {
            return -1;
        }
        for (String line : Files.readAllLines(status)) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.substring("VmRSS:".length()).replace("kB", "").trim());
            }
        }
        return -1;
    }
}
