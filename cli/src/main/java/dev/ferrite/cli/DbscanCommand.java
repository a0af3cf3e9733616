package dev.ferrite.cli;

import dev.ferrite.dbscan.Dbscan;
import dev.ferrite.dbscan.DbscanParams;
import dev.ferrite.dbscan.DbscanResult;
import dev.ferrite.dbscan.Metric;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/** {@code ferrite dbscan}: exact DBSCAN on a CSV or .npy file, with labels and a plot. */
@Command(name = "dbscan", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Exact DBSCAN of the points in INPUT; prints the clusters, noise, time and backend.",
            "INPUT: CSV (one point per line, comma, tab or space separated, optional header line; # comments) or a "
                    + "NumPy .npy file (2-D float64 or float32, C order, little-endian).",
            "Labels are those of dev.ferrite.Clustering.dbscan: clusters 0, 1, ... by first appearance, -1 for noise; "
                    + "minPts counts the point itself."})
final class DbscanCommand implements Callable<Integer> {
    @ParentCommand
    private FerriteCli root;

    @Parameters(paramLabel = "INPUT", description = "Points: .csv (or any other name) or .npy.")
    private Path input;

    @Option(names = "--eps", required = true, paramLabel = "E",
            description = "Neighbourhood radius: points at distance <= E are neighbours.")
    private double eps;

    @Option(names = "--min-pts", required = true, paramLabel = "K",
            description = "Neighbours (the point included) that make a core point.")
    private int minPts;

    @Option(names = "--metric", defaultValue = "euclidean", paramLabel = "euclidean|cosine",
            description = "Distance: euclidean (default) or cosine (1 - cos, between 0 and 2).")
    private Metric metric;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE",
            description = "Write the labels as CSV: a header 'label,core', then one line per point in input order.")
    private Path out;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Write a scatter plot (PNG) coloured by cluster, noise in grey; PCA to 2-D above two "
                    + "dimensions.")
    private Path plot;

    @Option(names = "--plot-size", defaultValue = "900x650", paramLabel = "WxH",
            description = "Plot size in pixels (default ${DEFAULT-VALUE}).")
    private String plotSize;

    @Option(names = "--threads", defaultValue = "0", paramLabel = "N",
            description = "Threads for the clustering (0, the default: all).")
    private int threads;

    @Override
    public Integer call() throws IOException {
        Io io = root.io();
        DbscanParams params;
        try {
            params = DbscanParams.of(eps, minPts).metric(metric).threads(threads);
        } catch (IllegalArgumentException e) {
            throw CliException.badInput("dbscan: " + e.getMessage().replace("minPts", "--min-pts")
                    .replace("eps", "--eps").replace("threads", "--threads"));
        }
        int[] size = plotSize();
        AtomicFiles.checkTarget(out);
        AtomicFiles.checkTarget(plot);
        Dbscan dbscan = root.dbscan();
        try (Progress progress = Progress.start(io)) {
            long t0 = System.nanoTime();
            Points points = new PointsReader(input, metric, progress).read();
            long t1 = System.nanoTime();
            progress.stage(String.format(Locale.ROOT, "clustering %,d points", points.count()), -1, false);
            DbscanResult result;
            try {
                result = points.doubles() != null ? dbscan.cluster(points.doubles(), points.dim(), params)
                        : dbscan.cluster(points.floats(), points.dim(), params);
            } catch (IllegalArgumentException e) {
                // The reader refuses what the library refuses, naming the line; this is the library's own word.
                throw CliException.badInput(input + ": " + e.getMessage());
            }
            long t2 = System.nanoTime();
            int[] labels = result.labels();
            if (out != null) {
                progress.stage("writing " + out.getFileName(), -1, false);
                writeLabels(out, result);
            }
            if (plot != null) {
                progress.stage("plotting", -1, false);
                String title = String.format(Locale.ROOT, "DBSCAN of %s (eps=%s, minPts=%d%s)", input.getFileName(),
                        number(eps), minPts, metric == Metric.COSINE ? ", cosine" : "");
                AtomicFiles.write(plot, false, o -> ClusterPlot.write(o, points, labels, result.clusterCount(), title,
                        metric == Metric.COSINE, size[0], size[1]));
            }
            progress.println(String.format(Locale.ROOT, "input     %s: %,d points, %d dimension%s (%s)", input,
                    points.count(), points.dim(), points.dim() == 1 ? "" : "s", points.type()));
            progress.println(String.format(Locale.ROOT, "params    eps=%s, min-pts=%d, metric=%s", number(eps),
                    minPts, metric.name().toLowerCase(Locale.ROOT)));
            progress.println(String.format(Locale.ROOT, "clusters  %,d%s", result.clusterCount(),
                    sizes(result.clusterSizes())));
            progress.println(String.format(Locale.ROOT, "noise     %,d point%s", result.noiseCount(),
                    result.noiseCount() == 1 ? "" : "s"));
            progress.println(String.format(Locale.ROOT, "time      %s clustering (%s reading the input)",
                    duration(t2 - t1), duration(t1 - t0)));
            progress.println("backend   " + root.describeBackend(dbscan.backend()));
            if (out != null) {
                progress.println("labels    " + out);
            }
            if (plot != null) {
                progress.println("plot      " + plot);
            }
        }
        return 0;
    }

    private int[] plotSize() {
        String[] parts = plotSize.toLowerCase(Locale.ROOT).split("x");
        try {
            if (parts.length == 2) {
                int w = Integer.parseInt(parts[0].strip());
                int h = Integer.parseInt(parts[1].strip());
                if (w >= 200 && h >= 150 && w <= 10_000 && h <= 10_000) {
                    return new int[] {w, h};
                }
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw CliException.badInput("dbscan: --plot-size: expected WIDTHxHEIGHT from 200x150 to 10000x10000, got '"
                + plotSize + "'");
    }

    private static void writeLabels(Path file, DbscanResult result) {
        AtomicFiles.write(file, false, o -> {
            BufferedWriter w = new BufferedWriter(new OutputStreamWriter(o, StandardCharsets.US_ASCII), 1 << 16);
            w.write("label,core\n");
            for (int i = 0; i < result.size(); i++) {
                w.write(Integer.toString(result.label(i)));
                w.write(result.isCore(i) ? ",1\n" : ",0\n");
            }
            w.flush();
        });
    }

    private static String sizes(int[] sizes) {
        if (sizes.length == 0) {
            return "";
        }
        StringBuilder s = new StringBuilder(" (sizes ");
        for (int i = 0; i < Math.min(sizes.length, 10); i++) {
            s.append(i == 0 ? "" : ", ").append(String.format(Locale.ROOT, "%,d", sizes[i]));
        }
        return s.append(sizes.length > 10 ? ", ...)" : ")").toString();
    }

    static String number(double v) {
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    static String duration(long nanos) {
        return nanos >= 1_000_000_000L ? String.format(Locale.ROOT, "%.2f s", nanos / 1e9)
                : String.format(Locale.ROOT, "%.1f ms", nanos / 1e6);
    }

}
