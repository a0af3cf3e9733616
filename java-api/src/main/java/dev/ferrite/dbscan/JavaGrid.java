package dev.ferrite.dbscan;

import dev.ferrite.internal.JavaParallel;
import dev.ferrite.internal.Points;
import java.util.Arrays;

/**
 * The GRID method for {@code d <= 3} (native-rust/src/dbscan/SPEC.md, "GRID"): points are sorted into square cells
 * of side {@code s = Rs / sqrt(d)}, so that a pair can only be neighbours when their cells differ by at most
 * {@code r} along every axis. The grid only proposes candidate pairs; every pair is decided by the canonical predicate on the
 * original coordinates (Euclidean) or the canonical unit vectors (cosine).
 *
 * <p>Sorting: one packed key per point (the cell coordinates, most significant axis first) when they fit 63 bits,
 * else one stable pass per axis; an LSD radix sort, stable, so original indices increase within a cell. Candidate
 * cells: for each offset prefix (nearest first), a galloping search from the previous cell's answer, then a
 * contiguous run along the last axis. Phases, each parallel over chunks of cells: core flags (counting up to
 * {@code minPts}), union-find (touching cells first, then the farther ones), border minima, then the numbering.
 *
 * <p>Beyond the text of the spec, each only changing which pairs are tested, never a result (the native backend does
 * the same): cells count as cliques only up to {@link #MAX_CLIQUE_CELL}; Euclidean {@code Rc} is at least
 * {@code 1e-150 (1 + 1e-9)}; the reach gets {@code 2^-9} of slack; a reach above {@link #MAX_REACH} means BLOCKED.
 *
 * <p>Memory, for {@code n} points and {@code C <= n} non-empty cells: the sorted coordinates ({@code 8 d} bytes per
 * point), original indices, flags and labels (10 bytes per point), per cell its start, coordinates, flag, union-find
 * entry and number ({@code 8 d + 13} bytes); without cliques the union-find and numbers are per point (8 bytes).
 * While sorting: the unsorted coordinates and a key and index per point with their radix buffers
 * ({@code 8 d + 24} bytes per point). For 2-D points at most about 65 bytes per point.
 */
final class JavaGrid {
    /** More cells than this along one axis and the grid is not used (BLOCKED instead), as the spec says. */
    static final double MAX_CELLS_PER_AXIS = 0x1p40;

    /**
     * Largest neighbour reach {@code r} (in cells) the grid accepts. With the spec's radii r = 2 except for cosine
     * with eps below about 1e-13 and Euclidean eps below 1e-150 (see {@link #reach}), where r grows without bound:
     * (2r+1)^(d-1) range searches per cell would then be prohibitive, so such inputs go to BLOCKED. (Not in the
     * spec; the result is the same either way.)
     */
    static final long MAX_REACH = 8;

    /**
     * Largest cell index for which the points of a cell are provably mutual neighbours (with the shortcut's eps
     * conditions): {@code floor((g - min) / s)} is rounded by up to 2^-52 of its value, so two points of one cell can
     * be up to {@code 1 + 2^-51 * index} cells apart per axis; at 2^30 that is 1 + 2^-21, within the 1e-6 slack of
     * {@code Rs}, at the spec's 2^40 it would not be. Beyond it (or without the shortcut's conditions) components are
     * built point by point. (Not in the spec, same as the native backend; the result is the same either way.)
     */
    static final long MAX_CLIQUE_CELL = 1L << 30;

    private final int n;
    private final int d;
    private final boolean cosine;
    private final double eps;
    private final double eps2;
    private final int minPts;
    private final int threads;
    private final int reach;
    /**
     * Whether any two points of a cell are canonical neighbours (the dense-cell shortcut's conditions and cell indices
     * up to {@link #MAX_CLIQUE_CELL}): then a cell of at least minPts points is all core and a cell's core points
     * form one union-find node.
     */
    private final boolean cliques;
    /** Sorted grid coordinates: point at sorted position p is {@code gs[p*d .. p*d+d-1]}. */
    private final double[] gs;
    /** Original index of the point at each sorted position (increasing within a cell). */
    private final int[] orig;
    private final int cells;
    /** Points of cell c: sorted positions {@code cellStart[c] .. cellStart[c+1]-1}. */
    private final int[] cellStart;
    /** Cell coordinates, {@code cellCoord[c*d .. c*d+d-1]}, lexicographically increasing in c. */
    private final long[] cellCoord;

