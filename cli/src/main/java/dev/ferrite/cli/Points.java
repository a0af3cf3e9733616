package dev.ferrite.cli;

import java.util.List;

/**
 * Points read from a file, row-major: exactly one of {@code doubles} and {@code floats} is non-null.
 *
 * @param doubles {@code count * dim} coordinates (CSV, float64 .npy), or null
 * @param floats {@code count * dim} coordinates (float32 .npy), or null
 * @param count the number of points
 * @param dim the dimension
 * @param columnNames the CSV header's names, or an empty list
 */
record Points(double[] doubles, float[] floats, int count, int dim, List<String> columnNames) {
    double get(int point, int k) {
        long i = (long) point * dim + k;
        return doubles != null ? doubles[(int) i] : floats[(int) i];
    }

    String type() {
        return doubles != null ? "float64" : "float32";
    }
}
