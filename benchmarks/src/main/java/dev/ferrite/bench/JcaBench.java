package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.aead.AesGcmKey;
import dev.ferrite.ed25519.Ed25519;
import dev.ferrite.ed25519.Ed25519KeyPair;
import dev.ferrite.sha256.Sha256;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
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
 * Ferrite's JCA provider ({@link dev.ferrite.jca.FerriteProvider}) against Ferrite's own API and the other JCA
 * providers, each called the way applications call the JCA: per message {@code cipher.init(mode, key, new
 * GCMParameterSpec(128, iv))} + {@code doFinal}, {@code signature.initSign(key)} + {@code update} + {@code sign},
 * {@code initVerify} + {@code update} + {@code verify}, {@code md.digest(data)} on a reused {@code MessageDigest}.
 * The {@code Cipher}, {@code Signature} and {@code MessageDigest} objects and the keys are made once per trial, from the
 * provider under test (its own {@code KeyFactory} where it has one), as an application keeps them.
 *
 * <p>The {@code provider} parameter (see {@link JcaProviders}):
 * <ul>
 *   <li>{@code jca-native}, {@code jca-java}: Ferrite's provider on each backend (with the {@code all} option);</li>
 *   <li>{@code api-native}: Ferrite's own API on the native backend, no JCA: {@code Crypto.aesGcm(NATIVE).key(k)}
 *       kept open and {@code key.encrypt(nonce, plaintext, null)}, {@code Crypto.ed25519(NATIVE).sign/verify},
 *       {@code Crypto.sha256(NATIVE).digest} (the bar the JCA adapter is held to);</li>
 *   <li>{@code jdk}: SunJCE, SunEC, SUN; {@code accp}, {@code bc}, {@code conscrypt}: the third-party providers.</li>
 * </ul>
 * Every contender's output is checked in {@code @Setup}: signatures equal to Ferrite's Java backend's (Ed25519 is
 * deterministic) and its verifier accepting them and refusing a flipped bit; ciphertexts and digests equal to the
 * JDK's. The {@code length} parameter comes first in the parameter order so that all providers of one workload run
 * one after the other (JMH varies the last parameter fastest): same-run ratios on a noisy machine.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class JcaBench {

    /** Ed25519, one 64-byte message, one key. */
    @State(Scope.Thread)
    public static class Ed25519State {
        @Param({"jca-native", "jca-java", "api-native", "jdk", "accp", "bc", "conscrypt"})
        public String provider;

        byte[] message;
        byte[] signature;
        Signature jca;
        PrivateKey privateKey;
        PublicKey publicKey;
        Ed25519 api;
        Ed25519KeyPair apiKeys;

        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            SplittableRandom random = new SplittableRandom(0xED25519L);
            byte[] seed = Peers.randomBytes(random, 32);
            message = Peers.randomBytes(random, 64);
            Ed25519Peers.Key key = Ed25519Peers.Key.of(seed);
            if (provider.equals("api-native")) {
                api = Ed25519Peers.ferrite(Backend.NATIVE);
                apiKeys = api.keyPairFromSeed(seed);
            } else {
                Provider p = JcaProviders.of(provider, "Ed25519");
                jca = Signature.getInstance("Ed25519", p);
                JcaProviders.checkFrom("Signature.Ed25519", jca.getProvider(), p);
                KeyFactory factory = JcaProviders.ed25519KeyFactory(p);
                privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(key.pkcs8()));
                publicKey = factory.generatePublic(new X509EncodedKeySpec(key.x509()));
            }
            Ed25519Peers.check(provider, key, message, this::sign, (m, s) -> {
                try {
                    return verify(m, s);
                } catch (SignatureException e) {
                    return false; // SunEC throws for some malformed signatures instead of returning false
                }
            });
            signature = sign(message);
        }

        byte[] sign(byte[] m) throws GeneralSecurityException {
            if (jca == null) {
                return api.sign(apiKeys.privateKey(), m);
            }
            jca.initSign(privateKey);
            jca.update(m);
            return jca.sign();
        }

        boolean verify(byte[] m, byte[] s) throws GeneralSecurityException {
            if (jca == null) {
                return api.verify(apiKeys.publicKey(), m, s);
            }
            jca.initVerify(publicKey);
            jca.update(m);
            return jca.verify(s);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (apiKeys != null) {
                apiKeys.privateKey().close();
            }
        }
    }

    /** AES-256-GCM, no AAD, one message of {@code length} bytes. */
    @State(Scope.Thread)
    public static class AesGcmState {
        /** Plaintext length in bytes. */
        @Param({"64", "1024", "16384", "1048576"})
        public int length;

        @Param({"jca-native", "jca-java", "api-native", "jdk", "accp", "bc", "conscrypt"})
        public String provider;

        byte[] plaintext;
        byte[] sealed;
        byte[] fixedNonce;
        final byte[] nonce = new byte[12];
        long counter;
        Cipher cipher;
        SecretKey key;
        AesGcmKey apiKey;

        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            SplittableRandom random = new SplittableRandom(0xAE5L + length);
            byte[] rawKey = Peers.randomBytes(random, 32);
            plaintext = Peers.randomBytes(random, length);
            fixedNonce = Peers.randomBytes(random, 12);
            System.arraycopy(Peers.randomBytes(random, 4), 0, nonce, 0, 4);
            key = new SecretKeySpec(rawKey, "AES");
            if (provider.equals("api-native")) {
                apiKey = Crypto.aesGcm(Backend.NATIVE).key(rawKey);
                if (apiKey.backend() != Backend.NATIVE) {
                    throw new IllegalStateException("asked for a native AES-GCM key, got " + apiKey.backend());
                }
            } else {
                Provider p = JcaProviders.of(provider, "AES");
                cipher = Cipher.getInstance("AES/GCM/NoPadding", p);
                JcaProviders.checkFrom("Cipher.AES/GCM/NoPadding", cipher.getProvider(), p);
            }
            if (length >= 1 << 20) {
                warmUp(random);
            }
            Cipher reference = Cipher.getInstance("AES/GCM/NoPadding", JcaProviders.jdk("AES"));
            reference.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, fixedNonce));
            sealed = reference.doFinal(plaintext);
            byte[] probe = Peers.randomBytes(random, 12);
            reference.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, probe));
            byte[] expected = reference.doFinal(plaintext);
            if (!Arrays.equals(expected, encrypt(probe, plaintext))
                    || !Arrays.equals(plaintext, decrypt(fixedNonce, sealed))) {
                throw new IllegalStateException(provider + " disagrees with SunJCE on AES-GCM");
            }
            byte[] forged = sealed.clone();
            forged[forged.length - 1] ^= 1;
            try {
                decrypt(fixedNonce, forged);
                throw new IllegalStateException(provider + " accepted a forged tag");
            } catch (javax.crypto.AEADBadTagException expectedFailure) {
                // as it should
            }
        }

        /**
         * With 1 MiB messages the JMH warm-up holds too few calls for HotSpot to compile the JDK's GCM loop (see
         * {@link AesGcmBench}): up to 10,000 round trips of 4 KiB (2 s at most) first, for every contender.
         */
        private void warmUp(SplittableRandom random) throws GeneralSecurityException {
            byte[] message = Peers.randomBytes(random, 4096);
            byte[] n = Peers.randomBytes(random, 12);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
            for (int i = 0; i < 10_000 && System.nanoTime() < deadline; i++) {
                n[0] = (byte) i;
                n[1] = (byte) (i >>> 8);
                decrypt(n, encrypt(n, message));
            }
        }

        /** A fresh IV per encryption: a 64-bit counter in the last 8 bytes. */
        byte[] nextNonce() {
            long n = ++counter;
            for (int i = 0; i < 8; i++) {
                nonce[11 - i] = (byte) (n >>> (8 * i));
            }
            return nonce;
        }

        byte[] encrypt(byte[] iv, byte[] message) throws GeneralSecurityException {
            if (cipher == null) {
                return apiKey.encrypt(iv, message, null);
            }
            cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
            return cipher.doFinal(message);
        }

        byte[] decrypt(byte[] iv, byte[] message) throws GeneralSecurityException {
            if (cipher == null) {
                return apiKey.decrypt(iv, message, null);
            }
            cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, iv));
            return cipher.doFinal(message);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            if (apiKey != null) {
                apiKey.close();
            }
        }
    }

    /** SHA-256 of one message of {@code length} bytes. */
    @State(Scope.Thread)
    public static class Sha256State {
        /** Message length in bytes. */
        @Param({"64", "1024"})
        public int length;

        @Param({"jca-native", "jca-java", "api-native", "jdk", "accp", "bc", "conscrypt"})
        public String provider;

        byte[] data;
        MessageDigest md;
        Sha256 api;

        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            data = Peers.randomBytes(new SplittableRandom(0x5A256L + length), length);
            if (provider.equals("api-native")) {
                api = Peers.ferriteSha256(Backend.NATIVE);
            } else {
                Provider p = JcaProviders.of(provider, "SHA-256");
                md = MessageDigest.getInstance("SHA-256", p);
                JcaProviders.checkFrom("MessageDigest.SHA-256", md.getProvider(), p);
            }
            Peers.check(provider, data, digest());
            Peers.check(provider, data, digest()); // twice: the digest resets for the next message
        }

        byte[] digest() {
            return md == null ? api.digest(data) : md.digest(data);
        }
    }

    @Benchmark
    public byte[] ed25519Sign(Ed25519State s) throws GeneralSecurityException {
        return s.sign(s.message);
    }

    @Benchmark
    public boolean ed25519Verify(Ed25519State s) throws GeneralSecurityException {
        return s.verify(s.message, s.signature);
    }

    @Benchmark
    public byte[] aesGcmEncrypt(AesGcmState s) throws GeneralSecurityException {
        return s.encrypt(s.nextNonce(), s.plaintext);
    }

    @Benchmark
    public byte[] aesGcmDecrypt(AesGcmState s) throws GeneralSecurityException {
        return s.decrypt(s.fixedNonce, s.sealed);
    }

    @Benchmark
    public byte[] sha256(Sha256State s) {
        return s.digest();
    }
}
