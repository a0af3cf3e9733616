package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import dev.ferrite.argon2.Argon2Params;
import dev.ferrite.argon2.Argon2Type;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.InvalidAlgorithmParameterException;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import java.util.Arrays;
import java.util.HexFormat;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code KDF.Argon2id/Argon2i/Argon2d} through {@code javax.crypto.KDF} on each backend: RFC 9106's test vectors,
 * agreement with {@code Argon2.deriveKey}, and the errors. {@code javax.crypto.KDF} is new in JDK 25 and the tests
 * compile for an older release, so it is called by reflection; skipped below JDK 25, and when the JDK 25 class
 * {@code Argon2Kdf} is not in the build.
 */
@Tag("jdk25") // javax.crypto.KDF is new in JDK 25; the JDK 17 run leaves this class out
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class Argon2KdfTest {
    private static final HexFormat HEX = HexFormat.of();

    @Parameter
    Backend backend;

    private Provider provider;

    @BeforeEach
    void requireKdf() {
        assertTrue(Runtime.version().feature() >= 25,
                "javax.crypto.KDF exists from JDK 25; this is JDK " + Runtime.version().feature());
        assertTrue(FerriteProvider.kdfAvailable(), FerriteProvider.ARGON2_KDF_CLASS + " is not on the class path:"
                + " the src/main/java25 source root was not compiled into this build");
        provider = Jca.ferrite(backend);
    }

    /** {@code KDF.getInstance(algorithm, provider)}. */
    private Object kdf(String algorithm) throws Exception {
        Class<?> kdf = Class.forName("javax.crypto.KDF");
        return call(kdf.getMethod("getInstance", String.class, Provider.class), null, algorithm, provider);
    }

    private static byte[] deriveData(Object kdf, AlgorithmParameterSpec spec) throws Exception {
        return (byte[]) call(kdf.getClass().getMethod("deriveData", AlgorithmParameterSpec.class), kdf, spec);
    }

    private static SecretKey deriveKey(Object kdf, String algorithm, AlgorithmParameterSpec spec) throws Exception {
        return (SecretKey) call(kdf.getClass().getMethod("deriveKey", String.class, AlgorithmParameterSpec.class), kdf,
                algorithm, spec);
    }

    private static Object call(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
        }
    }

    private static Argon2Params rfcParams(Argon2Type type) {
        return Argon2Params.builder().type(type).memoryKib(32).iterations(3).parallelism(4).secret(filled(8, 3))
                .associatedData(filled(12, 4)).build();
    }

    private static byte[] filled(int length, int value) {
        byte[] b = new byte[length];
        Arrays.fill(b, (byte) value);
        return b;
    }

    @Test
    void rfc9106Vectors_everyType() throws Exception {
        String[][] vectors = {
            {"Argon2d", "D", "512b391b6f1162975371d30919734294f868e3be3984f3c1a13a4db9fabe4acb"},
            {"Argon2i", "I", "c814d9d1dc7f37aa13f0d77f2494bda1c8de6b016dd388d29952a4c4672b6ce8"},
            {"Argon2id", "ID", "0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659"}};
        for (String[] v : vectors) {
            Argon2ParameterSpec spec = new Argon2ParameterSpec(filled(32, 1), filled(16, 2),
                    rfcParams(Argon2Type.valueOf(v[1])), 32);
            Object kdf = kdf(v[0]);
            assertArrayEquals(HEX.parseHex(v[2]), deriveData(kdf, spec), v[0]);
            SecretKey key = deriveKey(kdf, "AES", spec);
            assertInstanceOf(SecretKeySpec.class, key);
            assertEquals("AES", key.getAlgorithm());
            assertArrayEquals(HEX.parseHex(v[2]), key.getEncoded());
        }
    }

    @Test
    void agreesWithTheApi_forCharPasswordsAndOtherLengths() throws Exception {
        Argon2Params params = Argon2Params.builder().memoryKib(64).iterations(1).parallelism(2).build();
        byte[] salt = filled(16, 9);
        char[] password = "pässword".toCharArray();
        Argon2ParameterSpec spec = new Argon2ParameterSpec(password, salt, params, 48);
        assertArrayEquals(Crypto.argon2(backend).deriveKey(password, salt, params, 48), deriveData(kdf("ARGON2ID"), spec));
        assertNull(kdf("Argon2id").getClass().getMethod("getParameters").invoke(kdf("Argon2id")));
        assertTrue(spec.toString().contains("output 48 B"), spec.toString());
        assertTrue(!spec.toString().contains("pässword"));
    }

    @Test
    void errors() throws Exception {
        Argon2Params id = Argon2Params.builder().memoryKib(64).iterations(1).build();
        Argon2ParameterSpec spec = new Argon2ParameterSpec(new byte[4], filled(16, 1), id, 32);
        // The KDF's type must be the parameters' type.
        InvalidAlgorithmParameterException mismatch = assertThrows(InvalidAlgorithmParameterException.class,
                () -> deriveData(kdf("Argon2i"), spec));
        // KDF wraps the provider's exception ("The specified Ferrite provider does not support this input").
        Throwable reason = mismatch.getCause() != null ? mismatch.getCause() : mismatch;
        assertTrue(reason.getMessage().startsWith("this KDF is Argon2i, the parameters ask for Argon2id"),
                reason.getMessage());
        // Another kind of spec.
        assertThrows(InvalidAlgorithmParameterException.class,
                () -> deriveData(kdf("Argon2id"), new javax.crypto.spec.IvParameterSpec(new byte[16])));
        // A cleared spec.
        Argon2ParameterSpec cleared = new Argon2ParameterSpec(new byte[4], filled(16, 1), id, 32);
        cleared.clear();
        assertTrue(cleared.isDestroyed());
        assertThrows(InvalidAlgorithmParameterException.class, () -> deriveData(kdf("Argon2id"), cleared));
        assertThrows(IllegalStateException.class, cleared::getPassword);
        // KDFParameters at getInstance: none accepted.
        Class<?> kdfClass = Class.forName("javax.crypto.KDF");
        Class<?> kdfParameters = Class.forName("javax.crypto.KDFParameters");
        Object someParameters = java.lang.reflect.Proxy.newProxyInstance(kdfParameters.getClassLoader(),
                new Class<?>[] {kdfParameters}, (proxy, method, args) -> null);
        assertThrows(InvalidAlgorithmParameterException.class, () -> call(kdfClass.getMethod("getInstance",
                String.class, kdfParameters, Provider.class), null, "Argon2id", someParameters, provider));
        // The spec checks its own ranges.
        assertThrows(IllegalArgumentException.class, () -> new Argon2ParameterSpec(new byte[4], new byte[7], id, 32));
        assertThrows(IllegalArgumentException.class, () -> new Argon2ParameterSpec(new byte[4], new byte[8], id, 3));
        assertThrows(IllegalArgumentException.class,
                () -> new Argon2ParameterSpec(new char[] {'\ud800'}, new byte[8], id, 32));
        assertThrows(NullPointerException.class, () -> deriveKey(kdf("Argon2id"), null, spec));
        assertThrows(java.security.NoSuchAlgorithmException.class, () -> deriveKey(kdf("Argon2id"), "", spec));
    }
}
