package dev.ferrite.cli;

import java.io.Console;
import java.io.IOException;
import java.lang.reflect.Method;
import java.nio.file.Files;
import java.nio.file.Path;

/** Whether the standard streams are terminals. */
final class Terminal {
    private Terminal() {}

    /**
     * Whether file descriptor {@code fd} (0 stdin, 1 stdout, 2 stderr) is a terminal. On Linux this reads
     * {@code /proc/self/fd/<fd>}, which answers for that stream exactly; elsewhere it falls back on
     * {@link System#console()} (which looks at stdin and stdout together, and on JDK 22+ on {@code isTerminal()}).
     */
    static boolean isTerminal(int fd) {
        Path link = Path.of("/proc/self/fd/" + fd);
        if (Files.isSymbolicLink(link)) {
            try {
                String target = Files.readSymbolicLink(link).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            } catch (IOException | SecurityException e) {
                // fall through to the portable answer
            }
        }
        return consoleIsTerminal();
    }

    private static boolean consoleIsTerminal() {
        Console console = System.console();
        if (console == null) {
            return false;
        }
        try {
            // Console.isTerminal() is new in JDK 22, where System.console() may return a console for redirected
            // streams.
            Method isTerminal = Console.class.getMethod("isTerminal");
            return (Boolean) isTerminal.invoke(console);
        } catch (NoSuchMethodException e) {
            return true; // JDK 17-21: a console exists only when stdin and stdout are terminals
        } catch (ReflectiveOperationException e) {
            return false;
        }
    }
}
