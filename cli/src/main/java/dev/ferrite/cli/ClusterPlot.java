package dev.ferrite.cli;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Shape;
import java.awt.geom.Ellipse2D;
import java.awt.geom.Rectangle2D;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.SplittableRandom;
import javax.imageio.ImageIO;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.LegendItem;
import org.jfree.chart.LegendItemCollection;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.SeriesRenderingOrder;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.chart.ui.RectangleEdge;
import org.jfree.data.xy.DefaultXYDataset;

/**
 * The scatter plot of a clustering (JFreeChart, written as PNG): one colour per cluster, noise in grey, drawn under
 * the clusters. Two-dimensional points are drawn as they are; one-dimensional ones against their index; above two
 * dimensions the points are projected on their first two principal components ({@link Pca}). Above
 * {@link #maxPlotted(int)} points a fixed-seed random sample is drawn, and the subtitle says so.
 *
 * <p>Points are drawn without anti-aliasing, so every point pixel has exactly its cluster's colour (text is
 * anti-aliased), on a plot background found nowhere else in the picture ({@link #BACKGROUND}).
 */
final class ClusterPlot {
    /** The colour of noise points. */
    static final Color NOISE = new Color(0xB4, 0xB4, 0xB4);
    /** The data area's background. */
    static final Color BACKGROUND = new Color(0xF2, 0xF4, 0xF7);
    /** The legend lists clusters one by one up to this many. */
    static final int LEGEND_LIMIT = 20;
    /** Tableau 10 without its grey: distinct and readable for the first clusters. */
    private static final int[] PALETTE = {0x1F77B4, 0xFF7F0E, 0x2CA02C, 0xD62728, 0x9467BD, 0x8C564B, 0xE377C2,
        0xBCBD22, 0x17BECF};

    private ClusterPlot() {}

    /** The colours of clusters {@code 0 .. k-1}: all distinct, none grey, none the background or white. */
    static List<Color> colours(int k) {
        LinkedHashSet<Integer> rgb = new LinkedHashSet<>();
        for (int c : PALETTE) {
            if (rgb.size() < k) {
                rgb.add(c);
            }
        }
        // Beyond the palette: hues around the circle by the golden angle, in three saturation/brightness bands.
        for (int i = 0; rgb.size() < k; i++) {
            float hue = (float) ((i * 0.618033988749895) % 1.0);
            float saturation = new float[] {0.75f, 0.55f, 0.9f}[(i / 7) % 3];
            float brightness = new float[] {0.80f, 0.65f, 0.95f}[(i / 3) % 3];
            int c = Color.HSBtoRGB(hue, saturation, brightness) & 0xFFFFFF;
            if (c != (NOISE.getRGB() & 0xFFFFFF) && c != (BACKGROUND.getRGB() & 0xFFFFFF) && c != 0xFFFFFF) {
                rgb.add(c);
            }
        }
        List<Color> out = new ArrayList<>(k);
        for (int c : rgb) {
            out.add(new Color(c));
        }
        return out;
    }

    /** The most points drawn: fewer for many dimensions, which the projection holds in memory. */
    static int maxPlotted(int dim) {
        return (int) Math.max(2_000, Math.min(200_000, 20_000_000L / dim));
    }

    /**
     * Draws the plot and writes it as PNG.
     *
     * @param title the title (input file and parameters)
     * @param cosine whether the metric is cosine (then PCA works on unit vectors)
     */
    static void write(OutputStream out, Points points, int[] labels, int clusters, String title, boolean cosine,
            int width, int height) throws IOException {
        write(out, points, labels, clusters, title, cosine, width, height, maxPlotted(points.dim()));
    }

