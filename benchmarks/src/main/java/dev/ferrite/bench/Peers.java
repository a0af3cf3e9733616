package dev.ferrite.bench;

import com.amazon.corretto.crypto.provider.AmazonCorrettoCryptoProvider;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.Ferrite;
import dev.ferrite.sha256.Sha256;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.Provider;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.SplittableRandom;
import org.conscrypt.Conscrypt;

/**
 * Obtaining the contenders: Ferrite's backends and the third-party providers, each checked to be really usable,
 * so that a benchmark never measures a silent fallback. Every failure here is loud (an exception in
 * {@code @Setup} fails the benchmark).
 */
final class Peers {

    private Peers() {}

    /** Ferrite's implementation for the given backend; fails loudly, with the load error, if it is unavailable. */
    static Sha256 ferriteSha256(Backend backend) {
        Sha256 sha;
        try {
            sha = Crypto.sha256(backend);
        } catch (RuntimeException e) {
            IllegalStateException failure = new IllegalStateException(
                    "Ferrite backend " + backend + " is not available, so it can't be benchmarked", e);
            // The load error is normally the cause already; add it when it is not, so that it is always shown.
            Ferrite.nativeLoadError().filter(error -> !inChain(e, error)).ifPresent(failure::addSuppressed);
            throw failure;
        }
        if (sha.backend() != backend) {
            throw new IllegalStateException("asked Ferrite for " + backend + " but got " + sha.backend());
        }
        return sha;
    }

    private static boolean inChain(Throwable t, Throwable wanted) {
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c == wanted) {
                return true;
            }
        }
        return false;
    }

    /**
     * The Amazon Corretto Crypto Provider, checked healthy (its native library loaded and its self-tests passed).
     * It is not installed globally: benchmarks ask it for algorithms by the provider object.
     */
    static Provider accp() {
        AmazonCorrettoCryptoProvider accp = AmazonCorrettoCryptoProvider.INSTANCE;
        Throwable loadingError = accp.getLoadingError();
        if (loadingError != null) {
            throw new IllegalStateException("ACCP failed to load its native library", loadingError);
        }
        accp.assertHealthy(); // throws when the library is missing or a self-test failed
        return accp;
    }

    /** Conscrypt's provider (BoringSSL through JNI), checked available. */
    static Provider conscrypt() {
        try {
            Conscrypt.checkAvailability(); // throws (UnsatisfiedLinkError) when its native library did not load
        } catch (Throwable e) {
            throw new IllegalStateException("Conscrypt is not available: its native library did not load", e);
        }
        return Conscrypt.newProvider();
    }

    /** A new SHA-256 MessageDigest from the given provider, or from the JDK's provider list when it is null. */
    static MessageDigest sha256Digest(Provider provider) {
        try {
            MessageDigest md = provider == null
                    ? MessageDigest.getInstance("SHA-256")
                    : MessageDigest.getInstance("SHA-256", provider);
            if (provider != null && md.getProvider() != provider) {
                throw new IllegalStateException("SHA-256 came from " + md.getProvider() + ", not " + provider);
            }
            return md;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("no SHA-256 in " + (provider == null ? "the JDK" : provider), e);
        }
    }

    /** The reference digest: the JDK's own SHA-256. */
    static byte[] reference(byte[] data) {
        return sha256Digest(null).digest(data);
    }

    /** Fails when {@code actual} differs from the reference digest of {@code data}. */
    static void check(String impl, byte[] data, byte[] actual) {
        byte[] expected = reference(data);
        if (!Arrays.equals(expected, actual)) {
            HexFormat hex = HexFormat.of();
            throw new IllegalStateException(impl + " computed a wrong SHA-256 of " + data.length + " bytes: "
                    + (actual == null ? "null" : hex.formatHex(actual)) + ", expected " + hex.formatHex(expected));
        }
    }

    /** {@code length} pseudo-random bytes, the same for every run with the same seed. */
    static byte[] randomBytes(SplittableRandom random, int length) {
        byte[] bytes = new byte[length];
        random.nextBytes(bytes);
        return bytes;
    }
}
