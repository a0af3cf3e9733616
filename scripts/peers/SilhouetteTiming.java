import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.dbscan.Metric;
import dev.ferrite.silhouette.Silhouette;
import dev.ferrite.silhouette.SilhouetteResult;
import java.util.SplittableRandom;

/**
 * Rough timing of the silhouette workloads of issue #17 (the scikit-learn anchors: 10,000 x 1,536 Euclidean 3.5 s,
 * cosine 2.85 s; 100,000 x 2 Euclidean 56 s, on 2 cores), for both backends: one warm-up run on a smaller set, then
 * the best of {@code runs} timed runs. Not a benchmark harness; the numbers are rough on a shared machine.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -Dferrite.library.path=native-rust/target/release/libferrite.so \
 *      -cp java-api/target/classes:bindings/target/classes scripts/peers/SilhouetteTiming.java [runs] [which] [backend]
 * </pre>
 * {@code which}: {@code all} (default), {@code hd} (10,000 x 1,536, both metrics) or {@code 2d} (100,000 x 2);
 * {@code backend}: {@code native} or {@code java} (default both).
 */
public class SilhouetteTiming {
    public static void main(String[] args) {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 2;
        String which = args.length > 1 ? args[1] : "all";
        Backend[] backends = args.length > 2 ? new Backend[] {Backend.valueOf(args[2].toUpperCase())}
                : new Backend[] {Backend.NATIVE, Backend.JAVA};
        for (Backend backend : backends) {
            Silhouette s = Clustering.silhouette(backend);
            if (!which.equals("2d")) {
                float[] emb = blobs(10_000, 1536, 20, 7);
                int[] labels = labels(10_000, 20);
                s.compute(blobs(1000, 1536, 20, 8), 1536, labels(1000, 20), Metric.EUCLIDEAN); // warm-up
                time(backend + " 10,000 x 1,536 euclidean", runs, () -> s.compute(emb, 1536, labels, Metric.EUCLIDEAN));
                time(backend + " 10,000 x 1,536 cosine", runs, () -> s.compute(emb, 1536, labels, Metric.COSINE));
            }
            if (!which.equals("hd")) {
                double[] pts = doubles(blobs(100_000, 2, 8, 9));
                int[] labels = labels(100_000, 8);
                s.compute(doubles(blobs(5000, 2, 8, 10)), 2, labels(5000, 8), Metric.EUCLIDEAN); // warm-up
                time(backend + " 100,000 x 2 euclidean", runs, () -> s.compute(pts, 2, labels, Metric.EUCLIDEAN));
            }
        }
    }

    interface Work {
        SilhouetteResult run();
    }

    /** Wall time and the process's CPU time (all threads, the native pool's included): on a shared machine the CPU
     * time divided by the cores used is the steadier figure. */
    static void time(String what, int runs, Work work) {
        com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean)
                java.lang.management.ManagementFactory.getOperatingSystemMXBean();
        double best = Double.MAX_VALUE;
        double bestCpu = Double.MAX_VALUE;
        double mean = 0;
        for (int r = 0; r < runs; r++) {
            long c0 = os.getProcessCpuTime();
            long t0 = System.nanoTime();
            mean = work.run().mean();
            best = Math.min(best, (System.nanoTime() - t0) / 1e9);
            bestCpu = Math.min(bestCpu, (os.getProcessCpuTime() - c0) / 1e9);
        }
        System.out.printf("%-40s %8.2f s wall %8.2f s CPU  (best of %d; mean silhouette %.6f)%n", what, best, bestCpu,
                runs, mean);
    }

    /** Point i belongs to cluster i % k: centres uniform in [-1, 1]^d, points Gaussian around them. */
    static float[] blobs(int n, int d, int k, long seed) {
        SplittableRandom r = new SplittableRandom(seed);
        float[][] c = new float[k][d];
        for (float[] row : c) {
            for (int q = 0; q < d; q++) {
                row[q] = (float) r.nextDouble(-1, 1);
            }
        }
        float[] x = new float[n * d];
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < d; q++) {
                x[i * d + q] = c[i % k][q] + (float) (r.nextGaussian() * 0.5);
            }
        }
        return x;
    }

    static int[] labels(int n, int k) {
        int[] l = new int[n];
        for (int i = 0; i < n; i++) {
            l[i] = i % k;
        }
        return l;
    }

    static double[] doubles(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }
}
