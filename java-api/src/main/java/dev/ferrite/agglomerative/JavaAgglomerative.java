package dev.ferrite.agglomerative;

import dev.ferrite.Backend;
import dev.ferrite.dbscan.Metric;
import dev.ferrite.internal.JavaParallel;
import dev.ferrite.internal.Points;

/**
 * Agglomerative clustering in pure Java: the fallback when the native library is not available, computing the same
 * bits as the native backend (the canonical arithmetic and tie rules of {@link Agglomerative}) for any thread count.
 *
 * <h2>Methods</h2>
 * <ul>
 *   <li>{@link Linkage#SINGLE}: Prim's minimum spanning tree over the point distances, O(n<sup>2</sup>) distance
 *       evaluations, each step's scan split over threads in pieces of 2048 points.</li>
 *   <li>{@link Linkage#WARD}: the nearest-neighbour chain on centroids (O(n d) memory) up to 8 dimensions or when the
 *       matrix would exceed the ceiling, else on the matrix as below.</li>
 *   <li>{@link Linkage#COMPLETE}, {@link Linkage#AVERAGE}: the nearest-neighbour chain on the condensed distance
 *       matrix, kept as one {@code double[]} per row on the Java heap ({@code 8 n (n - 1) / 2} bytes: size
 *       {@code -Xmx} for it), filled in parallel in blocks of 32 rows.</li>
 * </ul>
 * Threads as {@link AgglomerativeParams#threads(int)}: {@code 0} the common {@link java.util.concurrent.ForkJoinPool},
 * {@code 1} the calling thread, {@code k > 1} a pool of {@code min(k, availableProcessors)} threads made for the call.
 *
 * <p>Obtain it from {@link dev.ferrite.Clustering#agglomerative(Backend)} or {@link #instance()}. Stateless and
 * thread-safe.
 */
final class JavaAgglomerative extends AbstractAgglomerative {
    private static final JavaAgglomerative INSTANCE = new JavaAgglomerative();
    /** Points per parallel piece of a Prim step. */
    private static final int CHUNK = 2048;
    /** Least work (distance evaluations times their cost) of a chain scan worth splitting over threads. */
    private static final int PARALLEL_WORK = 1 << 15;

    private JavaAgglomerative() {}

    /**
     * The pure-Java implementation; always available.
     *
     * @return the shared instance
     */
    static JavaAgglomerative instance() {
        return INSTANCE;
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }

    @Override
    double[] compute(Points points, AgglomerativeParams params) {
        int n = points.n;
        int dim = points.dim;
        if ((long) n * dim > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException(n + " points of " + dim + " coordinates: the pure-Java backend takes at"
                    + " most 2^31 - 9 coordinates in all (its working copy is one Java array; the native backend takes"
                    + " more)");
        }
        double[] x = prepare(points, params.metric());
        double[] raw = new double[3 * (n - 1)];
        try (JavaParallel parallel = new JavaParallel(params.threads())) {
            switch (params.linkage()) {
                case SINGLE -> prim(x, n, dim, params.metric() == Metric.COSINE, parallel, raw);
                case WARD -> nnChain(wardUsesMatrix(n, dim, params.maxMatrixBytes())
                        ? new Matrix(x, n, dim, false, Linkage.WARD, parallel) : new Ward(x, n, dim), n, parallel, raw);
                default -> nnChain(new Matrix(x, n, dim, params.metric() == Metric.COSINE, params.linkage(), parallel),
                        n, parallel, raw);
            }
        }
        return raw;
    }

    /** Rows per block of the matrix fill. */
    private static final int TILE = 32;

    /** The points as doubles, row-major; cosine: the canonical unit vectors. */
    private static double[] prepare(Points points, Metric metric) {
        int n = points.n;
        int dim = points.dim;
        double[] out = new double[n * dim];
        double[] row = new double[dim];
        for (int i = 0; i < n; i++) {
            points.copyRow(i, row);
            if (metric == Metric.COSINE) {
                double m = 0.0;
                for (double v : row) {
                    m = Math.max(m, Math.abs(v));
                }
                double q = 0.0;
                for (int k = 0; k < dim; k++) {
                    double t = row[k] / m;
                    q += t * t;
                }
                double r = Math.sqrt(q);
                for (int k = 0; k < dim; k++) {
                    row[k] = (row[k] / m) / r;
                }
            }
            System.arraycopy(row, 0, out, i * dim, dim);
        }
        return out;
    }

