package dev.ferrite.cli;

import dev.ferrite.Backend;
import dev.ferrite.Clustering;
import dev.ferrite.Crypto;
import dev.ferrite.Ferrite;
import dev.ferrite.argon2.Argon2;
import dev.ferrite.dbscan.Dbscan;
import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.sha256.Sha256;
import java.io.FileInputStream;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The {@code ferrite} command: Ferrite's kernels on files, from a shell.
 *
 * <pre>
 * ferrite dbscan points.csv --eps 0.3 --min-pts 10 --out labels.csv --plot clusters.png
 * ferrite sha256 *.iso &gt; SHA256SUMS;  ferrite sha256 --check SHA256SUMS
 * ferrite argon2 hash &lt; password.txt;  ferrite argon2 verify '$argon2id$v=19$...'
 * ferrite ed25519 keygen --out key.pem --pub-out pub.pem
 * ferrite ed25519 sign --key key.pem --out msg.sig msg;  ferrite ed25519 verify --pub pub.pem --sig msg.sig msg
 * </pre>
 *
 * <p>Exit status: 0 success, 1 a check that failed (checksum, signature, password) or an unreadable file while
 * hashing, 2 bad input or usage (one line on stderr names the file, line and column; nothing is written).
 * Run as {@code java -jar ferrite-cli.jar} or through {@code scripts/ferrite}.
 */
@Command(name = "ferrite", mixinStandardHelpOptions = true, versionProvider = FerriteCli.Version.class,
        sortOptions = false, usageHelpAutoWidth = true,
        description = "Ferrite's kernels on files: clustering, hashing, password hashes and signatures.",
        // Clustering commands first. HDBSCAN and agglomerative clustering join here once the library has them, as
        // commands like DbscanCommand over the same PointsReader (CSV/.npy) and ClusterPlot.
        subcommands = {DbscanCommand.class, Sha256Command.class, Argon2Command.class, Ed25519Command.class,
            CommandLine.HelpCommand.class},
        footer = {"", "Exit status: 0 success; 1 a failed check (checksum, signature, password) or an unreadable file "
                + "while hashing; 2 bad input or usage."})
public final class FerriteCli implements Callable<Integer> {
    /** JUL logger of the library, held so its level sticks (see {@link #main}). */
    private static final Logger LIBRARY_LOG = Logger.getLogger("dev.ferrite");

    // Inherited: accepted before or after the command name ("ferrite --backend java dbscan", "ferrite dbscan
    // --backend java"), bound to this one field either way.
    @Option(names = "--backend", paramLabel = "auto|native|java", scope = CommandLine.ScopeType.INHERIT,
            converter = BackendConverter.class,
            description = "Backend for the kernels (default: auto, native when it loads).")
    private Backend backend;

    @Option(names = "--no-progress", scope = CommandLine.ScopeType.INHERIT, description = "Never draw a progress bar (it is drawn only on a terminal anyway).")
    private boolean noProgress;

    private final Io io;

    private FerriteCli(Io io) {
        this.io = io;
    }

    /**
     * Runs the command line and exits with its status.
     *
     * @param args the arguments
     */
    public static void main(String[] args) {
        if (System.getProperty("java.awt.headless") == null) {
            System.setProperty("java.awt.headless", "true");
        }
        // The library logs which backend it picked (an information line on JDK 17 and 21, where the Java backend is
        // expected); the commands say it themselves where it matters. Warnings still show.
        LIBRARY_LOG.setLevel(Level.WARNING);
        Charset charset = stdoutCharset();
        PrintStream out = new PrintStream(new FileOutputStream(java.io.FileDescriptor.out), Terminal.isTerminal(1),
                charset);
        PrintStream err = new PrintStream(new FileOutputStream(java.io.FileDescriptor.err), true, charset);
        InputStream in = new FileInputStream(java.io.FileDescriptor.in);
        Io io = new Io(in, out, err, Terminal.isTerminal(2) && !"dumb".equals(System.getenv("TERM")),
                Terminal.isTerminal(0) ? FerriteCli::readPasswordFromTerminal : null);
        int status = run(io, args);
        out.flush();
        err.flush();
        System.exit(status);
    }

