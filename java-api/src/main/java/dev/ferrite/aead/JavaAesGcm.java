package dev.ferrite.aead;

import dev.ferrite.Backend;
import dev.ferrite.internal.JdkProviders;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.InvalidAlgorithmParameterException;
import java.security.InvalidKeyException;
import java.util.Arrays;
import javax.crypto.AEADBadTagException;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;

/**
 * AES-GCM in pure Java: the JDK's {@code AES/GCM/NoPadding} {@link Cipher} (SunJCE, with HotSpot's AES-NI/VAES and
 * carry-less-multiply intrinsics), one {@code Cipher} per thread, re-initialised for every message.
 *
 * <p>The key is held in one array that {@link AesGcmKey#close()} wipes; the JDK copies it into each {@code Cipher} it
 * initialises (its expanded key schedule and its memory of the last key, kept until that thread's {@code Cipher} is next
 * initialised, are out of Ferrite's reach).
 *
 * <p>The JDK refuses to encrypt twice in a row with the same key and IV on one {@code Cipher}; Ferrite does not detect
 * nonce reuse on either backend (see {@link AesGcm}), so this backend steps around that check to give the native
 * backend's answer for every input.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#aesGcm(Backend)}. Stateless and thread-safe.
 */
final class JavaAesGcm implements AesGcm {
    private static final JavaAesGcm INSTANCE = new JavaAesGcm();
    private static final int TAG_BITS = TAG_LENGTH * 8;

    private static final ThreadLocal<Cipher> CIPHERS = ThreadLocal.withInitial(() -> {
        try {
            return Cipher.getInstance("AES/GCM/NoPadding",
                    JdkProviders.of("Cipher", "AES/GCM/NoPadding", "SunJCE"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("this JDK has no AES/GCM/NoPadding cipher", e);
        }
    });

    private JavaAesGcm() {}

    /**
     * The pure-Java implementation.
     *
     * @return the shared instance
     */
    static JavaAesGcm instance() {
        return INSTANCE;
    }

    @Override
    public AesGcmKey key(byte[] key) {
        AesGcmKey.checkKeyLength(key);
        return new AesGcmKey(new Engine(key), key.length, Backend.JAVA);
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }

    /**
     * The key as the JCA sees it. Unlike {@link javax.crypto.spec.SecretKeySpec}, whose {@code destroy()} throws, its
     * one copy of the key can be wiped; {@link #getEncoded()} hands the JDK a fresh copy per initialisation.
     */
    private static final class WipeableKey implements SecretKey {
        private static final long serialVersionUID = 1L;
        private final byte[] key;
        private volatile boolean destroyed;

        WipeableKey(byte[] key) {
            this.key = key.clone();
        }

        @Override
        public String getAlgorithm() {
            return "AES";
        }

        @Override
        public String getFormat() {
            return "RAW";
        }

        @Override
        public byte[] getEncoded() {
            if (destroyed) {
                throw new IllegalStateException("the key was wiped");
            }
            return key.clone();
        }

        @Override
        public void destroy() {
            destroyed = true;
            Arrays.fill(key, (byte) 0);
        }

        @Override
        public boolean isDestroyed() {
            return destroyed;
        }

        @Override
        public String toString() {
            return "AES key (" + key.length * 8 + " bits)";
        }
    }

    private static final class Engine implements AesGcmKey.Engine {
        private final WipeableKey spec;

        Engine(byte[] key) {
            this.spec = new WipeableKey(key);
        }

        private Cipher cipher(int mode, byte[] nonce, byte[] aad) {
            Cipher cipher = CIPHERS.get();
            GCMParameterSpec parameters = new GCMParameterSpec(TAG_BITS, nonce);
            try {
                try {
                    cipher.init(mode, spec, parameters);
                } catch (InvalidAlgorithmParameterException reused) {
                    // "Cannot reuse iv for GCM encryption": the JDK remembers this Cipher's last key and IV. Move it
                    // to another IV first (the native backend, like the JDK's other GCM users, does not check).
                    byte[] other = nonce.clone();
                    other[0] ^= 1;
                    cipher.init(mode, spec, new GCMParameterSpec(TAG_BITS, other));
                    cipher.init(mode, spec, parameters);
                }
            } catch (InvalidKeyException | InvalidAlgorithmParameterException e) {
                throw new IllegalStateException("the JDK rejected a checked AES-GCM key or nonce", e);
            }
            if (aad.length > 0) {
                cipher.updateAAD(aad);
            }
            return cipher;
        }

        @Override
        public void encrypt(byte[] nonce, byte[] in, int inOff, int inLen, byte[] aad, byte[] out, int outOff) {
            try {
                cipher(Cipher.ENCRYPT_MODE, nonce, aad).doFinal(in, inOff, inLen, out, outOff);
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK failed to encrypt with AES-GCM", e);
            }
        }

        @Override
        public boolean decrypt(byte[] nonce, byte[] in, int inOff, int inLen, byte[] aad, byte[] out, int outOff) {
            try {
                cipher(Cipher.DECRYPT_MODE, nonce, aad).doFinal(in, inOff, inLen, out, outOff);
                return true;
            } catch (AEADBadTagException e) {
                return false;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK failed to decrypt with AES-GCM", e);
            }
        }

        @Override
        public void encrypt(byte[] nonce, ByteBuffer in, byte[] aad, ByteBuffer out) {
            try {
                cipher(Cipher.ENCRYPT_MODE, nonce, aad).doFinal(in.duplicate(), out.duplicate());
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException("the JDK failed to encrypt with AES-GCM", e);
            }
        }

        @Override
        public boolean decrypt(byte[] nonce, ByteBuffer in, byte[] aad, ByteBuffer out) {
            // Through arrays: on a failed tag, the JDK's GCM (25.0.3) zeroes bytes of a direct output buffer outside
            // the range it was given. Copies cost little next to the JDK's own buffering of GCM decryption.
            byte[] input = new byte[in.remaining()];
            in.duplicate().get(input);
            byte[] plaintext = new byte[input.length - TAG_LENGTH];
            try {
                if (!decrypt(nonce, input, 0, input.length, aad, plaintext, 0)) {
                    return false;
                }
                out.duplicate().put(plaintext);
                return true;
            } finally {
                Arrays.fill(plaintext, (byte) 0);
            }
        }

        @Override
        public void wipe() {
            spec.destroy();
        }
    }
}
