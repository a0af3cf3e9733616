package dev.ferrite.bench;

import java.security.GeneralSecurityException;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
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
 * Ed25519 sign and verify of one message with one key, by every contender (see {@link Ed25519Peers} for how each is
 * used). The key is parsed once, outside the measurement, as applications hold keys; the message is signed or
 * verified whole on every operation. Outputs are checked against Ferrite's Java backend in {@code @Setup}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class Ed25519Bench {

    @Param({"native", "java", "jdk", "bouncycastle", "tink", "accp", "conscrypt"})
    public String impl;

    /** Message length in bytes. */
    @Param({"64", "1024"})
    public int messageBytes;

    private byte[] message;
    private byte[] signature;
    private Ed25519Peers.Signer signer;
    private Ed25519Peers.Verifier verifier;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException {
        SplittableRandom random = new SplittableRandom(0xED25519L + messageBytes);
        Ed25519Peers.Key key = Ed25519Peers.Key.of(Peers.randomBytes(random, 32));
        message = Peers.randomBytes(random, messageBytes);
        signer = Ed25519Peers.signer(impl, key);
        verifier = Ed25519Peers.verifier(impl, key);
        Ed25519Peers.check(impl, key, message, signer, verifier);
        signature = signer.sign(message);
    }

    @Benchmark
    public byte[] sign() throws GeneralSecurityException {
        return signer.sign(message);
    }

    @Benchmark
    public boolean verify() throws GeneralSecurityException {
        return verifier.verify(message, signature);
    }
}
