package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.dbscan.DbscanParams;
import dev.ferrite.dbscan.DbscanResult;
import dev.ferrite.dbscan.Metric;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;

/**
 * The DBSCAN benchmark workloads: seeded and generated only from {@link SplittableRandom#nextDouble()} (SplitMix64,
 * fixed since Java 8) and {@link StrictMath}, so every JVM builds the same bits, and scikit-learn gets them too
 * through {@link #main export}.
 *
 * <ul>
 *   <li>{@code blobs100k}, {@code blobs1m} (and {@code blobs10k} for the smoke run): 2-D, {@value #BLOB_CENTRES}
 *       Gaussian blobs of standard deviation 1 around centres drawn uniformly in [-50, 50)² at least 12 apart, the
 *       points in random blob order, plus 1% uniform noise over [-55, 55)²; Euclidean, eps = 0.3, minPts = 10 (the
 *       point itself included). 1M points: the 16 blobs; 100k: the 16 blobs and a 10-point fragment of one blob's
 *       outskirts; 10k (sparser): 28 clusters, 2,075 noise points.</li>
 *   <li>{@code embed10k} (and {@code embed1k}): 1,536-dimensional "embeddings", values rounded to float: 20 topic
 *       centres uniform on the unit sphere; a topic's point is centre + B·w + 0.15·z, with B a random 1,536 × 4
 *       basis of the topic (its own directions of variation: the points lie near a 4-D patch, as real embeddings
 *       have a low intrinsic dimension), w ~ N(0, 0.25² I₄) and z a random direction (isotropic spread); topics
 *       have unequal sizes; 5% of the points are noise (random directions). Cosine distance (1 - cos), eps = 0.06,
 *       minPts = 10: the 20 topics, each with core and border points (8,477 core, 964 border, 559 noise). Within a
 *       topic, distances spread from 0 to about 0.8 (the latent patch), between topics they are near 1.</li>
 * </ul>
 */
final class DbscanData {

    /** One workload: the points (the same array for every contender) and the DBSCAN parameters. */
    record Workload(String name, double[][] points, Metric metric, double eps, int minPts) {
        int n() {
            return points.length;
        }

        int dim() {
            return points[0].length;
        }

        DbscanParams params() {
            return DbscanParams.of(eps, minPts).metric(metric);
        }

        @Override
        public String toString() {
            return String.format(Locale.ROOT, "%s (%,d x %d, %s, eps=%s, minPts=%d)", name, n(), dim(),
                    metric == Metric.COSINE ? "cosine" : "euclidean", eps, minPts);
        }
    }

    /** The workloads of the benchmark, in its order. */
    static final List<String> NAMES = List.of("blobs100k", "blobs1m", "embed10k", "blobs10k", "embed1k");

    static final int BLOB_CENTRES = 16;
    static final double BLOB_EPS = 0.3;
    static final int EMBED_TOPICS = 20;
    static final int EMBED_DIM = 1536;
    static final double EMBED_EPS = 0.06;
    static final int MIN_PTS = 10;

    private static final long SEED = 0x5EED_DB5CL;

    private DbscanData() {}

    /** The named workload, generated anew (deterministically). */
    static Workload workload(String name) {
        return switch (name) {
            case "blobs10k" -> blobs(name, 10_000);
            case "blobs100k" -> blobs(name, 100_000);
            case "blobs1m" -> blobs(name, 1_000_000);
            case "embed1k" -> embeddings(name, 1_000);
            case "embed10k" -> embeddings(name, 10_000);
            default -> throw new IllegalArgumentException("unknown DBSCAN workload " + name + "; known: " + NAMES);
        };
    }

    /**
     * What every correct DBSCAN finds on a workload (the clustering is unique up to border points' choice between
     * clusters): cluster count, noise count and core count (checked for Ferrite, whose core flags are public).
     * Ferrite's two backends, Smile, ELKI, Commons Math and scikit-learn all find these (the core count: Ferrite,
     * scikit-learn, and Smile's range counts); {@code null} for a workload not pinned.
     */
    record Expected(int clusters, int noise, int core) {}

