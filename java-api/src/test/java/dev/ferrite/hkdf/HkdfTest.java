package dev.ferrite.hkdf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/** HKDF-SHA256 on each backend: RFC 5869's vectors, Wycheproof's 86 cases, the limits, and backend agreement. */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.TestBackends#all")
class HkdfTest {
    private static final HexFormat HEX = HexFormat.of();

    @Parameter
    Backend backend;

    private Hkdf hkdf() {
        return Crypto.hkdf(backend);
    }

    @Test
    void backend_isTheOneAskedFor() {
        assertEquals(backend, hkdf().backend());
    }

    /** RFC 5869 appendix A.1: extract and expand separately. */
    @Test
    void rfc5869_testCase1_stepByStep() {
        byte[] prk = hkdf().extract(HEX.parseHex("000102030405060708090a0b0c"),
                HEX.parseHex("0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b0b"));
        assertEquals("077709362c2e32df0ddc3f0dc47bba6390b6c73bb50f9c3122ec844ad7c2b3e5", HEX.formatHex(prk));
        assertEquals("3cb25f25faacd57a90434f64d0362f2a2d2d0a90cf1a5a4c5db02d56ecc4c5bf34007208d5b887185865",
                HEX.formatHex(hkdf().expand(prk, HEX.parseHex("f0f1f2f3f4f5f6f7f8f9"), 42)));
    }

    /** Wycheproof hkdf_sha256_test.json: 83 valid cases (empty and long salts and infos), 3 invalid output sizes. */
    @Test
    void wycheproof_all86Cases() throws IOException {
        JsonObject root;
        try (InputStream in = HkdfTest.class.getResourceAsStream("/vectors/wycheproof/hkdf_sha256_test.json")) {
            root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        }
        List<String> failures = new ArrayList<>();
        int cases = 0;
        int invalid = 0;
        for (JsonElement group : root.getAsJsonArray("testGroups")) {
            for (JsonElement element : group.getAsJsonObject().getAsJsonArray("tests")) {
                JsonObject test = element.getAsJsonObject();
                cases++;
                String id = "tcId " + test.get("tcId").getAsInt();
                byte[] ikm = HEX.parseHex(test.get("ikm").getAsString());
                byte[] salt = HEX.parseHex(test.get("salt").getAsString());
                byte[] info = HEX.parseHex(test.get("info").getAsString());
                int size = test.get("size").getAsInt();
                switch (test.get("result").getAsString()) {
                    case "valid" -> {
                        String okm = HEX.formatHex(hkdf().derive(salt, ikm, info, size));
                        if (!okm.equals(test.get("okm").getAsString())) {
                            failures.add(id + ": derive gave " + okm);
                        }
                        String stepwise = HEX.formatHex(hkdf().expand(hkdf().extract(salt, ikm), info, size));
                        if (!stepwise.equals(okm)) {
                            failures.add(id + ": extract then expand gave " + stepwise);
                        }
                    }
                    case "invalid" -> {
                        invalid++;
                        try {
                            hkdf().derive(salt, ikm, info, size);
                            failures.add(id + ": size " + size + " accepted");
                        } catch (IllegalArgumentException expected) {
                            // RFC 5869's limit.
                        }
                    }
                    default -> failures.add(id + ": unexpected result " + test.get("result"));
                }
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(86, cases);
        assertEquals(3, invalid);
    }

    @Test
    void limits_refusedWithTheReason() {
        byte[] prk = new byte[32];
        assertEquals(Hkdf.MAX_OUTPUT_LENGTH, hkdf().expand(prk, null, Hkdf.MAX_OUTPUT_LENGTH).length);
        var tooLong = assertThrows(IllegalArgumentException.class, () -> hkdf().expand(prk, null, 8161));
        assertTrue(tooLong.getMessage().contains("8160"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> hkdf().expand(prk, null, 0));
        var shortPrk = assertThrows(IllegalArgumentException.class, () -> hkdf().expand(new byte[31], null, 16));
        assertTrue(shortPrk.getMessage().contains("32 bytes"), shortPrk.getMessage());
        assertThrows(NullPointerException.class, () -> hkdf().extract(null, null));
        // Null and empty salt are the RFC's default, 32 zero bytes.
        byte[] ikm = {1, 2, 3};
        assertArrayEquals(hkdf().extract(new byte[32], ikm), hkdf().extract(null, ikm));
        assertArrayEquals(hkdf().extract(new byte[0], ikm), hkdf().extract(null, ikm));
    }

    /** Both backends give the same bytes, including inputs over 1 MiB (the native side copies those first). */
    @Test
    void randomInputs_equalTheJavaBackend() {
        Hkdf java = Crypto.hkdf(Backend.JAVA);
        SplittableRandom random = new SplittableRandom(11);
        for (int length : new int[] {0, 1, 31, 32, 33, 64, 1000, (1 << 20) + 5}) {
            byte[] ikm = new byte[length];
            byte[] salt = new byte[length % 100];
            byte[] info = new byte[length];
            random.nextBytes(ikm);
            random.nextBytes(salt);
            random.nextBytes(info);
            int size = 1 + random.nextInt(Hkdf.MAX_OUTPUT_LENGTH);
            assertArrayEquals(java.derive(salt, ikm, info, size), hkdf().derive(salt, ikm, info, size),
                    "length " + length);
        }
    }
}
