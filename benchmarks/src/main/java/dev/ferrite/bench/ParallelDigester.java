package dev.ferrite.bench;

import java.security.MessageDigest;
import java.security.Provider;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The best plain-Java way to hash many messages on all cores, the bar Ferrite's native {@code digestAll} must
 * beat: a fixed pool of platform threads started once (plus the calling thread, which works too), one
 * {@code MessageDigest} per thread created once and reused, and the messages split into a few chunks per thread
 * that the threads claim from an atomic counter, so a thread that gets descheduled on a busy machine doesn't hold
 * up the others. Per call it costs one task submission per helper thread and one latch.
 */
final class ParallelDigester implements AutoCloseable {

    /** Chunks per thread: enough to even out a stalled thread, few enough to keep claiming cheap. */
    private static final int CHUNKS_PER_THREAD = 8;

    private final int threads;
    private final ExecutorService helpers;
    private final ThreadLocal<MessageDigest> digests;

    /**
     * @param provider where the digests come from; null for the JDK's provider list
     * @param threads threads that hash, the calling one included
     */
    ParallelDigester(Provider provider, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.digests = ThreadLocal.withInitial(() -> Peers.sha256Digest(provider));
        AtomicInteger n = new AtomicInteger();
        this.helpers = threads == 1 ? null : Executors.newFixedThreadPool(threads - 1, r -> {
            Thread t = new Thread(r, "sha256-helper-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        if (helpers != null) {
            // Start the helper threads and give each its digest now, not in the first measured call.
            CountDownLatch started = new CountDownLatch(threads - 1);
            for (int i = 0; i < threads - 1; i++) {
                helpers.execute(() -> {
                    digests.get();
                    started.countDown();
                });
            }
            await(started);
        }
    }

    byte[][] digestAll(List<byte[]> messages) {
        byte[][] out = new byte[messages.size()][];
        if (helpers == null || messages.size() < 2) {
            hash(messages, out, 0, messages.size());
            return out;
        }
        int n = messages.size();
        int chunks = Math.min(n, threads * CHUNKS_PER_THREAD);
        AtomicInteger next = new AtomicInteger();
        AtomicReference<Throwable> failure = new AtomicReference<>();
        CountDownLatch done = new CountDownLatch(threads - 1);
        Runnable worker = () -> {
            try {
                for (int c; (c = next.getAndIncrement()) < chunks; ) {
                    hash(messages, out, (int) ((long) n * c / chunks), (int) ((long) n * (c + 1) / chunks));
                }
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        };
        for (int i = 0; i < threads - 1; i++) {
            helpers.execute(() -> {
                try {
                    worker.run();
                } finally {
                    done.countDown();
                }
            });
        }
        worker.run();
        await(done);
        Throwable t = failure.get();
        if (t != null) {
            throw new IllegalStateException("a hashing thread failed", t);
        }
        return out;
    }

    private void hash(List<byte[]> messages, byte[][] out, int from, int to) {
        MessageDigest md = digests.get();
        for (int i = from; i < to; i++) {
            out[i] = md.digest(messages.get(i));
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the hashing threads", e);
        }
    }

    @Override
    public void close() {
        if (helpers != null) {
            helpers.shutdownNow();
            try {
                helpers.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
