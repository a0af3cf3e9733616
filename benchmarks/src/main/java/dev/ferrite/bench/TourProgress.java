package dev.ferrite.bench;

import dev.ferrite.bench.Report.Row;
import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.openjdk.jmh.infra.BenchmarkParams;
import org.openjdk.jmh.infra.IterationParams;
import org.openjdk.jmh.results.BenchmarkResult;
import org.openjdk.jmh.results.IterationResult;
import org.openjdk.jmh.results.Result;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.IterationType;
import org.openjdk.jmh.runner.format.OutputFormat;

/**
 * JMH's output for the tour: everything JMH prints (its own lines and the forked JVMs' output) goes to a log file
 * through JMH's usual text format, and the terminal gets one line per benchmark instead: its number, the time
 * elapsed and an estimate of what is left, what it measures, and its result when it ends. On an interactive terminal
 * the line also shows the iteration running. JMH does not end a benchmark that failed (its exception goes to the
 * log): the next start, or the end of the run, marks it failed.
 *
 * <p>One instance serves several JMH runs: {@link #close()} (which JMH calls after each run) only flushes; {@link
 * #finish()} closes the log.
 */
final class TourProgress implements OutputFormat {

    private final OutputFormat log;
    private final PrintStream logStream;
    private final PrintStream terminal;
    private final boolean live;
    private final int columns;
    private final int total;
    private final long start = System.nanoTime();
    private int started;
    private String line; // the running benchmark's line, or null
    private String runningName;
    private String runningWorkload; // the kernel and workload of runningName, cut first when the line is too long
    private String runningContender;
    private long runningSince; // seconds after start
    private final List<String> failed = new ArrayList<>();

    /**
     * @param log       JMH's text output format, writing into {@code logStream}
     * @param terminal  where the progress lines go
     * @param live      true on an interactive terminal: the line is rewritten with each iteration
     * @param columns   the terminal's width: a live line is cut to fit (a wrapped one could not be rewritten)
     * @param total     how many benchmarks the runs will start, for "3/20"
     */
    TourProgress(OutputFormat log, PrintStream logStream, PrintStream terminal, boolean live, int columns,
                 int total) {
        this.log = log;
        this.logStream = logStream;
        this.terminal = terminal;
        this.live = live;
        this.columns = columns;
        this.total = total;
    }

    /** The benchmarks that started and did not end with a result ("Ed25519 sign, 64 B message: ACCP"). */
    List<String> failed() {
        return List.copyOf(failed);
    }

    /** Seconds since this was made. */
    long elapsedSeconds() {
        return (System.nanoTime() - start) / 1_000_000_000L;
    }

    /** Ends a line left open (before another message is printed to the terminal). */
    void interrupt(String reason) {
        if (line != null) {
            failed.add(runningName);
            end("failed: " + reason);
        }
    }

    /** Marks a benchmark left running as failed, then closes the log. */
    void finish() {
        interrupt("see the log");
        log.flush();
        logStream.close();
    }

    static String clock(long seconds) {
        return String.format(Locale.ROOT, "%d:%02d", seconds / 60, seconds % 60);
    }

    private String status() {
        long elapsed = elapsedSeconds();
        String left = "";
        int done = started - 1; // the benchmarks before this one, ended or failed
        if (done > 0 && started <= total) {
            double perBenchmark = (double) runningSince / done;
            long estimate = Math.max(0, Math.round(perBenchmark * (total - done) - (elapsed - runningSince)));
            left = ", ~" + clock(estimate) + " left";
        }
        return String.format(Locale.ROOT, "[%" + String.valueOf(total).length() + "d/%d %s%s]", started, total,
                clock(elapsed), left);
    }

    /** Rewrites the live line: the status and the benchmark, cut to leave room for {@code suffix}. */
    private void redraw(String suffix, String end) {
        String status = status();
        line = status + " " + runningName;
        String head = line;
        int room = columns - 1 - 2 - suffix.length();
        if (head.length() > room) { // cut the workload's description, keeping the contender
            int workloadRoom = room - status.length() - 1 - 2 - runningContender.length() - 1;
            head = workloadRoom >= 8
                    ? status + " " + runningWorkload.substring(0, workloadRoom) + "…: " + runningContender
                    : head.substring(0, Math.max(8, room - 1)) + "…";
        }
        terminal.print("\r" + head + "  " + suffix + "\033[K" + end);
        terminal.flush();
    }

    private void end(String result) {
        if (live) {
            redraw(result, "\n");
        } else {
            terminal.print("  " + result + "\n");
        }
        terminal.flush();
        line = null;
        runningName = null;
    }

    /** A row with the benchmark's name and parameters only, to describe it. */
    private static Row describe(BenchmarkParams params) {
        Map<String, String> p = new LinkedHashMap<>();
        for (String key : params.getParamsKeys()) {
            p.put(key, params.getParam(key));
        }
        return new Row(params.getBenchmark(), params.getMode().shortLabel(), p, Double.NaN, Double.NaN, Double.NaN,
                null, 0, 0, "", 0, "", "");
    }

    @Override
    public void startBenchmark(BenchmarkParams params) {
        log.startBenchmark(params);
        interrupt("see the log");
        started++;
        Row r = describe(params);
        runningSince = elapsedSeconds();
        runningWorkload = Charts.kernel(r) + " " + Charts.workload(r, false);
        runningContender = Charts.contender(r);
        runningName = runningWorkload + ": " + runningContender;
        line = status() + " " + runningName;
        if (live) {
            redraw("starting", "");
        } else {
            terminal.print(line);
            terminal.flush();
        }
    }

    @Override
    public void iteration(BenchmarkParams benchmarkParams, IterationParams params, int iteration) {
        log.iteration(benchmarkParams, params, iteration);
        if (live && line != null) {
            String phase = params.getType() == IterationType.WARMUP ? "warm-up" : "measuring";
            redraw(phase + " " + iteration + "/" + params.getCount(), "");
        }
    }

    @Override
    public void iterationResult(BenchmarkParams benchmParams, IterationParams params, int iteration,
                                IterationResult data) {
        log.iterationResult(benchmParams, params, iteration, data);
    }

    @Override
    public void endBenchmark(BenchmarkResult result) {
        log.endBenchmark(result);
        if (line == null) {
            return;
        }
        if (result == null) {
            failed.add(runningName);
            end("failed: see the log");
            return;
        }
        Result<?> primary = result.getPrimaryResult();
        Row r = new Row(result.getParams().getBenchmark(), result.getParams().getMode().shortLabel(), Map.of(),
                primary.getScore(), primary.getScoreError(), Double.NaN, primary.getScoreUnit(), 0, 0, "", 0, "", "");
        end(Charts.timeWithError(Charts.seconds(r), Charts.errorSeconds(r)));
    }

    @Override
    public void startRun() {
        log.startRun();
    }

    @Override
    public void endRun(Collection<RunResult> result) {
        log.endRun(result);
    }

    @Override
    public void print(String s) {
        log.print(s);
    }

    @Override
    public void println(String s) {
        log.println(s);
    }

    @Override
    public void flush() {
        log.flush();
        terminal.flush();
    }

    /** JMH closes its output at the end of each run; the log stays open for the next one (see {@link #finish()}). */
    @Override
    public void close() {
        flush();
    }

    @Override
    public void verbosePrintln(String s) {
        log.verbosePrintln(s);
    }

    @Override
    public void write(int b) {
        log.write(b);
    }

    @Override
    public void write(byte[] b) throws IOException {
        log.write(b);
    }
}
