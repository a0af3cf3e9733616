package dev.ferrite.hpke;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.x25519.X25519PublicKey;

/** For tests in other packages (the fuzz targets): the package-private hooks of {@code dev.ferrite.hpke}. */
public final class HpkeTestHooks {
    private HpkeTestHooks() {}

    /**
     * Seals one message with a chosen ephemeral private key (as RFC 9180's test vectors do).
     *
     * @param backend the backend
     * @param suite the suite
     * @param recipient the recipient's public key
     * @param info the info
     * @param aad the additional authenticated data
     * @param plaintext the message
     * @param mode the sender's mode
     * @param ephemeralSecret the 32-byte ephemeral private key
     * @return enc and ciphertext
     */
    public static HpkeSealed sealWithEphemeral(Backend backend, HpkeSuite suite, X25519PublicKey recipient,
            byte[] info, byte[] aad, byte[] plaintext, HpkeSenderMode mode, byte[] ephemeralSecret) {
        try (HpkeSenderContext context = ((AbstractHpke) Crypto.hpke(backend)).setupSender(suite, recipient, info,
                mode, ephemeralSecret)) {
            return HpkeSealed.of(context.enc(), context.seal(aad, plaintext));
        }
    }
}