    private JavaGrid(int n, int d, boolean cosine, double eps, int minPts, int threads, int reach, boolean cliques,
            double[] gs, int[] orig, int cells, int[] cellStart, long[] cellCoord) {
        this.n = n;
        this.d = d;
        this.cosine = cosine;
        this.eps = eps;
        this.eps2 = eps * eps;
        this.minPts = minPts;
        this.threads = threads;
        this.reach = reach;
        this.cliques = cliques;
        this.gs = gs;
        this.orig = orig;
        this.cells = cells;
        this.cellStart = cellStart;
        this.cellCoord = cellCoord;
    }

    /**
     * Clusters with the grid, or returns null when the grid does not apply (too many cells along an axis, or a reach
     * above {@link #MAX_REACH}); the caller then uses BLOCKED.
     */
    static DbscanResult run(Points points, DbscanParams params) {
        JavaGrid grid = build(points, params);
        if (grid == null) {
            return null;
        }
        try (JavaParallel par = new JavaParallel(grid.threads)) {
            return grid.cluster(par);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Building: grid coordinates, cell side and reach, cell order, cells.

    /**
     * Builds the grid phase by phase, or returns null when it does not apply (too many cells along an axis, or a
     * reach above {@link #MAX_REACH}).
     */
    private static JavaGrid build(Points points, DbscanParams params) {
        int n = points.n;
        int d = points.dim;
        boolean cosine = params.metric() == Metric.COSINE;
        double eps = params.eps();
        requireOneArray(n, d);
        double[] min = new double[d];
        double[] max = new double[d];
        double[] g = gridCoordinates(points, cosine, min, max);
        double s = cellSide(d, cosine, eps);
        if (tooManyCells(min, max, s)) {
            return null;
        }
        double reachD = reach(cosine, eps, s);
        if (!(reachD <= MAX_REACH)) {
            return null;
        }
        int reach = (int) reachD;
        boolean cliques = cellsAreCliques(cosine, eps, min, max, s);
        int[] orig = cellOrder(g, n, d, min, s, axisBits(min, max, s));
        double[] gs = inCellOrder(g, orig, d);
        g = null; // the unsorted copy can go before the cell arrays are allocated
        int cells = countCells(gs, n, d, min, s);
        int[] cellStart = new int[cells + 1];
        long[] cellCoord = new long[cells * d];
        fillCells(gs, n, d, min, s, cellStart, cellCoord);
        return new JavaGrid(n, d, cosine, eps, params.minPts(), params.threads(), reach, cliques, gs, orig, cells,
                cellStart, cellCoord);
    }

    /** Throws when the {@code n d} coordinates would not fit one Java array (the grid keeps them in one). */
    private static void requireOneArray(int n, int d) {
        if ((long) n * d > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many points for the pure-Java grid: " + n + " points x " + d
                    + " coordinates = " + ((long) n * d) + " coordinates, more than one Java array holds (at most "
                    + (Integer.MAX_VALUE - 8) + "); use the native backend or fewer points");
        }
    }

    /**
     * The grid coordinates in input order, {@code g[i*d .. i*d+d-1]} for point i: its coordinates (Euclidean) or
     * canonical unit vector (cosine). Their range per axis goes to {@code min} and {@code max}.
     */
    private static double[] gridCoordinates(Points points, boolean cosine, double[] min, double[] max) {
        int n = points.n;
        int d = points.dim;
        double[] g = new double[n * d];
        double[] row = new double[d];
        Arrays.fill(min, Double.POSITIVE_INFINITY);
        Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++) {
            points.copyRow(i, row);
            if (cosine) {
                Canonical.unit(row);
            }
            for (int k = 0; k < d; k++) {
                double v = row[k];
                g[i * d + k] = v;
                min[k] = Math.min(min[k], v);
                max[k] = Math.max(max[k], v);
            }
        }
        return g;
    }

    /** The cell side {@code s = Rs / sqrt(d)}, the spec's {@code Rs} being eps (cosine: sqrt(2 eps)) less 1e-6. */
    private static double cellSide(int d, boolean cosine, double eps) {
        double rs = cosine ? Math.sqrt(2 * eps) * (1 - 1e-6) : eps * (1 - 1e-6);
        return rs / Math.sqrt(d);
    }

