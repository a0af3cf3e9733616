package dev.ferrite.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.dbscan.DbscanParams;
import dev.ferrite.dbscan.DbscanResult;
import dev.ferrite.dbscan.Metric;
import java.awt.Color;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ferrite dbscan} end to end on each backend: its labels are {@code Clustering.dbscan}'s on the same points
 * (CSV with and without header, .npy float64 and float32, both metrics), the summary names clusters, noise and
 * backend, and the plot has the asked size and exactly one colour per cluster plus the noise grey.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.cli.CliBackends#all")
class CliDbscanTest {
    @Parameter
    Backend backend;

    @TempDir
    Path dir;

    @BeforeAll
    static void headless() {
        System.setProperty("java.awt.headless", "true");
    }

    private static final double[][] BLOBS = TestData.blobs(4, 400, 120, 2, 19);

    private CliRun.Result dbscan(Object... args) {
        String[] all = new String[args.length + 2];
        all[0] = CliBackends.option(backend);
        all[1] = "dbscan";
        for (int i = 0; i < args.length; i++) {
            all[i + 2] = args[i].toString();
        }
        return CliRun.run(all);
    }

    private static int[] readLabels(Path file, boolean[] core) throws IOException {
        List<String> lines = Files.readAllLines(file);
        assertEquals("label,core", lines.get(0));
        int[] labels = new int[lines.size() - 1];
        for (int i = 1; i < lines.size(); i++) {
            String[] cells = lines.get(i).split(",");
            labels[i - 1] = Integer.parseInt(cells[0]);
            if (core != null) {
                core[i - 1] = cells[1].equals("1");
            }
        }
        return labels;
    }

    @Test
    void csvLabels_areTheLibrarys_andTheSummarySaysSo() throws IOException {
        Path csv = TestData.csv(dir.resolve("blobs.csv"), "x,y", BLOBS);
        Path labels = dir.resolve("labels.csv");
        CliRun.Result r = dbscan(csv, "--eps", 0.4, "--min-pts", 8, "--out", labels);
        assertEquals(0, r.status(), r::toString);
        DbscanResult expected = Clustering.dbscan(backend).cluster(BLOBS, DbscanParams.of(0.4, 8));
        boolean[] core = new boolean[BLOBS.length];
        assertArrayEquals(expected.labels(), readLabels(labels, core));
        assertArrayEquals(expected.coreFlags(), core);
        assertEquals(4, expected.clusterCount(), "the test data should make four clusters");
        String out = r.out();
        assertTrue(out.contains("input     " + csv + ": 1,720 points, 2 dimensions (float64)"), out);
        assertTrue(out.contains(String.format("clusters  4 (sizes %,d, %,d, %,d, %,d)", expected.clusterSizes()[0],
                expected.clusterSizes()[1], expected.clusterSizes()[2], expected.clusterSizes()[3])), out);
        assertTrue(out.contains(String.format("noise     %,d points", expected.noiseCount())), out);
        assertTrue(out.matches("(?s).*\ntime      [0-9.]+ m?s clustering \\([0-9.]+ m?s reading the input\\)\n.*"),
                out);
        assertTrue(out.contains("backend   " + backend.name().toLowerCase() + " (--backend)\n"), out);
        assertEquals("", r.err());
    }

