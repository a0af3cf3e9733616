package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.security.AlgorithmParameters;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.ShortBufferException;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.IvParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code Cipher AES/GCM/NoPadding} against the JDK's rules: the same assertions for SunJCE and for Ferrite on each
 * backend, so Ferrite behaves as the JDK wherever the JDK defines a behaviour. Where Ferrite deliberately differs (IV
 * and tag sizes, encryption output held until {@code doFinal}, wiping of an in-place output on a bad tag), the test
 * asserts each side explicitly and names the input.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.jca.Jca#impls")
class JcaCipherConformanceTest {
    private static final SecretKeySpec KEY = new SecretKeySpec(bytes(16, 1), "AES");
    private static final SecretKeySpec KEY_256 = new SecretKeySpec(bytes(32, 2), "AES");
    private static final byte[] IV = bytes(12, 3);
    private static final byte[] IV2 = bytes(12, 4);
    private static final byte[] AAD = bytes(20, 5);
    private static final byte[] PLAINTEXT = bytes(57, 6);
    private static final String REINIT = "Must use either different key or  iv for GCM encryption";

    @Parameter
    Jca.Impl impl;

    private static byte[] bytes(int length, int seed) {
        byte[] b = new byte[length];
        new SplittableRandom(seed).nextBytes(b);
        return b;
    }

    private Cipher gcm() throws Exception {
        return Cipher.getInstance("AES/GCM/NoPadding", impl.cipher());
    }

    private static GCMParameterSpec spec(byte[] iv) {
        return new GCMParameterSpec(128, iv);
    }

    /** SunJCE's answer, the reference for every implementation. */
    private static byte[] reference(int mode, Key key, byte[] iv, byte[] aad, byte[] input) throws Exception {
        Cipher c = Cipher.getInstance("AES/GCM/NoPadding", Jca.jdk("SunJCE"));
        c.init(mode, key, spec(iv));
        c.updateAAD(aad);
        return c.doFinal(input);
    }

    private static byte[] sealed() throws Exception {
        return reference(Cipher.ENCRYPT_MODE, KEY, IV, AAD, PLAINTEXT);
    }

    @Test
    void useBeforeInit_isIllegalState() throws Exception {
        Cipher c = gcm();
        assertThrows(IllegalStateException.class, () -> c.doFinal(new byte[1]));
        assertThrows(IllegalStateException.class, () -> c.update(new byte[1]));
        assertThrows(IllegalStateException.class, () -> c.updateAAD(new byte[1]));
        assertThrows(IllegalStateException.class, () -> c.getOutputSize(1));
        assertNull(c.getIV());
    }

