package dev.ferrite.dbscan;

import java.util.Arrays;

/**
 * The outcome of a DBSCAN run over {@code n} points: one label per point (clusters {@code 0 .. k-1}, numbered by
 * first appearance in input order, {@link Dbscan#NOISE} for noise) and whether each point is a core point.
 *
 * <p>Immutable and thread-safe; every array accessor returns a fresh copy.
 */
public final class DbscanResult {
    private final int[] labels;
    private final boolean[] core;
    private final int[] sizes;
    private final int noise;

    /**
     * Takes ownership of the arrays (no copy). {@code labels} must be numbered by first appearance.
     */
    DbscanResult(int[] labels, boolean[] core) {
        if (labels.length != core.length) {
            throw new IllegalStateException("labels and core flags differ in length");
        }
        int clusters = 0;
        int noiseCount = 0;
        for (int label : labels) {
            if (label == Dbscan.NOISE) {
                noiseCount++;
            } else if (label < 0 || label > clusters) {
                throw new IllegalStateException("labels are not numbered by first appearance");
            } else if (label == clusters) {
                clusters++;
            }
        }
        int[] counts = new int[clusters];
        for (int label : labels) {
            if (label != Dbscan.NOISE) {
                counts[label]++;
            }
        }
        this.labels = labels;
        this.core = core;
        this.sizes = counts;
        this.noise = noiseCount;
    }

    /**
     * The number of points.
     *
     * @return n
     */
    public int size() {
        return labels.length;
    }

    /**
     * The label of every point, in input order: {@code 0 .. clusterCount() - 1}, or {@link Dbscan#NOISE}.
     *
     * @return a copy of the labels
     */
    public int[] labels() {
        return labels.clone();
    }

    /**
     * The label of one point.
     *
     * @param i the point's index in the input
     * @return its cluster, or {@link Dbscan#NOISE}
     * @throws IndexOutOfBoundsException when {@code i} is not in {@code 0 .. size() - 1}
     */
    public int label(int i) {
        return labels[i];
    }

    /**
     * Whether a point is a core point: at least {@code minPts} points, itself included, lie within {@code eps}.
     *
     * @param i the point's index in the input
     * @return true for a core point
     * @throws IndexOutOfBoundsException when {@code i} is not in {@code 0 .. size() - 1}
     */
    public boolean isCore(int i) {
        return core[i];
    }

    /**
     * The core flag of every point, in input order.
     *
     * @return a copy of the flags
     */
    public boolean[] coreFlags() {
        return core.clone();
    }

    /**
     * The number of clusters.
     *
     * @return k, 0 when every point is noise
     */
    public int clusterCount() {
        return sizes.length;
    }

    /**
     * The number of points (core and border) in each cluster.
     *
     * @return a copy of the sizes, indexed by label
     */
    public int[] clusterSizes() {
        return sizes.clone();
    }

    /**
     * The number of noise points.
     *
     * @return how many labels are {@link Dbscan#NOISE}
     */
    public int noiseCount() {
        return noise;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof DbscanResult r && Arrays.equals(r.labels, labels) && Arrays.equals(r.core, core);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(labels) * 31 + Arrays.hashCode(core);
    }

    @Override
    public String toString() {
        return "DbscanResult[points=" + labels.length + ", clusters=" + sizes.length + ", noise=" + noise + "]";
    }
}
