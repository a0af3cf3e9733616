package dev.ferrite.dbscan;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Comparisons of DBSCAN results that fail with a description precise enough to hand on: which points differ, how,
 * their coordinates, and for core-flag differences the reference's neighbour count.
 */
final class DbscanAssertions {
    private DbscanAssertions() {}

    /** The four input shapes of {@link Dbscan}; all hold the same points when the data set is float-exact. */
    enum Shape {
        DOUBLE_ROWS, FLOAT_ROWS, DOUBLE_FLAT, FLOAT_FLAT;

        boolean needsFloatExact() {
            return this == FLOAT_ROWS || this == FLOAT_FLAT;
        }

        DbscanResult run(Dbscan dbscan, DbscanData.DataSet s, DbscanParams params) {
            return switch (this) {
                case DOUBLE_ROWS -> dbscan.cluster(s.points(), params);
                case FLOAT_ROWS -> dbscan.cluster(s.floatRows(), params);
                case DOUBLE_FLAT -> dbscan.cluster(s.flatDoubles(), s.dim(), params);
                case FLOAT_FLAT -> dbscan.cluster(s.flatFloats(), s.dim(), params);
            };
        }

        /** The shapes a data set can be given in: all four when it is float-exact, else the double ones. */
        static List<Shape> usable(DbscanData.DataSet s) {
            List<Shape> out = new ArrayList<>();
            boolean exact = s.floatExact();
            for (Shape shape : values()) {
                if (exact || !shape.needsFloatExact()) {
                    out.add(shape);
                }
            }
            return out;
        }
    }

    /** Asserts that {@code actual} has exactly the reference's core flags and labels. */
    static void assertMatchesReference(DbscanData.DataSet s, DbscanResult actual, String how) {
        BruteForce.Expected expected = s.expected();
        assertResult(s, expected.labels(), expected.core(), actual, "reference", how);
    }

    /** Asserts that two results are identical (labels and core flags). */
    static void assertSameResult(DbscanData.DataSet s, DbscanResult expected, DbscanResult actual, String expectedName,
            String how) {
        assertResult(s, expected.labels(), expected.coreFlags(), actual, expectedName, how);
    }

    private static void assertResult(DbscanData.DataSet s, int[] labels, boolean[] core, DbscanResult actual,
            String expectedName, String how) {
        String where = s + ", " + how;
        assertEquals(labels.length, actual.size(), where + ": number of points");
        boolean[] gotCore = actual.coreFlags();
        int[] gotLabels = actual.labels();
        List<String> coreDiffs = new ArrayList<>();
        int coreDiffCount = 0;
        for (int i = 0; i < labels.length; i++) {
            if (core[i] != gotCore[i]) {
                if (coreDiffs.size() < 5) {
                    coreDiffs.add("point " + i + " " + describe(s, i) + ": " + expectedName + " core=" + core[i]
                            + ", got core=" + gotCore[i] + " (reference neighbour count " + neighbourCount(s, i)
                            + ", minPts " + s.minPts() + ")");
                }
                coreDiffCount++;
            }
        }
        if (coreDiffCount > 0) {
            fail(where + ": " + coreDiffCount + " core flags differ from the " + expectedName + ":\n  "
                    + String.join("\n  ", coreDiffs));
        }
        if (Arrays.equals(labels, gotLabels)) {
            return;
        }
        List<String> labelDiffs = new ArrayList<>();
        int labelDiffCount = 0;
        for (int i = 0; i < labels.length; i++) {
            if (labels[i] != gotLabels[i]) {
                if (labelDiffs.size() < 5) {
                    labelDiffs.add("point " + i + " " + describe(s, i) + " (core=" + core[i] + "): "
                            + expectedName + " label " + labels[i] + ", got " + gotLabels[i]);
                }
                labelDiffCount++;
            }
        }
        String kind = samePartition(labels, gotLabels)
                ? "the same clusters, numbered differently (numbering must follow first appearance)"
                : samePartitionOfCore(labels, gotLabels, core)
                        ? "the same clusters of core points, but border/noise points assigned differently"
                        : "different clusters of core points";
        fail(where + ": " + labelDiffCount + " labels differ from the " + expectedName + " (core flags agree); "
                + kind + ":\n  " + String.join("\n  ", labelDiffs));
    }

    /** Whether two labelings describe the same partition (noise as its own, unlabelled, class). */
    static boolean samePartition(int[] a, int[] b) {
        Map<Integer, Integer> ab = new HashMap<>();
        Map<Integer, Integer> ba = new HashMap<>();
        for (int i = 0; i < a.length; i++) {
            if ((a[i] == Dbscan.NOISE) != (b[i] == Dbscan.NOISE)) {
                return false;
            }
            if (a[i] == Dbscan.NOISE) {
                continue;
            }
            Integer mappedB = ab.putIfAbsent(a[i], b[i]);
            if (mappedB != null && mappedB != b[i]) {
                return false;
            }
            Integer mappedA = ba.putIfAbsent(b[i], a[i]);
            if (mappedA != null && mappedA != a[i]) {
                return false;
            }
        }
        return true;
    }

    private static boolean samePartitionOfCore(int[] a, int[] b, boolean[] core) {
        int n = a.length;
        int[] ca = new int[n];
        int[] cb = new int[n];
        int m = 0;
        for (int i = 0; i < n; i++) {
            if (core[i]) {
                ca[m] = a[i];
                cb[m] = b[i];
                m++;
            }
        }
        return samePartition(Arrays.copyOf(ca, m), Arrays.copyOf(cb, m));
    }

    private static String describe(DbscanData.DataSet s, int i) {
        double[] x = s.points()[i];
        StringBuilder b = new StringBuilder("[");
        for (int k = 0; k < Math.min(4, x.length); k++) {
            b.append(k == 0 ? "" : ", ").append(x[k]);
        }
        return b.append(x.length > 4 ? ", ... (" + x.length + " dims)]" : "]").toString();
    }

    private static int neighbourCount(DbscanData.DataSet s, int i) {
        double[][] rows = BruteForce.canonicalRows(s.points(), s.metric());
        int count = 0;
        for (int j = 0; j < rows.length; j++) {
            if (BruteForce.neighbours(rows, i, j, s.eps(), s.metric())) {
                count++;
            }
        }
        return count;
    }
}
