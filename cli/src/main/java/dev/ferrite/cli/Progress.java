package dev.ferrite.cli;

import java.io.PrintStream;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A progress bar on stderr, drawn only once the work has run for {@link #DELAY_MILLIS} and only when stderr is a
 * terminal ({@link Io#progress()}); otherwise it draws nothing at all. Results go to stdout through
 * {@link #println(String)}, which lifts the bar off the terminal line first, so the two never share a line. Counts
 * are updated from any thread.
 */
final class Progress implements AutoCloseable {
    static final long DELAY_MILLIS = 2000;
    private static final long TICK_MILLIS = 200;
    private static final int WIDTH = 28;
    private static final String SPINNER = "|/-\\";

    private final PrintStream out;
    private final PrintStream err;
    private final boolean enabled;
    private final long start = System.nanoTime();
    private final long delayNanos;
    private final ScheduledExecutorService ticker;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong items = new AtomicLong();
    private volatile String label;
    private volatile long total;
    private volatile boolean bytes;
    private volatile long itemsTotal;
    private volatile String itemName = "";
    private boolean drawn;
    private boolean closed;
    private int spin;

    private Progress(Io io, long delayMillis) {
        this.out = io.out();
        this.err = io.err();
        this.enabled = io.progress();
        this.delayNanos = TimeUnit.MILLISECONDS.toNanos(delayMillis);
        if (enabled) {
            ticker = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "ferrite-progress");
                t.setDaemon(true);
                return t;
            });
            ticker.scheduleAtFixedRate(this::draw, TICK_MILLIS, TICK_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            ticker = null;
        }
    }

    /** A bar that appears after {@link #DELAY_MILLIS}, if {@code io} allows one. */
    static Progress start(Io io) {
        return new Progress(io, DELAY_MILLIS);
    }

    /** A bar with another delay (tests). */
    static Progress start(Io io, long delayMillis) {
        return new Progress(io, delayMillis);
    }

    /**
     * Starts a stage.
     *
     * @param label what is being done ("hashing", "clustering 2,000,000 points")
     * @param total units of work (bytes when {@code bytes}), or -1 when unknown (a spinner instead of a bar)
     * @param bytes whether the units are bytes (shown as KB, MB, GB)
     */
    void stage(String label, long total, boolean bytes) {
        this.label = label;
        this.total = total;
        this.bytes = bytes;
        this.done.set(0);
    }

    /** Also counts items ("3/25 files") next to the bar. */
    void items(long itemsTotal, String itemName) {
        this.itemsTotal = itemsTotal;
        this.itemName = itemName;
        this.items.set(0);
    }

    void advance(long units) {
        done.addAndGet(units);
    }

    void itemDone() {
        items.incrementAndGet();
    }

    /** Prints a result line on stdout, lifting the bar off the terminal first. */
    synchronized void println(String line) {
        clear();
        out.println(line);
        if (enabled) {
            out.flush();
        }
    }

    /** Prints a line on stderr (an error, a warning), lifting the bar off the terminal first. */
    synchronized void eprintln(String line) {
        clear();
        err.println(line);
        err.flush();
    }

    private synchronized void draw() {
        long elapsed = System.nanoTime() - start;
        String what = label;
        if (closed || elapsed < delayNanos || what == null) {
            return;
        }
        StringBuilder line = new StringBuilder("\r").append(what).append(' ');
        long t = total;
        long d = Math.min(done.get(), Math.max(t, 0));
        if (t > 0) {
            int filled = (int) (WIDTH * d / t);
            line.append('[').append("#".repeat(filled)).append("-".repeat(WIDTH - filled)).append("] ")
                    .append(String.format(Locale.ROOT, "%3d%%", 100 * d / t));
            if (bytes) {
                line.append("  ").append(size(d)).append(" / ").append(size(t));
            }
        } else {
            line.append(SPINNER.charAt(spin++ % SPINNER.length()));
        }
        if (itemsTotal > 0) {
            line.append(String.format(Locale.ROOT, "  %,d/%,d %s", items.get(), itemsTotal, itemName));
        }
        line.append(String.format(Locale.ROOT, "  %.1f s", elapsed / 1e9)).append("\033[K");
        err.print(line);
        err.flush();
        drawn = true;
    }

    private void clear() {
        if (drawn) {
            err.print("\r\033[K");
            err.flush();
            drawn = false;
        }
    }

    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = -1;
        while (v >= 1000 && u < units.length - 1) {
            v /= 1000;
            u++;
        }
        return String.format(Locale.ROOT, "%.1f %s", v, units[u]);
    }

    /** Stops the bar and removes it from the terminal. */
    @Override
    public synchronized void close() {
        closed = true;
        if (ticker != null) {
            ticker.shutdownNow();
        }
        clear();
    }

    /** Draws now, whatever the delay (tests). */
    void drawNow() {
        if (enabled) {
            draw();
        }
    }
}