    /** As above, drawing at most {@code maxPoints} (tests). */
    static void write(OutputStream out, Points points, int[] labels, int clusters, String title, boolean cosine,
            int width, int height, int maxPoints) throws IOException {
        int n = points.count();
        int shown = Math.min(n, maxPoints);
        int[] rows = shown < n ? sample(n, shown) : null;
        double[] x;
        double[] y;
        String xLabel;
        String yLabel;
        String projection;
        if (points.dim() == 2) {
            x = new double[shown];
            y = new double[shown];
            for (int i = 0; i < shown; i++) {
                int row = rows == null ? i : rows[i];
                x[i] = points.get(row, 0);
                y[i] = points.get(row, 1);
            }
            List<String> names = points.columnNames();
            xLabel = names.size() == 2 ? names.get(0) : "x";
            yLabel = names.size() == 2 ? names.get(1) : "y";
            projection = "";
        } else if (points.dim() == 1) {
            x = new double[shown];
            y = new double[shown];
            for (int i = 0; i < shown; i++) {
                int row = rows == null ? i : rows[i];
                x[i] = points.get(row, 0);
                y[i] = row;
            }
            xLabel = points.columnNames().size() == 1 ? points.columnNames().get(0) : "x";
            yLabel = "point index";
            projection = "";
        } else {
            Pca.Projection p = Pca.project(points, rows, cosine);
            x = p.x();
            y = p.y();
            xLabel = String.format(Locale.ROOT, "PC1 (%.0f%% of variance)", 100 * p.varianceX());
            yLabel = String.format(Locale.ROOT, "PC2 (%.0f%% of variance)", 100 * p.varianceY());
            projection = points.dim() + " dimensions projected by PCA" + (cosine ? " (of the unit vectors)" : "");
        }

        // Series 0 is noise, series 1 + c is cluster c: drawn in that order, so noise lies underneath.
        int[] counts = new int[clusters + 1];
        for (int i = 0; i < shown; i++) {
            counts[label(labels, rows, i) + 1]++;
        }
        double[][][] series = new double[clusters + 1][][];
        for (int s = 0; s <= clusters; s++) {
            series[s] = new double[2][counts[s]];
        }
        int[] fill = new int[clusters + 1];
        for (int i = 0; i < shown; i++) {
            int s = label(labels, rows, i) + 1;
            series[s][0][fill[s]] = x[i];
            series[s][1][fill[s]++] = y[i];
        }
        DefaultXYDataset dataset = new DefaultXYDataset();
        dataset.addSeries("noise", series[0]);
        for (int c = 0; c < clusters; c++) {
            dataset.addSeries("cluster " + c, series[c + 1]);
        }

        List<Color> colours = colours(clusters);
        double size = shown <= 20_000 ? 5 : shown <= 100_000 ? 3 : 2;
        Shape dot = size >= 5 ? new Ellipse2D.Double(-size / 2, -size / 2, size, size)
                : new Rectangle2D.Double(-size / 2, -size / 2, size, size);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        renderer.setDrawOutlines(false);
        renderer.setDefaultShape(dot);
        renderer.setAutoPopulateSeriesShape(false);
        renderer.setSeriesPaint(0, NOISE);
        for (int c = 0; c < clusters; c++) {
            renderer.setSeriesPaint(c + 1, colours.get(c));
        }

        NumberAxis xAxis = new NumberAxis(xLabel);
        NumberAxis yAxis = new NumberAxis(yLabel);
        xAxis.setAutoRangeIncludesZero(false);
        yAxis.setAutoRangeIncludesZero(false);
        XYPlot plot = new XYPlot(dataset, xAxis, yAxis, renderer);
        plot.setSeriesRenderingOrder(SeriesRenderingOrder.FORWARD);
        plot.setBackgroundPaint(BACKGROUND);
        plot.setDomainGridlinePaint(Color.WHITE);
        plot.setRangeGridlinePaint(Color.WHITE);
        plot.setDomainGridlineStroke(new BasicStroke(1f));
        plot.setRangeGridlineStroke(new BasicStroke(1f));
        plot.setOutlineVisible(false);
        plot.setAxisOffset(new org.jfree.chart.ui.RectangleInsets(4, 4, 4, 4));

        // The legend counts every point, not only those of a sample.
        int[] sizes = new int[clusters + 1];
        for (int label : labels) {
            sizes[label + 1]++;
        }
        LegendItemCollection legend = new LegendItemCollection();
        Shape legendDot = new Ellipse2D.Double(-4, -4, 8, 8);
        for (int c = 0; c < Math.min(clusters, LEGEND_LIMIT); c++) {
            String name = String.format(Locale.ROOT, "cluster %d (%,d)", c, sizes[c + 1]);
            legend.add(new LegendItem(name, null, null, null, legendDot, colours.get(c)));
        }
        if (clusters > LEGEND_LIMIT) {
            legend.add(new LegendItem(String.format(Locale.ROOT, "… %d more clusters", clusters - LEGEND_LIMIT), null,
                    null, null, new Rectangle2D.Double(0, 0, 0, 0), Color.WHITE));
        }
        legend.add(new LegendItem(String.format(Locale.ROOT, "noise (%,d)", sizes[0]), null, null, null, legendDot,
                NOISE));
        plot.setFixedLegendItems(legend);

        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 16), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        chart.getLegend().setPosition(RectangleEdge.RIGHT);
        chart.getLegend().setFrame(new org.jfree.chart.block.BlockBorder(Color.WHITE));
        List<String> notes = new ArrayList<>();
        notes.add(String.format(Locale.ROOT, "%,d clusters, %,d noise points", clusters, sizes[0]));
        if (!projection.isEmpty()) {
            notes.add(projection);
        }
        if (rows != null) {
            notes.add(String.format(Locale.ROOT, "a random sample of %,d of the %,d points", shown, n));
        }
        chart.addSubtitle(new TextTitle(String.join("; ", notes), new Font(Font.SANS_SERIF, Font.PLAIN, 12)));
        // Points without anti-aliasing (exact colours), text with it (legible).
        chart.setAntiAlias(false);
        chart.setTextAntiAlias(true);

        BufferedImage image = chart.createBufferedImage(width, height, BufferedImage.TYPE_INT_RGB, null);
        if (!ImageIO.write(image, "png", out)) {
            throw new IOException("no PNG writer in this JDK");
        }
    }

    private static int label(int[] labels, int[] rows, int i) {
        return labels[rows == null ? i : rows[i]];
    }

    /** {@code k} distinct indices below {@code n}, ascending, from a fixed seed. */
    private static int[] sample(int n, int k) {
        SplittableRandom random = new SplittableRandom(0x5EED);
        int[] perm = new int[n];
        for (int i = 0; i < n; i++) {
            perm[i] = i;
        }
        for (int i = 0; i < k; i++) {
            int j = i + random.nextInt(n - i);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] out = Arrays.copyOf(perm, k);
        Arrays.sort(out);
        return out;
    }
}
