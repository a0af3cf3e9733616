package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.ByteBuffer;
import java.security.DigestException;
import java.security.MessageDigest;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code MessageDigest SHA-256} against SUN's: the same assertions for SUN and for Ferrite on each backend (digests
 * in one piece and in random pieces, clone, reset, the output-buffer variant and its errors, aliases, messages past
 * the threshold where Ferrite hands the stream to SUN).
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.jca.Jca#impls")
class JcaDigestConformanceTest {
    @Parameter
    Jca.Impl impl;

    private MessageDigest sha256() throws Exception {
        return MessageDigest.getInstance("SHA-256", impl.digest());
    }

    private static byte[] sun(byte[] data) throws Exception {
        return MessageDigest.getInstance("SHA-256", Jca.jdk("SUN")).digest(data);
    }

    private static byte[] bytes(int length, long seed) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    @Test
    void digests_inOnePieceAndInPieces_equalSuns() throws Exception {
        MessageDigest md = sha256();
        assertEquals(32, md.getDigestLength());
        SplittableRandom random = new SplittableRandom(5);
        for (int length = 0; length <= 300; length += (length < 130 ? 1 : 17)) {
            byte[] data = bytes(length, length);
            byte[] expected = sun(data);
            assertArrayEquals(expected, md.digest(data), "one piece, " + length + " bytes");
            int position = 0;
            while (position < length) {
                int n = Math.min(length - position, random.nextInt(70));
                switch (random.nextInt(4)) {
                    case 0 -> md.update(data, position, n);
                    case 1 -> md.update(ByteBuffer.wrap(data, position, n));
                    case 2 -> {
                        ByteBuffer direct = ByteBuffer.allocateDirect(n);
                        direct.put(data, position, n).flip();
                        md.update(direct);
                    }
                    default -> {
                        for (int i = 0; i < n; i++) {
                            md.update(data[position + i]);
                        }
                    }
                }
                position += n;
            }
            assertArrayEquals(expected, md.digest(), "pieces, " + length + " bytes");
        }
    }

    @Test
    void aliases() throws Exception {
        byte[] expected = sun(new byte[] {1, 2, 3});
        for (String name : new String[] {"SHA-256", "SHA256", "OID.2.16.840.1.101.3.4.2.1", "2.16.840.1.101.3.4.2.1"}) {
            assertArrayEquals(expected, MessageDigest.getInstance(name, impl.digest()).digest(new byte[] {1, 2, 3}),
                    name);
        }
    }

    @Test
    void clone_continuesIndependently_andResetStartsOver() throws Exception {
        MessageDigest md = sha256();
        md.update(bytes(100, 1));
        MessageDigest copy = (MessageDigest) md.clone();
        md.update(bytes(50, 2));
        copy.update(bytes(50, 3));
        byte[] first = md.digest();
        byte[] second = copy.digest();
        assertArrayEquals(sun(Jca.concat(bytes(100, 1), bytes(50, 2))), first);
        assertArrayEquals(sun(Jca.concat(bytes(100, 1), bytes(50, 3))), second);
        md.update(bytes(10, 4));
        md.reset();
        assertArrayEquals(sun(new byte[0]), md.digest());
    }

    @Test
    void digestIntoABuffer_checksTheRoomFirst_andKeepsTheState() throws Exception {
        MessageDigest md = sha256();
        md.update(bytes(77, 9));
        byte[] out = new byte[40];
        assertThrows(DigestException.class, () -> md.digest(out, 0, 31));
        assertThrows(IllegalArgumentException.class, () -> md.digest(out, 20, 32));
        assertThrows(IllegalArgumentException.class, () -> md.digest(null, 0, 32));
        assertEquals(32, md.digest(out, 5, 35));
        byte[] written = java.util.Arrays.copyOfRange(out, 5, 37);
        assertArrayEquals(sun(bytes(77, 9)), written, "the failed calls kept the message");
    }

    @Test
    void messagesPastTheCollectionThreshold_equalSuns_andClone() throws Exception {
        byte[] chunk = bytes(1 << 20, 11);
        int chunks = Sha256DigestSpi.SPILL_THRESHOLD / chunk.length + 2;
        MessageDigest expected = MessageDigest.getInstance("SHA-256", Jca.jdk("SUN"));
        MessageDigest md = sha256();
        MessageDigest half = null;
        for (int i = 0; i < chunks; i++) {
            md.update(chunk);
            expected.update(chunk);
            if (i == chunks - 1) {
                half = (MessageDigest) md.clone();
            }
        }
        MessageDigest expectedCopy = (MessageDigest) expected.clone();
        assertArrayEquals(expected.digest(), md.digest());
        half.update((byte) 1);
        expectedCopy.update((byte) 1);
        assertArrayEquals(expectedCopy.digest(), half.digest());
        // and in one update larger than the threshold
        byte[] big = new byte[Sha256DigestSpi.SPILL_THRESHOLD + 5];
        assertArrayEquals(sun(big), md.digest(big));
    }
}
