package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.registry.Architectures;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code pagoda archs}' MODULE and JAR columns: the module is the one a {@code module-info.java}
 * declares, read from wherever the class came from; expected names are those in arch-x86_64's and
 * arch-i386's module-info.java.
 */
class ModuleOriginTest {

    /**
     * arch-x86_64's compiled module declaration, read from the jar (or directory) its classes came
     * from.
     */
    private static byte[] descriptorOf(String variant) throws IOException {
        Class<?> type = Architectures.discover().get(variant).getClass();
        URL location = type.getProtectionDomain().getCodeSource().getLocation();
        Path path = Path.of(location.getPath());
        if (Files.isDirectory(path)) {
            return Files.readAllBytes(path.resolve("module-info.class"));
        }
        try (JarFile jar = new JarFile(path.toFile());
                InputStream in = jar.getInputStream(jar.getEntry("module-info.class"))) {
            return in.readAllBytes();
        }
    }

    private static void put(JarOutputStream out, String name, byte[] bytes) throws IOException {
        out.putNextEntry(new JarEntry(name));
        out.write(bytes);
        out.closeEntry();
    }

    @Test
    void aShadedJarNamesEachPackagesModuleFromTheDescriptorsItKeeps(@TempDir Path dir)
            throws IOException {
        // what paging-cli's build makes: every module-info.class dropped, a copy of each under
        // META-INF/pagoda/modules/
        Path shaded = dir.resolve("pagoda.jar");
        try (JarOutputStream out =
                new JarOutputStream(Files.newOutputStream(shaded), new Manifest())) {
            put(out, ModuleOrigin.BUNDLED + "arch-i386/module-info.class", descriptorOf("i386"));
            put(
                    out,
                    ModuleOrigin.BUNDLED + "arch-x86_64/module-info.class",
                    descriptorOf("x86_64"));
        }
        assertEquals(
                "io.pagoda.arch.x86_64", ModuleOrigin.declaredIn(shaded, "io.pagoda.arch.x86_64"));
        assertEquals("io.pagoda.arch.i386", ModuleOrigin.declaredIn(shaded, "io.pagoda.arch.i386"));
        // a package no kept descriptor declares has no module
        assertEquals("-", ModuleOrigin.declaredIn(shaded, "com.example.other"));
    }

    @Test
    void aJarWithItsOwnDescriptorOnTheClassPathIsNamedByIt(@TempDir Path dir) throws IOException {
        Path jar = dir.resolve("arch-x86_64.jar");
        try (JarOutputStream out =
                new JarOutputStream(Files.newOutputStream(jar), new Manifest())) {
            put(out, "module-info.class", descriptorOf("x86_64"));
        }
        assertEquals(
                "io.pagoda.arch.x86_64", ModuleOrigin.declaredIn(jar, "io.pagoda.arch.x86_64"));
    }

    @Test
    void aPluginJarWithoutDescriptorIsNamedByItsAutomaticModuleName(@TempDir Path dir) {
        Cli cli = Cli.run("archs", "--plugin", buildPlugin(dir).toString());
        assertEquals(0, cli.status(), cli.err());
        assertTrue(
                cli.out()
                        .lines()
                        .anyMatch(
                                l ->
                                        l.matches(
                                                "toy-plugin .* com\\.example\\.toyplugin +toy-plugin\\.jar")),
                cli.out());
    }

    @Test
    void nothingReadableNamesNoModule(@TempDir Path dir) throws IOException {
        assertEquals(
                "-",
                ModuleOrigin.declaredIn(
                        Files.writeString(dir.resolve("broken.jar"), "not a zip"), "a.b"));
        assertEquals("-", ModuleOrigin.declaredIn(dir, "a.b"));
    }

    private static Path buildPlugin(Path dir) {
        try {
            return PluginJar.build(dir, "toy-plugin.jar");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
