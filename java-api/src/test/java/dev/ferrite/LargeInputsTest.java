package dev.ferrite;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.aead.AesGcmKey;
import java.lang.management.BufferPoolMXBean;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;
import java.util.function.Supplier;
import javax.crypto.AEADBadTagException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Inputs near 2 GiB (issue #7, item 7): SHA-256 and AES-GCM on direct buffers of the largest capacity a
 * {@link ByteBuffer} allows, and on the largest heap arrays, through both backends. The native backend feeds such
 * inputs to its hash or GCM state in 1 MiB critical calls (docs/ARCHITECTURE.md, "Calling through FFM"); every result
 * must equal the Java fallback's and, for SHA-256, the JDK's {@link MessageDigest} fed from 1 MiB heap copies.
 *
 * <p>Tagged {@code large} and left out of the normal test command (java-api/pom.xml): it needs {@code -Xmx9g} (the heap
 * AES-GCM test holds four 2 GiB arrays: plaintext, two outputs, and the JDK's copy of the output when the input is a
 * read-only heap buffer) and {@code -XX:MaxDirectMemorySize=6400m} (three 2 GiB direct buffers); the JVM peaked at
 * 14.3 GiB resident, and the run takes about 100 s on 2 cores. Run it with {@code scripts/large-inputs.sh}. The
 * direct-buffer tests run first and their buffers are freed after each test, so the heap tests don't add to them.
 */
@Tag("native")
@Tag("large")
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class LargeInputsTest {
    /** The largest direct buffer: a capacity is an {@code int}. */
    private static final int DIRECT_CAPACITY = Integer.MAX_VALUE;
    /** The largest heap array HotSpot allocates on every configuration (the JDK's own soft maximum). */
    private static final int HEAP_CAPACITY = Integer.MAX_VALUE - 8;
    /**
     * The longest plaintext {@link AesGcmKey} accepts (its output, with nonce and tag, must fit a Java array); the test
     * checks that one byte more is refused.
     */
    private static final int MAX_PLAINTEXT = Integer.MAX_VALUE - 8 - 12 - 16;
    /** Chunk of the JDK reference digests, and of the zero checks. */
    private static final int CHUNK = 1 << 20;
    private static final List<Backend> BACKENDS = List.of(Backend.NATIVE, Backend.JAVA);

    // ------------------------------------------------------------------------------------------------- SHA-256

    @Test
    @Order(1)
    void sha256_directBuffer_allBackendsAndTheJdkAgree() throws Exception {
        ByteBuffer data = ByteBuffer.allocateDirect(DIRECT_CAPACITY);
        fill(data);
        sha256Views(data);
    }

    @Test
    @Order(3)
    void sha256_heapArray_allBackendsAndTheJdkAgree() throws Exception {
        byte[] array = new byte[HEAP_CAPACITY];
        ByteBuffer data = ByteBuffer.wrap(array);
        fill(data);
        sha256Views(data);

        byte[] whole = jdkSha256(data, 0, array.length);
        int offset = 5;
        int length = array.length - 6; // odd, and ends one byte short of the array
        assertEquals(1, length % 2);
        byte[] range = jdkSha256(data, offset, length);
        for (Backend backend : BACKENDS) {
            long start = System.nanoTime();
            assertArrayEquals(whole, Crypto.sha256(backend).digest(array), "digest(byte[]), " + backend);
            assertArrayEquals(range, Crypto.sha256(backend).digest(array, offset, length),
                    "digest(byte[], 5, " + length + "), " + backend);
            log("sha256 heap byte[] whole and range, %s", start, backend);
        }
    }

    /** Whole buffer, a window with an odd length, a slice, and a read-only view, on each backend. */
    private static void sha256Views(ByteBuffer data) throws Exception {
        String kind = data.isDirect() ? "direct" : "heap";
        int capacity = data.capacity();
        int from = 3;
        int to = capacity - 1;
        assertEquals(1, (to - from) % 2, "the window has an odd length");
        long start = System.nanoTime();
        byte[] whole = jdkSha256(data, 0, capacity);
        byte[] window = jdkSha256(data, from, to - from);
        log("sha256 %s: JDK reference digests", start, kind);
        assertFalse(Arrays.equals(whole, window), "the window is a different message");

        record View(String name, Supplier<ByteBuffer> make, byte[] expected) {}
        List<View> views = List.of(
                new View("whole", () -> data.duplicate().clear(), whole),
                new View("position 3, limit capacity - 1", () -> data.duplicate().position(from).limit(to), window),
                new View("slice(3, capacity - 4)", () -> data.slice(from, to - from), window),
                new View("read-only, position 3, limit capacity - 1",
                        () -> data.asReadOnlyBuffer().position(from).limit(to), window));
        for (View view : views) {
            for (Backend backend : BACKENDS) {
                ByteBuffer buffer = view.make().get();
                int position = buffer.position();
                int limit = buffer.limit();
                start = System.nanoTime();
                byte[] digest = Crypto.sha256(backend).digest(buffer);
                log("sha256 %s %s, %s (%d bytes)", start, kind, view.name(), backend, limit - position);
                String what = kind + " " + view.name() + ", " + backend;
                assertArrayEquals(view.expected(), digest, what);
                assertEquals(limit, buffer.position(), "position moved to the limit, " + what);
                assertEquals(limit, buffer.limit(), "limit unchanged, " + what);
            }
        }
    }

    /** The JDK's digest of {@code data[from, from + length)}, fed through a 1 MiB heap array (position untouched). */
    private static byte[] jdkSha256(ByteBuffer data, int from, int length) throws Exception {
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        byte[] chunk = new byte[CHUNK];
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(CHUNK, length - done);
            data.get((int) (from + done), chunk, 0, n);
            md.update(chunk, 0, n);
            done += n;
        }
        return md.digest();
    }

    // ------------------------------------------------------------------------------------------------- AES-GCM

    @Test
    @Order(2)
    void aesGcm_directBuffers_backendsAgree_roundTrip_tamperingWipes() throws Exception {
        aesGcm(ByteBuffer::allocateDirect, DIRECT_CAPACITY, "direct");
    }

    @Test
    @Order(4)
    void aesGcm_heapBuffers_backendsAgree_roundTrip_tamperingWipes() throws Exception {
        aesGcm(ByteBuffer::allocate, HEAP_CAPACITY, "heap");
    }

    /**
     * The longest plaintext AES-GCM accepts, in buffers from {@code allocate} of {@code capacity} bytes: encryption on
     * both backends (plain and read-only input) gives the same bytes, each backend decrypts it back, and a flipped
     * ciphertext byte near the end makes each backend throw {@link AEADBadTagException}, zero its output range (which
     * held the plaintext), leave the bytes around it alone and move no position.
     */
    private static void aesGcm(IntFunction<ByteBuffer> allocate, int capacity, String kind) throws Exception {
        int length = MAX_PLAINTEXT;
        int sealed = length + 16;
        int plainAt = 3;
        int nativeAt = 5;
        int javaAt = 7;
        int openAt = 9;

        ByteBuffer source = allocate.apply(capacity);
        fill(source);
        ByteBuffer nativeOut = allocate.apply(capacity);
        ByteBuffer javaOut = allocate.apply(capacity);
        byte[] key = bytes(32, 1);
        byte[] nonce = bytes(12, 2);
        byte[] aad = bytes(3 * CHUNK + 5, 3); // more than one slice: the AAD is sliced too

        try (AesGcmKey nativeKey = Crypto.aesGcm(Backend.NATIVE).key(key);
                AesGcmKey javaKey = Crypto.aesGcm(Backend.JAVA).key(key)) {
            for (AesGcmKey k : List.of(nativeKey, javaKey)) {
                ByteBuffer tooLong = source.duplicate().position(plainAt).limit(plainAt + length + 1);
                ByteBuffer out = nativeOut.duplicate().clear();
                assertThrows(IllegalArgumentException.class, () -> k.encrypt(nonce, tooLong, aad, out),
                        "one byte over the longest plaintext, " + k);
                assertEquals(plainAt, tooLong.position());
                assertEquals(0, out.position());
            }

            for (boolean readOnly : new boolean[] {false, true}) {
                encrypt(nativeKey, nonce, aad, source, plainAt, length, readOnly, nativeOut, nativeAt, kind);
                encrypt(javaKey, nonce, aad, source, plainAt, length, readOnly, javaOut, javaAt, kind);
                assertEquals(-1, nativeOut.slice(nativeAt, sealed).mismatch(javaOut.slice(javaAt, sealed)),
                        "native and Java ciphertext || tag differ at this index, " + kind + ", read-only input "
                                + readOnly);
            }
            assertNotEquals(-1, nativeOut.slice(nativeAt, length).mismatch(source.slice(plainAt, length)),
                    "the ciphertext is not the plaintext");

            ByteBuffer plaintext = source.slice(plainAt, length);
            int flipAt = nativeAt + length - 3; // a ciphertext byte near the end, before the tag
            for (AesGcmKey k : List.of(nativeKey, javaKey)) {
                String what = kind + ", " + k.backend();
                // javaOut now holds other bytes at openAt: the Java ciphertext or, later, zeros.
                assertNotEquals(-1, javaOut.slice(openAt, length).mismatch(plaintext), "precondition, " + what);

                ByteBuffer in = nativeOut.duplicate().position(nativeAt).limit(nativeAt + sealed);
                ByteBuffer out = javaOut.duplicate().position(openAt);
                long start = System.nanoTime();
                assertEquals(length, k.decrypt(nonce, in, aad, out), "bytes written, " + what);
                log("aes-gcm %s decrypt, %s (%d bytes)", start, kind, k.backend(), sealed);
                assertEquals(in.limit(), in.position(), "input consumed, " + what);
                assertEquals(nativeAt + sealed, in.limit());
                assertEquals(openAt + length, out.position(), "output advanced, " + what);
                assertEquals(capacity, out.limit());
                assertEquals(-1, javaOut.slice(openAt, length).mismatch(plaintext),
                        "decrypted plaintext differs at this index, " + what);

                byte[] before = new byte[8];
                byte[] after = new byte[8];
                javaOut.get(openAt - before.length, before);
                javaOut.get(openAt + length, after);
                assertFalse(Arrays.equals(before, new byte[8]) || Arrays.equals(after, new byte[8]),
                        "precondition: the bytes around the output range are not zeros, " + what);
                nativeOut.put(flipAt, (byte) (nativeOut.get(flipAt) ^ 0x40));
                try {
                    ByteBuffer badIn = nativeOut.duplicate().position(nativeAt).limit(nativeAt + sealed);
                    ByteBuffer badOut = javaOut.duplicate().position(openAt);
                    start = System.nanoTime();
                    assertThrows(AEADBadTagException.class, () -> k.decrypt(nonce, badIn, aad, badOut),
                            "flipped ciphertext byte, " + what);
                    log("aes-gcm %s decrypt of a tampered ciphertext, %s", start, kind, k.backend());
                    assertEquals(nativeAt, badIn.position(), "input position kept on failure, " + what);
                    assertEquals(openAt, badOut.position(), "output position kept on failure, " + what);
                    assertEquals(capacity, badOut.limit());
                } finally {
                    nativeOut.put(flipAt, (byte) (nativeOut.get(flipAt) ^ 0x40));
                }
                assertAllZero(javaOut, openAt, length, "output after a failed decryption, " + what);
                byte[] beforeNow = new byte[8];
                byte[] afterNow = new byte[8];
                javaOut.get(openAt - beforeNow.length, beforeNow);
                javaOut.get(openAt + length, afterNow);
                assertArrayEquals(before, beforeNow, "bytes before the output range untouched, " + what);
                assertArrayEquals(after, afterNow, "bytes after the output range untouched, " + what);
            }
        }
    }

    private static void encrypt(AesGcmKey key, byte[] nonce, byte[] aad, ByteBuffer source, int plainAt, int length,
            boolean readOnly, ByteBuffer output, int outAt, String kind) {
        ByteBuffer in = (readOnly ? source.asReadOnlyBuffer() : source.duplicate())
                .position(plainAt).limit(plainAt + length);
        ByteBuffer out = output.duplicate().position(outAt);
        String what = kind + ", " + key.backend() + ", read-only input " + readOnly;
        long start = System.nanoTime();
        assertEquals(length + 16, key.encrypt(nonce, in, aad, out), "bytes written, " + what);
        log("aes-gcm %s encrypt, %s, read-only input %s (%d bytes)", start, kind, key.backend(), readOnly, length);
        assertEquals(plainAt + length, in.position(), "input consumed, " + what);
        assertEquals(plainAt + length, in.limit());
        assertEquals(outAt + length + 16, out.position(), "output advanced, " + what);
        assertEquals(output.capacity(), out.limit());
    }

    // ------------------------------------------------------------------------------------------------- helpers

    /**
     * Frees the last test's direct buffers (unreachable by now) before the next test allocates, so the peak memory is
     * that of one test. Best effort: the JVM would also collect them when direct memory runs out, but possibly only
     * after the heap has grown.
     */
    @AfterEach
    void releaseDirectMemory() throws InterruptedException {
        BufferPoolMXBean direct = ManagementFactory.getPlatformMXBeans(BufferPoolMXBean.class).stream()
                .filter(pool -> pool.getName().equals("direct")).findFirst().orElseThrow();
        for (int i = 0; i < 50 && direct.getMemoryUsed() > CHUNK * 64L; i++) {
            System.gc();
            Thread.sleep(100);
        }
        System.out.printf("large-inputs: direct memory in use after the test: %d MiB%n", direct.getMemoryUsed() >> 20);
    }

    /** Fills the whole buffer with xorshift64 output (not zeros, not periodic); its position is untouched. */
    private static void fill(ByteBuffer buffer) {
        long start = System.nanoTime();
        long x = 0x9E3779B97F4A7C15L;
        long capacity = buffer.capacity();
        long i = 0;
        for (; i + Long.BYTES <= capacity; i += Long.BYTES) {
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            buffer.putLong((int) i, x);
        }
        for (; i < capacity; i++) {
            buffer.put((int) i, (byte) (x >>> (8 * (i % 8))));
        }
        log("fill %s buffer of %d bytes", start, buffer.isDirect() ? "direct" : "heap", capacity);
    }

    private static byte[] bytes(int length, int seed) {
        byte[] bytes = new byte[length];
        for (int i = 0; i < length; i++) {
            bytes[i] = (byte) (i * 31 + seed * 17 + (i >>> 8));
        }
        return bytes;
    }

    private static void assertAllZero(ByteBuffer buffer, int from, int length, String what) {
        ByteBuffer zeros = ByteBuffer.allocate(CHUNK);
        for (long done = 0; done < length; ) {
            int n = (int) Math.min(CHUNK, length - done);
            int at = (int) (from + done);
            int mismatch = buffer.slice(at, n).mismatch(zeros.slice(0, n));
            assertTrue(mismatch < 0, () -> what + ": non-zero byte at index " + (at + mismatch));
            done += n;
        }
    }

    private static void log(String format, long startNanos, Object... args) {
        double seconds = (System.nanoTime() - startNanos) / 1e9;
        System.out.printf("large-inputs: " + format + ": %.2f s%n",
                append(args, seconds));
    }

    private static Object[] append(Object[] args, Object last) {
        Object[] all = Arrays.copyOf(args, args.length + 1);
        all[args.length] = last;
        return all;
    }
}
