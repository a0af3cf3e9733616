package dev.ferrite.silhouette;

import dev.ferrite.Backend;
import dev.ferrite.dbscan.Metric;
import dev.ferrite.internal.Points;
import java.util.Arrays;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.stream.IntStream;

/**
 * Silhouette values in pure Java: the fallback when the native library is not available, with the method of the
 * native backend (native-rust/src/silhouette.rs): the same bits where both compute distances directly (Euclidean up
 * to {@link #DIRECT_MAX_DIM} dimensions, cosine up to 3), within about {@code 1e-9} above.
 *
 * <h2>Method</h2>
 * The scored points are sorted by cluster (then index) into blocks of {@link #TILE} points, stored transposed
 * ({@code blocks[b][k][c]}: coordinate {@code k} of point {@code b * TILE + c}) so that the inner loops read separate
 * arrays at the same index, which HotSpot's C2 compiles to vector instructions. For every pair of blocks
 * {@code (I, J)}, {@code I <= J}, a tile of distances is computed once and added into {@code sums[i][c]} (the sum of
 * the distances from point {@code i} to the points of cluster {@code c}): rows of {@code I} get the row sums over each
 * run of one cluster in {@code J}, rows of {@code J} the column sums over each run in {@code I}.
 * <ul>
 *   <li>Euclidean up to {@link #DIRECT_MAX_DIM} dimensions: {@code sqrt(sum_k (x_i[k] - x_j[k])^2)}, in {@code k}
 *       order.</li>
 *   <li>Euclidean above: on centred rows scaled by a power of two, {@code d2 = n_i + n_j - 2 y_i . y_j}; where
 *       {@code d2 <= (d + 8) 2^-23 (n_i + n_j)} (its relative error could exceed {@code 2^-30}) the pair is recomputed
 *       from the input rows with the direct formula.</li>
 *   <li>Cosine: {@code 1 - u_i . u_j} on the unit vectors (each row scaled by its largest magnitude, then normalised),
 *       clamped to {@code [0, 2]}.</li>
 * </ul>
 * The tiles run in rounds in which no two tiles touch the same block (the diagonal tiles, then a round-robin
 * schedule of the block pairs), the tiles of a round in parallel on the common {@link java.util.concurrent.ForkJoinPool}
 * (or on the calling thread alone with {@code threads == 1}), so every sum gets its terms in one fixed order and the
 * values do not depend on the number of threads.
 *
 * <h2>Memory</h2>
 * The scored points transposed in double precision ({@code 8 d} bytes per point), the sums ({@code 8 k} bytes per
 * point for {@code k} clusters), a few {@code int}s per point, and a tile of 256 x 256 doubles (512 KiB) per working
 * thread.
 *
 * <p>Obtain it from {@link dev.ferrite.Clustering#silhouette(Backend)} or {@link #instance()}. Stateless and
 * thread-safe.
 */
final class JavaSilhouette extends AbstractSilhouette {
    /** Points per block (tile side), as in the native backend. */
    static final int TILE = 256;
    /** Largest Euclidean dimension computed directly (above it, through products). */
    static final int DIRECT_MAX_DIM = 16;
    /** Coordinates per cache chunk of the products. */
    private static final int KC = 4;
    /** The largest array length the JVM reliably allows. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private static final JavaSilhouette INSTANCE = new JavaSilhouette();

    private JavaSilhouette() {}

    /**
     * The pure-Java implementation; always available.
     *
     * @return the shared instance
     */
    static JavaSilhouette instance() {
        return INSTANCE;
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }

    @Override
    SilhouetteResult compute(Points points, int[] labels, Metric metric, int threads) {
        return new Run(points, labels, metric).compute(threads);
    }

    /** The tiles of each round: the diagonal first, then the circle method (a dummy block when the count is odd). */
    static int[][][] rounds(int blocks) {
        int teams = blocks + (blocks & 1);
        int last = teams - 1;
        int[][][] all = new int[blocks < 2 ? 1 : 1 + last][][];
        all[0] = new int[blocks][];
        for (int b = 0; b < blocks; b++) {
            all[0][b] = new int[] {b, b};
        }
        if (blocks < 2) {
            return all;
        }
        for (int r = 0; r < last; r++) {
            int[][] round = new int[teams / 2][];
            int count = 0;
            for (int i = 0; i < teams / 2; i++) {
                int a = i == 0 ? r : (r + i) % last;
                int b = i == 0 ? last : (r + last - i) % last;
                if (a < blocks && b < blocks) {
                    round[count++] = new int[] {Math.min(a, b), Math.max(a, b)};
                }
            }
            all[1 + r] = Arrays.copyOf(round, count);
        }
        return all;
    }

