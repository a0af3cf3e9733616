package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.agglomerative.AgglomerativeParams;
import dev.ferrite.agglomerative.Dendrogram;
import dev.ferrite.agglomerative.Linkage;
import dev.ferrite.dbscan.Metric;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * One agglomerative clustering of a whole workload per operation, on each backend ({@code SingleShotTime}: seconds
 * per operation). The workloads are the rows of issue #17's table (SciPy 1.17.1 / scikit-learn 1.9.1 took 17.8,
 * 18.2, 4.4, 44.2 and 12.6 s on the 2-core build machine): {@code ward20k}, {@code average20k}, {@code single20k}
 * (20,000 2-D points in 15 Gaussian blobs), {@code ward10k1536} (10,000 unit vectors of 1,536 dimensions) and
 * {@code averageCosine10k384} (10,000 vectors of 384 dimensions, cosine). Points are generated once per trial from a
 * fixed seed, as {@code float}s. After the measurement the Java backend's last dendrogram is compared with the
 * native one (they must be equal).
 *
 * <p>Not in {@code scripts/bench.sh}'s kernel list yet; run it from the benchmarks jar:
 * {@code java --enable-native-access=ALL-UNNAMED -jar benchmarks/target/benchmarks.jar HierarchicalBench
 * -p workload=ward20k}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class HierarchicalBench {

    @Param({"native", "java"})
    public String impl;

    @Param({"ward20k", "average20k", "single20k", "ward10k1536", "averageCosine10k384"})
    public String workload;

    private float[] points;
    private int dim;
    private AgglomerativeParams params;
    private Dendrogram last;

    @Setup(Level.Trial)
    public void setUp() {
        int n;
        boolean unit = false;
        switch (workload) {
            case "ward20k" -> {
                n = 20_000;
                dim = 2;
                params = AgglomerativeParams.of(Linkage.WARD);
            }
            case "average20k" -> {
                n = 20_000;
                dim = 2;
                params = AgglomerativeParams.of(Linkage.AVERAGE);
            }
            case "single20k" -> {
                n = 20_000;
                dim = 2;
                params = AgglomerativeParams.of(Linkage.SINGLE);
            }
            case "ward10k1536" -> {
                n = 10_000;
                dim = 1536;
                unit = true;
                params = AgglomerativeParams.of(Linkage.WARD);
            }
            case "averageCosine10k384" -> {
                n = 10_000;
                dim = 384;
                params = AgglomerativeParams.of(Linkage.AVERAGE).metric(Metric.COSINE);
            }
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        }
        points = blobs(n, dim, unit);
    }

    /** {@code n} points around 15 Gaussian centres (scaled to unit length when {@code unit}). */
    static float[] blobs(int n, int dim, boolean unit) {
        SplittableRandom r = new SplittableRandom(17);
        double[][] centres = new double[15][dim];
        for (double[] c : centres) {
            for (int k = 0; k < dim; k++) {
                c[k] = r.nextGaussian() * 3;
            }
        }
        float[] x = new float[n * dim];
        double[] row = new double[dim];
        for (int i = 0; i < n; i++) {
            double[] c = centres[r.nextInt(15)];
            double s = 0;
            for (int k = 0; k < dim; k++) {
                row[k] = c[k] + r.nextGaussian();
                s += row[k] * row[k];
            }
            double scale = unit ? 1 / Math.sqrt(s) : 1;
            for (int k = 0; k < dim; k++) {
                x[i * dim + k] = (float) (row[k] * scale);
            }
        }
        return x;
    }

    @Benchmark
    public Dendrogram cluster() {
        last = Clustering.agglomerative(Backend.valueOf(impl.toUpperCase(Locale.ROOT))).cluster(points, dim, params);
        return last;
    }

    /** Checks the Java backend's last result against the native one (outside the measurement). */
    @TearDown(Level.Trial)
    public void check() {
        if (last == null || impl.equals("native")) {
            return;
        }
        Dendrogram reference = Clustering.agglomerative(Backend.NATIVE).cluster(points, dim, params);
        if (!reference.equals(last)) {
            throw new IllegalStateException("hierarchical check: " + workload + ": the Java dendrogram differs from"
                    + " the native one");
        }
        System.out.printf(Locale.ROOT, "%nhierarchical check: %s on %s: same dendrogram as native%n", impl, workload);
    }
}
