package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.dbscan.DbscanResult;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
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
 * One exact DBSCAN clustering of a whole workload by every contender ({@link DbscanPeers}), from the same points
 * (generated once per fork by {@link DbscanData}, outside the measurement; each peer's own input form too).
 * Operations take from milliseconds to minutes, so each one is timed on its own ({@code SingleShotTime}).
 *
 * <p>Workloads ({@link DbscanData}): {@code blobs100k}, {@code blobs1m} (2-D Gaussian blobs, Euclidean, eps 0.3,
 * minPts 10) and {@code embed10k} (10,000 × 1,536 embedding-like vectors, cosine, eps 0.06, minPts 10); the smoke
 * run uses {@code blobs10k} and {@code embed1k}.
 *
 * <p>Quadratic peers are not run where they would take hours: {@code scripts/bench.sh --kernel dbscan} picks the
 * combinations per mode; run directly, the set-up refuses those in {@link #TOO_SLOW} (with a message) unless the
 * fork gets {@code -Ddbscan.runAll=true}.
 *
 * <p>After the measurement, the last result is checked: cluster and noise counts against {@link DbscanData#expected},
 * and, for the peers and the Java backend, the whole clustering against Ferrite's native result (Java: identical
 * labels and core flags; peers: same noise set and core partition). The counts are printed.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 5)
@Measurement(iterations = 10)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class DbscanBench {

    @Param({"native", "java", "smile", "elki", "commonsmath"})
    public String impl;

    @Param({"blobs100k", "blobs1m", "embed10k"})
    public String workload;

    /**
     * impl/workload pairs refused unless {@code -Ddbscan.runAll=true}: Commons Math's linear-scan DBSCAN with boxed
     * neighbour lists takes about 100 s for 100,000 2-D points, so hours for a million; minutes per operation on
     * the embeddings.
     */
    static final Set<String> TOO_SLOW = Set.of("commonsmath/blobs1m", "commonsmath/embed10k");

    private DbscanData.Workload data;
    private DbscanPeers.Contender contender;
    private Object last;

    @Setup(Level.Trial)
    public void setUp() {
        if (TOO_SLOW.contains(impl + "/" + workload) && !Boolean.getBoolean("dbscan.runAll")) {
            throw new IllegalStateException(impl + " on " + workload + " would take far too long (quadratic "
                    + "neighbour search); scripts/bench.sh does not run it. To run it anyway, add "
                    + "-jvmArgsAppend -Ddbscan.runAll=true");
        }
        data = DbscanData.workload(workload);
        contender = DbscanPeers.of(impl, data);
    }

    @Benchmark
    public Object cluster() {
        Object result = contender.run();
        last = result;
        return result;
    }

    /** Checks the last result (outside the measurement) and prints its counts. */
    @TearDown(Level.Trial)
    public void check() {
        if (last == null) {
            return;
        }
        DbscanPeers.Labels labels = contender.labels(last);
        StringBuilder line = new StringBuilder(String.format(Locale.ROOT, "%ndbscan check: %s on %s: %d clusters,"
                + " %,d noise", impl, data, labels.clusters(), labels.noise()));
        if (last instanceof DbscanResult r) {
            line.append(String.format(Locale.ROOT, ", %,d core", DbscanData.countTrue(r.coreFlags())));
        }
        DbscanData.Expected expected = DbscanData.expected(workload);
        if (expected != null && (labels.clusters() != expected.clusters() || labels.noise() != expected.noise()
                || (last instanceof DbscanResult r && DbscanData.countTrue(r.coreFlags()) != expected.core()))) {
            throw new IllegalStateException(line + "; expected " + expected);
        }
        if (!impl.equals("native")) {
            DbscanResult reference = DbscanPeers.ferrite(Backend.NATIVE).cluster(data.points(), data.params());
            if (last instanceof DbscanResult r) {
                if (!Arrays.equals(r.labels(), reference.labels())
                        || !Arrays.equals(r.coreFlags(), reference.coreFlags())) {
                    throw new IllegalStateException(line + "; differs from the native backend's result");
                }
            } else {
                DbscanPeers.checkSameClustering(impl, workload, labels, reference);
            }
            line.append("; same clustering as native");
        }
        System.out.println(line);
    }
}
