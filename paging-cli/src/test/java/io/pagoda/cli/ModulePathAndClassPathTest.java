package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Every main module is a named module that provides its architectures (module-info) and also ships
 * META-INF/services: a consumer — the pagoda command itself, in a fresh JVM — finds all of them on
 * the module path and on the class path.
 */
class ModulePathAndClassPathTest {

    /** The project's own modules and picocli, from the test class path Surefire was given. */
    private static String pagodaPath() {
        String classPath =
                System.getProperty(
                        "surefire.test.class.path", System.getProperty("java.class.path"));
        List<String> kept = new ArrayList<>();
        for (String entry : classPath.split(File.pathSeparator)) {
            String normalized = entry.replace('\\', '/');
            boolean project =
                    normalized.matches(
                                    ".*/(paging-api|arch-x86-common|arch-i386|arch-x86_64|arch-aarch64|paging-cli)/target/classes/?")
                            || normalized.matches(
                                    ".*/(paging-api|arch-x86-common|arch-i386|arch-x86_64|arch-aarch64)-[^/]*\\.jar");
            if (project || normalized.contains("/picocli-")) {
                kept.add(entry);
            }
        }
        if (!kept.stream()
                .anyMatch(e -> e.replace('\\', '/').contains("paging-cli/target/classes"))) {
            kept.add(Paths.get("target", "classes").toAbsolutePath().toString());
        }
        return String.join(File.pathSeparator, kept);
    }

    private static String run(String... arguments) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS), "the consumer JVM did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static void assertEveryFamily(String output) {
        for (String name :
                List.of("i386", "i386-pae", "x86_64", "x86_64-la57", "aarch64", "aarch64-64k-42")) {
            assertTrue(
                    output.lines().anyMatch(l -> l.startsWith(name + " ")),
                    name + " missing from:\n" + output);
        }
    }

    @Test
    void onTheModulePathEveryArchitectureIsFoundThroughItsModuleDeclaration() throws Exception {
        String output =
                run(
                        "--module-path",
                        pagodaPath(),
                        "--module",
                        "io.pagoda.cli/io.pagoda.cli.Main",
                        "archs");
        assertEveryFamily(output);
        // the MODULE column names the named modules that provided them
        assertTrue(
                output.contains("io.pagoda.arch.x86_64")
                        && output.contains("io.pagoda.arch.i386")
                        && output.contains("io.pagoda.arch.aarch64"),
                output);
    }

    @Test
    void onTheClassPathEveryArchitectureIsFoundThroughMetaInfServices() throws Exception {
        String output = run("-cp", pagodaPath(), "io.pagoda.cli.Main", "archs");
        assertEveryFamily(output);
        // on the class path the providers are in the unnamed module; the MODULE column reads the
        // name from the jar's
        // (or class directory's) module-info.class, and the JAR column names where the classes came
        // from
        assertTrue(
                output.lines()
                        .anyMatch(
                                l ->
                                        l.startsWith("x86_64 ")
                                                && l.matches(
                                                        ".* io\\.pagoda\\.arch\\.x86_64 +(arch-x86_64-[^ ]+\\.jar|classes)")),
                output);
    }
}
