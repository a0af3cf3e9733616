package dev.ferrite.jca;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.argon2.Argon2;
import dev.ferrite.argon2.Argon2Type;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.Objects;
import javax.crypto.KDFParameters;
import javax.crypto.KDFSpi;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code KDF.Argon2id}, {@code KDF.Argon2i} and {@code KDF.Argon2d} (JDK 25 and later): Argon2 (RFC 9106) key
 * derivation through {@link Argon2#deriveKey(byte[], byte[], dev.ferrite.argon2.Argon2Params, int)}, with the inputs
 * in an {@link Argon2ParameterSpec}. Takes no {@link KDFParameters} at {@code getInstance} (a non-null one is refused
 * with {@link InvalidAlgorithmParameterException}, as {@link KDFSpi} asks). {@code deriveKey(alg, spec)} returns a
 * {@link SecretKeySpec} of the derived bytes with algorithm {@code alg}.
 *
 * <p>Compiled with {@code --release 25} from its own source root; {@link FerriteProvider} registers it by class name
 * only on JDK 25 and later, so the JDK 17 classes never link to it. Thread-safe (no state), as {@link KDFSpi}
 * implementations must be.
 */
final class Argon2Kdf extends KDFSpi {
    private final Argon2Type type;
    private final Argon2 argon2;

    Argon2Kdf(Argon2Type type, Backend backend, KDFParameters parameters) throws InvalidAlgorithmParameterException {
        super(requireNone(parameters));
        this.type = Objects.requireNonNull(type, "type");
        this.argon2 = Crypto.argon2(backend);
    }

    private static KDFParameters requireNone(KDFParameters parameters) throws InvalidAlgorithmParameterException {
        if (parameters != null) {
            throw new InvalidAlgorithmParameterException("Argon2 takes no KDFParameters at getInstance (pass an"
                    + " Argon2ParameterSpec to deriveKey or deriveData), got " + parameters.getClass().getName());
        }
        return null;
    }

    @Override
    protected KDFParameters engineGetParameters() {
        return null;
    }

    @Override
    protected SecretKey engineDeriveKey(String alg, AlgorithmParameterSpec derivationSpec)
            throws InvalidAlgorithmParameterException, NoSuchAlgorithmException {
        Objects.requireNonNull(alg, "the algorithm for the SecretKey return value must not be null");
        if (alg.isEmpty()) {
            throw new NoSuchAlgorithmException("the algorithm for the SecretKey return value must not be empty");
        }
        byte[] derived = engineDeriveData(derivationSpec);
        try {
            return new SecretKeySpec(derived, alg);
        } finally {
            Arrays.fill(derived, (byte) 0);
        }
    }

    @Override
    protected byte[] engineDeriveData(AlgorithmParameterSpec derivationSpec)
            throws InvalidAlgorithmParameterException {
        if (!(derivationSpec instanceof Argon2ParameterSpec spec)) {
            throw new InvalidAlgorithmParameterException("expected a dev.ferrite.jca.Argon2ParameterSpec, got "
                    + (derivationSpec == null ? "null" : derivationSpec.getClass().getName()));
        }
        if (spec.getParams().type() != type) {
            throw new InvalidAlgorithmParameterException("this KDF is " + name(type) + ", the parameters ask for "
                    + name(spec.getParams().type()) + ": use KDF.getInstance(\"" + name(spec.getParams().type())
                    + "\") or parameters of type " + type);
        }
        try {
            return argon2.deriveKey(spec.passwordUnsafe(), spec.saltUnsafe(), spec.getParams(),
                    spec.getOutputLength());
        } catch (IllegalArgumentException | IllegalStateException e) {
            throw new InvalidAlgorithmParameterException(e.getMessage(), e);
        }
    }

    private static String name(Argon2Type type) {
        return switch (type) {
            case ID -> "Argon2id";
            case I -> "Argon2i";
            case D -> "Argon2d";
        };
    }
}
