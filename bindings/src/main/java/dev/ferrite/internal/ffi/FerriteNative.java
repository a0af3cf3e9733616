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
import java.util.List;
import java.util.Optional;

/**
 * The raw bindings of {@code ferrite.h}, written by hand in the shape jextract generates: one holder class per C
 * function, named after it, with its {@code DESC} ({@link FunctionDescriptor}) and {@code HANDLE}
 * ({@link MethodHandle}), and a static method of the same name that invokes it.
 *
 * <p>The library is loaded once, when this class initialises, by {@link NativeLoader} with the options from system
 * properties. Initialisation never throws: a failure is recorded and reported by {@link #loadError()}. After a
 * successful load every holder is initialised at once, so a missing or mistyped symbol is a load failure, not a
 * surprise at the first call. {@code HeaderBindingsTest} fails when a holder and the header disagree.
 *
 * <p>Short calls are linked with {@code Linker.Option.critical(true)} so heap arrays pass without copies; such a
 * call keeps the garbage collector waiting, so callers bound how much work one call does (about 1 MiB of input).
 *
 * <p>Raw methods take {@link MemorySegment}s and are package-private; other modules use the typed bindings
 * ({@link Sha256Binding}, {@link Ed25519Binding}). Where long inputs need an ordinary (non-critical) call too, the
 * holder has a second handle, {@code HANDLE_LONG}, and a {@code _long} method. Thread-safe.
 */
@SuppressWarnings("restricted") // Linking downcalls is this class's purpose.
public final class FerriteNative {
    /** The ABI version this Java code was written for; must equal the library's {@code FERRITE_ABI_VERSION}. */
    public static final int ABI_VERSION = 2;

    /** System property with the worker-pool size for parallel kernels (default: one thread per CPU). */
    public static final String THREADS_PROPERTY = "ferrite.threads";

    static final Linker LINKER = Linker.nativeLinker();
    private static final Linker.Option CRITICAL = Linker.Option.critical(true);

    private static final SymbolLookup LOOKUP;
    private static final String ORIGIN;
    private static final Throwable LOAD_ERROR;

    /** Every holder, initialised eagerly after a successful load. */
    private static final List<Class<?>> HOLDERS = List.of(
            ferrite_abi_version.class,
            ferrite_noop.class,
            ferrite_last_error.class,
            ferrite_pool_configure.class,
            ferrite_live_handles.class,
            ferrite_sha256_digest.class,
            ferrite_sha256_digest_batch.class,
            ferrite_sha256_new.class,
            ferrite_sha256_update.class,
            ferrite_sha256_finish.class,
            ferrite_sha256_free.class,
            ferrite_ed25519_signing_key_new.class,
            ferrite_ed25519_sign.class,
            ferrite_ed25519_signing_key_free.class,
            ferrite_ed25519_verify.class,
            ferrite_ed25519_verify_batch.class,
            ferrite_aes_gcm_key_new.class,
            ferrite_aes_gcm_key_free.class,
            ferrite_aes_gcm_seal.class,
            ferrite_aes_gcm_open.class,
            ferrite_aes_gcm_stream_new.class,
            ferrite_aes_gcm_stream_aad.class,
            ferrite_aes_gcm_stream_update.class,
            ferrite_aes_gcm_stream_tag.class,
            ferrite_aes_gcm_stream_verify.class,
            ferrite_aes_gcm_stream_free.class,
            ferrite_argon2_hash.class,
            ferrite_dbscan.class);

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

    private static MethodHandle downcall(String name, FunctionDescriptor descriptor, Linker.Option... options) {
        MemorySegment address = LOOKUP.find(name).orElseThrow(
                () -> new IllegalStateException("symbol " + name + " not found"));
        return LINKER.downcallHandle(address, descriptor, options);
    }

