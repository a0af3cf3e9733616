package dev.ferrite.agglomerative;

import java.util.Arrays;

/**
 * The result of agglomerative clustering of {@code n} points: the {@code n - 1} merges in SciPy's linkage-matrix
 * form, and flat clusterings cut from them.
 *
 * <h2>The merges</h2>
 * Row {@code i} of {@link #merges()} is {@code {a, b, height, size}}: the clusters {@code a < b} merged into a new
 * cluster of {@code size} points at {@code height}. Points are clusters {@code 0 .. n-1}; the cluster made by row
 * {@code i} is {@code n + i}. Rows are in non-decreasing order of height. This is exactly the matrix
 * {@code scipy.cluster.hierarchy.linkage} returns: the algorithm's merges stably sorted by height and relabelled with
 * a union-find, the smaller id first.
 *
 * <h2>Cuts</h2>
 * Both cuts return one label per point, clusters numbered {@code 0, 1, 2, ...} by first appearance in point order.
 * <ul>
 *   <li>{@link #cut(int)}: exactly {@code k} clusters, made by applying the first {@code n - k} rows (as
 *       scikit-learn's {@code AgglomerativeClustering(n_clusters=k)} cuts the tree).</li>
 *   <li>{@link #cutAt(double)}: every row whose height is {@code <= h} is applied (a merge at exactly {@code h} is
 *       applied), as SciPy's {@code fcluster(Z, h, criterion='distance')}.</li>
 * </ul>
 *
 * <p>Immutable and thread-safe; the arrays returned are copies.
 */
public final class Dendrogram {
    private final int n;
    private final int[] a;
    private final int[] b;
    private final double[] height;
    private final int[] size;

    private Dendrogram(int n, int[] a, int[] b, double[] height, int[] size) {
        this.n = n;
        this.a = a;
        this.b = b;
        this.height = height;
        this.size = size;
    }

    /**
     * Builds the dendrogram from an algorithm's raw merges, the one place where both backends' output becomes
     * SciPy's form: rows stably sorted by height, then each row's two point indices (any point of each merged
     * cluster) replaced by the ids of their clusters at that moment, found with a union-find, the smaller first.
     *
     * @param n the number of points
     * @param raw {@code 3 (n - 1)} values: per row two point indices and the height (non-negative)
     */
    static Dendrogram fromRaw(int n, double[] raw) {
        int m = Math.max(n - 1, 0);
        Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        // Stable (TimSort), like NumPy's mergesort; heights are never NaN or -0.0.
        Arrays.sort(order, (p, q) -> Double.compare(raw[3 * p + 2], raw[3 * q + 2]));
        int[] parent = new int[Math.max(2 * n - 1, 0)];
        int[] sizes = new int[parent.length];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
            sizes[i] = 1;
        }
        int[] ra = new int[m];
        int[] rb = new int[m];
        double[] rh = new double[m];
        int[] rs = new int[m];
        for (int i = 0; i < m; i++) {
            int r = order[i];
            int x = find(parent, (int) raw[3 * r]);
            int y = find(parent, (int) raw[3 * r + 1]);
            int lo = Math.min(x, y);
            int hi = Math.max(x, y);
            int id = n + i;
            parent[lo] = id;
            parent[hi] = id;
            sizes[id] = sizes[lo] + sizes[hi];
            ra[i] = lo;
            rb[i] = hi;
            rh[i] = raw[3 * r + 2];
            rs[i] = sizes[id];
        }
        return new Dendrogram(n, ra, rb, rh, rs);
    }

    private static int find(int[] parent, int x) {
        int root = x;
        while (parent[root] != root) {
            root = parent[root];
        }
        while (parent[x] != root) {
            int next = parent[x];
            parent[x] = root;
            x = next;
        }
        return root;
    }

    /**
     * The number of points clustered.
     *
     * @return {@code n}
     */
    public int size() {
        return n;
    }

    /**
     * The merges in SciPy's linkage-matrix form (see the class description).
     *
     * @return a new array of {@code max(n - 1, 0)} rows {@code {a, b, height, size}}
     */
    public double[][] merges() {
        double[][] out = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            out[i] = new double[] {a[i], b[i], height[i], size[i]};
        }
        return out;
    }

    /**
     * The height of merge {@code i}.
     *
     * @param i the row, {@code 0 .. n - 2}
     * @return its height
     * @throws IllegalArgumentException when {@code i} is out of range
     */
    public double height(int i) {
        if (i < 0 || i >= height.length) {
            throw new IllegalArgumentException("merge index i must be in 0.." + (height.length - 1) + ", got " + i);
        }
        return height[i];
    }

    /**
     * Cuts the tree into exactly {@code k} clusters by applying the first {@code n - k} merges.
     *
     * @param k the number of clusters, {@code 1 .. n} ({@code 0} only when there are no points)
     * @return one label per point, numbered by first appearance
     * @throws IllegalArgumentException when {@code k} is out of range
     */
    public int[] cut(int k) {
        if (k < Math.min(1, n) || k > n) {
            throw new IllegalArgumentException("k must be in " + Math.min(1, n) + ".." + n + " (the number of points), got "
                    + k);
        }
        return labels(n - k);
    }

    /**
     * Cuts the tree at a height: every merge at a height {@code <= h} is applied (SciPy's
     * {@code fcluster(Z, h, criterion='distance')}).
     *
     * @param h the height; below every merge height each point is its own cluster
     * @return one label per point, numbered by first appearance
     * @throws IllegalArgumentException when {@code h} is NaN
     */
    public int[] cutAt(double h) {
        if (Double.isNaN(h)) {
            throw new IllegalArgumentException("h must not be NaN");
        }
        int applied = 0;
        while (applied < height.length && height[applied] <= h) {
            applied++;
        }
        return labels(applied);
    }

    /** Labels after the first {@code applied} merges. */
    private int[] labels(int applied) {
        int[] parent = new int[n + applied];
        for (int i = 0; i < parent.length; i++) {
            parent[i] = i;
        }
        for (int i = 0; i < applied; i++) {
            parent[a[i]] = n + i;
            parent[b[i]] = n + i;
        }
        int[] number = new int[parent.length];
        Arrays.fill(number, -1);
        int[] labels = new int[n];
        int next = 0;
        for (int p = 0; p < n; p++) {
            int root = find(parent, p);
            if (number[root] < 0) {
                number[root] = next++;
            }
            labels[p] = number[root];
        }
        return labels;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Dendrogram d && d.n == n && Arrays.equals(d.a, a) && Arrays.equals(d.b, b)
                && Arrays.equals(d.height, height) && Arrays.equals(d.size, size);
    }

    @Override
    public int hashCode() {
        return ((Arrays.hashCode(a) * 31 + Arrays.hashCode(b)) * 31 + Arrays.hashCode(height)) * 31 + n;
    }

    @Override
    public String toString() {
        return "Dendrogram[n=" + n + ", merges=" + a.length + "]";
    }
}
