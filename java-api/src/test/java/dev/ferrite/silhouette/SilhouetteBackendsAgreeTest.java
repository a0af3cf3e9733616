package dev.ferrite.silhouette;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.dbscan.Metric;
import dev.ferrite.silhouette.BruteSilhouette.Data;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The two backends directly against each other on sets of several blocks (an odd and an even number of blocks of 256
 * points, the direct and the product paths, both metrics, noise, many clusters): the same bits where both compute the
 * distances directly (Euclidean up to 16 dimensions, cosine up to 3: same formulas, tiles, rounds and summation
 * order), within {@code 1e-9} elsewhere (their products add in different orders).
 */
@Tag("native")
class SilhouetteBackendsAgreeTest {
    @ParameterizedTest(name = "seed {0}: n={1} d={2} k={3} {4}")
    @CsvSource({"21, 1300, 2, 5, EUCLIDEAN", "22, 1100, 100, 4, EUCLIDEAN", "23, 1024, 100, 6, COSINE",
            "24, 800, 3, 30, COSINE", "25, 1500, 16, 9, EUCLIDEAN", "26, 900, 17, 3, EUCLIDEAN"})
    void agree(long seed, int n, int dim, int k, Metric metric) {
        Data data = BruteSilhouette.blobs(seed, n, dim, k, 2.0, true);
        SilhouetteResult java = Clustering.silhouette(Backend.JAVA).compute(data.floats(), data.labels(), metric);
        SilhouetteResult nat = Clustering.silhouette(Backend.NATIVE).compute(data.floats(), data.labels(), metric);
        assertEquals(java.count(), nat.count());
        if (metric == Metric.EUCLIDEAN ? dim <= JavaSilhouette.DIRECT_MAX_DIM : dim <= 3) {
            assertArrayEquals(java.values(), nat.values(), "the same bits on the direct path");
            assertEquals(java.mean(), nat.mean());
        }
        assertEquals(java.mean(), nat.mean(), 1e-9, "mean");
        for (int i = 0; i < n; i++) {
            double a = java.value(i);
            double b = nat.value(i);
            if (Double.isNaN(a)) {
                assertTrue(Double.isNaN(b), "point " + i);
            } else {
                assertEquals(a, b, 1e-9, "point " + i);
            }
        }
    }
}
