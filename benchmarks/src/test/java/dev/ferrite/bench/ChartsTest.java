package dev.ferrite.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.bench.Report.Row;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The tour's HTML report and the --full runs' SVG chart, generated from a small JMH JSON result (a tour run on this
 * machine, trimmed, plus the no-op FFM call every --full run has and a single-shot Commons Math result without an
 * error, 2,300 times native's time): one chart per kernel, time axes in decades of time units, bars placed on that
 * log scale, no no-op row.
 */
class ChartsTest {

    private static final Set<String> KERNELS = Set.of("SHA-256", "Ed25519", "AES-GCM", "Argon2", "DBSCAN");

    @TempDir
    Path dir;

    private static String fixture() throws IOException {
        try (InputStream in = ChartsTest.class.getResourceAsStream("tour-fixture.json")) {
            assertNotNull(in, "tour-fixture.json is missing from the test resources");
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Row> rows() throws IOException {
        List<Row> rows = Report.fromJson(fixture());
        assertEquals(22, rows.size(), "the fixture's results");
        assertTrue(rows.stream().anyMatch(r -> r.benchmark().endsWith("NativeCallBench.noop")),
                "the fixture holds the no-op call, so that leaving it out is tested");
        return rows;
    }

    @Test
    void tourHtml_hasOneLogScaleChartPerKernel_inTimeUnits_withoutTheNoopCall() throws IOException {
        List<Row> rows = rows();
        String html = Tour.html(rows, "2026-12-07 23:41 UTC", 106, Path.of("tour.log"), Path.of("tour.json"),
                List.of());

        assertTrue(html.startsWith("<!DOCTYPE html>"), "an HTML document");
        List<String> charts = svgs(html);
        assertEquals(KERNELS.size(), charts.size(), "one chart per kernel");
        Set<String> headings = new LinkedHashSet<>();
        Matcher h2 = Pattern.compile("<section class=\"kernel\">\\s*<h2>([^<]*)</h2>\\s*<svg").matcher(html);
        while (h2.find()) {
            headings.add(h2.group(1));
        }
        assertEquals(KERNELS, headings, "each chart under its kernel's heading");
        for (String svg : charts) {
            assertLogScale(svg);
        }

        // Times in their units, with their errors: a value of each size class, and the error-less single shot.
        assertTrue(html.contains("1.10 µs ± 0.582 µs"), "SHA-256 native in µs with its error");
        assertTrue(html.contains("520 ns ± 189 ns"), "AES-GCM native in ns");
        assertTrue(html.contains("13.7 µs ± 5.27 µs"), "Ed25519 sign native in µs");
        assertTrue(html.contains("1.16 ms ± 1.11 ms"), "SunEC's sign in ms");
        assertTrue(html.contains("22.2 ms ± 7.05 ms"), "Argon2 native in ms");
        assertTrue(html.contains("1.01 s ± 0.168 s"), "Smile in s");
        assertTrue(html.contains(">113 s · 2,325× slower<"), "Commons Math: no error, its ratio to native");
        assertTrue(html.contains("84.5× slower"), "SunEC's sign against native");
        assertTrue(html.contains("≈ native"), "differences within the intervals are marked");

        assertFalse(html.contains("noop"), "the no-op FFM call is not charted");
        assertFalse(html.contains("NativeCall"), "the no-op FFM call is not charted");
        assertFalse(html.contains("n/a"), "every charted row has a time");

        // Self-contained: nothing loaded from elsewhere.
        assertFalse(Pattern.compile("(src|href)\\s*=", Pattern.CASE_INSENSITIVE).matcher(html).find(),
                "no external resources");
        assertFalse(html.contains("<script"), "no scripts");
    }

    @Test
    void tourHtml_namesTheBenchmarksThatFailed() throws IOException {
        String html = Tour.html(rows(), "2026-12-07 23:41 UTC", 106, Path.of("tour.log"), Path.of("tour.json"),
                List.of("DBSCAN cluster, 100,000 2-D points (blobs100k): Smile"));
        assertTrue(html.contains("<dt>Failed</dt><dd>DBSCAN cluster, 100,000 2-D points (blobs100k): Smile (not shown;"
                + " the errors are in JMH's output)</dd>"), "the page says what failed");
    }

    @Test
    void fullRunSvg_isLogScale_inTimeUnits_withoutTheNoopCall() throws IOException {
        List<Row> rows = rows();
        String svg = Report.svg(rows, "native");
        assertTrue(svg.startsWith("<?xml"), "a standalone SVG file");
        assertEquals(1, svgs(svg).size(), "one chart");
        assertLogScale(svg);
        assertFalse(svg.contains("noop"), "no row for the no-op FFM call");
        // One axis for all: from 100 ns (below AES-GCM's 520 ns) to 1,000 s (above Commons Math's 113 s).
        List<String> ticks = ticks(svg);
        assertEquals("100 ns", ticks.getFirst());
        assertEquals("1,000 s", ticks.getLast());
        assertEquals(11, ticks.size(), "100 ns to 1,000 s: ten decades");
        assertTrue(svg.contains(">Ed25519Bench.sign, 64 B message<"), "workloads named with their benchmark");
    }

    @Test
    void reportCommand_writesTheLogScaleSvgAndTheHtmlFromJmhJson() throws IOException {
        Path json = dir.resolve("results.json");
        Files.writeString(json, fixture(), StandardCharsets.UTF_8);
        Path svg = dir.resolve("out/kernel.svg");
        Path html = dir.resolve("out/kernel.html");
        Path markdown = dir.resolve("out/kernel.md");
        Report.main(new String[] {"--from-json", json.toString(), "--svg", svg.toString(), "--html", html.toString(),
                "--markdown", markdown.toString()});
        String chart = Files.readString(svg, StandardCharsets.UTF_8);
        assertLogScale(chart);
        assertFalse(chart.contains("noop"));
        String page = Files.readString(html, StandardCharsets.UTF_8);
        assertEquals(KERNELS.size(), svgs(page).size(), "one chart per kernel");
        svgs(page).forEach(ChartsTest::assertLogScale);
        assertFalse(page.contains("noop"));
        // The Markdown tables (for RESULTS.md) keep the no-op call's row.
        assertTrue(Files.readString(markdown, StandardCharsets.UTF_8).contains("NativeCallBench.noop"));
    }

    @Test
    void terminalTable_hasALinePerContender_andNoNoopRow() throws IOException {
        String table = Charts.table(rows(), "native");
        List<String> lines = table.lines().toList();
        assertEquals(2 + 21, lines.size(), "a header, a rule, and a line per charted result");
        assertFalse(table.contains("noop"));
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("Ed25519") && l.contains("Ferrite native")
                && l.contains("13.7 µs ± 5.27 µs") && l.endsWith("baseline")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("JDK (SunEC)") && l.contains("917 µs ± 407 µs")
                && l.endsWith("16.1× slower")));
        assertTrue(lines.stream().anyMatch(l -> l.contains("Smile (fastest peer)")),
                "the fastest peer of a workload is marked");
    }

    @Test
    void timesAreWrittenInTheirUnits() {
        assertEquals("663 ns", Charts.time(663e-9));
        assertEquals("5.78 ns", Charts.time(5.783e-9));
        assertEquals("21.7 µs", Charts.time(21.7e-6));
        assertEquals("1.00 µs", Charts.time(999.9e-9));
        assertEquals("589 µs", Charts.time(589.2e-6));
        assertEquals("2.17 ms", Charts.time(2.172e-3));
        assertEquals("1.01 s", Charts.time(1.0059));
        assertEquals("113 s", Charts.time(113.099));
        assertEquals("663 ns ± 20.6 ns", Charts.timeWithError(663e-9, 20.64e-9));
        assertEquals("945 ms ± 31.3 ms", Charts.timeWithError(0.9454, 0.03133));
        assertEquals("1 ns", Charts.tick(-9));
        assertEquals("100 µs", Charts.tick(-4));
        assertEquals("1 ms", Charts.tick(-3));
        assertEquals("1 s", Charts.tick(0));
        assertEquals("1,000 s", Charts.tick(3));
    }

    // ------------------------------------------------------------------ checks

    private static List<String> svgs(String document) {
        List<String> found = new ArrayList<>();
        Matcher m = Pattern.compile("<svg\\b.*?</svg>", Pattern.DOTALL).matcher(document);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }

    private static List<String> ticks(String svg) {
        List<String> ticks = new ArrayList<>();
        Matcher m = Pattern.compile("<text class=\"tick\" x=\"([0-9.]+)\"[^>]*>([^<]*)</text>").matcher(svg);
        while (m.find()) {
            ticks.add(m.group(2));
        }
        return ticks;
    }

    private static double seconds(String label) {
        String[] parts = label.split(" ");
        double value = Double.parseDouble(parts[0].replace(",", ""));
        return value * switch (parts[1]) {
            case "ns" -> 1e-9;
            case "µs" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            default -> throw new AssertionError("tick " + label + " is not in ns, µs, ms or s");
        };
    }

    /**
     * The chart says it is log-scale, its ticks are consecutive decades of time in units (evenly spaced), and every
     * bar ends where its value's logarithm puts it on that axis.
     */
    private static void assertLogScale(String svg) {
        assertTrue(svg.contains(Charts.LOG_SCALE), "marked as log scale");
        assertTrue(svg.contains("log scale"), "says so to the reader");
        Matcher m = Pattern.compile("<text class=\"tick\" x=\"([0-9.]+)\"[^>]*>([^<]*)</text>").matcher(svg);
        List<Double> xs = new ArrayList<>();
        List<Double> values = new ArrayList<>();
        while (m.find()) {
            xs.add(Double.parseDouble(m.group(1)));
            values.add(seconds(m.group(2)));
        }
        assertTrue(values.size() >= 2, "at least two ticks");
        double step = xs.get(1) - xs.get(0);
        for (int i = 1; i < values.size(); i++) {
            assertEquals(10, values.get(i) / values.get(i - 1), 1e-9, "ticks are decades: " + values);
            assertEquals(step, xs.get(i) - xs.get(i - 1), 0.2, "decades evenly spaced");
        }
        // Bars: each starts at the axis origin and ends at origin + step × log10(time / first tick).
        Matcher bar = Pattern.compile("<rect class=\"bar\" x=\"(\\d+)\" y=\"\\d+\" width=\"([0-9.]+)\"").matcher(svg);
        Matcher value = Pattern.compile("<text class=\"value\"[^>]*>([0-9.,]+) (ns|µs|ms|s)\\b").matcher(svg);
        int bars = 0;
        while (bar.find()) {
            assertTrue(value.find(), "a value beside every bar");
            double origin = Double.parseDouble(bar.group(1));
            assertEquals(xs.getFirst(), origin, 0.2, "bars start at the first tick");
            double time = seconds(value.group(1) + " " + value.group(2));
            double expected = step * Math.log10(time / values.getFirst());
            // the label is rounded to three digits: log10(1.005) × step is under 0.2 px per decade's 100 px
            assertEquals(expected, Double.parseDouble(bar.group(2)), 1.0,
                    String.format(Locale.ROOT, "bar of %s on the log axis", value.group()));
            bars++;
        }
        assertTrue(bars > 0, "the chart has bars");
    }
}
