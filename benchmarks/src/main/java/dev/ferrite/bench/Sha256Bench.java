package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.sha256.Sha256;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.digests.SHA256Digest;
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
 * SHA-256 of one message held in a {@code byte[]}, by every contender, one digest per operation.
 *
 * <ul>
 *   <li>{@code native}, {@code java}: Ferrite's two backends, {@code Crypto.sha256(backend).digest(data)}.</li>
 *   <li>{@code jdk}: {@code MessageDigest.getInstance("SHA-256").digest(data)} on every call, as typical code does.</li>
 *   <li>{@code jdk-reused}: one JDK {@code MessageDigest} reused for every call: the fastest possible JDK usage.</li>
 *   <li>{@code bouncycastle}: Bouncy Castle's lightweight {@code SHA256Digest}, reused.</li>
 *   <li>{@code accp}: Amazon Corretto Crypto Provider's {@code MessageDigest} (AWS-LC through JNI), reused.</li>
 *   <li>{@code conscrypt}: Conscrypt's {@code MessageDigest} (BoringSSL through JNI), reused.</li>
 * </ul>
 *
 * Peers that keep state are reused (their best case); Ferrite's calls are stateless, so they pay everything on
 * every call. Each contender's output is checked against the JDK's in {@code @Setup}. Every impl/size pair runs
 * in its own forked JVM, so the call site stays monomorphic.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class Sha256Bench {

    @Param({"native", "java", "jdk", "jdk-reused", "bouncycastle", "accp", "conscrypt"})
    public String impl;

    /** Message length in bytes. */
    @Param({"64", "1024", "16384", "1048576"})
    public int size;

    private byte[] data;
    private Digester digester;

    /** One way of hashing a whole array; implementations may keep (and reset) state between calls. */
    @FunctionalInterface
    interface Digester {
        byte[] digest(byte[] data);
    }

    @Setup(Level.Trial)
    public void setUp() {
        data = Peers.randomBytes(new SplittableRandom(0x5EED_0000L + size), size);
        digester = digester(impl);
        Peers.check(impl, data, digester.digest(data));
    }

    static Digester digester(String impl) {
        return switch (impl) {
            case "native" -> ferrite(Backend.NATIVE);
            case "java" -> ferrite(Backend.JAVA);
            case "jdk" -> data -> Peers.sha256Digest(null).digest(data);
            case "jdk-reused" -> reused(null);
            case "bouncycastle" -> {
                SHA256Digest bc = new SHA256Digest();
                yield data -> {
                    bc.update(data, 0, data.length);
                    byte[] out = new byte[32];
                    bc.doFinal(out, 0); // also resets
                    return out;
                };
            }
            case "accp" -> reused(Peers.accp());
            case "conscrypt" -> reused(Peers.conscrypt());
            default -> throw new IllegalArgumentException("unknown impl: " + impl);
        };
    }

    private static Digester ferrite(Backend backend) {
        Sha256 sha = Peers.ferriteSha256(backend);
        return sha::digest;
    }

    private static Digester reused(Provider provider) {
        MessageDigest md = Peers.sha256Digest(provider);
        return md::digest; // digest() completes the hash and resets
    }

    @Benchmark
    public byte[] digest() {
        return digester.digest(data);
    }
}
