package dev.ferrite.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.dbscan.Dbscan;
import dev.ferrite.dbscan.DbscanParams;
import dev.ferrite.dbscan.Metric;
import java.util.Arrays;
import java.util.Set;
import org.junit.jupiter.api.Tag;

/**
 * DBSCAN on both backends with small fuzzed point sets (up to 40 points of 1 to 6 coordinates, drawn from a palette
 * with NaN, infinities, signed zeros, huge and tiny values, near-duplicates and exact duplicates of earlier points),
 * fuzzed eps, minPts, thread count, metric and input form (rows or flat, double or float). Both must return equal
 * DbscanResults (labels and core flags) or throw the same IllegalArgumentException.
 */
@Tag("native")
class DbscanFuzz {
    private static final Dbscan NATIVE = Clustering.dbscan(Backend.NATIVE);
    private static final Dbscan JAVA = Clustering.dbscan(Backend.JAVA);
    private static final double[] SPECIAL = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        1.0, -1.0, 0.5, 1e150, 2e150, 1e-300, Double.MIN_VALUE, Double.MAX_VALUE, 3.4e38, 1e39, 1e-45};

    @FuzzTest
    void cluster(FuzzedDataProvider data) {
        int dim = data.consumeInt(1, 6);
        int n = data.consumeInt(0, 40);
        Metric metric = data.consumeBoolean() ? Metric.EUCLIDEAN : Metric.COSINE;
        int form = data.consumeInt(0, 3);
        int minPts = data.consumeInt(1, 8);
        int threads = data.consumeInt(0, 3);
        double eps = switch (data.consumeInt(0, 3)) {
            case 0 -> data.consumeDouble();
            case 1 -> data.consumeInt(1, 40) / 8.0;
            case 2 -> data.consumeRegularDouble(0.0, 2.0);
            default -> SPECIAL[data.consumeInt(0, SPECIAL.length - 1)];
        };
        DbscanParams params;
        try {
            params = DbscanParams.of(eps, minPts).metric(metric).threads(threads);
        } catch (IllegalArgumentException e) {
            return; // shared parameter checks, not a backend's
        }
        double[][] rows = new double[n][];
        for (int i = 0; i < n; i++) {
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
                    default -> data.consumeInt(-4, 4) / 2.0; // a lattice: many exact ties at distance eps
                };
            }
        }
        String what = "params=" + params + " form=" + form + " points=" + Arrays.deepToString(rows);
        Set<Class<? extends Exception>> documented = Set.of(IllegalArgumentException.class);
        switch (form) {
            case 0 -> Differential.same("cluster(double[][]) " + what, () -> NATIVE.cluster(rows, params),
                    () -> JAVA.cluster(rows, params), documented);
            case 1 -> {
                float[][] f = new float[n][];
                for (int i = 0; i < n; i++) {
                    f[i] = new float[dim];
                    for (int k = 0; k < dim; k++) {
                        f[i][k] = (float) rows[i][k];
                    }
                }
                Differential.same("cluster(float[][]) " + what, () -> NATIVE.cluster(f, params),
                        () -> JAVA.cluster(f, params), documented);
            }
            case 2 -> {
                double[] flat = new double[n * dim];
                for (int i = 0; i < n; i++) {
                    System.arraycopy(rows[i], 0, flat, i * dim, dim);
                }
                Differential.same("cluster(double[], " + dim + ") " + what, () -> NATIVE.cluster(flat, dim, params),
                        () -> JAVA.cluster(flat, dim, params), documented);
            }
            default -> {
                float[] flat = new float[n * dim];
                for (int i = 0; i < n; i++) {
                    for (int k = 0; k < dim; k++) {
                        flat[i * dim + k] = (float) rows[i][k];
                    }
                }
                Differential.same("cluster(float[], " + dim + ") " + what, () -> NATIVE.cluster(flat, dim, params),
                        () -> JAVA.cluster(flat, dim, params), documented);
            }
        }
    }
}
