package dev.ferrite;

import dev.ferrite.internal.ffi.NativeRuntime;
import java.util.stream.Stream;

/**
 * The backends a test class runs on: both on JDK 22 and newer (where the native one must load: a test that needs it
 * fails, never skips, when it does not), the Java backend alone on JDK 17 and 21, where native can't exist. Use as
 * {@code @MethodSource("dev.ferrite.TestBackends#all")} on a {@code @ParameterizedClass}. Test classes that only make
 * sense with native (differential, loader and handle tests) carry {@code @Tag("native")} instead, which the JDK 17 run
 * leaves out.
 */
public final class TestBackends {
    private TestBackends() {}

    /**
     * The backends of this JVM.
     *
     * @return both on JDK 22+, {@link Backend#JAVA} alone below
     */
    public static Stream<Backend> all() {
        return Runtime.version().feature() >= NativeRuntime.MIN_FEATURE ? Stream.of(Backend.values())
                : Stream.of(Backend.JAVA);
    }
}
