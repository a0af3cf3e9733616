package dev.ferrite.jca;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.security.InvalidAlgorithmParameterException;
import java.security.Provider;
import java.security.spec.AlgorithmParameterSpec;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code KDF.HKDF-SHA256} through {@code javax.crypto.KDF} on each backend, against SunJCE's service of the same name
 * on the same inputs: RFC 5869's test case 1, seeded random extract, expand and extract-then-expand specs (several IKM
 * and salt parts, empty and missing info, lengths up to 8160), {@code deriveKey}, and the same refusals (a too-short
 * PRK, too long an output, a foreign spec, parameters at {@code getInstance}). {@code javax.crypto.KDF} and
 * {@code HKDFParameterSpec} are new in JDK 25 and the tests compile for 17, so both are reached by reflection.
 */
@Tag("jdk25") // javax.crypto.KDF is new in JDK 25; the JDK 17 run leaves this class out
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class HkdfKdfTest {
    private static final HexFormat HEX = HexFormat.of();

    @Parameter
    Backend backend;

    private Provider ferrite;

    @BeforeEach
    void requireKdf() {
        assertTrue(Runtime.version().feature() >= 25,
                "javax.crypto.KDF exists from JDK 25; this is JDK " + Runtime.version().feature());
        assertTrue(FerriteProvider.kdfAvailable(), FerriteProvider.HKDF_KDF_CLASS + " is not on the class path");
        ferrite = new FerriteProvider(backend, true);
    }

    private static Object call(Method method, Object target, Object... args) throws Exception {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause() instanceof Exception ex ? ex : new RuntimeException(e.getCause());
        }
    }

    private static Object kdf(Provider provider) throws Exception {
        Class<?> kdf = Class.forName("javax.crypto.KDF");
        return call(kdf.getMethod("getInstance", String.class, Provider.class), null, "HKDF-SHA256", provider);
    }

    private static byte[] deriveData(Object kdf, AlgorithmParameterSpec spec) throws Exception {
        return (byte[]) call(kdf.getClass().getMethod("deriveData", AlgorithmParameterSpec.class), kdf, spec);
    }

    private static SecretKey deriveKey(Object kdf, String algorithm, AlgorithmParameterSpec spec) throws Exception {
        return (SecretKey) call(kdf.getClass().getMethod("deriveKey", String.class, AlgorithmParameterSpec.class), kdf,
                algorithm, spec);
    }

    /** {@code HKDFParameterSpec.ofExtract()} with the parts added, then {@code extractOnly()} or {@code thenExpand}. */
    private static AlgorithmParameterSpec extract(List<byte[]> ikms, List<byte[]> salts, byte[] info, int length)
            throws Exception {
        Class<?> spec = Class.forName("javax.crypto.spec.HKDFParameterSpec");
        Object builder = call(spec.getMethod("ofExtract"), null);
        Class<?> builderClass = builder.getClass();
        for (byte[] ikm : ikms) {
            builder = call(builderClass.getMethod("addIKM", byte[].class), builder, (Object) ikm);
        }
        for (byte[] salt : salts) {
            builder = call(builderClass.getMethod("addSalt", byte[].class), builder, (Object) salt);
        }
        if (length < 0) {
            return (AlgorithmParameterSpec) call(builderClass.getMethod("extractOnly"), builder);
        }
        return (AlgorithmParameterSpec) call(builderClass.getMethod("thenExpand", byte[].class, int.class), builder,
                info, length);
    }

    private static AlgorithmParameterSpec expand(byte[] prk, byte[] info, int length) throws Exception {
        Class<?> spec = Class.forName("javax.crypto.spec.HKDFParameterSpec");
        return (AlgorithmParameterSpec) call(spec.getMethod("expandOnly", SecretKey.class, byte[].class, int.class),
                null, new SecretKeySpec(prk, "HKDF-PRK"), info, length);
    }

    @Test
    void rfc5869_testCase1() throws Exception {
        byte[] ikm = HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b");
        byte[] salt = HEX.parseHex("000102030405060708090a0b0c");
        byte[] info = HEX.parseHex("f0f1f2f3f4f5f6f7f8f9");
        Object kdf = kdf(ferrite);
        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5",
                HEX.formatHex(deriveData(kdf, extract(List.of(ikm), List.of(salt), null, -1))));
        String okm = "3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865";
        assertEquals(okm, HEX.formatHex(deriveData(kdf, extract(List.of(ikm), List.of(salt), info, 42))));
        assertEquals(okm, HEX.formatHex(deriveData(kdf, expand(
                HEX.parseHex("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5"), info, 42))));
        SecretKey key = deriveKey(kdf, "AES", extract(List.of(ikm), List.of(salt), info, 32));
        assertEquals("AES", key.getAlgorithm());
        assertEquals(okm.substring(0, 64), HEX.formatHex(key.getEncoded()));
    }

    /** Seeded random specs of each kind: the same bytes as SunJCE, or the same refusal. */
    @Test
    void sameAnswersAsSunJce() throws Exception {
        Object mine = kdf(ferrite);
        Object jdk = kdf(Jca.jdk("SunJCE"));
        SplittableRandom random = new SplittableRandom(5869);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            List<byte[]> ikms = new ArrayList<>();
            List<byte[]> salts = new ArrayList<>();
            for (int j = random.nextInt(4); j > 0; j--) {
                ikms.add(bytes(random, 1 + random.nextInt(80)));
            }
            for (int j = random.nextInt(3); j > 0; j--) {
                salts.add(bytes(random, 1 + random.nextInt(80)));
            }
            byte[] info = random.nextInt(5) == 0 ? null : bytes(random, random.nextInt(100));
            int length = switch (random.nextInt(10)) {
                case 0 -> 8160;
                case 1 -> 8161;
                default -> 1 + random.nextInt(300);
            };
            byte[] prk = bytes(random, random.nextInt(8) == 0 ? 31 : 32 + random.nextInt(40));
            List<AlgorithmParameterSpec> specs = new ArrayList<>();
            if (!ikms.isEmpty()) {
                specs.add(extract(ikms, salts, null, -1));
            }
            if (length <= 8160 && !ikms.isEmpty()) {
                specs.add(extract(ikms, salts, info, length));
            }
            if (length <= 8160) {
                specs.add(expand(prk, info, length));
            }
            for (AlgorithmParameterSpec spec : specs) {
                String expected = outcome(jdk, spec);
                String actual = outcome(mine, spec);
                if (!expected.equals(actual)) {
                    failures.add(spec.getClass().getSimpleName() + " case " + i + ": SunJCE " + expected + ", Ferrite "
                            + actual);
                }
            }
        }
        assertTrue(failures.isEmpty(), failures.size() + " differences: " + failures.stream().limit(5).toList());
    }

    private static String outcome(Object kdf, AlgorithmParameterSpec spec) {
        try {
            return HEX.formatHex(deriveData(kdf, spec));
        } catch (Exception e) {
            return e.getClass().getSimpleName();
        }
    }

    private static byte[] bytes(SplittableRandom random, int length) {
        byte[] out = new byte[length];
        random.nextBytes(out);
        return out;
    }

    @Test
    void refusals() throws Exception {
        Object kdf = kdf(ferrite);
        assertThrows(InvalidAlgorithmParameterException.class, () -> deriveData(kdf, expand(new byte[31], null, 32)));
        assertThrows(NullPointerException.class, () -> deriveData(kdf, null), "javax.crypto.KDF's own check");
        assertThrows(InvalidAlgorithmParameterException.class,
                () -> deriveData(kdf, new javax.crypto.spec.IvParameterSpec(new byte[12])));
        Class<?> kdfClass = Class.forName("javax.crypto.KDF");
        Class<?> parameters = Class.forName("javax.crypto.KDFParameters");
        Object someParameters = java.lang.reflect.Proxy.newProxyInstance(parameters.getClassLoader(),
                new Class<?>[] {parameters}, (proxy, method, args) -> null);
        assertThrows(InvalidAlgorithmParameterException.class, () -> call(kdfClass.getMethod("getInstance",
                String.class, parameters, Provider.class), null, "HKDF-SHA256", someParameters, ferrite));
    }
}
