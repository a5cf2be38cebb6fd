package io.pagoda.cli;

import java.io.IOException;
import java.io.InputStream;
import java.lang.module.InvalidModuleDescriptorException;
import java.lang.module.ModuleDescriptor;
import java.net.URISyntaxException;
import java.nio.file.FileSystemNotFoundException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.CodeSource;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Where a class comes from, as {@code pagoda archs} shows it: the JPMS module that declares its
 * package and the jar (or class directory) it was loaded from.
 *
 * <p>On the module path the class's {@link Module} has the name. On the class path the module is
 * unnamed, so the name is read from the code source: the {@code module-info.class} of the jar or
 * directory whose declaration holds the package, else the jar's {@code Automatic-Module-Name}. The
 * shaded {@code pagoda.jar} drops every jar's {@code module-info.class} (they would clash), so its
 * build keeps a copy of each bundled module's descriptor under {@value #BUNDLED}; the descriptor
 * whose packages hold the class names its module.
 *
 * @param module the module name, or {@code -} when nothing declares one
 * @param jar the file name of the jar or class directory, or {@code -} when the class loader does
 *     not say
 */
record ModuleOrigin(String module, String jar) {
    /**
     * Where the shaded jar keeps the module descriptors of the jars it merged (see
     * paging-cli/pom.xml).
     */
    static final String BUNDLED = "META-INF/pagoda/modules/";

    static final String NONE = "-";

    static ModuleOrigin of(Class<?> type) {
        Path location = location(type);
        String jar =
                location == null || location.getFileName() == null
                        ? NONE
                        : location.getFileName().toString();
        Module module = type.getModule();
        if (module.isNamed()) {
            return new ModuleOrigin(module.getName(), jar);
        }
        return new ModuleOrigin(
                location == null ? NONE : declaredIn(location, type.getPackageName()), jar);
    }

    /**
     * The name of the module declared in {@code location} (a jar or class directory) that holds
     * {@code packageName}.
     */
    static String declaredIn(Path location, String packageName) {
        try {
            if (Files.isDirectory(location)) {
                Path descriptor = location.resolve("module-info.class");
                if (Files.isRegularFile(descriptor)) {
                    try (InputStream in = Files.newInputStream(descriptor)) {
                        ModuleDescriptor declared = ModuleDescriptor.read(in);
                        if (declared.packages().contains(packageName)) {
                            return declared.name();
                        }
                    }
                }
                return NONE;
            }
            if (Files.isRegularFile(location)) {
                return declaredInJar(location, packageName);
            }
        } catch (IOException | InvalidModuleDescriptorException e) {
            // an unreadable jar or a broken descriptor names no module; archs still lists the
            // architecture
            return NONE;
        }
        return NONE;
    }

    private static String declaredInJar(Path location, String packageName) throws IOException {
        try (JarFile jar = new JarFile(location.toFile())) {
            boolean anyDescriptor = false;
            List<JarEntry> descriptors = new ArrayList<>();
            for (Enumeration<JarEntry> entries = jar.entries(); entries.hasMoreElements(); ) {
                JarEntry entry = entries.nextElement();
                String name = entry.getName();
                if (name.equals("module-info.class")
                        || (name.startsWith("META-INF/versions/")
                                && name.endsWith("/module-info.class"))
                        || (name.startsWith(BUNDLED) && name.endsWith(".class"))) {
                    descriptors.add(entry);
                }
            }
            for (JarEntry entry : descriptors) {
                anyDescriptor = true;
                try (InputStream in = jar.getInputStream(entry)) {
                    ModuleDescriptor declared = ModuleDescriptor.read(in);
                    if (declared.packages().contains(packageName)) {
                        return declared.name();
                    }
                }
            }
            Manifest manifest = jar.getManifest();
            String automatic =
                    manifest == null
                            ? null
                            : manifest.getMainAttributes().getValue("Automatic-Module-Name");
            // a jar with descriptors that do not hold the package does not get to name it by its
            // manifest
            return automatic != null && !anyDescriptor ? automatic.strip() : NONE;
        }
    }

    private static Path location(Class<?> type) {
        CodeSource source = type.getProtectionDomain().getCodeSource();
        if (source == null || source.getLocation() == null) {
            return null;
        }
        try {
            return Path.of(source.getLocation().toURI());
        } catch (URISyntaxException | IllegalArgumentException | FileSystemNotFoundException e) {
            return null;
        }
    }
}
