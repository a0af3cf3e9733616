package dev.ferrite.bench;

import dev.ferrite.internal.ffi.FerriteNative;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The cost of crossing the FFM boundary: a call to {@code ferrite_noop}, an export that does nothing but run the
 * same panic guard every export runs. The difference between a kernel's native time and its time in plain Rust is
 * this plus the Java-side wrapping (argument segments, output array, status check).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 2, jvmArgsAppend = {"--enable-native-access=ALL-UNNAMED"})
public class NativeCallBench {
    /** Fails the trial when the library is not loaded, so a fallback is never measured. */
    @Setup
    public void requireNative() {
        FerriteNative.requireAvailable();
    }

    /**
     * One critical downcall of the no-op export.
     *
     * @return its status, so the call is not eliminated
     */
    @Benchmark
    public int noop() {
        return FerriteNative.noop();
    }
}
