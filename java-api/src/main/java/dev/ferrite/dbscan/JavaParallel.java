package dev.ferrite.dbscan;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.RecursiveAction;

/**
 * The threads of one run, as {@link DbscanParams#threads()} allows: {@code 0} the common {@link ForkJoinPool} (the
 * calling thread helps), {@code 1} the calling thread only, {@code k > 1} a pool of {@code k} threads created for the
 * run and shut down by {@link #close()}. {@link #forEach} splits its items recursively, so idle threads steal work.
 * Callers make every item's effect independent of the order in which items run (the DBSCAN result never depends on
 * it).
 */
final class JavaParallel implements AutoCloseable {
    private final int threads;
    private final ForkJoinPool pool;

    JavaParallel(int threads) {
        this.threads = threads;
        this.pool = threads > 1 ? new ForkJoinPool(threads) : null;
    }

    /** A unit of work. */
    @FunctionalInterface
    interface Item {
        void run(int item);
    }

    /** How many threads may work at once (for choosing a number of work items). */
    int parallelism() {
        return threads == 0 ? ForkJoinPool.getCommonPoolParallelism() + 1 : threads;
    }

    /** Runs {@code body.run(i)} for every {@code i} in {@code 0 .. count-1}; returns when all are done. */
    void forEach(int count, Item body) {
        if (count <= 0) {
            return;
        }
        if (threads == 1 || count == 1) {
            for (int i = 0; i < count; i++) {
                body.run(i);
            }
            return;
        }
        Split task = new Split(body, 0, count);
        if (pool == null) {
            task.invoke(); // common pool; this thread works too
        } else {
            pool.invoke(task);
        }
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
        }
    }

    @SuppressWarnings("serial") // never serialised
    private static final class Split extends RecursiveAction {
        private final Item body;
        private final int lo;
        private final int hi;

        Split(Item body, int lo, int hi) {
            this.body = body;
            this.lo = lo;
            this.hi = hi;
        }

        @Override
        protected void compute() {
            if (hi - lo == 1) {
                body.run(lo);
                return;
            }
            int mid = (lo + hi) >>> 1;
            invokeAll(new Split(body, lo, mid), new Split(body, mid, hi));
        }
    }
}
