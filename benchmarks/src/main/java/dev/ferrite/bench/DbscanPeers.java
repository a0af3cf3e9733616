package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.Ferrite;
import dev.ferrite.dbscan.Dbscan;
import dev.ferrite.dbscan.DbscanResult;
import dev.ferrite.dbscan.Metric;
import elki.clustering.dbscan.DBSCAN;
import elki.data.Cluster;
import elki.data.NumberVector;
import elki.data.model.Model;
import elki.data.type.TypeUtil;
import elki.database.Database;
import elki.database.StaticArrayDatabase;
import elki.database.ids.DBIDIter;
import elki.database.ids.DBIDRange;
import elki.database.relation.Relation;
import elki.datasource.ArrayAdapterDatabaseConnection;
import elki.distance.CosineDistance;
import elki.distance.minkowski.EuclideanDistance;
import elki.index.tree.spatial.kd.SmallMemoryKDTree;
import elki.result.Metadata;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.commons.math3.ml.clustering.DBSCANClusterer;
import org.apache.commons.math3.ml.clustering.DoublePoint;
import org.apache.commons.math3.ml.distance.DistanceMeasure;

/**
 * The DBSCAN contenders, each given the workload in the form its API takes (prepared once, outside the
 * measurement), with its parameters mapped to Ferrite's meaning (minPts counts the point itself; a pair is a
 * neighbour when its distance is at most eps; cosine distance is 1 - cos):
 * <ul>
 *   <li>{@code native}, {@code java}: {@code Clustering.dbscan(backend).cluster(double[][], params)}.</li>
 *   <li>{@code smile}: Smile 4.4's {@code smile.clustering.DBSCAN.fit}; Euclidean through its default entry
 *       (a k-d tree), cosine with a {@code Distance<double[]>} written as users write it (dot product and both
 *       norms in one pass: Smile has no cosine distance) over its linear search. Smile's neighbourhoods leave the
 *       point itself out, so it gets minPts - 1.</li>
 *   <li>{@code elki}: ELKI 0.8's {@code DBSCAN}; Euclidean with its in-memory k-d tree
 *       ({@code SmallMemoryKDTree}, built in the measurement) answering the range queries; cosine with its
 *       {@code CosineDistance} (1 - cos) over a linear scan (ELKI's trees index Lp norms only). ELKI's minpts counts
 *       the point itself. The database (ELKI's vectors) is built in set-up. ({@code GriDBSCAN}, its index-free
 *       variant, is broken in 0.8.0: it adds the running cluster id to itself per grid cell and runs out of
 *       memory.)</li>
 *   <li>{@code commonsmath}: Commons Math 3.6.1's {@code DBSCANClusterer} over {@code DoublePoint}s built in
 *       set-up; its neighbour search is a linear scan that leaves the point itself out: minPts - 1. Cosine with a
 *       one-pass {@code DistanceMeasure} as for Smile.</li>
 * </ul>
 * Every peer reports labels only (Smile keeps its core flags private): they are compared with Ferrite's result by
 * the noise set and by the partition of Ferrite's core points, which every correct DBSCAN shares (border points may
 * go to any neighbouring cluster).
 */
final class DbscanPeers {

    /** A clustering as labels per point ({@link Dbscan#NOISE} for noise), from whichever contender. */
    record Labels(int[] labels, int clusters) {
        int noise() {
            int c = 0;
            for (int l : labels) {
                c += l == Dbscan.NOISE ? 1 : 0;
            }
            return c;
        }
    }

    /** One contender, ready to run on one workload: everything its API needs is built already. */
    interface Contender {
        /** Clusters the workload; the result is whatever the library returns (turned to labels by {@link #labels}). */
        Object run();

        /** The labels of a result of {@link #run}. */
        Labels labels(Object result);
    }

    private DbscanPeers() {}

    static Contender of(String impl, DbscanData.Workload w) {
        return switch (impl) {
            case "native" -> ferrite(Backend.NATIVE, w);
            case "java" -> ferrite(Backend.JAVA, w);
            case "smile" -> smile(w);
            case "elki" -> elki(w);
            case "commonsmath" -> commonsMath(w);
            default -> throw new IllegalArgumentException("unknown DBSCAN impl " + impl
                    + "; known: native, java, smile, elki, commonsmath");
        };
    }

