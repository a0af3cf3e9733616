package dev.ferrite.aead;

import java.util.List;

/**
 * {@link GcmVectors} for the JCA provider's tests in {@code dev.ferrite.jca}, which can't see this package's
 * package-private helpers: the same cases, as a public record.
 */
public final class JcaGcmVectors {
    private JcaGcmVectors() {}

    /**
     * One AES-GCM case, as {@link GcmVectors.Case}.
     *
     * @param id the case's name (file and tcId)
     * @param ivBits IV length in bits
     * @param tagBits tag length in bits
     * @param key the AES key
     * @param iv the IV
     * @param aad the additional authenticated data
     * @param plaintext the plaintext
     * @param ciphertext the ciphertext without the tag
     * @param tag the tag
     * @param valid whether the case is valid
     */
    public record Case(String id, int ivBits, int tagBits, byte[] key, byte[] iv, byte[] aad, byte[] plaintext,
            byte[] ciphertext, byte[] tag, boolean valid) {
        /**
         * {@code ciphertext || tag}, the JCA's format.
         *
         * @return a new array
         */
        public byte[] ciphertextAndTag() {
            byte[] out = new byte[ciphertext.length + tag.length];
            System.arraycopy(ciphertext, 0, out, 0, ciphertext.length);
            System.arraycopy(tag, 0, out, ciphertext.length, tag.length);
            return out;
        }
    }

    /**
     * wycheproof/aes_gcm_test.json, every case in file order.
     *
     * @return the cases
     */
    public static List<Case> wycheproof() {
        return GcmVectors.wycheproof().stream()
                .map(c -> new Case(c.id(), c.ivBits(), c.tagBits(), c.key(), c.iv(), c.aad(), c.plaintext(),
                        c.ciphertext(), c.tag(), c.valid()))
                .toList();
    }
}
