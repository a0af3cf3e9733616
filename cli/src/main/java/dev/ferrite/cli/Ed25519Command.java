package dev.ferrite.cli;

import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519KeyPair;
import dev.ferrite.ed25519.Ed25519PrivateKey;
import dev.ferrite.ed25519.Ed25519PublicKey;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;

/**
 * {@code ferrite ed25519 keygen|sign|verify}: Ed25519 keys as OpenSSL writes them (PEM PKCS#8 "PRIVATE KEY", PEM X.509
 * SubjectPublicKeyInfo "PUBLIC KEY") and raw 64-byte signatures ({@code openssl pkeyutl -sign -rawin}).
 */
@Command(name = "ed25519", mixinStandardHelpOptions = true, usageHelpAutoWidth = true,
        description = {"Ed25519 signatures (RFC 8032) with keys OpenSSL reads and writes: private keys PEM PKCS#8 "
                + "(openssl genpkey -algorithm ed25519), public keys PEM X.509 (openssl pkey -pubout), signatures "
                + "raw 64 bytes (openssl pkeyutl -sign -rawin)."},
        subcommands = {Ed25519Command.Keygen.class, Ed25519Command.Sign.class, Ed25519Command.Verify.class})
final class Ed25519Command implements Callable<Integer> {
    @ParentCommand
    private FerriteCli root;

    @Override
    public Integer call() {
        throw CliException.badInput("ed25519: say 'keygen', 'sign' or 'verify' (ferrite ed25519 --help)");
    }

    /** {@code ferrite ed25519 keygen}: a new key pair. */
    @Command(name = "keygen", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = "Generate a key pair: the private key to --out (PEM PKCS#8, mode 0600), the public key to "
                    + "--pub-out or standard output (PEM X.509).")
    static final class Keygen implements Callable<Integer> {
        @ParentCommand
        private Ed25519Command parent;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "KEY.pem", description = "Private key file.")
        private Path out;

        @Option(names = "--pub-out", paramLabel = "PUB.pem", description = "Public key file (default: stdout).")
        private Path pubOut;

        @Option(names = "--force", description = "Replace an existing private key file.")
        private boolean force;

