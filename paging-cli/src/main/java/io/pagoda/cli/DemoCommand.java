package io.pagoda.cli;

import com.google.inject.Guice;
import com.google.inject.Injector;
import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.SimulatedTlb;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.inject.PagingModule;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.memory.PhysicalMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.space.AddressSpace;
import io.pagoda.paging.space.MappingRange;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.LeafSizePolicy;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pagoda demo}: on a simulated machine of each chosen architecture, builds two processes'
 * address spaces that share a kernel — pages written and read back through the simulated MMU, a
 * kernel block, a huge guard, a partial unmap that splits the block, a switch to the other
 * (inactive) space and back — and prints the first space's table tree, its mapped ranges and what
 * the TLB had to do. Addresses come from each architecture's layout and geometry, so the same steps
 * run everywhere.
 */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description =
                "Run two address spaces with a shared kernel on a simulated machine and show their tables.")
final class DemoCommand implements Runnable {
    @Spec CommandSpec spec;

    @Option(
            names = "--arch",
            paramLabel = "NAME",
            description = "Architecture variant or alias (repeatable; default: every bundled one).")
    List<String> architectureNames;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Architectures found = Architectures.discover();
        List<Architecture> chosen =
                architectureNames == null || architectureNames.isEmpty()
                        ? found.all()
                        : architectureNames.stream().map(found::get).toList();
        if (chosen.isEmpty()) {
            throw new UserError(
                    "no architecture module is on the class path or module path; add arch-x86_64, arch-i386 or arch-aarch64");
        }
        for (Architecture architecture : chosen) {
            demo(architecture, out);
            out.println();
        }
        out.flush();
    }

    private void demo(Architecture architecture, PrintWriter out) {
        AddressLayout layout = architecture.layout();
        TranslationRoot userRoot =
                architecture.roots().get(architecture.rootIndexFor(layout.userFirst()).orElse(-1));
        Geometry geometry = userRoot.geometry();
        long page = geometry.pageSize();
        long block = geometry.leafSizes().size() > 1 ? geometry.leafSizes().get(1) : page * 8;
        out.println("== " + architecture.name() + ": " + architecture.description());

        // the machine is assembled by the same Guice module the conformance kit uses
        Injector machine = Guice.createInjector(new PagingModule(architecture));
        PhysicalMemory memory = machine.getInstance(PhysicalMemory.class);
        AddressSpace kernel = AddressSpace.bootstrap(machine.getInstance(Machine.class));
        AddressSpace first = AddressSpace.create(kernel.mmu());
        AddressSpace second = AddressSpace.create(kernel.mmu());

        long user = alignUp(Math.max(layout.userFirst(), block), block);
        MappingFlags data = expressible(userRoot, MappingAccessRights.USER_RW, out);
        first.map(user, 4 * page, data);
        first.write(user, "hello from the first space".getBytes(StandardCharsets.US_ASCII));
        out.println(
                "1. first space: map 4 pages at "
                        + Hex.of(user)
                        + " ("
                        + data.rights()
                        + "), write a greeting through the MMU");

        long code =
                kernel.findFreeSpace(block, layout.kernelFirst(), layout.kernelLast(), block)
                        .orElseThrow(
                                () ->
                                        new UserError(
                                                "no free "
                                                        + Hex.size(block)
                                                        + " in the kernel range of "
                                                        + architecture.name()));
        long codePa = block * 16;
        TranslationRoot kernelRoot =
                architecture.roots().get(architecture.rootIndexFor(code).orElse(-1));
        MappingFlags text = expressible(kernelRoot, MappingAccessRights.KERNEL_RX, out);
        kernel.mapPhysical(code, codePa, block, text, LeafSizePolicy.LARGEST_FITTING);
        out.println(
                "2. kernel: map "
                        + Hex.size(block)
                        + " of code at "
                        + Hex.of(code)
                        + " -> "
                        + Hex.of(codePa)
                        + " ("
                        + kernel.translate(code).size() / 1024
                        + " KiB leaf), shared by every space");

        first.guard(user + block, block);
        out.println(
                "3. first space: guard "
                        + Hex.size(block)
                        + " at "
                        + Hex.of(user + block)
                        + " (a huge guard: one entry, no table)");

        kernel.unmap(code + page, page);
        out.println(
                "4. kernel: unmap the page at "
                        + Hex.of(code + page)
                        + ": the block splits into pages around the hole");

        second.map(user, page, data);
        second.write(user, "hello from the second space".getBytes(StandardCharsets.US_ASCII));
        String seen = new String(second.read(user, 27), StandardCharsets.US_ASCII);
        out.println(
                "5. switch to the second (inactive) space: it reads \""
                        + seen
                        + "\" at "
                        + Hex.of(user)
                        + " and sees the kernel code at "
                        + Hex.of(code + 2 * page)
                        + " -> "
                        + Hex.of(second.translate(code + 2 * page).physicalAddress()));
        String back = new String(first.read(user, 26), StandardCharsets.US_ASCII);
        out.println("6. switch back: the first space reads \"" + back + "\"");

        SimulatedTlb tlb = kernel.cpu().tlb();
        out.println(
                "   TLB: "
                        + tlb.hits()
                        + " hits, "
                        + tlb.misses()
                        + " misses, "
                        + tlb.pageInvalidations()
                        + " page / "
                        + tlb.tagInvalidations()
                        + " context / "
                        + tlb.fullInvalidations()
                        + " full invalidations");
        out.println();

        long[] registers = new long[architecture.roots().size()];
        for (int i = 0; i < registers.length; i++) {
            registers[i] = first.hierarchy(i).registerValue();
        }
        out.println("first space's table tree:");
        TreeText tree = new TreeText(out, 4);
        new TableWalker(
                        architecture,
                        memory,
                        new WalkBounds(Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE),
                        new Progress(spec.commandLine().getErr(), false))
                .walk(registers, tree);
        tree.finish();
        out.println();
        out.println("first space's mapped ranges:");
        for (MappingRange range : first.mappings()) {
            out.println("  " + range);
        }
    }

    /**
     * The rights asked for, or with EXECUTABLE added where the format has no execute-disable (said
     * aloud).
     */
    private static MappingFlags expressible(
            TranslationRoot root, MappingAccessRights rights, PrintWriter out) {
        MappingFlags flags = MappingFlags.of(rights);
        try {
            root.format().leafTemplate(root.geometry().lastLevel(), flags);
            return flags;
        } catch (RightsNotExpressibleException e) {
            MappingFlags widened = flags.withRights(rights.with(MappingAccessRights.EXECUTABLE));
            out.println(
                    "   (" + rights + " is not expressible here, using " + widened.rights() + ")");
            return widened;
        }
    }

    private static long alignUp(long value, long alignment) {
        return (value + alignment - 1) & -alignment;
    }
}
