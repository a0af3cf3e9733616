package dev.ferrite.agglomerative;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the answers SciPy gave for the generated data sets under {@code /vectors/scipy-agglomerative/} (made by
 * {@code scripts/peers/agglomerative_answers.py}; the format is described there).
 */
final class ScipyAnswers {
    /** The data sets, in the order the script writes them. */
    static final List<String> SETS = List.of("blobs", "moons", "blobs10", "embed32", "blobs_f32", "duplicates", "grid",
            "identical", "one", "two");

    private ScipyAnswers() {}

    /** One data set and SciPy's answers for it. */
    record DataSet(String name, double[][] points, boolean tieFree, List<Answer> answers) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** SciPy's linkage matrix and cuts for one method and metric. */
    record Answer(String method, String metric, double[][] merges, Map<Integer, int[]> cutK,
            Map<Double, int[]> cutH) {}

    static DataSet read(String name) {
        String resource = "/vectors/scipy-agglomerative/" + name + ".txt";
        try (InputStream in = ScipyAnswers.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource " + resource);
            }
            BufferedReader r = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            List<double[]> points = new ArrayList<>();
            List<Answer> answers = new ArrayList<>();
            boolean tieFree = false;
            String method = null;
            String metric = null;
            List<double[]> merges = null;
            Map<Integer, int[]> cutK = null;
            Map<Double, int[]> cutH = null;
            for (String line; (line = r.readLine()) != null; ) {
                if (line.startsWith("#") || line.isBlank()) {
                    continue;
                }
                String[] f = line.trim().split(" ");
                switch (f[0]) {
                    case "set" -> tieFree = f[7].equals("1");
                    case "point" -> points.add(doubles(f, 1));
                    case "linkage" -> {
                        if (method != null) {
                            answers.add(new Answer(method, metric, merges.toArray(double[][]::new), cutK, cutH));
                        }
                        method = f[1];
                        metric = f[2];
                        merges = new ArrayList<>();
                        cutK = new LinkedHashMap<>();
                        cutH = new LinkedHashMap<>();
                    }
                    case "merge" -> merges.add(doubles(f, 1));
                    case "cutk" -> cutK.put(Integer.parseInt(f[1]), ints(f, 2));
                    case "cuth" -> cutH.put(Double.parseDouble(f[1]), ints(f, 2));
                    default -> throw new IllegalStateException(resource + ": unknown line " + line);
                }
            }
            if (method != null) {
                answers.add(new Answer(method, metric, merges.toArray(double[][]::new), cutK, cutH));
            }
            return new DataSet(name, points.toArray(double[][]::new), tieFree, answers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static double[] doubles(String[] f, int from) {
        double[] out = new double[f.length - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = Double.parseDouble(f[from + i]);
        }
        return out;
    }

    private static int[] ints(String[] f, int from) {
        int[] out = new int[f.length - from];
        for (int i = 0; i < out.length; i++) {
            out[i] = Integer.parseInt(f[from + i]);
        }
        return out;
    }
}
