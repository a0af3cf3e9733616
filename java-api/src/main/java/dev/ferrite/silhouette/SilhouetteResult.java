package dev.ferrite.silhouette;

/**
 * The silhouette values of {@code n} points: one per point ({@code Double.NaN} for the noise points, those with a
 * negative label), their mean over the scored points, and how many points were scored. See {@link Silhouette}.
 *
 * <p>Immutable and thread-safe; {@link #values()} returns a fresh copy.
 */
public final class SilhouetteResult {
    private final double mean;
    private final double[] values;
    private final int count;

    /** Takes ownership of {@code values} (no copy). */
    SilhouetteResult(double mean, double[] values, int count) {
        this.mean = mean;
        this.values = values;
        this.count = count;
    }

    /**
     * The mean of the values over the scored points (label {@code >= 0}): scikit-learn's {@code silhouette_score} on
     * those points.
     *
     * @return the mean, between -1 and 1
     */
    public double mean() {
        return mean;
    }

    /**
     * Each point's value, in input order: {@code s(i)} between -1 and 1 for a scored point, {@code Double.NaN} for a
     * noise point.
     *
     * @return a copy, one value per input point
     */
    public double[] values() {
        return values.clone();
    }

    /**
     * The value of one point.
     *
     * @param i the point's index in the input
     * @return {@code s(i)}, or {@code Double.NaN} for a noise point
     * @throws IndexOutOfBoundsException when {@code i} is not an index of the input
     */
    public double value(int i) {
        return values[i];
    }

    /**
     * How many points were scored (those with a label {@code >= 0}).
     *
     * @return the count, at least 3
     */
    public int count() {
        return count;
    }

    /**
     * The number of input points, noise included.
     *
     * @return n
     */
    public int size() {
        return values.length;
    }

    @Override
    public String toString() {
        return "SilhouetteResult[mean=" + mean + ", scored=" + count + " of " + values.length + "]";
    }
}
