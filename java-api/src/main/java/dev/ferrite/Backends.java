package dev.ferrite;

import dev.ferrite.internal.ffi.FerriteNative;
import java.lang.System.Logger.Level;
import java.util.Locale;
import java.util.Optional;

/**
 * The one place a backend is picked. The choice is made once, the first time any facade is used, from the system
 * property {@value #BACKEND_PROPERTY}:
 * <ul>
 *   <li>unset or {@code auto}: native when the library loads, otherwise the pure-Java fallback;
 *   <li>{@code java}: the fallback, without loading the native library at all;
 *   <li>{@code native}: native, and a load failure is an error ({@link IllegalStateException} from every facade)
 *       instead of a fallback.
 * </ul>
 * The outcome is logged once through {@link System.Logger} ({@code dev.ferrite}): a warning when falling back, a
 * debug line otherwise. Nothing here throws from class initialisation.
 */
final class Backends {
    static final String BACKEND_PROPERTY = "ferrite.backend";

    private static final System.Logger LOG = System.getLogger("dev.ferrite");

    /**
     * The outcome of the selection.
     *
     * @param active the backend facades use, or null when the configuration makes every use fail
     * @param nativeError why native is not in use, or null when it is
     * @param failure thrown at every use when non-null (native required but unavailable, or a bad property)
     */
    record Selection(Backend active, Throwable nativeError, RuntimeException failure) {}

    private Backends() {}

    private static final class Holder {
        static final Selection SELECTION = select(System.getProperty(BACKEND_PROPERTY, ""));
    }

    static Selection selection() {
        return Holder.SELECTION;
    }

    /** The active backend, or the configured failure. */
    static Backend active() {
        Selection selection = Holder.SELECTION;
        if (selection.failure() != null) {
            throw selection.failure();
        }
        return selection.active();
    }

    /** Whether {@code backend} can be used now; loads the native library when asked about it. */
    static boolean isUsable(Backend backend) {
        return backend == Backend.JAVA || FerriteNative.isAvailable();
    }

    /** Throws unless {@code backend} can be used, with the load failure as the cause. */
    static void requireUsable(Backend backend) {
        if (!isUsable(backend)) {
            Throwable cause = FerriteNative.loadError().orElse(null);
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
                Optional<Throwable> error = FerriteNative.loadError();
                if (error.isEmpty()) {
                    LOG.log(Level.DEBUG, "Ferrite: using the native backend ({0})",
                            FerriteNative.origin().orElse("?"));
                    return new Selection(Backend.NATIVE, null, null);
                }
                if (value.equals("native")) {
                    String message = "-D" + BACKEND_PROPERTY + "=native, but the native library did not load: "
                            + error.get().getMessage();
                    LOG.log(Level.ERROR, "Ferrite: " + message);
                    return new Selection(null, error.get(), new IllegalStateException(message, error.get()));
                }
                LOG.log(Level.WARNING, "Ferrite: native library not loaded, using the pure-Java backend: "
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
