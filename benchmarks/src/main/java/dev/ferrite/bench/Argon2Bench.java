package dev.ferrite.bench;

import de.mkammerer.argon2.Argon2Advanced;
import de.mkammerer.argon2.Argon2Factory;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.argon2.Argon2;
import dev.ferrite.argon2.Argon2Params;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
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
 * One Argon2id hash (32-byte output, 16-byte salt, an 8-byte password) by every contender, at the two settings people
 * deploy: OWASP's m=19 MiB t=2 p=1 (one lane: only the compression function's speed counts) and RFC 9106's second
 * recommendation m=64 MiB t=3 p=4 (four lanes: parallelism counts too, on however many cores the machine has).
 * <ul>
 *   <li>{@code native}, {@code java}: Ferrite's {@code Argon2.deriveKey} on each backend (the work of
 *       {@code hash}/{@code verify} without the PHC string);</li>
 *   <li>{@code bouncycastle}: Bouncy Castle's {@code Argon2BytesGenerator} called directly (lanes one after
 *       another);</li>
 *   <li>{@code argon2jvm}: argon2-jvm's {@code rawHash}, JNA over the libargon2 it bundles (lanes on threads).</li>
 * </ul>
 * Every contender's output is checked against Bouncy Castle's in {@code @Setup}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class Argon2Bench {

    @Param({"native", "java", "bouncycastle", "argon2jvm"})
    public String impl;

    /** {@code owasp}: m=19456 KiB t=2 p=1; {@code rfc9106second}: m=65536 KiB t=3 p=4. */
    @Param({"owasp", "rfc9106second"})
    public String setting;

    private final byte[] password = "hunter42".getBytes(StandardCharsets.US_ASCII);
    private final byte[] salt = "0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private Argon2Params params;
    private Argon2 ferrite;
    private Argon2Advanced argon2jvm;

    @Setup(Level.Trial)
    public void setUp() {
        params = switch (setting) {
            case "owasp" -> Argon2Params.owaspDefault();
            case "rfc9106second" -> Argon2Params.rfc9106SecondRecommended();
            default -> throw new IllegalArgumentException("unknown setting " + setting);
        };
        switch (impl) {
            case "native" -> ferrite = Crypto.argon2(Backend.NATIVE);
            case "java" -> ferrite = Crypto.argon2(Backend.JAVA);
            case "bouncycastle" -> { }
            case "argon2jvm" -> argon2jvm = Argon2Factory.createAdvanced(Argon2Factory.Argon2Types.ARGON2id);
            default -> throw new IllegalArgumentException("unknown impl " + impl);
        }
        byte[] expected = bouncyCastle();
        byte[] actual = hash();
        if (!Arrays.equals(expected, actual)) {
            throw new IllegalStateException(impl + " " + setting + " differs from Bouncy Castle: "
                    + HexFormat.of().formatHex(actual) + " vs " + HexFormat.of().formatHex(expected));
        }
    }

    private byte[] bouncyCastle() {
        Argon2Parameters parameters = new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13).withMemoryAsKB(params.memoryKib())
                .withIterations(params.iterations()).withParallelism(params.parallelism()).withSalt(salt).build();
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(parameters);
        byte[] out = new byte[32];
        generator.generateBytes(password, out);
        return out;
    }

    @Benchmark
    public byte[] hash() {
        return switch (impl) {
            case "native", "java" -> ferrite.deriveKey(password, salt, params, 32);
            case "bouncycastle" -> bouncyCastle();
            case "argon2jvm" -> argon2jvm.rawHash(params.iterations(), params.memoryKib(), params.parallelism(),
                    password, salt);
            default -> throw new IllegalStateException(impl);
        };
    }
}
