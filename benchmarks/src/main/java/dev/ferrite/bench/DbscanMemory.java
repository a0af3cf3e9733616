package dev.ferrite.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Peak memory of one DBSCAN run, beside the time benchmark ({@code scripts/bench.sh --kernel dbscan} runs it).
 *
 * <pre>
 * java -Xms3g -Xmx3g -XX:+AlwaysPreTouch --enable-native-access=ALL-UNNAMED -cp benchmarks.jar \
 *     dev.ferrite.bench.DbscanMemory measure blobs1m native        (one JVM per impl)
 * java -cp benchmarks.jar dev.ferrite.bench.DbscanMemory report MEASURES.jsonl JMH.json OUT.md OUT.json
 * </pre>
 *
 * <p>{@code measure} generates the workload, warms the contender up on a small one (the native pool's threads
 * start, the JIT compiles), collects garbage, then reads the process's resident set ({@code VmRSS}), resets its
 * high-water mark ({@code echo 5 > /proc/self/clear_refs}) and the heap pools' peaks, runs the contender once, and
 * reads {@code VmHWM} and the heap pools' peaks. With the heap committed and touched up front ({@code -Xms = -Xmx},
 * {@code AlwaysPreTouch}), the growth of the resident set is memory outside the Java heap: for {@code native}, the
 * copy of the input and the working memory of the Rust kernel. The heap's peak growth (sum of the pools' peaks
 * minus the heap in use before) counts garbage not yet collected too, so it is an upper bound of what the run
 * needed on the heap. It prints one JSON line.
 *
 * <p>{@code report} writes a Markdown table of those lines, and one of JMH's GC profiler results
 * ({@code gc.alloc.rate.norm}: bytes allocated on the Java heap per operation) from a DbscanBench JSON file.
 */
public final class DbscanMemory {

    private DbscanMemory() {}

    public static void main(String[] args) throws IOException, InterruptedException {
        if (args.length == 3 && args[0].equals("measure")) {
            System.out.println(measure(args[1], args[2]));
        } else if (args.length == 5 && args[0].equals("report")) {
            report(Path.of(args[1]), Path.of(args[2]), Path.of(args[3]), Path.of(args[4]));
        } else {
            System.err.println("usage: DbscanMemory measure WORKLOAD IMPL | report MEASURES.jsonl JMH.json OUT.md OUT.json");
            System.exit(2);
        }
    }

    private static String measure(String workload, String impl) throws IOException, InterruptedException {
        DbscanData.Workload w = DbscanData.workload(workload);
        DbscanData.Workload small = DbscanData.workload(w.metric() == dev.ferrite.dbscan.Metric.COSINE
                ? "embed1k" : "blobs10k");
        DbscanPeers.of(impl, small).run(); // threads started, code compiled: not this run's memory
        DbscanPeers.Contender contender = DbscanPeers.of(impl, w); // the peer's own input form: not measured
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(100);
        }
        long heapBefore = heapUsed();
        long rssBefore = status("VmRSS");
        boolean reset = resetHighWaterMark();
        long hwmBefore = status("VmHWM");
        List<MemoryPoolMXBean> pools = heapPools();
        pools.forEach(MemoryPoolMXBean::resetPeakUsage);

        long start = System.nanoTime();
        Object result = contender.run();
        double seconds = (System.nanoTime() - start) / 1e9;

