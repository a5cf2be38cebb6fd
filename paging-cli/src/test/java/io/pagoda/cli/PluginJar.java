package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;
import java.util.spi.ToolProvider;
import java.util.stream.Stream;

/**
 * A third-party architecture jar made in the test: a provider compiled here (in a package no
 * services file on the test class path names), its services file and an {@code
 * Automatic-Module-Name}. Its variant reads {@code toy-cli}'s tables under its own name, so only
 * {@code --plugin} makes it known.
 */
final class PluginJar {
    static final String VARIANT = "toy-plugin";
    static final String MODULE = "com.example.toyplugin";
    static final String PROVIDER = "com.example.toyplugin.PluginProvider";

    private PluginJar() {}

    static Path build(Path dir, String fileName) throws IOException {
        Path sources = Files.createDirectories(dir.resolve("src/com/example/toyplugin"));
        Path provider =
                Files.writeString(
                        sources.resolve("PluginProvider.java"),
                        """
                package com.example.toyplugin;

                import io.pagoda.paging.spi.Architecture;
                import io.pagoda.paging.spi.ArchitectureProvider;
                import java.util.List;

                public final class PluginProvider implements ArchitectureProvider {
                    @Override
                    public List<Architecture> architectures() {
                        return List.of(new PluginArchitecture());
                    }
                }
                """);
        // the architecture's own class is in the jar, as a real plug-in's is; it reads toy-cli's
        // tables
        Path architecture =
                Files.writeString(
                        sources.resolve("PluginArchitecture.java"),
                        """
                package com.example.toyplugin;

                import io.pagoda.cli.toy.ToyArchitecture;
                import io.pagoda.paging.spi.AddressLayout;
                import io.pagoda.paging.spi.Architecture;
                import io.pagoda.paging.spi.TlbInstructions;
                import io.pagoda.paging.spi.TranslationRoot;
                import java.util.List;

                public final class PluginArchitecture implements Architecture {
                    private final Architecture toy = ToyArchitecture.named("%s");

                    @Override public String name() { return toy.name(); }
                    @Override public String description() { return toy.description(); }
                    @Override public List<TranslationRoot> roots() { return toy.roots(); }
                    @Override public int physicalAddressBits() { return toy.physicalAddressBits(); }
                    @Override public AddressLayout layout() { return toy.layout(); }
                    @Override public TlbInstructions tlbInstructions() { return toy.tlbInstructions(); }
                }
                """
                                .formatted(VARIANT));
        Path classes = Files.createDirectories(dir.resolve("classes"));
        // java.util.spi.ToolProvider, in java.base: the tests run as module io.pagoda.cli, which
        // does not read java.compiler
        ToolProvider javac = ToolProvider.findFirst("javac").orElseThrow();
        String classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        StringWriter log = new StringWriter();
        PrintWriter logWriter = new PrintWriter(log);
        int status =
                javac.run(
                        logWriter,
                        logWriter,
                        "-d",
                        classes.toString(),
                        "-cp",
                        classPath + File.pathSeparator + testClasses(),
                        provider.toString(),
                        architecture.toString());
        assertEquals(0, status, () -> "the plug-in's provider compiles: " + log);
        Manifest manifest = new Manifest();
        manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
        manifest.getMainAttributes().putValue("Automatic-Module-Name", MODULE);
        Path jar = dir.resolve(fileName);
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(jar), manifest)) {
            out.putNextEntry(
                    new JarEntry("META-INF/services/io.pagoda.paging.spi.ArchitectureProvider"));
            out.write((PROVIDER + "\n").getBytes(StandardCharsets.UTF_8));
            out.closeEntry();
            try (Stream<Path> files = Files.walk(classes)) {
                for (Path file : files.filter(Files::isRegularFile).toList()) {
                    out.putNextEntry(
                            new JarEntry(
                                    classes.relativize(file)
                                            .toString()
                                            .replace(File.separatorChar, '/')));
                    write(out, file);
                    out.closeEntry();
                }
            }
        }
        assertTrue(Files.size(jar) > 0);
        return jar;
    }

    private static void write(OutputStream out, Path file) throws IOException {
        out.write(Files.readAllBytes(file));
    }

    /**
     * Where the toy classes the provider uses were compiled to (Surefire's class path may be a
     * manifest jar).
     */
    private static String testClasses() {
        return Path.of("target", "test-classes").toAbsolutePath().toString();
    }

    /**
     * The test's own class path names no provider of this package: the variant can only come from
     * the jar.
     */
    static List<String> names(String archsOutput) {
        return archsOutput.lines().skip(1).map(l -> l.split(" +")[0]).toList();
    }
}