    /**
     * Whether Ward's linkage runs on the distance matrix (SciPy's Lance–Williams recurrence) rather than on centroids:
     * from 9 dimensions on, when the matrix fits the ceiling (as the native backend's {@code ward_uses_matrix}).
     */
    static boolean wardUsesMatrix(int n, int dim, long maxMatrixBytes) {
        return dim >= 9 && matrixBytes(n) <= maxMatrixBytes;
    }

    /** The canonical squared Euclidean distance of rows at {@code a} and {@code b} (eight lanes). */
    static double squaredDistance(double[] x, int a, int b, int dim) {
        double l0 = 0.0, l1 = 0.0, l2 = 0.0, l3 = 0.0, l4 = 0.0, l5 = 0.0, l6 = 0.0, l7 = 0.0;
        int k = 0;
        for (; k + 8 <= dim; k += 8) {
            double t0 = x[a + k] - x[b + k];
            double t1 = x[a + k + 1] - x[b + k + 1];
            double t2 = x[a + k + 2] - x[b + k + 2];
            double t3 = x[a + k + 3] - x[b + k + 3];
            double t4 = x[a + k + 4] - x[b + k + 4];
            double t5 = x[a + k + 5] - x[b + k + 5];
            double t6 = x[a + k + 6] - x[b + k + 6];
            double t7 = x[a + k + 7] - x[b + k + 7];
            l0 += t0 * t0;
            l1 += t1 * t1;
            l2 += t2 * t2;
            l3 += t3 * t3;
            l4 += t4 * t4;
            l5 += t5 * t5;
            l6 += t6 * t6;
            l7 += t7 * t7;
        }
        int r = dim - k;
        double t;
        if (r > 0) { t = x[a + k] - x[b + k]; l0 += t * t; }
        if (r > 1) { t = x[a + k + 1] - x[b + k + 1]; l1 += t * t; }
        if (r > 2) { t = x[a + k + 2] - x[b + k + 2]; l2 += t * t; }
        if (r > 3) { t = x[a + k + 3] - x[b + k + 3]; l3 += t * t; }
        if (r > 4) { t = x[a + k + 4] - x[b + k + 4]; l4 += t * t; }
        if (r > 5) { t = x[a + k + 5] - x[b + k + 5]; l5 += t * t; }
        if (r > 6) { t = x[a + k + 6] - x[b + k + 6]; l6 += t * t; }
        return ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7));
    }

    /** The canonical dot product of rows at {@code a} and {@code b} (eight lanes). */
    static double dot(double[] x, int a, int b, int dim) {
        double l0 = 0.0, l1 = 0.0, l2 = 0.0, l3 = 0.0, l4 = 0.0, l5 = 0.0, l6 = 0.0, l7 = 0.0;
        int k = 0;
        for (; k + 8 <= dim; k += 8) {
            l0 += x[a + k] * x[b + k];
            l1 += x[a + k + 1] * x[b + k + 1];
            l2 += x[a + k + 2] * x[b + k + 2];
            l3 += x[a + k + 3] * x[b + k + 3];
            l4 += x[a + k + 4] * x[b + k + 4];
            l5 += x[a + k + 5] * x[b + k + 5];
            l6 += x[a + k + 6] * x[b + k + 6];
            l7 += x[a + k + 7] * x[b + k + 7];
        }
        int r = dim - k;
        if (r > 0) { l0 += x[a + k] * x[b + k]; }
        if (r > 1) { l1 += x[a + k + 1] * x[b + k + 1]; }
        if (r > 2) { l2 += x[a + k + 2] * x[b + k + 2]; }
        if (r > 3) { l3 += x[a + k + 3] * x[b + k + 3]; }
        if (r > 4) { l4 += x[a + k + 4] * x[b + k + 4]; }
        if (r > 5) { l5 += x[a + k + 5] * x[b + k + 5]; }
        if (r > 6) { l6 += x[a + k + 6] * x[b + k + 6]; }
        return ((l0 + l4) + (l2 + l6)) + ((l1 + l5) + (l3 + l7));
    }

    /** The canonical distance of points {@code i} and {@code j}. */
    static double distance(double[] x, int i, int j, int dim, boolean cosine) {
        if (cosine) {
            double v = 1.0 - dot(x, i * dim, j * dim, dim);
            v = v < 0.0 ? 0.0 : v > 2.0 ? 2.0 : v;
            return v + 0.0;
        }
        return Math.sqrt(squaredDistance(x, i * dim, j * dim, dim));
    }

    // -------------------------------------------------------------------------------------- minimum spanning tree

    /**
     * SciPy's single linkage: Prim from point 0 on squared Euclidean (or cosine) distances, rows
     * {@code (previous node, node, distance)} in the order added.
     */
    private static void prim(double[] x, int n, int dim, boolean cosine, JavaParallel parallel, double[] raw) {
        int count = n - 1;
        int[] node = new int[count];
        int[] parent = new int[count];
        double[] key = new double[count];
        for (int i = 0; i < count; i++) {
            node[i] = i + 1;
            key[i] = Double.POSITIVE_INFINITY;
        }
        int pieces = (count + CHUNK - 1) / CHUNK;
        double[] bestKey = new double[pieces];
        int[] bestNode = new int[pieces];
        int[] bestAt = new int[pieces];
        int from = 0;
        for (int step = 0; count > 0; step++) {
            final int xs = from;
            final int c = count;
            int chunks = (c + CHUNK - 1) / CHUNK;
            parallel.forEach(chunks, piece -> {
                int lo = piece * CHUNK;
                int hi = Math.min(c, lo + CHUNK);
                double bk = Double.POSITIVE_INFINITY;
                int bn = Integer.MAX_VALUE;
                int ba = -1;
                for (int k = lo; k < hi; k++) {
                    double d = cosine ? distance(x, xs, node[k], dim, true)
                            : squaredDistance(x, xs * dim, node[k] * dim, dim); // no square root in the loop
                    if (key[k] > d) {
                        key[k] = d;
                        parent[k] = xs;
                    }
                    if (key[k] < bk || (key[k] == bk && node[k] < bn)) {
                        bk = key[k];
                        bn = node[k];
                        ba = k;
                    }
                }
                bestKey[piece] = bk;
                bestNode[piece] = bn;
                bestAt[piece] = ba;
            });
            double bk = Double.POSITIVE_INFINITY;
            int bn = Integer.MAX_VALUE;
            int at = -1;
            for (int p = 0; p < chunks; p++) {
                if (bestKey[p] < bk || (bestKey[p] == bk && bestNode[p] < bn)) {
                    bk = bestKey[p];
                    bn = bestNode[p];
                    at = bestAt[p];
                }
            }
            raw[3 * step] = from;
            raw[3 * step + 1] = bn;
            raw[3 * step + 2] = cosine ? bk : Math.sqrt(bk);
            count--;
            node[at] = node[count];
            parent[at] = parent[count];
            key[at] = key[count];
            from = bn;
        }
    }

    // ---------------------------------------------------------------------------------- nearest-neighbour chain

    /** Clusters living in slots {@code 0 .. n-1}. */
    private interface Space {
        /** A key ordering pairs as their linkage distance does; the chain compares keys. */
        double distance(int x, int i);

        /** The merge height of a key. */
        default double height(double key) {
            return key;
        }

        int cost();

        void merge(int x, int y, double height, int[] active, int activeCount);
    }

    /** SciPy's nearest-neighbour chain; raw rows {@code (x, y, height)} with {@code x < y}. */
    private static void nnChain(Space space, int n, JavaParallel parallel, double[] raw) {
        int[] active = new int[n];
        for (int i = 0; i < n; i++) {
            active[i] = i;
        }
        int activeCount = n;
        int[] chain = new int[n];
        int chainLength = 0;
        int per = Math.max(64, ((1 << 14) + space.cost() - 1) / space.cost());
        int maxPieces = (n + per - 1) / per;
        double[] pieceBest = new double[maxPieces];
        int[] pieceSlot = new int[maxPieces];
        for (int k = 0; k < n - 1; k++) {
            if (chainLength == 0) {
                chain[chainLength++] = active[0];
            }
            int x;
            int y;
            double height;
            while (true) {
                x = chain[chainLength - 1];
                int previous = chainLength > 1 ? chain[chainLength - 2] : -1;
                double best = Double.POSITIVE_INFINITY;
                int bestSlot = Integer.MAX_VALUE;
                final int tip = x;
                final int count = activeCount;
                if (parallel.parallelism() > 1 && (long) count * space.cost() >= PARALLEL_WORK) {
                    int pieces = (count + per - 1) / per;
                    parallel.forEach(pieces, p -> {
                        double b = Double.POSITIVE_INFINITY;
                        int s = Integer.MAX_VALUE;
                        for (int q = p * per, end = Math.min(count, q + per); q < end; q++) {
                            int i = active[q];
                            if (i == tip) {
                                continue;
                            }
                            double d = space.distance(tip, i);
                            if (d < b) {
                                b = d;
                                s = i;
                            }
                        }
                        pieceBest[p] = b;
                        pieceSlot[p] = s;
                    });
                    for (int p = 0; p < pieces; p++) {
                        if (pieceBest[p] < best || (pieceBest[p] == best && pieceSlot[p] < bestSlot)) {
                            best = pieceBest[p];
                            bestSlot = pieceSlot[p];
                        }
                    }
                } else {
                    for (int q = 0; q < count; q++) {
                        int i = active[q];
                        if (i == tip) {
                            continue;
                        }
                        double d = space.distance(tip, i);
                        if (d < best) {
                            best = d;
                            bestSlot = i;
                        }
                    }
                }
                if (previous >= 0) {
                    double dp = space.distance(x, previous);
                    if (dp <= best) {
                        y = previous;
                        height = dp;
                        break;
                    }
                }
                y = bestSlot;
                height = best;
                chain[chainLength++] = y;
            }
            chainLength -= 2;
            int lo = Math.min(x, y);
            int hi = Math.max(x, y);
            raw[3 * k] = lo;
            raw[3 * k + 1] = hi;
            raw[3 * k + 2] = space.height(height);
            space.merge(lo, hi, raw[3 * k + 2], active, activeCount);
            int at = java.util.Arrays.binarySearch(active, 0, activeCount, lo);
            System.arraycopy(active, at + 1, active, at, activeCount - at - 1);
            activeCount--;
        }
    }

    /** Ward's linkage on centroids. */
    private static final class Ward implements Space {
        private final double[] c;
        private final double[] size;
        private final int dim;

        Ward(double[] x, int n, int dim) {
            this.c = x;
            this.dim = dim;
            this.size = new double[n];
            java.util.Arrays.fill(size, 1.0);
        }

        @Override
        public double distance(int x, int i) {
            double a = size[x];
            double b = size[i];
            double f = 2.0 * a * b / (a + b);
            return f * squaredDistance(c, x * dim, i * dim, dim); // squared: the height is its square root
        }

        @Override
        public double height(double key) {
            return Math.sqrt(key);
        }

        @Override
        public int cost() {
            return dim + 8;
        }

        @Override
        public void merge(int x, int y, double height, int[] active, int activeCount) {
            double a = size[x];
            double b = size[y];
            double s = a + b;
            for (int k = 0, px = x * dim, py = y * dim; k < dim; k++) {
                c[py + k] = (a * c[px + k] + b * c[py + k]) / s;
            }
            size[y] = s;
            size[x] = 0.0;
        }
    }

    /** The condensed distance matrix, one array per row, with complete or average linkage's updates. */
    private static final class Matrix implements Space {
        private final double[][] rows;
        private final double[] size;
        private final Linkage linkage;

        Matrix(double[] x, int n, int dim, boolean cosine, Linkage linkage, JavaParallel parallel) {
            this.rows = new double[n - 1][];
            for (int i = 0; i < n - 1; i++) {
                rows[i] = new double[n - 1 - i];
            }
            // Blocks of TILE rows, each streaming the later points once.
            parallel.forEach((n - 1 + TILE - 1) / TILE, block -> {
                int first = block * TILE;
                int end = Math.min(first + TILE, n - 1);
                for (int j = first + 1; j < n; j++) {
                    for (int i = first; i < end && i < j; i++) {
                        rows[i][j - i - 1] = JavaAgglomerative.distance(x, i, j, dim, cosine);
                    }
                }
            });
            this.size = new double[n];
            java.util.Arrays.fill(size, 1.0);
            this.linkage = linkage;
        }

        private double get(int i, int j) {
            return i < j ? rows[i][j - i - 1] : rows[j][i - j - 1];
        }

        private void set(int i, int j, double v) {
            if (i < j) {
                rows[i][j - i - 1] = v;
            } else {
                rows[j][i - j - 1] = v;
            }
        }

        @Override
        public double distance(int x, int i) {
            return get(x, i);
        }

        @Override
        public int cost() {
            return 1;
        }

        @Override
        public void merge(int x, int y, double height, int[] active, int activeCount) {
            double nx = size[x];
            double ny = size[y];
            for (int q = 0; q < activeCount; q++) {
                int i = active[q];
                if (i == x || i == y) {
                    continue;
                }
                double dx = get(i, x);
                double dy = get(i, y);
                double v;
                if (linkage == Linkage.AVERAGE) {
                    v = (nx * dx + ny * dy) / (nx + ny);
                } else if (linkage == Linkage.WARD) {
                    double ni = size[i];
                    double t = 1.0 / (nx + ny + ni);
                    v = Math.sqrt((ni + nx) * t * dx * dx + (ni + ny) * t * dy * dy - ni * t * height * height);
                } else {
                    v = dx > dy ? dx : dy;
                }
                set(i, y, v);
            }
            size[y] = nx + ny;
            size[x] = 0.0;
        }
    }
}
