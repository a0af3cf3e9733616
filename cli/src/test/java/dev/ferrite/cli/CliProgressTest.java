package dev.ferrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * The progress bar goes to stderr only, is lifted off the line before a result is printed, and draws nothing when
 * stderr is not a terminal. (When it appears, after two seconds, is not asserted: no timed assertions.)
 */
class CliProgressTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private Io io(boolean terminal) {
        return new Io(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), terminal, null);
    }

    @Test
    void onATerminal_barOnStderr_resultsAloneOnStdout() {
        try (Progress p = Progress.start(io(true), 0)) {
            p.stage("sha256", 4_000_000, true);
            p.items(4, "files");
            p.advance(1_000_000);
            p.itemDone();
            p.drawNow();
            String bar = err.toString(StandardCharsets.UTF_8);
            assertTrue(bar.startsWith("\rsha256 [#######---------------------]  25%  1.0 MB / 4.0 MB  1/4 files  "),
                    bar);
            assertTrue(bar.endsWith(" s\033[K"), bar);
            p.println("result line");
            assertTrue(err.toString(StandardCharsets.UTF_8).endsWith("\r\033[K"), "the bar is cleared first");
            p.stage("clustering", -1, false);
            p.drawNow();
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("\rclustering |"), err.toString());
        }
        assertEquals("result line\n", out.toString(StandardCharsets.UTF_8));
        assertTrue(err.toString(StandardCharsets.UTF_8).endsWith("\r\033[K"), "closing clears the bar");
    }

    @Test
    void notATerminal_nothingOnStderr() {
        try (Progress p = Progress.start(io(false), 0)) {
            p.stage("sha256", 10, true);
            p.advance(5);
            p.drawNow();
            p.println("result line");
        }
        assertEquals("", err.toString(StandardCharsets.UTF_8));
        assertEquals("result line\n", out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void sizes() {
        assertEquals("999 B", Progress.size(999));
        assertEquals("1.5 MB", Progress.size(1_500_000));
        assertEquals("2.0 GB", Progress.size(2_000_000_000L));
    }
}
