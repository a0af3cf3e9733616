package dev.ferrite.cli;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;

/** Points for the tests (Gaussian blobs plus uniform noise, from a seed) and their CSV and .npy files. */
final class TestData {
    private TestData() {}

    /** {@code blobs} Gaussian blobs of {@code perBlob} points (sd 0.5, centres 6 apart) and {@code noise} points. */
    static double[][] blobs(int blobs, int perBlob, int noise, int dim, long seed) {
        Random random = new Random(seed);
        double[][] centres = new double[blobs][dim];
        for (int b = 0; b < blobs; b++) {
            for (int k = 0; k < dim; k++) {
                centres[b][k] = 6 * ((b >> (k % 3)) & 1) + 6 * (k == 0 ? b : 0) + 3;
            }
        }
        double[][] points = new double[blobs * perBlob + noise][dim];
        int i = 0;
        for (int p = 0; p < perBlob; p++) {
            for (int b = 0; b < blobs; b++) {
                for (int k = 0; k < dim; k++) {
                    points[i][k] = centres[b][k] + 0.5 * random.nextGaussian();
                }
                i++;
            }
        }
        for (int p = 0; p < noise; p++) {
            for (int k = 0; k < dim; k++) {
                points[i][k] = -3 + (6 * blobs + 12) * random.nextDouble();
            }
            i++;
        }
        return points;
    }

    static Path csv(Path file, String header, double[][] points) throws IOException {
        StringBuilder s = new StringBuilder();
        if (header != null) {
            s.append(header).append('\n');
        }
        for (double[] row : points) {
            for (int k = 0; k < row.length; k++) {
                s.append(k == 0 ? "" : ",").append(row[k]); // Double.toString: reads back exactly
            }
            s.append('\n');
        }
        return Files.writeString(file, s.toString());
    }

    /** A .npy file of {@code points} as float64 ({@code "<f8"}) or float32 ({@code "<f4"}). */
    static Path npy(Path file, double[][] points, String descr) throws IOException {
        int n = points.length;
        int d = points[0].length;
        return npyRaw(file, descr, false, "(" + n + ", " + d + ")", data(points, descr.endsWith("4") ? 4 : 8));
    }

    static byte[] data(double[][] points, int itemSize) {
        ByteBuffer b = ByteBuffer.allocate(points.length * points[0].length * itemSize).order(ByteOrder.LITTLE_ENDIAN);
        for (double[] row : points) {
            for (double v : row) {
                if (itemSize == 4) {
                    b.putFloat((float) v);
                } else {
                    b.putDouble(v);
                }
            }
        }
        return b.array();
    }

    /** A version 1.0 .npy file with this header and data, as numpy.save writes it (header padded to 64 bytes). */
    static Path npyRaw(Path file, String descr, boolean fortran, String shape, byte[] data) throws IOException {
        String dict = String.format(Locale.ROOT, "{'descr': '%s', 'fortran_order': %s, 'shape': %s, }", descr,
                fortran ? "True" : "False", shape);
        int total = 10 + dict.length() + 1;
        int pad = (64 - total % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        ByteBuffer b = ByteBuffer.allocate(10 + header.length() + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0});
        b.putShort((short) header.length());
        b.put(header.getBytes(StandardCharsets.US_ASCII));
        b.put(data);
        return Files.write(file, b.array());
    }

    static float[][] toFloats(double[][] points) {
        float[][] out = new float[points.length][];
        for (int i = 0; i < points.length; i++) {
            out[i] = new float[points[i].length];
            for (int k = 0; k < points[i].length; k++) {
                out[i][k] = (float) points[i][k];
            }
        }
        return out;
    }
}
