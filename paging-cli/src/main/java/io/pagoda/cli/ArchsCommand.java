package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.LevelGeometry;
import io.pagoda.paging.spi.TranslationRoot;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code pagoda archs}: every variant ServiceLoader finds, as a table. */
@Command(
        name = "archs",
        mixinStandardHelpOptions = true,
        description = "List the architecture variants found on the class path or module path.")
final class ArchsCommand implements Runnable {
    @Spec CommandSpec spec;

    @Override
    public void run() {
        List<Architecture> all = Architectures.discover().all();
        if (all.isEmpty()) {
            throw new UserError(
                    "no architecture module is on the class path or module path; add arch-x86_64, arch-i386 or arch-aarch64");
        }
        TextTable table =
                new TextTable(
                        "NAME",
                        "ALIASES",
                        "LEVELS",
                        "PAGE/BLOCK SIZES",
                        "VA BITS",
                        "PA BITS",
                        "MODULE",
                        "JAR");
        for (Architecture architecture : all) {
            ModuleOrigin origin = ModuleOrigin.of(architecture.getClass());
            table.add(
                    architecture.name(),
                    aliases(architecture),
                    levels(architecture),
                    leafSizes(architecture),
                    virtualBits(architecture),
                    Integer.toString(architecture.physicalAddressBits()),
                    origin.module(),
                    origin.jar());
        }
        table.print(spec.commandLine().getOut());
    }

    static String aliases(Architecture architecture) {
        Set<String> sorted = new TreeSet<>(architecture.aliases());
        return sorted.isEmpty() ? "-" : String.join(",", sorted);
    }

    /** Level names top first, per distinct geometry of the roots: {@code PML4>PDPT>PD>PT}. */
    static String levels(Architecture architecture) {
        Set<String> distinct = new LinkedHashSet<>();
        for (TranslationRoot root : architecture.roots()) {
            List<String> names = new ArrayList<>();
            for (LevelGeometry level : root.geometry().levels()) {
                names.add(level.name());
            }
            distinct.add(root.geometry().levelCount() + " (" + String.join(">", names) + ")");
        }
        return String.join(" / ", distinct);
    }

    static String leafSizes(Architecture architecture) {
        Set<Long> sizes = new TreeSet<>();
        for (TranslationRoot root : architecture.roots()) {
            sizes.addAll(root.geometry().leafSizes());
        }
        List<String> text = new ArrayList<>();
        for (long size : sizes) {
            text.add(Hex.size(size).replace(" ", ""));
        }
        return String.join(",", text);
    }

    static String virtualBits(Architecture architecture) {
        List<String> text = new ArrayList<>();
        for (TranslationRoot root : architecture.roots()) {
            Geometry geometry = root.geometry();
            text.add(
                    root.registerName()
                            + ":"
                            + root.canonicalForm().bits()
                            + (geometry.virtualBits() != root.canonicalForm().bits()
                                    ? "(" + geometry.virtualBits() + ")"
                                    : ""));
        }
        return String.join(",", text);
    }
}
