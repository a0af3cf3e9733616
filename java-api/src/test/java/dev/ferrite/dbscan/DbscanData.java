package dev.ferrite.dbscan;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Seeded test data for DBSCAN: 2-D blobs, two moons, uniform noise and embedding-like clusters (centres uniform on
 * the unit sphere in {@code d} dimensions, points = centre + Gaussian spread, optionally normalised or rescaled, plus
 * uniform noise), and a fixed catalogue of data sets with their parameters.
 *
 * <p>Every coordinate is a float widened to double, so the four input shapes ({@code double[][]}, {@code float[][]},
 * flat {@code double[]}, flat {@code float[]}) hold exactly the same points. {@link #separated} moves points until no
 * pair distance lies within {@code 1e-9} (relative) of {@code eps}, so answers do not hinge on the last bits of a
 * distance formula (needed for the comparison with Smile, whose distance formula differs from the canonical one).
 */
final class DbscanData {
    private DbscanData() {}

    /** Relative distance from eps within which {@link #separated} moves points. */
    static final double MARGIN = 1e-9;

    /**
     * Points and the parameters to cluster them with.
     *
     * @param name shown in test names and failure messages
     * @param points the points (float-exact values)
     */
    record DataSet(String name, double[][] points, double eps, int minPts, Metric metric) {
        DbscanParams params() {
            return DbscanParams.of(eps, minPts).metric(metric);
        }

        int n() {
            return points.length;
        }

        int dim() {
            return points.length == 0 ? 0 : points[0].length;
        }

        /** Whether every coordinate is a float value, so the single-precision shapes hold the same points. */
        boolean floatExact() {
            for (double[] row : points) {
                for (double v : row) {
                    if ((float) v != v) {
                        return false;
                    }
                }
            }
            return true;
        }

        /** The same points and parameters under another name and eps, minPts or metric. */
        DataSet with(String newName, double newEps, int newMinPts, Metric newMetric) {
            return new DataSet(newName, points, newEps, newMinPts, newMetric);
        }

        float[][] floatRows() {
            float[][] out = new float[points.length][];
            for (int i = 0; i < points.length; i++) {
                out[i] = new float[points[i].length];
                for (int k = 0; k < points[i].length; k++) {
                    out[i][k] = (float) points[i][k];
                    if (out[i][k] != points[i][k]) {
                        throw new IllegalStateException(name + ": point " + i + " is not float-exact");
                    }
                }
            }
            return out;
        }

        double[] flatDoubles() {
            int d = dim();
            double[] out = new double[points.length * d];
            for (int i = 0; i < points.length; i++) {
                System.arraycopy(points[i], 0, out, i * d, d);
            }
            return out;
        }

        float[] flatFloats() {
            int d = dim();
            float[][] rows = floatRows();
            float[] out = new float[points.length * d];
            for (int i = 0; i < points.length; i++) {
                System.arraycopy(rows[i], 0, out, i * d, d);
            }
            return out;
        }

        /** The reference answer, computed once per data set (shared by both backends' runs of a test class). */
        BruteForce.Expected expected() {
            return EXPECTED.computeIfAbsent(this, s -> BruteForce.dbscan(s.points, s.eps, s.minPts, s.metric));
        }

        @Override
        public String toString() {
            return name + " (n=" + points.length + ", d=" + dim() + ", eps=" + eps + ", minPts=" + minPts + ", "
                    + metric + ")";
        }
    }

    /** Keyed by identity of the data set objects, which are created once ({@link #catalogue()}). */
    private static final Map<DataSet, BruteForce.Expected> EXPECTED = new ConcurrentHashMap<>();

    private static double f(double v) {
        return (float) v;
    }

    private static double[] gaussianDirection(SplittableRandom r, int d) {
        double[] v = new double[d];
        double norm = 0;
        while (norm == 0) {
            norm = 0;
            for (int k = 0; k < d; k++) {
                v[k] = gaussian(r);
                norm += v[k] * v[k];
            }
            norm = Math.sqrt(norm);
        }
        for (int k = 0; k < d; k++) {
            v[k] /= norm;
        }
        return v;
    }

    static double gaussian(SplittableRandom r) {
        // Box-Muller; SplittableRandom has no nextGaussian of its own in every JDK's contract we rely on.
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log1p(-u)) * Math.cos(2 * Math.PI * v);
    }

    /**
     * Gaussian blobs in the plane with uniform noise.
     *
     * @param centres how many blobs, centres uniform in {@code [0, 10]^2}
     * @param spread the standard deviation of each blob (per axis, varying 0.5x to 1.5x between blobs)
     * @param noiseFraction the share of points drawn uniformly from {@code [-1, 11]^2}
     */
    static double[][] blobs2d(long seed, int n, int centres, double spread, double noiseFraction) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = new double[centres][];
        double[] s = new double[centres];
        for (int j = 0; j < centres; j++) {
            c[j] = new double[] {r.nextDouble(10), r.nextDouble(10)};
            s[j] = spread * (0.5 + r.nextDouble());
        }
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            if (r.nextDouble() < noiseFraction) {
                p[i] = new double[] {f(r.nextDouble(-1, 11)), f(r.nextDouble(-1, 11))};
            } else {
                int j = r.nextInt(centres);
                p[i] = new double[] {f(c[j][0] + s[j] * gaussian(r)), f(c[j][1] + s[j] * gaussian(r))};
            }
        }
        return p;
    }

    /** Two interleaved half circles (scikit-learn's make_moons) with Gaussian noise of standard deviation {@code noise}. */
    static double[][] moons(long seed, int n, double noise) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double t = r.nextDouble(Math.PI);
            double x;
            double y;
            if (r.nextBoolean()) {
                x = Math.cos(t);
                y = Math.sin(t);
            } else {
                x = 1 - Math.cos(t);
                y = 0.5 - Math.sin(t);
            }
            p[i] = new double[] {f(x + noise * gaussian(r)), f(y + noise * gaussian(r))};
        }
        return p;
    }

    /** Uniform noise in {@code [lo, hi)^d}. */
    static double[][] uniform(long seed, int n, int d, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] p = new double[n][d];
        for (int i = 0; i < n; i++) {
            for (int k = 0; k < d; k++) {
                p[i][k] = f(r.nextDouble(lo, hi));
            }
        }
        return p;
    }

    /**
     * Embedding-like data: {@code clusters} centres uniform on the unit sphere of {@code R^d}; a cluster point is
     * {@code centre + g * spread_i / sqrt(d)} with {@code g} standard Gaussian and {@code spread_i} varying
     * {@code 0.5x .. 1.5x} of {@code spread} from point to point (so clusters have dense cores and thin fringes);
     * noise points are uniform directions. Then each point is scaled: to unit length ({@code normalise}), or by a
     * random factor {@code e^U(-logScale, logScale)} (cosine distances do not change; 0 keeps the points as they are).
     */
    static double[][] embeddings(long seed, int n, int d, int clusters, double spread, double noiseFraction,
            boolean normalise, double logScale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = new double[clusters][];
        for (int j = 0; j < clusters; j++) {
            c[j] = gaussianDirection(r, d);
        }
        double[][] p = new double[n][];
        double perAxis = 1 / Math.sqrt(d);
        for (int i = 0; i < n; i++) {
            double[] x;
            if (r.nextDouble() < noiseFraction) {
                x = gaussianDirection(r, d);
            } else {
                double[] centre = c[r.nextInt(clusters)];
                double s = spread * (0.5 + r.nextDouble()) * perAxis;
                x = new double[d];
                for (int k = 0; k < d; k++) {
                    x[k] = centre[k] + s * gaussian(r);
                }
            }
            double scale = 1;
            if (normalise) {
                double norm = 0;
                for (double v : x) {
                    norm += v * v;
                }
                scale = 1 / Math.sqrt(norm);
            } else if (logScale > 0) {
                scale = Math.exp(r.nextDouble(-logScale, logScale));
            }
            for (int k = 0; k < d; k++) {
                x[k] = f(x[k] * scale);
            }
            p[i] = x;
        }
        return p;
    }

    /** Every point repeated {@code copies} times in a row (exact duplicates). */
    static double[][] repeated(double[][] points, int copies) {
        double[][] out = new double[points.length * copies][];
        for (int i = 0; i < points.length; i++) {
            for (int c = 0; c < copies; c++) {
                out[i * copies + c] = points[i].clone();
            }
        }
        return out;
    }

    /**
     * Whether the canonical distance of a pair is within {@link #MARGIN} (relative) of eps: Euclidean
     * {@code |sqrt(s) - eps| <= 1e-9 * eps}, cosine {@code |(1 - c) - eps| <= 1e-9 * max(eps, 1e-300)}.
     */
    static boolean nearEps(double[][] rows, int i, int j, double eps, Metric metric) {
        if (metric == Metric.EUCLIDEAN) {
            double dist = Math.sqrt(BruteForce.squaredDistance(rows[i], rows[j]));
            return Math.abs(dist - eps) <= MARGIN * eps;
        }
        double dist = BruteForce.cosineDistance(rows[i], rows[j]);
        return Math.abs(dist - eps) <= MARGIN * Math.max(eps, 1e-300);
    }

    /**
     * Moves points (in place, keeping them float-exact) until no pair's canonical distance is within
     * {@link #MARGIN} of eps: for each such pair the later point gets a small random displacement, then its pairs are
     * checked again.
     *
     * @return {@code points}
     */
    static double[][] separated(double[][] points, double eps, Metric metric, long seed) {
        SplittableRandom r = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int n = points.length;
        double[][] rows = BruteForce.canonicalRows(points, metric);
        boolean[] check = new boolean[n];
        java.util.Arrays.fill(check, true);
        for (int round = 0; ; round++) {
            if (round > 100) {
                throw new IllegalStateException("could not separate the points from eps");
            }
            boolean[] move = new boolean[n];
            boolean any = false;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if ((check[i] || check[j]) && nearEps(rows, i, j, eps, metric)) {
                        move[j] = true;
                        any = true;
                    }
                }
            }
            if (!any) {
                return points;
            }
            for (int j = 0; j < n; j++) {
                if (move[j]) {
                    jiggle(points[j], eps, metric, r);
                    rows[j] = metric == Metric.COSINE ? BruteForce.unit(points[j]) : points[j];
                }
            }
            check = move;
        }
    }

    private static void jiggle(double[] x, double eps, Metric metric, SplittableRandom r) {
        double max = 0;
        for (double v : x) {
            max = Math.max(max, Math.abs(v));
        }
        // Euclidean: about 1e-3 eps; cosine: about 1e-3 of the angle sqrt(2 eps), relative to the row's size.
        // Never below a few float ulps of the row, so rounding back to float cannot undo the move.
        double step = metric == Metric.EUCLIDEAN ? Math.max(1e-3 * eps, 1e-6 * max)
                : max * Math.max(1e-3 * Math.sqrt(eps), 1e-6);
        for (int k = 0; k < x.length; k++) {
            x[k] = f(x[k] + step * gaussian(r));
        }
    }

    private static DataSet set(String name, double[][] points, double eps, int minPts, Metric metric, long seed) {
        return new DataSet(name, separated(points, eps, metric, seed), eps, minPts, metric);
    }

    private static final class Catalogue {
        static final List<DataSet> ALL = build();
    }

    /**
     * The fixed data sets of the tests, covering the grid method (d = 1, 2, 3) and the blocked method (d >= 4) under
     * both metrics, each with a mix of clusters, border points and noise. Built once per JVM.
     */
    static List<DataSet> catalogue() {
        return Catalogue.ALL;
    }

    /** The data set of the catalogue with this name. */
    static DataSet named(String name) {
        for (DataSet s : catalogue()) {
            if (s.name().equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("no data set " + name);
    }

    private static List<DataSet> build() {
        Metric e = Metric.EUCLIDEAN;
        Metric c = Metric.COSINE;
        List<DataSet> l = new ArrayList<>();
        // Grid method, Euclidean.
        l.add(set("blobs2d", blobs2d(11, 2000, 6, 0.35, 0.1), 0.25, 6, e, 11));
        l.add(set("moons", moons(12, 800, 0.07), 0.12, 5, e, 12));
        l.add(set("uniform2d", uniform(13, 900, 2, 0, 10), 0.35, 3, e, 13));
        l.add(set("line1d", blobs1d(14, 700), 0.05, 4, e, 14));
        l.add(set("sphere3d", embeddings(15, 1500, 3, 8, 0.25, 0.1, false, 0), 0.1, 5, e, 15));
        // Grid method, cosine.
        l.add(set("circle2d-cos", embeddings(16, 900, 2, 7, 0.15, 0.1, false, 3), 2e-4, 5, c, 16));
        l.add(set("sphere3d-cos", embeddings(17, 1000, 3, 8, 0.25, 0.1, false, 2), 2e-3, 5, c, 17));
        l.add(set("line1d-cos", uniform(18, 300, 1, -1, 1), 0.5, 3, c, 18));
        // Blocked method, Euclidean.
        l.add(set("uniform4d", uniform(19, 800, 4, 0, 1), 0.12, 3, e, 19));
        l.add(set("emb16", embeddings(20, 1500, 16, 10, 0.4, 0.08, false, 0), 0.42, 6, e, 20));
        l.add(set("emb32", embeddings(21, 1200, 32, 12, 0.5, 0.1, false, 0), 0.6, 5, e, 21));
        l.add(set("emb384-unit", embeddings(22, 700, 384, 6, 0.5, 0.1, true, 0), 0.53, 5, e, 22));
        // Blocked method, cosine.
        l.add(set("emb16-cos", embeddings(23, 1500, 16, 10, 0.4, 0.08, false, 2), 0.09, 6, c, 23));
        l.add(set("emb32-cos", embeddings(24, 2000, 32, 12, 0.5, 0.1, true, 0), 0.15, 5, c, 24));
        l.add(set("emb128-cos", embeddings(25, 1000, 128, 8, 0.45, 0.1, false, 3), 0.11, 5, c, 25));
        l.add(set("emb384-cos", embeddings(26, 800, 384, 6, 0.5, 0.1, true, 0), 0.13, 5, c, 26));
        // Larger and denser: many grid cells and dense cells (grid), several 512-row tiles, and more neighbour pairs
        // than a 64 * n pair buffer holds (blocked).
        l.add(set("blobs2d-large", blobs2d(27, 8000, 10, 0.3, 0.1), 0.08, 10, e, 27));
        l.add(set("dense2d", blobs2d(30, 3000, 3, 0.3, 0.05), 0.3, 80, e, 30));
        l.add(set("emb64-cos-large", embeddings(28, 3000, 64, 15, 0.5, 0.1, false, 1), 0.14, 10, c, 28));
        double[][] dense = embeddings(29, 2000, 16, 4, 0.4, 0.05, false, 0);
        l.add(set("emb16-dense", dense, 0.6, 300, e, 29));
        l.add(set("emb16-dense-cos", repeated(dense, 1), 0.15, 300, c, 29));
        return List.copyOf(l);
    }

    /** One-dimensional clusters: a few dense segments and sparse noise on {@code [0, 10]}. */
    static double[][] blobs1d(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] centres = {1, 2.5, 2.9, 5, 7.5, 9};
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double x = r.nextDouble() < 0.15 ? r.nextDouble(0, 10)
                    : centres[r.nextInt(centres.length)] + 0.08 * gaussian(r);
            p[i] = new double[] {f(x)};
        }
        return p;
    }

    /**
     * An eps that lies exactly on a pair: the canonical distance from a random point {@code i} to its {@code k}-th
     * nearest other point ({@code sqrt(s)} for Euclidean, so {@code eps * eps} and {@code s} differ at most by
     * rounding; {@code 1 - c} itself for cosine). With {@code k = minPts - 1}, whether {@code i} is a core point hinges
     * on that one boundary pair, which only the canonical formula decides.
     */
    static double epsAtPair(double[][] points, Metric metric, int k, long seed) {
        int n = points.length;
        double[][] rows = BruteForce.canonicalRows(points, metric);
        SplittableRandom r = new SplittableRandom(seed);
        for (int attempt = 0; attempt < 1000; attempt++) {
            int i = r.nextInt(n);
            double[] dist = sortedDistances(rows, metric, i);
            double eps = dist[k - 1];
            if (eps > 0 && Double.isFinite(eps)) {
                return eps;
            }
        }
        throw new IllegalStateException("no pair at a positive distance");
    }

    /** The canonical distances from row {@code i} to every other row, ascending. */
    private static double[] sortedDistances(double[][] rows, Metric metric, int i) {
        int n = rows.length;
        double[] dist = new double[n - 1];
        for (int j = 0, at = 0; j < n; j++) {
            if (j != i) {
                dist[at++] = metric == Metric.EUCLIDEAN
                        ? Math.sqrt(BruteForce.squaredDistance(rows[i], rows[j]))
                        : BruteForce.cosineDistance(rows[i], rows[j]);
            }
        }
        java.util.Arrays.sort(dist);
        return dist;
    }

    /**
     * An eps for which clusters form: the median, over 64 random points, of the canonical distance to the
     * {@code k}-th nearest other point.
     */
    static double typicalEps(double[][] points, Metric metric, int k, long seed) {
        int n = points.length;
        double[][] rows = BruteForce.canonicalRows(points, metric);
        SplittableRandom r = new SplittableRandom(seed);
        double[] kth = new double[64];
        for (int t = 0; t < kth.length; t++) {
            int i = r.nextInt(n);
            double[] dist = sortedDistances(rows, metric, i);
            kth[t] = dist[Math.min(k, n - 1) - 1];
        }
        java.util.Arrays.sort(kth);
        return kth[kth.length / 2];
    }

    /**
     * Points of the integer lattice {@code {0 .. side-1}^d} times {@code step}, a share {@code keep} of them, in random
     * order: many pairs lie at exactly the same distance, a multiple of the step.
     */
    static double[][] lattice(long seed, int d, int side, double step, double keep) {
        SplittableRandom r = new SplittableRandom(seed);
        int total = 1;
        for (int k = 0; k < d; k++) {
            total *= side;
        }
        List<double[]> kept = new ArrayList<>();
        for (int code = 0; code < total; code++) {
            if (r.nextDouble() >= keep) {
                continue;
            }
            double[] x = new double[d];
            for (int k = 0, c = code; k < d; k++, c /= side) {
                x[k] = f((c % side) * step);
            }
            kept.add(x);
        }
        double[][] p = kept.toArray(new double[0][]);
        shuffle(p, r);
        return p;
    }

    /** Non-zero integer vectors with coordinates in {@code -range .. range}, {@code n} of them (repeats possible). */
    static double[][] integerVectors(long seed, int n, int d, int range) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] p = new double[n][d];
        for (int i = 0; i < n; i++) {
            boolean zero = true;
            while (zero) {
                for (int k = 0; k < d; k++) {
                    p[i][k] = r.nextInt(-range, range + 1);
                    zero &= p[i][k] == 0;
                }
            }
        }
        return p;
    }

    /** Every coordinate multiplied by {@code factor} (not float-exact in general). */
    static double[][] scaled(double[][] points, double factor) {
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = new double[points[i].length];
            for (int k = 0; k < points[i].length; k++) {
                out[i][k] = points[i][k] * factor;
            }
        }
        return out;
    }

    /** Each row multiplied by its own factor {@code 10^U(-maxExp, maxExp)} (cosine distances barely change). */
    static double[][] wildMagnitudes(double[][] points, double maxExp, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] out = new double[points.length][];
        for (int i = 0; i < points.length; i++) {
            double factor = Math.pow(10, r.nextDouble(-maxExp, maxExp));
            out[i] = new double[points[i].length];
            for (int k = 0; k < points[i].length; k++) {
                out[i][k] = points[i][k] * factor;
            }
        }
        return out;
    }

    static void shuffle(double[][] p, SplittableRandom r) {
        for (int i = p.length - 1; i > 0; i--) {
            int j = r.nextInt(i + 1);
            double[] t = p[i];
            p[i] = p[j];
            p[j] = t;
        }
    }

    private static final class Boundary {
        static final List<DataSet> ALL = buildBoundary();
    }

    /**
     * Data sets where the answer hinges on how pairs at (or within rounding of) eps are decided, or on extreme
     * magnitudes: eps equal to a pair's canonical distance, lattices with many pairs exactly at eps, same-direction
     * vectors under a tiny cosine eps, coordinates near the 1e150 limit, tiny and subnormal-squared coordinates, a
     * 2-D extent too wide for the grid, and cosine rows with magnitudes from 1e-300 to 1e300. Only the canonical
     * predicate, evaluated exactly, gives the reference's answer on these.
     */
    static List<DataSet> boundaryCatalogue() {
        return Boundary.ALL;
    }

    private static List<DataSet> buildBoundary() {
        Metric e = Metric.EUCLIDEAN;
        Metric c = Metric.COSINE;
        List<DataSet> l = new ArrayList<>();
        for (long seed = 1; seed <= 4; seed++) {
            double[][] b2 = blobs2d(100 + seed, 400, 4, 0.4, 0.1);
            l.add(new DataSet("pair-eps-2d-" + seed, b2, epsAtPair(b2, e, 4, seed), 5, e));
            double[][] c2 = embeddings(200 + seed, 400, 2, 5, 0.2, 0.1, false, 2);
            l.add(new DataSet("pair-eps-2d-cos-" + seed, c2, epsAtPair(c2, c, 4, seed), 5, c));
            double[][] s3 = embeddings(300 + seed, 400, 3, 5, 0.3, 0.1, false, 0);
            l.add(new DataSet("pair-eps-3d-" + seed, s3, epsAtPair(s3, e, 4, seed), 5, e));
            l.add(new DataSet("pair-eps-3d-cos-" + seed, s3, epsAtPair(s3, c, 4, seed), 5, c));
            double[][] u5 = uniform(400 + seed, 400, 5, 0, 1);
            l.add(new DataSet("pair-eps-5d-" + seed, u5, epsAtPair(u5, e, 3, seed), 4, e));
            double[][] e16 = embeddings(500 + seed, 500, 16, 6, 0.4, 0.1, false, 1);
            l.add(new DataSet("pair-eps-16d-" + seed, e16, epsAtPair(e16, e, 4, seed), 5, e));
            l.add(new DataSet("pair-eps-16d-cos-" + seed, e16, epsAtPair(e16, c, 4, seed), 5, c));
            double[][] e128 = embeddings(600 + seed, 300, 128, 5, 0.45, 0.1, true, 0);
            l.add(new DataSet("pair-eps-128d-cos-" + seed, e128, epsAtPair(e128, c, 4, seed), 5, c));
        }
        double tenth = (float) 0.1;
        l.add(new DataSet("lattice2d-int", lattice(1, 2, 30, 1, 0.8), 1.0, 5, e));
        l.add(new DataSet("lattice2d-tenth", lattice(2, 2, 30, tenth, 0.8), tenth, 3, e));
        l.add(new DataSet("lattice5d-int", lattice(3, 5, 4, 1, 0.7), 2.0, 60, e));
        l.add(new DataSet("lattice5d-tenth", lattice(4, 5, 4, tenth, 0.7), Math.sqrt(2) * tenth, 12, e));
        double[] x = BruteForce.unit(new double[] {1, 0, 0});
        double[] y = BruteForce.unit(new double[] {1, 1, 0});
        double angle45 = BruteForce.cosineDistance(x, y);
        l.add(new DataSet("intvec3d-cos-45", integerVectors(5, 600, 3, 2), angle45, 94, c));
        double[] x4 = BruteForce.unit(new double[] {1, 0, 0, 0});
        double[] y4 = BruteForce.unit(new double[] {1, 1, 0, 0});
        l.add(new DataSet("intvec4d-cos-45", integerVectors(6, 600, 4, 2), BruteForce.cosineDistance(x4, y4), 59, c));
        double[] z4 = BruteForce.unit(new double[] {2, 1, 0, 0});
        l.add(new DataSet("intvec4d-cos-27", integerVectors(6, 600, 4, 2), BruteForce.cosineDistance(x4, z4), 15, c));
        l.add(new DataSet("intvec2d-cos-tiny", integerVectors(7, 400, 2, 3), 1e-30, 2, c));
        l.add(new DataSet("intvec6d-cos-tiny", repeated(integerVectors(8, 150, 6, 1), 3), 1e-30, 2, c));
        l.add(new DataSet("ulps2d-grid", ulpCopies(18, 150, 2, 1, 1.0001), 3e-16, 3, e));
        l.add(new DataSet("ulps2d-wide", ulpCopies(19, 150, 2, 1, 2), 3e-16, 3, e));
        l.add(new DataSet("ulps8d", ulpCopies(20, 150, 8, 1, 2), 3e-16, 3, e));
        l.add(new DataSet("ulps2d-cos", ulpCopies(21, 150, 2, -1, 1), 1.5e-16, 3, c));
        l.add(new DataSet("ulps8d-cos", ulpCopies(22, 150, 8, -1, 1), 1.5e-16, 3, c));
        l.add(new DataSet("ulps8d-eps-min", ulpCopies(23, 150, 8, 1, 2), Double.MIN_VALUE, 2, e));
        l.add(new DataSet("wide2d", wide2d(9, 600), 2e-8, 4, e));
        l.add(new DataSet("huge2d", scaled(uniform(10, 500, 2, -1, 1), 1e150), 1.5e149, 4, e));
        l.add(new DataSet("huge6d", scaled(uniform(11, 500, 6, -1, 1), 1e150), 6e149, 4, e));
        l.add(new DataSet("tiny2d", scaled(blobs2d(12, 600, 4, 0.35, 0.1), 1e-150), 0.25e-150, 5, e));
        l.add(new DataSet("tiny8d", scaled(embeddings(13, 600, 8, 5, 0.4, 0.1, false, 0), 1e-150), 0.35e-150, 5, e));
        l.add(new DataSet("subnormal2d", scaled(blobs2d(14, 600, 4, 0.35, 0.1), 1e-160), 0.25e-160, 5, e));
        l.add(new DataSet("subnormal8d", scaled(embeddings(15, 600, 8, 5, 0.4, 0.1, false, 0), 1e-160), 0.35e-160,
                5, e));
        l.add(new DataSet("magnitudes3d-cos", wildMagnitudes(embeddings(16, 600, 3, 6, 0.25, 0.1, false, 0), 300, 16),
                2e-3, 5, c));
        l.add(new DataSet("magnitudes32d-cos", wildMagnitudes(embeddings(17, 600, 32, 6, 0.5, 0.1, false, 0), 300, 17),
                0.15, 5, c));
        return List.copyOf(l);
    }

    /**
     * Tight clusters (spread 1e-8) around centres spread over {@code [-1e6, 1e6]^2}: with eps near 1e-8 the grid would
     * need about 1e14 cells along an axis, more than its limit of 2^40, so the 2-D input takes the blocked method.
     */
    static double[][] wide2d(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = new double[12][];
        for (int j = 0; j < centres.length; j++) {
            centres[j] = new double[] {r.nextDouble(-1e6, 1e6), r.nextDouble(-1e6, 1e6)};
        }
        double[][] p = new double[n][];
        for (int i = 0; i < n; i++) {
            double[] centre = centres[r.nextInt(centres.length)];
            double spread = 1e-8 * (0.5 + r.nextDouble());
            p[i] = new double[] {centre[0] + spread * gaussian(r), centre[1] + spread * gaussian(r)};
        }
        return p;
    }

    /**
     * Near-duplicates: {@code bases} points uniform in {@code [lo, hi)^d} (doubles, not float-exact), each followed by
     * three copies with 0 to 3 ulps added to one random coordinate. With eps of a few ulps only exact arithmetic tells
     * which copies are neighbours; single-precision shortcuts see them all as one point.
     */
    static double[][] ulpCopies(long seed, int bases, int d, double lo, double hi) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] p = new double[bases * 4][];
        for (int b = 0; b < bases; b++) {
            double[] x = new double[d];
            for (int k = 0; k < d; k++) {
                x[k] = r.nextDouble(lo, hi);
            }
            p[4 * b] = x;
            for (int c = 1; c < 4; c++) {
                double[] y = x.clone();
                int k = r.nextInt(d);
                for (int u = r.nextInt(4); u > 0; u--) {
                    y[k] = Math.nextUp(y[k]);
                }
                p[4 * b + c] = y;
            }
        }
        return p;
    }
}