    /** Ferrite's backend, failing loudly (with the native load error) when it is not available. */
    static Dbscan ferrite(Backend backend) {
        Dbscan dbscan;
        try {
            dbscan = Clustering.dbscan(backend);
        } catch (RuntimeException e) {
            IllegalStateException failure = new IllegalStateException(
                    "Ferrite backend " + backend + " is not available, so it can't be benchmarked", e);
            Ferrite.nativeLoadError().ifPresent(error -> {
                if (error != e && e.getCause() != error) {
                    failure.addSuppressed(error);
                }
            });
            throw failure;
        }
        if (dbscan.backend() != backend) {
            throw new IllegalStateException("asked Ferrite for " + backend + " but got " + dbscan.backend());
        }
        return dbscan;
    }

    private static Contender ferrite(Backend backend, DbscanData.Workload w) {
        Dbscan dbscan = ferrite(backend);
        var params = w.params();
        double[][] points = w.points();
        return new Contender() {
            @Override
            public Object run() {
                return dbscan.cluster(points, params);
            }

            @Override
            public Labels labels(Object result) {
                DbscanResult r = (DbscanResult) result;
                return new Labels(r.labels(), r.clusterCount());
            }
        };
    }

    // ------------------------------------------------------------------ Smile

    /** Smile has no cosine distance: the straightforward one, dot product and norms in one pass. */
    private static final class SmileCosine implements smile.math.distance.Distance<double[]> {
        private static final long serialVersionUID = 1L;

        @Override
        public double d(double[] a, double[] b) {
            return cosineDistance(a, b);
        }
    }

