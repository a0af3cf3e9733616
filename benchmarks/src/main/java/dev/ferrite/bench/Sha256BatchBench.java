package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.sha256.Sha256;
import java.nio.ByteBuffer;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
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
 * SHA-256 of a batch of {@code count} messages of {@code messageSize} bytes each, all digests returned in order.
 *
 * <ul>
 *   <li>{@code native}, {@code java}: Ferrite's {@code digestAll} on each backend (native: one downcall, all
 *       cores).</li>
 *   <li>{@code jdk-sequential}: one JDK {@code MessageDigest}, a plain loop on the calling thread.</li>
 *   <li>{@code jdk-parallel}: the best plain-JDK parallel loop ({@link ParallelDigester}: a pool of
 *       {@code availableProcessors()} threads started once, a reused digest per thread, chunks claimed
 *       dynamically). This is the bar for {@code native}.</li>
 *   <li>{@code jdk-parallel-stream}: the idiomatic one-liner, a parallel stream on the common pool with a
 *       {@code ThreadLocal} digest per worker.</li>
 *   <li>{@code accp-parallel}: {@link ParallelDigester} with the Amazon Corretto Crypto Provider's digests.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class Sha256BatchBench {

    /**
     * {@code native-packed}, {@code java-packed}: the same messages already in one buffer (heap), hashed in place by
     * {@code Sha256.digestAll(ByteBuffer, int[])}; {@code native-packed-direct}: in a direct buffer. The other rows
     * take the {@code List<byte[]>}.
     */
    @Param({"native", "native-packed", "native-packed-direct", "java", "java-packed", "jdk-sequential", "jdk-parallel",
        "jdk-parallel-stream", "accp-parallel"})
    public String impl;

    /** Messages per batch. */
    @Param({"10000"})
    public int count;

    /** Bytes per message (not "size", so that {@code -p size=...} for {@link Sha256Bench} leaves it alone). */
    @Param({"256"})
    public int messageSize;

    private List<byte[]> messages;
    private Function<List<byte[]>, Object> digester;
    private ParallelDigester parallel;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(0xBA7C_0000L + messageSize);
        List<byte[]> list = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            list.add(Peers.randomBytes(random, messageSize));
        }
        messages = List.copyOf(list);
        int cores = Runtime.getRuntime().availableProcessors();
        digester = switch (impl) {
            case "native" -> ferrite(Backend.NATIVE);
            case "java" -> ferrite(Backend.JAVA);
            case "native-packed" -> packed(Backend.NATIVE, messages, false);
            case "native-packed-direct" -> packed(Backend.NATIVE, messages, true);
            case "java-packed" -> packed(Backend.JAVA, messages, false);
            case "jdk-sequential" -> {
                MessageDigest md = Peers.sha256Digest(null);
                yield ms -> {
                    byte[][] out = new byte[ms.size()][];
                    for (int i = 0; i < out.length; i++) {
                        out[i] = md.digest(ms.get(i));
                    }
                    return out;
                };
            }
            case "jdk-parallel" -> {
                parallel = new ParallelDigester(null, cores);
                yield parallel::digestAll;
            }
            case "jdk-parallel-stream" -> {
                ThreadLocal<MessageDigest> digests = ThreadLocal.withInitial(() -> Peers.sha256Digest(null));
                yield ms -> ms.parallelStream().map(m -> digests.get().digest(m)).toArray(byte[][]::new);
            }
            case "accp-parallel" -> {
                parallel = new ParallelDigester(Peers.accp(), cores);
                yield parallel::digestAll;
            }
            default -> throw new IllegalArgumentException("unknown impl: " + impl);
        };
        check(digester.apply(messages));
    }

    private static Function<List<byte[]>, Object> ferrite(Backend backend) {
        Sha256 sha = Peers.ferriteSha256(backend);
        return sha::digestAll;
    }

    /** The messages packed once into one buffer; the function ignores its argument and hashes the buffer. */
    private static Function<List<byte[]>, Object> packed(Backend backend, List<byte[]> messages, boolean direct) {
        Sha256 sha = Peers.ferriteSha256(backend);
        int total = messages.stream().mapToInt(m -> m.length).sum();
        ByteBuffer buffer = direct ? ByteBuffer.allocateDirect(total) : ByteBuffer.allocate(total);
        int[] offsets = new int[messages.size() + 1];
        for (int i = 0; i < messages.size(); i++) {
            offsets[i] = buffer.position();
            buffer.put(messages.get(i));
        }
        offsets[messages.size()] = buffer.position();
        buffer.flip();
        return ignored -> sha.digestAll(buffer, offsets);
    }

    private void check(Object result) {
        byte[][] digests;
        if (result instanceof byte[] packed) {
            digests = new byte[packed.length / 32][];
            for (int i = 0; i < digests.length; i++) {
                digests[i] = java.util.Arrays.copyOfRange(packed, 32 * i, 32 * i + 32);
            }
        } else {
            digests = (byte[][]) result;
        }
        if (digests == null || digests.length != messages.size()) {
            throw new IllegalStateException(impl + " returned " + (digests == null ? "null" : digests.length
                    + " digests") + " for " + messages.size() + " messages");
        }
        for (int i = 0; i < digests.length; i++) {
            Peers.check(impl + " (message " + i + ")", messages.get(i), digests[i]);
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        if (parallel != null) {
            parallel.close();
            parallel = null;
        }
    }

    @Benchmark
    public Object digestAll() {
        return digester.apply(messages);
    }
}
