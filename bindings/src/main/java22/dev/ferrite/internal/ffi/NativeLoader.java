package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.JAVA_INT;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Finds, verifies and loads Ferrite's native library. It depends on nothing else in Ferrite and never leaves a
 * half-loaded library behind: {@link #load(Options)} returns a verified {@link Library} or throws a
 * {@link NativeLoadException} whose message says how to fix the cause.
 *
 * <p>The bundled library lives in the jar at {@code /native/<os>-<arch>/libferrite.so} with its SHA-256 beside it
 * ({@code libferrite.so.sha256}). Loading it:
 * <ol>
 *   <li>creates a fresh directory readable only by the owner under {@code ferrite.tmpdir} (default
 *       {@code java.io.tmpdir}), atomically with its permissions, and refuses it when its file system is mounted
 *       noexec (read from {@code /proc/self/mounts}, on Linux);
 *   <li>copies the library there while hashing it, and refuses it if the hash differs;
 *   <li>opens it with {@link SymbolLookup#libraryLookup(Path, Arena)};
 *   <li>calls {@code ferrite_abi_version()} and refuses a library built for another ABI version;
 *   <li>deletes the file and the directory (the loaded library stays mapped).
 * </ol>
 * {@code -Dferrite.library.path=/path/to/libferrite.so} loads that file instead (no extraction, no hash check, the
 * ABI version is still checked).
 *
 * <p>Thread-safe: every call works on its own directory. Each successful call maps the library again; callers load
 * once and keep the result ({@link FerriteNative} does).
 */
@SuppressWarnings("restricted") // Loading native code is this class's purpose.
public final class NativeLoader {
    /** System property naming a library file to load instead of the bundled one. */
    public static final String LIBRARY_PATH_PROPERTY = NativeRuntime.LIBRARY_PATH_PROPERTY;
    /** System property naming the directory the bundled library is extracted under. */
    public static final String TMPDIR_PROPERTY = "ferrite.tmpdir";
    /** The export every Ferrite library has, checked before anything else is resolved. */
    public static final String ABI_VERSION_SYMBOL = "ferrite_abi_version";
    /** Where bundled libraries live in the jar. */
    public static final String DEFAULT_RESOURCE_ROOT = NativeRuntime.DEFAULT_RESOURCE_ROOT;

    private static final String LIBRARY_NAME = "ferrite";

    private NativeLoader() {}

    /**
     * Where to load from.
     *
     * @param libraryPath a library file to load instead of the bundled one, or {@code null}
     * @param tmpDir the directory the bundled library is extracted under
     * @param resources the class loader that holds the bundled library
     * @param resourceRoot the resource folder holding {@code <os>-<arch>/<library file>}, without leading slash
     * @param expectedAbiVersion the ABI version the Java side was built for
     */
    public record Options(Path libraryPath, Path tmpDir, ClassLoader resources, String resourceRoot, int expectedAbiVersion) {
        /** Checks the required parts. */
        public Options {
            Objects.requireNonNull(tmpDir, "tmpDir");
            Objects.requireNonNull(resources, "resources");
            Objects.requireNonNull(resourceRoot, "resourceRoot");
        }

        /**
         * Options from the system properties {@value #LIBRARY_PATH_PROPERTY} and {@value #TMPDIR_PROPERTY}.
         *
         * @param expectedAbiVersion the ABI version the Java side was built for
         * @return the options
         */
        public static Options fromSystemProperties(int expectedAbiVersion) {
            String libraryPath = System.getProperty(LIBRARY_PATH_PROPERTY, "");
            String tmpDir = System.getProperty(TMPDIR_PROPERTY, "");
            if (tmpDir.isBlank()) {
                tmpDir = System.getProperty("java.io.tmpdir");
            }
            return new Options(
                    libraryPath.isBlank() ? null : Path.of(libraryPath),
                    Path.of(tmpDir),
                    NativeLoader.class.getClassLoader(),
                    DEFAULT_RESOURCE_ROOT,
                    expectedAbiVersion);
        }

        /**
         * Replaces the library path.
         *
         * @param path a library file to load instead of the bundled one, or {@code null}
         * @return these options with that library path
         */
        public Options withLibraryPath(Path path) {
            return new Options(path, tmpDir, resources, resourceRoot, expectedAbiVersion);
        }

        /**
         * Replaces the extraction directory.
         *
         * @param dir the directory to extract under
         * @return these options with that directory
         */
        public Options withTmpDir(Path dir) {
            return new Options(libraryPath, dir, resources, resourceRoot, expectedAbiVersion);
        }

        /**
         * Replaces the resource folder.
         *
         * @param root the resource folder holding the bundled libraries
         * @return these options with that folder
         */
        public Options withResourceRoot(String root) {
            return new Options(libraryPath, tmpDir, resources, root, expectedAbiVersion);
        }
    }

    /**
     * A loaded, verified library.
     *
     * @param lookup its symbols, valid for the life of the JVM
     * @param origin where it came from, for messages (a file, or the jar resource)
     * @param abiVersion the ABI version it reported
     */
    public record Library(SymbolLookup lookup, String origin, int abiVersion) {}

    /**
     * Loads and verifies the library.
     *
     * @param options where to load from
     * @return the loaded library
     * @throws NativeLoadException when it can't be loaded; the message says why and how to fix it
     */
    public static Library load(Options options) throws NativeLoadException {
        if (options.libraryPath() != null) {
            Path file = options.libraryPath().toAbsolutePath();
            if (!Files.isRegularFile(file)) {
                throw new NativeLoadException("-D" + LIBRARY_PATH_PROPERTY + " names " + file
                        + ", which is not a file; point it at a libferrite build or remove the property");
            }
            return open(file, file.toString(), options.expectedAbiVersion());
        }
        String platform = NativeRuntime.platform();
        String fileName = System.mapLibraryName(LIBRARY_NAME);
        String resource = options.resourceRoot() + "/" + platform + "/" + fileName;
        String expectedHash = readExpectedHash(options.resources(), resource);
        if (platform.startsWith("windows")) {
            // Windows can't delete a loaded DLL, so each JVM leaves its folder behind: remove earlier runs' folders.
            removeStaleDirectories(options.tmpDir(), Instant.now().minus(STALE_AFTER));
        }
        Path dir = createPrivateDirectory(options.tmpDir());
        Path file = dir.resolve(fileName);
        try {
            if (mountedNoexec(file)) {
                // Checked before extracting: dlopen would refuse the file anyway, and may leave a mapping behind.
                throw new NativeLoadException("cannot load jar resource /" + resource + ": " + dir
                        + " is on a file system mounted noexec; set -D" + TMPDIR_PROPERTY
                        + " to a directory where code may run");
            }
            extract(options.resources(), resource, file, expectedHash);
            return open(file, "jar resource /" + resource, options.expectedAbiVersion());
        } finally {
            // The mapped library outlives its file; nothing is left in the temporary directory.
            deleteQuietly(file);
            deleteQuietly(dir);
        }
    }

    /** How old a {@code ferrite-*} folder must be before {@link #removeStaleDirectories} removes it. */
    static final Duration STALE_AFTER = Duration.ofHours(1);

    /**
     * Removes the {@code ferrite-*} folders under {@code root} last modified before {@code olderThan}, with the files
     * in them, quietly. Called on Windows only, where the loaded DLL can't be deleted when the JVM loads it (nor by
     * {@code deleteOnExit}, as it is still mapped then): the folders of earlier runs stay until a later run removes
     * them here. A folder whose DLL a running JVM has loaded is locked by Windows and stays; one younger than
     * {@link #STALE_AFTER} may belong to a JVM that is just extracting, and is not touched.
     *
     * @param root the temporary directory ({@code ferrite.tmpdir})
     * @param olderThan folders modified before this instant are removed
     */
    static void removeStaleDirectories(Path root, Instant olderThan) {
        try (DirectoryStream<Path> folders = Files.newDirectoryStream(root, "ferrite-*")) {
            for (Path folder : folders) {
                try {
                    if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)
                            || !Files.getLastModifiedTime(folder, LinkOption.NOFOLLOW_LINKS).toInstant()
                                    .isBefore(olderThan)) {
                        continue;
                    }
                    try (DirectoryStream<Path> files = Files.newDirectoryStream(folder)) {
                        for (Path file : files) {
                            Files.deleteIfExists(file);
                        }
                    }
                    Files.deleteIfExists(folder);
                } catch (IOException | SecurityException e) {
                    // In use (a loaded DLL) or not ours to delete: left alone.
                }
            }
        } catch (IOException | SecurityException e) {
            // An unreadable temporary directory: extraction reports that itself.
        }
    }

    private static String readExpectedHash(ClassLoader resources, String resource) throws NativeLoadException {
        try (InputStream in = resources.getResourceAsStream(resource + ".sha256")) {
            if (in == null) {
                boolean libraryPresent = resources.getResource(resource) != null;
                throw new NativeLoadException(libraryPresent
                        ? "the jar has /" + resource + " but not its .sha256: the jar is damaged, rebuild it"
                        : "unsupported platform: this jar has no native library at /" + resource
                                + "; build native-rust/ for this platform (see the README) and pass it with -D"
                                + LIBRARY_PATH_PROPERTY);
            }
            String text = new String(in.readAllBytes(), StandardCharsets.US_ASCII).strip();
            String hash = text.split("\\s+", 2)[0].toLowerCase(Locale.ROOT);
            if (!hash.matches("[0-9a-f]{64}")) {
                throw new NativeLoadException("/" + resource + ".sha256 does not hold a SHA-256: the jar is damaged");
            }
            return hash;
        } catch (IOException e) {
            throw new NativeLoadException("cannot read /" + resource + ".sha256: " + e, e);
        }
    }

    private static Path createPrivateDirectory(Path root) throws NativeLoadException {
        try {
            if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
                // Created with owner-only permissions in one step, so no other user can ever write into it.
                return Files.createTempDirectory(root, "ferrite-",
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            return Files.createTempDirectory(root, "ferrite-");
        } catch (IOException | SecurityException | UnsupportedOperationException e) {
            throw new NativeLoadException("cannot create a private directory under " + root + " (" + e
                    + "); set -D" + TMPDIR_PROPERTY + " to a writable directory", e);
        }
    }

    private static void extract(ClassLoader resources, String resource, Path file, String expectedHash)
            throws NativeLoadException {
        MessageDigest sha256;
        try {
            sha256 = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new NativeLoadException("this JVM has no SHA-256 to check the native library with", e);
        }
        try (InputStream raw = resources.getResourceAsStream(resource)) {
            if (raw == null) {
                throw new NativeLoadException("the jar has /" + resource + ".sha256 but not the library itself: "
                        + "the jar is damaged, rebuild it");
            }
            try (InputStream in = new DigestInputStream(raw, sha256);
                    OutputStream out = Files.newOutputStream(file, StandardOpenOption.CREATE_NEW,
                            StandardOpenOption.WRITE)) {
                in.transferTo(out);
            }
        } catch (IOException e) {
            throw new NativeLoadException("cannot extract the native library to " + file + " (" + e + "); set -D"
                    + TMPDIR_PROPERTY + " to a writable directory with free space", e);
        }
        String actual = HexFormat.of().formatHex(sha256.digest());
        if (!actual.equals(expectedHash)) {
            throw new NativeLoadException("refused the bundled library /" + resource + ": its SHA-256 is " + actual
                    + " but the jar says " + expectedHash + "; the jar is damaged or was altered, rebuild it");
        }
    }

    private static Library open(Path file, String origin, int expectedAbiVersion) throws NativeLoadException {
        // A shared arena rather than the global one, so a refused library is unloaded again; an accepted
        // library's arena is never closed, which makes it global in effect.
        Arena arena = Arena.ofShared();
        boolean accepted = false;
        try {
            SymbolLookup lookup = openLookup(file, origin, arena);
            MemorySegment versionFunction = lookup.find(ABI_VERSION_SYMBOL).orElseThrow(() -> new NativeLoadException(
                    "refused " + origin + ": it has no " + ABI_VERSION_SYMBOL + ", so it is not a Ferrite library"));
            int version = abiVersion(versionFunction);
            if (version != expectedAbiVersion) {
                throw new NativeLoadException("refused " + origin + ": its ABI version is " + version
                        + " but this Ferrite needs " + expectedAbiVersion + "; the jar and the library come from"
                        + " different builds (rebuild, or remove -D" + LIBRARY_PATH_PROPERTY + ")");
            }
            accepted = true;
            return new Library(lookup, origin, version);
        } finally {
            if (!accepted) {
                arena.close();
            }
        }
    }

    private static SymbolLookup openLookup(Path file, String origin, Arena arena) throws NativeLoadException {
        try {
            return SymbolLookup.libraryLookup(file, arena);
        } catch (IllegalCallerException e) {
            throw new NativeLoadException("native access is denied to Ferrite: run java with "
                    + "--enable-native-access=ALL-UNNAMED (or the name of the module holding Ferrite)", e);
        } catch (IllegalArgumentException e) {
            throw new NativeLoadException(diagnoseOpenFailure(file, origin, e), e);
        }
    }

    private static int abiVersion(MemorySegment function) throws NativeLoadException {
        try {
            MethodHandle handle = Linker.nativeLinker().downcallHandle(function, FunctionDescriptor.of(JAVA_INT));
            return (int) handle.invokeExact();
        } catch (IllegalCallerException e) {
            throw new NativeLoadException("native access is denied to Ferrite: run java with "
                    + "--enable-native-access=ALL-UNNAMED (or the name of the module holding Ferrite)", e);
        } catch (Throwable e) {
            throw new NativeLoadException("calling " + ABI_VERSION_SYMBOL + " failed: " + e, e);
        }
    }

    /** Turns dlopen's terse failure into the likely cause and its fix. */
    private static String diagnoseOpenFailure(Path file, String origin, IllegalArgumentException e) {
        String base = "cannot load " + origin + " (" + e.getMessage() + ")";
        if (mountedNoexec(file)) {
            return base + ": " + file.getParent() + " is on a file system mounted noexec; set -D" + TMPDIR_PROPERTY
                    + " to a directory where code may run";
        }
        String detail = String.valueOf(e.getMessage());
        if (detail.contains("GLIBC_")) {
            return base + ": the library needs a newer glibc than this system has (the bundled build needs 2.34 or "
                    + "newer); build native-rust/ on this system and pass it with -D" + LIBRARY_PATH_PROPERTY;
        }
        if (NativeRuntime.runsOnMusl(Path.of("/proc/self/maps"))) {
            return base + ": this JVM runs on musl libc (Alpine?); if the library was built for glibc, use a musl "
                    + "build (the jar bundles one for linux-x86_64-musl; elsewhere build native-rust/ for musl and pass "
                    + "it with -D" + LIBRARY_PATH_PROPERTY + ")";
        }
        return base;
    }

    /** True when the longest mount point containing {@code file} is mounted noexec (Linux only). */
    static boolean mountedNoexec(Path file) {
        Path mounts = Path.of("/proc/self/mounts");
        if (!Files.isReadable(mounts)) {
            return false;
        }
        try {
            Path real = file.getParent().toRealPath();
            List<String> lines = Files.readAllLines(mounts, StandardCharsets.UTF_8);
            String bestPoint = "";
            boolean bestNoexec = false;
            for (String line : lines) {
                String[] fields = line.split(" ");
                if (fields.length < 4) {
                    continue;
                }
                String point = fields[1].replace("\\040", " ");
                boolean contains = point.equals("/") || real.startsWith(Path.of(point));
                if (contains && point.length() >= bestPoint.length()) {
                    bestPoint = point;
                    bestNoexec = List.of(fields[3].split(",")).contains("noexec");
                }
            }
            return bestNoexec;
        } catch (IOException | RuntimeException e) {
            return false;
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException | SecurityException e) {
            path.toFile().deleteOnExit();
        }
    }
}
