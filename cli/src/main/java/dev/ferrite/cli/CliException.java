package dev.ferrite.cli;

/**
 * A failure the command reports in one line on stderr ({@code ferrite: <message>}) with its exit status:
 * {@link #BAD_INPUT} for input the command can't use (a malformed file, a bad option value), {@link #FAILED} for a
 * check that did not pass.
 */
final class CliException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A verification failed (a checksum, a signature, a password), or a file could not be read. */
    static final int FAILED = 1;
    /** Bad input or usage: a malformed file, an option out of range; nothing was written. */
    static final int BAD_INPUT = 2;

    private final int exitCode;

    CliException(int exitCode, String message) {
        super(message, null, false, false);
        this.exitCode = exitCode;
    }

    static CliException badInput(String message) {
        return new CliException(BAD_INPUT, message);
    }

    int exitCode() {
        return exitCode;
    }
}
