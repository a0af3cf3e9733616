package dev.ferrite.bench;

import dev.ferrite.bench.Report.Row;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.CommandLineOptionException;
import org.openjdk.jmh.runner.options.CommandLineOptions;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The tour ({@code scripts/bench.sh} without a mode): each kernel's headline workload with Ferrite's native backend,
 * its Java fallback and the fastest peer of {@code benchmarks/RESULTS.md}'s full runs (for Ed25519 also the JDK's
 * SunEC, which most applications use today), in short JMH runs; a compact table on the terminal and one HTML page with
 * a log-scale chart per kernel. JMH's own output goes to a log file; the terminal shows progress instead.
 *
 * <pre>
 * java --enable-native-access=ALL-UNNAMED -cp benchmarks.jar dev.ferrite.bench.Tour --out DIR [--kernel K]... [JMH options]
 * </pre>
 * Writes {@code DIR/tour.html}, {@code DIR/tour.json} (JMH's JSON of every run) and {@code DIR/tour.log}. JMH
 * options (forks, iterations, {@code -jvmArgsAppend}, ...) win over the tour's settings; benchmarks and parameters are
 * the tour's own. Exits with status 1 when a benchmark failed (after writing what did run), 2 on a bad command line.
 */
public final class Tour {

    private Tour() {}

    /**
     * One kernel's part of the tour: benchmark methods of one class, with one workload (the parameters) and the
     * contenders, in one JMH run.
     */
    record Step(String kernel, String benchmarkClass, List<String> methods, Map<String, String> workload,
                List<String> impls, int warmupIterations, int measurementIterations) {

        String include() {
            return "^dev\\.ferrite\\.bench\\." + benchmarkClass + "\\.(" + String.join("|", methods) + ")$";
        }

        int benchmarks() {
            return methods.size() * impls.size();
        }
    }

    /** Warm-up and measurement iteration time of the time-based benchmarks. */
    static final TimeValue ITERATION = TimeValue.milliseconds(500);

    /**
     * The tour. Peers: the fastest non-Ferrite contender of each workload in RESULTS.md's full runs (SHA-256 1 KiB:
     * a reused JDK MessageDigest; Ed25519 and AES-GCM: ACCP; Argon2: argon2-jvm; DBSCAN: Smile), and SunEC for
     * Ed25519, which is what most applications call today and 16 to 70 times slower.
     */
    static final List<Step> STEPS = List.of(
            new Step("sha256", "Sha256Bench", List.of("digest"), Map.of("size", "1024"),
                    List.of("native", "java", "jdk-reused"), 3, 8),
            new Step("ed25519", "Ed25519Bench", List.of("sign", "verify"), Map.of("messageBytes", "64"),
                    List.of("native", "java", "accp", "jdk"), 3, 8),
            new Step("aesgcm", "AesGcmBench", List.of("encrypt"), Map.of("size", "1024"),
                    List.of("native", "java", "accp"), 3, 8),
            new Step("argon2", "Argon2Bench", List.of("hash"), Map.of("setting", "owasp"),
                    List.of("native", "java", "argon2jvm"), 3, 8),
            // Single-shot: 3 clusterings to warm up, 10 timed (Smile takes about 0.6 s each).
            new Step("dbscan", "DbscanBench", List.of("cluster"), Map.of("workload", "blobs100k"),
                    List.of("native", "java", "smile"), 3, 10));

    static final String BASELINE = "native";

    public static void main(String[] args) throws IOException {
        Path out = null;
        Set<String> kernels = new LinkedHashSet<>();
        List<String> jmhArgs = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--out" -> out = Path.of(value(args, ++i, "--out"));
                case "--kernel" -> kernels.add(value(args, ++i, "--kernel"));
                case "--help" -> {
                    usage(null);
                    return;
                }
                default -> jmhArgs.add(args[i]);
            }
        }
        if (out == null) {
            usage("--out DIR is needed");
        }
        Set<String> known = STEPS.stream().map(Step::kernel).collect(Collectors.toCollection(LinkedHashSet::new));
        for (String k : kernels) {
            if (!known.contains(k)) {
                usage("the tour has no kernel " + k + " (it has " + String.join(", ", known)
                        + "); scripts/bench.sh --quick --kernel " + k + " runs every benchmark of a kernel");
            }
        }
        List<Step> steps = STEPS.stream().filter(s -> kernels.isEmpty() || kernels.contains(s.kernel())).toList();

        CommandLineOptions cmd;
        try {
            cmd = new CommandLineOptions(jmhArgs.toArray(String[]::new));
        } catch (CommandLineOptionException e) {
            usage(e.getMessage());
            return;
        }
        if (!cmd.getIncludes().isEmpty()
                || jmhArgs.stream().anyMatch(a -> a.startsWith("-p") && !a.startsWith("-prof"))) {
            usage("the tour runs its own benchmarks and parameters: for other ones, use scripts/bench.sh --quick"
                    + " with JMH options");
        }

        Files.createDirectories(out);
        Path html = out.resolve("tour.html");
        Path json = out.resolve("tour.json");
        Path logFile = out.resolve("tour.log");
        Files.deleteIfExists(html); // never leave an earlier run's report beside this one's log
        Files.deleteIfExists(json);
        PrintStream terminal = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        PrintStream logStream = new PrintStream(Files.newOutputStream(logFile), true, StandardCharsets.UTF_8);
        boolean live = System.console() != null && System.console().isTerminal()
                && !"dumb".equals(System.getenv("TERM"));
        int total = steps.stream().mapToInt(Step::benchmarks).sum();
        TourProgress progress = new TourProgress(OutputFormatFactory.createFormatInstance(logStream,
                VerboseMode.NORMAL), logStream, terminal, live, columns(), total);

        int forks = cmd.getForkCount().orElse(1);
        Step dbscan = STEPS.stream().filter(s -> s.kernel().equals("dbscan")).findFirst().orElseThrow();
        terminal.printf("ferrite tour: %d benchmarks (%s), %d fork%s each, %s × %s warm-up + %s × %s measured"
                        + " (DBSCAN: single clusterings, %s + %s); JMH's output goes to %s%n", total,
                steps.stream().map(Step::kernel).collect(Collectors.joining(", ")), forks, forks == 1 ? "" : "s",
                cmd.getWarmupIterations().orElse(steps.getFirst().warmupIterations()),
                cmd.getWarmupTime().orElse(ITERATION),
                cmd.getMeasurementIterations().orElse(steps.getFirst().measurementIterations()),
                cmd.getMeasurementTime().orElse(ITERATION),
                cmd.getWarmupIterations().orElse(dbscan.warmupIterations()),
                cmd.getMeasurementIterations().orElse(dbscan.measurementIterations()), logFile);
        String started = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));

        List<RunResult> results = new ArrayList<>();
        List<String> errors = new ArrayList<>();
        // The forked JVMs' output reaches this JVM's System.out and System.err (JMH's binary link): into the log.
        PrintStream systemOut = System.out;
        PrintStream systemErr = System.err;
        System.setOut(logStream);
        System.setErr(logStream);
        try {
            run(steps, cmd, progress, terminal, results, errors);
        } finally {
            System.setOut(systemOut);
            System.setErr(systemErr);
        }
        progress.finish();
        long seconds = progress.elapsedSeconds();

        List<Row> rows = Report.fromRunResults(results);
        List<String> failed = new ArrayList<>(progress.failed());
        failed.addAll(errors);
        if (!results.isEmpty()) {
            try (PrintStream s = new PrintStream(Files.newOutputStream(json), false, StandardCharsets.UTF_8)) {
                ResultFormatFactory.getInstance(ResultFormatType.JSON, s).writeOut(results);
            }
            Files.writeString(html, html(rows, started, seconds, logFile, json, failed), StandardCharsets.UTF_8);
            terminal.println();
            terminal.print(Charts.table(rows, BASELINE));
            terminal.println();
            terminal.println("ferrite tour: " + Report.machine());
            terminal.println("ferrite tour: took " + TourProgress.clock(seconds) + "; JMH's output: " + logFile
                    + "; its JSON: " + json);
            terminal.println("ferrite tour: the report, with a chart per kernel: " + html.toAbsolutePath());
        }
        if (!failed.isEmpty()) {
            terminal.println("ferrite tour: failed: " + String.join("; ", failed) + " (the errors are in " + logFile
                    + ")");
            terminal.flush();
            System.exit(1);
        }
        terminal.flush();
    }

    /** The terminal's width: COLUMNS (scripts/bench.sh sets it from tput), else 80. */
    private static int columns() {
        try {
            return Math.max(40, Integer.parseInt(System.getenv().getOrDefault("COLUMNS", "80").trim()));
        } catch (NumberFormatException e) {
            return 80;
        }
    }

    /** Runs the steps, one JMH run each, collecting their results and the failures of whole runs. */
    private static void run(List<Step> steps, CommandLineOptions cmd, TourProgress progress, PrintStream terminal,
                            List<RunResult> results, List<String> errors) {
        for (Step step : steps) {
            ChainedOptionsBuilder b = new OptionsBuilder().parent(cmd).include(step.include())
                    .param("impl", step.impls().toArray(String[]::new));
            step.workload().forEach(b::param);
            if (!cmd.getForkCount().hasValue()) {
                b.forks(1);
            }
            if (!cmd.getWarmupIterations().hasValue()) {
                b.warmupIterations(step.warmupIterations());
            }
            if (!cmd.getWarmupTime().hasValue()) {
                b.warmupTime(ITERATION);
            }
            if (!cmd.getMeasurementIterations().hasValue()) {
                b.measurementIterations(step.measurementIterations());
            }
            if (!cmd.getMeasurementTime().hasValue()) {
                b.measurementTime(ITERATION);
            }
            try {
                Collection<RunResult> run = new Runner(b.build(), progress).run();
                results.addAll(run);
            } catch (RunnerException | RuntimeException e) {
                progress.interrupt("JMH stopped");
                errors.add(step.kernel() + ": " + e.getMessage());
                terminal.println("ferrite tour: the " + step.kernel() + " run failed: " + e.getMessage());
            }
        }
    }

    /** The tour's page: what it runs, the settings and what failed, a chart per kernel and the table. */
    static String html(List<Row> rows, String started, long seconds, Path log, Path json, List<String> failed) {
        Map<String, String> facts = new LinkedHashMap<>();
        facts.put("Machine", Report.machine());
        facts.put("JVM", rows.stream().map(Row::jdk).distinct().collect(Collectors.joining("; ")));
        facts.put("JMH", rows.stream().map(Report::settings).distinct().collect(Collectors.joining("; ")));
        facts.put("Run", started + ", " + TourProgress.clock(seconds) + " (m:ss) in all");
        facts.put("Files", "JMH's output " + log.toAbsolutePath() + "; its JSON " + json.toAbsolutePath());
        if (!failed.isEmpty()) {
            facts.put("Failed", String.join("; ", failed) + " (not shown; the errors are in JMH's output)");
        }
        return Charts.html(rows, BASELINE, "Ferrite tour",
                "Each kernel's headline workload, timed with JMH on this machine: Ferrite's native backend (Rust through"
                        + " the FFM API), its pure-Java fallback (what runs where the native library does not), and the"
                        + " fastest other library of benchmarks/RESULTS.md's full runs; for Ed25519 also the JDK's"
                        + " SunEC. Bars are time per operation on a logarithmic axis: each gridline is ten times the"
                        + " one before, so a contender 1,000× slower sits three gridlines further right. Shorter is"
                        + " faster; whiskers and ± are JMH's 99.9% confidence intervals, and ≈ marks a difference"
                        + " within them. Short runs (one fork) on a possibly busy machine: a first look, not a record.",
                facts,
                "For every size, every peer and longer runs: scripts/bench.sh --quick (about 15 to 25 minutes) or"
                        + " --full (hours; the runs behind benchmarks/RESULTS.md, which also explains each result).");
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
            out.println("ferrite tour: " + problem);
        }
        out.println("usage: Tour --out DIR [--kernel K]... [JMH options]\n"
                + "  writes DIR/tour.html, DIR/tour.json and DIR/tour.log; kernels: "
                + STEPS.stream().map(Step::kernel).collect(Collectors.joining(", ")) + "\n"
                + "  JMH options (-f, -wi, -w, -i, -r, -jvmArgsAppend, ...) win over the tour's settings; benchmarks and"
                + " parameters (-p) are the tour's own.");
        System.exit(problem == null ? 0 : 2);
    }
}
