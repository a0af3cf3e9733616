package dev.ferrite.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.ferrite.internal.Points;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The pure-Java backend against the brute-force reference ({@link BruteForce}) on random data, both methods (grid and
 * blocked, the latter also forced on low-dimensional data), several thread counts and the four input shapes.
 */
class JavaDbscanSelfCheckTest {
    private static final Metric E = Metric.EUCLIDEAN;
    private static final Metric C = Metric.COSINE;

    /** Gaussian blobs in d dimensions plus uniform noise; float-exact values. */
    private static double[][] blobs(long seed, int n, int d, int centres, double spread, double scale) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] c = new double[centres][d];
        for (double[] row : c) {
            for (int k = 0; k < d; k++) {
                row[k] = r.nextDouble(-1, 1) * scale;
            }
        }
        double[][] p = new double[n][d];
        for (int i = 0; i < n; i++) {
            boolean noise = r.nextDouble() < 0.1;
            double[] centre = c[r.nextInt(centres)];
            for (int k = 0; k < d; k++) {
                double v = noise ? r.nextDouble(-1.2, 1.2) * scale : centre[k] + spread * DbscanData.gaussian(r);
                p[i][k] = (float) v;
            }
        }
        return p;
    }

    /** Integer lattice points (many pairs at exactly eps = 1 and sqrt(2)), some repeated. */
    private static double[][] lattice(long seed, int n, int d, int side) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] p = new double[n][d];
        for (double[] row : p) {
            for (int k = 0; k < d; k++) {
                row[k] = r.nextInt(side);
            }
        }
        return p;
    }

    private static void check(String name, double[][] pts, double eps, int minPts, Metric metric) {
        BruteForce.Expected want = BruteForce.dbscan(pts, eps, minPts, metric);
        DbscanParams base = DbscanParams.of(eps, minPts).metric(metric);
        for (int threads : new int[] {1, 2, 0, 3}) {
            DbscanParams params = base.threads(threads);
            DbscanResult got = JavaDbscan.instance().cluster(pts, params);
            assertArrayEquals(want.labels(), got.labels(), name + " labels, threads " + threads);
            assertArrayEquals(want.core(), got.coreFlags(), name + " core, threads " + threads);
            // BLOCKED forced (also on d <= 3 data)
            DbscanResult blocked = JavaBlocked.run(Points.of(pts, metric), params);
            assertArrayEquals(want.labels(), blocked.labels(), name + " blocked labels, threads " + threads);
            assertArrayEquals(want.core(), blocked.coreFlags(), name + " blocked core, threads " + threads);
        }
        // other input shapes
        int d = pts[0].length;
        float[][] fr = new float[pts.length][d];
        double[] df = new double[pts.length * d];
        float[] ff = new float[pts.length * d];
        for (int i = 0; i < pts.length; i++) {
            for (int k = 0; k < d; k++) {
                fr[i][k] = (float) pts[i][k];
                df[i * d + k] = pts[i][k];
                ff[i * d + k] = (float) pts[i][k];
            }
        }
        DbscanResult flat = JavaDbscan.instance().cluster(df, d, base);
        assertArrayEquals(want.labels(), flat.labels(), name + " flat");
        assertArrayEquals(want.core(), flat.coreFlags(), name + " flat core");
        boolean floatExact = true;
        for (int i = 0; i < df.length; i++) {
            floatExact &= ff[i] == df[i];
        }
        if (floatExact) {
            DbscanResult floatRows = JavaDbscan.instance().cluster(fr, base);
            DbscanResult flatFloat = JavaDbscan.instance().cluster(ff, d, base);
            assertArrayEquals(want.labels(), floatRows.labels(), name + " float rows");
            assertArrayEquals(want.core(), floatRows.coreFlags(), name + " float rows core");
            assertArrayEquals(want.labels(), flatFloat.labels(), name + " flat float");
            assertArrayEquals(want.core(), flatFloat.coreFlags(), name + " flat float core");
        }
    }

    @Test
    void grid2d() {
        for (int s = 0; s < 6; s++) {
            double[][] p = blobs(100 + s, 1500, 2, 5, 0.05, 1);
            check("blobs2d-" + s, p, 0.02 + 0.01 * s, 3 + s, E);
        }
        check("dense2d", blobs(7, 2000, 2, 3, 0.02, 1), 0.05, 10, E);
        check("lattice2d", lattice(8, 1500, 2, 40), 1, 5, E);
        check("lattice2d-b", lattice(9, 1500, 2, 60), 1, 2, E);
    }

    @Test
    void grid1d3d() {
        check("blobs1d", blobs(11, 1200, 1, 6, 0.02, 1), 0.004, 4, E);
        check("blobs3d", blobs(12, 1500, 3, 6, 0.06, 1), 0.05, 5, E);
        check("lattice3d", lattice(13, 1500, 3, 12), 1, 6, E);
        check("minPts1", blobs(14, 600, 2, 4, 0.05, 1), 0.03, 1, E);
        check("far", blobs(15, 500, 2, 4, 0.05, 1e6), 2e4, 4, E);
        check("huge-eps", blobs(16, 300, 3, 4, 0.05, 1), 1e6, 4, E);
    }

    @Test
    void gridCosine() {
        check("cos2d", blobs(21, 1500, 2, 8, 0.05, 1), 1e-3, 5, C);
        check("cos3d", blobs(22, 1500, 3, 8, 0.05, 1), 2e-3, 5, C);
        check("cos3d-tiny", blobs(23, 800, 3, 8, 0.01, 1), 1e-5, 3, C);
        check("cos1d", blobs(24, 300, 1, 3, 0.5, 1), 0.5, 3, C);
        check("cos2d-lattice", shift(lattice(25, 800, 2, 5), 1), 0.01, 3, C);
        check("cos3d-lattice-tiny", shift(lattice(26, 800, 3, 4), -1.5), 1e-12, 3, C);
    }

    @Test
    void blocked() {
        check("euclid10d", blobs(31, 1200, 10, 6, 0.15, 1), 0.45, 5, E);
        check("euclid4d-lattice", lattice(32, 1000, 4, 6), 1, 5, E);
        check("euclid5d-shifted", shift(blobs(33, 900, 5, 5, 0.1, 1), 1e4), 0.35, 4, E);
        check("cos64d", blobs(34, 1000, 64, 8, 0.12, 1), 0.1, 5, C);
        check("cos7d-lattice", shift(lattice(35, 900, 7, 3), 1), 0.05, 3, C);
        check("cos129d", blobs(36, 700, 129, 6, 0.08, 1), 0.2, 4, C);
    }

    @Test
    void blockedOverflow() {
        // Every pair is a neighbour: 64 n pairs are exceeded, so pass 2 runs.
        check("all-neighbours", blobs(41, 800, 6, 2, 0.05, 1), 10, 5, E);
        check("all-neighbours-cos", blobs(42, 800, 9, 2, 0.05, 1), 1.9, 900, C);
        check("dense-cos", blobs(43, 1500, 8, 3, 0.02, 1), 0.01, 20, C);
    }

    @Test
    void extremeScales() {
        // Subnormal squares (canonical sums underflow): grid reach and blocked margin must still be exact.
        check("subnormal2d", scaled(blobs(61, 600, 2, 4, 0.05, 1), 1e-160), 0.03e-160, 4, E);
        check("subnormal6d", scaled(blobs(62, 600, 6, 4, 0.05, 1), 1e-160), 0.1e-160, 4, E);
        check("tiny3d", scaled(blobs(63, 600, 3, 4, 0.05, 1), 1e-152), 0.03e-152, 4, E);
        // Cosine below 1e-6: cells are not cliques, components point by point.
        check("cos3d-1e-8", blobs(64, 800, 3, 6, 1e-4, 1), 1e-8, 4, C);
        check("cos2d-1e-9", blobs(65, 800, 2, 6, 3e-5, 1), 1e-9, 3, C);
        // More than 2^30 cells along an axis: not cliques either.
        check("wide1d", wide(66, 800), 3e-9, 4, E);
    }

    private static double[][] scaled(double[][] p, double by) {
        for (double[] row : p) {
            for (int k = 0; k < row.length; k++) {
                row[k] *= by;
            }
        }
        return p;
    }

    /** Tight 1-D clusters spread over [-1e2, 1e2]: with eps 3e-9 about 7e10 cells, above 2^30 but below 2^40. */
    private static double[][] wide(long seed, int n) {
        SplittableRandom r = new SplittableRandom(seed);
        double[] centres = new double[10];
        for (int j = 0; j < centres.length; j++) {
            centres[j] = r.nextDouble(-1e2, 1e2);
        }
        double[][] p = new double[n][1];
        for (int i = 0; i < n; i++) {
            p[i][0] = centres[r.nextInt(centres.length)] + 2e-9 * DbscanData.gaussian(r);
        }
        return p;
    }

    @Test
    void small() {
        check("one", new double[][] {{1, 2}}, 0.5, 1, E);
        check("one-noise", new double[][] {{1, 2, 3, 4}}, 0.5, 2, E);
        check("dupes", new double[][] {{1, 1}, {1, 1}, {1, 1}, {5, 5}}, 1e-300, 3, E);
        check("dupes-cos", new double[][] {{1, 1}, {2, 2}, {3, 3}, {-1, 5}}, 1e-300, 3, C);
        check("dupes4", new double[][] {{1, 1, 1, 1}, {1, 1, 1, 1}, {2, 2, 2, 2}}, 1e-20, 2, C);
    }

    @Test
    void threadsAgreeOnLargerData() {
        double[][] p = blobs(51, 60_000, 2, 12, 0.03, 1);
        DbscanParams params = DbscanParams.of(0.004, 8);
        DbscanResult one = JavaDbscan.instance().cluster(p, params.threads(1));
        assertEquals(one, JavaDbscan.instance().cluster(p, params.threads(2)));
        assertEquals(one, JavaDbscan.instance().cluster(p, params));
        double[][] q = blobs(52, 3000, 32, 10, 0.05, 1);
        DbscanParams cos = DbscanParams.of(0.02, 5).metric(C);
        DbscanResult c1 = JavaDbscan.instance().cluster(q, cos.threads(1));
        assertEquals(c1, JavaDbscan.instance().cluster(q, cos.threads(2)));
        assertEquals(c1, JavaDbscan.instance().cluster(q, cos));
    }

    private static double[][] shift(double[][] p, double by) {
        for (double[] row : p) {
            for (int k = 0; k < row.length; k++) {
                row[k] = (float) (row[k] + by);
            }
        }
        return p;
    }
}