    /** Whether some axis spans more than {@link #MAX_CELLS_PER_AXIS} cells (NaN counts as too many). */
    private static boolean tooManyCells(double[] min, double[] max, double s) {
        for (int k = 0; k < min.length; k++) {
            if (!((max[k] - min[k]) / s <= MAX_CELLS_PER_AXIS)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The neighbour reach r in cells: the spec's {@code floor(Rc / s (1 + 1e-9)) + 1}, plus 2^-9 for the rounding of
     * the cell coordinates (up to 2^-11 of a cell between two points at 2^40 cells); still r = 2 for Euclidean
     * distance. Unbounded (or NaN) for extreme eps, so the caller checks it against {@link #MAX_REACH} as a double.
     */
    private static double reach(boolean cosine, double eps, double s) {
        double rc;
        if (cosine) {
            rc = Math.sqrt(2 * eps + 1e-13) * (1 + 1e-9);
        } else {
            // The spec's Rc is eps (1 + 1e-9); below eps = 1e-150 squares that underflow let the canonical predicate
            // accept pairs slightly farther apart than eps (by up to about sqrt(d 2^-1075) ~ 1e-161), so Rc never
            // goes below 1e-150 (1e-150 (1 + 1e-9) covers them). Same as the native backend.
            rc = Math.max(eps, 1e-150) * (1 + 1e-9);
        }
        return Math.floor(rc / s * (1 + 1e-9) + 0x1p-9) + 1;
    }

    /**
     * Whether any two points of a cell are canonical neighbours: the spec's conditions for the dense-cell shortcut,
     * and cell indices small enough (see {@link #MAX_CLIQUE_CELL}).
     */
    private static boolean cellsAreCliques(boolean cosine, double eps, double[] min, double[] max, double s) {
        long widest = 0;
        for (int k = 0; k < min.length; k++) {
            widest = Math.max(widest, cellOf(max[k], min[k], s));
        }
        return (cosine ? eps >= 1e-6 : eps >= 1e-150) && widest <= MAX_CLIQUE_CELL;
    }

    /** Bits per axis that hold the cell coordinates {@code 0 .. cellOf(max_k)}. */
    private static int[] axisBits(double[] min, double[] max, double s) {
        int[] bits = new int[min.length];
        for (int k = 0; k < min.length; k++) {
            bits[k] = 64 - Long.numberOfLeadingZeros(cellOf(max[k], min[k], s));
        }
        return bits;
    }

    /**
     * The original indices of the points in cell order (lexicographic, most significant axis first; by original
     * index within a cell): a radix sort of one packed key per point when the coordinates fit 63 bits, else one
     * stable radix sort per axis.
     */
    private static int[] cellOrder(double[] g, int n, int d, double[] min, double s, int[] bits) {
        int totalBits = 0;
        for (int b : bits) {
            totalBits += b;
        }
        long[] key = new long[n];
        int[] idx = new int[n];
        for (int i = 0; i < n; i++) {
            idx[i] = i;
        }
        if (totalBits <= 63) {
            // One key per point: the coordinates packed most significant axis first, so numeric order is the
            // lexicographic order of the cells.
            for (int i = 0; i < n; i++) {
                long kv = 0;
                for (int k = 0; k < d; k++) {
                    kv = (kv << bits[k]) | cellOf(g[i * d + k], min[k], s);
                }
                key[i] = kv;
            }
            radixSort(key, idx, totalBits);
        } else {
            // Stable sorts by each axis, least significant first.
            for (int k = d - 1; k >= 0; k--) {
                for (int p = 0; p < n; p++) {
                    key[p] = cellOf(g[idx[p] * d + k], min[k], s);
                }
                radixSort(key, idx, bits[k]);
            }
        }
        return idx;
    }

    /** The grid coordinates in cell order: those of point {@code orig[p]} at sorted position p. */
    private static double[] inCellOrder(double[] g, int[] orig, int d) {
        int n = orig.length;
        double[] gs = new double[n * d];
        for (int p = 0; p < n; p++) {
            System.arraycopy(g, orig[p] * d, gs, p * d, d);
        }
        return gs;
    }

    /**
     * The number of cells: runs of equal cell coordinates in sorted order. Counting before {@link #fillCells} keeps
     * the cell arrays at C entries.
     */
    private static int countCells(double[] gs, int n, int d, double[] min, double s) {
        long[] prev = new long[d];
        long[] cur = new long[d];
        int cells = 0;
        for (int p = 0; p < n; p++) {
            if (startsCell(p, gs, d, min, s, cur, prev)) {
                cells++;
            }
        }
        return cells;
    }

    /** Fills the first sorted position of every cell ({@code n} after the last) and its cell coordinates. */
    private static void fillCells(double[] gs, int n, int d, double[] min, double s, int[] cellStart,
            long[] cellCoord) {
        long[] prev = new long[d];
        long[] cur = new long[d];
        int c = -1;
        for (int p = 0; p < n; p++) {
            if (startsCell(p, gs, d, min, s, cur, prev)) {
                c++;
                cellStart[c] = p;
                System.arraycopy(cur, 0, cellCoord, c * d, d);
            }
        }
        cellStart[c + 1] = n;
    }

    /**
     * Whether sorted point {@code p} starts a new cell: its cell coordinates ({@code cur}) differ from the previous
     * point's ({@code prev}, then updated). The cell pass that counts and the one that fills both use it.
     */
    private static boolean startsCell(int p, double[] gs, int d, double[] min, double s, long[] cur, long[] prev) {
        boolean differs = p == 0;
        for (int k = 0; k < d; k++) {
            cur[k] = cellOf(gs[p * d + k], min[k], s);
            differs |= cur[k] != prev[k];
        }
        if (differs) {
            System.arraycopy(cur, 0, prev, 0, d);
        }
        return differs;
    }

    /**
     * Cell coordinate of value v on an axis with minimum {@code min}: {@code floor((v - min) / s)}, 0 .. 2^40.
     * Evaluated the same way every time, so a point always lands in the same cell.
     */
    private static long cellOf(double v, double min, double s) {
        return (long) Math.floor((v - min) / s);
    }

    /** Stable LSD radix sort of {@code key} (non-negative, below {@code 2^bits}) carrying {@code idx} along. */
    static void radixSort(long[] key, int[] idx, int bits) {
        int n = key.length;
        long[] k2 = null;
        int[] i2 = null;
        int[] count = new int[2049];
        long[] srcK = key;
        int[] srcI = idx;
        for (int shift = 0; shift < bits; shift += 11) {
            Arrays.fill(count, 0);
            for (int i = 0; i < n; i++) {
                count[(int) ((srcK[i] >>> shift) & 2047) + 1]++;
            }
            boolean trivial = false;
            for (int b = 1; b <= 2048; b++) {
                if (count[b] == n) {
                    trivial = true;
                    break;
                }
            }
            if (trivial) {
                continue;
            }
            for (int b = 1; b <= 2048; b++) {
                count[b] += count[b - 1];
            }
            if (k2 == null) {
                k2 = new long[n];
                i2 = new int[n];
            }
            long[] dstK = srcK == key ? k2 : key;
            int[] dstI = srcI == idx ? i2 : idx;
            for (int i = 0; i < n; i++) {
                int b = (int) ((srcK[i] >>> shift) & 2047);
                int at = count[b]++;
                dstK[at] = srcK[i];
                dstI[at] = srcI[i];
            }
            srcK = dstK;
            srcI = dstI;
        }
        if (srcK != key) {
            System.arraycopy(srcK, 0, key, 0, n);
            System.arraycopy(srcI, 0, idx, 0, n);
        }
    }

    /** Cell ranges of about equal point counts, several per thread so that idle threads can steal work. */
    private static int[] chunks(int[] cellStart, int cells, int n, int parallelism) {
        if (parallelism <= 1) {
            return new int[] {0, cells};
        }
        int target = Math.max(1024, (int) Math.min(Integer.MAX_VALUE, (n + 16L * parallelism - 1) / (16L * parallelism)));
        int[] out = new int[Math.min(cells, n / target + 2) + 1];
        int m = 0;
        out[m++] = 0;
        int c = 0;
        while (c < cells) {
            int startPoint = cellStart[c];
            // the first cell whose start is at least startPoint + target
            int lo = c + 1;
            int hi = cells;
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (cellStart[mid] - startPoint >= target) {
                    hi = mid;
                } else {
                    lo = mid + 1;
                }
            }
            c = lo;
            if (m == out.length) {
                out = Arrays.copyOf(out, out.length * 2);
            }
            out[m++] = c;
        }
        return Arrays.copyOf(out, m);
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The canonical predicate on sorted positions.

    /**
     * nb(p, q) for p != q, exactly as the spec writes it: f64, sums in index order from 0.0, no fused multiply-add
     * (Java never contracts {@code a * b + c}). Starting from 0.0 changes nothing for d = 1 here: 0.0 + x == x for
     * every x but -0.0, and a cosine sum of -0.0 gives the same 1.0 - c.
     */
    private boolean nb(int p, int q) {
        int a = p * d;
        int b = q * d;
        double[] x = gs;
        if (cosine) {
            double c;
            switch (d) {
                case 1 -> c = x[a] * x[b];
                case 2 -> c = x[a] * x[b] + x[a + 1] * x[b + 1];
                default -> c = x[a] * x[b] + x[a + 1] * x[b + 1] + x[a + 2] * x[b + 2];
            }
            return 1.0 - c <= eps;
        }
        double s;
        switch (d) {
            case 1 -> {
                double t0 = x[a] - x[b];
                s = t0 * t0;
            }
            case 2 -> {
                double t0 = x[a] - x[b];
                double t1 = x[a + 1] - x[b + 1];
                s = t0 * t0 + t1 * t1;
            }
            default -> {
                double t0 = x[a] - x[b];
                double t1 = x[a + 1] - x[b + 1];
                double t2 = x[a + 2] - x[b + 2];
                s = t0 * t0 + t1 * t1 + t2 * t2;
            }
        }
        return s <= eps2;
    }

    /** Neighbours of p among positions {@code qa .. qb-1} (p excluded), counted up to {@code need}. */
    private int count(int p, int qa, int qb, int need) {
        int found = 0;
        int a = p * d;
        double[] x = gs;
        // The hot cases written out, with the same arithmetic as nb().
        if (!cosine && d == 2) {
            double x0 = x[a];
            double x1 = x[a + 1];
            double e2 = eps2;
            for (int q = qa; q < qb; q++) {
                double t0 = x0 - x[2 * q];
                double t1 = x1 - x[2 * q + 1];
                if (t0 * t0 + t1 * t1 <= e2 && q != p) {
                    if (++found >= need) {
                        return found;
                    }
                }
            }
            return found;
        }
        if (!cosine && d == 3) {
            double x0 = x[a];
            double x1 = x[a + 1];
            double x2 = x[a + 2];
            double e2 = eps2;
            for (int q = qa; q < qb; q++) {
                double t0 = x0 - x[3 * q];
                double t1 = x1 - x[3 * q + 1];
                double t2 = x2 - x[3 * q + 2];
                if (t0 * t0 + t1 * t1 + t2 * t2 <= e2 && q != p) {
                    if (++found >= need) {
                        return found;
                    }
                }
            }
            return found;
        }
        if (cosine && d == 3) {
            double u0 = x[a];
            double u1 = x[a + 1];
            double u2 = x[a + 2];
            double e = eps;
            for (int q = qa; q < qb; q++) {
                if (1.0 - (u0 * x[3 * q] + u1 * x[3 * q + 1] + u2 * x[3 * q + 2]) <= e && q != p) {
                    if (++found >= need) {
                        return found;
                    }
                }
            }
            return found;
        }
        for (int q = qa; q < qb; q++) {
            if (q != p && nb(p, q)) {
                if (++found >= need) {
                    return found;
                }
            }
        }
        return found;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Candidate cells.

    /** Per-thread search state: a lower bound per offset prefix, reused while cells are visited in increasing order. */
    private final class Cursor {
        final int[] out;
        final int[] hint;
        /** Offset prefixes (o_0, o_1), nearest first, so that counting reaches minPts early. */
        final int[] pre0;
        final int[] pre1;
        int last = Integer.MAX_VALUE;

        Cursor() {
            int side = 2 * reach + 1;
            int prefixes = d == 1 ? 1 : d == 2 ? side : side * side;
            out = new int[2 * prefixes];
            hint = new int[prefixes];
            pre0 = new int[prefixes];
            pre1 = new int[prefixes];
            // d = 1: the empty prefix; d = 2: (o_0); d = 3: (o_0, o_1). Unused components stay 0.
            int h = 0;
            int span0 = d == 1 ? 0 : reach;
            int span1 = d == 3 ? reach : 0;
            for (int o0 = -span0; o0 <= span0; o0++) {
                for (int o1 = -span1; o1 <= span1; o1++) {
                    pre0[h] = o0;
                    pre1[h] = o1;
                    h++;
                }
            }
            // insertion sort by o_0^2 + o_1^2 (at most (2 * MAX_REACH + 1)^2 entries)
            for (int i = 1; i < prefixes; i++) {
                int a0 = pre0[i];
                int a1 = pre1[i];
                int key = a0 * a0 + a1 * a1;
                int j = i - 1;
                while (j >= 0 && pre0[j] * pre0[j] + pre1[j] * pre1[j] > key) {
                    pre0[j + 1] = pre0[j];
                    pre1[j + 1] = pre1[j];
                    j--;
                }
                pre0[j + 1] = a0;
                pre1[j + 1] = a1;
            }
        }

        /**
         * Fills {@link #out} with the non-empty runs of candidate cells of cell c, as pairs {@code [lo, hi)} of cell
         * indices (the nearest runs first), and returns the number of runs.
         *
         * @param mode {@link #ALL}: every cell C + o with all |o_k| <= r (C itself included); {@link #NEAR}: the
         *     cells after C (in cell order) that touch it (all |o_k| <= 1); {@link #FAR}: the other cells after C
         */
        int ranges(int c, int mode) {
            if (c < last) {
                Arrays.fill(hint, 0);
            }
            last = c;
            long r = reach;
            int base = c * d;
            long c0 = cellCoord[base];
            long c1 = d > 1 ? cellCoord[base + 1] : 0;
            long cl = cellCoord[base + d - 1];
            int m = 0;
            for (int h = 0; h < pre0.length; h++) {
                int o0 = pre0[h];
                int o1 = pre1[h];
                boolean zero = o0 == 0 && o1 == 0;
                boolean near = Math.abs(o0) <= 1 && Math.abs(o1) <= 1;
                if (mode != ALL && (o0 < 0 || (o0 == 0 && o1 < 0))) {
                    continue; // every cell with this prefix comes before C
                }
                // The prefix coordinates (unused ones stay 0) and up to two intervals on the last axis.
                long p0 = d == 1 ? 0 : c0 + o0;
                long p1 = d == 3 ? c1 + o1 : 0;
                long from1;
                long to1;
                long from2 = 1;
                long to2 = 0;
                if (mode == ALL) {
                    from1 = cl - r;
                    to1 = cl + r;
                } else if (mode == NEAR) {
                    if (!near) {
                        continue;
                    }
                    from1 = zero ? cl + 1 : cl - 1;
                    to1 = cl + 1;
                } else if (near) {
                    from1 = zero ? cl + 2 : cl - r;
                    to1 = zero ? cl + r : cl - 2;
                    if (!zero) {
                        from2 = cl + 2;
                        to2 = cl + r;
                    }
                } else {
                    from1 = cl - r;
                    to1 = cl + r;
                }
                if (from1 <= to1) {
                    int lo = lowerOf(hint[h], p0, p1, from1);
                    hint[h] = lo;
                    int hi = runEnd(lo, p0, p1, to1);
                    if (lo < hi) {
                        out[m++] = lo;
                        out[m++] = hi;
                    }
                    if (from2 <= to2) {
                        lo = lowerOf(hi, p0, p1, from2);
                        hi = runEnd(lo, p0, p1, to2);
                        if (lo < hi) {
                            out[m++] = lo;
                            out[m++] = hi;
                        }
                    }
                }
            }
            return m >> 1;
        }
    }

    static final int ALL = 0;
    static final int NEAR = 1;
    static final int FAR = 2;

    /** The first cell not before (prefix, last) (the prefix has d - 1 components). */
    private int lowerOf(int from, long p0, long p1, long last) {
        return switch (d) {
            case 1 -> lower(from, last, 0, 0);
            case 2 -> lower(from, p0, last, 0);
            default -> lower(from, p0, p1, last);
        };
    }

    /** The end of the run of cells from {@code lo} on with the given prefix and last coordinate {@code <= to}. */
    private int runEnd(int lo, long p0, long p1, long to) {
        int hi = lo;
        switch (d) {
            case 1 -> {
                while (hi < cells && cellCoord[hi] <= to) {
                    hi++;
                }
            }
            case 2 -> {
                while (hi < cells && cellCoord[2 * hi] == p0 && cellCoord[2 * hi + 1] <= to) {
                    hi++;
                }
            }
            default -> {
                while (hi < cells && cellCoord[3 * hi] == p0 && cellCoord[3 * hi + 1] == p1
                        && cellCoord[3 * hi + 2] <= to) {
                    hi++;
                }
            }
        }
        return hi;
    }

    /** Whether cell c is lexicographically before (a0, a1, a2) (only the first d components count). */
    private boolean before(int c, long a0, long a1, long a2) {
        int b = c * d;
        long v = cellCoord[b];
        if (v != a0 || d == 1) {
            return v < a0;
        }
        v = cellCoord[b + 1];
        if (v != a1 || d == 2) {
            return v < a1;
        }
        return cellCoord[b + 2] < a2;
    }

    /**
     * The first cell not before (a0, a1, a2), searching from {@code from} (a lower bound of the answer, else 0):
     * galloping, then binary search.
     */
    private int lower(int from, long a0, long a1, long a2) {
        int lo = from;
        if (lo > 0 && (lo > cells || !before(lo - 1, a0, a1, a2))) {
            lo = 0; // the hint is not a valid lower bound
        }
        if (lo >= cells || !before(lo, a0, a1, a2)) {
            return lo;
        }
        // before(lo) holds: find hi with !before(hi)
        int step = 1;
        int hi = lo + 1;
        while (hi < cells && before(hi, a0, a1, a2)) {
            lo = hi;
            step <<= 1;
            hi = (int) Math.min(cells, (long) lo + step);
        }
        // before(lo) and (hi == cells or !before(hi))
        lo++;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (before(mid, a0, a1, a2)) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // The phases.

    /**
     * Clusters in four phases, the first three parallel over chunks of cells of about equal point counts: core flags,
     * components, the union-find node of every point, then the numbering.
     */
    private DbscanResult cluster(JavaParallel par) {
        // Work items: cells chunk[t] .. chunk[t+1]-1.
        int[] chunk = chunks(cellStart, cells, n, par.parallelism());
        int work = chunk.length - 1;
        boolean[] coreS = new boolean[n];
        boolean[] cellCore = new boolean[cells];
        par.forEach(work, t -> coreFlags(chunk[t], chunk[t + 1], coreS, cellCore));
        UnionFind uf = new UnionFind(cliques ? cells : n);
        // Touching cells first, then the rest: after the first round most farther pairs already share a root and
        // need no search. The components do not depend on this order.
        for (int mode : new int[] {NEAR, FAR}) {
            par.forEach(work, t -> components(chunk[t], chunk[t + 1], mode, coreS, cellCore, uf));
        }
        int[] labels = new int[n];
        boolean[] core = new boolean[n];
        par.forEach(work, t -> nodes(chunk[t], chunk[t + 1], coreS, cellCore, labels, core));
        uf.labelByFirstAppearance(labels); // numbering by first appearance
        return new DbscanResult(labels, core);
    }

    /**
     * Phase 1, cells {@code from .. to-1}: core flags, counting canonical neighbours over the candidate cells up to
     * minPts ({@code coreS} by sorted position; {@code cellCore}: whether a cell has a core point). The dense-cell
     * shortcut applies only when cells are cliques (any two points of a cell are canonical neighbours).
     */
    private void coreFlags(int from, int to, boolean[] coreS, boolean[] cellCore) {
        boolean shortcut = cliques;
        Cursor cur = new Cursor();
        for (int c = from; c < to; c++) {
            int a = cellStart[c];
            int b = cellStart[c + 1];
            boolean any = false;
            if (minPts <= 1 || (shortcut && b - a >= minPts)) {
                for (int p = a; p < b; p++) {
                    coreS[p] = true;
                }
                cellCore[c] = true;
                continue;
            }
            int runs = cur.ranges(c, ALL);
            int[] out = cur.out;
            for (int p = a; p < b; p++) {
                int need = minPts - 1;
                if (shortcut) {
                    // The same fact as the dense-cell shortcut: the other b - a - 1 points of the cell are
                    // canonical neighbours; count the rest of the candidates only.
                    need -= b - a - 1;
                    for (int i = 0; i < runs && need > 0; i++) {
                        int lo = out[2 * i];
                        int hi = out[2 * i + 1];
                        if (lo <= c && c < hi) {
                            need -= count(p, cellStart[lo], a, need);
                            if (need > 0) {
                                need -= count(p, b, cellStart[hi], need);
                            }
                        } else {
                            need -= count(p, cellStart[lo], cellStart[hi], need);
                        }
                    }
                } else {
                    for (int i = 0; i < runs && need > 0; i++) {
                        need -= count(p, cellStart[out[2 * i]], cellStart[out[2 * i + 1]], need);
                    }
                }
                if (need <= 0) {
                    coreS[p] = true;
                    any = true;
                }
            }
            cellCore[c] = any;
        }
    }

    /**
     * Phase 2, cells {@code from .. to-1}: components, joining over the candidate cells of {@code mode} ({@link #NEAR}
     * or {@link #FAR}). With cliques, the core points of one cell are mutual neighbours (the cell's diagonal is
     * {@code Rs < eps}), so one union-find node per cell; two cells join when some core-core pair is canonical
     * neighbours. Otherwise one node per point (sorted position).
     */
    private void components(int from, int to, int mode, boolean[] coreS, boolean[] cellCore, UnionFind uf) {
        Cursor cur = new Cursor();
        for (int c = from; c < to; c++) {
            if (!cellCore[c]) {
                continue;
            }
            int runs = cur.ranges(c, mode);
            int[] out = cur.out;
            if (cliques) {
                for (int i = 0; i < runs; i++) {
                    for (int e = out[2 * i]; e < out[2 * i + 1]; e++) {
                        if (cellCore[e] && !uf.connected(c, e) && corePair(c, e, coreS)) {
                            uf.union(c, e);
                        }
                    }
                }
                continue;
            }
            for (int p = cellStart[c]; p < cellStart[c + 1]; p++) {
                if (!coreS[p]) {
                    continue;
                }
                if (mode == NEAR) {
                    unionWith(p, p + 1, cellStart[c + 1], coreS, uf); // own cell, later points
                }
                for (int i = 0; i < runs; i++) {
                    unionWith(p, cellStart[out[2 * i]], cellStart[out[2 * i + 1]], coreS, uf);
                }
            }
        }
    }

    /**
     * Phase 3, cells {@code from .. to-1}: the union-find node of every point, written to {@code labels[orig]} (core:
     * its own; border: that of the lowest-index core neighbour; noise: -1), and {@code core} in input order. Within a
     * cell, original indices increase.
     */
    private void nodes(int from, int to, boolean[] coreS, boolean[] cellCore, int[] labels, boolean[] core) {
        Cursor cur = new Cursor();
        for (int c = from; c < to; c++) {
            int a = cellStart[c];
            int b = cellStart[c + 1];
            int runs = -1;
            for (int p = a; p < b; p++) {
                int i = orig[p];
                if (coreS[p]) {
                    core[i] = true;
                    labels[i] = cliques ? c : p;
                    continue;
                }
                if (runs < 0) {
                    runs = cur.ranges(c, ALL);
                }
                labels[i] = borderCell(p, cur.out, runs, coreS, cellCore);
            }
        }
    }

    /** Joins core point p with every core canonical neighbour among positions qa .. qb-1 (point-level nodes). */
    private void unionWith(int p, int qa, int qb, boolean[] coreS, UnionFind uf) {
        for (int q = qa; q < qb; q++) {
            if (coreS[q] && !uf.connected(p, q) && nb(p, q)) {
                uf.union(p, q);
            }
        }
    }

    /** Whether some core point of cell c and some core point of cell e are canonical neighbours. */
    private boolean corePair(int c, int e, boolean[] coreS) {
        int a = cellStart[c];
        int b = cellStart[c + 1];
        int ea = cellStart[e];
        int eb = cellStart[e + 1];
        for (int p = a; p < b; p++) {
            if (!coreS[p]) {
                continue;
            }
            for (int q = ea; q < eb; q++) {
                if (coreS[q] && nb(p, q)) {
                    return true;
                }
            }
        }
        return false;
    }

    /**
     * The union-find node (cell with cliques, else sorted position) of the core neighbour of non-core p with the
     * lowest original index, or -1 when there is none.
     */
    private int borderCell(int p, int[] out, int runs, boolean[] coreS, boolean[] cellCore) {
        int best = Integer.MAX_VALUE;
        int bestCell = -1;
        for (int r = 0; r < runs; r++) {
            for (int e = out[2 * r]; e < out[2 * r + 1]; e++) {
                if (!cellCore[e]) {
                    continue;
                }
                for (int q = cellStart[e], qb = cellStart[e + 1]; q < qb; q++) {
                    if (orig[q] >= best) {
                        break; // original indices increase within a cell
                    }
                    if (coreS[q] && nb(p, q)) {
                        best = orig[q];
                        bestCell = cliques ? e : q;
                        break;
                    }
                }
            }
        }
        return bestCell;
    }
}
