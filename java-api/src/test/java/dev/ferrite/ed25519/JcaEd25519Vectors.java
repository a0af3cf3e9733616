package dev.ferrite.ed25519;

import java.util.List;
import java.util.Set;

/**
 * {@link Vectors} for the JCA provider's tests in {@code dev.ferrite.jca}, which can't see this package's
 * package-private helpers: the same cases, as public records.
 */
public final class JcaEd25519Vectors {
    private JcaEd25519Vectors() {}

    /**
     * A verification case, as {@link Vectors.Verification}.
     *
     * @param id the case's name
     * @param publicKey the 32-byte public key
     * @param message the message
     * @param signature the signature
     * @param valid the expected answer (null when the source leaves it open)
     * @param flags the source's flags
     */
    public record Verification(String id, byte[] publicKey, byte[] message, byte[] signature, Boolean valid,
            Set<String> flags) {}

    /**
     * A signing case, as {@link Vectors.Signing}.
     *
     * @param line line number in sign.input
     * @param seed the 32-byte seed
     * @param publicKey the public key
     * @param message the message
     * @param signature the expected signature
     */
    public record Signing(int line, byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {}

    /**
     * wycheproof/ed25519_test.json.
     *
     * @return the cases
     */
    public static List<Verification> wycheproof() {
        return map(Vectors.wycheproof());
    }

    /**
     * ed25519/cctv-ed25519vectors.json (expected answers come from the flags).
     *
     * @return the cases
     */
    public static List<Verification> cctv() {
        return map(Vectors.cctv());
    }

    /**
     * ed25519/sign.input (RFC 8032 signing cases).
     *
     * @return the cases
     */
    public static List<Signing> signInput() {
        return Vectors.signInput().stream()
                .map(s -> new Signing(s.line(), s.seed(), s.publicKey(), s.message(), s.signature()))
                .toList();
    }

    private static List<Verification> map(List<Vectors.Verification> cases) {
        return cases.stream()
                .map(v -> new Verification(v.id(), v.publicKey(), v.message(), v.signature(), v.valid(), v.flags()))
                .toList();
    }
}
