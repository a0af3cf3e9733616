package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.dbscan.Metric;
import dev.ferrite.silhouette.Silhouette;
import dev.ferrite.silhouette.SilhouetteResult;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * One silhouette computation of a whole workload per operation, on the native backend and the Java fallback (no
 * peers in JMH; scikit-learn's figures on the same machine were 3.5 s for {@code embed10k} Euclidean, 2.85 s cosine,
 * and 56 s for {@code blobs100k}). Operations take seconds, so each is timed on its own ({@code SingleShotTime}).
 *
 * <p>Workloads: {@code embed10k-euclidean} and {@code embed10k-cosine}, 10,000 x 1,536 float vectors around 20
 * centres; {@code blobs100k}, 100,000 2-D points (floats) around 8 centres, Euclidean. Labels: point {@code i}
 * is in cluster {@code i % k}; {@code embed1k} and {@code blobs10k}, a tenth of those, are the smoke run's. The points
 * are made once per fork, outside the measurement. Run with {@code scripts/bench.sh --quick --kernel silhouette}
 * ({@code --full} for the results), or {@code java -jar benchmarks/target/benchmarks.jar SilhouetteBench}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(value = 1, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class SilhouetteBench {
    @Param({"native", "java"})
    public String impl;

    @Param({"embed10k-euclidean", "embed10k-cosine", "blobs100k"})
    public String workload;

    private Silhouette silhouette;
    private float[] points;
    private int dim;
    private int[] labels;
    private Metric m;

    @Setup(Level.Trial)
    public void setUp() {
        silhouette = Clustering.silhouette(impl.equals("native") ? Backend.NATIVE : Backend.JAVA);
        m = workload.endsWith("-cosine") ? Metric.COSINE : Metric.EUCLIDEAN;
        int n;
        int k;
        switch (workload) {
            case "embed10k-euclidean", "embed10k-cosine" -> {
                n = 10_000;
                dim = 1536;
                k = 20;
            }
            case "blobs100k" -> {
                n = 100_000;
                dim = 2;
                k = 8;
            }
            case "embed1k" -> { // the smoke run's
                n = 1000;
                dim = 1536;
                k = 20;
            }
            case "blobs10k" -> { // the smoke run's
                n = 10_000;
                dim = 2;
                k = 8;
            }
            default -> throw new IllegalArgumentException("unknown workload " + workload);
        }
        SplittableRandom r = new SplittableRandom(7);
        float[][] centres = new float[k][dim];
        for (float[] c : centres) {
            for (int q = 0; q < dim; q++) {
                c[q] = (float) r.nextDouble(-1, 1);
            }
        }
        points = new float[n * dim];
        labels = new int[n];
        for (int i = 0; i < n; i++) {
            labels[i] = i % k;
            for (int q = 0; q < dim; q++) {
                points[i * dim + q] = centres[i % k][q] + (float) (r.nextGaussian() * 0.5);
            }
        }
    }

    @Benchmark
    public SilhouetteResult compute() {
        return silhouette.compute(points, dim, labels, m);
    }
}
