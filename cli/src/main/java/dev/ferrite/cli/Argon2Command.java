package dev.ferrite.cli;

import dev.ferrite.argon2.Argon2;
import dev.ferrite.argon2.Argon2Params;
import dev.ferrite.argon2.Argon2Type;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ferrite argon2 hash|verify}: Argon2 password hashes as PHC strings. The password comes from the terminal
 * without echo, or as the first line of standard input when that is not a terminal; never from the arguments (they
 * show in {@code ps} and shell history).
 */
@Command(name = "argon2", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Argon2 password hashes (RFC 9106) as PHC strings ($argon2id$v=19$m=...,t=...,p=...$salt$hash), "
                + "compatible with libargon2, argon2-cffi, Spring Security, PHP's password_hash.",
            "The password is read from the terminal without echo, or as the first line of standard input (its line "
                    + "end removed) when that is not a terminal; never from the command line."},
        subcommands = {Argon2Command.Hash.class, Argon2Command.Verify.class})
final class Argon2Command implements Callable<Integer> {
    @ParentCommand
    private FerriteCli root;

    @Override
    public Integer call() {
        throw CliException.badInput("argon2: say 'hash' or 'verify' (ferrite argon2 --help)");
    }

    /** {@code ferrite argon2 hash}: prints the PHC string of a password with a fresh random salt. */
    @Command(name = "hash", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = "Hash a password with a fresh random salt and print the PHC string. Defaults: OWASP's "
                    + "Argon2id setting (m=19456 KiB, t=2, p=1), 16-byte salt, 32-byte hash.")
    static final class Hash implements Callable<Integer> {
        @ParentCommand
        private Argon2Command parent;

        @Option(names = "--type", defaultValue = "argon2id", paramLabel = "argon2id|argon2i|argon2d",
                description = "Variant (default ${DEFAULT-VALUE}).")
        private String type;

        @Option(names = {"-m", "--memory"}, defaultValue = "" + Argon2Params.DEFAULT_MEMORY_KIB, paramLabel = "KIB",
                description = "Memory in KiB (default ${DEFAULT-VALUE}).")
        private int memoryKib;

        @Option(names = {"-t", "--iterations"}, defaultValue = "" + Argon2Params.DEFAULT_ITERATIONS, paramLabel = "T",
                description = "Passes over memory (default ${DEFAULT-VALUE}).")
        private int iterations;

        @Option(names = {"-p", "--parallelism"}, defaultValue = "" + Argon2Params.DEFAULT_PARALLELISM,
                paramLabel = "P", description = "Lanes (default ${DEFAULT-VALUE}).")
        private int parallelism;

        @Option(names = "--salt-length", defaultValue = "" + Argon2Params.DEFAULT_SALT_LENGTH, paramLabel = "BYTES",
                description = "Salt length (default ${DEFAULT-VALUE}).")
        private int saltLength;

        @Option(names = "--hash-length", defaultValue = "" + Argon2Params.DEFAULT_OUTPUT_LENGTH, paramLabel = "BYTES",
                description = "Hash length (default ${DEFAULT-VALUE}).")
        private int hashLength;

        @Override
        public Integer call() throws IOException {
            Argon2Params params;
            try {
                params = Argon2Params.builder().type(type(type)).memoryKib(memoryKib).iterations(iterations)
                        .parallelism(parallelism).saltLength(saltLength).outputLength(hashLength).build();
            } catch (IllegalArgumentException e) {
                throw CliException.badInput("argon2 hash: " + e.getMessage());
            }
            Argon2 argon2 = parent.root.argon2();
            Io io = parent.root.io();
            byte[] password = readPassword(io, true);
            try {
                io.out().println(argon2.hash(password, params));
            } finally {
                Arrays.fill(password, (byte) 0);
            }
            return 0;
        }

        private static Argon2Type type(String name) {
            for (Argon2Type t : Argon2Type.values()) {
                if (t.phcName().equalsIgnoreCase(name) || t.name().equalsIgnoreCase(name)) {
                    return t;
                }
            }
            throw CliException.badInput("argon2 hash: --type: expected argon2id, argon2i or argon2d, got '" + name
                    + "'");
        }
    }

