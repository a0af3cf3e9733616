package dev.ferrite.bench.jdk17;

import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.Security;
import java.security.Signature;
import java.security.SignatureException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.ServiceLoader;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Ed25519 through Ferrite's JCA provider on JDK 17, where only its pure-Java backend runs, against SunEC on the same
 * JDK (and Bouncy Castle's provider, the kernel under Ferrite's Java backend): per message {@code initSign} +
 * {@code update} + {@code sign}, {@code initVerify} + {@code update} + {@code verify}, 64-byte messages.
 *
 * <p>Compiled for release 17 on its own ({@code benchmarks/target/jdk17-classes}, not in the shaded jar, whose
 * classes need JDK 22+), and with no compile-time reference to Ferrite: the provider is found as the JDK finds it
 * from {@code java.security}, through {@code ServiceLoader<Provider>}, and set to the Java backend with
 * {@code configure("backend=java")}. It needs a Ferrite jar compiled for 17 on the class path, ahead of
 * {@code benchmarks.jar} (which supplies JMH and Bouncy Castle); {@code scripts/bench.sh --kernel jca} runs it so on
 * a JDK 17 when it finds both.
 *
 * <p>The {@code provider} parameter: {@code jca-java} (Ferrite), {@code jdk} (SunEC), {@code bc}. Each provider's
 * keys come from its own {@code KeyFactory} (the same PKCS#8/X.509 encodings); signatures are checked equal to
 * SunEC's (Ed25519 is deterministic) and each verifier to accept them and refuse a flipped bit.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(2)
public class JcaJdk17Bench {
    private static final String FERRITE_CLASS = "dev.ferrite.jca.FerriteProvider";

    @Param({"jca-java", "jdk", "bc"})
    public String provider;

    private byte[] message;
    private byte[] signature;
    private Signature jca;
    private PrivateKey privateKey;
    private PublicKey publicKey;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        Provider p = provider();
        SplittableRandom random = new SplittableRandom(0xED25519L);
        message = new byte[64];
        random.nextBytes(message);
        KeyPair reference = KeyPairGenerator.getInstance("Ed25519", "SunEC").generateKeyPair();
        KeyFactory factory = KeyFactory.getInstance("Ed25519", p);
        privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(reference.getPrivate().getEncoded()));
        publicKey = factory.generatePublic(new X509EncodedKeySpec(reference.getPublic().getEncoded()));
        jca = Signature.getInstance("Ed25519", p);
        if (jca.getProvider() != p) {
            throw new IllegalStateException("Signature.Ed25519 came from " + jca.getProvider() + ", not " + p);
        }
        Signature sunEc = Signature.getInstance("Ed25519", "SunEC");
        sunEc.initSign(reference.getPrivate());
        sunEc.update(message);
        byte[] expected = sunEc.sign();
        signature = sign();
        if (!Arrays.equals(expected, signature) || !verify(expected)) {
            throw new IllegalStateException(provider + " signs or verifies differently from SunEC");
        }
        byte[] flipped = expected.clone();
        flipped[40] ^= 1; // in S
        boolean accepted;
        try {
            accepted = verify(flipped);
        } catch (SignatureException e) {
            accepted = false;
        }
        if (accepted) {
            throw new IllegalStateException(provider + " accepted a signature with a flipped bit");
        }
    }

    private Provider provider() {
        switch (provider) {
            case "jdk":
                return Security.getProvider("SunEC");
            case "bc":
                return new BouncyCastleProvider();
            case "jca-java":
                // Only Ferrite's entry is instantiated (the shaded jar lists ACCP's, Conscrypt's, BC's too).
                Provider ferrite = ServiceLoader.load(Provider.class).stream()
                        .filter(entry -> entry.type().getName().equals(FERRITE_CLASS))
                        .findFirst().map(ServiceLoader.Provider::get)
                        .orElseThrow(() -> new IllegalStateException("no " + FERRITE_CLASS + " in any"
                                + " META-INF/services/java.security.Provider on the class path"));
                Provider java = ferrite.configure("backend=java");
                if (!java.getName().equals("Ferrite") || !java.getInfo().contains("java backend")) {
                    throw new IllegalStateException("not Ferrite's Java backend: " + java.getInfo());
                }
                return java;
            default:
                throw new IllegalArgumentException("unknown provider " + provider);
        }
    }

    private byte[] sign() throws GeneralSecurityException {
        jca.initSign(privateKey);
        jca.update(message);
        return jca.sign();
    }

    private boolean verify(byte[] s) throws GeneralSecurityException {
        jca.initVerify(publicKey);
        jca.update(message);
        return jca.verify(s);
    }

    @Benchmark
    public byte[] ed25519Sign() throws GeneralSecurityException {
        return sign();
    }

    @Benchmark
    public boolean ed25519Verify() throws GeneralSecurityException {
        return verify(signature);
    }
}
