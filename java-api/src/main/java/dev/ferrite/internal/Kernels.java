package dev.ferrite.internal;

import dev.ferrite.Backend;
import dev.ferrite.internal.ffi.NativeRuntime;
import java.lang.reflect.Method;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * Not part of Ferrite's API: the one place a backend is picked, and the one place a kernel's implementation is found.
 *
 * <p>Each kernel {@code dev.ferrite.<kernel>.<Kernel>} (an interface) has two package-private implementations in its
 * package, {@code Java<Kernel>} and {@code Native<Kernel>}, each with a static {@code instance()}. They are found by
 * those names: the native ones are compiled for Java 22 (they call the FFM bindings) and this class, compiled for 17,
 * must never name them, so on JDK 17 and 21 they are never loaded (docs/ARCHITECTURE.md, "JDK 17 and 21").
 *
 * <p>The backend is chosen once, the first time any facade is used, from the system property {@value #BACKEND_PROPERTY}:
 * <ul>
 *   <li>unset or {@code auto}: native when the library loads, otherwise the pure-Java fallback;
 *   <li>{@code java}: the fallback, without loading the native library at all;
 *   <li>{@code native}: native, and a load failure is an error ({@link IllegalStateException} from every facade)
 *       instead of a fallback.
 * </ul>
 * The outcome is logged once through {@link System.Logger} ({@code dev.ferrite}): a warning when falling back (an
 * information line on JDK 17 and 21, where that is expected), a debug line otherwise. Nothing here throws from class
 * initialisation. Thread-safe.
 */
public final class Kernels {
    /** The system property that picks the backend. */
    public static final String BACKEND_PROPERTY = "ferrite.backend";

    private static final System.Logger LOG = System.getLogger("dev.ferrite");

    /**
     * The outcome of the selection.
     *
     * @param active the backend facades use, or null when the configuration makes every use fail
     * @param nativeError why native is not in use, or null when it is
     * @param failure thrown at every use when non-null (native required but unavailable, or a bad property)
     */
    private record Selection(Backend active, Throwable nativeError, RuntimeException failure) {}

    /** Each kernel interface's two implementations, indexed by {@link Backend#ordinal()}, found on first use. */
    private static final ClassValue<Object[]> IMPLEMENTATIONS = new ClassValue<>() {
        @Override
        protected Object[] computeValue(Class<?> kernel) {
            return new Object[Backend.values().length];
        }
    };

    private Kernels() {}

    private static final class Holder {
        static final Selection SELECTION = select(System.getProperty(BACKEND_PROPERTY, ""));
    }

    /**
     * Why native is not in use.
     *
     * @return the load failure or the reason it was not attempted; empty when native is in use
     */
    public static Optional<Throwable> nativeError() {
        return Optional.ofNullable(Holder.SELECTION.nativeError());
    }

    /**
     * The active backend.
     *
     * @return the backend the facades use
     * @throws IllegalStateException when the configuration makes every use fail
     */
    public static Backend active() {
        Selection selection = Holder.SELECTION;
        if (selection.failure() != null) {
            throw selection.failure();
        }
        return selection.active();
    }

    /**
     * Whether {@code backend} can be used now; loads the native library when asked about it.
     *
     * @param backend the backend
     * @return true when its implementations can be handed out
     */
    public static boolean isUsable(Backend backend) {
        return backend == Backend.JAVA || NativeRuntime.isAvailable();
    }

    /**
     * The active backend's implementation of a kernel.
     *
     * @param <K> the kernel interface
     * @param kernel the kernel interface, such as {@code Sha256.class}
     * @return its implementation
     * @throws IllegalStateException when the configured backend can't be used
     */
    public static <K> K active(Class<K> kernel) {
        return get(kernel, active());
    }

    /**
     * A backend's implementation of a kernel.
     *
     * @param <K> the kernel interface
     * @param kernel the kernel interface, such as {@code Sha256.class}
     * @param backend the backend
     * @return its implementation
     * @throws NullPointerException if {@code backend} is null
     * @throws IllegalStateException when {@code backend} is {@link Backend#NATIVE} and the library is not available
     */
    public static <K> K get(Class<K> kernel, Backend backend) {
        Objects.requireNonNull(backend, "backend");
        requireUsable(backend);
        Object[] known = IMPLEMENTATIONS.get(kernel);
        Object implementation = known[backend.ordinal()];
        if (implementation == null) {
            implementation = find(kernel, backend);
            known[backend.ordinal()] = implementation; // a benign race: every thread finds the same singleton
        }
        return kernel.cast(implementation);
    }

    private static Object find(Class<?> kernel, Backend backend) {
        String name = kernel.getPackageName() + "." + (backend == Backend.NATIVE ? "Native" : "Java")
                + kernel.getSimpleName();
        try {
            Method instance = Class.forName(name, true, kernel.getClassLoader()).getDeclaredMethod("instance");
            instance.setAccessible(true); // package-private, in this module
            return instance.invoke(null);
        } catch (ReflectiveOperationException | LinkageError e) {
            throw new IllegalStateException("Ferrite's " + backend + " implementation of " + kernel.getSimpleName()
                    + " (" + name + ") can't be loaded: the jar is damaged or incomplete", e);
        }
    }

    /** Throws unless {@code backend} can be used, with the load failure as the cause. */
    private static void requireUsable(Backend backend) {
        if (!isUsable(backend)) {
            Throwable cause = NativeRuntime.loadError().orElse(null);
            throw new IllegalStateException("the native backend is not available: "
                    + (cause == null ? "unknown reason" : cause.getMessage()), cause);
        }
    }

    private static Selection select(String property) {
        String value = property.strip().toLowerCase(Locale.ROOT);
        switch (value) {
            case "java" -> {
                Throwable reason = new IllegalStateException(
                        "the native backend is disabled by -D" + BACKEND_PROPERTY + "=java");
                LOG.log(Level.DEBUG, "Ferrite: using the pure-Java backend (-D{0}=java)", BACKEND_PROPERTY);
                return new Selection(Backend.JAVA, reason, null);
            }
            case "", "auto", "native" -> {
                Optional<Throwable> error = NativeRuntime.loadError();
                if (error.isEmpty()) {
                    LOG.log(Level.DEBUG, "Ferrite: using the native backend ({0})",
                            NativeRuntime.origin().orElse("?"));
                    return new Selection(Backend.NATIVE, null, null);
                }
                if (value.equals("native")) {
                    String message = "-D" + BACKEND_PROPERTY + "=native, but the native library did not load: "
                            + error.get().getMessage();
                    LOG.log(Level.ERROR, "Ferrite: " + message);
                    return new Selection(null, error.get(), new IllegalStateException(message, error.get()));
                }
                // Expected on JDK 17 and 21 (information); anywhere else something is wrong (a warning).
                Level level = Runtime.version().feature() < NativeRuntime.MIN_FEATURE ? Level.INFO : Level.WARNING;
                LOG.log(level, "Ferrite: native library not loaded, using the pure-Java backend: "
                        + error.get().getMessage());
                return new Selection(Backend.JAVA, error.get(), null);
            }
            default -> {
                String message = "-D" + BACKEND_PROPERTY + "=" + property
                        + " is not a backend: use native, java or auto (or leave it unset)";
                LOG.log(Level.ERROR, "Ferrite: " + message);
                return new Selection(null, null, new IllegalStateException(message));
            }
        }
    }
}
