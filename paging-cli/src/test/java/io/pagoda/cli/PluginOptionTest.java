package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 5: {@code --plugin JAR} is an option of every command, and every command then finds
 * its variants ({@code conformance}'s run over the plug-in is in {@link ConformanceCommandTest},
 * which runs the kit once).
 */
class PluginOptionTest {
    @TempDir static Path dir;
    static Path jar;
    static Path image;

    @BeforeAll
    static void pluginAndImage() throws IOException {
        jar = PluginJar.build(dir, "toy-plugin.jar");
        // toy format (ToyFormat's bit layout): a table entry is address | valid | table | w | x | u
        // = 0x1F,
        // a page address | valid | page | w | u = 0x17; root 0x100000 -> 0x101000 -> 0x102000 ->
        // page 0x5000
        ByteBuffer tables = ByteBuffer.allocate(3 * 4096).order(ByteOrder.LITTLE_ENDIAN);
        tables.putLong(0, 0x101000L | 0x1F);
        tables.putLong(4096, 0x102000L | 0x1F);
        tables.putLong(2 * 4096, 0x5000L | 0x17);
        image = Files.write(dir.resolve("toy.img"), tables.array());
    }

    private static String[] toy(String command, String... more) {
        String[] head = {command, "--plugin", jar.toString(), "--arch", PluginJar.VARIANT};
        String[] all = new String[head.length + more.length];
        System.arraycopy(head, 0, all, 0, head.length);
        System.arraycopy(more, 0, all, head.length, more.length);
        return all;
    }

    @Test
    void withoutThePluginTheVariantIsUnknown() {
        Cli cli =
                Cli.run(
                        "translate",
                        "--arch",
                        PluginJar.VARIANT,
                        "--root",
                        "0x100000",
                        "--base",
                        "0x100000",
                        image.toString(),
                        "0x123");
        assertEquals(Main.USER_ERROR, cli.status(), cli.out() + cli.err());
        assertTrue(cli.err().contains("unknown architecture 'toy-plugin'"), cli.err());
        assertFalse(PluginJar.names(Cli.run("archs").out()).contains(PluginJar.VARIANT));
    }

    @Test
    void archsListsThePluginsVariantBeforeOrAfterTheSubcommand() {
        Cli after = Cli.run("archs", "--plugin", jar.toString());
        assertEquals(0, after.status(), after.err());
        assertTrue(PluginJar.names(after.out()).contains(PluginJar.VARIANT), after.out());
        Cli before = Cli.run("--plugin", jar.toString(), "archs");
        assertEquals(0, before.status(), before.err());
        assertEquals(after.out(), before.out());
    }

    @Test
    void translateReadsThroughThePluginsVariant() {
        Cli cli =
                Cli.run(
                        toy(
                                "translate",
                                "--root",
                                "0x100000",
                                "--base",
                                "0x100000",
                                image.toString(),
                                "0x123",
                                "0x1000"));
        assertEquals(0, cli.status(), cli.err());
        String[] lines = cli.outLines();
        assertEquals("0x123 0x5123", lines[0]);
        assertTrue(lines[1].startsWith("0x1000 unmapped"), cli.out());
    }

    @Test
    void inspectReadsThroughThePluginsVariant() {
        Cli cli =
                Cli.run(
                        toy(
                                "inspect",
                                "--root",
                                "0x100000",
                                "--base",
                                "0x100000",
                                "--format",
                                "json",
                                image.toString()));
        assertEquals(0, cli.status(), cli.err());
        assertTrue(
                cli.out()
                        .contains(
                                "\"first\":\"0x0\",\"last\":\"0xfff\",\"size\":4096,\"state\":\"present\",\"physical\":\"0x5000\""
                                        + ",\"rights\":\"rw-u\""),
                cli.out());
    }

    @Test
    void findRootsScansWithThePluginsVariant() {
        Cli cli = Cli.run(toy("find-roots", "--base", "0x100000", image.toString()));
        assertEquals(0, cli.status(), cli.err());
        assertTrue(cli.out().contains("--arch toy-plugin --root 0x100000"), cli.out());
    }

    @Test
    void demoRunsThePluginsVariant() {
        Cli cli = Cli.run(toy("demo"));
        assertEquals(0, cli.status(), cli.err());
        assertTrue(cli.out().contains("== toy-plugin:"), cli.out());
    }

    @Test
    void buildFindsThePluginsVariant() throws IOException {
        Path layout =
                Files.writeString(
                        dir.resolve("layout.json"),
                        """
                {"variant": "toy-plugin", "base": "0x100000", "mappings": [
                  {"virtual": "0x0", "size": "4KiB", "physical": "0x5000", "rights": "rw"}]}
                """);
        Cli cli =
                Cli.run(
                        "build",
                        "--plugin",
                        jar.toString(),
                        "--layout",
                        layout.toString(),
                        "--out",
                        dir.resolve("out").toString());
        assertFalse(cli.err().contains("unknown architecture"), cli.err());
        Cli without =
                Cli.run(
                        "build",
                        "--layout",
                        layout.toString(),
                        "--out",
                        dir.resolve("out2").toString());
        assertTrue(without.err().contains("toy-plugin"), without.err());
    }

    @Test
    void aPluginThatDoesNotExistIsOneLineOnEveryCommand() {
        Path missing = dir.resolve("missing.jar");
        for (String command : new String[] {"archs", "demo", "conformance"}) {
            Cli cli = Cli.run(command, "--plugin", missing.toString());
            assertEquals(Main.USER_ERROR, cli.status(), command + ": " + cli.err());
            assertEquals(
                    "pagoda: plugin "
                            + missing
                            + " does not exist; give a jar or directory with an architecture module\n",
                    cli.err(),
                    command);
            assertEquals("", cli.out(), command);
        }
        Cli translate =
                Cli.run(
                        "translate",
                        "--plugin",
                        missing.toString(),
                        "--arch",
                        "toy-cli",
                        "--root",
                        "0x100000",
                        "--base",
                        "0x100000",
                        image.toString(),
                        "0x123");
        assertEquals(Main.USER_ERROR, translate.status(), translate.err());
        assertTrue(
                translate.err().startsWith("pagoda: plugin " + missing + " does not exist"),
                translate.err());
    }
}
