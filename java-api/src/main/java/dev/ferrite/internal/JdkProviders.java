package dev.ferrite.internal;

import java.security.Provider;
import java.security.Security;

/**
 * Not part of Ferrite's API: the JCA provider the pure-Java kernels use. They are built on the JDK's own providers
 * (SunJCE, SUN, SunEC), asked for by name, so that what the application installs first (Ferrite's own provider, or
 * another) never changes the Java backend's results or calls Ferrite back. Where the JDK's provider of that name is
 * missing (a JVM from another vendor), the first installed provider of the service other than Ferrite's. Thread-safe.
 */
public final class JdkProviders {
    /** The name of Ferrite's own provider ({@code dev.ferrite.jca.FerriteProvider.NAME}), never chosen here. */
    private static final String FERRITE = "Ferrite";

    private JdkProviders() {}

    /**
     * The provider of {@code type.algorithm} for the pure-Java kernels.
     *
     * @param type the service type, e.g. {@code "Cipher"}
     * @param algorithm the algorithm or transformation, e.g. {@code "AES/GCM/NoPadding"}
     * @param preferred the JDK's provider of it, e.g. {@code "SunJCE"}
     * @return that provider when installed and offering the service, otherwise the first other one except Ferrite's
     * @throws IllegalStateException when no provider but Ferrite's offers it
     */
    public static Provider of(String type, String algorithm, String preferred) {
        Provider jdk = Security.getProvider(preferred);
        if (jdk != null && jdk.getService(type, algorithm) != null) {
            return jdk;
        }
        Provider[] candidates = Security.getProviders(type + "." + algorithm);
        if (candidates != null) {
            for (Provider candidate : candidates) {
                if (!candidate.getName().equals(FERRITE)) {
                    return candidate;
                }
            }
        }
        throw new IllegalStateException("no provider of " + type + "." + algorithm + " other than Ferrite's is "
                + "installed (the JDK's is " + preferred + "): Ferrite's pure-Java backend is built on it");
    }
}