    /** {@code ferrite argon2 verify HASH}: checks a password against a PHC string. */
    @Command(name = "verify", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
            description = "Check a password against a PHC string; prints OK (exit 0) or FAILED (exit 1). Costs are "
                    + "capped at 1 GiB of memory, 32 passes and 255 lanes.")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        private Argon2Command parent;

        @Parameters(paramLabel = "HASH", description = "The PHC string (quote it: it contains $).")
        private String phc;

        @Override
        public Integer call() throws IOException {
            Argon2 argon2 = parent.root.argon2();
            Io io = parent.root.io();
            try {
                argon2.needsRehash(phc.strip(), Argon2Params.owaspDefault()); // parses it: refused before the prompt
            } catch (IllegalArgumentException e) {
                throw CliException.badInput("argon2 verify: " + e.getMessage());
            }
            byte[] password = readPassword(io, false);
            boolean ok;
            try {
                ok = argon2.verify(phc.strip(), password);
            } catch (IllegalArgumentException e) {
                throw CliException.badInput("argon2 verify: " + e.getMessage());
            } finally {
                Arrays.fill(password, (byte) 0);
            }
            io.out().println(ok ? "OK" : "FAILED");
            return ok ? 0 : CliException.FAILED;
        }
    }

    /**
     * The password as UTF-8: typed at the terminal (twice when {@code confirm}), or the first line of stdin.
     * The caller wipes the returned array.
     */
    static byte[] readPassword(Io io, boolean confirm) throws IOException {
        if (io.passwords() != null) {
            char[] first = io.passwords().read("Password: ");
            char[] second = null;
            try {
                if (first == null) {
                    throw CliException.badInput("no password entered");
                }
                if (confirm) {
                    second = io.passwords().read("Repeat password: ");
                    if (second == null || !Arrays.equals(first, second)) {
                        throw CliException.badInput("the passwords do not match");
                    }
                }
                if (confirm && first.length == 0) {
                    throw CliException.badInput("empty password");
                }
                return utf8(first);
            } finally {
                if (first != null) {
                    Arrays.fill(first, '\0');
                }
                if (second != null) {
                    Arrays.fill(second, '\0');
                }
            }
        }
        byte[] line = firstLine(io.in());
        if (line == null) {
            throw CliException.badInput("no password: standard input is empty (type it at a terminal, or pipe one "
                    + "line)");
        }
        if (confirm && line.length == 0) {
            throw CliException.badInput("empty password on standard input");
        }
        return line;
    }

    /** The first line of {@code in} without its line end (LF or CRLF), or null at end of input. */
    private static byte[] firstLine(InputStream in) throws IOException {
        ByteArrayOutputStream buffer = new ByteArrayOutputStream(64);
        int b;
        boolean any = false;
        while ((b = in.read()) >= 0) {
            any = true;
            if (b == '\n') {
                break;
            }
            buffer.write(b);
        }
        if (!any) {
            return null;
        }
        byte[] bytes = buffer.toByteArray();
        // ByteArrayOutputStream keeps its own copy: overwrite it.
        buffer.reset();
        buffer.write(new byte[bytes.length], 0, bytes.length);
        if (bytes.length > 0 && bytes[bytes.length - 1] == '\r') {
            byte[] trimmed = Arrays.copyOf(bytes, bytes.length - 1);
            Arrays.fill(bytes, (byte) 0);
            return trimmed;
        }
        return bytes;
    }

    private static byte[] utf8(char[] chars) {
        try {
            ByteBuffer encoded = StandardCharsets.UTF_8.newEncoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).encode(CharBuffer.wrap(chars));
            byte[] bytes = new byte[encoded.remaining()];
            encoded.get(bytes);
            if (encoded.hasArray()) {
                Arrays.fill(encoded.array(), (byte) 0);
            }
            return bytes;
        } catch (CharacterCodingException e) {
            throw CliException.badInput("the password is not valid text (an unpaired surrogate)");
        }
    }
}
