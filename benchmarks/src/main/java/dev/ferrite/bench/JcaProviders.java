package dev.ferrite.bench;

import dev.ferrite.Backend;
import dev.ferrite.jca.FerriteProvider;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.NoSuchAlgorithmException;
import java.security.Provider;
import java.security.Security;
import org.bouncycastle.jce.provider.BouncyCastleProvider;

/**
 * The JCA providers that {@link JcaBench} and {@link JcaTlsBench} compare, by their {@code provider} parameter value,
 * each checked to be really usable (a missing native library fails the benchmark rather than measuring a fallback).
 * None is installed globally, except where {@link JcaTlsBench} installs Ferrite first on purpose.
 *
 * <ul>
 *   <li>{@code jca-native}, {@code jca-java}: {@code new FerriteProvider(backend, true)} (the {@code all} option, so
 *       that services off by default, SHA-256 and the Java backend's AES-GCM, are there to be measured);</li>
 *   <li>{@code jdk}: the JDK's own provider of the algorithm: SunJCE (AES-GCM), SunEC (Ed25519), SUN (SHA-256);</li>
 *   <li>{@code accp}: Amazon Corretto Crypto Provider (AWS-LC through JNI), checked healthy;</li>
 *   <li>{@code bc}: Bouncy Castle's JCA provider ({@code BouncyCastleProvider}, pure Java);</li>
 *   <li>{@code conscrypt}: Conscrypt (BoringSSL through JNI).</li>
 * </ul>
 * {@code api-native} (Ferrite's own API, no JCA) has no provider; the benchmarks build it themselves.
 */
final class JcaProviders {
    private JcaProviders() {}

    /** The provider for a {@code provider} parameter value and an algorithm family ("AES", "Ed25519", "SHA-256"). */
    static Provider of(String name, String family) {
        return switch (name) {
            case "jca-native" -> ferrite(Backend.NATIVE);
            case "jca-java" -> ferrite(Backend.JAVA);
            case "jdk" -> jdk(family);
            case "accp" -> Peers.accp();
            case "bc" -> new BouncyCastleProvider();
            case "conscrypt" -> Peers.conscrypt();
            default -> throw new IllegalArgumentException("unknown provider " + name);
        };
    }

    /** Ferrite's provider on a backend with every service; fails loudly when the backend is not there. */
    static FerriteProvider ferrite(Backend backend) {
        try {
            FerriteProvider provider = new FerriteProvider(backend, true);
            if (provider.backend() != backend) {
                throw new IllegalStateException("asked for Ferrite's " + backend + " provider, got "
                        + provider.backend());
            }
            return provider;
        } catch (RuntimeException e) {
            throw new IllegalStateException("Ferrite's provider on the " + backend + " backend is not available", e);
        }
    }

    /** The JDK's own provider of an algorithm family. */
    static Provider jdk(String family) {
        String name = switch (family) {
            case "AES" -> "SunJCE";
            case "Ed25519" -> "SunEC";
            case "SHA-256" -> "SUN";
            default -> throw new IllegalArgumentException("no JDK provider known for " + family);
        };
        Provider provider = Security.getProvider(name);
        if (provider == null) {
            throw new IllegalStateException("this JDK has no provider " + name);
        }
        return provider;
    }

    /**
     * The key factory an application of this provider would use for Ed25519 keys: the provider's own, or the JDK's
     * (SunEC) for a provider that has none (ACCP 2.5.0 registers Signature.Ed25519 but no KeyFactory; it takes SunEC's
     * keys).
     */
    static KeyFactory ed25519KeyFactory(Provider provider) throws GeneralSecurityException {
        try {
            return KeyFactory.getInstance("Ed25519", provider);
        } catch (NoSuchAlgorithmException e) {
            return KeyFactory.getInstance("Ed25519", jdk("Ed25519"));
        }
    }

    /** Fails unless {@code object}'s provider is {@code expected}: no silent fallback to another provider. */
    static void checkFrom(String what, Provider actual, Provider expected) {
        if (actual != expected) {
            throw new IllegalStateException(what + " came from " + actual + ", not " + expected);
        }
    }
}
