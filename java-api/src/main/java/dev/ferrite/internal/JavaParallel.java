package dev.ferrite.internal;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;
import java.util.concurrent.TimeUnit;

/**
 * The threads of one Java-backend clustering run (DBSCAN, agglomerative, silhouette), as their parameters'
 * {@code threads()} allows (e.g. {@link dev.ferrite.dbscan.DbscanParams#threads()}): {@code 0} the common
 * {@link ForkJoinPool} (the calling thread helps), {@code 1} the calling thread only, {@code k > 1} a pool of
 * {@code min(k, availableProcessors)} threads created for the run and shut down by {@link #close()} (the calling
 * thread only when that minimum is 1; the native backend likewise caps {@code k} at its pool size).
 * {@link #forEach} splits its items recursively, so idle threads steal work. Callers make every item's effect
 * independent of the order in which items run (no clustering result depends on it).
 *
 * <p>When an item throws, the items not yet started are skipped and {@link #forEach} rethrows only after every item
 * already running has finished, so no work of the run outlives the exception.
 */
public final class JavaParallel implements AutoCloseable {
    /** {@link ForkJoinPool}'s largest parallelism. */
    private static final int MAX_POOL = 0x7fff;

    private final int threads;
    private final ForkJoinPool pool;

    /**
     * The threads of one run.
     *
     * @param threads 0 for the common pool, 1 for the calling thread, more for a pool of that size (capped)
     */
    public JavaParallel(int threads) {
        int t = threads;
        if (t > 1) {
            t = Math.min(t, Math.min(MAX_POOL, Math.max(1, Runtime.getRuntime().availableProcessors())));
        }
        this.threads = t;
        this.pool = t > 1 ? new ForkJoinPool(t) : null;
    }

    /** A unit of work. */
    @FunctionalInterface
    public interface Item {
        /**
         * Does work item {@code item}.
         *
         * @param item its index
         */
        void run(int item);
    }

    /**
     * How many threads may work at once (for choosing a number of work items).
     *
     * @return the parallelism
     */
    public int parallelism() {
        return threads == 0 ? ForkJoinPool.getCommonPoolParallelism() + 1 : threads;
    }

    /**
     * Runs {@code body.run(i)} for every {@code i} in {@code 0 .. count-1}; returns when all are done.
     *
     * @param count how many items
     * @param body the work
     */
    public void forEach(int count, Item body) {
        if (count <= 0) {
            return;
        }
        if (threads == 1 || count == 1) {
            for (int i = 0; i < count; i++) {
                body.run(i);
            }
            return;
        }
        Split task = new Split(body, new Failed(), 0, count);
        if (pool == null) {
            task.invoke(); // common pool; this thread works too
        } else {
            pool.invoke(task);
        }
    }

    /** Shuts the run's pool down and waits until its threads have finished. */
    @Override
    public void close() {
        if (pool == null) {
            return;
        }
        pool.shutdown();
        boolean interrupted = false;
        while (true) {
            try {
                if (pool.awaitTermination(1, TimeUnit.MINUTES)) {
                    break;
                }
            } catch (InterruptedException e) {
                interrupted = true; // the pool's tasks do not respond to interrupts: keep waiting
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Set once an item of one {@link #forEach} has thrown: the items not yet started are skipped. */
    private static final class Failed {
        volatile boolean set;
    }

    @SuppressWarnings("serial") // never serialised
    private static final class Split extends RecursiveAction {
        private final Item body;
        private final Failed failed;
        private final int lo;
        private final int hi;

        Split(Item body, Failed failed, int lo, int hi) {
            this.body = body;
            this.failed = failed;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                if (failed.set) {
                    return;
                }
                try {
                    body.run(lo);
                } catch (Throwable e) {
                    failed.set = true;
                    throw e;
                }
                return;
            }
            int mid = (lo + hi) >>> 1;
            Split right = new Split(body, failed, mid, hi);
            right.fork();
            try {
                new Split(body, failed, lo, mid).compute();
            } catch (Throwable e) {
                // Unlike invokeAll (which only cancels the sibling, and a running task does not stop), wait for the
                // sibling before rethrowing: every task completes only after all its subtasks have.
                failed.set = true;
                right.quietlyJoin();
                throw e;
            }
            right.join();
        }
    }
}
