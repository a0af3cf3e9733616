package dev.ferrite.sha256;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * SHA-256 on each backend: known answers, agreement with the JDK's {@link MessageDigest} on every shape of input,
 * large inputs, batches, concurrency and argument checks.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class Sha256Test {
    private static final HexFormat HEX = HexFormat.of();

    @Parameter
    Backend backend;

    private Sha256 sha256() {
        return Crypto.sha256(backend);
    }

    private static byte[] jdk(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (NoSuchAlgorithmException e) {
            throw new AssertionError(e);
        }
    }

    private static byte[] random(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }

    // ------------------------------------------------------------------------------------------ known answers

    /** One NIST CAVP case. */
    private record Vector(int index, byte[] message, String expected) {}

    /** Reads a CAVP .rsp file (see resources/vectors/nist/README.md for its source and licence). */
    private static List<Vector> readCavp(String resource) throws IOException {
        List<Vector> vectors = new ArrayList<>();
        try (InputStream raw = Sha256Test.class.getResourceAsStream(resource)) {
            assertTrue(raw != null, "missing test resource " + resource);
            BufferedReader in = new BufferedReader(
                    new InputStreamReader(new GZIPInputStream(raw), StandardCharsets.US_ASCII));
            int bits = -1;
            byte[] message = null;
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                line = line.strip();
                if (line.startsWith("Len = ")) {
                    bits = Integer.parseInt(line.substring(6));
                } else if (line.startsWith("Msg = ")) {
                    // Len = 0 is written as Msg = 00: the message is Len / 8 bytes of the hex.
                    message = Arrays.copyOf(HEX.parseHex(line.substring(6)), bits / 8);
                } else if (line.startsWith("MD = ")) {
                    vectors.add(new Vector(vectors.size(), message, line.substring(5)));
                }
            }
        }
        return vectors;
    }

    private void assertAllVectors(String resource, int expectedCount) throws IOException {
        List<Vector> vectors = readCavp(resource);
        assertEquals(expectedCount, vectors.size(), "vectors parsed from " + resource);
        List<String> failures = new ArrayList<>();
        for (Vector v : vectors) {
            String got = HEX.formatHex(sha256().digest(v.message()));
            if (!got.equals(v.expected())) {
                failures.add("#" + v.index() + " (" + v.message().length + " bytes): expected " + v.expected()
                        + ", got " + got);
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " of " + vectors.size() + " failed:\n"
                + String.join("\n", failures));
    }

    @Test
    void digest_nistShortMessages_matchAll() throws IOException {
        assertAllVectors("/vectors/nist/SHA256ShortMsg.rsp.gz", 65);
    }

    @Test
    void digest_nistLongMessages_matchAll() throws IOException {
        assertAllVectors("/vectors/nist/SHA256LongMsg.rsp.gz", 64);
    }

    // ------------------------------------------------------------------------------------------ differential

    @Test
    void digest_randomLengthsAndBlockBoundaries_equalMessageDigest() {
        SplittableRandom random = new SplittableRandom(0x5EED_0001L);
        List<Integer> lengths = new ArrayList<>(List.of(0, 1, 55, 56, 57, 63, 64, 65, 119, 120, 127, 128, 129));
        for (int i = 0; i < 500; i++) {
            lengths.add(random.nextInt(10_001));
        }
        for (int length : lengths) {
            byte[] data = random(random, length);
            assertArrayEquals(jdk(data), sha256().digest(data), "length " + length);
        }
    }

    @Test
    void digest_rangeOfLargerArray_equalsDigestOfCopy() {
        SplittableRandom random = new SplittableRandom(0x5EED_0002L);
        byte[] data = random(random, 20_000);
        for (int i = 0; i < 200; i++) {
            int offset = random.nextInt(data.length + 1);
            int length = random.nextInt(data.length - offset + 1);
            byte[] copy = Arrays.copyOfRange(data, offset, offset + length);
            assertArrayEquals(jdk(copy), sha256().digest(data, offset, length), offset + "+" + length);
        }
    }

    @Test
    void digest_byteBuffers_heapDirectReadOnlyAndSliced_equalMessageDigest() {
        SplittableRandom random = new SplittableRandom(0x5EED_0003L);
        for (int length : new int[] {0, 1, 64, 1000, 70_000}) {
            byte[] data = random(random, length + 10);
            byte[] expected = jdk(Arrays.copyOfRange(data, 5, 5 + length));
            ByteBuffer heap = ByteBuffer.wrap(data, 5, length);
            ByteBuffer direct = ByteBuffer.allocateDirect(data.length).put(data).position(5).limit(5 + length);
            ByteBuffer readOnly = ByteBuffer.wrap(data).position(5).limit(5 + length).asReadOnlyBuffer();
            for (ByteBuffer buffer : List.of(heap, direct, readOnly, ByteBuffer.wrap(data).position(5).slice()
                    .limit(length))) {
                int limit = buffer.limit();
                assertArrayEquals(expected, sha256().digest(buffer), buffer + " of " + length);
                assertEquals(limit, buffer.position(), "the buffer is consumed up to its limit");
            }
        }
    }

    @Test
    void digest_inputsLargerThanOneSlice_equalMessageDigest() {
        SplittableRandom random = new SplittableRandom(0x5EED_0004L);
        for (int length : new int[] {(1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 * (1 << 20) + 17}) {
            byte[] data = random(random, length + 3);
            byte[] expected = jdk(Arrays.copyOfRange(data, 3, data.length));
            assertArrayEquals(expected, sha256().digest(data, 3, length), "array range of " + length);
            ByteBuffer direct = ByteBuffer.allocateDirect(length).put(data, 3, length).flip();
            assertArrayEquals(expected, sha256().digest(direct), "direct buffer of " + length);
        }
    }

    @Test
    void digest_hundredMebibyteDirectBuffer_equalsMessageDigest() throws NoSuchAlgorithmException {
        int size = 100 << 20;
        ByteBuffer buffer = ByteBuffer.allocateDirect(size);
        SplittableRandom random = new SplittableRandom(0x5EED_0005L);
        while (buffer.remaining() >= 8) {
            buffer.putLong(random.nextLong());
        }
        buffer.flip();
        MessageDigest md = MessageDigest.getInstance("SHA-256");
        md.update(buffer.duplicate());
        byte[] expected = md.digest();
        assertArrayEquals(expected, sha256().digest(buffer));
        assertEquals(size, buffer.position());
    }

    // ------------------------------------------------------------------------------------------ batches

    private void assertBatchMatches(List<byte[]> messages) {
        byte[][] digests = sha256().digestAll(messages);
        assertEquals(messages.size(), digests.length);
        for (int i = 0; i < digests.length; i++) {
            assertArrayEquals(jdk(messages.get(i)), digests[i], "message " + i);
        }
    }

    @Test
    void digestAll_empty_returnsEmpty() {
        assertEquals(0, sha256().digestAll(List.of()).length);
    }

    @Test
    void digestAll_oneMessage_equalsDigest() {
        assertBatchMatches(List.of("abc".getBytes(StandardCharsets.US_ASCII)));
    }

    @Test
    void digestAll_hundredThousandMessages_equalPerMessageDigestsInOrder() {
        SplittableRandom random = new SplittableRandom(0x5EED_0006L);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            messages.add(random(random, random.nextInt(300)));
        }
        assertBatchMatches(messages);
    }

    @Test
    void digestAll_mixedShapes_emptyAndLargerThanOneSlice_equalPerMessageDigests() {
        SplittableRandom random = new SplittableRandom(0x5EED_0007L);
        List<byte[]> messages = new LinkedList<>();
        for (int i = 0; i < 3000; i++) {
            messages.add(random(random, random.nextInt(2000)));
            if (i % 1000 == 17) {
                messages.add(new byte[0]);
                messages.add(random(random, (1 << 20) + random.nextInt(1000)));
                messages.add(random(random, (1 << 20) - 1));
                // Around the largest message that still shares a chunk (one slice less its padding block).
                messages.add(random(random, (1 << 20) - 64));
                messages.add(random(random, (1 << 20) - 63));
            }
        }
        assertBatchMatches(messages);
    }

    @Test
    void digestAll_manyEmptyMessages_allDigestOfEmpty() {
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 200_000; i++) {
            messages.add(new byte[0]);
        }
        byte[] empty = jdk(new byte[0]);
        for (byte[] digest : sha256().digestAll(messages)) {
            assertArrayEquals(empty, digest);
        }
    }

    // ------------------------------------------------------------------------------------------ concurrency

    @Test
    void digest_eightThreadsAtOnce_allResultsCorrect() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Integer>> results = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                long seed = 0x5EED_1000L + t;
                results.add(pool.submit(() -> {
                    SplittableRandom random = new SplittableRandom(seed);
                    int checked = 0;
                    for (int i = 0; i < 300; i++) {
                        byte[] data = random(random, random.nextInt(5000));
                        assertArrayEquals(jdk(data), sha256().digest(data));
                        checked++;
                    }
                    List<byte[]> batch = new ArrayList<>();
                    for (int i = 0; i < 2000; i++) {
                        batch.add(random(random, random.nextInt(600)));
                    }
                    byte[][] digests = sha256().digestAll(batch);
                    for (int i = 0; i < batch.size(); i++) {
                        assertArrayEquals(jdk(batch.get(i)), digests[i]);
                        checked++;
                    }
                    return checked;
                }));
            }
            for (Future<Integer> result : results) {
                assertEquals(2300, result.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------ arguments

    @Test
    void digest_null_throwsNullPointerNamingArgument() {
        var e = assertThrows(NullPointerException.class, () -> sha256().digest((byte[]) null));
        assertEquals("data", e.getMessage());
        assertThrows(NullPointerException.class, () -> sha256().digest((ByteBuffer) null));
        assertThrows(NullPointerException.class, () -> sha256().digest(null, 0, 0));
    }

    @Test
    void digestAll_nullListOrElement_throwsNullPointerNamingIt() {
        var list = assertThrows(NullPointerException.class, () -> sha256().digestAll(null));
        assertEquals("messages", list.getMessage());
        List<byte[]> messages = new ArrayList<>(List.of(new byte[1], new byte[2], new byte[3]));
        messages.add(null);
        var element = assertThrows(NullPointerException.class, () -> sha256().digestAll(messages));
        assertEquals("messages[3] is null", element.getMessage());
    }

    @Test
    void digest_badRange_throwsIndexOutOfBounds() {
        byte[] data = new byte[10];
        assertThrows(IndexOutOfBoundsException.class, () -> sha256().digest(data, -1, 2));
        assertThrows(IndexOutOfBoundsException.class, () -> sha256().digest(data, 0, 11));
        assertThrows(IndexOutOfBoundsException.class, () -> sha256().digest(data, 5, -1));
        assertThrows(IndexOutOfBoundsException.class, () -> sha256().digest(data, 11, 0));
        assertThrows(IndexOutOfBoundsException.class, () -> sha256().digest(data, Integer.MAX_VALUE, 2));
    }

    @Test
    void backend_isTheRequestedOne() {
        assertEquals(backend, sha256().backend());
        assertTrue(sha256().toString().contains(backend.name()));
    }

    /** Packs {@code messages} after {@code lead} spare bytes; returns the offsets (relative to {@code lead}). */
    private static int[] pack(List<byte[]> messages, byte[] into, int lead) {
        int[] offsets = new int[messages.size() + 1];
        int at = 0;
        for (int i = 0; i < messages.size(); i++) {
            offsets[i] = at;
            System.arraycopy(messages.get(i), 0, into, lead + at, messages.get(i).length);
            at += messages.get(i).length;
        }
        offsets[messages.size()] = at;
        return offsets;
    }

    /**
     * The packed entry point on heap, direct, read-only and offset buffers, with empty messages, messages larger than
     * one slice and around the chunk limit: the same digests as one {@code MessageDigest} per message, the buffer's
     * position and limit untouched.
     */
    @Test
    void digestAllPacked_everyBufferKind_equalsPerMessageDigests() {
        SplittableRandom random = new SplittableRandom(0x5EED_0011L);
        List<byte[]> messages = new ArrayList<>();
        for (int i = 0; i < 5000; i++) {
            messages.add(random(random, random.nextInt(700)));
            if (i % 2000 == 3) {
                messages.add(new byte[0]);
                messages.add(random(random, (1 << 20) + random.nextInt(1000)));
                messages.add(random(random, (1 << 20) - 64));
                messages.add(random(random, (1 << 20) - 63));
            }
        }
        int total = messages.stream().mapToInt(m -> m.length).sum();
        int lead = 13;
        byte[] backing = new byte[lead + total + 7];
        int[] offsets = pack(messages, backing, lead);
        byte[] expected = new byte[32 * messages.size()];
        for (int i = 0; i < messages.size(); i++) {
            System.arraycopy(jdk(messages.get(i)), 0, expected, 32 * i, 32);
        }
        ByteBuffer heap = ByteBuffer.wrap(backing).position(lead).limit(lead + total);
        ByteBuffer direct = ByteBuffer.allocateDirect(backing.length).put(backing).position(lead).limit(lead + total);
        for (ByteBuffer buffer : List.of(heap, direct, heap.asReadOnlyBuffer(), direct.asReadOnlyBuffer(),
                heap.slice())) {
            String kind = (buffer.isDirect() ? "direct" : "heap") + (buffer.isReadOnly() ? ", read-only" : "");
            int position = buffer.position();
            assertArrayEquals(expected, sha256().digestAll(buffer, offsets), kind);
            assertEquals(position, buffer.position(), kind + ": position unchanged");
            assertEquals(position + total, buffer.limit(), kind + ": limit unchanged");
        }
        // A sub-range of messages: offsets need not start at 0.
        int[] middle = Arrays.copyOfRange(offsets, 100, 201);
        assertArrayEquals(Arrays.copyOfRange(expected, 32 * 100, 32 * 200), sha256().digestAll(heap, middle));
    }

    @Test
    void digestAllPacked_smallCases_andBadOffsets() {
        ByteBuffer abc = ByteBuffer.wrap("abc".getBytes(StandardCharsets.US_ASCII));
        byte[] three = sha256().digestAll(abc, new int[] {0, 1, 1, 3});
        assertEquals(96, three.length);
        assertArrayEquals(jdk("a".getBytes(StandardCharsets.US_ASCII)), Arrays.copyOfRange(three, 0, 32));
        assertArrayEquals(jdk(new byte[0]), Arrays.copyOfRange(three, 32, 64));
        assertArrayEquals(jdk("bc".getBytes(StandardCharsets.US_ASCII)), Arrays.copyOfRange(three, 64, 96));
        assertEquals(0, sha256().digestAll(abc, new int[] {2}).length, "no messages");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> sha256().digestAll(abc, new int[] {0, 2, 1}));
        assertTrue(e.getMessage().contains("offsets[2]"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> sha256().digestAll(abc, new int[] {0, 4}));
        assertTrue(e.getMessage().contains("offsets[1] = 4"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> sha256().digestAll(abc, new int[] {-1, 1}));
        assertThrows(IllegalArgumentException.class, () -> sha256().digestAll(abc, new int[0]));
        assertThrows(IllegalArgumentException.class,
                () -> sha256().digestAll(abc.duplicate().position(2), new int[] {0, 2}), "beyond remaining");
        assertThrows(NullPointerException.class, () -> sha256().digestAll((ByteBuffer) null, new int[] {0}));
        assertThrows(NullPointerException.class, () -> sha256().digestAll(abc, null));
    }
}
