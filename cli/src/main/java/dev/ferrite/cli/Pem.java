package dev.ferrite.cli;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Base64;

/** PEM (RFC 7468) text: one labelled block of Base64 between BEGIN and END lines, as OpenSSL writes and reads. */
final class Pem {
    private Pem() {}

    /** A decoded block: its label ("PRIVATE KEY", "PUBLIC KEY") and bytes. */
    record Block(String label, byte[] der) {}

    /** The PEM text of {@code der}, lines of 64 characters. */
    static byte[] encode(String label, byte[] der) {
        String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
        return ("-----BEGIN " + label + "-----\n" + base64 + "\n-----END " + label + "-----\n")
                .getBytes(StandardCharsets.US_ASCII);
    }

    /**
     * The first PEM block of {@code text}; text before it (OpenSSL's explanatory lines) is skipped.
     *
     * @throws CliException naming {@code name} and the line when there is no block or its Base64 is broken
     */
    static Block decode(String name, byte[] text) {
        String[] lines = new String(text, StandardCharsets.US_ASCII).split("\r?\n", -1);
        int begin = -1;
        String label = null;
        for (int i = 0; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.startsWith("-----BEGIN ") && l.endsWith("-----") && l.length() > 16) {
                begin = i;
                label = l.substring(11, l.length() - 5);
                break;
            }
        }
        if (begin < 0) {
            throw CliException.badInput(name + ": not a PEM file (no '-----BEGIN ...-----' line)");
        }
        StringBuilder base64 = new StringBuilder();
        for (int i = begin + 1; i < lines.length; i++) {
            String l = lines[i].strip();
            if (l.equals("-----END " + label + "-----")) {
                try {
                    byte[] der = Base64.getDecoder().decode(base64.toString());
                    return new Block(label, der);
                } catch (IllegalArgumentException e) {
                    throw CliException.badInput(name + ", lines " + (begin + 2) + "-" + i + ": invalid Base64 ("
                            + e.getMessage() + ")");
                } finally {
                    char[] wipe = new char[base64.length()];
                    base64.setLength(0);
                    base64.append(wipe);
                    Arrays.fill(wipe, '\0');
                }
            }
            if (l.contains(":")) {
                throw CliException.badInput(name + ", line " + (i + 1) + ", column " + (lines[i].indexOf(':') + 1)
                        + ": PEM headers (an encrypted legacy key?) are not supported");
            }
            for (int c = 0; c < l.length(); c++) {
                char ch = l.charAt(c);
                if (!(Character.isLetterOrDigit(ch) && ch < 128 || ch == '+' || ch == '/' || ch == '=')) {
                    throw CliException.badInput(name + ", line " + (i + 1) + ", column " + (lines[i].indexOf(ch) + 1)
                            + ": '" + ch + "' is not Base64");
                }
            }
            base64.append(l);
        }
        throw CliException.badInput(name + ": no '-----END " + label + "-----' line");
    }
}
