package dev.ferrite.hpke;

import javax.crypto.AEADBadTagException;

/**
 * One backend's HPKE context (RFC 9180 §5.2, §5.3): the AEAD key, base nonce, sequence number and exporter secret. The
 * public context classes call it one operation at a time (they are synchronized) and never after {@link #wipe()}.
 */
interface ContextEngine {
    /** Seals with the next nonce; the sequence number advances. */
    byte[] seal(byte[] aad, byte[] plaintext);

    /** Opens with the next nonce; the sequence number advances only on success. */
    byte[] open(byte[] aad, byte[] ciphertext) throws AEADBadTagException;

    /** {@code LabeledExpand(exporter_secret, "sec", exporterContext, length)}. */
    byte[] export(byte[] exporterContext, int length);

    /** Wipes (or frees) the context's secrets. Called once. */
    void wipe();
}
