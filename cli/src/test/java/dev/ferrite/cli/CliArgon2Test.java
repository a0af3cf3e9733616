package dev.ferrite.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.ferrite.Backend;
import dev.ferrite.Crypto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * {@code ferrite argon2 hash|verify} on each backend: the password from stdin (first line) or from the terminal
 * reader (asked twice when hashing); PHC strings the library verifies; OK/FAILED with exit status 0/1.
 */
@ParameterizedClass(name = "{0}")
@MethodSource("dev.ferrite.cli.CliBackends#all")
class CliArgon2Test {
    @Parameter
    Backend backend;

    private CliRun.Result argon2(String stdin, Io.PasswordReader terminal, String... args) {
        String[] all = new String[args.length + 2];
        all[0] = CliBackends.option(backend);
        all[1] = "argon2";
        System.arraycopy(args, 0, all, 2, args.length);
        return CliRun.run(stdin.getBytes(StandardCharsets.UTF_8), terminal, all);
    }

    /** A terminal that types these lines, recording the prompts. */
    private static final class FakeTerminal implements Io.PasswordReader {
        final Deque<String> lines;
        final List<String> prompts = new java.util.ArrayList<>();

        FakeTerminal(String... lines) {
            this.lines = new ArrayDeque<>(List.of(lines));
        }

        @Override
        public char[] read(String prompt) {
            prompts.add(prompt);
            return lines.isEmpty() ? null : lines.removeFirst().toCharArray();
        }
    }

    @Test
    void hashFromStdin_thenVerify() {
        CliRun.Result r = argon2("correct horse\nignored second line\n", null, "hash", "-m", "256", "-t", "1");
        assertEquals(0, r.status(), r::toString);
        String phc = r.out().strip();
        assertTrue(phc.startsWith("$argon2id$v=19$m=256,t=1,p=1$"), phc);
        assertTrue(Crypto.argon2(backend).verify(phc, "correct horse".getBytes(StandardCharsets.UTF_8)));
        r = argon2("correct horse\r\n", null, "verify", phc);
        assertEquals(0, r.status(), r::toString);
        assertEquals("OK\n", r.out());
        r = argon2("correct horse \n", null, "verify", phc);
        assertEquals(1, r.status(), r::toString);
        assertEquals("FAILED\n", r.out());
    }

    @Test
    void defaults_areOwasps_andTheLibrarysHashesVerify() {
        CliRun.Result r = argon2("pw\n", null, "hash");
        assertEquals(0, r.status(), r::toString);
        assertTrue(r.out().startsWith("$argon2id$v=19$m=19456,t=2,p=1$"), r.out());
        String theirs = Crypto.argon2(backend).hash("pw".getBytes(StandardCharsets.UTF_8),
                dev.ferrite.argon2.Argon2Params.builder().type(dev.ferrite.argon2.Argon2Type.I).memoryKib(64)
                        .iterations(1).build());
        assertEquals(0, argon2("pw", null, "verify", theirs).status());
        r = argon2("pw\n", null, "hash", "--type", "argon2d", "-m", "64", "-t", "1", "-p", "2", "--salt-length",
                "8", "--hash-length", "16");
        assertTrue(r.out().startsWith("$argon2d$v=19$m=64,t=1,p=2$"), r.out());
    }

    @Test
    void terminal_asksTwice_withoutEcho() {
        FakeTerminal terminal = new FakeTerminal("s3cret", "s3cret");
        CliRun.Result r = argon2("", terminal, "hash", "-m", "64", "-t", "1");
        assertEquals(0, r.status(), r::toString);
        assertEquals(List.of("Password: ", "Repeat password: "), terminal.prompts);
        String phc = r.out().strip();
        FakeTerminal once = new FakeTerminal("s3cret");
        assertEquals(0, argon2("", once, "verify", phc).status());
        assertEquals(List.of("Password: "), once.prompts);
        r = argon2("", new FakeTerminal("one", "two"), "hash", "-m", "64", "-t", "1");
        assertEquals(2, r.status(), r::toString);
        assertEquals("ferrite: the passwords do not match\n", r.err());
        assertEquals("", r.out());
    }

    @Test
    void noPassword_orBadParameters_isExit2() {
        CliRun.Result r = argon2("", null, "hash");
        assertEquals(2, r.status(), r::toString);
        assertEquals("ferrite: no password: standard input is empty (type it at a terminal, or pipe one line)\n",
                r.err());
        r = argon2("\n", null, "hash");
        assertEquals("ferrite: empty password on standard input\n", r.err());
        r = argon2("pw\n", null, "hash", "-m", "4");
        assertEquals(2, r.status(), r::toString);
        assertTrue(r.err().startsWith("ferrite: argon2 hash: "), r.err());
        r = argon2("pw\n", null, "hash", "--type", "argon3");
        assertEquals("ferrite: argon2 hash: --type: expected argon2id, argon2i or argon2d, got 'argon3'\n", r.err());
    }
}
