package dev.ferrite.ed25519;

import com.google.gson.JsonArray;
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
import java.util.HexFormat;
import java.util.List;
import java.util.Set;

/** Readers of the Ed25519 vector files in test resources (vectors/; provenance in each folder's README.md). */
final class Vectors {
    private static final HexFormat HEX = HexFormat.of();

    private Vectors() {}

    /** A signing case: RFC 8032 §5.1.5/§5.1.6 inputs and outputs. */
    record Signing(int line, byte[] seed, byte[] publicKey, byte[] message, byte[] signature) {}

    /** A verification case: {@code valid} is the expected answer (null when the source leaves it open). */
    record Verification(String id, byte[] publicKey, byte[] message, byte[] signature, Boolean valid,
            Set<String> flags) {}

    static InputStream open(String resource) {
        InputStream in = Vectors.class.getResourceAsStream("/vectors/" + resource);
        if (in == null) {
            throw new IllegalStateException("test resource vectors/" + resource + " is missing");
        }
        return in;
    }

    private static JsonElement json(String resource) {
        try (InputStream in = open(resource)) {
            return JsonParser.parseReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** ed25519/sign.input: {@code sk‖pk : pk : msg : sig‖msg :}, 128 lines. */
    static List<Signing> signInput() {
        List<Signing> cases = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(
                new InputStreamReader(open("ed25519/sign.input"), StandardCharsets.US_ASCII))) {
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] fields = line.split(":", -1);
                byte[] secret = HEX.parseHex(fields[0]);
                byte[] message = HEX.parseHex(fields[2]);
                byte[] signed = HEX.parseHex(fields[3]);
                cases.add(new Signing(number, java.util.Arrays.copyOf(secret, 32), HEX.parseHex(fields[1]), message,
                        java.util.Arrays.copyOf(signed, 64)));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    /** wycheproof/ed25519_test.json: 151 cases, "valid" or "invalid" (none "acceptable" in this file). */
    static List<Verification> wycheproof() {
        List<Verification> cases = new ArrayList<>();
        for (JsonElement group : json("wycheproof/ed25519_test.json").getAsJsonObject().getAsJsonArray("testGroups")) {
            byte[] publicKey = HEX.parseHex(group.getAsJsonObject().getAsJsonObject("publicKey").get("pk")
                    .getAsString());
            for (JsonElement test : group.getAsJsonObject().getAsJsonArray("tests")) {
                JsonObject t = test.getAsJsonObject();
                String result = t.get("result").getAsString();
                Boolean valid = switch (result) {
                    case "valid" -> true;
                    case "invalid" -> false;
                    default -> null;
                };
                cases.add(new Verification("wycheproof tcId " + t.get("tcId").getAsInt(), publicKey,
                        HEX.parseHex(t.get("msg").getAsString()), HEX.parseHex(t.get("sig").getAsString()), valid,
                        flags(t.getAsJsonArray("flags"))));
            }
        }
        return cases;
    }

    /** The public keys of the Wycheproof groups in X.509 DER (publicKeyDer) with their raw form. */
    static List<byte[][]> wycheproofKeyEncodings() {
        List<byte[][]> keys = new ArrayList<>();
        for (JsonElement group : json("wycheproof/ed25519_test.json").getAsJsonObject().getAsJsonArray("testGroups")) {
            JsonObject g = group.getAsJsonObject();
            keys.add(new byte[][] {HEX.parseHex(g.getAsJsonObject("publicKey").get("pk").getAsString()),
                HEX.parseHex(g.get("publicKeyDer").getAsString())});
        }
        return keys;
    }

    /**
     * ed25519/cctv-ed25519vectors.json: 914 cases, every one valid under the most permissive rule (cofactored,
     * non-canonical encodings accepted); the expected answer under Ferrite's rule comes from the flags.
     */
    static List<Verification> cctv() {
        List<Verification> cases = new ArrayList<>();
        for (JsonElement test : json("ed25519/cctv-ed25519vectors.json").getAsJsonArray()) {
            JsonObject t = test.getAsJsonObject();
            Set<String> flags = t.has("flags") && !t.get("flags").isJsonNull() ? flags(t.getAsJsonArray("flags"))
                    : Set.of();
            cases.add(new Verification("cctv " + t.get("number").getAsInt(), HEX.parseHex(t.get("key").getAsString()),
                    t.get("msg").getAsString().getBytes(StandardCharsets.UTF_8), HEX.parseHex(t.get("sig")
                            .getAsString()), null, flags));
        }
        return cases;
    }

    private static Set<String> flags(JsonArray array) {
        Set<String> flags = new java.util.TreeSet<>();
        if (array != null) {
            array.forEach(f -> flags.add(f.getAsString()));
        }
        return flags;
    }
}
