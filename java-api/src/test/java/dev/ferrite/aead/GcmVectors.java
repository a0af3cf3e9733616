package dev.ferrite.aead;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** Readers of the AES-GCM vector files in test resources (vectors/; provenance in each folder's README.md). */
final class GcmVectors {
    private static final HexFormat HEX = HexFormat.of();

    private GcmVectors() {}

    /**
     * One case. {@code ivBits}/{@code tagBits} tell whether it fits the API (96/128); {@code valid} is the expected
     * answer; {@code plaintext} is null for a NIST decrypt case marked FAIL.
     */
    record Case(String id, int ivBits, int tagBits, byte[] key, byte[] iv, byte[] aad, byte[] plaintext,
            byte[] ciphertext, byte[] tag, boolean valid) {
        boolean fitsApi() {
            return ivBits == 96 && tagBits == 128;
        }

        byte[] ciphertextAndTag() {
            byte[] out = new byte[ciphertext.length + tag.length];
            System.arraycopy(ciphertext, 0, out, 0, ciphertext.length);
            System.arraycopy(tag, 0, out, ciphertext.length, tag.length);
            return out;
        }
    }

    private static InputStream open(String resource) {
        InputStream in = GcmVectors.class.getResourceAsStream("/vectors/" + resource);
        if (in == null) {
            throw new IllegalStateException("test resource vectors/" + resource + " is missing");
        }
        return in;
    }

    /** wycheproof/aes_gcm_test.json: every case, in file order. */
    static List<Case> wycheproof() {
        JsonObject root;
        try (InputStream in = open("wycheproof/aes_gcm_test.json")) {
            root = JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8)).getAsJsonObject();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<Case> cases = new ArrayList<>();
        for (JsonElement groupElement : root.getAsJsonArray("testGroups")) {
            JsonObject group = groupElement.getAsJsonObject();
            int ivBits = group.get("ivSize").getAsInt();
            int tagBits = group.get("tagSize").getAsInt();
            for (JsonElement testElement : group.getAsJsonArray("tests")) {
                JsonObject test = testElement.getAsJsonObject();
                String result = test.get("result").getAsString();
                if (!result.equals("valid") && !result.equals("invalid")) {
                    throw new IllegalStateException("unexpected result " + result);
                }
                cases.add(new Case("tcId " + test.get("tcId").getAsInt(), ivBits, tagBits, hex(test, "key"),
                        hex(test, "iv"), hex(test, "aad"), hex(test, "msg"), hex(test, "ct"), hex(test, "tag"),
                        result.equals("valid")));
            }
        }
        return cases;
    }

    private static byte[] hex(JsonObject object, String field) {
        return HEX.parseHex(object.get(field).getAsString());
    }

    /**
     * A NIST CAVP GCM .rsp.gz file: every case, with its section's IV and tag lengths. In a decrypt file a case with
     * {@code FAIL} has a null plaintext and is invalid.
     */
    static List<Case> nist(String resource) {
        List<Case> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(open("nist/" + resource)), StandardCharsets.US_ASCII))) {
            Map<String, String> section = new HashMap<>();
            Map<String, String> fields = new HashMap<>();
            boolean fail = false;
            String line;
            while ((line = reader.readLine()) != null) {
                line = line.strip();
                if (line.startsWith("#")) {
                    continue;
                }
                if (line.startsWith("[")) {
                    String[] parts = line.substring(1, line.length() - 1).split("=");
                    section.put(parts[0].strip(), parts[1].strip());
                } else if (line.isEmpty()) {
                    if (!fields.isEmpty()) {
                        cases.add(nistCase(resource, section, fields, fail));
                        fields.clear();
                        fail = false;
                    }
                } else if (line.equals("FAIL")) {
                    fail = true;
                } else {
                    int eq = line.indexOf('=');
                    fields.put(line.substring(0, eq).strip(), line.substring(eq + 1).strip());
                }
            }
            if (!fields.isEmpty()) {
                cases.add(nistCase(resource, section, fields, fail));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static Case nistCase(String resource, Map<String, String> section, Map<String, String> fields,
            boolean fail) {
        String id = resource + " [IVlen " + section.get("IVlen") + ", PTlen " + section.get("PTlen") + ", AADlen "
                + section.get("AADlen") + ", Taglen " + section.get("Taglen") + "] Count " + fields.get("Count");
        return new Case(id, Integer.parseInt(section.get("IVlen")), Integer.parseInt(section.get("Taglen")),
                HEX.parseHex(fields.get("Key")), HEX.parseHex(fields.get("IV")), HEX.parseHex(fields.get("AAD")),
                fail ? null : HEX.parseHex(fields.get("PT")), HEX.parseHex(fields.get("CT")),
                HEX.parseHex(fields.get("Tag")), !fail);
    }
}
