package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shipped artifact, {@code java -jar paging-cli/target/pagoda.jar} (shaded: every module-info
 * dropped), run after {@code package} by Failsafe: {@code archs} still names each bundled
 * architecture's JPMS module (the names in arch-*&#47;src/main/java/module-info.java), {@code
 * --plugin} works in it, and its completion script names every command.
 */
class PagodaJarIT {
    private static final Path JAR = Path.of("target", "pagoda.jar");

    private static String pagoda(String... arguments) throws IOException, InterruptedException {
        List<String> command =
                new ArrayList<>(
                        List.of(
                                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                                "-jar",
                                JAR.toString()));
        command.addAll(Arrays.asList(arguments));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(120, TimeUnit.SECONDS), "pagoda.jar did not finish");
        assertEquals(0, process.exitValue(), output);
        return output;
    }

    private static boolean row(String output, String variant, String module, String jar) {
        return output.lines()
                .anyMatch(
                        l ->
                                l.startsWith(variant + " ")
                                        && l.matches(
                                                ".* "
                                                        + module.replace(".", "\\.")
                                                        + " +"
                                                        + jar.replace(".", "\\.")));
    }

    @Test
    void archsNamesTheBundledModulesInsideTheShadedJar() throws Exception {
        assertTrue(Files.isRegularFile(JAR), "run after package");
        String output = pagoda("archs");
        assertTrue(row(output, "x86_64", "io.pagoda.arch.x86_64", "pagoda.jar"), output);
        assertTrue(row(output, "x86_64-la57", "io.pagoda.arch.x86_64", "pagoda.jar"), output);
        assertTrue(row(output, "i386-pae", "io.pagoda.arch.i386", "pagoda.jar"), output);
        assertTrue(row(output, "aarch64-64k-42", "io.pagoda.arch.aarch64", "pagoda.jar"), output);
    }

    @Test
    void pluginsJoinTheShadedJar(@TempDir Path dir) throws Exception {
        // the plug-in's architecture reads through the CLI's test toy, so the test classes come
        // along as a second plug-in
        Path plugin = PluginJar.build(dir, "toy-plugin.jar");
        String output =
                pagoda(
                        "archs",
                        "--plugin",
                        plugin.toString(),
                        "--plugin",
                        Path.of("target", "test-classes").toString());
        assertTrue(row(output, "toy-plugin", "com.example.toyplugin", "toy-plugin.jar"), output);
        assertTrue(row(output, "toy-cli", "-", "test-classes"), output);
        assertTrue(row(output, "x86_64", "io.pagoda.arch.x86_64", "pagoda.jar"), output);
    }

    @Test
    void theCompletionScriptNamesEveryCommand() throws Exception {
        String script = pagoda("completion");
        for (String command :
                List.of(
                        "archs",
                        "inspect",
                        "translate",
                        "find-roots",
                        "demo",
                        "conformance",
                        "build",
                        "completion")) {
            assertTrue(script.contains(command), command);
        }
    }
}