    @Test
    void backendOption_worksAfterTheCommandToo() throws IOException {
        Path csv = TestData.csv(dir.resolve("blobs.csv"), "x,y", BLOBS);
        CliRun.Result r = CliRun.run("dbscan", csv.toString(), "--eps", "0.4", "--min-pts", "8",
                CliBackends.option(backend), "--no-progress");
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("backend   " + backend.name().toLowerCase() + " (--backend)\n"), r.out());
    }

    @Test
    void headerIsOptional_andSpacesAndTabsSeparateToo() throws IOException {
        Path with = TestData.csv(dir.resolve("with.csv"), "\"lon\",\"lat\"", BLOBS);
        Path without = TestData.csv(dir.resolve("without.csv"), null, BLOBS);
        Path spaced = dir.resolve("spaced.txt");
        Files.writeString(spaced, "# numpy.savetxt\n" + Files.readString(without).replace(",", " "));
        Path tabbed = dir.resolve("tabbed.tsv");
        Files.writeString(tabbed, Files.readString(with).replace(",", "\t"));
        int[] expected = Clustering.dbscan(backend).cluster(BLOBS, DbscanParams.of(0.4, 8)).labels();
        for (Path input : List.of(with, without, spaced, tabbed)) {
            Path labels = dir.resolve(input.getFileName() + ".labels");
            CliRun.Result r = dbscan(input, "--eps", 0.4, "--min-pts", 8, "-o", labels);
            assertEquals(0, r.status(), r::toString);
            assertArrayEquals(expected, readLabels(labels, null), input.toString());
        }
    }

    @Test
    void npyFloat64AndFloat32_andCosine() throws IOException {
        double[][] points = TestData.blobs(3, 200, 40, 5, 5);
        Path f8 = TestData.npy(dir.resolve("p8.npy"), points, "<f8");
        Path f4 = TestData.npy(dir.resolve("p4.npy"), points, "<f4");
        DbscanParams params = DbscanParams.of(1.5, 6);
        CliRun.Result r = dbscan(f8, "--eps", 1.5, "--min-pts", 6, "--out", dir.resolve("l8.csv"));
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("640 points, 5 dimensions (float64)"), r.out());
        assertArrayEquals(Clustering.dbscan(backend).cluster(points, params).labels(),
                readLabels(dir.resolve("l8.csv"), null));
        r = dbscan(f4, "--eps", 1.5, "--min-pts", 6, "--out", dir.resolve("l4.csv"));
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("(float32)"), r.out());
        assertArrayEquals(Clustering.dbscan(backend).cluster(TestData.toFloats(points), params).labels(),
                readLabels(dir.resolve("l4.csv"), null));
        r = dbscan(f8, "--eps", 0.02, "--min-pts", 6, "--metric", "cosine", "--out", dir.resolve("lc.csv"));
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("metric=cosine"), r.out());
        assertArrayEquals(Clustering.dbscan(backend).cluster(points, DbscanParams.of(0.02, 6).metric(Metric.COSINE))
                .labels(), readLabels(dir.resolve("lc.csv"), null));
    }

    @Test
    void plot_hasTheSize_andOneColourPerClusterPlusGrey() throws IOException {
        Path csv = TestData.csv(dir.resolve("blobs.csv"), "x,y", BLOBS);
        Path png = dir.resolve("clusters.png");
        CliRun.Result r = dbscan(csv, "--eps", 0.4, "--min-pts", 8, "--plot", png, "--plot-size", "640x480");
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().contains("plot      " + png), r.out());
        assertPlot(png, 640, 480, 4);
    }

    @Test
    void plotAboveTwoDimensions_isAPcaProjection() throws IOException {
        double[][] points = TestData.blobs(3, 200, 40, 5, 5);
        Path npy = TestData.npy(dir.resolve("p.npy"), points, "<f8");
        Path png = dir.resolve("pca.png");
        CliRun.Result r = dbscan(npy, "--eps", 1.5, "--min-pts", 6, "--plot", png);
        assertEquals(0, r.status(), r::toString);
        int clusters = Clustering.dbscan(backend).cluster(points, DbscanParams.of(1.5, 6)).clusterCount();
        assertEquals(3, clusters);
        assertPlot(png, 900, 650, clusters);
    }

    /**
     * The PNG has the size, and the point pixels in its data area (found by its background colour, which appears
     * nowhere else) have exactly {@code clusters + 1} colours: each cluster's own and the noise grey.
     */
    static void assertPlot(Path png, int width, int height, int clusters) throws IOException {
        BufferedImage image = ImageIO.read(png.toFile());
        assertEquals(width, image.getWidth());
        assertEquals(height, image.getHeight());
        int background = ClusterPlot.BACKGROUND.getRGB();
        int minX = Integer.MAX_VALUE;
        int minY = Integer.MAX_VALUE;
        int maxX = -1;
        int maxY = -1;
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                if (image.getRGB(x, y) == background) {
                    minX = Math.min(minX, x);
                    maxX = Math.max(maxX, x);
                    minY = Math.min(minY, y);
                    maxY = Math.max(maxY, y);
                }
            }
        }
        assertTrue(maxX - minX > width / 2 && maxY - minY > height / 2, "no data area found");
        Set<Integer> colours = new HashSet<>();
        for (int y = minY + 1; y < maxY; y++) {
            for (int x = minX + 1; x < maxX; x++) {
                int rgb = image.getRGB(x, y);
                if (rgb != background && rgb != Color.WHITE.getRGB()) { // white: the grid lines
                    colours.add(rgb);
                }
            }
        }
        Set<Integer> expected = new HashSet<>();
        for (Color c : ClusterPlot.colours(clusters)) {
            expected.add(c.getRGB());
        }
        expected.add(ClusterPlot.NOISE.getRGB());
        assertEquals(clusters + 1, expected.size(), "cluster colours must be distinct and not grey");
        assertEquals(expected, colours, "point colours in the data area");
    }

    @Test
    void sampledPlot_stillOneColourPerCluster() throws IOException {
        double[][] points = TestData.blobs(3, 200, 40, 7, 5);
        DbscanResult r = Clustering.dbscan(backend).cluster(points, DbscanParams.of(1.5, 6));
        double[] flat = new double[points.length * 7];
        for (int i = 0; i < points.length; i++) {
            System.arraycopy(points[i], 0, flat, i * 7, 7);
        }
        Path png = dir.resolve("sampled.png");
        try (var out = Files.newOutputStream(png)) {
            ClusterPlot.write(out, new Points(flat, null, points.length, 7, List.of()), r.labels(), r.clusterCount(),
                    "sampled", false, 400, 300, 300);
        }
        assertPlot(png, 400, 300, r.clusterCount());
    }

    @Test
    void clusterColours_areDistinct_manyOfThem() {
        List<Color> colours = ClusterPlot.colours(300);
        Set<Integer> rgb = new HashSet<>();
        for (Color c : colours) {
            rgb.add(c.getRGB());
        }
        assertEquals(300, rgb.size());
        assertTrue(!rgb.contains(ClusterPlot.NOISE.getRGB()) && !rgb.contains(ClusterPlot.BACKGROUND.getRGB()));
    }
}
