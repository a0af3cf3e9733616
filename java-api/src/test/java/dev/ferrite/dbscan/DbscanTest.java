package dev.ferrite.dbscan;

import static dev.ferrite.dbscan.DbscanAssertions.assertMatchesReference;
import static dev.ferrite.dbscan.DbscanAssertions.assertSameResult;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.Ferrite;
import dev.ferrite.dbscan.DbscanAssertions.Shape;
import dev.ferrite.dbscan.DbscanData.DataSet;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Exact DBSCAN on each backend, against the specification (native-rust/src/dbscan/SPEC.md):
 * <ul>
 *   <li>labels and core flags equal those of {@link BruteForce}, the plain O(n^2) reference, on seeded blobs, moons,
 *       uniform noise and embedding-like data ({@link DbscanData#catalogue()}: the grid method for d = 1, 2, 3 and the
 *       blocked method for d = 4 .. 384, Euclidean and cosine in each), in all four input shapes;</li>
 *   <li>the same on data sets built to sit on the eps boundary or at extreme magnitudes
 *       ({@link DbscanData#boundaryCatalogue()}), where only an exact evaluation of the canonical predicate gives the
 *       reference's answer;</li>
 *   <li>the partition of core points and the noise set equal Smile's DBSCAN: {@link DbscanSmileTest};</li>
 *   <li>the rules that are easy to get subtly wrong, on hand-built inputs with known answers: a border point joins its
 *       lowest-index core neighbour's cluster, clusters are numbered by first appearance, minPts counts the point
 *       itself, distance {@code <= eps} is inclusive, cosine rows are scaled canonically (magnitudes 1e-300 ..
 *       1e300 and subnormals);</li>
 *   <li>edge cases: no points, one, two, identical points, duplicates, all noise, one cluster, minPts 1, minPts
 *       above n, huge eps;</li>
 *   <li>validation: every rejected input throws {@link IllegalArgumentException} naming the bad row;</li>
 *   <li>the result does not depend on the thread count, the input is not modified, concurrent calls are safe, and
 *       {@link DbscanResult}'s accessors are consistent and return copies.</li>
 * </ul>
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class DbscanTest {
    private static final Metric E = Metric.EUCLIDEAN;
    private static final Metric C = Metric.COSINE;

    @Parameter
    Backend backend;

    private Dbscan dbscan() {
        return Clustering.dbscan(backend);
    }

    static Stream<DataSet> catalogue() {
        return DbscanData.catalogue().stream();
    }

    static Stream<DataSet> boundaryCatalogue() {
        return DbscanData.boundaryCatalogue().stream();
    }

    /** Runs every usable input shape, asserts they all agree, returns the result. */
    private DbscanResult clusterAllShapes(double[][] points, DbscanParams params) {
        DataSet s = new DataSet("explicit", points, params.eps(), params.minPts(), params.metric());
        DbscanResult first = null;
        for (Shape shape : Shape.usable(s)) {
            DbscanResult r = shape.run(dbscan(), s, params);
            if (first == null) {
                first = r;
            } else {
                assertSameResult(s, first, r, Shape.DOUBLE_ROWS.name(), shape.name());
            }
        }
        return first;
    }

    static void assertResult(int[] labels, boolean[] core, DbscanResult r) {
        assertArrayEquals(core, r.coreFlags(), "core flags");
        assertArrayEquals(labels, r.labels(), "labels");
    }

    static boolean[] all(int n, boolean value) {
        boolean[] b = new boolean[n];
        Arrays.fill(b, value);
        return b;
    }

    static int[] filled(int n, int value) {
        int[] a = new int[n];
        Arrays.fill(a, value);
        return a;
    }

    /** Appends {@code d - 1} coordinates to 1-D or 2-D rows: zeros (keeps cosine angles) or constants. */
    private static double[][] pad(double[][] points, int d, boolean zeros) {
        double[][] out = new double[points.length][d];
        for (int i = 0; i < points.length; i++) {
            System.arraycopy(points[i], 0, out[i], 0, points[i].length);
            for (int k = points[i].length; k < d; k++) {
                out[i][k] = zeros ? 0 : k;
            }
        }
        return out;
    }

    @Test
    void backend_isTheOneAskedFor() {
        assertEquals(backend, dbscan().backend());
    }

    // ---------------------------------------------------------------- the reference on seeded data

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogue")
    void seededData_matchesBruteForce_inEveryInputShape(DataSet s) {
        assertEquals(4, Shape.usable(s).size(), "catalogue data are float-exact");
        for (Shape shape : Shape.usable(s)) {
            assertMatchesReference(s, shape.run(dbscan(), s, s.params()), shape.name());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("boundaryCatalogue")
    void boundaryAndExtremeData_matchBruteForce(DataSet s) {
        for (Shape shape : Shape.usable(s)) {
            assertMatchesReference(s, shape.run(dbscan(), s, s.params()), shape.name());
        }
    }

    @Test
    void minPtsOne_everyPointIsCore_noNoise_componentsAsReference() {
        for (String name : List.of("uniform2d", "line1d", "sphere3d-cos", "emb16", "emb32-cos")) {
            DataSet s = DbscanData.named(name);
            DataSet one = s.with(name + "-minPts1", s.eps(), 1, s.metric());
            DbscanResult r = dbscan().cluster(one.points(), one.params());
            assertMatchesReference(one, r, "minPts 1");
            assertEquals(0, r.noiseCount(), one + ": noise");
            for (int i = 0; i < r.size(); i++) {
                assertTrue(r.isCore(i), one + ": point " + i + " is not core");
            }
        }
    }

    @Test
    void minPtsAboveN_allNoise() {
        DataSet s = DbscanData.named("moons");
        for (int minPts : new int[] {s.n() + 1, s.n() * 2, Integer.MAX_VALUE}) {
            DbscanResult r = dbscan().cluster(s.points(), DbscanParams.of(1e9, minPts));
            assertResult(filled(s.n(), Dbscan.NOISE), all(s.n(), false), r);
        }
        // minPts == n with eps covering everything: all core, one cluster.
        DbscanResult r = dbscan().cluster(s.points(), DbscanParams.of(1e9, s.n()));
        assertResult(filled(s.n(), 0), all(s.n(), true), r);
    }

    @Test
    void duplicatePoints_matchBruteForce() {
        double[][] base = DbscanData.blobs2d(41, 300, 4, 0.35, 0.2);
        double[][] twice = DbscanData.repeated(base, 3);
        double[][] emb = DbscanData.repeated(DbscanData.embeddings(42, 250, 12, 5, 0.4, 0.2, false, 1), 2);
        for (DataSet s : List.of(
                new DataSet("dup3-2d-minPts3", twice, 0.2, 3, E),
                new DataSet("dup3-2d-minPts5", twice, 0.2, 5, E),
                new DataSet("dup3-2d-cos", twice, 1e-4, 4, C),
                new DataSet("dup2-12d", emb, 0.3, 3, E),
                new DataSet("dup2-12d-cos", emb, 0.05, 3, C))) {
            DbscanResult r = clusterAllShapes(s.points(), s.params());
            assertMatchesReference(s, r, "all shapes");
            if (s.minPts() <= 3 && s.name().startsWith("dup3")) {
                // Three copies of every point: each has at least 3 neighbours counting itself.
                assertEquals(s.n(), count(r.coreFlags()), s + ": every point is core");
            }
        }
    }

    private static int count(boolean[] flags) {
        int c = 0;
        for (boolean b : flags) {
            c += b ? 1 : 0;
        }
        return c;
    }

    // ---------------------------------------------------------------- rules on hand-built inputs

    /**
     * 1-D points, eps 1, minPts 4: two clusters L = {8.5, 8.6, 8.7, 9.3} and R = {10.7, 11.3, 11.4, 11.5} and a border
     * point B = 10.0 at distance 0.7 from 9.3 (L) and 10.7 (R) with only 3 neighbours counting itself. The order of
     * the rows decides which cluster B joins (its lowest-index core neighbour's) and the numbering.
     */
    private static final double[] BORDER_RULE_ROWS_R_FIRST = {10.0, 8.5, 8.6, 8.7, 10.7, 9.3, 11.3, 11.4, 11.5};
    private static final double[] BORDER_RULE_ROWS_L_FIRST = {10.0, 8.5, 8.6, 8.7, 9.3, 10.7, 11.3, 11.4, 11.5};
    private static final boolean[] BORDER_RULE_CORE = {false, true, true, true, true, true, true, true, true};

    /** The 1-D positions as rows in {@code d} dimensions: Euclidean as they are, cosine as angles of 0.01 rad. */
    private static double[][] borderRows(double[] x, int d, Metric metric) {
        double[][] p = new double[x.length][];
        for (int i = 0; i < x.length; i++) {
            // Rounded to float so that all four input shapes hold the same points (distances move by ~1e-7 only).
            p[i] = metric == E ? new double[] {(float) x[i]}
                    : new double[] {(float) Math.cos(x[i] * 0.01), (float) Math.sin(x[i] * 0.01)};
        }
        return d == p[0].length ? p : pad(p, d, metric == C);
    }

    private static DbscanParams borderParams(Metric metric) {
        return DbscanParams.of(metric == E ? 1.0 : 1 - Math.cos(0.01), 4).metric(metric);
    }

    @ParameterizedTest(name = "{0} d={1}")
    @MethodSource("metricsAndDims")
    void borderPoint_joinsLowestIndexCoreNeighbour_numberedByFirstAppearance(Metric metric, int d) {
        // B (index 0) has core neighbours 10.7 (R, index 4) and 9.3 (L, index 5): it joins R although L's points come
        // first (indices 1-3); B is the first point, so R is cluster 0 and L cluster 1.
        DbscanResult r = clusterAllShapes(borderRows(BORDER_RULE_ROWS_R_FIRST, d, metric), borderParams(metric));
        assertResult(new int[] {0, 1, 1, 1, 0, 1, 0, 0, 0}, BORDER_RULE_CORE, r);
        // Swapping 9.3 and 10.7: now L's 9.3 (index 4) is the lowest-index core neighbour.
        r = clusterAllShapes(borderRows(BORDER_RULE_ROWS_L_FIRST, d, metric), borderParams(metric));
        assertResult(new int[] {0, 0, 0, 0, 0, 1, 1, 1, 1}, BORDER_RULE_CORE, r);
        // With minPts 3, B becomes core and joins both: one cluster.
        r = clusterAllShapes(borderRows(BORDER_RULE_ROWS_R_FIRST, d, metric),
                DbscanParams.of(borderParams(metric).eps(), 3).metric(metric));
        assertResult(filled(9, 0), all(9, true), r);
    }

    static Stream<Arguments> metricsAndDims() {
        return Stream.of(Arguments.of(E, 1), Arguments.of(E, 3), Arguments.of(E, 8), Arguments.of(C, 2),
                Arguments.of(C, 3), Arguments.of(C, 8));
    }

    @ParameterizedTest(name = "{0} d={1}")
    @MethodSource("metricsAndDims")
    void clustersNumberedByFirstAppearance_evenWhenTheFirstPointIsBorder(Metric metric, int d) {
        // eps 1 (cosine: angles of 0.01 rad per unit). Groups: R = {11.3, 11.4, 11.5, 10.7} (indices 1-4),
        // L = {8.5, 8.6, 8.7, 9.3} (5-8), T = {20.7, 20.8, 21.2, 21.3, 21.4} (9-13), all within 0.8 inside a group and
        // at least 1.2 apart between groups. Index 0 is 20.0: neighbours 20.7 and 20.8 only, 3 counting itself.
        double[] x = {20.0, 11.3, 11.4, 11.5, 10.7, 8.5, 8.6, 8.7, 9.3, 20.7, 20.8, 21.2, 21.3, 21.4};
        double[][] p = borderRows(x, d, metric);
        double eps = borderParams(metric).eps();
        // minPts 5: only T's points are core (5 or 6 neighbours); index 0 is their border point and comes first, so T
        // is cluster 0 although its core points come last; R and L (4 neighbours each, no core neighbour) are noise.
        int[] labels = new int[x.length];
        Arrays.fill(labels, Dbscan.NOISE);
        labels[0] = 0;
        boolean[] core = new boolean[x.length];
        for (int i = 9; i < x.length; i++) {
            labels[i] = 0;
            core[i] = true;
        }
        assertResult(labels, core, clusterAllShapes(p, DbscanParams.of(eps, 5).metric(metric)));
        // minPts 4: R and L become clusters too, numbered 1 and 2 in order of appearance; index 0 is still border.
        boolean[] core4 = all(x.length, true);
        core4[0] = false;
        assertResult(new int[] {0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0, 0}, core4,
                clusterAllShapes(p, DbscanParams.of(eps, 4).metric(metric)));
        // minPts 3: index 0 is core (3 neighbours counting itself): same labels, all core.
        assertResult(new int[] {0, 1, 1, 1, 1, 2, 2, 2, 2, 0, 0, 0, 0, 0}, all(x.length, true),
                clusterAllShapes(p, DbscanParams.of(eps, 3).metric(metric)));
    }

    @Test
    void distanceEqualToEps_isANeighbour() {
        // Integer coordinates: squared distances and eps * eps are exact.
        double[][] p = {{0, 0}, {3, 4}, {6, 8}, {20, 20}};
        assertResult(new int[] {0, 0, 0, Dbscan.NOISE}, new boolean[] {true, true, true, false},
                clusterAllShapes(p, DbscanParams.of(5.0, 2)));
        assertResult(new int[] {0, 0, 0, Dbscan.NOISE}, new boolean[] {false, true, false, false},
                clusterAllShapes(p, DbscanParams.of(5.0, 3)));
        assertResult(filled(4, Dbscan.NOISE), all(4, false),
                clusterAllShapes(p, DbscanParams.of(Math.nextDown(5.0), 2)));
        // The same in 6 dimensions (blocked method).
        double[][] p6 = pad(p, 6, false);
        assertResult(new int[] {0, 0, 0, Dbscan.NOISE}, new boolean[] {true, true, true, false},
                clusterAllShapes(p6, DbscanParams.of(5.0, 2)));
        assertResult(filled(4, Dbscan.NOISE), all(4, false),
                clusterAllShapes(p6, DbscanParams.of(Math.nextDown(5.0), 2)));
        // Cosine: orthogonal unit axes are at distance exactly 1.
        double[][] axes = {{1, 0, 0}, {0, 2, 0}, {0, 0, 3}, {-1, 0, 0}};
        assertResult(new int[] {0, 0, 0, 0}, new boolean[] {true, true, true, true},
                clusterAllShapes(axes, DbscanParams.of(1.0, 3).metric(C)));
        assertResult(filled(4, Dbscan.NOISE), all(4, false),
                clusterAllShapes(axes, DbscanParams.of(Math.nextDown(1.0), 2).metric(C)));
        double[][] axes8 = pad(axes, 8, true);
        assertResult(new int[] {0, 0, 0, 0}, new boolean[] {true, true, true, true},
                clusterAllShapes(axes8, DbscanParams.of(1.0, 3).metric(C)));
        assertResult(filled(4, Dbscan.NOISE), all(4, false),
                clusterAllShapes(axes8, DbscanParams.of(Math.nextDown(1.0), 2).metric(C)));
    }

    @ParameterizedTest(name = "d={0}")
    @ValueSource(ints = {2, 3, 8})
    void cosineRowsOfHugeAndTinyMagnitude_clusterByDirection(int d) {
        // Three fixed, pairwise far-apart integer directions.
        double[][] directions = switch (d) {
            case 2 -> new double[][] {{1, 2}, {-3, 1}, {2, -5}};
            case 3 -> new double[][] {{1, 2, 3}, {-3, 1, 0}, {2, -5, 1}};
            default -> new double[][] {{1, 2, 3, 4, 5, 6, 7, 8}, {-3, 1, 0, 2, -1, 4, 0, 1}, {2, -5, 1, 0, 3, -2, 1, -1}};
        };
        double[] scales = {1e300, 1e-300, 1.0, 1e200, 1e-200, Double.MIN_VALUE, 3.5e-310};
        List<double[]> rows = new ArrayList<>();
        List<Integer> directionOf = new ArrayList<>();
        // Interleave: direction (i + s) % 3 for scale s, so every cluster mixes magnitudes.
        for (int s = 0; s < scales.length; s++) {
            for (int i = 0; i < 3; i++) {
                int dir = (i + s) % 3;
                double[] x = new double[d];
                for (int k = 0; k < d; k++) {
                    x[k] = directions[dir][k] * scales[s];
                }
                rows.add(x);
                directionOf.add(dir);
            }
        }
        double[][] p = rows.toArray(new double[0][]);
        DbscanResult res = clusterAllShapes(p, DbscanParams.of(1e-6, 2).metric(C));
        // Clusters numbered by the first appearance of their direction: 0, 1, 2 in the first three rows.
        int[] expected = new int[p.length];
        for (int i = 0; i < p.length; i++) {
            expected[i] = directionOf.get(i);
        }
        assertResult(expected, all(p.length, true), res);
        assertMatchesReference(new DataSet("magnitudes-d" + d, p, 1e-6, 2, C), res, "double rows");
    }

    // ---------------------------------------------------------------- edge cases

    @Test
    void noPoints_emptyResult() {
        for (Metric metric : Metric.values()) {
            DbscanParams p = DbscanParams.of(0.5, 3).metric(metric);
            for (DbscanResult r : List.of(dbscan().cluster(new double[0][], p), dbscan().cluster(new float[0][], p),
                    dbscan().cluster(new double[0], 1, p), dbscan().cluster(new double[0], 3, p),
                    dbscan().cluster(new float[0], 2, p))) {
                assertEquals(0, r.size());
                assertEquals(0, r.clusterCount());
                assertEquals(0, r.noiseCount());
                assertEquals(0, r.labels().length);
                assertEquals(0, r.coreFlags().length);
                assertEquals(0, r.clusterSizes().length);
            }
        }
    }

    @Test
    void onePoint() {
        for (int d : new int[] {1, 2, 3, 5, 64}) {
            double[][] p = {new double[d]};
            Arrays.fill(p[0], 0.25);
            for (Metric metric : Metric.values()) {
                assertResult(new int[] {0}, new boolean[] {true},
                        clusterAllShapes(p, DbscanParams.of(0.1, 1).metric(metric)));
                assertResult(new int[] {Dbscan.NOISE}, new boolean[] {false},
                        clusterAllShapes(p, DbscanParams.of(0.1, 2).metric(metric)));
            }
        }
    }

    @Test
    void twoPoints() {
        for (int d : new int[] {2, 3, 8}) {
            double[][] near = pad(new double[][] {{1, 0}, {1, 0.1}}, d, true);
            double[][] far = pad(new double[][] {{1, 0}, {0, 1}}, d, true);
            // Euclidean 0.1 and sqrt(2); cosine about 0.005 and 1.
            for (Metric metric : Metric.values()) {
                double eps = metric == E ? 0.5 : 0.01;
                assertResult(new int[] {0, 0}, all(2, true), clusterAllShapes(near, DbscanParams.of(eps, 2)
                        .metric(metric)));
                assertResult(new int[] {0, 0}, all(2, true), clusterAllShapes(near, DbscanParams.of(eps, 1)
                        .metric(metric)));
                assertResult(filled(2, Dbscan.NOISE), all(2, false), clusterAllShapes(near, DbscanParams.of(eps, 3)
                        .metric(metric)));
                assertResult(new int[] {0, 1}, all(2, true), clusterAllShapes(far, DbscanParams.of(eps, 1)
                        .metric(metric)));
                assertResult(filled(2, Dbscan.NOISE), all(2, false), clusterAllShapes(far, DbscanParams.of(eps, 2)
                        .metric(metric)));
            }
        }
    }

    @Test
    void identicalPoints_oneClusterOrAllNoise() {
        for (int d : new int[] {1, 2, 8, 40}) {
            double[][] p = new double[40][d];
            for (double[] row : p) {
                for (int k = 0; k < d; k++) {
                    row[k] = 1.5 - 3.5 * k;
                }
            }
            for (Metric metric : Metric.values()) {
                for (double eps : new double[] {1e-3, 1.0}) {
                    assertResult(filled(40, 0), all(40, true),
                            clusterAllShapes(p, DbscanParams.of(eps, 40).metric(metric)));
                    assertResult(filled(40, Dbscan.NOISE), all(40, false),
                            clusterAllShapes(p, DbscanParams.of(eps, 41).metric(metric)));
                }
            }
            // Euclidean: identical points are neighbours for any eps (s = 0), even one whose square underflows.
            assertResult(filled(40, 0), all(40, true), clusterAllShapes(p, DbscanParams.of(Double.MIN_VALUE, 40)));
        }
    }

    @Test
    void allNoise() {
        // Lattice spacing 1, eps 0.5: nobody has a neighbour.
        for (int d : new int[] {1, 2, 3, 5}) {
            double[][] p = DbscanData.lattice(d, d, d <= 2 ? 20 : 4, 1, 1);
            DbscanResult r = clusterAllShapes(p, DbscanParams.of(0.5, 2));
            assertResult(filled(p.length, Dbscan.NOISE), all(p.length, false), r);
            assertEquals(p.length, r.noiseCount());
            assertEquals(0, r.clusterCount());
        }
        // Cosine: 60 directions 6 degrees apart in the plane, eps below the distance of neighbours.
        double[][] circle = new double[60][];
        for (int i = 0; i < 60; i++) {
            double a = 2 * Math.PI * i / 60;
            circle[i] = new double[] {Math.cos(a), Math.sin(a)};
        }
        double eps = 1 - Math.cos(2 * Math.PI / 120);
        for (double[][] p : List.of(circle, pad(circle, 3, true), pad(circle, 9, true))) {
            assertResult(filled(60, Dbscan.NOISE), all(60, false), clusterAllShapes(p, DbscanParams.of(eps, 2)
                    .metric(C)));
        }
    }

    @Test
    void oneCluster() {
        SplittableRandom r = new SplittableRandom(61);
        for (int d : new int[] {1, 2, 3, 10}) {
            // Points in a ball of radius 0.49 eps: every pair within eps, every point core.
            double[][] p = new double[200][d];
            for (double[] row : p) {
                double[] dir = DbscanData.uniform(r.nextLong(), 1, d, -1, 1)[0];
                double norm = Math.sqrt(BruteForce.squaredDistance(dir, new double[d]));
                double radius = 0.49 * r.nextDouble();
                for (int k = 0; k < d; k++) {
                    row[k] = (float) (5 + dir[k] / norm * radius);
                }
            }
            assertResult(filled(200, 0), all(200, true), clusterAllShapes(p, DbscanParams.of(1.0, 200)));
            // Cosine: directions within a small cap around (1, 1, ...): cosine distance well below eps.
            double[][] q = new double[200][d];
            for (double[] row : q) {
                for (int k = 0; k < d; k++) {
                    row[k] = (float) (1 + 0.01 * r.nextDouble(-1, 1));
                }
            }
            assertResult(filled(200, 0), all(200, true), clusterAllShapes(q, DbscanParams.of(0.01, 150).metric(C)));
        }
    }

    @Test
    void hugeEps_oneCluster() {
        SplittableRandom r = new SplittableRandom(62);
        for (int d : new int[] {1, 2, 3, 6}) {
            // Coordinates up to the 1e150 limit, corners included: squared distances up to 4e300 * d.
            double[][] p = DbscanData.scaled(DbscanData.uniform(r.nextLong(), 60, d, -1, 1), 1e150);
            Arrays.fill(p[0], 1e150);
            Arrays.fill(p[1], -1e150);
            for (double eps : new double[] {1e300, Double.MAX_VALUE, 1e151 * d}) {
                assertResult(filled(60, 0), all(60, true), clusterAllShapes(p, DbscanParams.of(eps, 60)));
            }
            DataSet mixed = new DataSet("huge-coordinates-eps-1e150-d" + d, p, 1e150, 4, E);
            assertMatchesReference(mixed, dbscan().cluster(p, mixed.params()), "double rows");
            // Cosine: every distance is at most 2 (plus rounding), opposite vectors included.
            double[][] q = DbscanData.uniform(r.nextLong(), 60, d, -1, 1);
            q[1] = q[0].clone();
            for (int k = 0; k < d; k++) {
                q[1][k] = -q[0][k];
            }
            for (double eps : new double[] {5.0, 1e300, Double.MAX_VALUE}) {
                assertResult(filled(60, 0), all(60, true), clusterAllShapes(q, DbscanParams.of(eps, 60).metric(C)));
            }
            DataSet two = new DataSet("cosine-eps-2-d" + d, q, 2.0, 60, C);
            assertMatchesReference(two, dbscan().cluster(q, two.params()), "double rows");
        }
    }

    // ---------------------------------------------------------------- validation

    private static final Pattern ROW_3 = Pattern.compile("\\brow 3\\b");

    /** Asserts that {@code call} throws {@code type} with a message containing {@code names}. */
    private static void assertMessage(Class<? extends RuntimeException> type, String names, Runnable call) {
        RuntimeException e = assertThrows(type, call::run);
        assertTrue(e.getMessage() != null && e.getMessage().contains(names),
                "message should name " + names + ": " + e.getMessage());
    }

    private void assertRejected(Pattern namesRow, Runnable call) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call::run);
        assertTrue(e.getMessage() != null && namesRow.matcher(e.getMessage()).find(),
                "message should name the row (" + namesRow + "): " + e.getMessage());
    }

    private static double[][] rows5(int d) {
        double[][] p = new double[5][d];
        for (int i = 0; i < 5; i++) {
            for (int k = 0; k < d; k++) {
                p[i][k] = i + 0.5 * k + 1;
            }
        }
        return p;
    }

    /** Hands {@code check} one call per input shape of {@code p} (float shapes when the values survive the cast). */
    private void forEachShape(double[][] p, DbscanParams params, Consumer<Runnable> check) {
        DataSet s = new DataSet("v", p, params.eps(), params.minPts(), params.metric());
        int d = p[0].length;
        check.accept(() -> dbscan().cluster(p, params));
        check.accept(() -> dbscan().cluster(s.flatDoubles(), d, params));
        if (s.floatExact() || hasNonFinite(p)) {
            float[][] f = new float[p.length][d];
            float[] flat = new float[p.length * d];
            for (int i = 0; i < p.length; i++) {
                for (int k = 0; k < d; k++) {
                    f[i][k] = (float) p[i][k];
                    flat[i * d + k] = (float) p[i][k];
                }
            }
            check.accept(() -> dbscan().cluster(f, params));
            check.accept(() -> dbscan().cluster(flat, d, params));
        }
    }

    private static boolean hasNonFinite(double[][] p) {
        for (double[] row : p) {
            for (double v : row) {
                if (!Double.isFinite(v)) {
                    return true;
                }
            }
        }
        return false;
    }

    @Test
    void nonFiniteCoordinate_rejectedNamingTheRow() {
        for (int d : new int[] {1, 2, 8}) {
            for (double bad : new double[] {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY}) {
                for (Metric metric : Metric.values()) {
                    double[][] p = rows5(d);
                    p[3][d - 1] = bad;
                    forEachShape(p, DbscanParams.of(1, 2).metric(metric), call -> assertRejected(ROW_3, call));
                }
            }
        }
    }

    @Test
    void euclideanCoordinateAbove1e150_rejectedNamingTheRow_cosineAccepts() {
        for (double bad : new double[] {Math.nextUp(1e150), -1.1e150, 1e200, Double.MAX_VALUE}) {
            double[][] p = rows5(3);
            p[3][1] = bad;
            forEachShape(p, DbscanParams.of(1, 2), call -> assertRejected(ROW_3, call));
            assertEquals(5, dbscan().cluster(p, DbscanParams.of(1, 2).metric(C)).size());
        }
        double[][] p = rows5(3);
        p[3][1] = 1e150;
        p[2][0] = -1e150;
        assertEquals(5, dbscan().cluster(p, DbscanParams.of(1, 2)).size(), "1e150 itself is accepted");
    }

    @Test
    void zeroVectorUnderCosine_rejectedNamingTheRow_euclideanAccepts() {
        for (int d : new int[] {1, 2, 8}) {
            double[][] p = rows5(d);
            Arrays.fill(p[3], 0.0);
            forEachShape(p, DbscanParams.of(0.1, 2).metric(C), call -> assertRejected(ROW_3, call));
            p[3][0] = -0.0;
            forEachShape(p, DbscanParams.of(0.1, 2).metric(C), call -> assertRejected(ROW_3, call));
            assertEquals(5, dbscan().cluster(p, DbscanParams.of(0.1, 2)).size());
            // The smallest non-zero row is fine.
            p[3][0] = Double.MIN_VALUE;
            assertEquals(5, dbscan().cluster(p, DbscanParams.of(0.1, 2).metric(C)).size());
        }
    }

    @Test
    void raggedNullAndEmptyRows_rejectedNamingTheRow() {
        DbscanParams params = DbscanParams.of(1, 2);
        double[][] shorter = rows5(3);
        shorter[3] = new double[2];
        assertRejected(ROW_3, () -> dbscan().cluster(shorter, params));
        double[][] longer = rows5(3);
        longer[3] = new double[4];
        assertRejected(ROW_3, () -> dbscan().cluster(longer, params));
        double[][] nullRow = rows5(3);
        nullRow[3] = null;
        assertRejected(ROW_3, () -> dbscan().cluster(nullRow, params));
        double[][] emptyRow = rows5(3);
        emptyRow[3] = new double[0];
        assertRejected(ROW_3, () -> dbscan().cluster(emptyRow, params));
        Pattern row0 = Pattern.compile("\\brow 0\\b");
        double[][] firstNull = rows5(3);
        firstNull[0] = null;
        assertRejected(row0, () -> dbscan().cluster(firstNull, params));
        assertRejected(row0, () -> dbscan().cluster(new double[][] {{}, {}}, params));
        assertRejected(row0, () -> dbscan().cluster(new double[][] {{}}, params));

        float[][] fShorter = {{1, 2}, {1, 2}, {1, 2}, {1}, {1, 2}};
        assertRejected(ROW_3, () -> dbscan().cluster(fShorter, params));
        float[][] fNull = {{1, 2}, {1, 2}, {1, 2}, null, {1, 2}};
        assertRejected(ROW_3, () -> dbscan().cluster(fNull, params));
        float[][] fEmpty = {{1, 2}, {1, 2}, {1, 2}, {}, {1, 2}};
        assertRejected(ROW_3, () -> dbscan().cluster(fEmpty, params));
        assertRejected(row0, () -> dbscan().cluster(new float[][] {null, {1}}, params));
        assertRejected(row0, () -> dbscan().cluster(new float[][] {{}}, params));
    }

    @Test
    void flatArrays_badLengthOrDimension_rejected() {
        DbscanParams params = DbscanParams.of(1, 2);
        assertMessage(IllegalArgumentException.class, "whole number",
                () -> dbscan().cluster(new double[7], 2, params));
        assertMessage(IllegalArgumentException.class, "whole number",
                () -> dbscan().cluster(new float[7], 3, params));
        assertMessage(IllegalArgumentException.class, "whole number",
                () -> dbscan().cluster(new double[1], 2, params));
        for (int dim : new int[] {0, -1, Integer.MIN_VALUE}) {
            assertMessage(IllegalArgumentException.class, "dim", () -> dbscan().cluster(new double[4], dim, params));
            assertMessage(IllegalArgumentException.class, "dim", () -> dbscan().cluster(new float[4], dim, params));
            assertMessage(IllegalArgumentException.class, "dim", () -> dbscan().cluster(new double[0], dim, params));
            assertMessage(IllegalArgumentException.class, "dim", () -> dbscan().cluster(new float[0], dim, params));
        }
        // A whole number of rows is fine.
        assertEquals(3, dbscan().cluster(new double[6], 2, params).size());
        assertEquals(2, dbscan().cluster(new float[6], 3, params).size());
    }

    @Test
    void nullArguments_throwNullPointerException() {
        DbscanParams params = DbscanParams.of(1, 2);
        Class<NullPointerException> npe = NullPointerException.class;
        assertMessage(npe, "points", () -> dbscan().cluster((double[][]) null, params));
        assertMessage(npe, "points", () -> dbscan().cluster((float[][]) null, params));
        assertMessage(npe, "points", () -> dbscan().cluster((double[]) null, 2, params));
        assertMessage(npe, "points", () -> dbscan().cluster((float[]) null, 2, params));
        assertMessage(npe, "params", () -> dbscan().cluster(rows5(2), null));
        assertMessage(npe, "params", () -> dbscan().cluster(new float[][] {{1}}, null));
        assertMessage(npe, "params", () -> dbscan().cluster(new double[2], 2, null));
        assertMessage(npe, "params", () -> dbscan().cluster(new float[2], 2, null));
        assertMessage(npe, "metric", () -> DbscanParams.of(1, 2).metric(null));
    }

    @Test
    void params_validatedAndImmutable() {
        for (double eps : new double[] {0.0, -0.0, -1.0, -Double.MIN_VALUE, Double.NaN, Double.POSITIVE_INFINITY,
                Double.NEGATIVE_INFINITY}) {
            assertThrows(IllegalArgumentException.class, () -> DbscanParams.of(eps, 2), "eps " + eps);
        }
        for (int minPts : new int[] {0, -1, Integer.MIN_VALUE}) {
            assertThrows(IllegalArgumentException.class, () -> DbscanParams.of(1, minPts), "minPts " + minPts);
        }
        assertThrows(IllegalArgumentException.class, () -> DbscanParams.of(1, 2).threads(-1));
        assertThrows(IllegalArgumentException.class, () -> DbscanParams.of(1, 2).threads(Integer.MIN_VALUE));

        DbscanParams p = DbscanParams.of(Double.MIN_VALUE, Integer.MAX_VALUE);
        assertEquals(Double.MIN_VALUE, p.eps());
        assertEquals(Integer.MAX_VALUE, p.minPts());
        assertEquals(Metric.EUCLIDEAN, p.metric());
        assertEquals(0, p.threads());
        DbscanParams q = p.metric(C).threads(7);
        assertEquals(Metric.EUCLIDEAN, p.metric(), "metric() returns a copy");
        assertEquals(0, p.threads(), "threads() returns a copy");
        assertEquals(C, q.metric());
        assertEquals(7, q.threads());
        assertEquals(Double.MIN_VALUE, q.eps());
        assertEquals(Integer.MAX_VALUE, q.minPts());
        assertEquals(Double.MAX_VALUE, DbscanParams.of(Double.MAX_VALUE, 1).eps());
        assertEquals(q, p.metric(C).threads(7));
        assertEquals(q.hashCode(), p.metric(C).threads(7).hashCode());
        assertNotEquals(p, q);
    }

    // ---------------------------------------------------------------- threads, input, concurrency, result

    static Stream<DataSet> threadSets() {
        List<DataSet> l = new ArrayList<>(DbscanData.catalogue());
        for (String name : List.of("lattice2d-int", "lattice5d-int", "intvec4d-cos-45", "intvec6d-cos-tiny", "wide2d",
                "subnormal8d", "pair-eps-16d-cos-1", "pair-eps-2d-1")) {
            l.add(DbscanData.boundaryCatalogue().stream().filter(s -> s.name().equals(name)).findFirst()
                    .orElseThrow());
        }
        return l.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("threadSets")
    void threadCount_doesNotChangeTheResult(DataSet s) {
        DbscanResult one = dbscan().cluster(s.points(), s.params().threads(1));
        for (int threads : new int[] {2, 3, 8, Integer.MAX_VALUE, 0, 0}) {
            DbscanResult r = dbscan().cluster(s.points(), s.params().threads(threads));
            assertSameResult(s, one, r, "threads(1)", "threads(" + threads + ")");
            assertEquals(one, r);
        }
    }

    @Test
    void input_isNotModified() {
        DataSet s = DbscanData.named("emb16-cos");
        double[][] rows = s.points();
        double[][] rowsCopy = Arrays.stream(rows).map(double[]::clone).toArray(double[][]::new);
        float[][] fRows = s.floatRows();
        float[][] fRowsCopy = Arrays.stream(fRows).map(float[]::clone).toArray(float[][]::new);
        double[] flat = s.flatDoubles();
        double[] flatCopy = flat.clone();
        float[] fFlat = s.flatFloats();
        float[] fFlatCopy = fFlat.clone();
        for (Metric metric : Metric.values()) {
            DbscanParams p = s.params().metric(metric);
            dbscan().cluster(rows, p);
            dbscan().cluster(fRows, p);
            dbscan().cluster(flat, s.dim(), p);
            dbscan().cluster(fFlat, s.dim(), p);
        }
        assertTrue(Arrays.deepEquals(rowsCopy, rows));
        assertTrue(Arrays.deepEquals(fRowsCopy, fRows));
        assertArrayEquals(flatCopy, flat);
        assertArrayEquals(fFlatCopy, fFlat);
    }

    @Test
    void concurrentCalls_eachGetItsOwnCorrectResult() throws Exception {
        List<DataSet> sets = List.of(DbscanData.named("blobs2d"), DbscanData.named("sphere3d-cos"),
                DbscanData.named("emb32"), DbscanData.named("emb128-cos"));
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int round = 0; round < 3; round++) {
                for (DataSet s : sets) {
                    futures.add(pool.submit(() -> assertMatchesReference(s, dbscan().cluster(s.points(), s.params()),
                            "concurrent")));
                }
            }
            for (Future<?> f : futures) {
                f.get(5, TimeUnit.MINUTES);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void facade_usesTheActiveBackend_sameAnswer() {
        assertEquals(Ferrite.backend(), Clustering.dbscan().backend(), "Clustering.dbscan() is the active backend");
        assertEquals(backend, Clustering.dbscan(backend).backend(), "Clustering.dbscan(backend)");
        DataSet s = DbscanData.named("circle2d-cos");
        assertMatchesReference(s, Clustering.dbscan(s.points(), s.params()), "Clustering.dbscan(double[][])");
        assertMatchesReference(s, Clustering.dbscan(s.floatRows(), s.params()), "Clustering.dbscan(float[][])");
        assertMatchesReference(s, Clustering.dbscan(s.flatDoubles(), s.dim(), s.params()),
                "Clustering.dbscan(double[], dim)");
        assertMatchesReference(s, Clustering.dbscan(s.flatFloats(), s.dim(), s.params()),
                "Clustering.dbscan(float[], dim)");
    }

    @Test
    void result_accessorsConsistent_andCopies() {
        DataSet s = DbscanData.named("blobs2d");
        DbscanResult r = dbscan().cluster(s.points(), s.params());
        BruteForce.Expected e = s.expected();
        assertEquals(s.n(), r.size());
        assertEquals(e.clusterCount(), r.clusterCount());
        int[] labels = r.labels();
        boolean[] core = r.coreFlags();
        int[] sizes = r.clusterSizes();
        assertEquals(r.clusterCount(), sizes.length);
        int[] counted = new int[r.clusterCount()];
        int noise = 0;
        for (int i = 0; i < s.n(); i++) {
            assertEquals(labels[i], r.label(i));
            assertEquals(core[i], r.isCore(i));
            if (labels[i] == Dbscan.NOISE) {
                noise++;
                assertFalse(core[i], "a core point is never noise");
            } else {
                counted[labels[i]]++;
            }
        }
        assertArrayEquals(counted, sizes);
        assertEquals(noise, r.noiseCount());
        assertEquals(s.n(), Arrays.stream(sizes).sum() + r.noiseCount());
        assertTrue(r.noiseCount() > 0 && r.clusterCount() > 1, "the data set has noise and several clusters");

        labels[0] = 12345;
        core[0] = !core[0];
        sizes[0] = -7;
        assertNotEquals(12345, r.labels()[0], "labels() is a copy");
        assertEquals(r.isCore(0), r.coreFlags()[0], "coreFlags() agrees with isCore() after the copy was changed");
        assertNotEquals(core[0], r.coreFlags()[0], "coreFlags() is a copy");
        assertNotEquals(-7, r.clusterSizes()[0], "clusterSizes() is a copy");

        assertThrows(IndexOutOfBoundsException.class, () -> r.label(s.n()));
        assertThrows(IndexOutOfBoundsException.class, () -> r.label(-1));
        assertThrows(IndexOutOfBoundsException.class, () -> r.isCore(s.n()));
        assertThrows(IndexOutOfBoundsException.class, () -> r.isCore(-1));
        assertEquals(r, dbscan().cluster(s.points(), s.params()));
        assertEquals(r.hashCode(), dbscan().cluster(s.points(), s.params()).hashCode());
    }
}
