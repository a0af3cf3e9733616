package dev.ferrite.dbscan;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.dbscan.DbscanData.DataSet;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import smile.math.distance.Distance;

/**
 * DBSCAN on each backend against Smile's (an independent implementation): the partition of core points and the noise
 * set are the same, with Smile's minPts shifted by one because Smile does not count the point itself. Tagged
 * {@code smile}: Smile 4 is built for Java 21, so the JDK 17 run of the suite leaves this class out.
 */
@Tag("smile")
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class DbscanSmileTest {
    private static final Metric E = Metric.EUCLIDEAN;
    private static final Metric C = Metric.COSINE;

    @Parameter
    Backend backend;

    private Dbscan dbscan() {
        return Clustering.dbscan(backend);
    }

    static Stream<DataSet> smileSets() {
        List<DataSet> l = new ArrayList<>();
        l.add(smileSet("blobs2d", DbscanData.blobs2d(51, 500, 5, 0.35, 0.15), 0.3, 5, E));
        l.add(smileSet("moons", DbscanData.moons(52, 400, 0.08), 0.15, 5, E));
        l.add(smileSet("uniform2d", DbscanData.uniform(53, 500, 2, 0, 10), 0.45, 3, E));
        l.add(smileSet("line1d", DbscanData.blobs1d(54, 400), 0.06, 4, E));
        l.add(smileSet("sphere3d", DbscanData.embeddings(55, 500, 3, 6, 0.25, 0.1, false, 0), 0.12, 4, E));
        l.add(smileSet("emb8", DbscanData.embeddings(56, 500, 8, 6, 0.4, 0.1, false, 0), 0.35, 4, E));
        l.add(smileSet("minPts2", DbscanData.blobs2d(57, 400, 5, 0.3, 0.3), 0.2, 2, E));
        l.add(smileSet("circle2d-cos", DbscanData.embeddings(58, 500, 2, 6, 0.15, 0.1, false, 2), 2e-4, 5, C));
        l.add(smileSet("emb32-cos", DbscanData.embeddings(59, 500, 32, 6, 0.5, 0.1, false, 1), 0.15, 5, C));
        return l.stream();
    }

    private static DataSet smileSet(String name, double[][] points, double eps, int minPts, Metric metric) {
        return new DataSet("smile-" + name, DbscanData.separated(points, eps, metric, name.hashCode()), eps, minPts,
                metric);
    }

    /** Textbook cosine distance {@code 1 - a.b / (|a| |b|)}, independent of the canonical formula. */
    private static final Distance<double[]> TEXTBOOK_COSINE = (a, b) -> {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return 1 - dot / Math.sqrt(na * nb);
    };

    private static final int SMILE_OUTLIER = smile.clustering.Clustering.OUTLIER;

    private static int[] smileLabels(DataSet s, int smileMinPts) {
        smile.clustering.DBSCAN<double[]> model = s.metric() == E
                ? smile.clustering.DBSCAN.fit(s.points(), smileMinPts, s.eps())
                : smile.clustering.DBSCAN.fit(s.points(), TEXTBOOK_COSINE, smileMinPts, s.eps());
        return model.group();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("smileSets")
    void corePartitionAndNoise_equalSmile(DataSet s) {
        DbscanResult ours = dbscan().cluster(s.points(), s.params());
        int[] theirs = smileLabels(s, s.minPts() - 1);
        int[] labels = ours.labels();
        assertTrue(ours.clusterCount() >= 2 && ours.noiseCount() > 0, s + ": the data set has clusters and noise");
        Map<Integer, Integer> oursToSmile = new HashMap<>();
        Map<Integer, Integer> smileToOurs = new HashMap<>();
        int corePoints = 0;
        for (int i = 0; i < s.n(); i++) {
            boolean smileNoise = theirs[i] == SMILE_OUTLIER;
            assertEquals(labels[i] == Dbscan.NOISE, smileNoise, s + ": point " + i + " noise (ours label "
                    + labels[i] + ", Smile " + theirs[i] + ")");
            if (!ours.isCore(i)) {
                continue;
            }
            corePoints++;
            Integer mapped = oursToSmile.putIfAbsent(labels[i], theirs[i]);
            assertTrue(mapped == null || mapped == theirs[i], s + ": core point " + i + " is in our cluster "
                    + labels[i] + " with Smile cluster " + mapped + ", but Smile puts it in " + theirs[i]);
            Integer back = smileToOurs.putIfAbsent(theirs[i], labels[i]);
            assertTrue(back == null || back == labels[i], s + ": core point " + i + " is in Smile's cluster "
                    + theirs[i] + " with our cluster " + back + ", but ours is " + labels[i]);
        }
        assertEquals(ours.clusterCount(), oursToSmile.size(), s + ": every cluster has a core point");
        assertTrue(corePoints > 0, s + ": core points");
    }

    @Test
    void threePointsInALine_smileMinPtsIsOursMinusOne() {
        // 0, 0.5, 1.0 with eps 0.6: the middle point has 3 neighbours counting itself, the ends 2.
        double[][] p = {{0.0}, {0.5}, {1.0}};
        DbscanResult ours = dbscan().cluster(p, DbscanParams.of(0.6, 3));
        DbscanTest.assertResult(new int[] {0, 0, 0}, new boolean[] {false, true, false}, ours);
        DataSet s = new DataSet("line3", p, 0.6, 3, E);
        assertArrayEquals(new int[] {0, 0, 0}, smileLabels(s, 2), "Smile with minPts 2 = ours with 3");
        int noise = smile.clustering.Clustering.OUTLIER;
        assertArrayEquals(new int[] {noise, noise, noise}, smileLabels(s, 3), "Smile with minPts 3 = ours with 4");
        DbscanTest.assertResult(DbscanTest.filled(3, Dbscan.NOISE), DbscanTest.all(3, false), dbscan().cluster(p, DbscanParams.of(0.6, 4)));
    }
}
