package dev.ferrite.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.Options;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs JMH benchmarks (or reads a JMH JSON result file) and prints Markdown tables comparing every {@code impl}
 * of a workload with {@code native}; {@code scripts/bench.sh} is the usual way in.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar dev.ferrite.bench.Report [report options] [JMH options]
 * java -cp benchmarks.jar dev.ferrite.bench.Report --from-json results.json [--markdown F] [--svg F] [--html F]
 * </pre>
 * {@code --help} lists the report options; the JMH options are those of {@code java -jar benchmarks.jar}, and
 * any given explicitly win over the preset and the defaults.
 *
 * <p>A workload is one benchmark method with one value of every parameter other than {@code impl}; each gets a
 * table with a row per impl, and each benchmark with several workloads a summary of ratios. "Native speed-up"
 * is the impl's time divided by native's: 2.00 means native takes half the time. It is marked ≈ when the two
 * 99.9% confidence intervals overlap.
 */
public final class Report {

    private Report() {}

    /** One benchmark result, from a {@link RunResult} or from JMH's JSON. */
    record Row(String benchmark, String mode, Map<String, String> params, double score, double error, double median,
               String unit, int forks, int warmupIterations, String warmupTime, int measurementIterations,
               String measurementTime, String jdk) {

        /** The contender: parameter {@code impl}, or {@code provider} (the JCA benchmarks). */
        String impl() {
            String impl = params.get("impl");
            return impl != null ? impl : params.getOrDefault("provider", "(default)");
        }

        /** Parameters other than the contender's, as "name=value, ..." (the workload). */
        String workload() {
            String contender = params.containsKey("impl") ? "impl" : "provider";
            return params.entrySet().stream().filter(e -> !e.getKey().equals(contender))
                    .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
        }

        /** The benchmark without its package: Sha256Bench.digest. */
        String shortName() {
            int method = benchmark.lastIndexOf('.');
            int type = method < 0 ? -1 : benchmark.lastIndexOf('.', method - 1);
            return benchmark.substring(type + 1);
        }

        boolean timePerOp() {
            return !mode.equals("thrpt");
        }
    }

