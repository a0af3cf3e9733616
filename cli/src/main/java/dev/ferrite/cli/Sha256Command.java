package dev.ferrite.cli;

import dev.ferrite.sha256.Sha256;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ferrite sha256}: {@code sha256sum}'s output and {@code --check}, with files hashed in parallel. Files up to
 * {@link #WHOLE_LIMIT} (less on a small heap: at most a quarter of it is held at once) are read whole and hashed by
 * Ferrite's SHA-256 (on the chosen backend); larger ones are streamed through the JDK's SHA-256 in 1 MiB pieces,
 * because Ferrite's API hashes whole messages only (no incremental interface) and a file need not fit in memory.
 */
@Command(name = "sha256", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
        description = {"Print or check SHA-256 checksums, as sha256sum does: '<hex>  <name>' per file, in the order "
                + "given; files are hashed in parallel.",
            "With no FILE, or when FILE is -, read standard input. Files up to 64 MiB are hashed by Ferrite; larger "
                    + "ones are streamed through the JDK's SHA-256 (Ferrite's API hashes whole messages)."},
        footer = {"", "Exit status: 0 all OK; 1 a file could not be read, or (--check) a checksum did not match; "
                + "2 a malformed checksum file."})
final class Sha256Command implements Callable<Integer> {
    /** Files up to this size are read whole and hashed by Ferrite; larger ones are streamed. */
    static final int WHOLE_LIMIT = 64 << 20;
    private static final int CHUNK = 1 << 20;

    @ParentCommand
    private FerriteCli root;

    @Parameters(paramLabel = "FILE", arity = "0..*", description = "Files to hash (- for standard input).")
    private List<String> files = new ArrayList<>();

    @Option(names = {"-c", "--check"}, paramLabel = "SUMS",
            description = "Read checksums from SUMS (sha256sum's format, or its --tag format) and check them; "
                    + "prints 'name: OK' or 'name: FAILED'.")
    private String check;

    @Option(names = {"-r", "--recursive"}, description = "Hash the regular files under each directory FILE, sorted.")
    private boolean recursive;

    @Option(names = "--quiet", description = "With --check: don't print OK lines.")
    private boolean quiet;

    @Option(names = {"-j", "--jobs"}, paramLabel = "N", description = "Files hashed at once (default: the CPUs).")
    private int jobs = Runtime.getRuntime().availableProcessors();

    private Io io;
    private Sha256 sha256;
    /** {@link #WHOLE_LIMIT}, or less when the heap can't hold that much per thread (a quarter of it in all). */
    private int wholeLimit = WHOLE_LIMIT;

    @Override
    public Integer call() throws IOException {
        io = root.io();
        if (jobs < 1) {
            throw CliException.badInput("sha256: --jobs must be at least 1, got " + jobs);
        }
        sha256 = root.sha256();
        wholeLimit = (int) Math.max(CHUNK, Math.min(WHOLE_LIMIT, Runtime.getRuntime().maxMemory() / (4L * jobs)));
        if (check != null) {
            if (!files.isEmpty()) {
                throw CliException.badInput("sha256: --check takes the checksum file; other files are not allowed ("
                        + files.get(0) + ")");
            }
            if (recursive) {
                throw CliException.badInput("sha256: --recursive does not apply to --check");
            }
            return check();
        }
        if (quiet) {
            throw CliException.badInput("sha256: --quiet applies to --check only");
        }
        List<String> names = expand(files.isEmpty() ? List.of("-") : files);
        try (Progress progress = Progress.start(io)) {
            return hashAll(names, progress) > 0 ? CliException.FAILED : 0;
        }
    }

    /** A file's digest, or why it could not be read. */
    private record Result(String name, byte[] digest, String error) {}

    /**
     * Hashes the files in parallel and prints each line as soon as it and all before it are done.
     *
     * @return how many files could not be read
     */
    private int hashAll(List<String> names, Progress progress) {
        long total = 0;
        for (String name : names) {
            if (!name.equals("-")) {
                try {
                    total += Files.size(Path.of(name));
                } catch (IOException | RuntimeException e) {
                    // reported when hashed
                }
            }
        }
        progress.stage("sha256", names.contains("-") ? -1 : total, true);
        progress.items(names.size(), "files");
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, names.size())), r -> {
            Thread t = new Thread(r, "ferrite-sha256");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<Result>> futures = new ArrayList<>();
            for (String name : names) {
                futures.add(pool.submit(() -> hashOne(name, progress)));
            }
            int errors = 0;
            for (Future<Result> f : futures) {
                Result r = join(f);
                if (r.error != null) {
                    errors++;
                    progress.eprintln("ferrite sha256: " + r.name + ": " + r.error);
                } else {
                    progress.println(line(r.name, r.digest));
                }
            }
            return errors;
        } finally {
            pool.shutdownNow();
        }
    }

    private static Result join(Future<Result> f) {
        try {
            return f.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException re) {
                throw re;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    private Result hashOne(String name, Progress progress) {
        try {
            if (name.equals("-")) {
                return new Result(name, digest(io.in(), progress), null);
            }
            Path path = Path.of(name);
            if (Files.isDirectory(path)) {
                return new Result(name, null, "Is a directory");
            }
            try (InputStream in = Files.newInputStream(path)) {
                return new Result(name, digest(in, progress), null);
            }
        } catch (IOException e) {
            return new Result(name, null, ioReason(e));
        } finally {
            progress.itemDone();
        }
    }

    private static String ioReason(IOException e) {
        String reason = AtomicFiles.describe(e);
        return reason.equals("no such file") ? "No such file or directory"
                : reason.equals("permission denied") ? "Permission denied" : reason;
    }

    /**
     * The digest of a stream: read whole and hashed by Ferrite up to {@link #WHOLE_LIMIT} bytes; beyond, the bytes
     * read so far and the rest are streamed through the JDK's SHA-256.
     */
    byte[] digest(InputStream in, Progress progress) throws IOException {
        byte[] buffer = new byte[CHUNK];
        int length = 0;
        while (true) {
            if (length == buffer.length) {
                if (length >= wholeLimit) {
                    return stream(buffer, length, in, progress);
                }
                buffer = Arrays.copyOf(buffer, Math.min(wholeLimit, buffer.length * 2));
            }
            int n = in.read(buffer, length, buffer.length - length);
            if (n < 0) {
                return sha256.digest(buffer, 0, length);
            }
            length += n;
            progress.advance(n);
        }
    }

    private static byte[] stream(byte[] head, int length, InputStream in, Progress progress) throws IOException {
        MessageDigest md;
        try {
            md = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("this JDK has no SHA-256", e);
        }
        md.update(head, 0, length);
        byte[] chunk = new byte[CHUNK];
        int n;
        while ((n = in.read(chunk)) >= 0) {
            md.update(chunk, 0, n);
            progress.advance(n);
        }
        return md.digest();
    }

    /** The file names to hash: as given, directories expanded under {@code --recursive}. */
    private List<String> expand(List<String> given) throws IOException {
        if (!recursive) {
            return given;
        }
        List<String> out = new ArrayList<>();
        for (String name : given) {
            Path path = Path.of(name);
            if (!name.equals("-") && Files.isDirectory(path)) {
                try (Stream<Path> walk = Files.walk(path)) {
                    walk.filter(Files::isRegularFile).map(Path::toString).sorted().forEach(out::add);
                }
            } else {
                out.add(name);
            }
        }
        return out;
    }

    /** A line of sha256sum's output; a name with a backslash or newline is escaped as sha256sum escapes it. */
    static String line(String name, byte[] digest) {
        String hex = HexFormat.of().formatHex(digest);
        if (name.indexOf('\\') < 0 && name.indexOf('\n') < 0) {
            return hex + "  " + name;
        }
        return "\\" + hex + "  " + name.replace("\\", "\\\\").replace("\n", "\\n");
    }

    // ---------------------------------------------------------------- --check

    /** One line of a checksum file. */
    private record Entry(String name, byte[] expected) {}

    private int check() throws IOException {
        List<Entry> entries = parseSums();
        List<String> names = new ArrayList<>();
        for (Entry e : entries) {
            names.add(e.name);
        }
        int mismatched = 0;
        int unreadable = 0;
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(jobs, Math.max(1, names.size())), r -> {
            Thread t = new Thread(r, "ferrite-sha256");
            t.setDaemon(true);
            return t;
        });
        try (Progress progress = Progress.start(io)) {
            long total = 0;
            for (String name : names) {
                try {
                    total += Files.size(Path.of(name));
                } catch (IOException | RuntimeException e) {
                    // reported when hashed
                }
            }
            progress.stage("sha256 --check", total, true);
            progress.items(names.size(), "files");
            List<Future<Result>> futures = new ArrayList<>();
            for (String name : names) {
                futures.add(pool.submit(() -> name.equals("-") ? new Result(name, null, "standard input can't be "
                        + "checked from a list") : hashOne(name, progress)));
            }
            for (int i = 0; i < entries.size(); i++) {
                Result r = join(futures.get(i));
                String shown = entries.get(i).name;
                if (r.error != null) {
                    unreadable++;
                    progress.eprintln("ferrite sha256: " + shown + ": " + r.error);
                    progress.println(shown + ": FAILED open or read");
                } else if (MessageDigest.isEqual(r.digest, entries.get(i).expected)) {
                    if (!quiet) {
                        progress.println(shown + ": OK");
                    }
                } else {
                    mismatched++;
                    progress.println(shown + ": FAILED");
                }
            }
        } finally {
            pool.shutdownNow();
        }
        if (unreadable > 0) {
            io.err().println("ferrite sha256: WARNING: " + unreadable + " listed file" + (unreadable == 1
                    ? " could" : "s could") + " not be read");
        }
        if (mismatched > 0) {
            io.err().println("ferrite sha256: WARNING: " + mismatched + " computed checksum" + (mismatched == 1
                    ? " did" : "s did") + " NOT match");
        }
        return unreadable + mismatched > 0 ? CliException.FAILED : 0;
    }

    /** Parses the checksum file: any malformed line is an error naming its line and column, before hashing. */
    private List<Entry> parseSums() throws IOException {
        List<Entry> entries = new ArrayList<>();
        InputStream raw;
        if (check.equals("-")) {
            raw = io.in();
        } else {
            try {
                raw = Files.newInputStream(Path.of(check));
            } catch (IOException e) {
                throw CliException.badInput(check + ": " + AtomicFiles.describe(e));
            }
        }
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(raw, StandardCharsets.UTF_8))) {
            String line;
            int lineNo = 0;
            while ((line = reader.readLine()) != null) {
                lineNo++;
                if (line.isBlank()) {
                    continue;
                }
                entries.add(parseLine(line, lineNo));
            }
        }
        if (entries.isEmpty()) {
            throw CliException.badInput(check + ": no checksum lines");
        }
        return entries;
    }

    private Entry parseLine(String line, int lineNo) {
        boolean escaped = line.startsWith("\\");
        String s = escaped ? line.substring(1) : line;
        int offset = escaped ? 1 : 0;
        String hex;
        String name;
        if (s.startsWith("SHA256 (")) {
            int close = s.lastIndexOf(") = ");
            if (close < 0) {
                throw bad(lineNo, offset + 1, "expected 'SHA256 (name) = <hex>'");
            }
            name = s.substring(8, close);
            hex = s.substring(close + 4);
            offset += close + 4;
        } else {
            int i = 0;
            while (i < s.length() && Character.digit(s.charAt(i), 16) >= 0) {
                i++;
            }
            if (i != 64) {
                throw bad(lineNo, offset + i + 1, i < 64 ? "expected 64 hex digits, found " + i
                        : "more than 64 hex digits");
            }
            if (s.length() < 67 || s.charAt(64) != ' ' || (s.charAt(65) != ' ' && s.charAt(65) != '*')) {
                throw bad(lineNo, offset + 65, "expected two spaces (or ' *') and a file name after the checksum");
            }
            hex = s.substring(0, 64);
            name = s.substring(66);
        }
        if (hex.length() != 64 || !hex.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            throw bad(lineNo, offset + 1, "expected 64 hex digits");
        }
        if (name.isEmpty()) {
            throw bad(lineNo, line.length() + 1, "no file name");
        }
        if (escaped) {
            name = unescape(name, lineNo);
        }
        return new Entry(name, HexFormat.of().parseHex(hex));
    }

    private String unescape(String name, int lineNo) {
        StringBuilder out = new StringBuilder(name.length());
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char next = i + 1 < name.length() ? name.charAt(i + 1) : 0;
            if (next == '\\') {
                out.append('\\');
            } else if (next == 'n') {
                out.append('\n');
            } else {
                throw bad(lineNo, i + 1, "unknown escape in the file name");
            }
            i++;
        }
        return out.toString();
    }

    private CliException bad(int line, int column, String message) {
        return CliException.badInput(check + ", line " + line + ", column " + column + ": " + message);
    }
}
