package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The native library and its raw bindings, written by hand in the shape jextract generates: one holder class per C
 * function, named after it, with its {@code DESC} ({@link FunctionDescriptor}) and {@code HANDLE}
 * ({@link MethodHandle}), and a static method of the same name that invokes it. The library-wide functions
 * ({@code ferrite_abi_version}, {@code ferrite_noop}, ...) are held here; each kernel's are held by its typed binding
 * ({@link Sha256Binding}, {@link Ed25519Binding}, {@link AesGcmBinding}, {@link Argon2Binding},
 * {@link DbscanBinding}, {@link X25519Binding}, {@link HkdfBinding}, {@link HpkeBinding},
 * {@link AgglomerativeBinding}, {@link SilhouetteBinding}), listed in {@link #BINDINGS}.
 *
 * <p>The library is loaded once, when this class initialises, by {@link NativeLoader} with the options from system
 * properties. Initialisation never throws: a failure is recorded and reported by {@link #loadError()}. After a
 * successful load every holder is initialised at once, so a missing or mistyped symbol is a load failure, not a
 * surprise at the first call. {@code HeaderBindingsTest} fails when a holder and the header disagree.
 *
 * <p>Short calls are linked with {@code Linker.Option.critical(true)} so heap arrays pass without copies; such a
 * call keeps the garbage collector waiting, so callers bound how much work one call does (about 1 MiB of input).
 *
 * <p>Raw methods take {@link MemorySegment}s and are package-private; other modules use the typed bindings'
 * public methods, which take arrays and buffers. Where long inputs need an ordinary (non-critical) call too, the
 * holder has a second handle, {@code HANDLE_LONG}, and a {@code _long} method. Thread-safe.
 */
@SuppressWarnings("restricted") // Linking downcalls is this class's purpose.
public final class FerriteNative {
    /** The ABI version this Java code was written for; must equal the library's {@code FERRITE_ABI_VERSION}. */
    public static final int ABI_VERSION = 5;

    /** System property with the worker-pool size for parallel kernels (default: one thread per CPU). */
    public static final String THREADS_PROPERTY = "ferrite.threads";

    static final Linker LINKER = Linker.nativeLinker();
    static final Linker.Option CRITICAL = Linker.Option.critical(true);

    private static final SymbolLookup LOOKUP;
    private static final String ORIGIN;
    private static final Throwable LOAD_ERROR;

    /**
     * The classes that hold raw bindings: this one (the library-wide functions) and one typed binding per kernel,
     * each declaring its functions' holders. Every holder they declare is initialised eagerly after a successful
     * load; a new kernel's binding class is added here, and its holders follow.
     */
    static final List<Class<?>> BINDINGS = List.of(FerriteNative.class, Sha256Binding.class, Ed25519Binding.class,
            AesGcmBinding.class, Argon2Binding.class, DbscanBinding.class, X25519Binding.class, HkdfBinding.class,
            HpkeBinding.class, AgglomerativeBinding.class, SilhouetteBinding.class);

    /** Every holder (a nested class named after its C function), derived from {@link #BINDINGS}. */
    static final List<Class<?>> HOLDERS = BINDINGS.stream()
            .flatMap(binding -> Arrays.stream(binding.getDeclaredClasses()))
            .filter(holder -> holder.getSimpleName().startsWith("ferrite_"))
            .sorted(Comparator.comparing(Class::getSimpleName))
            .toList();

    static {
        SymbolLookup lookup = name -> Optional.empty();
        String origin = null;
        Throwable error = null;
        try {
            NativeLoader.Library library = NativeLoader.load(NativeLoader.Options.fromSystemProperties(ABI_VERSION));
            lookup = library.lookup();
            origin = library.origin();
        } catch (NativeLoadException | RuntimeException | LinkageError e) {
            error = e;
        }
        LOOKUP = lookup;
        ORIGIN = origin;
        if (error == null) {
            error = resolveAll();
        }
        if (error == null) {
            error = configurePool();
        }
        LOAD_ERROR = error;
    }

    private FerriteNative() {}

    private static Throwable resolveAll() {
        MethodHandles.Lookup self = MethodHandles.lookup();
        for (Class<?> holder : HOLDERS) {
            try {
                self.ensureInitialized(holder);
            } catch (ReflectiveOperationException | RuntimeException | LinkageError e) {
                Throwable cause = e.getCause() != null ? e.getCause() : e;
                return new NativeLoadException("the library from " + ORIGIN + " lacks " + holder.getSimpleName()
                        + " or has it with another signature: the jar and the library come from different builds",
                        cause);
            }
        }
        return null;
    }

    private static Throwable configurePool() {
        String value = System.getProperty(THREADS_PROPERTY, "").strip();
        if (value.isEmpty()) {
            return null;
        }
        try {
            long threads = Long.parseLong(value);
            if (threads < 1 || ferrite_pool_configure(threads) != Status.OK) {
                throw new NumberFormatException();
            }
            return null;
        } catch (NumberFormatException e) {
            return new NativeLoadException("-D" + THREADS_PROPERTY + "=" + value
                    + " is not a thread count: give a whole number from 1 to 4096, or remove it");
        }
    }

    /**
     * Whether the native library loaded and every function resolved.
     *
     * @return true when native calls can be made
     */
    public static boolean isAvailable() {
        return LOAD_ERROR == null;
    }

    /**
     * Why the library is not available.
     *
     * @return the failure, or empty when the library is available
     */
    public static Optional<Throwable> loadError() {
        return Optional.ofNullable(LOAD_ERROR);
    }

    /**
     * Where the loaded library came from (a file, or the jar resource), for diagnostics.
     *
     * @return the origin, or empty when not loaded
     */
    public static Optional<String> origin() {
        return Optional.ofNullable(ORIGIN);
    }

    /**
     * Throws unless the library is available; typed bindings call it before their first native call.
     *
     * @throws IllegalStateException with the load failure as its cause
     */
    public static void requireAvailable() {
        if (LOAD_ERROR != null) {
            throw new IllegalStateException("Ferrite's native library is not available: " + LOAD_ERROR.getMessage(),
                    LOAD_ERROR);
        }
    }

    /**
     * Calls {@code ferrite_noop}, which does nothing: measures the cost of crossing the boundary.
     *
     * @return the status ({@link Status#OK})
     */
    public static int noop() {
        requireAvailable();
        return ferrite_noop();
    }

    /**
     * How many native handles (keys, hash states, AES-GCM streams) exist: created and not yet freed, whether by a
     * {@code close()} or by a {@link java.lang.ref.Cleaner}. Zero once everything made has been freed. For leak
     * tests and diagnostics; other threads may change it at any moment.
     *
     * @return the number of live handles
     * @throws IllegalStateException if the library is not available
     */
    public static long liveHandles() {
        requireAvailable();
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment count = arena.allocate(JAVA_LONG);
            Status.check(ferrite_live_handles(count), "live handle count");
            return count.get(JAVA_LONG, 0);
        }
    }

    /**
     * The address of an export of the loaded library, for tests that call exports the bindings don't bind (such as
     * the test library's {@code ferrite_test_panic}).
     *
     * @param name the symbol
     * @return its address, or empty when the library has no such symbol or is not loaded
     */
    static Optional<MemorySegment> find(String name) {
        return LOOKUP.find(name);
    }

    /**
     * The message of the last internal error (caught panic) on this thread.
     *
     * @return the message, or a placeholder when there is none
     */
    static String lastError() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment buffer = arena.allocate(1024);
            MemorySegment written = arena.allocate(JAVA_LONG);
            if (ferrite_last_error(buffer, buffer.byteSize(), written) != Status.OK) {
                return "(no message)";
            }
            long length = written.get(JAVA_LONG, 0);
            return length == 0 ? "(no message)" : new String(buffer.asSlice(0, length).toArray(JAVA_BYTE),
                    StandardCharsets.UTF_8);
        }
    }

    static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment address = LOOKUP.find(name).orElseThrow(
                () -> new IllegalStateException("symbol " + name + " not found"));
        return LINKER.downcallHandle(address, descriptor, options);
    }

    static AssertionError unexpected(Throwable e) {
        return new AssertionError("downcall failed unexpectedly", e);
    }

    // ------------------------------------------------------------------------------------------------ library

    static final class ferrite_abi_version {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT);
        static final MethodHandle HANDLE = downcall("ferrite_abi_version", DESC, CRITICAL);
    }

    static int ferrite_abi_version() {
        try {
            return (int) ferrite_abi_version.HANDLE.invokeExact();
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_noop {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT);
        static final MethodHandle HANDLE = downcall("ferrite_noop", DESC, CRITICAL);
    }

    static int ferrite_noop() {
        try {
            return (int) ferrite_noop.HANDLE.invokeExact();
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_last_error {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
        static final MethodHandle HANDLE = downcall("ferrite_last_error", DESC, CRITICAL);
    }

    static int ferrite_last_error(MemorySegment out, long outLen, MemorySegment written) {
        try {
            return (int) ferrite_last_error.HANDLE.invokeExact(out, outLen, written);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_pool_configure {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_pool_configure", DESC);
    }

    static int ferrite_pool_configure(long threads) {
        try {
            return (int) ferrite_pool_configure.HANDLE.invokeExact(threads);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_live_handles {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE = downcall("ferrite_live_handles", DESC, CRITICAL);
    }

    static int ferrite_live_handles(MemorySegment countOut) {
        try {
            return (int) ferrite_live_handles.HANDLE.invokeExact(countOut);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }
}
