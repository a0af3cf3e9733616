package dev.ferrite;

import dev.ferrite.internal.Kernels;
import java.util.Optional;

/**
 * Which backend Ferrite uses, and why.
 *
 * <p>The native backend is used whenever its library loads; otherwise Ferrite falls back to pure Java and records
 * the reason, which {@link #nativeLoadError()} returns. System properties, read once at first use:
 * <ul>
 *   <li>{@code -Dferrite.backend=java} forces the fallback (the native library is not loaded);
 *       {@code -Dferrite.backend=native} makes a load failure an error instead of a fallback;
 *   <li>{@code -Dferrite.library.path=/path/libferrite.so} loads that file instead of the one in the jar;
 *   <li>{@code -Dferrite.tmpdir=/dir} extracts the bundled library under that directory (default
 *       {@code java.io.tmpdir}; it must allow executing code, so not a {@code noexec} mount);
 *   <li>{@code -Dferrite.threads=N} sizes the native worker pool (default: one thread per CPU).
 * </ul>
 * On JDK 24 and later, run with {@code --enable-native-access=ALL-UNNAMED} (or Ferrite's module name) to avoid the
 * JDK's warning about restricted methods.
 *
 * <p>Thread-safe.
 */
public final class Ferrite {
    private Ferrite() {}

    /**
     * The backend the facades ({@link Crypto}) use.
     *
     * @return {@link Backend#NATIVE} when the native library loaded, otherwise {@link Backend#JAVA}
     * @throws IllegalStateException when {@code -Dferrite.backend=native} is set and the library did not load, or
     *     when {@code ferrite.backend} has an unknown value
     */
    public static Backend backend() {
        return Kernels.active();
    }

    /**
     * Why the native backend is not in use.
     *
     * @return the load failure (or the reason it was not attempted), or empty when native is in use
     */
    public static Optional<Throwable> nativeLoadError() {
        return Kernels.nativeError();
    }

    /**
     * Whether a backend can be used, regardless of which one is active. Asking about {@link Backend#NATIVE} loads
     * the native library if that has not happened yet.
     *
     * @param backend the backend
     * @return true when {@code backend} can be requested from the facades
     */
    public static boolean isAvailable(Backend backend) {
        return Kernels.isUsable(backend);
    }
}
