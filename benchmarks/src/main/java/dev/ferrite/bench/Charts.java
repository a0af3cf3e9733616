package dev.ferrite.bench;

import dev.ferrite.bench.Report.Row;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Charts and the HTML report: horizontal bars of each contender's time per operation on a logarithmic axis whose
 * ticks are times in their units (1 ns, 10 ns, ..., 1 µs, ..., 1 s), with the 99.9% confidence interval as a whisker
 * and the value, its error and the ratio to the baseline written beside each bar. On a log axis a contender 1,000×
 * slower is three gridlines further right, not a sliver. The no-op FFM call ({@code NativeCallBench}) is never
 * charted: it has no contenders to compare (the Markdown tables keep it).
 */
final class Charts {

    private Charts() {}

    /** The attribute every chart carries, and what the tests look for: the time axis is logarithmic. */
    static final String LOG_SCALE = "data-scale=\"log\"";

    // ------------------------------------------------------------------ what a row is

    /**
     * The kernel a benchmark belongs to (SHA-256, Ed25519, AES-GCM, Argon2, DBSCAN, JCA provider), from its class
     * name; null for {@code NativeCallBench}, which is not charted.
     */
    static String kernel(Row r) {
        String type = r.shortName();
        int dot = type.indexOf('.');
        if (dot >= 0) {
            type = type.substring(0, dot);
        }
        if (type.startsWith("NativeCall")) {
            return null;
        }
        if (type.startsWith("Sha256")) {
            return "SHA-256";
        }
        if (type.startsWith("Ed25519")) {
            return "Ed25519";
        }
        if (type.startsWith("AesGcm")) {
            return "AES-GCM";
        }
        if (type.startsWith("Argon2")) {
            return "Argon2";
        }
        if (type.startsWith("Dbscan")) {
            return "DBSCAN";
        }
        if (type.startsWith("Jca")) {
            return "JCA provider";
        }
        return type;
    }

    /** True for the rows that are charted: everything but the no-op FFM call. */
    static boolean charted(Row r) {
        return kernel(r) != null;
    }

    /** Ferrite's own contenders (native, java, and the JCA benchmarks' provider and API variants). */
    static boolean ferrite(Row r) {
        String impl = r.impl();
        return impl.equals("native") || impl.equals("java") || impl.startsWith("jca-") || impl.startsWith("api-");
    }

    /** A readable name for a contender. */
    static String contender(Row r) {
        return switch (r.impl()) {
            case "native" -> "Ferrite native";
            case "java" -> "Ferrite Java fallback";
            case "jdk" -> switch (String.valueOf(kernel(r))) {
                case "Ed25519" -> "JDK (SunEC)";
                case "AES-GCM" -> "JDK (SunJCE)";
                case "SHA-256" -> "JDK (new per call)";
                default -> "JDK";
            };
            case "jdk-reused" -> "JDK (reused)";
            case "accp" -> "ACCP";
            case "conscrypt" -> "Conscrypt";
            case "bouncycastle", "bc" -> "Bouncy Castle";
            case "tink" -> "Tink";
            case "argon2jvm" -> "argon2-jvm";
            case "smile" -> "Smile";
            case "elki" -> "ELKI";
            case "commonsmath" -> "Commons Math";
            default -> r.impl();
        };
    }

    /** What a contender is, for the HTML table. */
    static String about(Row r) {
        return switch (r.impl()) {
            case "native" -> "Rust through the FFM API";
            case "java" -> "pure Java, what runs without the native library";
            case "jdk" -> "the JDK's own provider";
            case "jdk-reused" -> "the JDK's MessageDigest, one reused for every call";
            case "accp" -> "Amazon Corretto Crypto Provider: AWS-LC through JNI";
            case "conscrypt" -> "Conscrypt: BoringSSL through JNI";
            case "bouncycastle", "bc" -> "pure Java";
            case "argon2jvm" -> "the reference libargon2 through JNA";
            case "smile", "elki", "commonsmath" -> "pure Java";
            default -> "";
        };
    }

