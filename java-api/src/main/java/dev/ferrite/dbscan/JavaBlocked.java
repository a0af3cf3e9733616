package dev.ferrite.dbscan;

import dev.ferrite.internal.JavaParallel;
import dev.ferrite.internal.Points;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The BLOCKED method (native-rust/src/dbscan/SPEC.md, "BLOCKED"), used for {@code d >= 4} and wherever the grid
 * does not apply.
 * Every pair {@code i < j} gets an approximate value from single-precision dot products computed tile by tile
 * (never the {@code n x n} matrix); the value decides the pair only when a proven error bound puts it clearly on one
 * side of the threshold, and otherwise the canonical double-precision predicate decides.
 *
 * <h2>Layout and kernel</h2>
 * The converted rows {@code y} (single precision) are stored column-block-major: {@code yb[J][k][c]} is coordinate
 * {@code k} of point {@code J * CB + c}, so a tile's column data for one coordinate is one contiguous array. A tile is
 * {@link #RB} rows by {@link #CB} columns; for each row, {@code acc[c] += y_i[k] * yb[J][k][c]} over four coordinates
 * at a time: plain Java that HotSpot's C2 compiles to vector instructions (the inner loop reads separate arrays at
 * the same index, which C2 vectorises; one array at several offsets it does not). Coordinates go in chunks of
 * {@link #KC} so a chunk of the tile's columns stays in the L1 cache for all its rows.
 *
 * <h2>Passes</h2>
 * Pass 1 counts neighbours (per-tile counts merged into an atomic array) and keeps the neighbour pairs while their
 * total stays within {@code 64 n}; the unions and border minima then come from those pairs. Beyond that budget the
 * pairs are dropped and pass 2 recomputes the tiles, doing the unions (concurrent union-find) and border minima
 * (atomic minimum) on the fly. Extra memory: {@code y} ({@code 4 d} bytes per point), O(n) per-point arrays, the pair
 * buffers and a tile per work item. The pair buffers hold at most {@code 64 n} pairs of 8 bytes plus fewer than 4096
 * per work item (the pairs not yet added to the shared total); each grows by doubling, so their capacity is up to
 * twice that ({@code 128 n} pairs, 1 KiB per point), and briefly up to three times while a buffer is copied to a
 * larger one.
 */
final class JavaBlocked {
    /** Rows per tile. */
    static final int RB = 64;
    /** Columns per tile (and per column block of the layout). */
    static final int CB = 1024;
    /** Coordinates per cache chunk (measured on Zen 4, JDK 25: 1024 x 4 beat 512 x 8..16 and 2048 x 4..8). */
    static final int KC = 4;
    /** Neighbour pairs kept per point before pass 2 is needed instead. */
    static final long PAIR_BUDGET_PER_POINT = 64;
    /** The largest array length the JVM reliably allows. */
    private static final int MAX_ARRAY = Integer.MAX_VALUE - 8;

    private final Points points;
    private final int n;
    private final int d;
    private final boolean cosine;
    private final double eps;
    private final double eps2;
    private final int minPts;
    /** yb[J][k][c]: coordinate k of point J * CB + c (the last block only as wide as the points left). */
    private final float[][][] yb;
    /**
     * Rows whose coordinates a tile loads at once: {@link #RB} (or {@code n} if smaller), fewer only when that many
     * rows of {@code d} coordinates would not fit in one array ({@code d > 2^25}).
     */
    private final int loadRows;

    // Cosine: m_i, r_i of the canonical unit vectors (u = (x / m) / r), and the float thresholds.
    private final double[] rowMax;
    private final double[] rowNorm;
    /** c' >= hiF: neighbours. */
    private final float hiF;
    /** c' < loF: not neighbours. */
    private final float loF;

    // Euclidean: n_i (f64), the scaled threshold e2 and the margin's coefficients, the float prefilter terms.
    private final double[] sq;
    private final double e2;
    private final double marginK;
    private final double marginC;
    /** Prefilter: a pair can be a neighbour only if fl(w[j] - c') <= t[i]. */
    private final float[] w;
    private final float[] t;
    private final boolean prefilter;

    /**
     * Converts the points to the single-precision layout, phase by phase: the layout itself, then for cosine the
     * unit vectors and the float thresholds, for Euclidean distance the centring and scaling, the converted rows, the
     * margins and the float prefilter.
     */
    private JavaBlocked(Points points, DbscanParams params) {
        this.points = points;
        this.n = points.n;
        this.d = points.dim;
        this.cosine = params.metric() == Metric.COSINE;
        this.eps = params.eps();
        this.eps2 = eps * eps;
        this.minPts = params.minPts();
        this.loadRows = loadRows(n, d);
        this.yb = columnBlocks(n, d);
        if (cosine) {
            rowMax = new double[n];
            rowNorm = new double[n];
            unitRows(points, yb, rowMax, rowNorm);
            double margin = cosineMargin(d);
            double thr = 1.0 - eps;
            // Float thresholds rounded outwards: the ambiguous band only widens, so the decisions stay safe.
            hiF = floatAtLeast(thr + margin);
            loF = floatAtMost(thr - margin);
            sq = null;
            e2 = 0;
            marginK = 0;
            marginC = 0;
            w = null;
            t = null;
            prefilter = false;
        } else {
            rowMax = null;
            rowNorm = null;
            hiF = 0;
            loF = 0;
            double[] mu = mean(points);
            double p = scale(points, mu);
            sq = new double[n];
            centredRows(points, mu, p, yb, sq);
            e2 = eps2 * p * p;
            marginK = relativeMargin(d);
            marginC = absoluteMargin(d, p);
            // Off when 4K >= 1/2 (d > 2^18), see prefilterTerms.
            prefilter = 4 * marginK < 0.5;
            w = new float[n];
            t = new float[n];
            if (prefilter) {
                prefilterTerms(sq, e2, marginK, marginC, w, t);
            }
        }
    }

    /** {@link #loadRows} for {@code n} points of {@code d} coordinates. */
    private static int loadRows(int n, int d) {
        long fit = MAX_ARRAY / Math.max(1, d);
        return (int) Math.max(1, Math.min(Math.min(RB, n), fit));
    }

    /** The layout {@link #yb}, zero-filled: blocks of {@link #CB} points (the last narrower), a row per coordinate. */
    private static float[][][] columnBlocks(int n, int d) {
        int blocks = (n + CB - 1) / CB;
        float[][][] yb = new float[blocks][][];
        for (int jb = 0; jb < blocks; jb++) {
            yb[jb] = new float[d][Math.min(CB, n - jb * CB)];
        }
        return yb;
    }

    /**
     * Cosine: each point's {@code m_i} (largest magnitude) and {@code r_i} (norm after dividing by it) into
     * {@code rowMax} and {@code rowNorm}, and its unit vector {@code (x / m) / r} in single precision into {@code yb}.
     */
    private static void unitRows(Points points, float[][][] yb, double[] rowMax, double[] rowNorm) {
        int d = points.dim;
        double[] row = new double[d];
        for (int i = 0; i < points.n; i++) {
            points.copyRow(i, row);
            double m = Canonical.maxAbs(row);
            double r = Canonical.scaleAndNorm(row, m);
            rowMax[i] = m;
            rowNorm[i] = r;
            float[][] block = yb[i / CB];
            int c = i % CB;
            for (int k = 0; k < d; k++) {
                block[k][c] = (float) (row[k] / r);
            }
        }
    }

    /**
     * Cosine: the margin M = (d + 16) 2^-22 with {@code |c' - c| <= M}, c the canonical f64 value (spec): the f32
     * rounding of u (relative 2^-24 per coordinate, |u| = 1) moves the dot by at most about 2^-23, the f32 sum in any
     * order by at most about d 2^-24 (sum |u_i[k] u_j[k]| <= 1), the canonical f64 sum by d 2^-53: (d + 2) 2^-24 in
     * all, and M is four times that. Then {@code c' >= (1 - eps) + M} implies {@code c >= 1 - eps}, far enough
     * (>= 2^-20) from the threshold for the rounding of 1.0 - c to keep {@code 1.0 - c <= eps}; symmetrically for
     * {@code < (1 - eps) - M}.
     */
    private static double cosineMargin(int d) {
        return (d + 16.0) * 0x1p-22;
    }

    /** The smallest float at least {@code x}. */
    private static float floatAtLeast(double x) {
        float f = (float) x;
        return f < x ? Math.nextUp(f) : f;
    }

    /** The largest float at most {@code x}. */
    private static float floatAtMost(double x) {
        float f = (float) x;
        return f > x ? Math.nextDown(f) : f;
    }

    /**
     * Euclidean: the centre {@code mu}, the mean in f64, summed in index order so that it is the same for any thread
     * count.
     */
    private static double[] mean(Points points) {
        int n = points.n;
        int d = points.dim;
        double[] row = new double[d];
        double[] mu = new double[d];
        for (int i = 0; i < n; i++) {
            points.copyRow(i, row);
            for (int k = 0; k < d; k++) {
                mu[k] += row[k];
            }
        }
        for (int k = 0; k < d; k++) {
            mu[k] /= n;
        }
        return mu;
    }

    /**
     * Euclidean: the scale p, a power of two with {@code max |x - mu| p <= 1} (1 when every point is {@code mu}).
     * Scaling by it is exact in f64 barring underflow, so only the f32 rounding of y matters.
     */
    private static double scale(Points points, double[] mu) {
        int d = points.dim;
        double[] row = new double[d];
        double dev = 0;
        for (int i = 0; i < points.n; i++) {
            points.copyRow(i, row);
            for (int k = 0; k < d; k++) {
                dev = Math.max(dev, Math.abs(row[k] - mu[k]));
            }
        }
        return dev == 0 ? 1.0 : Math.scalb(1.0, -Math.getExponent(dev) - 1);
    }

    /**
     * Euclidean: each point's {@code y_i = (x_i - mu) p} in single precision into {@code yb}, and
     * {@code n_i = |y_i|^2} (f64, of the single-precision values) into {@code sq}.
     */
    private static void centredRows(Points points, double[] mu, double p, float[][][] yb, double[] sq) {
        int d = points.dim;
        double[] row = new double[d];
        for (int i = 0; i < points.n; i++) {
            points.copyRow(i, row);
            float[][] block = yb[i / CB];
            int c = i % CB;
            double s = 0.0;
            for (int k = 0; k < d; k++) {
                float y = (float) ((row[k] - mu[k]) * p);
                block[k][c] = y;
                s += (double) y * y;
            }
            sq[i] = s;
        }
    }

    /**
     * The relative coefficient K of the spec's margin {@code M_ij = K (n_i + n_j) + C}, {@code K = (d + 16) 2^-21},
     * which bounds {@code |s' - p^2 s|}, s the canonical f64 value: f32 rounding of y (relative 2^-24) changes
     * {@code |y_i - y_j|^2} by at most about {@code 2^-22 (n_i + n_j)}; the f32 dot in any order errs by at most
     * {@code d 2^-24 (n_i + n_j) / 2}; the f64 terms and the canonical sum by far less. About
     * {@code (d + 8) 2^-24 (n_i + n_j)} in all, against the margin's {@code (8 d + 128) 2^-24 (n_i + n_j)}.
     */
    private static double relativeMargin(int d) {
        return (d + 16.0) * 0x1p-21;
    }

    /**
     * The additive term C of the margin: the spec's {@code d 1e-30} covers f32 underflow (2^-150 per coordinate).
     * One term beyond the spec's margin (the native backend has the same): below about 1e-154 the squares of the
     * canonical sum, and eps * eps itself, underflow to subnormals with an absolute error of up to 2^-1075 each, which
     * the relative terms do not cover; {@code (d + 1) 2^-1070} (32 times that) scaled by p^2 does. Far below
     * {@code d 1e-30} unless the points are within about 1e-150 of each other (then p is huge and most pairs get the
     * canonical recheck, which is the only exact answer there).
     */
    private static double absoluteMargin(int d, double p) {
        return d * 1e-30 + (d + 1) * (0x1p-1070 * p * p);
    }

    /**
     * The float prefilter's terms {@code w} and {@code t}, which reject most pairs with a single f32 compare: it tests
     * the same inequality as the f64 "not a neighbour" test with a four times larger margin,
     * {@code (1 - 4K) t - 2 c' <= e2 + 4 C} halved. The extra {@code 3 (K t + C)} exceeds the f32 rounding of w, t
     * and the subtraction (below {@code 3 2^-24 (n_i + n_j)} plus {@code 2^-24 e2 / 2}, and when
     * {@code e2 > 300 (n_i + n_j)} every pair passes anyway), so a pair the f64 test would not reject always passes.
     * Needs {@code 4K < 1/2}.
     */
    private static void prefilterTerms(double[] sq, double e2, double marginK, double marginC, float[] w, float[] t) {
        double f = 1 - 4 * marginK;
        for (int i = 0; i < sq.length; i++) {
            w[i] = (float) (f * sq[i] / 2);
            t[i] = (float) ((e2 + 4 * marginC - f * sq[i]) / 2);
        }
    }

    /** Clusters with the blocked method. */
    static DbscanResult run(Points points, DbscanParams params) {
        JavaBlocked b = new JavaBlocked(points, params);
        try (JavaParallel par = new JavaParallel(params.threads())) {
            return b.cluster(par);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Canonical predicate (the recheck), on the original coordinates.

    /** Per-thread scratch for canonical rechecks: row i's canonical vector is cached while i stays the same. */
    private final class Recheck {
        final double[] a = new double[d];
        final double[] b = new double[d];
        int cached = -1;

        /** nb(i, j), i != j, exactly as the spec writes it. */
        boolean nb(int i, int j) {
            if (cached != i) {
                points.copyRow(i, a);
                if (cosine) {
                    double m = rowMax[i];
                    double r = rowNorm[i];
                    for (int k = 0; k < d; k++) {
                        a[k] = (a[k] / m) / r;
                    }
                }
                cached = i;
            }
            points.copyRow(j, b);
            if (cosine) {
                double m = rowMax[j];
                double r = rowNorm[j];
                double c = 0.0;
                for (int k = 0; k < d; k++) {
                    c += a[k] * ((b[k] / m) / r);
                }
                return 1.0 - c <= eps;
            }
            double s = 0.0;
            for (int k = 0; k < d; k++) {
                double diff = a[k] - b[k];
                s += diff * diff;
            }
            return s <= eps2;
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Tiles.

    /** Receives the neighbour pairs of the tiles: pass 1 counts and keeps them, pass 2 joins components. */
    private interface PairSink {
        /** Whether the pair (i, j), i < j, is worth deciding at all (a recheck can be expensive). */
        boolean wants(int i, int j);

        void neighbours(int i, int j);

        /** Called after the tile with columns {@code j0 ..} (one column block) has been scanned. */
        default void tileDone(int j0) {}
    }

    /** Per-thread tile state. */
    private final class Tiles {
        final float[][] acc = new float[RB][CB];
        /** {@link #loadRows} rows of {@code d} coordinates: sized so that {@code g * d + k} stays within int. */
        final float[] rows = new float[Math.toIntExact((long) loadRows * d)];
        final Recheck recheck = new Recheck();

        /**
         * Computes every tile of row block {@code rb} against column blocks {@code rb * RB / CB ..} and hands the
         * neighbour pairs (i < j) to {@code sink}; {@code skip} may veto a whole tile (rows i0..i1-1, column block J).
         * The rows go in groups of {@link #loadRows} (one group of the whole row block unless {@code d > 2^25}).
         */
        void rowBlock(int rb, PairSink sink, TileFilter skip) {
            int b0 = rb * RB;
            int b1 = Math.min(n, b0 + RB);
            for (int i0 = b0; i0 < b1; i0 += loadRows) {
                rowGroup(i0, Math.min(b1, i0 + loadRows), sink, skip);
            }
        }

        /** {@link #rowBlock} for rows {@code i0 .. i1-1} of one row block, at most {@link #loadRows} of them. */
        private void rowGroup(int i0, int i1, PairSink sink, TileFilter skip) {
            int rowsHere = i1 - i0;
            for (int g = 0; g < rowsHere; g++) {
                int i = i0 + g;
                float[][] block = yb[i / CB];
                int c = i % CB;
                for (int k = 0; k < d; k++) {
                    rows[g * d + k] = block[k][c];
                }
            }
            int blocks = yb.length;
            for (int jb = i0 / CB; jb < blocks; jb++) {
                int j0 = jb * CB;
                // Columns j >= i0 only: the first column block starts at i0's own column.
                int from = Math.max(0, i0 - j0);
                int cols = Math.min(CB, n - j0);
                if (skip != null && skip.skip(i0, i1, j0 + from, j0 + cols)) {
                    continue;
                }
                float[][] b = yb[jb];
                for (int g = 0; g < rowsHere; g++) {
                    Arrays.fill(acc[g], from, cols, 0f);
                }
                for (int k0 = 0; k0 < d; k0 += KC) {
                    int k1 = Math.min(d, k0 + KC);
                    for (int g = 0; g < rowsHere; g++) {
                        dot(b, k0, k1, from, cols, rows, g * d, acc[g]);
                    }
                }
                for (int g = 0; g < rowsHere; g++) {
                    int i = i0 + g;
                    int cStart = Math.max(from, i + 1 - j0);
                    if (cosine) {
                        scanCosine(i, j0, cStart, cols, acc[g], sink);
                    } else {
                        scanEuclidean(i, j0, cStart, cols, acc[g], sink);
                    }
                }
                sink.tileDone(j0);
            }
        }

        private void scanCosine(int i, int j0, int cStart, int cols, float[] a, PairSink sink) {
            float lo = loF;
            for (int c = cStart; c < cols; c++) {
                float v = a[c];
                if (v >= lo) {
                    int j = j0 + c;
                    if (sink.wants(i, j) && (v >= hiF || recheck.nb(i, j))) {
                        sink.neighbours(i, j);
                    }
                }
            }
        }

        private void scanEuclidean(int i, int j0, int cStart, int cols, float[] a, PairSink sink) {
            float ti = prefilter ? t[i] : Float.POSITIVE_INFINITY;
            float[] wj = w;
            double ni = sq[i];
            for (int c = cStart; c < cols; c++) {
                float v = a[c];
                if (wj[j0 + c] - v <= ti) {
                    int j = j0 + c;
                    if (!sink.wants(i, j)) {
                        continue;
                    }
                    double tt = ni + sq[j];
                    double s = tt - 2.0 * v;
                    double m = marginK * tt + marginC;
                    boolean yes;
                    if (s <= e2 - m) {
                        yes = true;
                    } else if (s > e2 + m) {
                        yes = false;
                    } else {
                        yes = recheck.nb(i, j);
                    }
                    if (yes) {
                        sink.neighbours(i, j);
                    }
                }
            }
        }
    }

    /** Vetoes tiles that cannot matter (pass 2). */
    @FunctionalInterface
    private interface TileFilter {
        boolean skip(int i0, int i1, int j0, int j1);
    }

    /**
     * acc[c] += sum_{k0 <= k < k1} rows[off + k] * b[k][c] for from <= c < cols, in f32, four coordinates per step.
     * Any order of the f32 sum is covered by the margins.
     */
    private static void dot(float[][] b, int k0, int k1, int from, int cols, float[] rows, int off, float[] acc) {
        int k = k0;
        for (; k + 3 < k1; k += 4) {
            float[] b0 = b[k];
            float[] b1 = b[k + 1];
            float[] b2 = b[k + 2];
            float[] b3 = b[k + 3];
            float a0 = rows[off + k];
            float a1 = rows[off + k + 1];
            float a2 = rows[off + k + 2];
            float a3 = rows[off + k + 3];
            for (int c = from; c < cols; c++) {
                acc[c] += (a0 * b0[c] + a1 * b1[c]) + (a2 * b2[c] + a3 * b3[c]);
            }
        }
        for (; k < k1; k++) {
            float[] b0 = b[k];
            float a0 = rows[off + k];
            for (int c = from; c < cols; c++) {
                acc[c] += a0 * b0[c];
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // DBSCAN.

    private DbscanResult cluster(JavaParallel par) {
        int rowBlocks = (n + RB - 1) / RB;
        // Work items: row blocks rb = t, t + T, t + 2T, ... (interleaved, so items cost about the same although
        // later row blocks have fewer columns); one tile buffer per item.
        int items = Math.min(rowBlocks, 8 * par.parallelism());
        AtomicIntegerArray counts = new AtomicIntegerArray(n);
        long budget = PAIR_BUDGET_PER_POINT * n;
        AtomicLong total = new AtomicLong();
        List<Pass1> kept = new ArrayList<>();

        // Pass 1: neighbour counts, and the pairs while they fit the budget. Whether the budget holds depends only
        // on the total number of pairs (a buffer is given up only once the shared total is already over budget).
        par.forEach(items, t -> {
            Tiles tiles = new Tiles();
            Pass1 sink = new Pass1(counts, total, budget);
            for (int rb = t; rb < rowBlocks; rb += items) {
                sink.i0 = rb * RB;
                tiles.rowBlock(rb, sink, null);
                sink.flushRows();
            }
            if (sink.finish()) {
                synchronized (kept) {
                    kept.add(sink);
                }
            }
        });
        boolean[] core = new boolean[n];
        for (int i = 0; i < n; i++) {
            core[i] = counts.get(i) + 1 >= minPts;
        }
        UnionFind uf = new UnionFind(n);
        AtomicIntegerArray border = new AtomicIntegerArray(n);
        for (int i = 0; i < n; i++) {
            border.setPlain(i, Integer.MAX_VALUE);
        }
        if (total.get() <= budget) {
            for (Pass1 p : kept) {
                for (int q = 0; q < p.size; q++) {
                    long pair = p.pairs[q];
                    join((int) (pair >>> 32), (int) pair, core, uf, border);
                }
            }
        } else {
            kept.clear();
            // Pass 2: recompute the tiles; only pairs with a core point matter, and only if they can still change
            // a component or a border minimum.
            boolean[] blockCore = new boolean[rowBlocks];
            for (int i = 0; i < n; i++) {
                if (core[i]) {
                    blockCore[i / RB] = true;
                }
            }
            PairSink sink = new PairSink() {
                @Override
                public boolean wants(int i, int j) {
                    boolean ci = core[i];
                    boolean cj = core[j];
                    if (ci && cj) {
                        return !uf.connected(i, j);
                    }
                    if (ci) {
                        return border.get(j) > i;
                    }
                    return cj && border.get(i) > j;
                }

                @Override
                public void neighbours(int i, int j) {
                    join(i, j, core, uf, border);
                }
            };
            TileFilter noCore = (i0, i1, j0, j1) -> {
                if (blockCore[i0 / RB]) {
                    return false;
                }
                for (int q = j0 / RB; q * RB < j1; q++) {
                    if (blockCore[q]) {
                        return false;
                    }
                }
                return true;
            };
            par.forEach(items, t -> {
                Tiles tiles = new Tiles();
                for (int rb = t; rb < rowBlocks; rb += items) {
                    tiles.rowBlock(rb, sink, noCore);
                }
            });
        }

        // Union-find node of every point (core: its own; border: its lowest-index core neighbour; noise: -1).
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int at = core[i] ? i : border.get(i);
            labels[i] = at == Integer.MAX_VALUE ? -1 : at;
        }
        uf.labelByFirstAppearance(labels);
        return new DbscanResult(labels, core);
    }

    /** Pass-1 sink of one work item: counts (merged into the shared array per tile) and the kept pairs. */
    private static final class Pass1 implements PairSink {
        final AtomicIntegerArray counts;
        final AtomicLong total;
        final long budget;
        final int[] rowCount = new int[RB];
        final int[] colCount = new int[CB];
        int i0;
        long[] pairs = new long[256];
        int size;
        boolean keeping;

        Pass1(AtomicIntegerArray counts, AtomicLong total, long budget) {
            this.counts = counts;
            this.total = total;
            this.budget = budget;
            this.keeping = total.get() <= budget;
        }

        @Override
        public boolean wants(int i, int j) {
            return true;
        }

        @Override
        public void neighbours(int i, int j) {
            rowCount[i - i0]++;
            colCount[j % CB]++;
            if (keeping) {
                if (size == pairs.length && !grow()) {
                    return;
                }
                pairs[size++] = ((long) i << 32) | j;
                // The shared total grows in steps of 4096 pairs; over budget, every item drops its pairs.
                if ((size & 4095) == 0 && total.addAndGet(4096) > budget) {
                    keeping = false;
                    pairs = null;
                }
            }
        }

        @Override
        public void tileDone(int j0) {
            for (int c = 0; c < CB; c++) {
                if (colCount[c] != 0) {
                    counts.getAndAdd(j0 + c, colCount[c]);
                    colCount[c] = 0;
                }
            }
        }

        void flushRows() {
            for (int g = 0; g < RB; g++) {
                if (rowCount[g] != 0) {
                    counts.getAndAdd(i0 + g, rowCount[g]);
                    rowCount[g] = 0;
                }
            }
        }

        /**
         * Doubles the pair buffer. When it can't (the array size limit, or no memory for the copy), a failed allocation
         * counts as overflow (SPEC.md): this item drops its pairs and pushes the shared total over the budget, so every
         * item's pairs are given up and pass 2 runs, as it would for too many pairs.
         */
        private boolean grow() {
            long wanted = Math.min(2L * pairs.length, MAX_ARRAY);
            if (wanted > pairs.length) {
                try {
                    pairs = Arrays.copyOf(pairs, (int) wanted);
                    return true;
                } catch (OutOfMemoryError e) {
                    // Handled below: the run goes on without kept pairs.
                }
            }
            keeping = false;
            pairs = null;
            total.addAndGet(budget + 1);
            return false;
        }

        /** Adds the last partial step to the total; whether this item's pairs are still wanted. */
        boolean finish() {
            return keeping && total.addAndGet(size & 4095) <= budget;
        }
    }

    /** A neighbour pair i < j: core-core pairs join components; a core point is a border candidate for the other. */
    private static void join(int i, int j, boolean[] core, UnionFind uf, AtomicIntegerArray border) {
        boolean ci = core[i];
        boolean cj = core[j];
        if (ci && cj) {
            uf.union(i, j);
        } else if (ci) {
            atomicMin(border, j, i);
        } else if (cj) {
            atomicMin(border, i, j);
        }
    }

    private static void atomicMin(AtomicIntegerArray a, int at, int value) {
        int cur = a.get(at);
        while (value < cur && !a.compareAndSet(at, cur, value)) {
            cur = a.get(at);
        }
    }
}
