package dev.ferrite.argon2;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * Reads {@code vectors/argon2/argon2-kat.tsv}: RFC 9106 section 5 and the reference implementation's test suite
 * (P-H-C/phc-winner-argon2 {@code src/test.c}); see the README beside it.
 */
final class Argon2Vectors {
    private Argon2Vectors() {}

    /** One row; {@code phc} is null where the file gives none. */
    record Case(int line, Argon2Type type, int version, int iterations, int memoryKib, int parallelism,
            byte[] password, byte[] salt, byte[] secret, byte[] associatedData, byte[] tag, String phc) {
        Argon2Params params() {
            return Argon2Params.builder().type(type).version(version).memoryKib(memoryKib).iterations(iterations)
                    .parallelism(parallelism).outputLength(tag.length).secret(secret).associatedData(associatedData)
                    .build();
        }

        @Override
        public String toString() {
            return "line " + line + " " + type.phcName() + " v=" + version + " m=" + memoryKib + " t=" + iterations
                    + " p=" + parallelism;
        }
    }

    static List<Case> all() {
        List<Case> cases = new ArrayList<>();
        try (InputStream in = Argon2Vectors.class.getResourceAsStream("/vectors/argon2/argon2-kat.tsv")) {
            if (in == null) {
                throw new IllegalStateException("vectors/argon2/argon2-kat.tsv is missing from the test resources");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            int number = 0;
            while ((line = reader.readLine()) != null) {
                number++;
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length != 11) {
                    throw new IllegalStateException("line " + number + ": expected 11 columns, found " + f.length);
                }
                Argon2Type type = Argon2Type.fromPhcName(f[0]);
                if (type == null) {
                    throw new IllegalStateException("line " + number + ": unknown type " + f[0]);
                }
                cases.add(new Case(number, type, Integer.parseInt(f[1]), Integer.parseInt(f[2]),
                        Integer.parseInt(f[3]), Integer.parseInt(f[4]), bytes(f[5]), bytes(f[6]), bytes(f[7]),
                        bytes(f[8]), HexFormat.of().parseHex(f[9]), f[10].equals("-") ? null : f[10]));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return cases;
    }

    private static byte[] bytes(String field) {
        if (field.equals("-")) {
            return new byte[0];
        }
        if (field.startsWith("hex:")) {
            return HexFormat.of().parseHex(field.substring(4));
        }
        if (field.startsWith("str:")) {
            return field.substring(4).getBytes(StandardCharsets.US_ASCII);
        }
        throw new IllegalStateException("unknown field encoding: " + field);
    }
}
