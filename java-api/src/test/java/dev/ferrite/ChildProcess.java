package dev.ferrite;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a child process (a probe JVM, {@code unshare}, ...) with a time limit: its output (stdout and stderr together)
 * goes to a temporary file rather than a pipe, so a child that hangs is killed at the limit instead of blocking the
 * test JVM on a read. For the tests that need a fresh JVM or another mount namespace.
 */
final class ChildProcess {
    private ChildProcess() {}

    /**
     * What a finished child left.
     *
     * @param exitCode its exit status, or -1 when it was killed at the time limit
     * @param output what it printed
     * @param timedOut whether it was killed at the time limit
     */
    record Result(int exitCode, String output, boolean timedOut) {}

    /**
     * Runs {@code command} and waits at most {@code limit}.
     *
     * @param command the program and its arguments
     * @param limit how long it may run before it is killed
     * @return its exit status and output
     * @throws IOException when it can't be started
     * @throws InterruptedException when interrupted while waiting
     */
    static Result run(List<String> command, Duration limit) throws IOException, InterruptedException {
        Path log = Files.createTempFile("ferrite-child-", ".log");
        try {
            Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile())
                    .start();
            boolean finished = process.waitFor(limit.toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                process.destroyForcibly().waitFor();
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            return new Result(finished ? process.exitValue() : -1, output, !finished);
        } finally {
            Files.deleteIfExists(log);
        }
    }

    /**
     * Runs {@code command} like {@link #run(List, Duration)} and fails the test unless it exits with 0 in time.
     *
     * @param command the program and its arguments
     * @param limit how long it may run before it is killed (a bound against a hang, not a speed check)
     * @return what it printed
     * @throws IOException when it can't be started
     * @throws InterruptedException when interrupted while waiting
     */
    static String runOk(List<String> command, Duration limit) throws IOException, InterruptedException {
        Result result = run(command, limit);
        assertTrue(!result.timedOut(), "did not finish in " + limit + " (killed): " + command + "\n" + result.output());
        assertEquals(0, result.exitCode(), "failed: " + command + "\n" + result.output());
        return result.output();
    }
}
