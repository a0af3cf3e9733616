package dev.ferrite.bench;

import com.google.crypto.tink.HybridDecrypt;
import com.google.crypto.tink.HybridEncrypt;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.hybrid.HpkeParameters;
import com.google.crypto.tink.hybrid.HpkePrivateKey;
import com.google.crypto.tink.hybrid.HpkePublicKey;
import com.google.crypto.tink.hybrid.internal.HpkeDecrypt;
import com.google.crypto.tink.hybrid.internal.HpkeEncrypt;
import com.google.crypto.tink.util.Bytes;
import com.google.crypto.tink.util.SecretBytes;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.hkdf.Hkdf;
import dev.ferrite.hpke.Hpke;
import dev.ferrite.hpke.HpkeSealed;
import dev.ferrite.hpke.HpkeSuite;
import dev.ferrite.jca.FerriteProvider;
import dev.ferrite.x25519.X25519;
import dev.ferrite.x25519.X25519KeyPair;
import dev.ferrite.x25519.X25519PrivateKey;
import dev.ferrite.x25519.X25519PublicKey;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.nio.charset.StandardCharsets;
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
import org.bouncycastle.crypto.AsymmetricCipherKeyPair;
import org.bouncycastle.crypto.InvalidCipherTextException;
import org.bouncycastle.crypto.hpke.HPKE;
import org.bouncycastle.crypto.hpke.HPKEContextWithEncapsulation;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
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
 * X25519, HKDF-SHA256 and HPKE (issue #20): Ferrite's native and Java backends against the JCA providers people use
 * and, for HPKE, Bouncy Castle's and Tink's HPKE.
 * {@code agree}: one key agreement with keys held as objects (Ferrite's key objects; a JCA {@code KeyAgreement}
 * initialised with the private key, {@code doPhase} with the peer's key and {@code generateSecret}, as an application
 * does for each peer). {@code keyPair}: a new key pair (closed again for Ferrite). Every contender's secret is checked
 * against Ferrite's Java backend in {@code @Setup}. {@code hpkeSeal}/{@code hpkeOpen}: one single-shot HPKE message
 * in base mode, see {@link Sealing}.
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

    /**
     * HKDF-SHA256 contenders: Ferrite's two backends, and {@code javax.crypto.KDF} (JDK 25) from the JDK's SunJCE
     * ({@code jdk}) and from Ferrite's provider on each backend ({@code jca-native}, {@code jca-java}: its
     * {@code KDF.HKDF-SHA256} service, which decides whether that service is on by default).
     */
    @State(Scope.Thread)
    public static class Derivation {
        @Param({"native", "java", "jca-native", "jca-java", "jdk"})
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
                jdkDerive = jdkHkdf(null);
            } else if (impl.startsWith("jca-")) {
                jdkDerive = jdkHkdf(new FerriteProvider(impl.equals("jca-native") ? Backend.NATIVE : Backend.JAVA,
                        true));
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
         * bound through method handles: this module compiles for release 22, the API is new in 25. From
         * {@code provider}, or the JDK's first provider of the algorithm when null.
         */
        private MethodHandle jdkHkdf(Provider provider) throws Throwable {
            MethodHandles.Lookup lookup = MethodHandles.publicLookup();
            Class<?> kdfClass = Class.forName("javax.crypto.KDF");
            Class<?> specClass = Class.forName("javax.crypto.spec.HKDFParameterSpec");
            Class<?> builderClass = Class.forName("javax.crypto.spec.HKDFParameterSpec$Builder");
            Object kdf = provider == null
                    ? kdfClass.getMethod("getInstance", String.class).invoke(null, "HKDF-SHA256")
                    : kdfClass.getMethod("getInstance", String.class, Provider.class).invoke(null,
                            "HKDF-SHA256", provider);
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

    /**
     * HPKE contenders (RFC 9180): single-shot base mode, suite DHKEM(X25519, HKDF-SHA256), HKDF-SHA256, AES-128-GCM
     * (Ferrite's {@link HpkeSuite#X25519_SHA256_AES_128_GCM}), a fixed {@code info} and empty AAD for every row
     * (Tink's {@code HybridEncrypt} takes no AAD: its context info is HPKE's {@code info}). One recipient key pair,
     * the same raw X25519 bytes for every row, made in {@code @Setup}. {@code hpkeSeal}: one message to the
     * recipient's public key with a fresh ephemeral key each time, as a sender does (each contender's own random
     * ephemeral key). {@code hpkeOpen}: one message opened with the recipient's private key; the message is made in
     * {@code @Setup} with a fixed ephemeral key (Bouncy Castle's {@code setupBaseS} with a key pair derived from a
     * fixed seed), so every row opens the same bytes, in each contender's own form: {@code enc} and the ciphertext
     * apart for Ferrite and Bouncy Castle, {@code enc || ciphertext} for Tink.
     *
     * <ul>
     *   <li>{@code native}, {@code java}: {@code Crypto.hpke(backend).seal}/{@code open} with Ferrite's X25519 key
     *       objects.</li>
     *   <li>{@code bouncycastle}: Bouncy Castle's lightweight {@code org.bouncycastle.crypto.hpke.HPKE}
     *       {@code seal(pkR, info, aad, pt, null, null, null)} and {@code open(enc, kpR, info, aad, ct, null, null,
     *       null)}, with its own key parameters. An {@code HPKE} object is not thread-safe (its KEM re-initialises a
     *       key agreement and key generator it keeps on every call), so there is one per thread (this state), made
     *       in {@code @Setup} and used for every call of that thread.</li>
     *   <li>{@code tink}: Tink's {@code hybrid.internal.HpkeEncrypt}/{@code HpkeDecrypt} (the primitives its HPKE
     *       hybrid encryption keysets use), made once in {@code @Setup} from an {@code HpkeParameters} with variant
     *       {@code NO_PREFIX} (so the output is {@code enc || ciphertext}, nothing before it). Its X25519 is Tink's
     *       own pure-Java one: Tink takes Conscrypt's only when Conscrypt is installed as a JCA provider, and it is
     *       not here (as on a plain JDK).</li>
     * </ul>
     *
     * <p>Checked in {@code @Setup}: each row opens the fixed message to its plaintext; each row's sealed message opens
     * to the plaintext in both Bouncy Castle and Ferrite's Java backend; two seals have different {@code enc} (a fresh
     * ephemeral key each).
     */
    @State(Scope.Thread)
    public static class Sealing {
        private static final HpkeSuite SUITE = HpkeSuite.X25519_SHA256_AES_128_GCM;
        private static final byte[] INFO = "Ferrite EnvelopeBench HPKE".getBytes(StandardCharsets.US_ASCII);
        private static final byte[] NO_AAD = new byte[0];

        @Param({"native", "java", "bouncycastle", "tink"})
        public String impl;

        /** Plaintext length in bytes. */
        @Param({"64", "1024", "1048576"})
        public int size;

        private byte[] plaintext;
        /** The message {@code hpkeOpen} opens: its {@code enc}, its ciphertext, and both joined (Tink's form). */
        private byte[] enc;
        private byte[] ciphertext;
        private byte[] encAndCiphertext;

        private Hpke ferrite;
        private X25519PublicKey recipientPublic;
        private X25519PrivateKey recipientPrivate;
        private HPKE bouncyCastle;
        private AsymmetricKeyParameter bcRecipientPublic;
        private AsymmetricCipherKeyPair bcRecipient;
        private HybridEncrypt tinkEncrypt;
        private HybridDecrypt tinkDecrypt;

        private static HPKE bouncyCastleHpke() {
            return new HPKE(HPKE.mode_base, HPKE.kem_X25519_SHA256, HPKE.kdf_HKDF_SHA256, HPKE.aead_AES_GCM128);
        }

        @Setup(Level.Trial)
        public void setUp() throws GeneralSecurityException, InvalidCipherTextException {
            SplittableRandom random = new SplittableRandom(9180);
            byte[] recipientSecret = Peers.randomBytes(random, 32);
            plaintext = Peers.randomBytes(random, size);
            X25519KeyPair recipient = Crypto.x25519(Backend.JAVA).keyPairFromPrivateKey(recipientSecret);
            recipientPublic = recipient.publicKey();
            recipientPrivate = recipient.privateKey();
            byte[] publicBytes = recipientPublic.toBytes();

            // The message to open, the same bytes in every trial: sealed with a fixed ephemeral key.
            HPKE maker = bouncyCastleHpke();
            AsymmetricCipherKeyPair bcPair = maker.deserializePrivateKey(recipientSecret, publicBytes);
            HPKEContextWithEncapsulation context = maker.setupBaseS(bcPair.getPublic(), INFO,
                    maker.deriveKeyPair(Peers.randomBytes(random, 32)));
            ciphertext = context.seal(NO_AAD, plaintext);
            enc = context.getEncapsulation();
            encAndCiphertext = HpkeSealed.of(enc, ciphertext).toBytes();

            switch (impl) {
                case "native", "java" -> {
                    Backend backend = impl.equals("native") ? Backend.NATIVE : Backend.JAVA;
                    ferrite = Crypto.hpke(backend);
                    if (ferrite.backend() != backend) {
                        throw new IllegalStateException(
                                "asked Ferrite for " + backend + " but got " + ferrite.backend());
                    }
                }
                case "bouncycastle" -> {
                    bouncyCastle = bouncyCastleHpke();
                    bcRecipientPublic = bouncyCastle.deserializePublicKey(publicBytes);
                    bcRecipient = bouncyCastle.deserializePrivateKey(recipientSecret, publicBytes);
                }
                case "tink" -> {
                    HpkeParameters parameters = HpkeParameters.builder()
                            .setVariant(HpkeParameters.Variant.NO_PREFIX)
                            .setKemId(HpkeParameters.KemId.DHKEM_X25519_HKDF_SHA256)
                            .setKdfId(HpkeParameters.KdfId.HKDF_SHA256)
                            .setAeadId(HpkeParameters.AeadId.AES_128_GCM)
                            .build();
                    HpkePublicKey tinkPublic = HpkePublicKey.create(parameters, Bytes.copyFrom(publicBytes), null);
                    tinkEncrypt = HpkeEncrypt.create(tinkPublic);
                    tinkDecrypt = HpkeDecrypt.create(HpkePrivateKey.create(tinkPublic,
                            SecretBytes.copyFrom(recipientSecret, InsecureSecretKeyAccess.get())));
                }
                default -> throw new IllegalArgumentException("unknown impl " + impl);
            }
            Arrays.fill(recipientSecret, (byte) 0);
            check();
        }

        /** Fails unless this row opens and seals correctly (twice each: the Bouncy Castle object is reused). */
        private void check() throws GeneralSecurityException, InvalidCipherTextException {
            Hpke reference = Crypto.hpke(Backend.JAVA);
            HPKE independent = bouncyCastleHpke();
            byte[] firstEnc = null;
            for (int round = 0; round < 2; round++) {
                if (!Arrays.equals(plaintext, open())) {
                    throw new IllegalStateException(impl + ": HPKE open did not give the plaintext back");
                }
                HpkeSealed sealed = asSealed(seal());
                if (sealed.ciphertext().length != size + 16) {
                    throw new IllegalStateException(impl + ": HPKE ciphertext of " + sealed.ciphertext().length
                            + " bytes for " + size + " bytes of plaintext");
                }
                byte[] byReference = reference.open(SUITE, sealed.enc(), recipientPrivate, INFO, NO_AAD,
                        sealed.ciphertext());
                byte[] byIndependent = independent.open(sealed.enc(), independent.deserializePrivateKey(
                        recipientPrivate.exportSecretBytes(), recipientPublic.toBytes()), INFO, NO_AAD,
                        sealed.ciphertext(), null, null, null);
                if (!Arrays.equals(plaintext, byReference) || !Arrays.equals(plaintext, byIndependent)) {
                    throw new IllegalStateException(impl + ": its HPKE message does not open to the plaintext");
                }
                if (firstEnc == null) {
                    firstEnc = sealed.enc();
                } else if (Arrays.equals(firstEnc, sealed.enc())) {
                    throw new IllegalStateException(impl + ": two seals used the same ephemeral key");
                }
            }
        }

        /** A seal's result as Ferrite's {@link HpkeSealed}, for the checks. */
        private static HpkeSealed asSealed(Object sealed) {
            return switch (sealed) {
                case HpkeSealed s -> s;
                case byte[][] parts -> HpkeSealed.of(parts[1], parts[0]); // Bouncy Castle: {ciphertext, enc}
                case byte[] joined -> HpkeSealed.fromBytes(joined); // Tink: enc || ciphertext
                default -> throw new IllegalStateException("unexpected " + sealed.getClass());
            };
        }

        Object seal() throws GeneralSecurityException, InvalidCipherTextException {
            if (ferrite != null) {
                return ferrite.seal(SUITE, recipientPublic, INFO, NO_AAD, plaintext);
            }
            if (bouncyCastle != null) {
                return bouncyCastle.seal(bcRecipientPublic, INFO, NO_AAD, plaintext, null, null, null);
            }
            return tinkEncrypt.encrypt(plaintext, INFO);
        }

        byte[] open() throws GeneralSecurityException, InvalidCipherTextException {
            if (ferrite != null) {
                return ferrite.open(SUITE, enc, recipientPrivate, INFO, NO_AAD, ciphertext);
            }
            if (bouncyCastle != null) {
                return bouncyCastle.open(enc, bcRecipient, INFO, NO_AAD, ciphertext, null, null, null);
            }
            return tinkDecrypt.decrypt(encAndCiphertext, INFO);
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

    @Benchmark
    public Object hpkeSeal(Sealing state) throws GeneralSecurityException, InvalidCipherTextException {
        return state.seal();
    }

    @Benchmark
    public byte[] hpkeOpen(Sealing state) throws GeneralSecurityException, InvalidCipherTextException {
        return state.open();
    }
}
