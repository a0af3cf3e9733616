package dev.ferrite.internal.ffi;

import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The native library as seen from code that must also run on JDK 17 and 21: whether it is available, why not, and
 * the constants tests and callers share with the bindings. Not part of Ferrite's API.
 *
 * <p>This class is compiled for Java 17. The library and its bindings ({@code FerriteNative}, the loader and the
 * typed {@code *Binding} classes) use the Foreign Function &amp; Memory API, final in JDK 22, and are compiled for
 * Java 22: nothing compiled for 17 names them. This class is the one link, by name at run time, and only on a JVM of
 * feature version {@value #MIN_FEATURE} or newer; below that it reports why native is off without loading any of
 * them. Thread-safe.
 */
public final class NativeRuntime {
    /** The first JDK whose Foreign Function &amp; Memory API is final. */
    public static final int MIN_FEATURE = 22;

    /**
     * Most bytes one critical call reads (1 MiB): a critical call keeps the garbage collector waiting, so longer
     * inputs are fed in slices of this size, or copied and passed in an ordinary call.
     */
    public static final int CRITICAL_CALL_BYTES = 1 << 20;

    /**
     * Longest message an Ed25519 sign or verify passes in a critical call (64 KiB); longer ones are copied into
     * native memory and passed in an ordinary call (signing hashes the message twice, so it can't be sliced).
     */
    public static final int CRITICAL_SIGN_BYTES = 64 * 1024;

    /**
     * Where bundled libraries live in the jar: {@code /native/<platform>/libferrite.so} ({@code ferrite.dll} on
     * Windows).
     */
    public static final String DEFAULT_RESOURCE_ROOT = "native";

    /** System property naming a library file to load instead of the bundled one. */
    public static final String LIBRARY_PATH_PROPERTY = "ferrite.library.path";

    private static final String FERRITE_NATIVE = "dev.ferrite.internal.ffi.FerriteNative";

    private NativeRuntime() {}

    /** The link to {@code FerriteNative}, made once, on first use. */
    private static final class Link {
        static final Throwable ERROR;
        static final String ORIGIN;
        static final MethodHandle LIVE_HANDLES;

        static {
            Throwable error;
            String origin = null;
            MethodHandle liveHandles = null;
            Runtime.Version version = Runtime.version();
            if (version.feature() < MIN_FEATURE) {
                error = new NativeLoadException("the native backend needs JDK " + MIN_FEATURE
                        + " or newer (Foreign Function & Memory API); this JVM is " + version);
            } else {
                try {
                    Class<?> ferriteNative = Class.forName(FERRITE_NATIVE, true, NativeRuntime.class.getClassLoader());
                    // This class's own lookup: the package is exported to dev.ferrite only, so not to publicLookup().
                    MethodHandles.Lookup lookup = MethodHandles.lookup();
                    error = optional(lookup.findStatic(ferriteNative, "loadError",
                            MethodType.methodType(Optional.class)), Throwable.class);
                    origin = optional(lookup.findStatic(ferriteNative, "origin",
                            MethodType.methodType(Optional.class)), String.class);
                    liveHandles = lookup.findStatic(ferriteNative, "liveHandles", MethodType.methodType(long.class));
                } catch (ReflectiveOperationException | LinkageError | RuntimeException e) {
                    error = new NativeLoadException("the native bindings can't be reached on this JVM (" + version
                            + "): " + e, e);
                }
            }
            ERROR = error;
            ORIGIN = origin;
            LIVE_HANDLES = liveHandles;
        }

        private static <T> T optional(MethodHandle getter, Class<T> type) throws ReflectiveOperationException {
            try {
                return type.cast(((Optional<?>) getter.invoke()).orElse(null));
            } catch (ReflectiveOperationException | RuntimeException | Error e) {
                throw e;
            } catch (Throwable e) {
                throw new IllegalStateException(e);
            }
        }
    }

    /**
     * Whether the native library loaded and every function resolved; loads it on first use (JDK 22+ only).
     *
     * @return true when native calls can be made
     */
    public static boolean isAvailable() {
        return Link.ERROR == null;
    }

    /**
     * Why the native library is not available: on JDK 17 and 21, that the JVM is too old (naming its version);
     * otherwise the load failure.
     *
     * @return the reason, or empty when the library is available
     */
    public static Optional<Throwable> loadError() {
        return Optional.ofNullable(Link.ERROR);
    }

    /**
     * Where the loaded library came from (a file, or the jar resource), for diagnostics.
     *
     * @return the origin, or empty when not loaded
     */
    public static Optional<String> origin() {
        return Optional.ofNullable(Link.ORIGIN);
    }

    /**
     * How many native handles (keys, hash states, AES-GCM streams) exist: created and not yet freed. For leak tests
     * and diagnostics; other threads may change it at any moment.
     *
     * @return the number of live handles
     * @throws IllegalStateException if the library is not available
     */
    public static long liveHandles() {
        if (Link.ERROR != null) {
            throw new IllegalStateException("Ferrite's native library is not available: " + Link.ERROR.getMessage(),
                    Link.ERROR);
        }
        try {
            return (long) Link.LIVE_HANDLES.invokeExact();
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The platforms whose libraries the jar bundles (built and tested as the README's platform table says).
     */
    public static final List<String> BUNDLED_PLATFORMS =
            List.of("linux-x86_64", "linux-aarch64", "linux-x86_64-musl", "windows-x86_64");

    /**
     * The platform folder name for this JVM, such as {@code linux-x86_64}: {@code <os>-<arch>}, with {@code -musl}
     * appended on Linux when the JVM runs on musl libc (Alpine), whose programs can't load a glibc library.
     *
     * @return the folder name
     * @throws NativeLoadException for an operating system or architecture Ferrite has no name for
     */
    public static String platform() throws NativeLoadException {
        return platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""), LibC.MUSL);
    }

    /**
     * The platform folder name for the given {@code os.name}, {@code os.arch} and C library (visible for tests).
     *
     * @param osName the {@code os.name} system property
     * @param archName the {@code os.arch} system property
     * @param musl whether the process runs on musl libc (Linux only)
     * @return the folder name
     * @throws NativeLoadException for an operating system or architecture Ferrite has no name for
     */
    static String platform(String osName, String archName, boolean musl) throws NativeLoadException {
        String osLower = osName.toLowerCase(Locale.ROOT);
        String archLower = archName.toLowerCase(Locale.ROOT);
        String os;
        if (osLower.startsWith("linux")) {
            os = "linux";
        } else if (osLower.startsWith("mac") || osLower.startsWith("darwin")) {
            os = "osx";
        } else if (osLower.startsWith("windows")) {
            os = "windows";
        } else {
            throw unsupported(osName + "/" + archName);
        }
        String arch;
        switch (archLower) {
            case "amd64", "x86_64", "x64" -> arch = "x86_64";
            case "aarch64", "arm64" -> arch = "aarch64";
            default -> throw unsupported(osName + "/" + archName);
        }
        return os + "-" + arch + (os.equals("linux") && musl ? "-musl" : "");
    }

    /** Which C library this process runs on, decided once. */
    private static final class LibC {
        static final boolean MUSL = runsOnMusl(Path.of("/proc/self/maps"));
    }

    /**
     * True when the process has musl's dynamic loader or C library mapped ({@code /proc/self/maps} names
     * {@code ld-musl-*} or {@code libc.musl-*}); false when the file can't be read (not Linux) or names neither.
     * The mapped files are what counts: a glibc system may have musl installed beside it.
     *
     * @param maps the process's memory map ({@code /proc/self/maps}; a parameter for tests)
     * @return whether the process runs on musl
     */
    static boolean runsOnMusl(Path maps) {
        try (Stream<String> lines = Files.lines(maps, StandardCharsets.ISO_8859_1)) {
            return lines.anyMatch(line -> line.contains("/ld-musl-") || line.contains("/libc.musl-"));
        } catch (IOException | UncheckedIOException | SecurityException e) {
            return false;
        }
    }

    private static NativeLoadException unsupported(String what) {
        return new NativeLoadException("unsupported platform " + what + ": Ferrite bundles native libraries for "
                + String.join(", ", BUNDLED_PLATFORMS) + "; build native-rust/ for this platform (see the README) "
                + "and pass it with -D" + LIBRARY_PATH_PROPERTY);
    }
}
