package dev.ferrite.hkdf;

import dev.ferrite.Backend;
import dev.ferrite.internal.JdkProviders;
import java.security.GeneralSecurityException;
import java.security.Provider;
import java.util.Arrays;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * HKDF-SHA256 in pure Java: RFC 5869's two steps over the JDK's {@code HmacSHA256} (SunJCE). The JDK's own HKDF
 * ({@code javax.crypto.KDF}) arrived in JDK 25; this runs on 17.
 *
 * <p>The {@code Mac} objects it makes hold copies of their keys (the salt, the pseudorandom key) and of HMAC's
 * padded keys, which the JDK does not wipe; the arrays this class makes are wiped. The native backend keeps no copy.
 *
 * <p>Obtain it from {@link dev.ferrite.Crypto#hkdf(Backend)}. Stateless and thread-safe.
 */
final class JavaHkdf extends AbstractHkdf {
    private static final JavaHkdf INSTANCE = new JavaHkdf();
    private static final String HMAC = "HmacSHA256";
    /** HMAC treats an empty key as {@code HASH_LENGTH} zero bytes; {@link SecretKeySpec} refuses an empty key. */
    private static final byte[] ZERO_SALT = new byte[HASH_LENGTH];

    private final Provider provider = JdkProviders.of("Mac", HMAC, "SunJCE");

    private JavaHkdf() {}

    /**
     * The pure-Java implementation.
     *
     * @return the shared instance
     */
    static JavaHkdf instance() {
        return INSTANCE;
    }

    private Mac mac(byte[] key) {
        try {
            Mac mac = Mac.getInstance(HMAC, provider);
            mac.init(new SecretKeySpec(key, HMAC));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK's HmacSHA256 is unavailable", e);
        }
    }

    @Override
    void extractChecked(byte[] salt, byte[] ikm, byte[] prkOut) {
        Mac mac = mac(salt.length == 0 ? ZERO_SALT : salt);
        mac.update(ikm);
        try {
            mac.doFinal(prkOut, 0);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    @Override
    void expandChecked(byte[] prk, byte[] info, byte[] out) {
        Mac mac = mac(prk);
        byte[] block = new byte[HASH_LENGTH];
        try {
            int written = 0;
            for (int counter = 1; written < out.length; counter++) {
                if (counter > 1) {
                    mac.update(block);
                }
                mac.update(info);
                mac.update((byte) counter);
                mac.doFinal(block, 0);
                int n = Math.min(HASH_LENGTH, out.length - written);
                System.arraycopy(block, 0, out, written, n);
                written += n;
            }
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        } finally {
            Arrays.fill(block, (byte) 0);
        }
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }
}
