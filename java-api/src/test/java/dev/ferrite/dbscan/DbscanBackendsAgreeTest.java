package dev.ferrite.dbscan;

import static dev.ferrite.dbscan.DbscanAssertions.assertSameResult;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.Ferrite;
import dev.ferrite.dbscan.DbscanAssertions.Shape;
import dev.ferrite.dbscan.DbscanData.DataSet;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The Java and the native backend give identical results (labels and core flags), as the specification requires:
 * on many seeded data sets of every generator (blobs, moons, uniform noise, embedding-like data in 3 to 128
 * dimensions, so both the grid and the blocked method), under both metrics, in all four input shapes, with eps taken
 * from the data (the median distance to the k-th neighbour) and, for a second run, placed exactly on one pair's
 * canonical distance; plus every boundary and extreme data set of {@link DbscanData#boundaryCatalogue()}.
 *
 * <p>Needs the native library: fails (does not skip) when it is not available.
 */
@Tag("native")
class DbscanBackendsAgreeTest {
    @BeforeAll
    static void nativeIsAvailable() {
        assertTrue(Ferrite.isAvailable(Backend.NATIVE), "the native backend must be available for this test: "
                + Ferrite.nativeLoadError().map(Throwable::getMessage).orElse("?"));
    }

    static Stream<DataSet> seeded() {
        List<DataSet> l = new ArrayList<>();
        for (long seed = 1; seed <= 8; seed++) {
            List<double[][]> data = List.of(
                    DbscanData.blobs2d(seed, 600, 5, 0.35, 0.15),
                    DbscanData.moons(seed, 500, 0.08),
                    DbscanData.uniform(seed, 500, 2, 0.5, 10.5),
                    DbscanData.blobs1d(seed, 400),
                    DbscanData.embeddings(seed, 600, 3, 6, 0.25, 0.1, false, 1),
                    DbscanData.embeddings(seed, 600, 8, 6, 0.4, 0.1, false, 1),
                    DbscanData.embeddings(seed, 700, 32, 8, 0.5, 0.1, seed % 2 == 0, 0),
                    DbscanData.embeddings(seed, 400, 128, 6, 0.45, 0.1, false, 2));
            for (double[][] points : data) {
                int d = points[0].length;
                for (Metric metric : Metric.values()) {
                    if (d == 1 && metric == Metric.COSINE) {
                        continue; // every 1-D direction is +1 or -1: covered by the catalogue
                    }
                    int minPts = 3 + (int) (seed % 4);
                    String name = "seed" + seed + "-d" + d + "-" + metric;
                    l.add(new DataSet(name, points, DbscanData.typicalEps(points, metric, minPts, seed), minPts,
                            metric));
                    l.add(new DataSet(name + "-pair-eps", points,
                            DbscanData.epsAtPair(points, metric, minPts - 1, seed), minPts, metric));
                }
            }
        }
        return l.stream();
    }

    static Stream<DataSet> fixed() {
        List<DataSet> l = new ArrayList<>(DbscanData.catalogue());
        l.addAll(DbscanData.boundaryCatalogue());
        return l.stream();
    }

    private static void assertAgree(DataSet s) {
        Dbscan java = Clustering.dbscan(Backend.JAVA);
        Dbscan nativeDbscan = Clustering.dbscan(Backend.NATIVE);
        DbscanResult first = null;
        for (Shape shape : Shape.usable(s)) {
            DbscanResult j = shape.run(java, s, s.params());
            DbscanResult n = shape.run(nativeDbscan, s, s.params());
            assertSameResult(s, j, n, "JAVA", "NATIVE, " + shape);
            if (first == null) {
                first = j;
            } else {
                assertSameResult(s, first, j, "JAVA " + Shape.DOUBLE_ROWS, "JAVA " + shape);
            }
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("seeded")
    void seededData_sameOnBothBackends(DataSet s) {
        assertAgree(s);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("fixed")
    void catalogueAndBoundaryData_sameOnBothBackends(DataSet s) {
        assertAgree(s);
    }
}
