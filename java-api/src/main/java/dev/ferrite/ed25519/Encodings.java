package dev.ferrite.ed25519;

import java.util.Arrays;
import java.util.HexFormat;

/**
 * The byte-level parts of the verification rule (canonical and not small-order point encodings), shared by both
 * backends (the native library has the same checks in {@code ed25519.rs}), and the RFC 8410 key encodings.
 * Parsing only: nothing here does curve arithmetic. Stateless and thread-safe.
 */
final class Encodings {
    /**
     * The canonical encodings of the 8 points of small order, plus the two {@code x = -0} forms of the points with
     * {@code x = 0} (identity and the point of order 2). The 4 remaining small-order encodings (y = p and y = p + 1,
     * either sign) are non-canonical and fail the {@code y < p} check. Source: the CCTV ed25519 vectors' README
     * (C2SP/CCTV, ed25519/), which lists all 14.
     */
    private static final byte[][] SMALL_ORDER = hex(
            "0000000000000000000000000000000000000000000000000000000000000000",  // order 4, x > 0
            "0000000000000000000000000000000000000000000000000000000000000080",  // order 4, x < 0
            "0100000000000000000000000000000000000000000000000000000000000000",  // identity
            "0100000000000000000000000000000000000000000000000000000000000080",  // identity, x = -0
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc05",  // order 8
            "26e8958fc2b227b045c3f489f2ef98f0d5dfac05d3c63339b13802886d53fc85",  // order 8
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac037a",  // order 8
            "c7176a703d4dd84fba3c0b760d10670f2a2053fa2c39ccc64ec7fd7792ac03fa",  // order 8
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff7f",  // order 2
            "ecffffffffffffffffffffffffffffffffffffffffffffffffffffffffffffff"); // order 2, x = -0

    /** X.509 SubjectPublicKeyInfo of an Ed25519 key (RFC 8410 §4) up to the 32 key bytes. */
    private static final byte[] SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");
    /** AlgorithmIdentifier id-Ed25519 (1.3.101.112), parameters absent (RFC 8410 §3). */
    private static final byte[] ALGORITHM = HexFormat.of().parseHex("300506032b6570");
    /** PKCS#8 v1 (RFC 5208 / RFC 8410 §7) up to the 32 seed bytes, as OpenSSL and the JDK write it. */
    private static final byte[] PKCS8_V1_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");

    private Encodings() {}

    private static byte[][] hex(String... values) {
        return Arrays.stream(values).map(HexFormat.of()::parseHex).toArray(byte[][]::new);
    }

    /**
     * Rules 1 and 2 of {@link Ed25519}'s verification rule, on the encoding alone: whether the 32 bytes at
     * {@code offset} have {@code y < p} and are not a small-order point. (Whether they decode to a curve point at all
     * is left to the verifier.)
     */
    static boolean isCanonicalAndNotSmallOrder(byte[] point, int offset) {
        if (!isCanonicalY(point, offset)) {
            return false;
        }
        for (byte[] small : SMALL_ORDER) {
            if (Arrays.equals(point, offset, offset + 32, small, 0, 32)) {
                return false;
            }
        }
        return true;
    }

    /** Whether the little-endian 255-bit y at {@code offset} is below p = 2^255 - 19. */
    private static boolean isCanonicalY(byte[] point, int offset) {
        if ((point[offset + 31] & 0x7f) != 0x7f) {
            return true;
        }
        for (int i = 30; i >= 1; i--) {
            if (point[offset + i] != (byte) 0xff) {
                return true;
            }
        }
        return (point[offset] & 0xff) < 0xed;
    }

    /** The X.509 SubjectPublicKeyInfo encoding of a 32-byte key. */
    static byte[] toSpki(byte[] publicKey) {
        byte[] out = Arrays.copyOf(SPKI_PREFIX, SPKI_PREFIX.length + 32);
        System.arraycopy(publicKey, 0, out, SPKI_PREFIX.length, 32);
        return out;
    }

    /** The 32 key bytes of an X.509 SubjectPublicKeyInfo, which must be exactly RFC 8410's form. */
    static byte[] fromSpki(byte[] encoded) {
        if (encoded.length != SPKI_PREFIX.length + 32
                || !Arrays.equals(encoded, 0, SPKI_PREFIX.length, SPKI_PREFIX, 0, SPKI_PREFIX.length)) {
            throw new IllegalArgumentException("not an X.509 SubjectPublicKeyInfo of an Ed25519 key (RFC 8410: 44 bytes"
                    + " starting 302a300506032b6570032100), got " + encoded.length + " bytes");
        }
        return Arrays.copyOfRange(encoded, SPKI_PREFIX.length, encoded.length);
    }

    /** PKCS#8 v1 of a seed; the caller owns (and should wipe) the result. */
    static byte[] toPkcs8(byte[] seed) {
        byte[] out = Arrays.copyOf(PKCS8_V1_PREFIX, PKCS8_V1_PREFIX.length + 32);
        System.arraycopy(seed, 0, out, PKCS8_V1_PREFIX.length, 32);
        return out;
    }

