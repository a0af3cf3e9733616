package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.hkdf.Hkdf;
import dev.ferrite.x25519.X25519;
import dev.ferrite.x25519.X25519KeyPair;
import dev.ferrite.x25519.X25519PrivateKey;
import dev.ferrite.x25519.X25519PublicKey;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.NamedParameterSpec;
import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.KeyAgreement;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * X25519 and HKDF-SHA256 (issue #20): Ferrite's native and Java backends against the JCA providers people use.
 * {@code agree}: one key agreement with keys held as objects (Ferrite's key objects; a JCA {@code KeyAgreement}
 * initialised with the private key, {@code doPhase} with the peer's key and {@code generateSecret}, as an application
 * does for each peer). {@code keyPair}: a new key pair (closed again for Ferrite). Every contender's secret is checked
 * against Ferrite's Java backend in {@code @Setup}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class EnvelopeBench {

    /** X25519 contenders. */
    @State(Scope.Thread)
    public static class Agreement {
        /** ACCP 2.5 is not among them: it has no X25519 (its KeyAgreement is ECDH on the NIST curves only). */
        @Param({"native", "java", "jca-native", "jca-java", "jdk", "bouncycastle", "conscrypt"})
        public String impl;

        private X25519 ferrite;
        private X25519PrivateKey privateKey;
        private X25519PublicKey peer;
        private Provider provider;
        private PrivateKey jcaPrivate;
        private PublicKey jcaPeer;
        private KeyPairGenerator generator;

        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException {
            SplittableRandom random = new SplittableRandom(0x25519L);
            X25519 reference = Crypto.x25519(Backend.JAVA);
            X25519KeyPair ours = reference.keyPairFromPrivateKey(Peers.randomBytes(random, 32));
            X25519KeyPair theirs = reference.keyPairFromPrivateKey(Peers.randomBytes(random, 32));
            byte[] expected = reference.agree(ours.privateKey(), theirs.publicKey());
            switch (impl) {
                case "native", "java" -> {
                    ferrite = Crypto.x25519(impl.equals("native") ? Backend.NATIVE : Backend.JAVA);
                    privateKey = ours.privateKey();
                    peer = theirs.publicKey();
                }
                default -> {
                    provider = switch (impl) {
                        case "jdk" -> java.security.Security.getProvider("SunEC");
                        case "bouncycastle" -> new BouncyCastleProvider();
                        case "conscrypt" -> Peers.conscrypt();
                        // Ferrite's JCA provider with the JDK's keys (as with Ferrite installed first): its
                        // KeyAgreement converts the key of an init once and keeps it for the next init with it.
                        case "jca-native" -> new dev.ferrite.jca.FerriteProvider(Backend.NATIVE);
                        case "jca-java" -> new dev.ferrite.jca.FerriteProvider(Backend.JAVA);
                        default -> throw new IllegalArgumentException("unknown impl " + impl);
                    };
                    // Keys in the contender's own form, as an application holding them would have them.
                    java.security.KeyFactory factory = java.security.KeyFactory.getInstance(algorithm(),
                            impl.startsWith("jca-") ? java.security.Security.getProvider("SunEC") : provider);
                    jcaPrivate = factory.generatePrivate(
                            new java.security.spec.PKCS8EncodedKeySpec(ours.privateKey().exportSecretPkcs8()));
                    jcaPeer = factory.generatePublic(
                            new java.security.spec.X509EncodedKeySpec(theirs.publicKey().toX509()));
                    generator = KeyPairGenerator.getInstance(algorithm(),
                            impl.startsWith("jca-") ? java.security.Security.getProvider("SunEC") : provider);
                    AlgorithmParameterSpec params = NamedParameterSpec.X25519;
                    // Bouncy Castle's "X25519" and Conscrypt's "XDH" generators are X25519-only and take no parameters.
                    if (impl.equals("jdk") || impl.startsWith("jca-")) {
                        generator.initialize(params);
                    }
                }
            }
            byte[] actual = agree();
            if (!Arrays.equals(expected, actual)) {
                throw new IllegalStateException(impl + ": X25519 secret differs from Ferrite's Java backend");
            }
        }

        private String algorithm() {
            return impl.equals("bouncycastle") ? "X25519" : "XDH";
        }

        byte[] agree() throws GeneralSecurityException {
            if (ferrite != null) {
                return ferrite.agree(privateKey, peer);
            }
            KeyAgreement agreement = KeyAgreement.getInstance(algorithm(), provider);
            agreement.init(jcaPrivate);
            agreement.doPhase(jcaPeer, true);
            return agreement.generateSecret();
        }

        Object keyPair() {
            if (ferrite != null) {
                X25519KeyPair pair = ferrite.generateKeyPair();
                pair.close();
                return pair.publicKey();
            }
            KeyPair pair = generator.generateKeyPair();
            return pair.getPublic();
        }
    }

    /** HKDF-SHA256 contenders: Ferrite's two backends and the JDK's {@code javax.crypto.KDF} (JDK 25). */
    @State(Scope.Thread)
    public static class Derivation {
        @Param({"native", "java", "jdk"})
        public String impl;

        /** Output length in bytes. */
        @Param({"32"})
        public int outputBytes;

        private Hkdf ferrite;
        private MethodHandle jdkDerive;
        private byte[] salt;
        private byte[] ikm;
        private byte[] info;

        @Setup(Level.Trial)
        public void setUp() throws Throwable {
            SplittableRandom random = new SplittableRandom(5869);
            salt = Peers.randomBytes(random, 32);
            ikm = Peers.randomBytes(random, 32);
            info = Peers.randomBytes(random, 64);
            if (impl.equals("jdk")) {
                jdkDerive = jdkHkdf();
            } else {
                ferrite = Crypto.hkdf(impl.equals("native") ? Backend.NATIVE : Backend.JAVA);
            }
            byte[] expected = Crypto.hkdf(Backend.JAVA).derive(salt, ikm, info, outputBytes);
            if (!Arrays.equals(expected, derive())) {
                throw new IllegalStateException(impl + ": HKDF output differs from Ferrite's Java backend");
            }
        }

        /**
         * {@code KDF.getInstance("HKDF-SHA256").deriveData(HKDFParameterSpec.ofExtract()...thenExpand(info, n))},
         * bound through method handles: this module compiles for release 22, the API is new in 25.
         */
        private MethodHandle jdkHkdf() throws Throwable {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> kdfClass = Class.forName("javax.crypto.KDF");
            Class<?> specClass = Class.forName("javax.crypto.spec.HKDFParameterSpec");
            Class<?> builderClass = Class.forName("javax.crypto.spec.HKDFParameterSpec$Builder");
            Object kdf = kdfClass.getMethod("getInstance", String.class).invoke(null, "HKDF-SHA256");
            MethodHandle ofExtract = lookup.findStatic(specClass, "ofExtract", MethodType.methodType(builderClass));
            MethodHandle addIkm = lookup.findVirtual(builderClass, "addIKM",
                    MethodType.methodType(builderClass, byte[].class));
            MethodHandle addSalt = lookup.findVirtual(builderClass, "addSalt",
                    MethodType.methodType(builderClass, byte[].class));
            MethodHandle thenExpand = lookup.findVirtual(builderClass, "thenExpand",
                    MethodType.methodType(Class.forName("javax.crypto.spec.HKDFParameterSpec$ExtractThenExpand"),
                            byte[].class, int.class));
            MethodHandle deriveData = lookup.findVirtual(kdfClass, "deriveData",
                    MethodType.methodType(byte[].class, AlgorithmParameterSpec.class));
            return MethodHandles.insertArguments(MethodHandles.lookup().findStatic(Derivation.class, "viaKdf",
                    MethodType.methodType(byte[].class, Object.class, MethodHandle.class, MethodHandle.class,
                            MethodHandle.class, MethodHandle.class, MethodHandle.class, byte[].class, byte[].class,
                            byte[].class, int.class)), 0, kdf, ofExtract, addIkm, addSalt, thenExpand, deriveData);
        }

        private static byte[] viaKdf(Object kdf, MethodHandle ofExtract, MethodHandle addIkm, MethodHandle addSalt,
                MethodHandle thenExpand, MethodHandle deriveData, byte[] salt, byte[] ikm, byte[] info, int length)
                throws Throwable {
            Object builder = ofExtract.invoke();
            builder = addIkm.invoke(builder, ikm);
            builder = addSalt.invoke(builder, salt);
            Object spec = thenExpand.invoke(builder, info, length);
            return (byte[]) deriveData.invoke(kdf, spec);
        }

        byte[] derive() throws Throwable {
            if (ferrite != null) {
                return ferrite.derive(salt, ikm, info, outputBytes);
            }
            return (byte[]) jdkDerive.invoke(salt, ikm, info, outputBytes);
        }
    }

    @Benchmark
    public byte[] x25519Agree(Agreement state) throws GeneralSecurityException {
        return state.agree();
    }

    @Benchmark
    public Object x25519KeyPair(Agreement state) {
        return state.keyPair();
    }

    @Benchmark
    public byte[] hkdfDerive(Derivation state) throws Throwable {
        return state.derive();
    }
}