    /** Deterministic sum of {@code a[from .. to-1]}: four interleaved partial sums, then the tail. */
    static double sum(double[] a, int from, int to) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = from;
        for (; i + 3 < to; i += 4) {
            s0 += a[i];
            s1 += a[i + 1];
            s2 += a[i + 2];
            s3 += a[i + 3];
        }
        double s = (s0 + s1) + (s2 + s3);
        for (; i < to; i++) {
            s += a[i];
        }
        return s;
    }

    /** Scratch of one tile. */
    private static final class Work {
        final double[][] dist = new double[TILE][TILE];
        final double[] acc = new double[TILE];
        final double[] row;
        final double[] rowB;

        Work(int dim) {
            row = new double[dim];
            rowB = new double[dim];
        }
    }

    private static final class Run {
        private final Points points;
        private final Metric metric;
        private final int d;
        private final int m;
        private final int k;
        private final int[] sizes;
        private final int[] perm;
        private final int[] cl;
        private final int blocks;
        /** blocks[b][k][c]: coordinate k of sorted point b * TILE + c (prepared as the method needs). */
        private final double[][][] t;
        /** Squared norms of the centred, scaled rows (Euclidean through products). */
        private final double[] norms;
        private final boolean direct;
        private final double invScale;
        private final double threshold;
        private final ConcurrentLinkedQueue<Work> spare = new ConcurrentLinkedQueue<>();

        Run(Points points, int[] labels, Metric metric) {
            this.points = points;
            this.metric = metric;
            this.d = points.dim;
            int scored = 0;
            for (int label : labels) {
                if (label >= 0) {
                    scored++;
                }
            }
            int[] distinct = distinct(labels, scored);
            this.m = scored;
            this.k = distinct.length;
            this.sizes = new int[k];
            int[] of = new int[labels.length];
            for (int i = 0; i < labels.length; i++) {
                of[i] = labels[i] >= 0 ? Arrays.binarySearch(distinct, labels[i]) : -1;
                if (of[i] >= 0) {
                    sizes[of[i]]++;
                }
            }
            int[] next = new int[k];
            for (int c = 1; c < k; c++) {
                next[c] = next[c - 1] + sizes[c - 1];
            }
            perm = new int[m];
            cl = new int[m];
            for (int i = 0; i < labels.length; i++) {
                int c = of[i];
                if (c >= 0) {
                    perm[next[c]] = i;
                    cl[next[c]] = c;
                    next[c]++;
                }
            }
            blocks = (m + TILE - 1) / TILE;
            direct = metric == Metric.EUCLIDEAN && d <= DIRECT_MAX_DIM;
            t = new double[blocks][][];
            for (int b = 0; b < blocks; b++) {
                t[b] = new double[d][Math.min(TILE, m - b * TILE)]; // the last block only as wide as its points
            }
            double[] row = new double[d];
            for (int p = 0; p < m; p++) {
                points.copyRow(perm[p], row);
                if (metric == Metric.COSINE) {
                    unit(row);
                }
                double[][] blk = t[p / TILE];
                int c = p % TILE;
                for (int q = 0; q < d; q++) {
                    blk[q][c] = row[q];
                }
            }
            double inv = 1;
            double[] nrm = null;
            if (metric == Metric.EUCLIDEAN && !direct) {
                double[] mean = new double[d];
                for (int p = 0; p < m; p++) {
                    double[][] blk = t[p / TILE];
                    int c = p % TILE;
                    for (int q = 0; q < d; q++) {
                        mean[q] += blk[q][c];
                    }
                }
                double largest = 0;
                for (int q = 0; q < d; q++) {
                    mean[q] /= m;
                }
                for (int p = 0; p < m; p++) {
                    double[][] blk = t[p / TILE];
                    int c = p % TILE;
                    for (int q = 0; q < d; q++) {
                        blk[q][c] -= mean[q];
                        largest = Math.max(largest, Math.abs(blk[q][c]));
                    }
                }
                double scale = 1;
                if (largest > 0) {
                    while (largest * scale > 1) {
                        scale *= 0.5;
                    }
                    while (largest * scale <= 0.5 && scale < 0x1p1000) {
                        scale *= 2;
                    }
                }
                nrm = new double[m];
                for (int p = 0; p < m; p++) {
                    double[][] blk = t[p / TILE];
                    int c = p % TILE;
                    double s = 0;
                    for (int q = 0; q < d; q++) {
                        double v = blk[q][c] * scale;
                        blk[q][c] = v;
                        s += v * v;
                    }
                    nrm[p] = s;
                }
                inv = 1 / scale;
            }
            norms = nrm;
            invScale = inv;
            threshold = (d + 8.0) * 0x1p-23;
        }

        /** The canonical unit vector of a row, in place: scaled by its largest magnitude, then normalised. */
        private static void unit(double[] row) {
            double max = 0;
            for (double v : row) {
                max = Math.max(max, Math.abs(v));
            }
            double q = 0;
            for (double v : row) {
                double s = v / max;
                q += s * s;
            }
            double r = Math.sqrt(q);
            for (int i = 0; i < row.length; i++) {
                row[i] = (row[i] / max) / r;
            }
        }

        private int blockLength(int b) {
            return Math.min(TILE, m - b * TILE);
        }

        SilhouetteResult compute(int threads) {
            if ((long) TILE * k > MAX_ARRAY) {
                throw new OutOfMemoryError("silhouette: " + k + " clusters need sums of more than 2^31 doubles per "
                        + "block of " + TILE + " points");
            }
            double[][] sums = new double[blocks][];
            for (int b = 0; b < blocks; b++) {
                sums[b] = new double[blockLength(b) * k];
            }
            for (int[][] round : rounds(blocks)) {
                if (threads == 1 || round.length == 1) {
                    for (int[] tile : round) {
                        tile(tile[0], tile[1], sums);
                    }
                } else {
                    IntStream.range(0, round.length).parallel().forEach(i -> tile(round[i][0], round[i][1], sums));
                }
            }
            double[] values = new double[points.n];
            Arrays.fill(values, Double.NaN);
            for (int p = 0; p < m; p++) {
                double[] s = sums[p / TILE];
                values[perm[p]] = value(s, (p % TILE) * k, cl[p]);
            }
            double total = 0;
            for (double v : values) {
                if (!Double.isNaN(v)) {
                    total += v;
                }
            }
            return new SilhouetteResult(total / m, values, m);
        }

        private double value(double[] s, int at, int own) {
            if (sizes[own] == 1) {
                return 0;
            }
            double a = s[at + own] / (sizes[own] - 1);
            double b = Double.POSITIVE_INFINITY;
            for (int c = 0; c < k; c++) {
                if (c != own) {
                    b = Math.min(b, s[at + c] / sizes[c]);
                }
            }
            double top = Math.max(a, b);
            return top > 0 ? (b - a) / top : 0;
        }

        private void tile(int bi, int bj, double[][] sums) {
            Work w = spare.poll();
            if (w == null) {
                w = new Work(d);
            }
            int rows = blockLength(bi);
            int cols = blockLength(bj);
            distances(bi, rows, bj, cols, w);
            double[][] dist = w.dist;
            if (bi == bj) {
                for (int r = 0; r < rows; r++) {
                    dist[r][r] = 0;
                }
            }
            int i0 = bi * TILE;
            int j0 = bj * TILE;
            double[] si = sums[bi];
            for (int r = 0; r < rows; r++) {
                double[] row = dist[r];
                int at = r * k;
                for (int a = 0; a < cols; ) {
                    int c = cl[j0 + a];
                    int b = a + 1;
                    while (b < cols && cl[j0 + b] == c) {
                        b++;
                    }
                    si[at + c] += sum(row, a, b);
                    a = b;
                }
            }
            if (bi != bj) {
                double[] sj = sums[bj];
                double[] acc = w.acc;
                for (int a = 0; a < rows; ) {
                    int c = cl[i0 + a];
                    int b = a + 1;
                    while (b < rows && cl[i0 + b] == c) {
                        b++;
                    }
                    Arrays.fill(acc, 0, cols, 0);
                    for (int r = a; r < b; r++) {
                        double[] row = dist[r];
                        for (int j = 0; j < cols; j++) {
                            acc[j] += row[j];
                        }
                    }
                    for (int j = 0; j < cols; j++) {
                        sj[j * k + c] += acc[j];
                    }
                    a = b;
                }
            }
            spare.add(w);
        }

        /** The tile of distances between blocks {@code bi} and {@code bj} into {@code w.dist}. */
        private void distances(int bi, int rows, int bj, int cols, Work w) {
            double[][] a = t[bi];
            double[][] b = t[bj];
            double[][] dist = w.dist;
            double[] xi = w.row;
            if (direct) {
                for (int r = 0; r < rows; r++) {
                    double[] out = dist[r];
                    Arrays.fill(out, 0, cols, 0);
                    for (int q = 0; q < d; q++) {
                        double v = a[q][r];
                        double[] bq = b[q];
                        for (int c = 0; c < cols; c++) {
                            double s = v - bq[c];
                            out[c] += s * s;
                        }
                    }
                    for (int c = 0; c < cols; c++) {
                        out[c] = Math.sqrt(out[c]);
                    }
                }
                return;
            }
            for (int r = 0; r < rows; r++) {
                Arrays.fill(dist[r], 0, cols, 0);
            }
            for (int q0 = 0; q0 < d; q0 += KC) {
                int q1 = Math.min(d, q0 + KC);
                for (int r = 0; r < rows; r++) {
                    dot(a, b, r, q0, q1, cols, dist[r]);
                }
            }
            if (metric == Metric.COSINE) {
                for (int r = 0; r < rows; r++) {
                    double[] out = dist[r];
                    for (int c = 0; c < cols; c++) {
                        out[c] = Math.min(2, Math.max(0, 1 - out[c]));
                    }
                }
                return;
            }
            int i0 = bi * TILE;
            int j0 = bj * TILE;
            for (int r = 0; r < rows; r++) {
                double[] out = dist[r];
                double ni = norms[i0 + r];
                boolean recheck = false;
                for (int c = 0; c < cols; c++) {
                    double tt = ni + norms[j0 + c];
                    double d2 = tt - 2 * out[c];
                    recheck |= d2 <= threshold * tt;
                    out[c] = d2;
                }
                if (recheck) {
                    points.copyRow(perm[i0 + r], xi);
                    for (int c = 0; c < cols; c++) {
                        double d2 = out[c];
                        if (d2 <= threshold * (ni + norms[j0 + c])) {
                            points.copyRow(perm[j0 + c], w.rowB);
                            double s = 0;
                            for (int q = 0; q < d; q++) {
                                double e = xi[q] - w.rowB[q];
                                s += e * e;
                            }
                            out[c] = Math.sqrt(s);
                        } else {
                            out[c] = Math.sqrt(d2) * invScale;
                        }
                    }
                } else {
                    for (int c = 0; c < cols; c++) {
                        out[c] = Math.sqrt(Math.max(0, out[c])) * invScale;
                    }
                }
            }
        }

        /** {@code acc[c] += sum_{q0 <= q < q1} a[q][r] * b[q][c]} for {@code c < cols}, four coordinates a step. */
        private static void dot(double[][] a, double[][] b, int r, int q0, int q1, int cols, double[] acc) {
            int q = q0;
            for (; q + 3 < q1; q += 4) {
                double[] b0 = b[q];
                double[] b1 = b[q + 1];
                double[] b2 = b[q + 2];
                double[] b3 = b[q + 3];
                double a0 = a[q][r];
                double a1 = a[q + 1][r];
                double a2 = a[q + 2][r];
                double a3 = a[q + 3][r];
                for (int c = 0; c < cols; c++) {
                    acc[c] += (a0 * b0[c] + a1 * b1[c]) + (a2 * b2[c] + a3 * b3[c]);
                }
            }
            for (; q < q1; q++) {
                double[] b0 = b[q];
                double a0 = a[q][r];
                for (int c = 0; c < cols; c++) {
                    acc[c] += a0 * b0[c];
                }
            }
        }
    }
}
