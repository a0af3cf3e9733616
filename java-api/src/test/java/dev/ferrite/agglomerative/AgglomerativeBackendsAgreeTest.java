package dev.ferrite.agglomerative;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.Ferrite;
import dev.ferrite.dbscan.Metric;
import java.util.SplittableRandom;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The Java and the native backend give identical dendrograms (every merge, every height bit for bit), as the canonical
 * arithmetic of {@link Agglomerative} requires: on seeded clustered and tie-heavy data in 1 to 70 dimensions, both
 * metrics, double and float input.
 *
 * <p>Needs the native library: fails (does not skip) when it is not available.
 */
@Tag("native")
class AgglomerativeBackendsAgreeTest {
    @BeforeAll
    static void nativeIsAvailable() {
        assertTrue(Ferrite.isAvailable(Backend.NATIVE), "the native backend must be available for this test: "
                + Ferrite.nativeLoadError().map(Throwable::getMessage).orElse("?"));
    }

    @ParameterizedTest
    @EnumSource(Linkage.class)
    void sameDendrogram(Linkage linkage) {
        Agglomerative jv = Clustering.agglomerative(Backend.JAVA);
        Agglomerative nat = Clustering.agglomerative(Backend.NATIVE);
        int[] dims = {1, 2, 3, 9, 17, 70};
        for (int s = 0; s < dims.length; s++) {
            int dim = dims[s];
            SplittableRandom random = new SplittableRandom(1000 + s);
            int n = 300 + random.nextInt(500);
            float[] x = new float[n * dim];
            double[][] centres = new double[5][dim];
            for (double[] c : centres) {
                for (int k = 0; k < dim; k++) {
                    c[k] = random.nextDouble(-10, 10);
                }
            }
            for (int i = 0; i < n; i++) {
                double[] c = centres[random.nextInt(5)];
                for (int k = 0; k < dim; k++) {
                    double v = c[k] + random.nextGaussian();
                    x[i * dim + k] = (float) (s % 2 == 0 ? v : Math.rint(v * 2) / 2); // odd sets: many ties
                }
            }
            for (Metric metric : Metric.values()) {
                if (linkage == Linkage.WARD && metric == Metric.COSINE) {
                    continue;
                }
                AgglomerativeParams params = AgglomerativeParams.of(linkage).metric(metric);
                String what = linkage + " " + metric + " dim " + dim + " n " + n;
                try {
                    assertEquals(jv.cluster(x, dim, params), nat.cluster(x, dim, params), what);
                } catch (IllegalArgumentException e) {
                    // A zero vector under cosine: both backends refuse it alike.
                    IllegalArgumentException n2 = org.junit.jupiter.api.Assertions.assertThrows(
                            IllegalArgumentException.class, () -> nat.cluster(x, dim, params));
                    assertEquals(e.getMessage(), n2.getMessage(), what);
                    continue;
                }
                double[] wide = new double[x.length];
                for (int i = 0; i < x.length; i++) {
                    wide[i] = x[i];
                }
                assertEquals(jv.cluster(wide, dim, params), nat.cluster(wide, dim, params), what + " (double)");
            }
        }
    }
}