        @Override
        public Integer call() {
            AtomicFiles.checkTarget(out);
            AtomicFiles.checkTarget(pubOut);
            if (!force && Files.exists(out)) {
                throw CliException.badInput(out + ": exists; not replacing a key without --force");
            }
            Ed25519 ed25519 = parent.root.ed25519();
            Io io = parent.root.io();
            try (Ed25519KeyPair pair = ed25519.generateKeyPair()) {
                byte[] pkcs8 = pair.privateKey().exportSecretPkcs8();
                byte[] pem = Pem.encode("PRIVATE KEY", pkcs8);
                try {
                    AtomicFiles.write(out, true, o -> o.write(pem));
                } finally {
                    Arrays.fill(pkcs8, (byte) 0);
                    Arrays.fill(pem, (byte) 0);
                }
                byte[] pub = Pem.encode("PUBLIC KEY", pair.publicKey().toX509());
                if (pubOut != null) {
                    AtomicFiles.write(pubOut, false, o -> o.write(pub));
                } else {
                    io.out().write(pub, 0, pub.length);
                    io.out().flush();
                }
            }
            return 0;
        }
    }

    /** {@code ferrite ed25519 sign}: a raw 64-byte signature of a file. */
    @Command(name = "sign", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = "Sign FILE (its bytes, as openssl pkeyutl -sign -rawin does) and write the raw 64-byte "
                    + "signature to --out.")
    static final class Sign implements Callable<Integer> {
        @ParentCommand
        private Ed25519Command parent;

        @Option(names = {"-k", "--key"}, required = true, paramLabel = "KEY.pem",
                description = "Private key (PEM PKCS#8).")
        private Path key;

        @Option(names = {"-o", "--out"}, required = true, paramLabel = "SIG",
                description = "Signature file (raw 64 bytes; - for standard output).")
        private String out;

        @Parameters(paramLabel = "FILE", description = "The message (- for standard input).")
        private String message;

        @Override
        public Integer call() throws IOException {
            Ed25519 ed25519 = parent.root.ed25519();
            Io io = parent.root.io();
            byte[] msg = readMessage(io, message);
            byte[] signature;
            try (Ed25519PrivateKey privateKey = readPrivateKey(key)) {
                signature = ed25519.sign(privateKey, msg);
            }
            if (out.equals("-")) {
                io.out().write(signature, 0, signature.length);
                io.out().flush();
            } else {
                AtomicFiles.write(Path.of(out), false, o -> o.write(signature));
            }
            return 0;
        }
    }

    /** {@code ferrite ed25519 verify}: checks a raw signature of a file. */
    @Command(name = "verify", mixinStandardHelpOptions = true, sortOptions = false, usageHelpAutoWidth = true,
            description = "Verify a raw 64-byte signature of FILE; prints OK (exit 0) or FAILED (exit 1). The rule is "
                    + "strict RFC 8032 (see dev.ferrite.ed25519.Ed25519).")
    static final class Verify implements Callable<Integer> {
        @ParentCommand
        private Ed25519Command parent;

        @Option(names = {"-p", "--pub"}, required = true, paramLabel = "PUB.pem",
                description = "Public key (PEM X.509), or a private key (its public key is used).")
        private Path pub;

        @Option(names = {"-s", "--sig"}, required = true, paramLabel = "SIG", description = "Signature (raw 64 bytes).")
        private Path sig;

        @Parameters(paramLabel = "FILE", description = "The message (- for standard input).")
        private String message;

        @Override
        public Integer call() throws IOException {
            Ed25519 ed25519 = parent.root.ed25519();
            Io io = parent.root.io();
            Ed25519PublicKey publicKey = readPublicKey(pub);
            byte[] signature = read(sig);
            if (signature.length != Ed25519.SIGNATURE_LENGTH) {
                throw CliException.badInput(sig + ": " + signature.length + " bytes; an Ed25519 signature is 64 "
                        + "(raw, as openssl pkeyutl -sign writes it)");
            }
            boolean ok = ed25519.verify(publicKey, readMessage(io, message), signature);
            io.out().println(ok ? "OK" : "FAILED");
            return ok ? 0 : CliException.FAILED;
        }
    }

    static Ed25519PrivateKey readPrivateKey(Path file) {
        byte[] text = read(file);
        Pem.Block block = Pem.decode(file.toString(), text);
        Arrays.fill(text, (byte) 0);
        try {
            if (block.label().equals("ENCRYPTED PRIVATE KEY")) {
                throw CliException.badInput(file + ": an encrypted private key; decrypt it first "
                        + "(openssl pkey -in " + file + " -out plain.pem)");
            }
            if (!block.label().equals("PRIVATE KEY")) {
                throw CliException.badInput(file + ": a PEM '" + block.label() + "', expected a 'PRIVATE KEY'");
            }
            return Ed25519PrivateKey.fromPkcs8(block.der());
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(file + ": " + e.getMessage());
        } finally {
            Arrays.fill(block.der(), (byte) 0);
        }
    }

    static Ed25519PublicKey readPublicKey(Path file) {
        byte[] text = read(file);
        Pem.Block block = Pem.decode(file.toString(), text);
        if (block.label().equals("PRIVATE KEY")) {
            Arrays.fill(text, (byte) 0);
            try (Ed25519PrivateKey key = readPrivateKey(file)) {
                return key.publicKey();
            }
        }
        if (!block.label().equals("PUBLIC KEY")) {
            throw CliException.badInput(file + ": a PEM '" + block.label() + "', expected a 'PUBLIC KEY'");
        }
        try {
            return Ed25519PublicKey.fromX509(block.der());
        } catch (IllegalArgumentException e) {
            throw CliException.badInput(file + ": " + e.getMessage());
        }
    }

    private static byte[] readMessage(Io io, String name) throws IOException {
        if (name.equals("-")) {
            return io.in().readAllBytes();
        }
        return read(Path.of(name));
    }

    private static byte[] read(Path file) {
        try {
            if (Files.isDirectory(file)) {
                throw CliException.badInput(file + ": is a directory");
            }
            if (Files.size(file) > Integer.MAX_VALUE - 8) {
                throw CliException.badInput(file + ": larger than 2 GiB; Ed25519 signs a message held in memory "
                        + "(sign a SHA-256 of it instead)");
            }
            try (InputStream in = Files.newInputStream(file)) {
                return in.readAllBytes();
            }
        } catch (IOException e) {
            throw CliException.badInput(file + ": " + AtomicFiles.describe(e));
        }
    }
}