    @Test
    void updateAad_afterUpdate_isIllegalState_inBothModes() throws Exception {
        for (int mode : new int[] {Cipher.ENCRYPT_MODE, Cipher.DECRYPT_MODE}) {
            Cipher c = gcm();
            c.init(mode, KEY, spec(mode == Cipher.ENCRYPT_MODE ? IV : IV2));
            c.updateAAD(AAD);
            c.updateAAD(ByteBuffer.wrap(AAD));
            c.update(new byte[5]);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.updateAAD(AAD));
            assertEquals("Update has been called; no more AAD data", e.getMessage());
            Cipher b = gcm();
            b.init(mode, KEY_256, spec(IV));
            b.update(ByteBuffer.wrap(new byte[0]), ByteBuffer.allocate(64));
            assertThrows(IllegalStateException.class, () -> b.updateAAD(ByteBuffer.allocateDirect(3)));
        }
    }

    @Test
    void emptyUpdate_returnsNull_andStillAllowsAad() throws Exception {
        Cipher c = gcm();
        c.init(Cipher.ENCRYPT_MODE, KEY, spec(IV));
        assertNull(c.update(new byte[0])); // Cipher itself skips an empty array update
        c.updateAAD(AAD);
        assertArrayEquals(sealed(), c.doFinal(PLAINTEXT));
    }

    @Test
    void encryptingTwiceWithTheSameKeyAndIv_isRefusedAsSunJceRefusesIt() throws Exception {
        Cipher c = gcm();
        c.init(Cipher.ENCRYPT_MODE, KEY, spec(IV));
        c.doFinal(PLAINTEXT);
        InvalidAlgorithmParameterException e = assertThrows(InvalidAlgorithmParameterException.class,
                () -> c.init(Cipher.ENCRYPT_MODE, KEY, spec(IV)));
        assertEquals("Cannot reuse iv for GCM encryption", e.getMessage());
        // The same key bytes in another object, and WRAP mode, are the same encryption.
        assertThrows(InvalidAlgorithmParameterException.class,
                () -> c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY.getEncoded(), "AES"), spec(IV.clone())));
        assertThrows(InvalidAlgorithmParameterException.class, () -> c.init(Cipher.WRAP_MODE, KEY, spec(IV)));
        // Another IV is fine; initialising twice with it, even without encrypting, is not.
        c.init(Cipher.ENCRYPT_MODE, KEY, spec(IV2));
        assertThrows(InvalidAlgorithmParameterException.class, () -> c.init(Cipher.ENCRYPT_MODE, KEY, spec(IV2)));
        // Decryption doesn't count and doesn't forget the last encryption.
        c.init(Cipher.DECRYPT_MODE, KEY, spec(IV2));
        c.init(Cipher.DECRYPT_MODE, KEY, spec(IV2));
        assertThrows(InvalidAlgorithmParameterException.class, () -> c.init(Cipher.ENCRYPT_MODE, KEY, spec(IV2)));
        // Another key with the same IV is fine.
        c.init(Cipher.ENCRYPT_MODE, KEY_256, spec(IV2));
        assertArrayEquals(reference(Cipher.ENCRYPT_MODE, KEY_256, IV2, new byte[0], PLAINTEXT), c.doFinal(PLAINTEXT));
    }

    @Test
    void afterEncryptionDoFinal_everyOperationNeedsANewInit() throws Exception {
        Cipher c = gcm();
        c.init(Cipher.ENCRYPT_MODE, KEY, spec(IV));
        c.updateAAD(AAD);
        assertArrayEquals(sealed(), c.doFinal(PLAINTEXT));
        for (ThrowingRunnable use : new ThrowingRunnable[] {() -> c.update(new byte[3]), () -> c.updateAAD(AAD),
            () -> c.doFinal(), () -> c.doFinal(PLAINTEXT), () -> c.update(ByteBuffer.allocate(3), ByteBuffer.allocate(99)),
            () -> c.doFinal(ByteBuffer.allocate(3), ByteBuffer.allocate(99))}) {
            IllegalStateException e = assertThrows(IllegalStateException.class, use::run);
            assertEquals(REINIT, e.getMessage());
        }
        assertEquals(21, c.getOutputSize(5));
        assertArrayEquals(IV, c.getIV());
        c.init(Cipher.ENCRYPT_MODE, KEY, spec(IV2));
        c.updateAAD(AAD);
        assertArrayEquals(reference(Cipher.ENCRYPT_MODE, KEY, IV2, AAD, PLAINTEXT), c.doFinal(PLAINTEXT));
    }

    @FunctionalInterface
    private interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Test
    void decryptionDoFinal_resetsForTheNextDecryption() throws Exception {
        Cipher c = gcm();
        c.init(Cipher.DECRYPT_MODE, KEY, spec(IV));
        for (int i = 0; i < 3; i++) {
            c.updateAAD(AAD);
            assertArrayEquals(PLAINTEXT, c.doFinal(sealed()));
        }
        // A failed decryption resets too.
        byte[] bad = sealed();
        bad[3] ^= 1;
        c.updateAAD(AAD);
        assertThrows(AEADBadTagException.class, () -> c.doFinal(bad));
        c.updateAAD(AAD);
        assertArrayEquals(PLAINTEXT, c.doFinal(sealed()));
    }

    @Test
    void shortBuffer_keepsTheState_soTheCallCanBeRetried() throws Exception {
        byte[] sealed = sealed();
        // Encryption, array output.
        Cipher c = gcm();
        c.init(Cipher.ENCRYPT_MODE, KEY, spec(IV));
        c.updateAAD(AAD);
        byte[] first = orEmpty(c.update(PLAINTEXT, 0, 20));
        byte[] small = new byte[c.getOutputSize(PLAINTEXT.length - 20) - 1];
        assertThrows(ShortBufferException.class, () -> c.doFinal(PLAINTEXT, 20, PLAINTEXT.length - 20, small, 0));
        byte[] out = new byte[c.getOutputSize(PLAINTEXT.length - 20)];
        int n = c.doFinal(PLAINTEXT, 20, PLAINTEXT.length - 20, out, 0);
        assertEquals(out.length, n);
        assertArrayEquals(sealed, Jca.concat(first, out));
        // Decryption, array output.
        Cipher d = gcm();
        d.init(Cipher.DECRYPT_MODE, KEY, spec(IV));
        d.updateAAD(AAD);
        assertEquals(0, orEmpty(d.update(sealed, 0, 30)).length);
        byte[] tooSmall = new byte[PLAINTEXT.length - 1];
        assertThrows(ShortBufferException.class, () -> d.doFinal(sealed, 30, sealed.length - 30, tooSmall, 0));
        byte[] plain = new byte[PLAINTEXT.length];
        assertEquals(PLAINTEXT.length, d.doFinal(sealed, 30, sealed.length - 30, plain, 0));
        assertArrayEquals(PLAINTEXT, plain);
        // Both, ByteBuffer output.
        for (int mode : new int[] {Cipher.ENCRYPT_MODE, Cipher.DECRYPT_MODE}) {
            byte[] input = mode == Cipher.ENCRYPT_MODE ? PLAINTEXT : sealed;
            byte[] expected = mode == Cipher.ENCRYPT_MODE ? sealed : PLAINTEXT;
            Cipher b = gcm();
            b.init(mode, KEY, spec(mode == Cipher.ENCRYPT_MODE ? IV2 : IV));
            if (mode == Cipher.ENCRYPT_MODE) {
                expected = reference(Cipher.ENCRYPT_MODE, KEY, IV2, AAD, PLAINTEXT);
            }
            b.updateAAD(AAD);
            ByteBuffer src = ByteBuffer.wrap(input);
            ByteBuffer tiny = ByteBuffer.allocateDirect(expected.length - 1);
            assertThrows(ShortBufferException.class, () -> b.doFinal(src, tiny));
            assertEquals(0, src.position(), "the input was not consumed");
            ByteBuffer dst = ByteBuffer.allocateDirect(expected.length);
            assertEquals(expected.length, b.doFinal(src, dst));
            assertEquals(input.length, src.position());
            byte[] got = new byte[expected.length];
            dst.flip().get(got);
            assertArrayEquals(expected, got);
        }
    }

    private static byte[] orEmpty(byte[] b) {
        return b == null ? new byte[0] : b;
    }

    @Test
    void tamperedOrTruncated_isAeadBadTag_andTheOutputHoldsNoPlaintext() throws Exception {
        byte[] sealed = sealed();
        byte[][] bad = new byte[4][];
        bad[0] = sealed.clone();
        bad[0][0] ^= 1; // ciphertext
        bad[1] = sealed.clone();
        bad[1][sealed.length - 1] ^= (byte) 0x80; // tag
        bad[2] = Arrays.copyOf(sealed, sealed.length - 1); // truncated by one byte
        bad[3] = Arrays.copyOf(sealed, 15); // shorter than a tag
        for (byte[] input : bad) {
            // A fresh init before each attempt: after a failed doFinal into a caller's array or buffer SunJCE keeps
            // its half-finished state (only the array-returning doFinal resets), which the JCA leaves unspecified.
            Cipher c = gcm();
            c.init(Cipher.DECRYPT_MODE, KEY, spec(IV));
            c.updateAAD(AAD);
            assertThrows(AEADBadTagException.class, () -> c.doFinal(input));
            // Into a caller's array: the output range ends up zeroed.
            byte[] out = new byte[PLAINTEXT.length + 8];
            Arrays.fill(out, (byte) 0x55);
            c.init(Cipher.DECRYPT_MODE, KEY, spec(IV));
            c.updateAAD(AAD);
            assertThrows(AEADBadTagException.class, () -> c.doFinal(input, 0, input.length, out, 4));
            if (input.length >= 16) {
                for (int i = 4; i < 4 + input.length - 16; i++) {
                    assertEquals(0, out[i], "output byte " + i);
                }
            }
            for (boolean direct : new boolean[] {false, true}) {
                ByteBuffer dst = direct ? ByteBuffer.allocateDirect(PLAINTEXT.length + 8)
                        : ByteBuffer.allocate(PLAINTEXT.length + 8);
                dst.position(3);
                for (int i = 0; i < dst.capacity(); i++) {
                    dst.put(i, (byte) 0x55);
                }
                c.init(Cipher.DECRYPT_MODE, KEY, spec(IV));
                c.updateAAD(AAD);
                ByteBuffer src = ByteBuffer.wrap(input);
                assertThrows(AEADBadTagException.class, () -> c.doFinal(src, dst));
                assertEquals(3, dst.position(), "no output on failure");
                assertEquals(0, src.position(), "the input is not consumed on failure");
                if (input.length >= 16) {
                    for (int i = 3; i < 3 + input.length - 16; i++) {
                        assertEquals(0, dst.get(i), (direct ? "direct" : "heap") + " output byte " + i);
                    }
                }
            }
        }
        // Wrong AAD, wrong IV, wrong key.
        Cipher c = gcm();
        c.init(Cipher.DECRYPT_MODE, KEY, spec(IV));
        assertThrows(AEADBadTagException.class, () -> c.doFinal(sealed));
        c.init(Cipher.DECRYPT_MODE, KEY, spec(IV2));
        c.updateAAD(AAD);
        assertThrows(AEADBadTagException.class, () -> c.doFinal(sealed));
        c.init(Cipher.DECRYPT_MODE, KEY_256, spec(IV));
        c.updateAAD(AAD);
        assertThrows(AEADBadTagException.class, () -> c.doFinal(sealed));
    }

    /**
     * Deliberate difference, input: {@link #sealed()} with its first byte flipped, decrypted in place (same array,
     * same offset). SunJCE leaves the unverified plaintext in the array (JDK 25: it skips zeroing for in-place
     * arrays); Ferrite overwrites the output range with zeros, as it does for every failed decryption.
     */
    @Test
    void inPlaceDecryption_withABadTag() throws Exception {
        byte[] buffer = sealed();
        buffer[0] ^= 1;
        Cipher c = gcm();
        c.init(Cipher.DECRYPT_MODE, KEY, spec(IV));
        c.updateAAD(AAD);
        assertThrows(AEADBadTagException.class, () -> c.doFinal(buffer, 0, buffer.length, buffer, 0));
        byte[] range = Arrays.copyOfRange(buffer, 1, PLAINTEXT.length);
        if (impl.isFerrite()) {
            assertArrayEquals(new byte[PLAINTEXT.length - 1], range, "Ferrite zeroes the output range");
        } else {
            assertArrayEquals(Arrays.copyOfRange(PLAINTEXT, 1, PLAINTEXT.length), range,
                    "SunJCE leaves the unverified plaintext in place");
        }
    }

    @Test
    void wrongKeySizesAndAlgorithms_areInvalidKeys() throws Exception {
        for (int length : new int[] {1, 8, 15, 17, 20, 31, 33, 64}) {
            Cipher c = gcm();
            SecretKeySpec key = new SecretKeySpec(new byte[length], "AES");
            assertThrows(InvalidKeyException.class, () -> c.init(Cipher.ENCRYPT_MODE, key, spec(IV)),
                    length + "-byte key");
        }
        for (String algorithm : new String[] {"DES", "HmacSHA256", "ChaCha20"}) {
            Cipher c = gcm();
            assertThrows(InvalidKeyException.class,
                    () -> c.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(new byte[16], algorithm), spec(IV)), algorithm);
        }
        Cipher rijndael = gcm();
        rijndael.init(Cipher.ENCRYPT_MODE, new SecretKeySpec(KEY.getEncoded(), "Rijndael"), spec(IV));
        assertArrayEquals(reference(Cipher.ENCRYPT_MODE, KEY, IV, new byte[0], PLAINTEXT), rijndael.doFinal(PLAINTEXT));
        Cipher nullKey = gcm();
        assertThrows(InvalidKeyException.class, () -> nullKey.init(Cipher.ENCRYPT_MODE, (Key) null, spec(IV)));
    }

    @Test
    void sizeSpecificNames_takeOnlyTheirKeySize_andAreFoundByOid() throws Exception {
        String[][] names = {{"AES_128/GCM/NoPadding", "16"}, {"AES_192/GCM/NoPadding", "24"},
            {"AES_256/GCM/NoPadding", "32"}, {"2.16.840.1.101.3.4.1.6", "16"}, {"OID.2.16.840.1.101.3.4.1.26", "24"},
            {"2.16.840.1.101.3.4.1.46", "32"}};
        for (String[] name : names) {
            int size = Integer.parseInt(name[1]);
            for (int keyLength : new int[] {16, 24, 32}) {
                Cipher c = Cipher.getInstance(name[0], impl.cipher());
                SecretKeySpec key = new SecretKeySpec(bytes(keyLength, keyLength), "AES");
                if (keyLength == size) {
                    c.init(Cipher.ENCRYPT_MODE, key, spec(IV));
                    assertArrayEquals(reference(Cipher.ENCRYPT_MODE, key, IV, new byte[0], PLAINTEXT),
                            c.doFinal(PLAINTEXT), name[0]);
                } else {
                    InvalidKeyException e = assertThrows(InvalidKeyException.class,
                            () -> c.init(Cipher.ENCRYPT_MODE, key, spec(IV)), name[0] + " with " + keyLength);
                    assertTrue(e.getMessage().startsWith("The key must be " + size + " bytes"), e.getMessage());
                }
            }
        }
    }

    @Test
    void getOutputSize_inEveryModeAndState() throws Exception {
        Cipher e = gcm();
        e.init(Cipher.ENCRYPT_MODE, KEY, spec(IV));
        assertEquals(16, e.getOutputSize(0));
        assertEquals(17, e.getOutputSize(1));
        assertEquals(116, e.getOutputSize(100));
        e.updateAAD(AAD);
        assertEquals(116, e.getOutputSize(100));
        Cipher d = gcm();
        d.init(Cipher.DECRYPT_MODE, KEY, spec(IV));
        int[][] decrypt = {{0, 0}, {15, 0}, {16, 0}, {17, 1}, {100, 84}};
        for (int[] pair : decrypt) {
            assertEquals(pair[1], d.getOutputSize(pair[0]), "decrypt getOutputSize(" + pair[0] + ")");
        }
        d.updateAAD(AAD);
        d.update(sealed(), 0, 20);
        assertEquals(4, d.getOutputSize(0));
        assertEquals(16, d.getOutputSize(12));
        assertArrayEquals(PLAINTEXT, d.doFinal(sealed(), 20, sealed().length - 20));
        assertEquals(4, d.getOutputSize(20));

        // After an encryption update: the contract (getOutputSize is exactly what doFinal writes) holds for both.
        byte[] updated = orEmpty(e.update(PLAINTEXT, 0, 20));
        int size = e.getOutputSize(PLAINTEXT.length - 20);
        byte[] last = e.doFinal(PLAINTEXT, 20, PLAINTEXT.length - 20);
        assertEquals(size, last.length);
        assertArrayEquals(sealed(), Jca.concat(updated, last));
        // Deliberate difference: SunJCE's update returns the whole blocks (16 of 20 bytes) and keeps 4; Ferrite's
        // kernel is one-shot, so its update returns nothing and doFinal returns everything.
        if (impl.isFerrite()) {
            assertEquals(0, updated.length);
            assertEquals(PLAINTEXT.length + 16, size);
        } else {
            assertEquals(16, updated.length);
            assertEquals(PLAINTEXT.length - 16 + 16, size);
        }
        assertEquals(21, e.getOutputSize(5)); // after doFinal, before the new init
    }

    @Test
    void initWithAlgorithmParameters_andGetParameters() throws Exception {
        Cipher e = gcm();
        e.init(Cipher.ENCRYPT_MODE, KEY);
        byte[] iv = e.getIV();
        assertEquals(12, iv.length);
        AlgorithmParameters params = e.getParameters();
        assertEquals("GCM", params.getAlgorithm());
        GCMParameterSpec spec = params.getParameterSpec(GCMParameterSpec.class);
        assertEquals(128, spec.getTLen());
        assertArrayEquals(iv, spec.getIV());
        byte[] sealed = e.doFinal(PLAINTEXT);
        Cipher d = gcm();
        d.init(Cipher.DECRYPT_MODE, KEY, params);
        assertArrayEquals(PLAINTEXT, d.doFinal(sealed));
        // Parameters from DER, as they travel.
        AlgorithmParameters decoded = AlgorithmParameters.getInstance("GCM");
        decoded.init(params.getEncoded());
        d.init(Cipher.DECRYPT_MODE, KEY, decoded);
        assertArrayEquals(PLAINTEXT, d.doFinal(sealed));
        // Random IVs differ; the given SecureRandom is used.
        e.init(Cipher.ENCRYPT_MODE, KEY);
        assertFalse(Arrays.equals(iv, e.getIV()));
        e.init(Cipher.ENCRYPT_MODE, KEY_256, new SecureRandom());
        assertEquals(12, e.getIV().length);
        // Decryption needs parameters.
        assertThrows(InvalidKeyException.class, () -> d.init(Cipher.DECRYPT_MODE, KEY));
        // Wrong kinds of parameters.
        AlgorithmParameters aes = AlgorithmParameters.getInstance("AES");
        aes.init(new IvParameterSpec(new byte[16]));
        assertThrows(InvalidAlgorithmParameterException.class, () -> d.init(Cipher.DECRYPT_MODE, KEY, aes));
        assertThrows(InvalidAlgorithmParameterException.class,
                () -> d.init(Cipher.DECRYPT_MODE, KEY, new IvParameterSpec(new byte[12])));
    }

    @Test
    void getIvAndParameters_beforeInit() throws Exception {
        Cipher c = gcm();
        assertNull(c.getIV());
        AlgorithmParameters params = c.getParameters();
        assertNotNull(params);
        GCMParameterSpec spec = params.getParameterSpec(GCMParameterSpec.class);
        assertEquals(12, spec.getIV().length);
        assertEquals(128, spec.getTLen());
    }

    /**
     * Deliberate difference, inputs: 16-byte and 8-byte IVs, 96- and 120-bit tags. SunJCE takes any non-empty IV and
     * tags of 96 to 128 bits; Ferrite's AES-GCM takes 12-byte IVs and 128-bit tags only and refuses the others with
     * InvalidAlgorithmParameterException. Sizes no one takes are refused by both.
     */
    @Test
    void ivAndTagSizes() throws Exception {
        AlgorithmParameterSpec[] onlyJdk = {new GCMParameterSpec(128, new byte[16]),
            new GCMParameterSpec(128, new byte[8]), new GCMParameterSpec(96, IV), new GCMParameterSpec(120, IV)};
        for (AlgorithmParameterSpec spec : onlyJdk) {
            for (int mode : new int[] {Cipher.ENCRYPT_MODE, Cipher.DECRYPT_MODE}) {
                Cipher c = gcm();
                if (impl.isFerrite()) {
                    assertThrows(InvalidAlgorithmParameterException.class, () -> c.init(mode, KEY, spec));
                } else {
                    c.init(mode, KEY, spec);
                }
            }
        }
        AlgorithmParameterSpec[] nobody = {new GCMParameterSpec(64, IV), new GCMParameterSpec(100, IV),
            new GCMParameterSpec(136, IV), new GCMParameterSpec(128, new byte[0])};
        for (AlgorithmParameterSpec spec : nobody) {
            Cipher c = gcm();
            assertThrows(InvalidAlgorithmParameterException.class, () -> c.init(Cipher.ENCRYPT_MODE, KEY, spec));
        }
    }

    @Test
    void inPlace_sameArray_overlappingRanges_andSameBuffer() throws Exception {
        byte[] sealed = sealed();
        int[][] offsets = {{0, 0}, {16, 0}, {0, 16}, {7, 3}, {3, 7}};
        for (int[] o : offsets) {
            int in = o[0];
            int out = o[1];
            byte[] array = new byte[Math.max(in, out) + sealed.length + 16];
            System.arraycopy(PLAINTEXT, 0, array, in, PLAINTEXT.length);
            Cipher e = gcm();
            e.init(Cipher.ENCRYPT_MODE, KEY, spec(IV));
            e.updateAAD(AAD);
            int n = e.doFinal(array, in, PLAINTEXT.length, array, out);
            assertArrayEquals(sealed, Arrays.copyOfRange(array, out, out + n), "encrypt in " + in + " out " + out);
            // and back, with the ciphertext where it is, the plaintext going to the input offset
            Cipher d = gcm();
            d.init(Cipher.DECRYPT_MODE, KEY, spec(IV));
            d.updateAAD(AAD);
            int m = d.doFinal(array, out, n, array, in);
            assertArrayEquals(PLAINTEXT, Arrays.copyOfRange(array, in, in + m), "decrypt in " + out + " out " + in);
        }
        for (boolean direct : new boolean[] {false, true}) {
            ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(sealed.length) : ByteBuffer.allocate(sealed.length);
            buffer.put(PLAINTEXT).flip();
            Cipher e = gcm();
            e.init(Cipher.ENCRYPT_MODE, KEY, spec(IV));
            e.updateAAD(AAD);
            ByteBuffer output = buffer.duplicate();
            output.clear();
            assertEquals(sealed.length, e.doFinal(buffer, output));
            byte[] got = new byte[sealed.length];
            buffer.clear();
            buffer.get(got);
            assertArrayEquals(sealed, got, direct ? "direct" : "heap");
            buffer.clear();
            Cipher d = gcm();
            d.init(Cipher.DECRYPT_MODE, KEY, spec(IV));
            d.updateAAD(AAD);
            ByteBuffer plain = buffer.duplicate();
            assertEquals(PLAINTEXT.length, d.doFinal(buffer, plain));
            byte[] back = new byte[PLAINTEXT.length];
            plain.flip();
            plain.get(back);
            assertArrayEquals(PLAINTEXT, back);
        }
    }

    @Test
    void readOnlyInput_andLargeMessagesInRandomPieces() throws Exception {
        SplittableRandom random = new SplittableRandom(99);
        byte[] message = bytes((1 << 20) + 3, 7);
        byte[] expected = reference(Cipher.ENCRYPT_MODE, KEY_256, IV, AAD, message);
        Cipher e = gcm();
        e.init(Cipher.ENCRYPT_MODE, KEY_256, spec(IV));
        e.updateAAD(AAD);
        ByteBuffer out = ByteBuffer.allocate(expected.length);
        int position = 0;
        while (position < message.length) {
            int n = Math.min(message.length - position, random.nextInt(70_000));
            e.update(ByteBuffer.wrap(message, position, n).asReadOnlyBuffer(), out);
            position += n;
        }
        e.doFinal(ByteBuffer.allocate(0).asReadOnlyBuffer(), out);
        assertArrayEquals(expected, out.array());
        Cipher d = gcm();
        d.init(Cipher.DECRYPT_MODE, KEY_256, spec(IV));
        d.updateAAD(AAD);
        assertArrayEquals(message, d.doFinal(expected));
    }

    @Test
    void keyChangesBetweenInits_giveEachKeysOutput() throws Exception {
        Cipher c = gcm();
        SecretKey[] keys = {KEY, KEY_256, new SecretKeySpec(KEY.getEncoded(), "AES"), KEY};
        for (int i = 0; i < 12; i++) {
            SecretKey key = keys[i % keys.length];
            byte[] iv = bytes(12, 100 + i);
            c.init(Cipher.ENCRYPT_MODE, key, spec(iv));
            assertArrayEquals(reference(Cipher.ENCRYPT_MODE, key, iv, new byte[0], PLAINTEXT), c.doFinal(PLAINTEXT));
            c.init(Cipher.DECRYPT_MODE, key, spec(iv));
            assertArrayEquals(PLAINTEXT, c.doFinal(reference(Cipher.ENCRYPT_MODE, key, iv, new byte[0], PLAINTEXT)));
        }
    }

    @Test
    void wrapAndUnwrap_secretAndPrivateKeys() throws Exception {
        SecretKeySpec toWrap = new SecretKeySpec(bytes(32, 8), "AES");
        Cipher w = gcm();
        w.init(Cipher.WRAP_MODE, KEY, spec(IV));
        byte[] wrapped = w.wrap(toWrap);
        assertArrayEquals(reference(Cipher.ENCRYPT_MODE, KEY, IV, new byte[0], toWrap.getEncoded()), wrapped);
        assertThrows(IllegalStateException.class, () -> w.wrap(toWrap));
        Cipher u = gcm();
        u.init(Cipher.UNWRAP_MODE, KEY, spec(IV));
        Key unwrapped = u.unwrap(wrapped, "AES", Cipher.SECRET_KEY);
        assertEquals(toWrap, unwrapped);
        wrapped[0] ^= 1;
        assertThrows(InvalidKeyException.class, () -> u.unwrap(wrapped, "AES", Cipher.SECRET_KEY));

        KeyPair pair = KeyPairGenerator.getInstance("Ed25519", Jca.jdk("SunEC")).generateKeyPair();
        w.init(Cipher.WRAP_MODE, KEY, spec(IV2));
        byte[] wrappedPrivate = w.wrap(pair.getPrivate());
        u.init(Cipher.UNWRAP_MODE, KEY, spec(IV2));
        Key privateKey = u.unwrap(wrappedPrivate, "Ed25519", Cipher.PRIVATE_KEY);
        assertArrayEquals(pair.getPrivate().getEncoded(), privateKey.getEncoded());
    }
}
