package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.jca.FerriteProvider;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.security.Security;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import javax.crypto.Cipher;
import javax.net.ssl.SSLException;
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
 * TLS 1.3 bulk throughput of the JDK's {@code SSLEngine} with and without Ferrite installed as the first provider: a
 * client and a server engine in memory ({@link TlsPair}, no sockets), and per operation one {@code wrap} of
 * {@code length} = 16,367 bytes of application data into one full-size record by the client and its {@code unwrap} by the server
 * (heap buffers). The report turns the time per operation into MB/s of application data.
 *
 * <p>The {@code provider} parameter:
 * <ul>
 *   <li>{@code jdk}: the JDK's providers as they are (SunJCE encrypts the records);</li>
 *   <li>{@code jca-native}: {@code new FerriteProvider(NATIVE)} with its default services inserted at position 1
 *       before the engines are made, as {@link FerriteProvider#install()} does: JSSE's {@code
 *       Cipher.getInstance("AES/GCM/NoPadding")} then gets Ferrite's;</li>
 *   <li>{@code jca-java-all}: {@code new FerriteProvider(JAVA, true)} at position 1: what the Java backend's AES-GCM,
 *       off by default, would do to TLS if it were on.</li>
 * </ul>
 * Each trial runs in its own JVM (fork), so an installed provider never leaks into another trial. The set-up checks
 * that {@code Cipher.getInstance("AES/GCM/NoPadding")} comes from the expected provider and that the server
 * receives exactly what the client sent.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 3, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class JcaTlsBench {

    @Param({"TLS_AES_256_GCM_SHA384", "TLS_AES_128_GCM_SHA256"})
    public String cipherSuite;

    /**
     * Application bytes per record: 16,367, the most that the JDK's TLS 1.3 engine puts in one record (TLS allows
     * 16,384; JSSE 25 and 17 keep the whole record, with content type, tag and header, within its packet size).
     * {@link TlsPair#send} fails when one {@code wrap} does not take it all.
     */
    @Param({"16367"})
    public int length;

    @Param({"jca-native", "jdk", "jca-java-all"})
    public String provider;

    private TlsPair pair;
    private ByteBuffer data;

    @Setup(Level.Trial)
    public void setUp() throws GeneralSecurityException, IOException {
        String expected = switch (provider) {
            case "jdk" -> "SunJCE";
            case "jca-native" -> install(new FerriteProvider(Backend.NATIVE));
            case "jca-java-all" -> install(new FerriteProvider(Backend.JAVA, true));
            default -> throw new IllegalArgumentException("unknown provider " + provider);
        };
        String actual = Cipher.getInstance("AES/GCM/NoPadding").getProvider().getName();
        if (!actual.equals(expected)) {
            throw new IllegalStateException("Cipher.getInstance(\"AES/GCM/NoPadding\") comes from " + actual
                    + ", expected " + expected);
        }
        pair = new TlsPair(cipherSuite);
        byte[] bytes = Peers.randomBytes(new SplittableRandom(0x7153L), length);
        data = ByteBuffer.wrap(bytes);
        for (int i = 0; i < 3; i++) {
            ByteBuffer received = pair.send(data);
            if (!received.equals(ByteBuffer.wrap(bytes))) {
                throw new IllegalStateException("the server received other bytes than the client sent");
            }
        }
        warmUp(ByteBuffer.wrap(bytes, 0, Math.min(1024, length)).slice());
    }

    /**
     * Up to 20,000 records of 1 KiB (5 s at most) before JMH's warm-up: HotSpot compiles the JDK's GCM loop, and so
     * uses its AES/GHASH intrinsics, only after many calls; at 16 KiB a record, interpreted, JMH's warm-up holds a
     * thousand (a first try measured SunJCE at 16 MB/s). A long-running server reaches the compiled state, so every
     * contender gets it here (as in {@link AesGcmBench}). On the loaded 2-core machine JSSE still took about 5 s of
     * sending to settle, hence also 3 warm-up iterations.
     */
    private void warmUp(ByteBuffer small) throws SSLException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        for (int i = 0; i < 20_000 && System.nanoTime() < deadline; i++) {
            pair.send(small);
        }
    }

    private static String install(FerriteProvider ferrite) {
        if (!ferrite.getServices().stream().anyMatch(s -> s.getType().equals("Cipher"))) {
            throw new IllegalStateException(ferrite + " registers no Cipher: it would not take part in TLS");
        }
        if (Security.insertProviderAt(ferrite, 1) != 1) {
            throw new IllegalStateException("could not install " + ferrite.getName() + " first");
        }
        Provider first = Security.getProviders()[0];
        if (first != ferrite) {
            throw new IllegalStateException("the first provider is " + first + ", not Ferrite");
        }
        return ferrite.getName();
    }

    @Benchmark
    public ByteBuffer wrapUnwrap() throws SSLException {
        return pair.send(data);
    }
}