    /** The workload of a row, readably: "sign, 64 B message" (the method, then the parameters other than impl). */
    static String workload(Row r, boolean withClass) {
        String name = r.shortName();
        if (!withClass) {
            name = name.substring(name.indexOf('.') + 1);
        }
        List<String> parts = new ArrayList<>();
        parts.add(name);
        Map<String, String> params = r.params();
        params.forEach((key, value) -> {
            if (key.equals("impl") || key.equals("provider")) {
                return;
            }
            if (key.equals("count") && params.containsKey("messageSize")) {
                parts.add(count(value) + " × " + bytes(params.get("messageSize")) + " messages");
            } else if (!(key.equals("messageSize") && params.containsKey("count"))) {
                parts.add(parameter(key, value));
            }
        });
        return String.join(", ", parts);
    }

    private static String count(String value) {
        try {
            return String.format(Locale.ROOT, "%,d", Long.parseLong(value));
        } catch (NumberFormatException e) {
            return value;
        }
    }

    private static String parameter(String key, String value) {
        return switch (key) {
            case "size", "length" -> bytes(value);
            case "messageBytes" -> bytes(value) + " message";
            case "messageSize" -> bytes(value) + " messages";
            case "count" -> "batch of " + count(value);
            case "setting" -> switch (value) {
                case "owasp" -> "OWASP setting (m=19 MiB, t=2, p=1)";
                case "rfc9106second" -> "RFC 9106 second setting (m=64 MiB, t=3, p=4)";
                default -> "setting " + value;
            };
            case "workload" -> switch (value) {
                case "blobs10k" -> "10,000 2-D points (blobs10k)";
                case "blobs100k" -> "100,000 2-D points (blobs100k)";
                case "blobs1m" -> "1,000,000 2-D points (blobs1m)";
                case "embed1k" -> "1,000 × 1,536-D embeddings (embed1k)";
                case "embed10k" -> "10,000 × 1,536-D embeddings (embed10k)";
                default -> value;
            };
            default -> key + "=" + value;
        };
    }

    private static String bytes(String value) {
        try {
            long n = Long.parseLong(value);
            if (n >= 1 << 20 && n % (1 << 20) == 0) {
                return (n >> 20) + " MiB";
            }
            if (n >= 1 << 10 && n % (1 << 10) == 0) {
                return (n >> 10) + " KiB";
            }
            return n + " B";
        } catch (NumberFormatException e) {
            return value;
        }
    }

    // ------------------------------------------------------------------ times

    /** The row's time per operation in seconds (throughput scores inverted); NaN when the unit is unknown. */
    static double seconds(Row r) {
        String unit = r.unit() == null ? "" : r.unit();
        if (unit.endsWith("/op")) {
            return r.score() * unitSeconds(unit.substring(0, unit.length() - 3));
        }
        if (unit.startsWith("ops/")) {
            return unitSeconds(unit.substring(4)) / r.score();
        }
        return Double.NaN;
    }

    /** The half-width of the row's 99.9% confidence interval in seconds; NaN when JMH gives none. */
    static double errorSeconds(Row r) {
        if (Double.isNaN(r.error()) || Double.isInfinite(r.error())) {
            return Double.NaN;
        }
        return seconds(r) * r.error() / r.score();
    }