    private static AssertionError unexpected(Throwable e) {
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

    // ------------------------------------------------------------------------------------------------ sha256

    static final class ferrite_sha256_digest {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_sha256_digest", DESC, CRITICAL);
    }

    static int ferrite_sha256_digest(MemorySegment data, long len, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_sha256_digest.HANDLE.invokeExact(data, len, out, outLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_sha256_digest_batch {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_sha256_digest_batch", DESC, CRITICAL);
    }

    static int ferrite_sha256_digest_batch(MemorySegment data, long dataLen, MemorySegment offsets, long count,
            MemorySegment out, long outLen) {
        try {
            return (int) ferrite_sha256_digest_batch.HANDLE.invokeExact(data, dataLen, offsets, count, out, outLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_sha256_new {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE = downcall("ferrite_sha256_new", DESC, CRITICAL);
    }

    static int ferrite_sha256_new(MemorySegment stateOut) {
        try {
            return (int) ferrite_sha256_new.HANDLE.invokeExact(stateOut);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_sha256_update {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_sha256_update", DESC, CRITICAL);
    }

    static int ferrite_sha256_update(MemorySegment state, MemorySegment data, long len) {
        try {
            return (int) ferrite_sha256_update.HANDLE.invokeExact(state, data, len);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_sha256_finish {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_sha256_finish", DESC, CRITICAL);
    }

    static int ferrite_sha256_finish(MemorySegment state, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_sha256_finish.HANDLE.invokeExact(state, out, outLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_sha256_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE = downcall("ferrite_sha256_free", DESC, CRITICAL);
    }

    static int ferrite_sha256_free(MemorySegment state) {
        try {
            return (int) ferrite_sha256_free.HANDLE.invokeExact(state);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ ed25519

    static final class ferrite_ed25519_signing_key_new {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS);
        static final MethodHandle HANDLE = downcall("ferrite_ed25519_signing_key_new", DESC, CRITICAL);
    }

    static int ferrite_ed25519_signing_key_new(MemorySegment seed, long seedLen, MemorySegment publicKeyOut,
            long publicKeyOutLen, MemorySegment keyOut) {
        try {
            return (int) ferrite_ed25519_signing_key_new.HANDLE.invokeExact(seed, seedLen, publicKeyOut,
                    publicKeyOutLen, keyOut);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_ed25519_sign {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_ed25519_sign", DESC, CRITICAL);
        static final MethodHandle HANDLE_LONG = downcall("ferrite_ed25519_sign", DESC);
    }

    static int ferrite_ed25519_sign(MemorySegment key, MemorySegment message, long messageLen,
            MemorySegment signatureOut, long signatureOutLen) {
        try {
            return (int) ferrite_ed25519_sign.HANDLE.invokeExact(key, message, messageLen, signatureOut,
                    signatureOutLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int ferrite_ed25519_sign_long(MemorySegment key, MemorySegment message, long messageLen,
            MemorySegment signatureOut, long signatureOutLen) {
        try {
            return (int) ferrite_ed25519_sign.HANDLE_LONG.invokeExact(key, message, messageLen, signatureOut,
                    signatureOutLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_ed25519_signing_key_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE = downcall("ferrite_ed25519_signing_key_free", DESC, CRITICAL);
    }

    static int ferrite_ed25519_signing_key_free(MemorySegment key) {
        try {
            return (int) ferrite_ed25519_signing_key_free.HANDLE.invokeExact(key);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_ed25519_verify {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_ed25519_verify", DESC, CRITICAL);
        static final MethodHandle HANDLE_LONG = downcall("ferrite_ed25519_verify", DESC);
    }

    static int ferrite_ed25519_verify(MemorySegment publicKey, long publicKeyLen, MemorySegment message,
            long messageLen, MemorySegment signature, long signatureLen) {
        try {
            return (int) ferrite_ed25519_verify.HANDLE.invokeExact(publicKey, publicKeyLen, message, messageLen,
                    signature, signatureLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static int ferrite_ed25519_verify_long(MemorySegment publicKey, long publicKeyLen, MemorySegment message,
            long messageLen, MemorySegment signature, long signatureLen) {
        try {
            return (int) ferrite_ed25519_verify.HANDLE_LONG.invokeExact(publicKey, publicKeyLen, message,
                    messageLen, signature, signatureLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_ed25519_verify_batch {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(
                JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_ed25519_verify_batch", DESC);
    }

    static int ferrite_ed25519_verify_batch(MemorySegment publicKeys, long publicKeysLen, MemorySegment messages,
            long messagesLen, MemorySegment offsets, long count, MemorySegment signatures, long signaturesLen) {
        try {
            return (int) ferrite_ed25519_verify_batch.HANDLE.invokeExact(publicKeys, publicKeysLen, messages,
                    messagesLen, offsets, count, signatures, signaturesLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_key_new {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
        static final MethodHandle HANDLE = downcall("ferrite_aes_gcm_key_new", DESC, CRITICAL);
    }

    static int ferrite_aes_gcm_key_new(MemorySegment key, long keyLen, MemorySegment keyOut) {
        try {
            return (int) ferrite_aes_gcm_key_new.HANDLE.invokeExact(key, keyLen, keyOut);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_key_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE = downcall("ferrite_aes_gcm_key_free", DESC, CRITICAL);
    }

    static int ferrite_aes_gcm_key_free(MemorySegment key) {
        try {
            return (int) ferrite_aes_gcm_key_free.HANDLE.invokeExact(key);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_seal {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_aes_gcm_seal", DESC, CRITICAL);
    }

    static int ferrite_aes_gcm_seal(MemorySegment key, MemorySegment nonce, long nonceLen, MemorySegment aad, long aadLen, MemorySegment in, long inLen, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_aes_gcm_seal.HANDLE.invokeExact(key, nonce, nonceLen, aad, aadLen, in, inLen, out, outLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_open {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_aes_gcm_open", DESC, CRITICAL);
    }

    static int ferrite_aes_gcm_open(MemorySegment key, MemorySegment nonce, long nonceLen, MemorySegment aad, long aadLen, MemorySegment in, long inLen, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_aes_gcm_open.HANDLE.invokeExact(key, nonce, nonceLen, aad, aadLen, in, inLen, out, outLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_new {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS);
        static final MethodHandle HANDLE = downcall("ferrite_aes_gcm_stream_new", DESC, CRITICAL);
    }

    static int ferrite_aes_gcm_stream_new(MemorySegment key, int decrypt, MemorySegment nonce, long nonceLen, MemorySegment streamOut) {
        try {
            return (int) ferrite_aes_gcm_stream_new.HANDLE.invokeExact(key, decrypt, nonce, nonceLen, streamOut);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_aad {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_aes_gcm_stream_aad", DESC, CRITICAL);
    }

    static int ferrite_aes_gcm_stream_aad(MemorySegment stream, MemorySegment aad, long aadLen) {
        try {
            return (int) ferrite_aes_gcm_stream_aad.HANDLE.invokeExact(stream, aad, aadLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_update {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_aes_gcm_stream_update", DESC, CRITICAL);
    }

    static int ferrite_aes_gcm_stream_update(MemorySegment stream, MemorySegment in, long inLen, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_aes_gcm_stream_update.HANDLE.invokeExact(stream, in, inLen, out, outLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_tag {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_aes_gcm_stream_tag", DESC, CRITICAL);
    }

    static int ferrite_aes_gcm_stream_tag(MemorySegment stream, MemorySegment tagOut, long tagOutLen) {
        try {
            return (int) ferrite_aes_gcm_stream_tag.HANDLE.invokeExact(stream, tagOut, tagOutLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_verify {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, ADDRESS, JAVA_LONG);
        static final MethodHandle HANDLE = downcall("ferrite_aes_gcm_stream_verify", DESC, CRITICAL);
    }

    static int ferrite_aes_gcm_stream_verify(MemorySegment stream, MemorySegment tag, long tagLen) {
        try {
            return (int) ferrite_aes_gcm_stream_verify.HANDLE.invokeExact(stream, tag, tagLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    static final class ferrite_aes_gcm_stream_free {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS);
        static final MethodHandle HANDLE = downcall("ferrite_aes_gcm_stream_free", DESC, CRITICAL);
    }

    static int ferrite_aes_gcm_stream_free(MemorySegment stream) {
        try {
            return (int) ferrite_aes_gcm_stream_free.HANDLE.invokeExact(stream);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ argon2

    static final class ferrite_argon2_hash {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT, JAVA_INT,
                JAVA_INT, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS,
                JAVA_LONG);
        // Not critical: a hash runs for milliseconds to seconds, and a critical call would hold up the GC.
        static final MethodHandle HANDLE = downcall("ferrite_argon2_hash", DESC);
    }

    static int ferrite_argon2_hash(int type, int version, int memoryKib, int iterations, int parallelism,
            MemorySegment password, long passwordLen, MemorySegment salt, long saltLen, MemorySegment secret,
            long secretLen, MemorySegment ad, long adLen, MemorySegment out, long outLen) {
        try {
            return (int) ferrite_argon2_hash.HANDLE.invokeExact(type, version, memoryKib, iterations, parallelism,
                    password, passwordLen, salt, saltLen, secret, secretLen, ad, adLen, out, outLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }

    // ------------------------------------------------------------------------------------------------ dbscan
    static final class ferrite_dbscan {
        static final FunctionDescriptor DESC = FunctionDescriptor.of(JAVA_INT, ADDRESS, JAVA_LONG, JAVA_LONG,
                JAVA_LONG, JAVA_DOUBLE, JAVA_LONG, JAVA_INT, JAVA_LONG, ADDRESS, JAVA_LONG, ADDRESS, JAVA_LONG);
        // Not critical: a run takes milliseconds to seconds.
        static final MethodHandle HANDLE = downcall("ferrite_dbscan", DESC);
    }

    static int ferrite_dbscan(MemorySegment points, long elementSize, long n, long dim, double eps, long minPts,
            int metric, long threads, MemorySegment labels, long labelsLen, MemorySegment core, long coreLen) {
        try {
            return (int) ferrite_dbscan.HANDLE.invokeExact(points, elementSize, n, dim, eps, minPts, metric, threads,
                    labels, labelsLen, core, coreLen);
        } catch (Throwable e) {
            throw unexpected(e);
        }
    }
}
