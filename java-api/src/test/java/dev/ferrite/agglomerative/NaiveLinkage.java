package dev.ferrite.agglomerative;

/**
 * The reference for tiny inputs: the textbook O(n^3) agglomeration over the full distance matrix (always merge the
 * globally closest pair of clusters, update with the Lance–Williams formula of the linkage), written independently of
 * both backends. On tie-free data it gives SciPy's linkage matrix directly: its merges come in non-decreasing height
 * order and each new cluster gets the next id.
 */
final class NaiveLinkage {
    private NaiveLinkage() {}

    static double[][] linkage(double[][] x, Linkage linkage, boolean cosine) {
        int n = x.length;
        double[][] d = new double[n][n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                d[i][j] = cosine ? cosineDistance(x[i], x[j]) : euclidean(x[i], x[j]);
            }
        }
        int[] id = new int[n];
        double[] size = new double[n];
        boolean[] alive = new boolean[n];
        for (int i = 0; i < n; i++) {
            id[i] = i;
            size[i] = 1;
            alive[i] = true;
        }
        double[][] out = new double[Math.max(n - 1, 0)][];
        for (int k = 0; k < n - 1; k++) {
            double h = Double.POSITIVE_INFINITY;
            int bi = -1;
            int bj = -1;
            for (int i = 0; i < n; i++) {
                for (int j = i + 1; j < n; j++) {
                    if (alive[i] && alive[j] && d[i][j] < h) {
                        h = d[i][j];
                        bi = i;
                        bj = j;
                    }
                }
            }
            double ni = size[bi];
            double nj = size[bj];
            for (int m = 0; m < n; m++) {
                if (!alive[m] || m == bi || m == bj) {
                    continue;
                }
                double nm = size[m];
                double a = d[bi][m];
                double b = d[bj][m];
                double v = switch (linkage) {
                    case SINGLE -> Math.min(a, b);
                    case COMPLETE -> Math.max(a, b);
                    case AVERAGE -> (ni * a + nj * b) / (ni + nj);
                    case WARD -> Math.sqrt(((nm + ni) * a * a + (nm + nj) * b * b - nm * h * h) / (ni + nj + nm));
                };
                d[bj][m] = v;
                d[m][bj] = v;
            }
            alive[bi] = false;
            size[bj] = ni + nj;
            out[k] = new double[] {Math.min(id[bi], id[bj]), Math.max(id[bi], id[bj]), h, ni + nj};
            id[bj] = n + k;
        }
        return out;
    }

    static double euclidean(double[] a, double[] b) {
        double s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] - b[k]) * (a[k] - b[k]);
        }
        return Math.sqrt(s);
    }

    static double cosineDistance(double[] a, double[] b) {
        double ab = 0;
        double aa = 0;
        double bb = 0;
        for (int k = 0; k < a.length; k++) {
            ab += a[k] * b[k];
            aa += a[k] * a[k];
            bb += b[k] * b[k];
        }
        return Math.max(0.0, 1.0 - ab / Math.sqrt(aa * bb));
    }
}