    public static void main(String[] args) throws IOException {
        Path markdown = null;
        Path svg = null;
        Path html = null;
        Path fromJson = null;
        Path json = null;
        String preset = null;
        String defaultInclude = null;
        Map<String, String[]> defaultParams = new LinkedHashMap<>();
        String baseline = "native";
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--markdown" -> markdown = Path.of(value(args, ++i, "--markdown"));
                case "--svg" -> svg = Path.of(value(args, ++i, "--svg"));
                case "--html" -> html = Path.of(value(args, ++i, "--html"));
                case "--json" -> json = Path.of(value(args, ++i, "--json"));
                case "--from-json" -> fromJson = Path.of(value(args, ++i, "--from-json"));
                case "--baseline" -> baseline = value(args, ++i, "--baseline");
                case "--preset" -> preset = value(args, ++i, "--preset");
                case "--default-include" -> defaultInclude = value(args, ++i, "--default-include");
                case "--default-param" -> {
                    String p = value(args, ++i, "--default-param");
                    int eq = p.indexOf('=');
                    if (eq <= 0 || eq == p.length() - 1) {
                        usage("--default-param wants NAME=V1,V2,..., got " + p);
                    }
                    defaultParams.put(p.substring(0, eq), p.substring(eq + 1).split(","));
                }
                case "--help" -> {
                    usage(null);
                    return;
                }
                default -> jmhArgs.add(args[i]);
            }
        }

        List<Row> rows;
        Path written = null;
        if (fromJson != null) {
            if (!jmhArgs.isEmpty() || preset != null || json != null) {
                usage("--from-json reads results, it runs nothing: JMH options, --preset and --json don't apply");
            }
            rows = fromJson(Files.readString(fromJson, StandardCharsets.UTF_8));
            if (rows.isEmpty()) {
                System.err.println("ferrite bench: " + fromJson + " holds no results");
                System.exit(1);
            }
        } else {
            CommandLineOptions cmd;
            try {
                cmd = new CommandLineOptions(jmhArgs.toArray(String[]::new));
            } catch (CommandLineOptionException e) {
                usage(e.getMessage());
                return;
            }
            if (cmd.shouldHelp()) {
                cmd.showHelp();
                return;
            }
            Options options = options(cmd, preset, defaultInclude, defaultParams, json);
            if (json != null) {
                createParent(json);
            }
            Collection<RunResult> results;
            try {
                results = new Runner(options).run();
            } catch (RunnerException e) {
                System.err.println("ferrite bench: a benchmark failed (see its stack trace above): "
                        + e.getMessage());
                System.exit(1);
                return;
            }
            if (options.getResult().hasValue()) {
                written = Path.of(options.getResult().get());
            }
            rows = fromRunResults(results);
            if (rows.isEmpty()) {
                System.err.println("ferrite bench: no benchmark produced a result (none matched, or all failed)");
                System.exit(1);
            }
        }

        String report = markdown(rows, baseline, fromJson == null ? machine() : null);
        // UTF-8 whatever the locale (the tables use ×, ± and ≈), so that what is copied from a terminal is right.
        System.out.flush();
        // Over System.out (which passes the bytes through), so that a redirected System.out gets them too.
        PrintStream out = new PrintStream(System.out, true, StandardCharsets.UTF_8);
        out.println();
        out.print(report);
        if (markdown != null) {
            createParent(markdown);
            Files.writeString(markdown, report, StandardCharsets.UTF_8);
            out.println();
            out.println("ferrite bench: tables written to " + markdown);
        }
        if (svg != null) {
            createParent(svg);
            Files.writeString(svg, svg(rows, baseline), StandardCharsets.UTF_8);
            out.println("ferrite bench: chart written to " + svg);
        }
        if (html != null) {
            createParent(html);
            Files.writeString(html, html(rows, baseline, fromJson == null ? machine() : null), StandardCharsets.UTF_8);
            out.println("ferrite bench: HTML report written to " + html);
        }
        if (written != null) {
            out.println("ferrite bench: JMH results written to " + written);
        }
        out.flush();
    }

    /**
     * The command line's JMH options, completed with the preset's run lengths and the defaults for whatever the
     * command line leaves unset: anything given on the command line wins.
     */
    static Options options(CommandLineOptions cmd, String preset, String defaultInclude,
                           Map<String, String[]> defaultParams, Path json) {
        ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd);
        if (preset != null) {
            // forks, warm-up iterations and time (ms), measurement iterations and time (ms)
            int[] p = switch (preset) {
                case "smoke" -> new int[] {1, 1, 1000, 1, 1000};
                // 5 measurements, not fewer: JMH's 99.9% interval uses Student's t, 31.6 for 3 iterations, 8.6 for 5
                case "quick" -> new int[] {1, 3, 500, 5, 500};
                case "full" -> null; // the annotations' own settings
                default -> {
                    usage("unknown --preset " + preset + " (smoke, quick or full)");
                    yield null;
                }
            };
            if (p != null) {
                if (!cmd.getForkCount().hasValue()) {
                    b.forks(p[0]);
                }
                if (!cmd.getWarmupIterations().hasValue()) {
                    b.warmupIterations(p[1]);
                }
                if (!cmd.getWarmupTime().hasValue()) {
                    b.warmupTime(TimeValue.milliseconds(p[2]));
                }
                if (!cmd.getMeasurementIterations().hasValue()) {
                    b.measurementIterations(p[3]);
                }
                if (!cmd.getMeasurementTime().hasValue()) {
                    b.measurementTime(TimeValue.milliseconds(p[4]));
                }
            }
            if (preset.equals("smoke") && !cmd.shouldFailOnError().hasValue()) {
                b.shouldFailOnError(true); // a smoke run is a test: any failing benchmark fails it
            }
        }
        if (defaultInclude != null && cmd.getIncludes().isEmpty()) {
            b.include(defaultInclude);
        }
        defaultParams.forEach((name, values) -> {
            if (!cmd.getParameter(name).hasValue()) {
                b.param(name, values);
            }
        });
        if (json != null) {
            if (!cmd.getResultFormat().hasValue()) {
                b.resultFormat(ResultFormatType.JSON);
            }
            if (!cmd.getResult().hasValue()) {
                b.result(json.toString());
            }
        }
        return b.build();
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            usage(option + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        PrintStream out = problem == null ? System.out : System.err;
        if (problem != null) {
            out.println("ferrite bench: " + problem);
        }
        out.println("""
                usage: Report [report options] [JMH options]    run benchmarks, then print the tables
                       Report --from-json FILE [--markdown FILE] [--svg FILE] [--html FILE] [--baseline IMPL]
                report options:
                  --preset smoke|quick|full  run lengths: smoke 1 fork, 1 x 1 s warm-up, 1 x 1 s measurement, fail
                                             on any error; quick 1 fork, 3 x 0.5 s + 5 x 0.5 s; full the
                                             annotations' (2 forks, 5 x 1 s + 5 x 1 s). JMH options given win
                  --default-include REGEX    benchmarks to run unless the JMH options name some
                  --default-param N=V1,V2    a parameter's values unless the JMH options give -p N
                  --json FILE                also write JMH's JSON results (unless -rf/-rff are given)
                  --markdown FILE            also write the tables to FILE
                  --svg FILE                 also write a bar chart: time per operation on a log scale, with the
                                             ratio to the baseline beside each bar
                  --html FILE                also write a self-contained HTML page: the table and one such chart
                                             per kernel
                  --baseline IMPL            compare with IMPL instead of native
                JMH options: as for 'java -jar benchmarks.jar' (-f, -wi, -w, -i, -r, -p N=V, -foe, REGEX, ...);
                -h lists them.""");
        System.exit(problem == null ? 0 : 2);
    }

    private static void createParent(Path file) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
    }

    // ------------------------------------------------------------------ reading results

    static List<Row> fromRunResults(Collection<RunResult> results) {
        List<Row> rows = new ArrayList<>();
        for (RunResult run : results) {
            BenchmarkParams p = run.getParams();
            Result<?> primary = run.getPrimaryResult();
            Map<String, String> params = new LinkedHashMap<>();
            for (String key : p.getParamsKeys()) {
                params.put(key, p.getParam(key));
            }
            rows.add(new Row(p.getBenchmark(), p.getMode().shortLabel(), params, primary.getScore(),
                    primary.getScoreError(), primary.getStatistics().getPercentile(50), primary.getScoreUnit(), p.getForks(), p.getWarmup().getCount(),
                    p.getWarmup().getTime().toString(), p.getMeasurement().getCount(),
                    p.getMeasurement().getTime().toString(),
                    p.getJdkVersion() + ", " + p.getVmName() + " " + p.getVmVersion()));
        }
        return rows;
    }

    static List<Row> fromJson(String json) {
        Object root = new Json(json).parseDocument();
        if (!(root instanceof List<?> runs)) {
            throw new IllegalArgumentException("not a JMH JSON result: the top level is not an array");
        }
        List<Row> rows = new ArrayList<>();
        for (Object o : runs) {
            Map<?, ?> run = asMap(o, "a run");
            Map<?, ?> metric = asMap(run.get("primaryMetric"), "primaryMetric");
            Map<String, String> params = new LinkedHashMap<>();
            if (run.get("params") != null) {
                asMap(run.get("params"), "params").forEach((k, v) -> params.put(String.valueOf(k), String.valueOf(v)));
            }
            rows.add(new Row(
                    string(run.get("benchmark")), string(run.get("mode")), params,
                    number(metric.get("score")), number(metric.get("scoreError")), median(metric),
                    string(metric.get("scoreUnit")),
                    (int) number(run.get("forks")), (int) number(run.get("warmupIterations")),
                    string(run.get("warmupTime")), (int) number(run.get("measurementIterations")),
                    string(run.get("measurementTime")),
                    string(run.get("jdkVersion")) + ", " + string(run.get("vmName")) + " "
                            + string(run.get("vmVersion"))));
        }
        return rows;
    }

    /** The median of the measurement iterations (all forks): JMH's 50th percentile of the primary metric. */
    private static double median(Map<?, ?> metric) {
        Object percentiles = metric.get("scorePercentiles");
        return percentiles instanceof Map<?, ?> p ? number(p.get("50.0")) : Double.NaN;
    }

    private static Map<?, ?> asMap(Object o, String what) {
        if (o instanceof Map<?, ?> m) {
            return m;
        }
        throw new IllegalArgumentException("not a JMH JSON result: " + what + " is not an object");
    }

    private static String string(Object o) {
        return o == null ? "?" : String.valueOf(o);
    }

    /** JMH writes NaN and infinities as the strings "NaN", "+INF" and "-INF". */
    private static double number(Object o) {
        if (o instanceof Double d) {
            return d;
        }
        if (o instanceof String s) {
            return switch (s) {
                case "+INF" -> Double.POSITIVE_INFINITY;
                case "-INF" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    try {
                        yield Double.parseDouble(s);
                    } catch (NumberFormatException e) {
                        yield Double.NaN;
                    }
                }
            };
        }
        return Double.NaN;
    }

    // ------------------------------------------------------------------ grouping

    /** Benchmark → workload → rows (impl order: baseline, then java, then as they came). */
    static Map<String, Map<String, List<Row>>> group(List<Row> rows, String baseline) {
        Map<String, Map<String, List<Row>>> groups = new LinkedHashMap<>();
        for (Row r : rows) {
            groups.computeIfAbsent(r.shortName() + " (" + r.mode() + ")", k -> new LinkedHashMap<>())
                    .computeIfAbsent(r.workload(), k -> new ArrayList<>()).add(r);
        }
        for (Map<String, List<Row>> workloads : groups.values()) {
            for (List<Row> list : workloads.values()) {
                List<Row> sorted = new ArrayList<>();
                list.stream().filter(r -> r.impl().equals(baseline)).forEach(sorted::add);
                list.stream().filter(r -> r.impl().equals("java") && !baseline.equals("java")).forEach(sorted::add);
                list.stream().filter(r -> !sorted.contains(r)).forEach(sorted::add);
                list.clear();
                list.addAll(sorted);
            }
        }
        return groups;
    }

    static Row baselineOf(List<Row> rows, String baseline) {
        return rows.stream().filter(r -> r.impl().equals(baseline)).findFirst().orElse(null);
    }

    /** The impl's cost relative to the baseline's: impl time / baseline time (&gt; 1: the baseline is faster). */
    static double speedUp(Row impl, Row base) {
        if (base == null) {
            return Double.NaN;
        }
        return impl.timePerOp() ? impl.score() / base.score() : base.score() / impl.score();
    }

    /** True when the two 99.9% confidence intervals overlap, or either is unknown. */
    static boolean overlaps(Row a, Row b) {
        if (Double.isNaN(a.error()) || Double.isNaN(b.error())) {
            return false; // unknown: say nothing rather than claim a tie
        }
        return Math.abs(a.score() - b.score()) <= a.error() + b.error();
    }

    /**
     * Bytes per operation: parameter size (or messageSize, or length), times count if there is one; NaN without
     * them.
     */
    static double bytesPerOp(Row r) {
        String size = r.params().getOrDefault("size", r.params().getOrDefault("messageSize",
                r.params().get("length")));
        if (size == null) {
            return Double.NaN;
        }
        try {
            double bytes = Double.parseDouble(size);
            String count = r.params().get("count");
            return count == null ? bytes : bytes * Double.parseDouble(count);
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    /** Throughput in MB/s (10^6 bytes) from the score and its unit ("ns/op", "ops/ms", ...); NaN if unknown. */
    static double megabytesPerSecond(Row r) {
        double bytes = bytesPerOp(r);
        String unit = r.unit();
        if (Double.isNaN(bytes) || unit == null) {
            return Double.NaN;
        }
        if (unit.endsWith("/op")) {
            double seconds = r.score() * secondsIn(unit.substring(0, unit.length() - 3));
            return bytes / seconds / 1e6;
        }
        if (unit.startsWith("ops/")) {
            return bytes * r.score() / secondsIn(unit.substring(4)) / 1e6;
        }
        return Double.NaN;
    }

    private static double secondsIn(String unit) {
        return switch (unit) {
            case "ns" -> 1e-9;
            case "us", "µs" -> 1e-6;
            case "ms" -> 1e-3;
            case "s" -> 1;
            case "min" -> 60;
            default -> Double.NaN;
        };
    }

    // ------------------------------------------------------------------ Markdown

    /** The machine this runs on: CPU model (Linux), cores, OS. */
    static String machine() {
        String cpu = "unknown CPU";
        try {
            cpu = Files.readAllLines(Path.of("/proc/cpuinfo")).stream()
                    .filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim())
                    .findFirst().orElse(cpu);
        } catch (IOException | RuntimeException e) {
            // not Linux: the model stays unknown
        }
        return cpu + ", " + Runtime.getRuntime().availableProcessors() + " cores, " + System.getProperty("os.name")
                + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch");
    }

    /** The report: a header, then per benchmark a summary of ratios and a table per workload. */
    static String markdown(List<Row> rows, String baseline, String machine) {
        StringBuilder out = new StringBuilder();
        out.append("<!-- generated by dev.ferrite.bench.Report -->\n");
        if (machine != null) {
            out.append("- Machine: ").append(machine).append('\n');
        }
        out.append("- JVM: ").append(rows.stream().map(Row::jdk).distinct().collect(Collectors.joining("; ")))
                .append('\n');
        out.append("- JMH: ").append(rows.stream().map(Report::settings).distinct().collect(Collectors.joining("; ")))
                .append('\n');
        out.append("- score: time per operation (avgt) or operations per time (thrpt); ± error: half-width of the 99.9% confidence interval as"
                + " JMH gives it (n/a after a single iteration); median: of the measurement iterations, all forks\n");
        out.append("- ").append(baseline).append(" speed-up = impl time / ").append(baseline).append(" time: above 1, ")
                .append(baseline).append(" is faster; ≈ marks overlapping confidence intervals (no clear difference)\n");

        Map<String, Map<String, List<Row>>> groups = group(rows, baseline);
        for (Map.Entry<String, Map<String, List<Row>>> benchmark : groups.entrySet()) {
            out.append("\n## ").append(benchmark.getKey()).append("\n");
            if (benchmark.getValue().size() > 1) {
                summary(out, benchmark.getValue(), baseline);
            }
            for (Map.Entry<String, List<Row>> workload : benchmark.getValue().entrySet()) {
                table(out, workload.getKey(), workload.getValue(), baseline);
            }
        }
        return out.toString();
    }

    static String settings(Row r) {
        return r.forks() + (r.forks() == 1 ? " fork, " : " forks, ") + r.warmupIterations() + " × "
                + r.warmupTime() + " warm-up, " + r.measurementIterations() + " × " + r.measurementTime()
                + " measurement";
    }

    /** One line per impl, one column per workload: the speed-up of the baseline over it. */
    private static void summary(StringBuilder out, Map<String, List<Row>> workloads, String baseline) {
        List<String> impls = new ArrayList<>();
        workloads.values().forEach(list -> list.forEach(r -> {
            if (!impls.contains(r.impl())) {
                impls.add(r.impl());
            }
        }));
        out.append("\n").append(baseline).append(" speed-up (impl time / ").append(baseline).append(" time):\n\n");
        out.append("| impl |");
        workloads.keySet().forEach(w -> out.append(' ').append(w.isEmpty() ? "-" : w).append(" |"));
        out.append("\n|---|");
        workloads.keySet().forEach(w -> out.append("---:|"));
        out.append('\n');
        for (String impl : impls) {
            out.append("| ").append(impl).append(" |");
            for (List<Row> list : workloads.values()) {
                Row base = baselineOf(list, baseline);
                Row r = list.stream().filter(x -> x.impl().equals(impl)).findFirst().orElse(null);
                out.append(' ').append(r == null ? "–" : ratioCell(r, base)).append(" |");
            }
            out.append('\n');
        }
    }

    private static void table(StringBuilder out, String workload, List<Row> rows, String baseline) {
        Row base = baselineOf(rows, baseline);
        boolean throughput = rows.stream().anyMatch(r -> !Double.isNaN(megabytesPerSecond(r)));
        out.append("\n### ").append(rows.getFirst().shortName());
        if (!workload.isEmpty()) {
            out.append(" — ").append(workload);
        }
        out.append("\n\n| impl | score | ± error | median | unit |");
        if (throughput) {
            out.append(" MB/s |");
        }
        out.append(' ').append(baseline).append(" speed-up |\n|---|---:|---:|---:|---|");
        if (throughput) {
            out.append("---:|");
        }
        out.append("---:|\n");
        for (Row r : rows) {
            out.append("| ").append(r.impl()).append(" | ").append(num(r.score())).append(" | ")
                    .append(Double.isNaN(r.error()) ? "n/a" : num(r.error())).append(" | ").append(num(r.median()))
                    .append(" | ").append(r.unit())
                    .append(" |");
            if (throughput) {
                double mbs = megabytesPerSecond(r);
                out.append(' ').append(Double.isNaN(mbs) ? "n/a" : num(mbs)).append(" |");
            }
            out.append(' ').append(ratioCell(r, base)).append(" |\n");
        }
        if (base == null) {
            out.append("\n(no ").append(baseline).append(" result for this workload: no ratios)\n");
        }
    }

    private static String ratioCell(Row r, Row base) {
        if (base == null) {
            return "n/a";
        }
        if (r == base) {
            return "1.00 (baseline)";
        }
        String ratio = String.format(Locale.ROOT, "%.2f", speedUp(r, base));
        return overlaps(r, base) ? ratio + " ≈" : ratio;
    }

    /** About four significant digits, without exponent notation. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "n/a";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "∞" : "-∞";
        }
        double a = Math.abs(v);
        String format = a >= 1000 ? "%,.0f" : a >= 100 ? "%.1f" : a >= 10 ? "%.2f" : a >= 1 ? "%.3f" : "%.4f";
        return String.format(Locale.ROOT, format, v);
    }

    // ------------------------------------------------------------------ SVG chart

    /**
     * The chart of a run: every workload's contenders on one log-scale time axis, the no-op FFM call left out (see
     * {@link Charts}).
     */
    static String svg(List<Row> rows, String baseline) {
        return Charts.svg(rows, baseline);
    }

    /** The HTML report of a run: its settings, the compact table and one log-scale chart per kernel. */
    static String html(List<Row> rows, String baseline, String machine) {
        Map<String, String> facts = new LinkedHashMap<>();
        if (machine != null) {
            facts.put("Machine", machine);
        }
        facts.put("JVM", rows.stream().map(Row::jdk).distinct().collect(Collectors.joining("; ")));
        facts.put("JMH", rows.stream().map(Report::settings).distinct().collect(Collectors.joining("; ")));
        return Charts.html(rows, baseline, "Ferrite benchmarks", "Time per operation of every contender, against "
                + baseline + ", on a logarithmic axis. Whiskers and ± are JMH's 99.9% confidence intervals.", facts,
                null);
    }

    // ------------------------------------------------------------------ JSON

    /**
     * A small strict JSON parser (RFC 8259), enough for JMH's result files: objects become {@link LinkedHashMap}s,
     * arrays {@link List}s, numbers {@link Double}s, and strings, booleans and null themselves.
     */
    static final class Json {
        private final String s;
        private int i;

        Json(String s) {
            this.s = Objects.requireNonNull(s);
        }

        Object parseDocument() {
            Object value = parseValue();
            skipSpace();
            if (i != s.length()) {
                throw error("trailing characters");
            }
            return value;
        }

        private Object parseValue() {
            skipSpace();
            if (i >= s.length()) {
                throw error("unexpected end of input");
            }
            char c = s.charAt(i);
            return switch (c) {
                case '{' -> parseObject();
                case '[' -> parseArray();
                case '"' -> parseString();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> {
                    if (c == '-' || (c >= '0' && c <= '9')) {
                        yield parseNumber();
                    }
                    throw error("unexpected character '" + c + "'");
                }
            };
        }

        private Map<String, Object> parseObject() {
            Map<String, Object> map = new LinkedHashMap<>();
            i++; // {
            skipSpace();
            if (peek() == '}') {
                i++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a member name");
                }
                String key = parseString();
                skipSpace();
                expect(':');
                map.put(key, parseValue());
                skipSpace();
                char c = next();
                if (c == '}') {
                    return map;
                }
                if (c != ',') {
                    throw error("expected ',' or '}'");
                }
            }
        }

        private List<Object> parseArray() {
            List<Object> list = new ArrayList<>();
            i++; // [
            skipSpace();
            if (peek() == ']') {
                i++;
                return list;
            }
            while (true) {
                list.add(parseValue());
                skipSpace();
                char c = next();
                if (c == ']') {
                    return list;
                }
                if (c != ',') {
                    throw error("expected ',' or ']'");
                }
            }
        }

        private String parseString() {
            i++; // "
            StringBuilder b = new StringBuilder();
            while (true) {
                char c = next();
                if (c == '"') {
                    return b.toString();
                }
                if (c < 0x20) {
                    throw error("control character in a string");
                }
                if (c != '\\') {
                    b.append(c);
                    continue;
                }
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'n' -> b.append('\n');
                    case 'r' -> b.append('\r');
                    case 't' -> b.append('\t');
                    case 'u' -> {
                        if (i + 4 > s.length()) {
                            throw error("truncated \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(i, i + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        i += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            }
        }

        private Double parseNumber() {
            int start = i;
            if (peek() == '-') {
                i++;
            }
            digits();
            if (i < s.length() && s.charAt(i) == '.') {
                i++;
                digits();
            }
            if (i < s.length() && (s.charAt(i) == 'e' || s.charAt(i) == 'E')) {
                i++;
                if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
                    i++;
                }
                digits();
            }
            return Double.parseDouble(s.substring(start, i));
        }

        private void digits() {
            int start = i;
            while (i < s.length() && s.charAt(i) >= '0' && s.charAt(i) <= '9') {
                i++;
            }
            if (i == start) {
                throw error("expected a digit");
            }
        }

        private Object literal(String word, Object value) {
            if (!s.startsWith(word, i)) {
                throw error("expected " + word);
            }
            i += word.length();
            return value;
        }

        private void skipSpace() {
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c != ' ' && c != '\t' && c != '\n' && c != '\r') {
                    return;
                }
                i++;
            }
        }

        private char peek() {
            if (i >= s.length()) {
                throw error("unexpected end of input");
            }
            return s.charAt(i);
        }

        private char next() {
            char c = peek();
            i++;
            return c;
        }

        private void expect(char c) {
            if (next() != c) {
                throw error("expected '" + c + "'");
            }
        }

        private IllegalArgumentException error(String message) {
            return new IllegalArgumentException("bad JSON at offset " + i + ": " + message);
        }
    }
}
