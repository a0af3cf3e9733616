package dev.ferrite.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.dbscan.Metric;
import dev.ferrite.silhouette.Silhouette;
import dev.ferrite.silhouette.SilhouetteResult;
import java.util.Arrays;
import java.util.Set;
import java.util.concurrent.Callable;
import org.junit.jupiter.api.Tag;

/**
 * Silhouette values on both backends with small fuzzed point sets (up to 40 points of 1 to 6 coordinates, from a
 * palette with NaN, infinities, signed zeros, huge and tiny values and exact duplicates of earlier points), fuzzed
 * labels (noise, few or many clusters, too few or too many), metric and input form. In this range both backends take
 * the direct path (Euclidean up to 16 dimensions; cosine up to 3, where both add the products in coordinate order) and
 * must return the same bits: every value and the mean, or the same documented IllegalArgumentException. (Above that
 * their products add in different orders and they agree within 1e-9, which SilhouetteBackendsAgreeTest checks.)
 */
@Tag("native")
class SilhouetteFuzz {
    private static final Silhouette NATIVE = Clustering.silhouette(Backend.NATIVE);
    private static final Silhouette JAVA = Clustering.silhouette(Backend.JAVA);
    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        1.0, -1.0, 0.5, 1e150, 2e150, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 3.4e38, 1e39, 1e-45};

    @FuzzTest
    void compute(FuzzedDataProvider data) {
        Metric metric = data.consumeBoolean() ? Metric.EUCLIDEAN : Metric.COSINE;
        int dim = data.consumeInt(1, metric == Metric.COSINE ? 3 : 6);
        int n = data.consumeInt(0, 40);
        int form = data.consumeInt(0, 3);
        int clusters = data.consumeInt(1, 6);
        double[][] rows = new double[n][];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = switch (data.consumeInt(0, 9)) {
                case 0 -> -1 - data.consumeInt(0, 3); // noise
                case 1 -> data.consumeInt(); // any label value
                default -> data.consumeInt(0, clusters - 1);
            };
            if (i > 0 && data.consumeInt(0, 5) == 0) {
                rows[i] = rows[data.consumeInt(0, i - 1)].clone();
                continue;
            }
            rows[i] = new double[dim];
            for (int k = 0; k < dim; k++) {
                rows[i][k] = switch (data.consumeInt(0, 7)) {
                    case 0 -> SPECIAL[data.consumeInt(0, SPECIAL.length - 1)];
                    case 1 -> data.consumeDouble();
                    case 2 -> data.consumeRegularDouble(-1.0, 1.0);
                    default -> data.consumeInt(-4, 4) / 2.0;
                };
            }
        }
        String what = metric + " form=" + form + " labels=" + Arrays.toString(labels) + " points="
                + Arrays.deepToString(rows);
        Set<Class<? extends Exception>> documented = Set.of(IllegalArgumentException.class);
        switch (form) {
            case 0 -> Differential.same("compute(double[][]) " + what, bits(() -> NATIVE.compute(rows, labels, metric)),
                    bits(() -> JAVA.compute(rows, labels, metric)), documented);
            case 1 -> {
                float[][] f = new float[n][];
                for (int i = 0; i < n; i++) {
                    f[i] = new float[dim];
                    for (int k = 0; k < dim; k++) {
                        f[i][k] = (float) rows[i][k];
                    }
                }
                Differential.same("compute(float[][]) " + what, bits(() -> NATIVE.compute(f, labels, metric)),
                        bits(() -> JAVA.compute(f, labels, metric)), documented);
            }
            case 2 -> {
                double[] flat = new double[n * dim];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(rows[i], 0, flat, i * dim, dim);
                }
                Differential.same("compute(double[], " + dim + ") " + what,
                        bits(() -> NATIVE.compute(flat, dim, labels, metric)),
                        bits(() -> JAVA.compute(flat, dim, labels, metric)), documented);
            }
            default -> {
                float[] flat = new float[n * dim];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < dim; k++) {
                        flat[i * dim + k] = (float) rows[i][k];
                    }
                }
                Differential.same("compute(float[], " + dim + ") " + what,
                        bits(() -> NATIVE.compute(flat, dim, labels, metric)),
                        bits(() -> JAVA.compute(flat, dim, labels, metric)), documented);
            }
        }
    }

    /** The result as values compared bit for bit: the bits of every value, of the mean, and the count. */
    private static Callable<Object> bits(Callable<SilhouetteResult> call) {
        return () -> {
            SilhouetteResult r = call.call();
            double[] v = r.values();
            long[] b = new long[v.length + 2];
            for (int i = 0; i < v.length; i++) {
                b[i] = Double.doubleToRawLongBits(v[i]);
            }
            b[v.length] = Double.doubleToRawLongBits(r.mean());
            b[v.length + 1] = r.count();
            return b;
        };
    }
}
