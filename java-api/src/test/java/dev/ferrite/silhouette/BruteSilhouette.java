package dev.ferrite.silhouette;

import dev.ferrite.dbscan.Metric;
import java.util.Arrays;
import java.util.SplittableRandom;

/** The definition of {@link Silhouette}, pair by pair, as plainly as possible: the tests' reference. */
final class BruteSilhouette {
    private BruteSilhouette() {}

    static double distance(double[] a, double[] b, Metric metric) {
        if (metric == Metric.EUCLIDEAN) {
            double s = 0;
            for (int k = 0; k < a.length; k++) {
                s += (a[k] - b[k]) * (a[k] - b[k]);
            }
            return Math.sqrt(s);
        }
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int k = 0; k < a.length; k++) {
            dot += a[k] * b[k];
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        return Math.min(2, Math.max(0, 1 - dot / (Math.sqrt(na) * Math.sqrt(nb))));
    }

    /** Each point's value (NaN for noise). */
    static double[] values(double[][] x, int[] labels, Metric metric) {
        int n = x.length;
        double[] out = new double[n];
        Arrays.fill(out, Double.NaN);
        for (int i = 0; i < n; i++) {
            if (labels[i] < 0) {
                continue;
            }
            double own = 0;
            int ownCount = 0;
            java.util.TreeMap<Integer, double[]> other = new java.util.TreeMap<>();
            for (int j = 0; j < n; j++) {
                if (j == i || labels[j] < 0) {
                    continue;
                }
                double d = distance(x[i], x[j], metric);
                if (labels[j] == labels[i]) {
                    own += d;
                    ownCount++;
                } else {
                    double[] s = other.computeIfAbsent(labels[j], l -> new double[2]);
                    s[0] += d;
                    s[1]++;
                }
            }
            if (ownCount == 0) {
                out[i] = 0;
                continue;
            }
            double a = own / ownCount;
            double b = Double.POSITIVE_INFINITY;
            for (double[] s : other.values()) {
                b = Math.min(b, s[0] / s[1]);
            }
            double top = Math.max(a, b);
            out[i] = top > 0 ? (b - a) / top : 0;
        }
        return out;
    }

    static double mean(double[] values) {
        double s = 0;
        int m = 0;
        for (double v : values) {
            if (!Double.isNaN(v)) {
                s += v;
                m++;
            }
        }
        return s / m;
    }

    /** Seeded blobs: {@code k} centres in a box of side 10, points spread around them; every 13th point noise. */
    static Data blobs(long seed, int n, int dim, int k, double spread, boolean noise) {
        SplittableRandom r = new SplittableRandom(seed);
        double[][] centres = new double[k][dim];
        for (double[] c : centres) {
            for (int q = 0; q < dim; q++) {
                c[q] = r.nextDouble(-5, 5);
            }
        }
        double[][] x = new double[n][dim];
        int[] labels = new int[n];
        for (int i = 0; i < n; i++) {
            int c = i < k ? i : r.nextInt(k);
            for (int q = 0; q < dim; q++) {
                x[i][q] = centres[c][q] + r.nextGaussian() * spread;
            }
            labels[i] = noise && i >= k && i % 13 == 5 ? -1 : 10 * c + 3;
        }
        return new Data(x, labels);
    }

    record Data(double[][] x, int[] labels) {
        float[][] floats() {
            float[][] f = new float[x.length][];
            for (int i = 0; i < x.length; i++) {
                f[i] = new float[x[i].length];
                for (int q = 0; q < x[i].length; q++) {
                    f[i][q] = (float) x[i][q];
                }
            }
            return f;
        }

        /** The points rounded to float and widened back. */
        double[][] widened() {
            float[][] f = floats();
            double[][] w = new double[f.length][];
            for (int i = 0; i < f.length; i++) {
                w[i] = new double[f[i].length];
                for (int q = 0; q < f[i].length; q++) {
                    w[i][q] = f[i][q];
                }
            }
            return w;
        }
    }

    static double[] flat(double[][] x) {
        int d = x.length == 0 ? 0 : x[0].length;
        double[] f = new double[x.length * d];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, f, i * d, d);
        }
        return f;
    }

    static float[] flat(float[][] x) {
        int d = x.length == 0 ? 0 : x[0].length;
        float[] f = new float[x.length * d];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(x[i], 0, f, i * d, d);
        }
        return f;
    }
}