    private static double unitSeconds(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us", "µs" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> Double.NaN;
        };
    }

    private static final String[] UNITS = {"ns", "µs", "ms", "s"};
    private static final double[] UNIT_SECONDS = {1e-9, 1e-6, 1e-3, 1};

    /** The unit a time reads best in: the largest of ns, µs, ms and s in which it is at least 1. */
    private static int unitOf(double seconds) {
        int u = 0;
        while (u + 1 < UNITS.length && seconds >= UNIT_SECONDS[u + 1] * 0.9995) {
            u++;
        }
        return u;
    }

    /** A time in its unit with three significant digits: "663 ns", "21.7 µs", "1.23 s". */
    static String time(double seconds) {
        if (!Double.isFinite(seconds)) {
            return "n/a";
        }
        int u = unitOf(seconds);
        return significant(seconds / UNIT_SECONDS[u]) + " " + UNITS[u];
    }

    /** A time and its error in the time's unit: "663 ns ± 20.6 ns", or "663 ns" without an error. */
    static String timeWithError(double seconds, double error) {
        if (!Double.isFinite(seconds)) {
            return "n/a";
        }
        if (!Double.isFinite(error)) {
            return time(seconds);
        }
        int u = unitOf(seconds);
        return significant(seconds / UNIT_SECONDS[u]) + " " + UNITS[u] + " ± " + significant(error / UNIT_SECONDS[u])
                + " " + UNITS[u];
    }

    private static String significant(double v) {
        double a = Math.abs(v);
        if (a >= 1000) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 99.95) {
            return String.format(Locale.ROOT, "%.0f", v);
        }
        if (a >= 9.995) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.9995 || a == 0) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        int decimals = Math.min(6, 2 - (int) Math.floor(Math.log10(a)));
        return String.format(Locale.ROOT, "%." + decimals + "f", v);
    }

    /** A tick label: a power of ten in seconds, in its unit ("1 ns", "100 µs", "10 s"). */
    static String tick(int exponent) {
        double seconds = Math.pow(10, exponent);
        int u = unitOf(seconds);
        long value = Math.round(seconds / UNIT_SECONDS[u]);
        return String.format(Locale.ROOT, "%,d %s", value, UNITS[u]);
    }

    /** The row's time against the baseline's: "baseline", "≈ native", "67.6× slower", "1.35× faster". */
    static String ratio(Row r, Row base, String baseline) {
        if (base == null) {
            return "";
        }
        if (r == base) {
            return "baseline";
        }
        double ratio = seconds(r) / seconds(base);
        if (!Double.isFinite(ratio) || ratio <= 0) {
            return "";
        }
        if (Report.overlaps(r, base)) {
            return "≈ " + baseline;
        }
        return ratio >= 1 ? factor(ratio) + " slower" : factor(1 / ratio) + " faster";
    }

    private static String factor(double f) {
        String digits = f >= 99.5 ? String.format(Locale.ROOT, "%,.0f", f)
                : f >= 9.95 ? String.format(Locale.ROOT, "%.1f", f) : String.format(Locale.ROOT, "%.2f", f);
        return digits + "×";
    }

    // ------------------------------------------------------------------ the chart

    private static final int WIDTH = 900;
    private static final int LABEL_X = 12;
    private static final int PLOT_X = 190;
    private static final int PLOT_WIDTH = 470;
    private static final int BAR_HEIGHT = 18;
    private static final int BAR_GAP = 5;

    /**
     * One chart: a group of bars per workload, all on one logarithmic time axis (decades from below the fastest
     * time to above the slowest interval).
     *
     * @param title  the chart's heading (also its SVG title), drawn unless the chart sits under one
     * @param groups workload title → its rows (baseline first, as {@link Report#group} orders them)
     * @param label  the bar label of a row
     */
    static String chart(String title, Map<String, List<Row>> groups, String baseline, Function<Row, String> label) {
        return chart(title, true, groups, baseline, label);
    }

    private static String chart(String title, boolean drawTitle, Map<String, List<Row>> groups, String baseline,
                                Function<Row, String> label) {
        double lo = Double.POSITIVE_INFINITY;
        double hi = 0;
        for (List<Row> rows : groups.values()) {
            for (Row r : rows) {
                double t = seconds(r);
                if (!(t > 0) || !Double.isFinite(t)) {
                    continue;
                }
                double e = errorSeconds(r);
                lo = Math.min(lo, t);
                hi = Math.max(hi, Double.isFinite(e) ? t + e : t);
            }
        }
        if (hi == 0) { // nothing with a time: an empty axis of one decade
            lo = 1e-6;
            hi = 1e-5;
        }
        // The axis starts at a decade at least 0.15 decades below the fastest time (so its bar is visible) and ends
        // at the decade above the slowest interval.
        int first = (int) Math.floor(Math.log10(lo) - 0.15);
        int last = Math.max(first + 1, (int) Math.ceil(Math.log10(hi) - 1e-9));
        double decades = last - first;
        Function<Double, Double> x = t -> PLOT_X + PLOT_WIDTH * Math.max(0, Math.min(1,
                (Math.log10(t) - first) / decades));

        StringBuilder body = new StringBuilder();
        int y = 6;
        if (drawTitle) { // in the HTML report the section's heading is the title
            y += 18;
            body.append(text(LABEL_X, y, title, "title"));
        }
        y += 18;
        body.append(text(LABEL_X, y, "time per operation, log scale (each gridline is 10× the one before); shorter is"
                + " faster; whiskers: 99.9% confidence interval", "note"));
        y += 14;
        int plotTop = y;
        StringBuilder bars = new StringBuilder();
        int colourIndex = 0;
        Map<String, String> colours = new LinkedHashMap<>();
        for (Map.Entry<String, List<Row>> group : groups.entrySet()) {
            List<Row> rows = group.getValue();
            Row base = Report.baselineOf(rows, baseline);
            y += 16;
            bars.append(text(LABEL_X, y, group.getKey(), "group"));
            y += 6;
            for (Row r : rows) {
                String colour = colours.get(r.impl());
                if (colour == null) {
                    colour = colour(r, baseline, colourIndex);
                    if (!r.impl().equals(baseline) && !r.impl().equals("java")) {
                        colourIndex++;
                    }
                    colours.put(r.impl(), colour);
                }
                int textY = y + BAR_HEIGHT - 5;
                bars.append(text(LABEL_X + 8, textY, label.apply(r), "label"));
                double t = seconds(r);
                if (t > 0 && Double.isFinite(t)) {
                    double end = x.apply(t);
                    bars.append(String.format(Locale.ROOT,
                            "<rect class=\"bar\" x=\"%d\" y=\"%d\" width=\"%.1f\" height=\"%d\" fill=\"%s\"/>%n",
                            PLOT_X, y, Math.max(1, end - PLOT_X), BAR_HEIGHT, colour));
                    double e = errorSeconds(r);
                    double right = end;
                    if (Double.isFinite(e) && e > 0) {
                        double a = t - e > 0 ? x.apply(t - e) : PLOT_X;
                        double b = x.apply(t + e);
                        right = Math.max(right, b);
                        int mid = y + BAR_HEIGHT / 2;
                        bars.append(String.format(Locale.ROOT,
                                "<path class=\"whisker\" d=\"M%.1f %dH%.1fM%.1f %dV%dM%.1f %dV%d\" stroke=\"#222\""
                                        + " fill=\"none\"/>%n",
                                a, mid, b, a, mid - 4, mid + 4, b, mid - 4, mid + 4));
                    }
                    String value = timeWithError(t, e);
                    String vs = ratio(r, base, baseline);
                    bars.append(text((int) Math.round(right) + 6, textY, vs.isEmpty() ? value : value + " · " + vs,
                            "value"));
                } else {
                    bars.append(text(PLOT_X + 6, textY, "n/a", "value"));
                }
                y += BAR_HEIGHT + BAR_GAP;
            }
            y += 4;
        }
        int plotBottom = y + 2;

        // Gridlines under the bars: every decade (labelled) and 2× and 5× within it.
        StringBuilder grid = new StringBuilder();
        for (int d = first; d <= last; d++) {
            double gx = x.apply(Math.pow(10, d));
            grid.append(String.format(Locale.ROOT,
                    "<line class=\"decade\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#bbb\"/>%n",
                    gx, plotTop, gx, plotBottom));
            grid.append(String.format(Locale.ROOT,
                    "<text class=\"tick\" x=\"%.1f\" y=\"%d\" text-anchor=\"middle\">%s</text>%n", gx, plotBottom + 14,
                    escapeXml(tick(d))));
            if (d < last) {
                for (int m : new int[] {2, 5}) {
                    double mx = x.apply(m * Math.pow(10, d));
                    grid.append(String.format(Locale.ROOT,
                            "<line class=\"minor\" x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#e4e4e4\"/>%n",
                            mx, plotTop, mx, plotBottom));
                }
            }
        }
        int height = plotBottom + 40;
        grid.append(text(PLOT_X, plotBottom + 32, "time per operation (log scale)", "axis"));

        return "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart\" " + LOG_SCALE + " width=\"" + WIDTH
                + "\" height=\"" + height + "\" viewBox=\"0 0 " + WIDTH + " " + height + "\" role=\"img\""
                + " font-family=\"sans-serif\" font-size=\"12\">\n"
                + "<title>" + escapeXml(title) + "</title>\n"
                + "<rect width=\"100%\" height=\"100%\" fill=\"#fff\"/>\n" + grid + bars + body + "</svg>\n";
    }

    private static final String[] PEER_COLOURS = {"#2e86c1", "#7f8c8d", "#27ae60", "#8e44ad", "#16a085", "#34495e"};

    private static String colour(Row r, String baseline, int peerIndex) {
        if (r.impl().equals(baseline)) {
            return "#c0392b";
        }
        if (r.impl().equals("java")) {
            return "#e67e22";
        }
        return PEER_COLOURS[peerIndex % PEER_COLOURS.length];
    }

    private static String text(int x, int y, String s, String cls) {
        String style = switch (cls) {
            case "title" -> " font-size=\"15\" font-weight=\"bold\"";
            case "group" -> " font-weight=\"bold\"";
            case "note", "axis" -> " fill=\"#555\" font-size=\"11\"";
            default -> "";
        };
        return "<text class=\"" + cls + "\" x=\"" + x + "\" y=\"" + y + "\"" + style + ">" + escapeXml(s) + "</text>\n";
    }

    static String escapeXml(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    /**
     * The chart file of a {@code --full} (or any) run: all its workloads but the no-op call on one log-scale axis,
     * each bar labelled with the impl (as in the Markdown tables).
     */
    static String svg(List<Row> rows, String baseline) {
        List<Row> charted = rows.stream().filter(Charts::charted).toList();
        Map<String, List<Row>> groups = new LinkedHashMap<>();
        Report.group(charted, baseline).values().forEach(workloads -> workloads.values()
                .forEach(list -> groups.put(workload(list.getFirst(), true), list)));
        String kernels = charted.stream().map(Charts::kernel).distinct().collect(Collectors.joining(", "));
        String title = (kernels.isEmpty() ? "No results" : kernels) + ": time per operation, against " + baseline;
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n" + chart(title, groups, baseline, Row::impl);
    }

    // ------------------------------------------------------------------ the HTML report

    /** Kernel → workload → rows (charted rows only, baseline first). */
    static Map<String, Map<String, List<Row>>> byKernel(List<Row> rows, String baseline) {
        Map<String, Map<String, List<Row>>> kernels = new LinkedHashMap<>();
        for (Map<String, List<Row>> workloads : Report.group(rows, baseline).values()) {
            for (List<Row> list : workloads.values()) {
                Row first = list.getFirst();
                if (charted(first)) {
                    kernels.computeIfAbsent(kernel(first), k -> new LinkedHashMap<>()).put(workload(first, false),
                            list);
                }
            }
        }
        return kernels;
    }

    /** The fastest contender of a workload that is not Ferrite's, or null. */
    static Row fastestPeer(List<Row> rows) {
        Row best = null;
        for (Row r : rows) {
            if (!ferrite(r) && seconds(r) > 0 && (best == null || seconds(r) < seconds(best))) {
                best = r;
            }
        }
        return best;
    }

    /**
     * The compact table: one line per contender and workload, with its time ± error and its ratio to the baseline;
     * the fastest peer of each workload is marked. Plain text for the terminal.
     */
    static String table(List<Row> rows, String baseline) {
        List<String[]> lines = new ArrayList<>();
        lines.add(new String[] {"kernel", "workload", "contender", "time per op", "vs " + baseline});
        byKernel(rows, baseline).forEach((kernel, workloads) -> {
            boolean firstOfKernel = true;
            for (Map.Entry<String, List<Row>> w : workloads.entrySet()) {
                Row base = Report.baselineOf(w.getValue(), baseline);
                Row peer = fastestPeer(w.getValue());
                boolean firstOfWorkload = true;
                for (Row r : w.getValue()) {
                    lines.add(new String[] {firstOfKernel ? kernel : "", firstOfWorkload ? w.getKey() : "",
                            contender(r) + (r == peer ? " (fastest peer)" : ""),
                            timeWithError(seconds(r), errorSeconds(r)), ratio(r, base, baseline)});
                    firstOfKernel = false;
                    firstOfWorkload = false;
                }
            }
        });
        int[] widths = new int[5];
        for (String[] line : lines) {
            for (int i = 0; i < line.length; i++) {
                widths[i] = Math.max(widths[i], line[i].length());
            }
        }
        StringBuilder out = new StringBuilder();
        for (int l = 0; l < lines.size(); l++) {
            String[] line = lines.get(l);
            StringBuilder s = new StringBuilder();
            for (int i = 0; i < line.length; i++) {
                String cell = line[i];
                boolean right = i == 3;
                String pad = " ".repeat(widths[i] - cell.length());
                s.append(right ? pad + cell : cell + pad).append(i + 1 < line.length ? "  " : "");
            }
            out.append(s.toString().stripTrailing()).append('\n');
            if (l == 0) {
                int total = 0;
                for (int w : widths) {
                    total += w + 2;
                }
                out.append("-".repeat(total - 2)).append('\n');
            }
        }
        return out.toString();
    }

    /**
     * The self-contained HTML report: the settings, one chart per kernel (inline SVG), then the table of all results;
     * no scripts, styles or fonts from elsewhere.
     *
     * @param title  the page's heading
     * @param intro  a paragraph under it (plain text), or null
     * @param facts  label → value lines (machine, JVM, JMH settings, ...), plain text
     * @param footer a closing paragraph (plain text), or null
     */
    static String html(List<Row> rows, String baseline, String title, String intro, Map<String, String> facts,
                       String footer) {
        Map<String, Map<String, List<Row>>> kernels = byKernel(rows, baseline);
        StringBuilder out = new StringBuilder();
        out.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n<title>")
                .append(escapeXml(title)).append("</title>\n<style>\n")
                .append("body{font-family:sans-serif;margin:24px auto;max-width:920px;color:#222;line-height:1.4}\n")
                .append("h1{font-size:24px;margin-bottom:4px}h2{font-size:18px;margin:28px 0 6px}\n")
                .append("table{border-collapse:collapse;font-size:13px;margin:12px 0}\n")
                .append("th,td{padding:3px 10px;border-bottom:1px solid #ddd;text-align:left}\n")
                .append("td.num{text-align:right;font-variant-numeric:tabular-nums;white-space:nowrap}\n")
                .append("tr.first td{border-top:2px solid #999}\n")
                .append("dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px;font-size:13px}\n")
                .append("dt{color:#555}dd{margin:0}.note{color:#555;font-size:13px}\n")
                .append("svg.chart{display:block;max-width:100%;height:auto}\n")
                .append("</style>\n</head>\n<body>\n");
        out.append("<h1>").append(escapeXml(title)).append("</h1>\n");
        if (intro != null) {
            out.append("<p>").append(escapeXml(intro)).append("</p>\n");
        }
        if (!facts.isEmpty()) {
            out.append("<dl>\n");
            facts.forEach((k, v) -> out.append("<dt>").append(escapeXml(k)).append("</dt><dd>").append(escapeXml(v))
                    .append("</dd>\n"));
            out.append("</dl>\n");
        }

        kernels.forEach((kernel, workloads) -> {
            out.append("<section class=\"kernel\">\n<h2>").append(escapeXml(kernel)).append("</h2>\n");
            out.append(chart(kernel, false, workloads, baseline, Charts::contender));
            out.append("</section>\n");
        });
        out.append("<h2>All results</h2>\n");
        out.append("<table>\n<thead><tr><th>kernel</th><th>workload</th><th>contender</th><th>what it is</th>"
                + "<th>time per operation</th><th>vs ").append(escapeXml(baseline)).append("</th></tr></thead>\n<tbody>\n");
        kernels.forEach((kernel, workloads) -> {
            boolean firstOfKernel = true;
            for (Map.Entry<String, List<Row>> w : workloads.entrySet()) {
                Row base = Report.baselineOf(w.getValue(), baseline);
                Row peer = fastestPeer(w.getValue());
                boolean firstOfWorkload = true;
                for (Row r : w.getValue()) {
                    out.append(firstOfKernel ? "<tr class=\"first\">" : "<tr>")
                            .append("<td>").append(firstOfKernel ? escapeXml(kernel) : "").append("</td>")
                            .append("<td>").append(firstOfWorkload ? escapeXml(w.getKey()) : "").append("</td>")
                            .append("<td>").append(escapeXml(contender(r)))
                            .append(r == peer ? " <em>(fastest peer)</em>" : "").append("</td>")
                            .append("<td class=\"note\">").append(escapeXml(about(r))).append("</td>")
                            .append("<td class=\"num\">").append(escapeXml(timeWithError(seconds(r), errorSeconds(r))))
                            .append("</td><td class=\"num\">").append(escapeXml(ratio(r, base, baseline)))
                            .append("</td></tr>\n");
                    firstOfKernel = false;
                    firstOfWorkload = false;
                }
            }
        });
        out.append("</tbody>\n</table>\n");
        if (footer != null) {
            out.append("<p class=\"note\">").append(escapeXml(footer)).append("</p>\n");
        }
        out.append("</body>\n</html>\n");
        return out.toString();
    }
}