    static Expected expected(String name) {
        return switch (name) {
            case "blobs10k" -> new Expected(28, 2_075, 6_710);
            case "blobs100k" -> new Expected(17, 2_491, 96_079);
            case "blobs1m" -> new Expected(16, 10_721, 987_689);
            case "embed1k" -> new Expected(10, 717, 98);
            case "embed10k" -> new Expected(20, 559, 8_477);
            default -> null;
        };
    }

    private static Workload blobs(String name, int n) {
        SplittableRandom random = new SplittableRandom(SEED ^ n);
        double[][] centres = new double[BLOB_CENTRES][];
        for (int c = 0; c < BLOB_CENTRES; ) {
            double[] candidate = {uniform(random, -50, 50), uniform(random, -50, 50)};
            boolean apart = true;
            for (int k = 0; k < c; k++) {
                double dx = candidate[0] - centres[k][0];
                double dy = candidate[1] - centres[k][1];
                apart &= dx * dx + dy * dy >= 12 * 12;
            }
            if (apart) {
                centres[c++] = candidate;
            }
        }
        double[][] points = new double[n][];
        double[] gaussian = new double[2];
        for (int i = 0; i < n; i++) {
            if (random.nextDouble() < 0.01) {
                points[i] = new double[] {uniform(random, -55, 55), uniform(random, -55, 55)};
            } else {
                double[] centre = centres[random.nextInt(BLOB_CENTRES)];
                gaussianPair(random, gaussian);
                points[i] = new double[] {centre[0] + gaussian[0], centre[1] + gaussian[1]};
            }
        }
        return new Workload(name, points, Metric.EUCLIDEAN, BLOB_EPS, MIN_PTS);
    }

    private static Workload embeddings(String name, int n) {
        final int d = EMBED_DIM;
        final int latent = 4;
        final double latentSigma = 0.25;
        final double isotropic = 0.15;
        SplittableRandom random = new SplittableRandom(SEED ^ n ^ 0xE3BEDL);
        double[][] centres = new double[EMBED_TOPICS][];
        double[][][] bases = new double[EMBED_TOPICS][latent][];
        double[] cumulative = new double[EMBED_TOPICS];
        double total = 0;
        for (int t = 0; t < EMBED_TOPICS; t++) {
            centres[t] = direction(random, d);
            for (int k = 0; k < latent; k++) {
                bases[t][k] = direction(random, d); // nearly orthogonal unit vectors in 1,536 dimensions
            }
            total += 0.5 + random.nextDouble(); // topic sizes differ up to 3x
            cumulative[t] = total;
        }
        double[][] points = new double[n][];
        double[] w = new double[latent];
        for (int i = 0; i < n; i++) {
            double[] x;
            if (random.nextDouble() < 0.05) {
                x = direction(random, d);
            } else {
                double u = random.nextDouble() * total;
                int t = 0;
                while (cumulative[t] <= u && t < EMBED_TOPICS - 1) {
                    t++;
                }
                x = direction(random, d);
                for (int k = 0; k < d; k++) {
                    x[k] = centres[t][k] + isotropic * x[k];
                }
                for (int j = 0; j < latent; j++) {
                    w[j] = latentSigma * gaussian(random);
                }
                for (int j = 0; j < latent; j++) {
                    double[] b = bases[t][j];
                    for (int k = 0; k < d; k++) {
                        x[k] += w[j] * b[k];
                    }
                }
            }
            for (int k = 0; k < d; k++) {
                x[k] = (float) x[k]; // embeddings are float32; every contender gets these exact values as double
            }
            points[i] = x;
        }
        return new Workload(name, points, Metric.COSINE, EMBED_EPS, MIN_PTS);
    }

    private static double uniform(SplittableRandom random, double from, double to) {
        return from + (to - from) * random.nextDouble();
    }