    private static Charset stdoutCharset() {
        String name = System.getProperty("stdout.encoding");
        try {
            return name != null ? Charset.forName(name) : Charset.defaultCharset();
        } catch (RuntimeException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /**
     * Runs one command line with the given streams.
     *
     * @return the exit status
     */
    static int run(Io io, String... args) {
        FerriteCli root = new FerriteCli(io);
        CommandLine cl = new CommandLine(root);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExpandAtFiles(false); // "@file" is a file name here, never a file of arguments
        cl.setOut(new PrintWriter(new OutputStreamWriter(io.out(), charsetOf(io.out())), true));
        cl.setErr(new PrintWriter(new OutputStreamWriter(io.err(), charsetOf(io.err())), true));
        cl.setParameterExceptionHandler((ex, args2) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("ferrite: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, err);
            err.println("Usage: see '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help'");
            err.flush();
            return CliException.BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, cmd, parsed) -> {
            PrintWriter err = cmd.getErr();
            if (ex instanceof CliException e) {
                err.println("ferrite: " + e.getMessage());
                err.flush();
                return e.exitCode();
            }
            if (ex instanceof UncheckedIOException e) {
                err.println("ferrite: " + e.getCause().getMessage());
                err.flush();
                return CliException.BAD_INPUT;
            }
            throw ex;
        });
        int status;
        try {
            status = cl.execute(args);
        } catch (OutOfMemoryError e) {
            io.err().println("ferrite: out of memory (" + e.getMessage() + "); raise the heap limit: java -Xmx... "
                    + "-jar, or FERRITE_JAVA_OPTS=-Xmx... with scripts/ferrite");
            status = CliException.BAD_INPUT;
        }
        io.out().flush();
        io.err().flush();
        return status;
    }

    private static Charset charsetOf(PrintStream stream) {
        try {
            return (Charset) PrintStream.class.getMethod("charset").invoke(stream); // JDK 18+
        } catch (ReflectiveOperationException e) {
            return Charset.defaultCharset();
        }
    }

    @Override
    public Integer call() {
        CommandLine.usage(this, io.out());
        return 0;
    }

    /** The streams of this run, with progress off when {@code --no-progress} was given. */
    Io io() {
        return noProgress ? io.withProgress(false) : io;
    }

    /** DBSCAN on the chosen backend. */
    Dbscan dbscan() {
        return kernel(b -> b == null ? Clustering.dbscan() : Clustering.dbscan(b));
    }

    /** SHA-256 on the chosen backend. */
    Sha256 sha256() {
        return kernel(b -> b == null ? Crypto.sha256() : Crypto.sha256(b));
    }

    /** Argon2 on the chosen backend. */
    Argon2 argon2() {
        return kernel(b -> b == null ? Crypto.argon2() : Crypto.argon2(b));
    }

    /** Ed25519 on the chosen backend. */
    Ed25519 ed25519() {
        return kernel(b -> b == null ? Crypto.ed25519() : Crypto.ed25519(b));
    }

    private <T> T kernel(Function<Backend, T> get) {
        try {
            return get.apply(backend);
        } catch (IllegalStateException e) {
            throw CliException.badInput((backend == null ? "" : "--backend "
                    + backend.name().toLowerCase(java.util.Locale.ROOT) + ": ") + e.getMessage());
        }
    }

    /** The backend in words, with the reason when Ferrite fell back to Java by itself. */
    String describeBackend(Backend used) {
        String name = used.name().toLowerCase(java.util.Locale.ROOT);
        if (backend == null && used == Backend.JAVA) {
            return Ferrite.nativeLoadError().map(t -> name + " (native unavailable: " + t.getMessage() + ")")
                    .orElse(name);
        }
        return backend != null ? name + " (--backend)" : name;
    }

    /** Converts {@code auto|native|java}: auto is null (Ferrite decides). */
    static final class BackendConverter implements CommandLine.ITypeConverter<Backend> {
        @Override
        public Backend convert(String value) {
            switch (value.toLowerCase(java.util.Locale.ROOT)) {
                case "auto":
                    return null;
                case "native":
                    return Backend.NATIVE;
                case "java":
                    return Backend.JAVA;
                default:
                    throw new CommandLine.TypeConversionException("expected auto, native or java, got '" + value + "'");
            }
        }
    }

    /** {@code ferrite --version}: the project's version and the backend this JVM gets. */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws IOException {
            Properties p = new Properties();
            try (InputStream in = FerriteCli.class.getResourceAsStream("version.properties")) {
                if (in != null) {
                    p.load(in);
                }
            }
            String backend;
            try {
                backend = Ferrite.backend().name().toLowerCase(java.util.Locale.ROOT);
            } catch (IllegalStateException e) {
                backend = "unavailable (" + e.getMessage() + ")";
            }
            return new String[] {"ferrite " + p.getProperty("version", "(unknown version)"),
                "Java " + Runtime.version() + ", backend " + backend};
        }
    }

    /**
     * Reads a password from the terminal without echo: through {@link System#console()} when there is one, else
     * (stdout redirected on JDK 17-21) by turning echo off with {@code stty} on {@code /dev/tty}.
     */
    private static char[] readPasswordFromTerminal(String prompt) throws IOException {
        java.io.Console console = System.console();
        if (console != null) {
            return console.readPassword("%s", prompt);
        }
        java.io.File tty = new java.io.File("/dev/tty");
        if (!stty(tty, "-echo")) {
            throw CliException.badInput("can't turn off echo to read the password; pipe it on stdin instead");
        }
        try {
            System.err.print(prompt);
            System.err.flush();
            // Byte by byte, unbuffered: a second prompt must find the next line still in stdin.
            java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();
            int b;
            while ((b = System.in.read()) >= 0 && b != '\n') {
                line.write(b);
            }
            if (b < 0 && line.size() == 0) {
                return null;
            }
            byte[] bytes = line.toByteArray();
            int length = bytes.length > 0 && bytes[bytes.length - 1] == '\r' ? bytes.length - 1 : bytes.length;
            java.nio.CharBuffer chars = Charset.defaultCharset().decode(java.nio.ByteBuffer.wrap(bytes, 0, length));
            java.util.Arrays.fill(bytes, (byte) 0);
            char[] password = new char[chars.remaining()];
            chars.get(password);
            java.util.Arrays.fill(chars.array(), '\0');
            return password;
        } finally {
            stty(tty, "echo");
            System.err.println();
        }
    }

    private static boolean stty(java.io.File tty, String setting) {
        try {
            Process p = new ProcessBuilder("stty", setting).redirectInput(tty).start();
            return p.waitFor() == 0;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
