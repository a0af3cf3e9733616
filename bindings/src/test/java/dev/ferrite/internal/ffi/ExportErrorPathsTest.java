package dev.ferrite.internal.ffi;

import static java.lang.foreign.ValueLayout.ADDRESS;
import static java.lang.foreign.ValueLayout.JAVA_BYTE;
import static java.lang.foreign.ValueLayout.JAVA_DOUBLE;
import static java.lang.foreign.ValueLayout.JAVA_INT;
import static java.lang.foreign.ValueLayout.JAVA_LONG;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every export of the shipped library, called from Java with null pointers, zero lengths and lengths that don't
 * match the data, returns {@code FERRITE_STATUS_INVALID_ARGUMENT} (or, where a zero length or null is documented as
 * valid, the documented result) without crashing or leaking a handle. The rule: an
 * input pointer may be null only with length 0; an output pointer must not be null, even when nothing
 * is written ({@code ferrite_dbscan} with {@code n == 0} aside, as documented). One test method
 * per export, named after it; {@link #everyExportHasItsErrorPathTest()} fails when an export is added without one.
 *
 * <p>Only arguments that are safe to pass are used: a pointer is null, or points at memory at least as long as the
 * length passed with it (claiming less than is there, or passing a too-small output capacity, is how "lengths that
 * don't match" are exercised; claiming more than is there would be the caller breaking the contract).
 */
class ExportErrorPathsTest {
    private static final int OK = Status.OK;
    private static final int INVALID = Status.INVALID_ARGUMENT;
    private static final MemorySegment NULL = MemorySegment.NULL;
    /** An address no handle can have: handles are boxed Rust values aligned to at least 8 bytes. */
    private static final MemorySegment MISALIGNED = MemorySegment.ofAddress(0x1001);

    private Arena arena;
    private long liveBefore;

    @BeforeEach
    void open() {
        assertTrue(FerriteNative.isAvailable(), () -> "library not loaded: " + FerriteNative.loadError());
        arena = Arena.ofConfined();
        liveBefore = FerriteNative.liveHandles();
    }

    @AfterEach
    void close() {
        arena.close();
        assertEquals(liveBefore, FerriteNative.liveHandles(), "an error path leaked (or double-freed) a handle");
    }

    private MemorySegment bytes(int length) {
        MemorySegment segment = arena.allocate(Math.max(length, 1), 16);
        for (int i = 0; i < length; i++) {
            segment.set(JAVA_BYTE, i, (byte) (i * 7 + 1));
        }
        return segment;
    }

    private MemorySegment pointerSlot() {
        return arena.allocate(ADDRESS);
    }

    private static void expect(int expected, int actual, String call) {
        assertEquals(expected, actual, call);
    }

    /** An AES-256-GCM key handle; the caller frees it. */
    private MemorySegment aesKey() {
        MemorySegment slot = pointerSlot();
        expect(OK, AesGcmBinding.ferrite_aes_gcm_key_new(bytes(32), 32, slot), "aes key");
        return slot.get(ADDRESS, 0);
    }

    private MemorySegment signingKey() {
        MemorySegment slot = pointerSlot();
        expect(OK, Ed25519Binding.ferrite_ed25519_signing_key_new(bytes(32), 32, bytes(32), 32, slot), "signing key");
        return slot.get(ADDRESS, 0);
    }

    private MemorySegment stream(MemorySegment key, int decrypt) {
        MemorySegment slot = pointerSlot();
        expect(OK, AesGcmBinding.ferrite_aes_gcm_stream_new(key, decrypt, bytes(12), 12, slot), "stream");
        return slot.get(ADDRESS, 0);
    }

    private MemorySegment sha256State() {
        MemorySegment slot = pointerSlot();
        expect(OK, Sha256Binding.ferrite_sha256_new(slot), "sha256 state");
        return slot.get(ADDRESS, 0);
    }

    @Test
    void everyExportHasItsErrorPathTest() {
        Set<String> exports = new TreeSet<>();
        for (Class<?> holder : FerriteNative.HOLDERS) {
            exports.add(holder.getSimpleName());
        }
        Set<String> tested = new TreeSet<>();
        for (Method method : ExportErrorPathsTest.class.getDeclaredMethods()) {
            if (method.isAnnotationPresent(Test.class) && method.getName().startsWith("ferrite_")) {
                tested.add(method.getName());
            }
        }
        assertTrue(exports.size() >= 28, "found only " + exports);
        Set<String> missing = new TreeSet<>(exports);
        missing.removeAll(tested);
        assertTrue(missing.isEmpty(), "exports without an error-path test here: " + missing);
    }

    // ------------------------------------------------------------------------------------------------ library

    @Test
    void ferrite_abi_version() {
        assertEquals(FerriteNative.ABI_VERSION, FerriteNative.ferrite_abi_version(), "takes no arguments");
    }

    @Test
    void ferrite_noop() {
        expect(OK, FerriteNative.ferrite_noop(), "takes no arguments");
    }

    @Test
    void ferrite_last_error() {
        MemorySegment out = bytes(16);
        MemorySegment written = arena.allocate(JAVA_LONG);
        expect(INVALID, FerriteNative.ferrite_last_error(out, 16, NULL), "null written");
        expect(INVALID, FerriteNative.ferrite_last_error(NULL, 0, written), "null out, even of capacity 0");
        expect(INVALID, FerriteNative.ferrite_last_error(MemorySegment.ofAddress(0x1001), 16,
                MemorySegment.ofAddress(0x1001)), "misaligned written");
        expect(OK, FerriteNative.ferrite_last_error(out, 0, written), "zero capacity: truncates to nothing");
        assertEquals(0, written.get(JAVA_LONG, 0));
    }

    @Test
    void ferrite_pool_configure() {
        // Only values that can never change the pool: above the documented maximum of 4096.
        expect(INVALID, FerriteNative.ferrite_pool_configure(4097), "4097 threads");
        expect(INVALID, FerriteNative.ferrite_pool_configure(Long.MAX_VALUE), "2^63 - 1 threads");
        expect(INVALID, FerriteNative.ferrite_pool_configure(-1), "SIZE_MAX threads");
    }

    @Test
    void ferrite_live_handles() {
        expect(INVALID, FerriteNative.ferrite_live_handles(NULL), "null out");
        expect(INVALID, FerriteNative.ferrite_live_handles(MISALIGNED), "misaligned out");
    }

    // ------------------------------------------------------------------------------------------------ sha256

    @Test
    void ferrite_sha256_digest() {
        MemorySegment data = bytes(3);
        MemorySegment out = bytes(32);
        expect(INVALID, Sha256Binding.ferrite_sha256_digest(NULL, 3, out, 32), "null data, length 3");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest(data, 3, NULL, 32), "null out");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest(data, 3, out, 31), "out capacity 31");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest(data, 3, out, 0), "out capacity 0");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest(out, 32, out, 32), "out overlaps data");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest(data, -1, out, 32), "length SIZE_MAX");
        // Zero-length input is valid, with or without a pointer: the digest of the empty message.
        expect(OK, Sha256Binding.ferrite_sha256_digest(NULL, 0, out, 32), "null data, length 0");
        assertEquals("e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855",
                HexFormat.of().formatHex(out.toArray(JAVA_BYTE)));
    }

    @Test
    void ferrite_sha256_digest_batch() {
        MemorySegment data = bytes(10);
        MemorySegment offsets = arena.allocate(JAVA_LONG, 3);
        offsets.setAtIndex(JAVA_LONG, 0, 0);
        offsets.setAtIndex(JAVA_LONG, 1, 4);
        offsets.setAtIndex(JAVA_LONG, 2, 10);
        MemorySegment out = bytes(64);
        expect(OK, Sha256Binding.ferrite_sha256_digest_batch(data, 10, offsets, 2, out, 64), "valid batch");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest_batch(NULL, 10, offsets, 2, out, 64), "null data");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest_batch(data, 10, NULL, 2, out, 64), "null offsets");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest_batch(data, 10, offsets, 2, NULL, 64), "null out");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest_batch(data, 10, offsets, 2, out, 63), "out capacity 63");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest_batch(data, 9, offsets, 2, out, 64),
                "last offset beyond data_len");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest_batch(data, 10, offsets.asSlice(1), 1, out, 64),
                "misaligned offsets");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest_batch(data, 10, offsets, -1, out, 64), "count SIZE_MAX");
        offsets.setAtIndex(JAVA_LONG, 1, 11);
        expect(INVALID, Sha256Binding.ferrite_sha256_digest_batch(data, 10, offsets, 2, out, 64),
                "decreasing offsets");
        offsets.setAtIndex(JAVA_LONG, 0, 0);
        expect(OK, Sha256Binding.ferrite_sha256_digest_batch(NULL, 0, offsets, 0, out, 0),
                "count 0 with no data: nothing to do");
        expect(INVALID, Sha256Binding.ferrite_sha256_digest_batch(NULL, 0, offsets, 0, NULL, 0),
                "an output pointer is required even when nothing is written");
    }

    @Test
    void ferrite_sha256_new() {
        expect(INVALID, Sha256Binding.ferrite_sha256_new(NULL), "null state_out");
        expect(INVALID, Sha256Binding.ferrite_sha256_new(MISALIGNED), "misaligned state_out");
    }

    @Test
    void ferrite_sha256_update() {
        MemorySegment state = sha256State();
        try {
            expect(INVALID, Sha256Binding.ferrite_sha256_update(NULL, bytes(3), 3), "null state");
            expect(INVALID, Sha256Binding.ferrite_sha256_update(MISALIGNED, bytes(3), 3), "misaligned state");
            expect(INVALID, Sha256Binding.ferrite_sha256_update(state, NULL, 3), "null data, length 3");
            expect(OK, Sha256Binding.ferrite_sha256_update(state, NULL, 0), "null data, length 0: nothing absorbed");
        } finally {
            expect(OK, Sha256Binding.ferrite_sha256_free(state), "free");
        }
    }

    @Test
    void ferrite_sha256_finish() {
        MemorySegment state = sha256State();
        try {
            MemorySegment out = bytes(32);
            expect(INVALID, Sha256Binding.ferrite_sha256_finish(NULL, out, 32), "null state");
            expect(INVALID, Sha256Binding.ferrite_sha256_finish(state, NULL, 32), "null out");
            expect(INVALID, Sha256Binding.ferrite_sha256_finish(state, out, 31), "out capacity 31");
            expect(INVALID, Sha256Binding.ferrite_sha256_finish(state, out, 0), "out capacity 0");
            expect(OK, Sha256Binding.ferrite_sha256_finish(state, out, 32), "nothing absorbed: empty message");
            assertEquals("e3b0c442", HexFormat.of().formatHex(out.toArray(JAVA_BYTE)).substring(0, 8));
        } finally {
            expect(OK, Sha256Binding.ferrite_sha256_free(state), "free");
        }
    }

    @Test
    void ferrite_sha256_free() {
        expect(OK, Sha256Binding.ferrite_sha256_free(NULL), "null is accepted and ignored");
        expect(INVALID, Sha256Binding.ferrite_sha256_free(MISALIGNED), "misaligned state");
    }

    // ------------------------------------------------------------------------------------------------ ed25519

    @Test
    void ferrite_ed25519_signing_key_new() {
        MemorySegment seed = bytes(32);
        MemorySegment publicKey = bytes(32);
        MemorySegment slot = pointerSlot();
        expect(INVALID, Ed25519Binding.ferrite_ed25519_signing_key_new(NULL, 32, publicKey, 32, slot), "null seed");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_signing_key_new(seed, 31, publicKey, 32, slot), "seed 31");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_signing_key_new(seed, 0, publicKey, 32, slot), "seed 0");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_signing_key_new(bytes(33), 33, publicKey, 32, slot), "seed 33");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_signing_key_new(seed, 32, NULL, 32, slot), "null public out");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_signing_key_new(seed, 32, publicKey, 31, slot), "public out 31");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_signing_key_new(seed, 32, publicKey, 32, NULL), "null key_out");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_signing_key_new(seed, 32, seed, 32, slot), "public out = seed");
        assertEquals(0L, slot.get(ADDRESS, 0).address(), "no handle written on failure");
    }

    @Test
    void ferrite_ed25519_sign() {
        MemorySegment key = signingKey();
        try {
            MemorySegment message = bytes(5);
            MemorySegment signature = bytes(64);
            expect(INVALID, Ed25519Binding.ferrite_ed25519_sign(NULL, message, 5, signature, 64), "null key");
            expect(INVALID, Ed25519Binding.ferrite_ed25519_sign(MISALIGNED, message, 5, signature, 64), "misaligned key");
            expect(INVALID, Ed25519Binding.ferrite_ed25519_sign(key, NULL, 5, signature, 64), "null message, length 5");
            expect(INVALID, Ed25519Binding.ferrite_ed25519_sign(key, message, 5, NULL, 64), "null signature out");
            expect(INVALID, Ed25519Binding.ferrite_ed25519_sign(key, message, 5, signature, 63), "signature out 63");
            expect(INVALID, Ed25519Binding.ferrite_ed25519_sign(key, signature, 64, signature, 64), "out overlaps message");
            expect(INVALID, Ed25519Binding.ferrite_ed25519_sign_long(key, message, 5, signature, 0), "signature out 0");
            expect(OK, Ed25519Binding.ferrite_ed25519_sign(key, NULL, 0, signature, 64), "empty message is valid");
        } finally {
            expect(OK, Ed25519Binding.ferrite_ed25519_signing_key_free(key), "free");
        }
    }

    @Test
    void ferrite_ed25519_signing_key_free() {
        expect(OK, Ed25519Binding.ferrite_ed25519_signing_key_free(NULL), "null is accepted and ignored");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_signing_key_free(MISALIGNED), "misaligned key");
    }

    @Test
    void ferrite_ed25519_verify() {
        MemorySegment publicKey = bytes(32);
        MemorySegment message = bytes(5);
        MemorySegment signature = bytes(64);
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify(NULL, 32, message, 5, signature, 64), "null key");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify(publicKey, 31, message, 5, signature, 64), "key 31");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify(publicKey, 0, message, 5, signature, 64), "key 0");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify(publicKey, 32, NULL, 5, signature, 64), "null message");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify(publicKey, 32, message, 5, NULL, 64), "null signature");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify(publicKey, 32, message, 5, signature, 63), "signature 63");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify_long(publicKey, 32, message, 5, signature, 0),
                "signature 0");
    }

    @Test
    void ferrite_ed25519_verify_batch() {
        MemorySegment keys = bytes(64);
        MemorySegment messages = bytes(10);
        MemorySegment offsets = arena.allocate(JAVA_LONG, 3);
        offsets.setAtIndex(JAVA_LONG, 1, 4);
        offsets.setAtIndex(JAVA_LONG, 2, 10);
        MemorySegment signatures = bytes(128);
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify_batch(NULL, 64, messages, 10, offsets, 2, signatures,
                128), "null keys");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify_batch(keys, 63, messages, 10, offsets, 2, signatures,
                128), "keys length 63 for 2 entries");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify_batch(keys, 32, messages, 10, offsets, 2, signatures,
                128), "keys length 32 for 2 entries");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify_batch(keys, 64, messages, 10, offsets, 2, signatures,
                127), "signatures length 127 for 2 entries");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify_batch(keys, 64, messages, 10, offsets, 2, NULL, 128),
                "null signatures");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify_batch(keys, 64, messages, 10, NULL, 2, signatures,
                128), "null offsets");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify_batch(keys, 64, NULL, 10, offsets, 2, signatures, 128),
                "null messages");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify_batch(keys, 64, messages, 9, offsets, 2, signatures,
                128), "last offset beyond messages_len");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify_batch(keys, 64, messages, 10, offsets.asSlice(4), 2,
                signatures, 128), "misaligned offsets");
        expect(INVALID, Ed25519Binding.ferrite_ed25519_verify_batch(keys, -64, messages, 10, offsets, -2, signatures,
                -128), "count SIZE_MAX - 1");
        expect(OK, Ed25519Binding.ferrite_ed25519_verify_batch(NULL, 0, NULL, 0, offsets, 0, NULL, 0),
                "count 0: nothing to verify, all valid");
    }

    // ------------------------------------------------------------------------------------------------ aes-gcm

    @Test
    void ferrite_aes_gcm_key_new() {
        MemorySegment slot = pointerSlot();
        expect(INVALID, AesGcmBinding.ferrite_aes_gcm_key_new(NULL, 32, slot), "null key");
        expect(INVALID, AesGcmBinding.ferrite_aes_gcm_key_new(bytes(32), 32, NULL), "null key_out");
        for (int length : new int[] {0, 1, 15, 17, 23, 25, 31, 33, 64}) {
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_key_new(bytes(length), length, slot), "key " + length);
        }
        assertEquals(0L, slot.get(ADDRESS, 0).address(), "no handle written on failure");
    }

    @Test
    void ferrite_aes_gcm_key_free() {
        expect(OK, AesGcmBinding.ferrite_aes_gcm_key_free(NULL), "null is accepted and ignored");
        expect(INVALID, AesGcmBinding.ferrite_aes_gcm_key_free(MISALIGNED), "misaligned key");
    }

    @Test
    void ferrite_aes_gcm_seal() {
        MemorySegment key = aesKey();
        try {
            MemorySegment nonce = bytes(12);
            MemorySegment aad = bytes(4);
            MemorySegment in = bytes(20);
            MemorySegment out = bytes(36);
            expect(OK, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 12, aad, 4, in, 20, out, 36), "valid");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(NULL, nonce, 12, aad, 4, in, 20, out, 36), "null key");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(MISALIGNED, nonce, 12, aad, 4, in, 20, out, 36),
                    "misaligned key");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, NULL, 12, aad, 4, in, 20, out, 36), "null nonce");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 11, aad, 4, in, 20, out, 36), "nonce 11");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 0, aad, 4, in, 20, out, 36), "nonce 0");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, bytes(16), 16, aad, 4, in, 20, out, 36),
                    "nonce 16");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 12, NULL, 4, in, 20, out, 36), "null aad");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 12, aad, 4, NULL, 20, out, 36), "null in");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 12, aad, 4, in, 20, NULL, 36), "null out");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 12, aad, 4, in, 20, out, 35), "out 35");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 12, aad, 4, in, 20, out, 0), "out 0");
            MemorySegment shared = bytes(64);
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 12, aad, 4, shared, 20, shared.asSlice(10),
                    54), "out overlaps in");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 12, out, 4, in, 20, out, 36),
                    "out overlaps aad");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 12, aad, 4, in, -1, out, 36),
                    "in length SIZE_MAX (in + tag overflows)");
            MemorySegment tagOnly = bytes(16);
            expect(OK, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 12, NULL, 0, NULL, 0, tagOnly, 16),
                    "empty plaintext and AAD: just a tag");
        } finally {
            expect(OK, AesGcmBinding.ferrite_aes_gcm_key_free(key), "free");
        }
    }

    @Test
    void ferrite_aes_gcm_open() {
        MemorySegment key = aesKey();
        try {
            MemorySegment nonce = bytes(12);
            MemorySegment aad = bytes(4);
            MemorySegment sealed = bytes(36);
            expect(OK, AesGcmBinding.ferrite_aes_gcm_seal(key, nonce, 12, aad, 4, bytes(20), 20, sealed, 36), "seal");
            MemorySegment out = bytes(20);
            expect(OK, AesGcmBinding.ferrite_aes_gcm_open(key, nonce, 12, aad, 4, sealed, 36, out, 20), "valid");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_open(NULL, nonce, 12, aad, 4, sealed, 36, out, 20), "null key");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_open(key, NULL, 12, aad, 4, sealed, 36, out, 20),
                    "null nonce");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_open(key, nonce, 13, aad, 4, sealed, 36, out, 20),
                    "nonce 13");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_open(key, nonce, 12, NULL, 4, sealed, 36, out, 20),
                    "null aad");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_open(key, nonce, 12, aad, 4, NULL, 36, out, 20), "null in");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_open(key, nonce, 12, aad, 4, sealed, 15, out, 20),
                    "in 15: shorter than a tag");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_open(key, nonce, 12, aad, 4, sealed, 0, out, 20), "in 0");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_open(key, nonce, 12, aad, 4, sealed, 36, out, 19), "out 19");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_open(key, nonce, 12, aad, 4, sealed, 36, NULL, 20),
                    "null out");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_open(key, nonce, 12, aad, 4, sealed, 36, sealed.asSlice(4),
                    32), "out overlaps in");
            // A mismatched length that is otherwise well-formed changes the message: authentication fails.
            expect(Status.AUTHENTICATION_FAILED, AesGcmBinding.ferrite_aes_gcm_open(key, nonce, 12, aad, 3, sealed, 36,
                    out, 20), "aad length 3 instead of 4");
            assertTrue(Arrays.equals(new byte[20], out.toArray(JAVA_BYTE)), "plaintext wiped after a failure");
        } finally {
            expect(OK, AesGcmBinding.ferrite_aes_gcm_key_free(key), "free");
        }
    }

    @Test
    void ferrite_aes_gcm_stream_new() {
        MemorySegment key = aesKey();
        try {
            MemorySegment slot = pointerSlot();
            MemorySegment nonce = bytes(12);
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_new(NULL, 0, nonce, 12, slot), "null key");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_new(key, 2, nonce, 12, slot), "decrypt = 2");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_new(key, -1, nonce, 12, slot), "decrypt = -1");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_new(key, 0, NULL, 12, slot), "null nonce");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_new(key, 0, nonce, 11, slot), "nonce 11");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_new(key, 0, nonce, 0, slot), "nonce 0");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_new(key, 1, nonce, 12, NULL), "null stream_out");
            assertEquals(0L, slot.get(ADDRESS, 0).address(), "no handle written on failure");
        } finally {
            expect(OK, AesGcmBinding.ferrite_aes_gcm_key_free(key), "free");
        }
    }

    @Test
    void ferrite_aes_gcm_stream_aad() {
        MemorySegment key = aesKey();
        MemorySegment stream = stream(key, 0);
        try {
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_aad(NULL, bytes(3), 3), "null stream");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_aad(MISALIGNED, bytes(3), 3), "misaligned stream");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_aad(stream, NULL, 3), "null aad, length 3");
            expect(OK, AesGcmBinding.ferrite_aes_gcm_stream_aad(stream, NULL, 0), "empty aad");
        } finally {
            expect(OK, AesGcmBinding.ferrite_aes_gcm_stream_free(stream), "free stream");
            expect(OK, AesGcmBinding.ferrite_aes_gcm_key_free(key), "free key");
        }
    }

    @Test
    void ferrite_aes_gcm_stream_update() {
        MemorySegment key = aesKey();
        MemorySegment stream = stream(key, 0);
        try {
            MemorySegment in = bytes(20);
            MemorySegment out = bytes(20);
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_update(NULL, in, 20, out, 20), "null stream");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_update(stream, NULL, 20, out, 20), "null in");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_update(stream, in, 20, NULL, 20), "null out");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_update(stream, in, 20, out, 19), "out 19");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_update(stream, in, 20, out, 0), "out 0");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_update(stream, in, 20, in, 20), "out is in");
            expect(OK, AesGcmBinding.ferrite_aes_gcm_stream_update(stream, NULL, 0, out, 0), "empty update");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_update(stream, NULL, 0, NULL, 0),
                    "an output pointer is required even when nothing is written");
        } finally {
            expect(OK, AesGcmBinding.ferrite_aes_gcm_stream_free(stream), "free stream");
            expect(OK, AesGcmBinding.ferrite_aes_gcm_key_free(key), "free key");
        }
    }

    @Test
    void ferrite_aes_gcm_stream_tag() {
        MemorySegment key = aesKey();
        MemorySegment encrypt = stream(key, 0);
        MemorySegment decrypt = stream(key, 1);
        try {
            MemorySegment tag = bytes(16);
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_tag(NULL, tag, 16), "null stream");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_tag(encrypt, NULL, 16), "null tag out");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_tag(encrypt, tag, 15), "tag out 15");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_tag(encrypt, tag, 0), "tag out 0");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_tag(decrypt, tag, 16), "a decryption has no tag");
        } finally {
            expect(OK, AesGcmBinding.ferrite_aes_gcm_stream_free(encrypt), "free stream");
            expect(OK, AesGcmBinding.ferrite_aes_gcm_stream_free(decrypt), "free stream");
            expect(OK, AesGcmBinding.ferrite_aes_gcm_key_free(key), "free key");
        }
    }

    @Test
    void ferrite_aes_gcm_stream_verify() {
        MemorySegment key = aesKey();
        MemorySegment encrypt = stream(key, 0);
        MemorySegment decrypt = stream(key, 1);
        try {
            MemorySegment tag = bytes(16);
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_verify(NULL, tag, 16), "null stream");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_verify(decrypt, NULL, 16), "null tag");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_verify(decrypt, tag, 15), "tag 15");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_verify(decrypt, bytes(17), 17), "tag 17");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_verify(decrypt, tag, 0), "tag 0");
            expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_verify(encrypt, tag, 16), "an encryption verifies nothing");
        } finally {
            expect(OK, AesGcmBinding.ferrite_aes_gcm_stream_free(encrypt), "free stream");
            expect(OK, AesGcmBinding.ferrite_aes_gcm_stream_free(decrypt), "free stream");
            expect(OK, AesGcmBinding.ferrite_aes_gcm_key_free(key), "free key");
        }
    }

    @Test
    void ferrite_aes_gcm_stream_free() {
        expect(OK, AesGcmBinding.ferrite_aes_gcm_stream_free(NULL), "null is accepted and ignored");
        expect(INVALID, AesGcmBinding.ferrite_aes_gcm_stream_free(MISALIGNED), "misaligned stream");
    }

    // ------------------------------------------------------------------------------------------------ argon2

    /** Argon2id v0x13, 64 KiB, 1 pass, 1 lane; each case replaces one argument. */
    private int argon2(int type, int version, int memoryKib, int iterations, int parallelism, MemorySegment password,
            long passwordLen, MemorySegment salt, long saltLen, MemorySegment ad, long adLen, MemorySegment out,
            long outLen) {
        return Argon2Binding.ferrite_argon2_hash(type, version, memoryKib, iterations, parallelism, password,
                passwordLen, salt, saltLen, NULL, 0, ad, adLen, out, outLen);
    }

    @Test
    void ferrite_argon2_hash() {
        MemorySegment password = bytes(8);
        MemorySegment salt = bytes(16);
        MemorySegment out = bytes(32);
        MemorySegment ad = bytes(40);
        expect(OK, argon2(2, 0x13, 64, 1, 1, password, 8, salt, 16, NULL, 0, out, 32), "valid");
        expect(OK, argon2(2, 0x13, 64, 1, 1, NULL, 0, salt, 16, NULL, 0, out, 32), "empty password is valid");
        List<String> accepted = new ArrayList<>();
        record Case(String what, int status) {}
        List<Case> cases = List.of(
                new Case("algorithm 3", argon2(3, 0x13, 64, 1, 1, password, 8, salt, 16, NULL, 0, out, 32)),
                new Case("version 0x11", argon2(2, 0x11, 64, 1, 1, password, 8, salt, 16, NULL, 0, out, 32)),
                new Case("memory 7 KiB", argon2(2, 0x13, 7, 1, 1, password, 8, salt, 16, NULL, 0, out, 32)),
                new Case("memory 0", argon2(2, 0x13, 0, 1, 1, password, 8, salt, 16, NULL, 0, out, 32)),
                new Case("iterations 0", argon2(2, 0x13, 64, 0, 1, password, 8, salt, 16, NULL, 0, out, 32)),
                new Case("parallelism 0", argon2(2, 0x13, 64, 1, 0, password, 8, salt, 16, NULL, 0, out, 32)),
                new Case("parallelism 2^24", argon2(2, 0x13, 64, 1, 1 << 24, password, 8, salt, 16, NULL, 0, out, 32)),
                new Case("null password, length 8", argon2(2, 0x13, 64, 1, 1, NULL, 8, salt, 16, NULL, 0, out, 32)),
                new Case("null salt", argon2(2, 0x13, 64, 1, 1, password, 8, NULL, 16, NULL, 0, out, 32)),
                new Case("salt 7", argon2(2, 0x13, 64, 1, 1, password, 8, salt, 7, NULL, 0, out, 32)),
                new Case("salt 0", argon2(2, 0x13, 64, 1, 1, password, 8, salt, 0, NULL, 0, out, 32)),
                new Case("null ad, length 4", argon2(2, 0x13, 64, 1, 1, password, 8, salt, 16, NULL, 4, out, 32)),
                new Case("ad 33", argon2(2, 0x13, 64, 1, 1, password, 8, salt, 16, ad, 33, out, 32)),
                new Case("null out", argon2(2, 0x13, 64, 1, 1, password, 8, salt, 16, NULL, 0, NULL, 32)),
                new Case("out 3", argon2(2, 0x13, 64, 1, 1, password, 8, salt, 16, NULL, 0, out, 3)),
                new Case("out 0", argon2(2, 0x13, 64, 1, 1, password, 8, salt, 16, NULL, 0, out, 0)),
                new Case("out overlaps salt", argon2(2, 0x13, 64, 1, 1, password, 8, out, 16, NULL, 0, out, 32)),
                new Case("null secret, length 4", Argon2Binding.ferrite_argon2_hash(2, 0x13, 64, 1, 1, password, 8,
                        salt, 16, NULL, 4, NULL, 0, out, 32)));
        for (Case c : cases) {
            if (c.status() != INVALID) {
                accepted.add(c.what() + " -> " + c.status());
            }
        }
        assertTrue(accepted.isEmpty(), "not rejected as invalid arguments: " + accepted);
    }

    // ------------------------------------------------------------------------------------------------ dbscan

    @Test
    void ferrite_dbscan() {
        int n = 4;
        int dim = 2;
        MemorySegment points = arena.allocate(JAVA_DOUBLE, (long) n * dim);
        for (int i = 0; i < n * dim; i++) {
            points.setAtIndex(JAVA_DOUBLE, i, i * 0.1);
        }
        MemorySegment labels = arena.allocate(JAVA_INT, n);
        MemorySegment core = bytes(n);
        expect(OK, DbscanBinding.ferrite_dbscan(points, 8, n, dim, 0.5, 2, 0, 1, labels, n, core, n), "valid");
        expect(OK, DbscanBinding.ferrite_dbscan(NULL, 8, 0, dim, 0.5, 2, 0, 1, NULL, 0, NULL, 0),
                "n = 0 with null pointers is documented as valid");
        List<String> accepted = new ArrayList<>();
        record Case(String what, int status) {}
        List<Case> cases = List.of(
                new Case("null points", DbscanBinding.ferrite_dbscan(NULL, 8, n, dim, 0.5, 2, 0, 1, labels, n, core, n)),
                new Case("element size 3", DbscanBinding.ferrite_dbscan(points, 3, n, dim, 0.5, 2, 0, 1, labels, n, core,
                        n)),
                new Case("element size 0", DbscanBinding.ferrite_dbscan(points, 0, n, dim, 0.5, 2, 0, 1, labels, n, core,
                        n)),
                new Case("dim 0", DbscanBinding.ferrite_dbscan(points, 8, n, 0, 0.5, 2, 0, 1, labels, n, core, n)),
                new Case("n * dim overflows", DbscanBinding.ferrite_dbscan(points, 8, -1, -1, 0.5, 2, 0, 1, labels, n,
                        core, n)),
                new Case("eps 0", DbscanBinding.ferrite_dbscan(points, 8, n, dim, 0, 2, 0, 1, labels, n, core, n)),
                new Case("eps NaN", DbscanBinding.ferrite_dbscan(points, 8, n, dim, Double.NaN, 2, 0, 1, labels, n, core,
                        n)),
                new Case("eps infinite", DbscanBinding.ferrite_dbscan(points, 8, n, dim, Double.POSITIVE_INFINITY, 2, 0, 1,
                        labels, n, core, n)),
                new Case("min_pts 0", DbscanBinding.ferrite_dbscan(points, 8, n, dim, 0.5, 0, 0, 1, labels, n, core, n)),
                new Case("metric 2", DbscanBinding.ferrite_dbscan(points, 8, n, dim, 0.5, 2, 2, 1, labels, n, core, n)),
                new Case("null labels", DbscanBinding.ferrite_dbscan(points, 8, n, dim, 0.5, 2, 0, 1, NULL, n, core, n)),
                new Case("labels length 3", DbscanBinding.ferrite_dbscan(points, 8, n, dim, 0.5, 2, 0, 1, labels, 3, core,
                        n)),
                new Case("labels length 0", DbscanBinding.ferrite_dbscan(points, 8, n, dim, 0.5, 2, 0, 1, labels, 0, core,
                        n)),
                new Case("null core", DbscanBinding.ferrite_dbscan(points, 8, n, dim, 0.5, 2, 0, 1, labels, n, NULL, n)),
                new Case("core length 3", DbscanBinding.ferrite_dbscan(points, 8, n, dim, 0.5, 2, 0, 1, labels, n, core,
                        3)),
                new Case("misaligned points", DbscanBinding.ferrite_dbscan(points.asSlice(4), 8, n - 1, dim, 0.5, 2, 0, 1,
                        labels, n - 1, core, n - 1)),
                new Case("misaligned labels", DbscanBinding.ferrite_dbscan(points, 8, n - 1, dim, 0.5, 2, 0, 1,
                        labels.asSlice(2), n - 1, core, n - 1)),
                new Case("labels overlap core", DbscanBinding.ferrite_dbscan(points, 8, n, dim, 0.5, 2, 0, 1, labels, n,
                        labels, n)),
                new Case("points overlap labels", DbscanBinding.ferrite_dbscan(points, 4, 2, 1, 0.5, 2, 0, 1, points, 2,
                        core, 2)));
        for (Case c : cases) {
            if (c.status() != INVALID) {
                accepted.add(c.what() + " -> " + c.status());
            }
        }
        assertTrue(accepted.isEmpty(), "not rejected as invalid arguments: " + accepted);
    }

    // ------------------------------------------------------------------------------------------ agglomerative

    @Test
    void ferrite_agglomerative_linkage() {
        int n = 4;
        int dim = 2;
        long big = 1L << 40;
        MemorySegment points = arena.allocate(JAVA_DOUBLE, (long) n * dim);
        for (int i = 0; i < n * dim; i++) {
            points.setAtIndex(JAVA_DOUBLE, i, i * 0.1 + 0.05);
        }
        int m = 3 * (n - 1);
        MemorySegment merges = arena.allocate(JAVA_DOUBLE, m);
        for (int linkage = 0; linkage < 4; linkage++) {
            expect(OK, AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n, dim, linkage, 0, 1, big,
                    merges, m), "valid, linkage " + linkage);
        }
        expect(OK, AgglomerativeBinding.ferrite_agglomerative_linkage(NULL, 8, 0, dim, 1, 0, 1, big, NULL, 0),
                "n = 0 with null pointers is documented as valid");
        expect(OK, AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, 1, dim, 1, 0, 1, big, NULL, 0),
                "n = 1 has no merges");
        List<String> accepted = new ArrayList<>();
        record Case(String what, int status) {}
        List<Case> cases = List.of(
                new Case("null points", AgglomerativeBinding.ferrite_agglomerative_linkage(NULL, 8, n, dim, 1, 0, 1,
                        big, merges, m)),
                new Case("element size 3", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 3, n, dim, 1, 0,
                        1, big, merges, m)),
                new Case("dim 0", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n, 0, 1, 0, 1, big,
                        merges, m)),
                new Case("n * dim overflows", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, 1L << 30,
                        -1, 1, 0, 1, big, merges, m)),
                new Case("linkage 4", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n, dim, 4, 0, 1,
                        big, merges, m)),
                new Case("metric 2", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n, dim, 1, 2, 1, big,
                        merges, m)),
                new Case("ward with cosine", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n, dim, 0, 1,
                        1, big, merges, m)),
                new Case("matrix over the ceiling", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n,
                        dim, 3, 0, 1, 47, merges, m)),
                new Case("null merges", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n, dim, 1, 0, 1,
                        big, NULL, m)),
                new Case("merges length 8", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n, dim, 1, 0,
                        1, big, merges, m - 1)),
                new Case("merges length 0", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n, dim, 1, 0,
                        1, big, merges, 0)),
                new Case("misaligned points", AgglomerativeBinding.ferrite_agglomerative_linkage(points.asSlice(4), 8,
                        n - 1, dim, 1, 0, 1, big, merges, m - 3)),
                new Case("misaligned merges", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n - 1, dim,
                        1, 0, 1, big, merges.asSlice(4), m - 3)),
                new Case("points overlap merges", AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, 2, 1, 1,
                        0, 1, big, points, 3)));
        for (Case c : cases) {
            if (c.status() != INVALID) {
                accepted.add(c.what() + " -> " + c.status());
            }
        }
        assertTrue(accepted.isEmpty(), "not rejected as invalid arguments: " + accepted);
        // A NaN coordinate and a zero vector under cosine are refused too.
        points.setAtIndex(JAVA_DOUBLE, 3, Double.NaN);
        expect(INVALID, AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n, dim, 1, 0, 1, big, merges, m),
                "NaN coordinate");
        points.setAtIndex(JAVA_DOUBLE, 2, 0.0);
        points.setAtIndex(JAVA_DOUBLE, 3, 0.0);
        expect(INVALID, AgglomerativeBinding.ferrite_agglomerative_linkage(points, 8, n, dim, 1, 1, 1, big, merges, m),
                "zero row with cosine");
    }

    // ------------------------------------------------------------------------------------------------ silhouette

    /** Calls {@code ferrite_silhouette_f64} ({@code size} 8) or {@code _f32} (4). */
    private static int silhouette(int size, MemorySegment points, long n, long dim, MemorySegment labels,
            long labelsLen, int metric, long threads, MemorySegment values, long valuesLen, MemorySegment mean) {
        return size == 8
                ? SilhouetteBinding.ferrite_silhouette_f64(points, n, dim, labels, labelsLen, metric, threads, values,
                        valuesLen, mean)
                : SilhouetteBinding.ferrite_silhouette_f32(points, n, dim, labels, labelsLen, metric, threads, values,
                        valuesLen, mean);
    }

    private void silhouetteErrorPaths(int size) {
        int n = 4;
        int dim = 2;
        MemorySegment points = arena.allocate((long) n * dim * size, 8);
        for (int i = 0; i < n * dim; i++) {
            if (size == 8) {
                points.setAtIndex(JAVA_DOUBLE, i, 1 + i * 0.1);
            } else {
                points.setAtIndex(java.lang.foreign.ValueLayout.JAVA_FLOAT, i, 1 + i * 0.1f);
            }
        }
        MemorySegment labels = arena.allocate(JAVA_INT, n);
        for (int i = 0; i < n; i++) {
            labels.setAtIndex(JAVA_INT, i, i / 2);
        }
        MemorySegment values = arena.allocate(JAVA_DOUBLE, n);
        MemorySegment mean = arena.allocate(JAVA_DOUBLE, 1);
        expect(OK, silhouette(size, points, n, dim, labels, n, 0, 1, values, n, mean), "valid");
        expect(OK, silhouette(size, points, n, dim, labels, n, 1, 0, values, n, mean), "valid, cosine");
        MemorySegment oneCluster = arena.allocate(JAVA_INT, n);
        MemorySegment noise = arena.allocate(JAVA_INT, n);
        noise.fill((byte) 0xff);
        MemorySegment distinct = arena.allocate(JAVA_INT, n);
        for (int i = 0; i < n; i++) {
            distinct.setAtIndex(JAVA_INT, i, i);
        }
        List<String> accepted = new ArrayList<>();
        record Case(String what, int status) {}
        List<Case> cases = List.of(
                new Case("null points", silhouette(size, NULL, n, dim, labels, n, 0, 1, values, n, mean)),
                new Case("n = 0", silhouette(size, NULL, 0, dim, NULL, 0, 0, 1, NULL, 0, mean)),
                new Case("dim 0", silhouette(size, points, n, 0, labels, n, 0, 1, values, n, mean)),
                new Case("n * dim overflows", silhouette(size, points, -1, -1, labels, n, 0, 1, values, n, mean)),
                new Case("metric 2", silhouette(size, points, n, dim, labels, n, 2, 1, values, n, mean)),
                new Case("null labels", silhouette(size, points, n, dim, NULL, n, 0, 1, values, n, mean)),
                new Case("labels length 3", silhouette(size, points, n, dim, labels, 3, 0, 1, values, n, mean)),
                new Case("labels length 0", silhouette(size, points, n, dim, labels, 0, 0, 1, values, n, mean)),
                new Case("one cluster", silhouette(size, points, n, dim, oneCluster, n, 0, 1, values, n, mean)),
                new Case("all noise", silhouette(size, points, n, dim, noise, n, 0, 1, values, n, mean)),
                new Case("as many clusters as points", silhouette(size, points, n, dim, distinct, n, 0, 1, values, n,
                        mean)),
                new Case("null values", silhouette(size, points, n, dim, labels, n, 0, 1, NULL, n, mean)),
                new Case("values length 3", silhouette(size, points, n, dim, labels, n, 0, 1, values, 3, mean)),
                new Case("null mean", silhouette(size, points, n, dim, labels, n, 0, 1, values, n, NULL)),
                new Case("misaligned points", silhouette(size, points.asSlice(2), n - 1, dim, labels, n - 1, 0, 1,
                        values, n - 1, mean)),
                new Case("misaligned labels", silhouette(size, points, n - 1, dim, labels.asSlice(2), n - 1, 0, 1,
                        values, n - 1, mean)),
                new Case("misaligned values", silhouette(size, points, n - 1, dim, labels, n - 1, 0, 1,
                        values.asSlice(4), n - 1, mean)),
                new Case("values overlap points", silhouette(size, points, n, dim, labels, n, 0, 1, points, n, mean)),
                new Case("values overlap labels", silhouette(size, points, 2, 1, labels, 2, 0, 1, labels, 2, mean)),
                new Case("mean inside values", silhouette(size, points, n, dim, labels, n, 0, 1, values, n, values)),
                new Case("mean inside points", silhouette(size, points, n, dim, labels, n, 0, 1, values, n, points)));
        for (Case c : cases) {
            if (c.status() != INVALID) {
                accepted.add(c.what() + " -> " + c.status());
            }
        }
        assertTrue(accepted.isEmpty(), "not rejected as invalid arguments: " + accepted);
        // A NaN coordinate, and a zero row under cosine.
        if (size == 8) {
            points.setAtIndex(JAVA_DOUBLE, 3, Double.NaN);
            expect(INVALID, silhouette(size, points, n, dim, labels, n, 0, 1, values, n, mean), "NaN");
            points.setAtIndex(JAVA_DOUBLE, 2, 0);
            points.setAtIndex(JAVA_DOUBLE, 3, 0);
            expect(INVALID, silhouette(size, points, n, dim, labels, n, 1, 1, values, n, mean), "zero row, cosine");
        }
    }

    @Test
    void ferrite_silhouette_f64() {
        silhouetteErrorPaths(8);
    }

    @Test
    void ferrite_silhouette_f32() {
        silhouetteErrorPaths(4);
    }

    // ------------------------------------------------------------------------------------------------ x25519

    @Test
    void ferrite_x25519_public_key() {
        MemorySegment key = bytes(32);
        MemorySegment out = bytes(32);
        expect(INVALID, X25519Binding.ferrite_x25519_public_key(NULL, 32, out, 32), "null key");
        expect(INVALID, X25519Binding.ferrite_x25519_public_key(key, 31, out, 32), "key 31");
        expect(INVALID, X25519Binding.ferrite_x25519_public_key(key, 33, out, 32), "key 33");
        expect(INVALID, X25519Binding.ferrite_x25519_public_key(key, 32, NULL, 32), "null out");
        expect(INVALID, X25519Binding.ferrite_x25519_public_key(key, 32, out, 31), "out 31");
        expect(INVALID, X25519Binding.ferrite_x25519_public_key(key, 32, key, 32), "out overlaps key");
        expect(OK, X25519Binding.ferrite_x25519_public_key(key, 32, out, 32), "valid");
    }

    @Test
    void ferrite_x25519_agree() {
        MemorySegment key = bytes(32);
        MemorySegment peer = bytes(32);
        MemorySegment out = bytes(32);
        expect(INVALID, X25519Binding.ferrite_x25519_agree(NULL, 32, peer, 32, out, 32), "null key");
        expect(INVALID, X25519Binding.ferrite_x25519_agree(key, 31, peer, 32, out, 32), "key 31");
        expect(INVALID, X25519Binding.ferrite_x25519_agree(key, 32, NULL, 32, out, 32), "null peer");
        expect(INVALID, X25519Binding.ferrite_x25519_agree(key, 32, peer, 0, out, 32), "peer 0");
        expect(INVALID, X25519Binding.ferrite_x25519_agree(key, 32, peer, 32, NULL, 32), "null out");
        expect(INVALID, X25519Binding.ferrite_x25519_agree(key, 32, peer, 32, out, 16), "out 16");
        expect(INVALID, X25519Binding.ferrite_x25519_agree(key, 32, peer, 32, peer, 32), "out overlaps peer");
        // An all-zero peer (a low-order point) is not an argument error here: the secret is all zeros, which the Java
        // API refuses (AbstractX25519).
        peer.fill((byte) 0);
        expect(OK, X25519Binding.ferrite_x25519_agree(key, 32, peer, 32, out, 32), "low-order peer");
        assertEquals(new String(new char[64]).replace('\0', '0'), HexFormat.of().formatHex(out.toArray(JAVA_BYTE)));
    }

    // ------------------------------------------------------------------------------------------------ hkdf

    @Test
    void ferrite_hkdf_sha256_extract() {
        MemorySegment salt = bytes(16);
        MemorySegment ikm = bytes(22);
        MemorySegment out = bytes(32);
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_extract(NULL, 16, ikm, 22, out, 32), "null salt, length 16");
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_extract(salt, 16, NULL, 22, out, 32), "null ikm, length 22");
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_extract(salt, 16, ikm, 22, NULL, 32), "null out");
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_extract(salt, 16, ikm, 22, out, 31), "out 31");
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_extract(out, 16, ikm, 22, out, 32), "out overlaps salt");
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_extract_long(salt, -1, ikm, 22, out, 32), "salt SIZE_MAX");
        expect(OK, HkdfBinding.ferrite_hkdf_sha256_extract(NULL, 0, NULL, 0, out, 32), "empty salt and ikm");
    }

    @Test
    void ferrite_hkdf_sha256_expand() {
        MemorySegment prk = bytes(32);
        MemorySegment info = bytes(10);
        MemorySegment out = bytes(8161);
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_expand(NULL, 32, info, 10, out, 42), "null prk");
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_expand(prk, 31, info, 10, out, 42), "prk 31");
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_expand(prk, 32, NULL, 10, out, 42), "null info, length 10");
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_expand(prk, 32, info, 10, NULL, 42), "null out");
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_expand(prk, 32, info, 10, out, 0), "out 0");
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_expand(prk, 32, info, 10, out, 8161), "out 8161");
        expect(INVALID, HkdfBinding.ferrite_hkdf_sha256_expand_long(out, 32, info, 10, out, 42), "out overlaps prk");
        expect(OK, HkdfBinding.ferrite_hkdf_sha256_expand(prk, 32, NULL, 0, out, 8160), "8160 bytes, no info");
    }

    // ------------------------------------------------------------------------------------------------ hpke

    private static final int AES128 = 1;
    private static final int BASE = 0;
    private static final int AUTHENTICATION_FAILED = Status.AUTHENTICATION_FAILED;

    /** A valid recipient key pair: {private, public}. */
    private MemorySegment[] hpkeRecipient() {
        MemorySegment secret = bytes(32);
        MemorySegment pub = bytes(32);
        expect(OK, X25519Binding.ferrite_x25519_public_key(secret, 32, pub, 32), "recipient public key");
        return new MemorySegment[] {secret, pub};
    }

    /** A base-mode sender context to {@code recipientPublic}, its enc written to {@code enc}; the caller frees it. */
    private MemorySegment hpkeSender(MemorySegment recipientPublic, MemorySegment enc) {
        MemorySegment slot = pointerSlot();
        expect(OK, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, BASE, recipientPublic, 32, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, NULL, 0, enc, 32, slot), "hpke sender");
        return slot.get(ADDRESS, 0);
    }

    private MemorySegment hpkeReceiver(MemorySegment enc, MemorySegment recipientSecret) {
        MemorySegment slot = pointerSlot();
        expect(OK, HpkeBinding.ferrite_hpke_setup_receiver(false, AES128, BASE, enc, 32, recipientSecret, 32, NULL, 0,
                NULL, 0, NULL, 0, NULL, 0, slot), "hpke receiver");
        return slot.get(ADDRESS, 0);
    }

    @Test
    void ferrite_hpke_setup_sender() {
        MemorySegment pk = hpkeRecipient()[1];
        MemorySegment enc = bytes(32);
        MemorySegment psk = bytes(32);
        MemorySegment slot = pointerSlot();
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, 0, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0, NULL,
                0, NULL, 0, enc, 32, slot), "aead 0");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, 4, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0, NULL,
                0, NULL, 0, enc, 32, slot), "aead 4");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, 4, pk, 32, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, enc, 32, slot), "mode 4");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, BASE, NULL, 32, NULL, 0, NULL, 0, NULL,
                0, NULL, 0, NULL, 0, enc, 32, slot), "null recipient");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, BASE, pk, 31, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, enc, 32, slot), "recipient 31");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, BASE, pk, 32, NULL, 0, psk, 32, psk, 4,
                NULL, 0, NULL, 0, enc, 32, slot), "psk in base mode");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, 1, pk, 32, NULL, 0, psk, 32, NULL, 0,
                NULL, 0, NULL, 0, enc, 32, slot), "psk mode without psk id");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, 2, pk, 32, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, enc, 32, slot), "auth mode without sender key");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0,
                psk, 32, NULL, 0, enc, 32, slot), "sender key in base mode");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, psk, 31, enc, 32, slot), "ephemeral 31");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, enc, 31, slot), "enc 31");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, pk, 32, slot), "enc overlaps recipient");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, enc, 32, NULL), "null context slot");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, enc, 32, MISALIGNED), "misaligned context slot");
        MemorySegment lowOrder = bytes(32);
        lowOrder.fill((byte) 0);
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_sender(false, AES128, BASE, lowOrder, 32, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, NULL, 0, enc, 32, slot), "low-order recipient");
        MemorySegment context = hpkeSender(pk, enc);
        expect(OK, HpkeBinding.ferrite_hpke_context_free(context), "free");
    }

    @Test
    void ferrite_hpke_setup_receiver() {
        MemorySegment[] recipient = hpkeRecipient();
        MemorySegment enc = bytes(32);
        expect(OK, HpkeBinding.ferrite_hpke_context_free(hpkeSender(recipient[1], enc)), "free sender");
        MemorySegment slot = pointerSlot();
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_receiver(false, 3 + 1, BASE, enc, 32, recipient[0], 32, NULL,
                0, NULL, 0, NULL, 0, NULL, 0, slot), "aead 4");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_receiver(false, AES128, BASE, NULL, 32, recipient[0], 32, NULL,
                0, NULL, 0, NULL, 0, NULL, 0, slot), "null enc");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_receiver(false, AES128, BASE, enc, 33, recipient[0], 32, NULL,
                0, NULL, 0, NULL, 0, NULL, 0, slot), "enc 33");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_receiver(false, AES128, BASE, enc, 32, recipient[0], 16, NULL,
                0, NULL, 0, NULL, 0, NULL, 0, slot), "recipient key 16");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_receiver(false, AES128, 3, enc, 32, recipient[0], 32, NULL, 0,
                NULL, 0, NULL, 0, NULL, 0, slot), "auth_psk without psk or sender key");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_receiver(false, AES128, BASE, enc, 32, recipient[0], 32, NULL,
                0, NULL, 0, NULL, 0, NULL, 0, NULL), "null context slot");
        MemorySegment lowOrder = bytes(32);
        lowOrder.fill((byte) 0);
        expect(AUTHENTICATION_FAILED, HpkeBinding.ferrite_hpke_setup_receiver(false, AES128, BASE, lowOrder, 32,
                recipient[0], 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0, slot), "low-order enc");
        expect(INVALID, HpkeBinding.ferrite_hpke_setup_receiver(false, AES128, 2, enc, 32, recipient[0], 32, NULL, 0,
                NULL, 0, NULL, 0, lowOrder, 32, slot), "low-order sender key");
        expect(OK, HpkeBinding.ferrite_hpke_context_free(hpkeReceiver(enc, recipient[0])), "free receiver");
    }

    @Test
    void ferrite_hpke_context_seal() {
        MemorySegment[] recipient = hpkeRecipient();
        MemorySegment enc = bytes(32);
        MemorySegment sender = hpkeSender(recipient[1], enc);
        MemorySegment receiver = hpkeReceiver(enc, recipient[0]);
        MemorySegment aad = bytes(8);
        MemorySegment in = bytes(20);
        MemorySegment out = bytes(36);
        try {
            expect(INVALID, HpkeBinding.ferrite_hpke_context_seal(false, NULL, aad, 8, in, 20, out, 36), "null ctx");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_seal(false, MISALIGNED, aad, 8, in, 20, out, 36),
                    "misaligned context");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_seal(false, receiver, aad, 8, in, 20, out, 36),
                    "a receiver's context");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_seal(false, sender, NULL, 8, in, 20, out, 36),
                    "null aad, length 8");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_seal(false, sender, aad, 8, in, 20, out, 35), "out 35");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_seal(false, sender, aad, 8, out, 20, out, 36),
                    "out overlaps in");
            expect(OK, HpkeBinding.ferrite_hpke_context_seal(false, sender, aad, 8, in, 20, out, 36), "valid");
        } finally {
            expect(OK, HpkeBinding.ferrite_hpke_context_free(sender), "free sender");
            expect(OK, HpkeBinding.ferrite_hpke_context_free(receiver), "free receiver");
        }
    }

    @Test
    void ferrite_hpke_context_open() {
        MemorySegment[] recipient = hpkeRecipient();
        MemorySegment enc = bytes(32);
        MemorySegment sender = hpkeSender(recipient[1], enc);
        MemorySegment receiver = hpkeReceiver(enc, recipient[0]);
        MemorySegment in = bytes(20);
        MemorySegment sealed = bytes(36);
        MemorySegment out = bytes(20);
        try {
            expect(OK, HpkeBinding.ferrite_hpke_context_seal(false, sender, NULL, 0, in, 20, sealed, 36), "seal");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_open(false, NULL, NULL, 0, sealed, 36, out, 20),
                    "null context");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_open(false, sender, NULL, 0, sealed, 36, out, 20),
                    "a sender's context");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_open(false, receiver, NULL, 0, sealed, 15, out, 20),
                    "in 15");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_open(false, receiver, NULL, 0, sealed, 36, out, 19),
                    "out 19");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_open(false, receiver, NULL, 0, sealed, 36, sealed, 20),
                    "out overlaps in");
            expect(AUTHENTICATION_FAILED, HpkeBinding.ferrite_hpke_context_open(false, receiver, in, 1, sealed, 36,
                    out, 20), "wrong aad");
            expect(OK, HpkeBinding.ferrite_hpke_context_open(false, receiver, NULL, 0, sealed, 36, out, 20),
                    "valid after a failure: the sequence number did not move");
            assertEquals(HexFormat.of().formatHex(in.asSlice(0, 20).toArray(JAVA_BYTE)),
                    HexFormat.of().formatHex(out.asSlice(0, 20).toArray(JAVA_BYTE)));
        } finally {
            expect(OK, HpkeBinding.ferrite_hpke_context_free(sender), "free sender");
            expect(OK, HpkeBinding.ferrite_hpke_context_free(receiver), "free receiver");
        }
    }

    @Test
    void ferrite_hpke_context_export() {
        MemorySegment enc = bytes(32);
        MemorySegment sender = hpkeSender(hpkeRecipient()[1], enc);
        MemorySegment ctx = bytes(10);
        MemorySegment out = bytes(8161);
        try {
            expect(INVALID, HpkeBinding.ferrite_hpke_context_export(false, NULL, ctx, 10, out, 32), "null context");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_export(false, sender, NULL, 10, out, 32),
                    "null exporter context, length 10");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_export(false, sender, ctx, 10, NULL, 32), "null out");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_export(false, sender, ctx, 10, out, 0), "out 0");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_export(false, sender, ctx, 10, out, 8161), "out 8161");
            expect(INVALID, HpkeBinding.ferrite_hpke_context_export(false, sender, out, 10, out, 32),
                    "out overlaps exporter context");
            expect(OK, HpkeBinding.ferrite_hpke_context_export(false, sender, NULL, 0, out, 8160), "8160 bytes");
        } finally {
            expect(OK, HpkeBinding.ferrite_hpke_context_free(sender), "free");
        }
    }

    @Test
    void ferrite_hpke_context_free() {
        expect(OK, HpkeBinding.ferrite_hpke_context_free(NULL), "null");
        expect(INVALID, HpkeBinding.ferrite_hpke_context_free(MISALIGNED), "misaligned");
    }

    @Test
    void ferrite_hpke_seal() {
        MemorySegment pk = hpkeRecipient()[1];
        MemorySegment in = bytes(20);
        MemorySegment enc = bytes(32);
        MemorySegment out = bytes(36);
        expect(INVALID, HpkeBinding.ferrite_hpke_seal(false, 0, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, in, 20, enc, 32, out, 36), "aead 0");
        expect(INVALID, HpkeBinding.ferrite_hpke_seal(false, AES128, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, in, 20, enc, 32, out, 35), "out 35");
        expect(INVALID, HpkeBinding.ferrite_hpke_seal(false, AES128, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, in, 20, enc, 32, enc, 32), "out overlaps enc");
        expect(INVALID, HpkeBinding.ferrite_hpke_seal(false, AES128, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, NULL, 20, enc, 32, out, 36), "null in, length 20");
        expect(OK, HpkeBinding.ferrite_hpke_seal(false, AES128, BASE, pk, 32, NULL, 0, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, in, 20, enc, 32, out, 36), "valid");
    }

    @Test
    void ferrite_hpke_open() {
        MemorySegment[] recipient = hpkeRecipient();
        MemorySegment in = bytes(20);
        MemorySegment enc = bytes(32);
        MemorySegment sealed = bytes(36);
        MemorySegment out = bytes(20);
        expect(OK, HpkeBinding.ferrite_hpke_seal(false, AES128, BASE, recipient[1], 32, NULL, 0, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, NULL, 0, in, 20, enc, 32, sealed, 36), "seal");
        expect(INVALID, HpkeBinding.ferrite_hpke_open(false, AES128, BASE, NULL, 32, recipient[0], 32, NULL, 0, NULL,
                0, NULL, 0, NULL, 0, NULL, 0, sealed, 36, out, 20), "null enc");
        expect(INVALID, HpkeBinding.ferrite_hpke_open(false, AES128, BASE, enc, 32, recipient[0], 32, NULL, 0, NULL,
                0, NULL, 0, NULL, 0, NULL, 0, sealed, 36, out, 19), "out 19");
        expect(INVALID, HpkeBinding.ferrite_hpke_open(false, AES128, BASE, enc, 32, recipient[0], 32, NULL, 0, NULL,
                0, NULL, 0, NULL, 0, NULL, 0, sealed, 15, out, 20), "in 15");
        expect(AUTHENTICATION_FAILED, HpkeBinding.ferrite_hpke_open(false, 2, BASE, enc, 32, recipient[0], 32, NULL,
                0, NULL, 0, NULL, 0, NULL, 0, NULL, 0, sealed, 36, out, 20), "wrong suite");
        expect(OK, HpkeBinding.ferrite_hpke_open(false, AES128, BASE, enc, 32, recipient[0], 32, NULL, 0, NULL, 0,
                NULL, 0, NULL, 0, NULL, 0, sealed, 36, out, 20), "valid");
    }

    @Test
    void ferrite_hpke_derive_key_pair() {
        MemorySegment ikm = bytes(32);
        MemorySegment sk = bytes(32);
        MemorySegment pk = bytes(32);
        expect(INVALID, HpkeBinding.ferrite_hpke_derive_key_pair(false, NULL, 32, sk, 32, pk, 32), "null ikm");
        expect(INVALID, HpkeBinding.ferrite_hpke_derive_key_pair(false, ikm, 32, sk, 31, pk, 32), "sk 31");
        expect(INVALID, HpkeBinding.ferrite_hpke_derive_key_pair(false, ikm, 32, sk, 32, NULL, 32), "null pk");
        expect(INVALID, HpkeBinding.ferrite_hpke_derive_key_pair(false, ikm, 32, sk, 32, sk, 32), "pk overlaps sk");
        expect(OK, HpkeBinding.ferrite_hpke_derive_key_pair(false, NULL, 0, sk, 32, pk, 32), "empty ikm");
    }
}
