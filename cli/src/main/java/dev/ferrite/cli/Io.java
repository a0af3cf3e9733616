package dev.ferrite.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;

/**
 * The streams and terminal of one run: the real ones in {@link FerriteCli#main}, captured ones in tests.
 *
 * @param in standard input
 * @param out standard output (results only: never progress or prompts)
 * @param err standard error (errors, warnings, prompts, the progress bar)
 * @param progress whether to draw progress bars (stderr is a terminal and {@code --no-progress} was not given)
 * @param passwords reads a password without echo, or null when stdin is not a terminal (then it is read from stdin)
 */
record Io(InputStream in, PrintStream out, PrintStream err, boolean progress, PasswordReader passwords) {
    /** Reads a password from the terminal without echoing it. */
    @FunctionalInterface
    interface PasswordReader {
        /**
         * Shows {@code prompt} and reads one line without echo.
         *
         * @return the characters typed, without the line end; null at end of input
         */
        char[] read(String prompt) throws IOException;
    }

    Io withProgress(boolean enabled) {
        return new Io(in, out, err, enabled, passwords);
    }
}
