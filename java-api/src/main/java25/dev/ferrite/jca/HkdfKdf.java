package dev.ferrite.jca;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.hkdf.Hkdf;
import java.security.InvalidAlgorithmParameterException;
import java.security.NoSuchAlgorithmException;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import javax.crypto.KDFParameters;
import javax.crypto.KDFSpi;
import javax.crypto.SecretKey;
import javax.crypto.spec.HKDFParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code KDF.HKDF-SHA256} (JDK 25 and later): HKDF-SHA256 (RFC 5869) through Ferrite's {@link Hkdf}, with the JDK's
 * own {@link HKDFParameterSpec} inputs and its rules, so it is a drop-in for SunJCE's service of the same name:
 * {@link HKDFParameterSpec.Extract} gives the 32-byte pseudorandom key, {@link HKDFParameterSpec.Expand} and
 * {@link HKDFParameterSpec.ExtractThenExpand} the requested length (1 to 8160 bytes; a pseudorandom key shorter than
 * 32 bytes is refused). Several IKM or salt parts are concatenated in order, as the JDK does; no salt means 32 zero
 * bytes. Takes no {@link KDFParameters} at {@code getInstance}. Every refusal is an
 * {@link InvalidAlgorithmParameterException}, as the JDK's.
 *
 * <p>Compiled with {@code --release 25} from its own source root; {@link FerriteProvider} registers it by class name
 * only on JDK 25 and later. Thread-safe (no state), as {@link KDFSpi} implementations must be.
 */
final class HkdfKdf extends KDFSpi {
    private static final int PRK_LENGTH = 32;
    private static final int MAX_LENGTH = 255 * PRK_LENGTH;
    private final Hkdf hkdf;

    HkdfKdf(Backend backend, KDFParameters parameters) throws InvalidAlgorithmParameterException {
        super(requireNone(parameters));
        this.hkdf = Crypto.hkdf(backend);
    }

    private static KDFParameters requireNone(KDFParameters parameters) throws InvalidAlgorithmParameterException {
        if (parameters != null) {
            throw new InvalidAlgorithmParameterException("HKDF-SHA256 takes no KDFParameters at getInstance, got "
                    + parameters.getClass().getName());
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
        if (derivationSpec instanceof HKDFParameterSpec.Extract extract) {
            return extract(extract.salts(), extract.ikms());
        }
        if (derivationSpec instanceof HKDFParameterSpec.ExtractThenExpand both) {
            checkLength(both.length());
            byte[] prk = extract(both.salts(), both.ikms());
            try {
                return hkdf.expand(prk, info(both.info()), both.length());
            } finally {
                Arrays.fill(prk, (byte) 0);
            }
        }
        if (derivationSpec instanceof HKDFParameterSpec.Expand expand) {
            checkLength(expand.length());
            byte[] prk = encoded(expand.prk(), "the pseudorandom key");
            try {
                if (prk.length < PRK_LENGTH) {
                    throw new InvalidAlgorithmParameterException("the pseudorandom key must be at least 32 bytes "
                            + "(RFC 5869 section 2.3), got " + prk.length);
                }
                return hkdf.expand(prk, info(expand.info()), expand.length());
            } finally {
                Arrays.fill(prk, (byte) 0);
            }
        }
        throw new InvalidAlgorithmParameterException("expected an HKDFParameterSpec (Extract, Expand or "
                + "ExtractThenExpand), got " + (derivationSpec == null ? "null" : derivationSpec.getClass().getName()));
    }

    private byte[] extract(List<SecretKey> salts, List<SecretKey> ikms) throws InvalidAlgorithmParameterException {
        byte[] salt = concatenate(salts, "a salt");
        byte[] ikm = concatenate(ikms, "an IKM");
        try {
            return hkdf.extract(salt, ikm);
        } finally {
            Arrays.fill(salt, (byte) 0);
            Arrays.fill(ikm, (byte) 0);
        }
    }

    private static byte[] info(byte[] info) {
        return info == null ? new byte[0] : info;
    }

    private static void checkLength(int length) throws InvalidAlgorithmParameterException {
        if (length < 1 || length > MAX_LENGTH) {
            throw new InvalidAlgorithmParameterException("HKDF-SHA256 derives 1 to 8160 bytes (255 x 32), asked "
                    + length);
        }
    }

    private static byte[] encoded(SecretKey key, String what) throws InvalidAlgorithmParameterException {
        byte[] bytes = key.getEncoded();
        if (bytes == null) {
            throw new InvalidAlgorithmParameterException(what + " (" + key.getAlgorithm() + ") has no encoding");
        }
        return bytes;
    }

    private static byte[] concatenate(List<SecretKey> keys, String what) throws InvalidAlgorithmParameterException {
        if (keys.size() == 1) {
            return encoded(keys.get(0), what);
        }
        byte[][] parts = new byte[keys.size()][];
        int length = 0;
        try {
            for (int i = 0; i < parts.length; i++) {
                parts[i] = encoded(keys.get(i), what);
                length += parts[i].length;
            }
            byte[] out = new byte[length];
            int position = 0;
            for (byte[] part : parts) {
                System.arraycopy(part, 0, out, position, part.length);
                position += part.length;
            }
            return out;
        } finally {
            for (byte[] part : parts) {
                if (part != null) {
                    Arrays.fill(part, (byte) 0);
                }
            }
        }
    }
}
