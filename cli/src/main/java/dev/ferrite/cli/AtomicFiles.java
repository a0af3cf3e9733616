package dev.ferrite.cli;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Writes an output file whole or not at all: into a temporary file in the target's directory, then moved over the
 * target in one step. A failure part-way deletes the temporary file and leaves any previous target as it was.
 */
final class AtomicFiles {
    private AtomicFiles() {}

    /** Writes the content of an output file. */
    @FunctionalInterface
    interface Writer {
        void write(OutputStream out) throws IOException;
    }

    /**
     * Writes {@code target} through {@code writer}.
     *
     * @param secret true for a private key: the file is readable by its owner only (0600); otherwise 0644
     * @throws CliException when the directory does not exist or the file can't be written (exit status 2)
     */
    static void write(Path target, boolean secret, Writer writer) {
        checkTarget(target);
        Path absolute = target.toAbsolutePath();
        Path dir = absolute.getParent();
        Path temp = null;
        try {
            // Created 0600 on POSIX file systems: a private key is never readable by others, not even briefly.
            temp = Files.createTempFile(dir, "." + absolute.getFileName(), ".tmp");
            try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(temp), 1 << 16)) {
                writer.write(out);
            }
            if (!secret) {
                try {
                    Files.setPosixFilePermissions(temp, PosixFilePermissions.fromString("rw-r--r--"));
                } catch (UnsupportedOperationException e) {
                    // not a POSIX file system: the default permissions stand
                }
            }
            try {
                Files.move(temp, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(temp, absolute, StandardCopyOption.REPLACE_EXISTING);
            }
            temp = null;
        } catch (IOException e) {
            throw CliException.badInput(target + ": can't write: " + describe(e));
        } finally {
            if (temp != null) {
                try {
                    Files.deleteIfExists(temp);
                } catch (IOException e) {
                    // the temporary file's name starts with a dot and says what it was; nothing more to do
                }
            }
        }
    }

    /**
     * Refuses, before any work is done, an output whose directory does not exist or which is a directory.
     *
     * @throws CliException (exit status 2)
     */
    static void checkTarget(Path target) {
        if (target == null) {
            return;
        }
        Path absolute = target.toAbsolutePath();
        if (Files.isDirectory(absolute)) {
            throw CliException.badInput(target + ": is a directory");
        }
        if (!Files.isDirectory(absolute.getParent())) {
            throw CliException.badInput(target + ": no such directory: " + absolute.getParent());
        }
    }

    /** An I/O failure in words, without the path (the caller names the file). */
    static String describe(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "no such file";
        }
        if (e instanceof java.nio.file.AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException fse && fse.getReason() != null) {
            return fse.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
