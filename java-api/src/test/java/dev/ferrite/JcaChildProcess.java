package dev.ferrite;

import java.io.IOException;
import java.time.Duration;
import java.util.List;

/**
 * {@link ChildProcess} for the JCA provider's tests in {@code dev.ferrite.jca} (keytool, jarsigner), which can't see
 * this package's package-private helper: the same process handling (output to a file, killed at the time limit).
 */
public final class JcaChildProcess {
    private JcaChildProcess() {}

    /**
     * What a finished child left, as {@link ChildProcess.Result}.
     *
     * @param exitCode its exit status, or -1 when it was killed at the time limit
     * @param output what it printed (stdout and stderr together)
     * @param timedOut whether it was killed at the time limit
     */
    public record Result(int exitCode, String output, boolean timedOut) {}

    /**
     * {@link ChildProcess#run(List, Duration)}.
     *
     * @param command the program and its arguments
     * @param limit how long it may run before it is killed
     * @return its exit status and output
     * @throws IOException when it can't be started
     * @throws InterruptedException when interrupted while waiting
     */
    public static Result run(List<String> command, Duration limit) throws IOException, InterruptedException {
        ChildProcess.Result r = ChildProcess.run(command, limit);
        return new Result(r.exitCode(), r.output(), r.timedOut());
    }

    /**
     * {@link ChildProcess#runOk(List, Duration)}: fails the test unless the child exits with 0 in time.
     *
     * @param command the program and its arguments
     * @param limit how long it may run before it is killed (a bound against a hang, not a speed check)
     * @return what it printed
     * @throws IOException when it can't be started
     * @throws InterruptedException when interrupted while waiting
     */
    public static String runOk(List<String> command, Duration limit) throws IOException, InterruptedException {
        return ChildProcess.runOk(command, limit);
    }
}