    static double cosineDistance(double[] a, double[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return 1 - dot / (Math.sqrt(na) * Math.sqrt(nb));
    }

    private static Contender smile(DbscanData.Workload w) {
        double[][] points = w.points();
        int minPts = w.minPts() - 1; // Smile's neighbourhood leaves the point itself out
        if (minPts < 1) {
            throw new IllegalArgumentException("Smile needs minPts >= 1 without the point itself");
        }
        double eps = w.eps();
        boolean cosine = w.metric() == Metric.COSINE;
        SmileCosine distance = new SmileCosine();
        return new Contender() {
            @Override
            public Object run() {
                return cosine ? smile.clustering.DBSCAN.fit(points, distance, minPts, eps)
                        : smile.clustering.DBSCAN.fit(points, minPts, eps);
            }

            @Override
            public Labels labels(Object result) {
                smile.clustering.DBSCAN<?> r = (smile.clustering.DBSCAN<?>) result;
                int[] labels = r.group().clone();
                for (int i = 0; i < labels.length; i++) {
                    if (labels[i] == smile.clustering.Clustering.OUTLIER) {
                        labels[i] = Dbscan.NOISE;
                    }
                }
                return new Labels(labels, r.k());
            }
        };
    }

    // ------------------------------------------------------------------ ELKI

    private static Contender elki(DbscanData.Workload w) {
        Database db = new StaticArrayDatabase(new ArrayAdapterDatabaseConnection(w.points()), null);
        db.initialize();
        Relation<NumberVector> relation = db.getRelation(TypeUtil.NUMBER_VECTOR_FIELD);
        DBIDRange ids = (DBIDRange) relation.getDBIDs();
        boolean cosine = w.metric() == Metric.COSINE;
        double eps = w.eps();
        int minPts = w.minPts(); // ELKI's neighbourhood includes the point itself
        return new Contender() {
            @Override
            public Object run() {
                if (cosine) {
                    return new DBSCAN<NumberVector>(CosineDistance.STATIC, eps, minPts).run(relation);
                }
                // The k-d tree is built here, in the measurement, as Smile's and scikit-learn's are in theirs;
                // DBSCAN's range queries find it among the relation's children, as if the database had built it.
                SmallMemoryKDTree<NumberVector> tree =
                        new SmallMemoryKDTree.Factory<NumberVector>().instantiate(relation);
                tree.initialize();
                Metadata.Hierarchy children = Metadata.hierarchyOf(relation);
                children.addChild(tree);
                try {
                    return new DBSCAN<NumberVector>(EuclideanDistance.STATIC, eps, minPts).run(relation);
                } finally {
                    children.removeChild(tree);
                }
            }

            @Override
            public Labels labels(Object result) {
                elki.data.Clustering<?> c = (elki.data.Clustering<?>) result;
                int[] labels = new int[ids.size()];
                Arrays.fill(labels, Integer.MIN_VALUE);
                int k = 0;
                for (Cluster<?> cluster : c.getAllClusters()) {
                    int label = cluster.isNoise() ? Dbscan.NOISE : k++;
                    for (DBIDIter it = cluster.getIDs().iter(); it.valid(); it.advance()) {
                        labels[ids.getOffset(it)] = label;
                    }
                }
                for (int l : labels) {
                    if (l == Integer.MIN_VALUE) {
                        throw new IllegalStateException("ELKI left a point out of every cluster and of noise");
                    }
                }
                return new Labels(labels, k);
            }
        };
    }

    // ------------------------------------------------------------------ Commons Math

    private static Contender commonsMath(DbscanData.Workload w) {
        double[][] points = w.points();
        List<DoublePoint> list = new ArrayList<>(points.length);
        Map<DoublePoint, Integer> index = new IdentityHashMap<>(points.length * 2);
        for (int i = 0; i < points.length; i++) {
            DoublePoint p = new DoublePoint(points[i]);
            list.add(p);
            index.put(p, i);
        }
        DistanceMeasure measure = w.metric() == Metric.COSINE
                ? new CommonsCosine()
                : new org.apache.commons.math3.ml.distance.EuclideanDistance();
        // Commons Math's neighbourhood leaves the point itself out
        DBSCANClusterer<DoublePoint> clusterer = new DBSCANClusterer<>(w.eps(), w.minPts() - 1, measure);
        return new Contender() {
            @Override
            public Object run() {
                return clusterer.cluster(list);
            }

            @Override
            public Labels labels(Object result) {
                List<?> clusters = (List<?>) result;
                int[] labels = new int[points.length];
                Arrays.fill(labels, Dbscan.NOISE); // Commons Math returns clusters only: the rest is noise
                int k = 0;
                for (Object o : clusters) {
                    for (Object p : ((org.apache.commons.math3.ml.clustering.Cluster<?>) o).getPoints()) {
                        labels[index.get(p)] = k;
                    }
                    k++;
                }
                return new Labels(labels, k);
            }
        };
    }

    private static final class CommonsCosine implements DistanceMeasure {
        private static final long serialVersionUID = 1L;

        @Override
        public double compute(double[] a, double[] b) {
            return cosineDistance(a, b);
        }
    }

    // ------------------------------------------------------------------ checks

    /**
     * Fails unless {@code actual} is the same DBSCAN clustering as Ferrite's {@code reference}: the same noise set,
     * the same number of clusters, and the same partition of the reference's core points (a one-to-one map between
     * the two labellings on them). Border points may differ: DBSCAN lets them join any neighbouring cluster.
     */
    static void checkSameClustering(String impl, String workload, Labels actual, DbscanResult reference) {
        int[] ref = reference.labels();
        int[] got = actual.labels();
        if (ref.length != got.length) {
            throw new IllegalStateException(impl + " on " + workload + ": " + got.length + " labels for "
                    + ref.length + " points");
        }
        int noiseMismatch = 0;
        int firstNoise = -1;
        for (int i = 0; i < ref.length; i++) {
            if ((ref[i] == Dbscan.NOISE) != (got[i] == Dbscan.NOISE)) {
                noiseMismatch++;
                firstNoise = firstNoise < 0 ? i : firstNoise;
            }
        }
        int[] forward = new int[reference.clusterCount()];
        Arrays.fill(forward, Integer.MIN_VALUE);
        Map<Integer, Integer> backward = new java.util.HashMap<>();
        int partitionMismatch = 0;
        int firstPartition = -1;
        for (int i = 0; i < ref.length; i++) {
            if (!reference.isCore(i)) {
                continue;
            }
            int r = ref[i];
            int g = got[i];
            boolean ok;
            if (forward[r] == Integer.MIN_VALUE) {
                Integer previous = backward.putIfAbsent(g, r);
                ok = previous == null || previous == r;
                forward[r] = g;
            } else {
                ok = forward[r] == g;
            }
            if (!ok || g == Dbscan.NOISE) {
                partitionMismatch++;
                firstPartition = firstPartition < 0 ? i : firstPartition;
            }
        }
        if (noiseMismatch != 0 || partitionMismatch != 0 || actual.clusters() != reference.clusterCount()) {
            throw new IllegalStateException(String.format(Locale.ROOT,
                    "%s on %s disagrees with Ferrite's native result: %d clusters vs %d; %d points noise in one"
                            + " and not the other (first: %d); %d core points partitioned differently (first: %d)",
                    impl, workload, actual.clusters(), reference.clusterCount(), noiseMismatch, firstNoise,
                    partitionMismatch, firstPartition));
        }
    }
}