        long hwmAfter = status("VmHWM");
        long rssAfter = status("VmRSS");
        long heapPeak = 0;
        for (MemoryPoolMXBean pool : pools) {
            heapPeak += pool.getPeakUsage().getUsed();
        }
        DbscanPeers.Labels labels = contender.labels(result);
        long peakGrowth = hwmAfter - (reset ? rssBefore : Math.max(rssBefore, hwmBefore));
        long heapGrowth = heapPeak - heapBefore;
        String line = String.format(Locale.ROOT,
                "{\"workload\": \"%s\", \"impl\": \"%s\", \"n\": %d, \"dim\": %d, \"seconds\": %.3f,"
                        + " \"clusters\": %d, \"noise\": %d, \"rssBefore\": %d, \"hwmAfter\": %d, \"rssAfter\": %d,"
                        + " \"hwmReset\": %b, \"rssPeakGrowth\": %d, \"rssPeakGrowthPerPoint\": %.1f,"
                        + " \"heapBefore\": %d, \"heapPeakGrowth\": %d, \"heapPeakGrowthPerPoint\": %.1f,"
                        + " \"maxHeap\": %d}",
                w.name(), impl, w.n(), w.dim(), seconds, labels.clusters(), labels.noise(), rssBefore, hwmAfter,
                rssAfter, reset, peakGrowth, peakGrowth / (double) w.n(), heapBefore, heapGrowth,
                heapGrowth / (double) w.n(), Runtime.getRuntime().maxMemory());
        System.err.printf(Locale.ROOT, "ferrite bench: %s on %s: %.3f s; resident set peak +%.1f MB (%.1f B/point)%s;"
                        + " heap peak +%.1f MB (%.1f B/point)%n", impl, w, seconds, peakGrowth / 1e6,
                peakGrowth / (double) w.n(), reset ? "" : " (high-water mark not resettable: upper bound)",
                heapGrowth / 1e6, heapGrowth / (double) w.n());
        return line;
    }

    private static List<MemoryPoolMXBean> heapPools() {
        List<MemoryPoolMXBean> pools = new ArrayList<>();
        for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
            if (pool.getType() == MemoryType.HEAP && pool.isValid()) {
                pools.add(pool);
            }
        }
        return pools;
    }

    private static long heapUsed() {
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

    /** Resets VmHWM to the current VmRSS (Linux 4.0+); false when the kernel or the sandbox does not allow it. */
    private static boolean resetHighWaterMark() {
        try {
            Files.writeString(Path.of("/proc/self/clear_refs"), "5");
            return true;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    /** A size field of /proc/self/status, in bytes. */
    private static long status(String field) throws IOException {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"), StandardCharsets.US_ASCII)) {
            if (line.startsWith(field + ":")) {
                String[] parts = line.substring(field.length() + 1).trim().split("\\s+");
                return Long.parseLong(parts[0]) * 1024; // kB
            }
        }
        throw new IOException(field + " not found in /proc/self/status (not Linux?)");
    }

    // ------------------------------------------------------------------ report

    private static void report(Path measures, Path jmhJson, Path markdown, Path json) throws IOException {
        StringBuilder md = new StringBuilder("# DBSCAN memory\n\n");
        List<Map<String, Object>> lines = new ArrayList<>();
        if (Files.exists(measures)) {
            for (String line : Files.readAllLines(measures, StandardCharsets.UTF_8)) {
                if (line.startsWith("{")) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> m = (Map<String, Object>) new Report.Json(line).parseDocument();
                    lines.add(m);
                }
            }
        }
        if (!lines.isEmpty()) {
            md.append("One run in a fresh JVM (`DbscanMemory measure`, heap committed and touched up front): growth of"
                    + " the process's peak resident set during the run (memory outside the Java heap: native"
                    + " copies and working memory) and of the Java heap's peak occupancy (including garbage not yet"
                    + " collected: an upper bound).\n\n");
            md.append("| workload | impl | time (s) | resident set peak growth | per point | heap peak growth |"
                    + " per point |\n|---|---|---:|---:|---:|---:|---:|\n");
            for (Map<String, Object> m : lines) {
                md.append(String.format(Locale.ROOT, "| %s | %s | %.3f | %.1f MB%s | %.1f B | %.1f MB | %.1f B |%n",
                        m.get("workload"), m.get("impl"), num(m, "seconds"), num(m, "rssPeakGrowth") / 1e6,
                        Boolean.TRUE.equals(m.get("hwmReset")) ? "" : " (upper bound)",
                        num(m, "rssPeakGrowthPerPoint"), num(m, "heapPeakGrowth") / 1e6,
                        num(m, "heapPeakGrowthPerPoint")));
            }
        }
        List<String[]> gc = new ArrayList<>();
        if (Files.exists(jmhJson)) {
            for (Object o : (List<?>) new Report.Json(Files.readString(jmhJson, StandardCharsets.UTF_8))
                    .parseDocument()) {
                Map<?, ?> run = (Map<?, ?>) o;
                if (!String.valueOf(run.get("benchmark")).contains("DbscanBench")) {
                    continue;
                }
                Map<?, ?> params = (Map<?, ?>) run.get("params");
                Map<?, ?> primary = (Map<?, ?>) run.get("primaryMetric");
                Map<?, ?> secondary = (Map<?, ?>) run.get("secondaryMetrics");
                Object norm = secondary == null ? null : secondary.get("gc.alloc.rate.norm");
                if (norm == null) {
                    continue;
                }
                String workload = String.valueOf(params.get("workload"));
                double bytes = (Double) ((Map<?, ?>) norm).get("score");
                int n = nOf(workload);
                gc.add(new String[] {workload, String.valueOf(params.get("impl")),
                        Report.num((Double) primary.get("score")) + " " + primary.get("scoreUnit"),
                        String.format(Locale.ROOT, "%.1f MB", bytes / 1e6),
                        n > 0 ? String.format(Locale.ROOT, "%.1f B", bytes / n) : "n/a"});
            }
        }
        if (!gc.isEmpty()) {
            md.append("\nJMH's GC profiler (`-prof gc`), `gc.alloc.rate.norm`: bytes allocated on the Java heap per"
                    + " clustering (for `native`, only the Java side: the result arrays).\n\n");
            md.append("| workload | impl | time per op | allocated per op | per point |\n|---|---|---:|---:|---:|\n");
            for (String[] row : gc) {
                md.append("| ").append(String.join(" | ", row)).append(" |\n");
            }
        }
        Files.writeString(markdown, md.toString(), StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder("[\n");
        if (Files.exists(measures)) {
            List<String> raw = Files.readAllLines(measures, StandardCharsets.UTF_8).stream()
                    .filter(l -> l.startsWith("{")).toList();
            out.append(String.join(",\n", raw));
        }
        Files.writeString(json, out.append("\n]\n").toString(), StandardCharsets.UTF_8);
        System.out.print(md);
    }

    private static double num(Map<String, Object> m, String key) {
        Object v = m.get(key);
        return v instanceof Double d ? d : Double.NaN;
    }

    private static final Map<String, Integer> SIZES = new LinkedHashMap<>(Map.of("blobs10k", 10_000,
            "blobs100k", 100_000, "blobs1m", 1_000_000, "embed1k", 1_000, "embed10k", 10_000));

    private static int nOf(String workload) {
        return SIZES.getOrDefault(workload, -1);
    }
}