    /** A uniformly random unit vector. */
    private static double[] direction(SplittableRandom random, int d) {
        double[] v = new double[d];
        double[] pair = new double[2];
        for (int k = 0; k < d; k += 2) {
            gaussianPair(random, pair);
            v[k] = pair[0];
            if (k + 1 < d) {
                v[k + 1] = pair[1];
            }
        }
        double s = 0;
        for (double x : v) {
            s += x * x;
        }
        double inv = 1 / StrictMath.sqrt(s);
        for (int k = 0; k < d; k++) {
            v[k] *= inv;
        }
        return v;
    }

    private static double gaussian(SplittableRandom random) {
        double[] pair = new double[2];
        gaussianPair(random, pair);
        return pair[0];
    }

    /** Two independent standard normal values (Marsaglia's polar method, StrictMath: the same bits everywhere). */
    private static void gaussianPair(SplittableRandom random, double[] out) {
        double u;
        double v;
        double s;
        do {
            u = 2 * random.nextDouble() - 1;
            v = 2 * random.nextDouble() - 1;
            s = u * u + v * v;
        } while (s >= 1 || s == 0);
        double f = StrictMath.sqrt(-2 * StrictMath.log(s) / s);
        out[0] = u * f;
        out[1] = v * f;
    }

    // ------------------------------------------------------------------ export for scikit-learn

    /**
     * {@code DbscanData export DIR WORKLOAD...}: writes, per workload, {@code DIR/WORKLOAD.points.npy} (n × d,
     * little-endian f64: the exact values every Java contender gets), Ferrite's native result
     * {@code DIR/WORKLOAD.labels.npy} (int32) and {@code DIR/WORKLOAD.core.npy} (uint8 0/1), and
     * {@code DIR/WORKLOAD.json} with the parameters and the native backend's time (median of 3 runs after one
     * warm-up, wall clock) for {@code scripts/sklearn_dbscan.py}.
     *
     * <p>{@code DbscanData counts WORKLOAD...}: prints the cluster, noise and core counts of the native result.
     *
     * <p>{@code DbscanData concat-json OUT IN...}: concatenates JMH JSON result files (top-level arrays) into one.
     */
    public static void main(String[] args) throws IOException {
        if (args.length >= 1 && args[0].equals("concat-json") && args.length >= 2) {
            concatJson(Path.of(args[1]), Arrays.stream(args, 2, args.length).map(Path::of).toList());
            return;
        }
        if (args.length >= 2 && args[0].equals("counts")) {
            for (int a = 1; a < args.length; a++) {
                Workload w = workload(args[a]);
                DbscanResult r = Clustering.dbscan(Backend.NATIVE).cluster(w.points(), w.params());
                System.out.println(w + ": " + summary(r));
            }
            return;
        }
        if (args.length < 3 || !args[0].equals("export")) {
            System.err.println("usage: DbscanData export DIR WORKLOAD... | counts WORKLOAD... | concat-json OUT IN...;"
                    + " workloads: " + NAMES);
            System.exit(2);
        }
        Path dir = Path.of(args[1]);
        Files.createDirectories(dir);
        for (int a = 2; a < args.length; a++) {
            Workload w = workload(args[a]);
            Path points = dir.resolve(w.name() + ".points.npy");
            writeNpy(points, w.points());
            var ferrite = Clustering.dbscan(Backend.NATIVE);
            DbscanResult result = ferrite.cluster(w.points(), w.params()); // warm-up, and the result compared
            double[] times = new double[3];
            for (int r = 0; r < times.length; r++) {
                long start = System.nanoTime();
                DbscanResult again = ferrite.cluster(w.points(), w.params());
                times[r] = (System.nanoTime() - start) / 1e9;
                if (!Arrays.equals(again.labels(), result.labels())) {
                    throw new IllegalStateException("native DBSCAN gave two different results on " + w.name());
                }
            }
            Arrays.sort(times);
            writeNpy(dir.resolve(w.name() + ".labels.npy"), result.labels());
            boolean[] core = result.coreFlags();
            byte[] coreBytes = new byte[core.length];
            for (int i = 0; i < core.length; i++) {
                coreBytes[i] = (byte) (core[i] ? 1 : 0);
            }
            writeNpy(dir.resolve(w.name() + ".core.npy"), coreBytes);
            String json = String.format(Locale.ROOT,
                    "{\"workload\": \"%s\", \"n\": %d, \"dim\": %d, \"metric\": \"%s\", \"eps\": %s, \"minPts\": %d,"
                            + " \"nativeSeconds\": %s, \"nativeRuns\": [%s, %s, %s], \"clusters\": %d, \"noise\": %d,"
                            + " \"core\": %d}%n",
                    w.name(), w.n(), w.dim(), w.metric() == Metric.COSINE ? "cosine" : "euclidean", w.eps(),
                    w.minPts(), times[1], times[0], times[1], times[2], result.clusterCount(), result.noiseCount(),
                    countTrue(core));
            Files.writeString(dir.resolve(w.name() + ".json"), json, StandardCharsets.UTF_8);
            System.out.printf(Locale.ROOT, "ferrite bench: exported %s to %s; native %.3f s (median of 3), %s%n",
                    w, points, times[1], summary(result));
        }
    }

