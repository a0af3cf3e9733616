package dev.ferrite.internal.ffi;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The loader's paths: bundled library, explicit file, and each refusal with a message that names the fix. */
class NativeLoaderTest {
    @TempDir
    Path tmp;

    private NativeLoader.Options options() {
        return NativeLoader.Options.fromSystemProperties(FerriteNative.ABI_VERSION).withLibraryPath(null).withTmpDir(tmp);
    }

    private static Path property(String name) {
        String value = System.getProperty(name);
        assertTrue(value != null, name + " must be set by the build (see bindings/pom.xml)");
        return Path.of(value);
    }

    private static long filesIn(Path dir) throws IOException {
        try (Stream<Path> files = Files.list(dir)) {
            return files.count();
        }
    }

    @Test
    void load_bundledLibrary_verifiesLoadsAndLeavesNothingBehind() throws Exception {
        NativeLoader.Library library = NativeLoader.load(options());
        assertEquals(FerriteNative.ABI_VERSION, library.abiVersion());
        assertTrue(library.origin().contains("native/linux-x86_64/libferrite.so"), library.origin());
        assertTrue(library.lookup().find("ferrite_sha256_digest").isPresent());
        assertEquals(0, filesIn(tmp), "the extracted library and its directory must be deleted after loading");
    }

    @Test
    void load_libraryPath_loadsThatFile() throws Exception {
        Path release = property("ferrite.test.releaseLibrary");
        NativeLoader.Library library = NativeLoader.load(options().withLibraryPath(release));
        assertEquals(release.toAbsolutePath().toString(), library.origin());
    }

    @Test
    void load_missingLibraryPath_throwsNamingThePath() {
        Path missing = tmp.resolve("no-such-libferrite.so");
        NativeLoadException e = assertThrows(NativeLoadException.class,
                () -> NativeLoader.load(options().withLibraryPath(missing)));
        assertTrue(e.getMessage().contains(missing.toString()), e.getMessage());
        assertTrue(e.getMessage().contains("ferrite.library.path"), e.getMessage());
    }

    @Test
    void load_otherAbiVersion_refused() {
        Path other = property("ferrite.test.abiMismatchLibrary");
        NativeLoadException e = assertThrows(NativeLoadException.class,
                () -> NativeLoader.load(options().withLibraryPath(other)));
        assertTrue(e.getMessage().contains("ABI version is 999999"), e.getMessage());
        assertTrue(e.getMessage().contains("needs " + FerriteNative.ABI_VERSION), e.getMessage());
    }

    @Test
    void load_fileThatIsNotALibrary_throws() throws IOException {
        Path bogus = Files.writeString(tmp.resolve("libferrite.so"), "not an ELF file");
        NativeLoadException e = assertThrows(NativeLoadException.class,
                () -> NativeLoader.load(options().withLibraryPath(bogus).withTmpDir(tmp)));
        assertTrue(e.getMessage().startsWith("cannot load"), e.getMessage());
    }

    @Test
    void load_hashMismatch_refusedAndCleanedUp() throws IOException {
        NativeLoadException e = assertThrows(NativeLoadException.class,
                () -> NativeLoader.load(options().withResourceRoot("tampered")));
        assertTrue(e.getMessage().contains("SHA-256"), e.getMessage());
        assertTrue(e.getMessage().contains("refused"), e.getMessage());
        assertEquals(0, filesIn(tmp), "a refused library must not stay on disk");
    }

    @Test
    void load_noLibraryForPlatform_saysUnsupported() {
        NativeLoadException e = assertThrows(NativeLoadException.class,
                () -> NativeLoader.load(options().withResourceRoot("no-such-root")));
        assertTrue(e.getMessage().startsWith("unsupported platform"), e.getMessage());
    }

    @Test
    void load_tmpDirUnusable_namesTheProperty() throws IOException {
        Path notADirectory = Files.writeString(tmp.resolve("plain-file"), "x");
        NativeLoadException e = assertThrows(NativeLoadException.class,
                () -> NativeLoader.load(options().withTmpDir(notADirectory.resolve("sub"))));
        assertTrue(e.getMessage().contains("ferrite.tmpdir"), e.getMessage());
    }

    @Test
    void ferriteNative_loadedInThisJvm_withNoError() {
        assertTrue(FerriteNative.isAvailable(), () -> "load failed: " + FerriteNative.loadError());
        assertEquals(Status.OK, FerriteNative.noop());
        assertTrue(FerriteNative.loadError().isEmpty());
    }
}
