package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.aead.AesGcmKey;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.engines.AESEngine;
import org.bouncycastle.crypto.modes.GCMBlockCipher;
import org.bouncycastle.crypto.modes.GCMModeCipher;
import org.bouncycastle.crypto.params.AEADParameters;
import org.bouncycastle.crypto.params.KeyParameter;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * AES-256-GCM encryption and decryption of one message (no AAD, 12-byte nonce, 16-byte tag) by every contender, each
 * used as an application would: the key expanded once (Ferrite's {@link AesGcmKey}, a JCA {@link SecretKeySpec} with
 * one reused {@link Cipher}, Bouncy Castle's lightweight {@link GCMBlockCipher} reused), and per message a new nonce
 * (encryption: the JCA refuses to encrypt twice with one IV, so every contender gets a fresh counter nonce),
 * initialisation, and a newly allocated output array.
 * <ul>
 *   <li>{@code native}, {@code java}: Ferrite's {@code AesGcmKey.encrypt/decrypt} on each backend;</li>
 *   <li>{@code jdk}: {@code Cipher "AES/GCM/NoPadding"} (SunJCE with HotSpot's AES/GHASH intrinsics);</li>
 *   <li>{@code bouncycastle}: {@code GCMBlockCipher} over {@code AESEngine} (pure Java);</li>
 *   <li>{@code accp}: Amazon Corretto Crypto Provider's {@code Cipher} (AWS-LC through JNI);</li>
 *   <li>{@code conscrypt}: Conscrypt's {@code Cipher} (BoringSSL through JNI).</li>
 * </ul>
 * Outputs are checked against the JDK in {@code @Setup}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class AesGcmBench {

    @Param({"native", "java", "jdk", "bouncycastle", "accp", "conscrypt"})
    public String impl;

    /** Plaintext length in bytes. */
    @Param({"64", "1024", "16384", "1048576"})
    public int size;

    /** Encrypts {@code plaintext} under {@code nonce}; decrypts {@code ciphertext || tag}. */
    interface Contender {
        byte[] encrypt(byte[] nonce, byte[] plaintext) throws GeneralSecurityException;

        byte[] decrypt(byte[] nonce, byte[] sealed) throws GeneralSecurityException;
    }

    private byte[] plaintext;
    private byte[] sealed;
    private byte[] fixedNonce;
    private final byte[] nonce = new byte[12];
    private long counter;
    private Contender contender;
    private AesGcmKey ferriteKey;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        SplittableRandom random = new SplittableRandom(0xAE5L + size);
        byte[] key = Peers.randomBytes(random, 32);
        plaintext = Peers.randomBytes(random, size);
        fixedNonce = Peers.randomBytes(random, 12);
        System.arraycopy(Peers.randomBytes(random, 4), 0, nonce, 0, 4);
        contender = switch (impl) {
            case "native" -> ferrite(Backend.NATIVE, key);
            case "java" -> ferrite(Backend.JAVA, key);
            case "jdk" -> jca(Cipher.getInstance("AES/GCM/NoPadding"), key);
            case "accp" -> jca(Cipher.getInstance("AES/GCM/NoPadding", Peers.accp()), key);
            case "conscrypt" -> {
                Provider conscrypt = Peers.conscrypt();
                yield jca(Cipher.getInstance("AES/GCM/NoPadding", conscrypt), key);
            }
            case "bouncycastle" -> bouncyCastle(key);
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        };
        warmUp(contender, random);
        Contender reference = jca(Cipher.getInstance("AES/GCM/NoPadding"), key);
        sealed = reference.encrypt(fixedNonce, plaintext);
        byte[] probe = Peers.randomBytes(random, 12);
        if (!Arrays.equals(reference.encrypt(probe, plaintext), contender.encrypt(probe, plaintext))
                || !Arrays.equals(plaintext, contender.decrypt(fixedNonce, sealed))) {
            throw new IllegalStateException(impl + " disagrees with the JDK on AES-GCM");
        }
    }

    /**
     * Runs the contender on 4 KiB messages for up to 20,000 round trips or 3 s before measuring. HotSpot compiles the
     * JDK's GCM loop (and so uses its AES/GHASH intrinsics) only after many calls; with 1 MiB messages the 10 s of JMH
     * warm-up hold a few hundred calls, and the JDK then measures its interpreted code (14 ms per MiB instead of
     * about 0.1 ms). A long-running application reaches the compiled state, so every contender gets it here.
     */
    private static void warmUp(Contender contender, SplittableRandom random) throws GeneralSecurityException {
        byte[] message = Peers.randomBytes(random, 4096);
        byte[] nonce = Peers.randomBytes(random, 12);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
        for (int i = 0; i < 20_000 && System.nanoTime() < deadline; i++) {
            nonce[0] = (byte) i;
            nonce[1] = (byte) (i >>> 8);
            byte[] sealed = contender.encrypt(nonce, message);
            contender.decrypt(nonce, sealed);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (ferriteKey != null) {
            ferriteKey.close();
        }
    }

    /** A fresh nonce per encryption: a 64-bit counter in the last 8 bytes. */
    private byte[] nextNonce() {
        long n = ++counter;
        for (int i = 0; i < 8; i++) {
            nonce[11 - i] = (byte) (n >>> (8 * i));
        }
        return nonce;
    }

    @Benchmark
    public byte[] encrypt() throws GeneralSecurityException {
        return contender.encrypt(nextNonce(), plaintext);
    }

    @Benchmark
    public byte[] decrypt() throws GeneralSecurityException {
        return contender.decrypt(fixedNonce, sealed);
    }

    private Contender ferrite(Backend backend, byte[] key) {
        AesGcmKey k = Crypto.aesGcm(backend).key(key);
        ferriteKey = k;
        return new Contender() {
            @Override
            public byte[] encrypt(byte[] nonce, byte[] plaintext) {
                return k.encrypt(nonce, plaintext, null);
            }

            @Override
            public byte[] decrypt(byte[] nonce, byte[] sealed) throws GeneralSecurityException {
                return k.decrypt(nonce, sealed, null);
            }
        };
    }

    private static Contender jca(Cipher cipher, byte[] key) {
        SecretKeySpec spec = new SecretKeySpec(key, "AES");
        return new Contender() {
            @Override
            public byte[] encrypt(byte[] nonce, byte[] plaintext) throws GeneralSecurityException {
                cipher.init(Cipher.ENCRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
                return cipher.doFinal(plaintext);
            }

            @Override
            public byte[] decrypt(byte[] nonce, byte[] sealed) throws GeneralSecurityException {
                cipher.init(Cipher.DECRYPT_MODE, spec, new GCMParameterSpec(128, nonce));
                return cipher.doFinal(sealed);
            }
        };
    }

    private static Contender bouncyCastle(byte[] key) {
        GCMModeCipher gcm = GCMBlockCipher.newInstance(AESEngine.newInstance());
        KeyParameter keyParameter = new KeyParameter(key);
        return new Contender() {
            @Override
            public byte[] encrypt(byte[] nonce, byte[] plaintext) throws GeneralSecurityException {
                gcm.init(true, new AEADParameters(keyParameter, 128, nonce));
                return run(plaintext);
            }

            @Override
            public byte[] decrypt(byte[] nonce, byte[] sealed) throws GeneralSecurityException {
                gcm.init(false, new AEADParameters(keyParameter, 128, nonce));
                return run(sealed);
            }

            private byte[] run(byte[] input) throws GeneralSecurityException {
                byte[] out = new byte[gcm.getOutputSize(input.length)];
                int written = gcm.processBytes(input, 0, input.length, out, 0);
                try {
                    gcm.doFinal(out, written);
                } catch (InvalidCipherTextException e) {
                    throw new javax.crypto.AEADBadTagException(e.getMessage());
                }
                return out;
            }
        };
    }
}