    /**
     * A parsed PKCS#8 Ed25519 private key.
     *
     * @param seed the 32-byte seed
     * @param publicKey the public key of a v2 (OneAsymmetricKey, RFC 5958) encoding, or null
     */
    record Pkcs8(byte[] seed, byte[] publicKey) {}

    /**
     * Parses PKCS#8 v1 (RFC 5208) or v2 (RFC 5958, with the public key) holding an Ed25519 seed, as written by the
     * JDK, OpenSSL and Bouncy Castle. Strict DER: one SEQUENCE with nothing after it.
     */
    static Pkcs8 fromPkcs8(byte[] der) {
        Reader in = new Reader(der);
        Reader body = in.nested(0x30, "PrivateKeyInfo SEQUENCE");
        byte[] octets = null;
        try {
            in.end();
            byte[] version = body.value(0x02, "version INTEGER");
            if (version.length != 1 || version[0] < 0 || version[0] > 1) {
                throw Reader.invalid("version must be 0 (v1) or 1 (v2)");
            }
            byte[] algorithm = body.raw(0x30, "AlgorithmIdentifier");
            if (!Arrays.equals(algorithm, ALGORITHM)) {
                throw Reader.invalid("the algorithm is not id-Ed25519 (1.3.101.112) without parameters");
            }
            octets = body.value(0x04, "privateKey OCTET STRING");
            Reader inner = new Reader(octets);
            byte[] seed = inner.value(0x04, "CurvePrivateKey OCTET STRING");
            if (seed.length != 32) {
                Arrays.fill(seed, (byte) 0);
                throw Reader.invalid("the seed is " + seed.length + " bytes, expected 32");
            }
            try {
                inner.end();
                if (body.peek() == 0xa0) {
                    body.value(0xa0, "attributes");
                }
                byte[] publicKey = null;
                if (body.peek() == 0x81) {
                    if (version[0] != 1) {
                        throw Reader.invalid("a public key is only allowed in version 1 (v2)");
                    }
                    byte[] bits = body.value(0x81, "publicKey BIT STRING");
                    if (bits.length != 33 || bits[0] != 0) {
                        throw Reader.invalid("the public key is not 32 bytes");
                    }
                    publicKey = Arrays.copyOfRange(bits, 1, 33);
                }
                body.end();
                return new Pkcs8(seed, publicKey);
            } catch (IllegalArgumentException e) {
                Arrays.fill(seed, (byte) 0);
                throw e;
            }
        } finally {
            // The copies made while parsing hold the seed too.
            body.wipe();
            if (octets != null) {
                Arrays.fill(octets, (byte) 0);
            }
        }
    }

    /** A minimal DER reader for the fixed structures above (definite lengths, up to 4 length bytes). */
    private static final class Reader {
        private final byte[] data;
        private int position;

        Reader(byte[] data) {
            this.data = data;
        }

        static IllegalArgumentException invalid(String why) {
            return new IllegalArgumentException("not a PKCS#8 Ed25519 private key: " + why);
        }

        int peek() {
            return position < data.length ? data[position] & 0xff : -1;
        }

        /** The contents of the next element, which must have tag {@code tag}. */
        byte[] value(int tag, String what) {
            int[] span = element(tag, what);
            return Arrays.copyOfRange(data, span[0], span[1]);
        }

        /** The whole next element (tag, length and contents). */
        byte[] raw(int tag, String what) {
            int start = position;
            element(tag, what);
            return Arrays.copyOfRange(data, start, position);
        }

        Reader nested(int tag, String what) {
            return new Reader(value(tag, what));
        }

        void wipe() {
            Arrays.fill(data, (byte) 0);
        }

        void end() {
            if (position != data.length) {
                throw invalid((data.length - position) + " unexpected bytes after the last element");
            }
        }

        private int[] element(int tag, String what) {
            if (peek() != tag) {
                throw invalid("expected " + what);
            }
            position++;
            if (position >= data.length) {
                throw invalid("truncated " + what);
            }
            int first = data[position++] & 0xff;
            long length;
            if (first < 0x80) {
                length = first;
            } else {
                int count = first & 0x7f;
                if (count == 0 || count > 4 || position + count > data.length) {
                    throw invalid("bad length of " + what);
                }
                length = 0;
                for (int i = 0; i < count; i++) {
                    length = (length << 8) | (data[position++] & 0xff);
                }
                if (length < 0x80 || (count > 1 && length < (1L << (8 * (count - 1))))) {
                    throw invalid("length of " + what + " not in minimal DER form");
                }
            }
            if (length > data.length - position) {
                throw invalid("truncated " + what);
            }
            int start = position;
            position += (int) length;
            return new int[] {start, position};
        }
    }
}
