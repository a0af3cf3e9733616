package dev.ferrite.argon2;

import dev.ferrite.Backend;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * The pure-Java Argon2: Bouncy Castle's {@link Argon2BytesGenerator}, which fills the lanes one after another on the
 * calling thread, with Ferrite's PHC handling ({@link AbstractArgon2}). Stateless and thread-safe: every call builds
 * its own generator. Ferrite clears the parameter objects it hands to Bouncy Castle (their copies of the salt, secret
 * and associated data); Bouncy Castle clears its working memory, but the generator makes further short-lived copies of
 * the secret, salt and associated data (and the 64-byte initial hash) that it does not wipe, which only a patched
 * generator could avoid. Use the native backend where that matters.
 */
final class JavaArgon2 extends AbstractArgon2 {
    private static final JavaArgon2 INSTANCE = new JavaArgon2();

    private JavaArgon2() {}

    /**
     * The shared instance.
     *
     * @return the instance
     */
    static JavaArgon2 instance() {
        return INSTANCE;
    }

    @Override
    void compute(Argon2Type type, int version, int memoryKib, int iterations, int parallelism, byte[] password,
            byte[] salt, byte[] secret, byte[] associatedData, byte[] out) {
        int bcType = switch (type) {
            case D -> Argon2Parameters.ARGON2_d;
            case I -> Argon2Parameters.ARGON2_i;
            case ID -> Argon2Parameters.ARGON2_id;
        };
        Argon2Parameters.Builder builder = new Argon2Parameters.Builder(bcType)
                .withVersion(version == Argon2Params.VERSION_10 ? Argon2Parameters.ARGON2_VERSION_10
                        : Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt);
        if (secret.length > 0) {
            builder.withSecret(secret);
        }
        if (associatedData.length > 0) {
            builder.withAdditional(associatedData);
        }
        Argon2Parameters parameters = builder.build();
        try {
            Argon2BytesGenerator generator = new Argon2BytesGenerator();
            generator.init(parameters);
            generator.generateBytes(password, out);
        } finally {
            parameters.clear();
            builder.clear();
        }
    }

    @Override
    public Backend backend() {
        return Backend.JAVA;
    }
}