    static String summary(DbscanResult r) {
        return String.format(Locale.ROOT, "%d clusters, %,d noise, %,d core", r.clusterCount(), r.noiseCount(),
                countTrue(r.coreFlags()));
    }

    static int countTrue(boolean[] flags) {
        int c = 0;
        for (boolean b : flags) {
            c += b ? 1 : 0;
        }
        return c;
    }

    private static void writeNpy(Path path, double[][] rows) throws IOException {
        int d = rows.length == 0 ? 0 : rows[0].length;
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            out.write(npyHeader("<f8", rows.length + ", " + d));
            ByteBuffer row = ByteBuffer.allocate(d * Double.BYTES).order(ByteOrder.LITTLE_ENDIAN);
            for (double[] r : rows) {
                row.clear();
                row.asDoubleBuffer().put(r);
                out.write(row.array());
            }
        }
    }

    private static void writeNpy(Path path, int[] values) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(values.length * Integer.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asIntBuffer().put(values);
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            out.write(npyHeader("<i4", values.length + ","));
            out.write(b.array());
        }
    }

    private static void writeNpy(Path path, byte[] values) throws IOException {
        try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(path), 1 << 20)) {
            out.write(npyHeader("|u1", values.length + ","));
            out.write(values);
        }
    }

    /** A NumPy format 1.0 header: magic, version, header length, the dict padded with spaces to 64 bytes. */
    private static byte[] npyHeader(String dtype, String shape) {
        String dict = "{'descr': '" + dtype + "', 'fortran_order': False, 'shape': (" + shape + "), }";
        int unpadded = 10 + dict.length() + 1;
        int padded = (unpadded + 63) / 64 * 64;
        String header = dict + " ".repeat(padded - unpadded) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length()).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) header.length()).put(header.getBytes(StandardCharsets.US_ASCII));
        return b.array();
    }

    private static void concatJson(Path out, List<Path> inputs) throws IOException {
        List<String> bodies = new ArrayList<>();
        for (Path in : inputs) {
            if (!Files.exists(in)) {
                continue; // a group that did not run (skipped, or failed: its error was reported already)
            }
            String s = Files.readString(in, StandardCharsets.UTF_8).strip();
            if (!s.startsWith("[") || !s.endsWith("]")) {
                throw new IOException(in + " is not a JMH JSON result (no top-level array)");
            }
            String body = s.substring(1, s.length() - 1).strip();
            if (!body.isEmpty()) {
                bodies.add(body);
            }
        }
        Path parent = out.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Files.writeString(out, "[\n" + String.join(",\n", bodies) + "\n]\n", StandardCharsets.UTF_8);
    }
}
