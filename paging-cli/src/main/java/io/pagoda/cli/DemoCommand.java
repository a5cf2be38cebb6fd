package io.pagoda.cli;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.CanonicalForm;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.PhysicalTableAccess;
import io.pagoda.paging.table.TableHierarchy;
import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code pagoda demo}: builds tables on simulated memory — pages, a block, a huge guard, a partial unmap that
 * splits the block — and prints the table tree and the mapped ranges. Runs on any architecture: addresses
 * and sizes come from its geometry.
 *
 * <p>When the simulated MMU lands, the next step is to load the root into the simulated CPU and translate
 * through its TLB (showing a stale entry until the flush); the tables here are built inactive (paging off,
 * {@link NoFlush}) so that switch is one added step.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Build page tables on simulated memory and show them: pages, a block, a huge guard, a partial unmap.")
final class DemoCommand implements Runnable {
    private static final long FRAME_POOL = 0x100_0000L;

    @Spec
    CommandSpec spec;

    @Option(names = "--arch", paramLabel = "NAME", description = "Architecture variant or alias (default: x86_64, else the first found).")
    String architectureName;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Architecture architecture = choose();
        TranslationRoot root = architecture.roots().get(0);
        Geometry geometry = root.geometry();
        long page = geometry.pageSize();
        long block = blockSize(geometry);
        long frameSize = Math.max(page, geometry.largestTableBytes());

        SparseMemory memory = new SparseMemory(architecture.physicalAddressBits());
        BitmapFrameAllocator frames = new BitmapFrameAllocator(FRAME_POOL, 1024, frameSize);
        PhysicalTableAccess access = new PhysicalTableAccess(memory, geometry);
        long rootTable = TableHierarchy.allocateRoot(root, access, frames);
        TableHierarchy tables = new TableHierarchy(root, architecture.physicalAddressBits(), rootTable, access, frames, NoFlush.INSTANCE);

        CanonicalForm form = root.canonicalForm();
        long pages = form.virtual(block);
        long blockVa = pages + block;
        long guardVa = blockVa + block;
        long blockPa = block * 16;

        out.println("demo on " + architecture.name() + " (" + architecture.description() + "), " + root.registerName()
                + " tables from " + geometry);
        long[] pageFrames = {frames.allocate(), frames.allocate(), frames.allocate(), frames.allocate()};
        tables.map(pages, 4 * page, FrameSource.pages(pageFrames, page), MappingFlags.of(MappingAccessRights.USER_RW));
        out.println("1. map 4 pages of user data at " + Hex.of(pages) + " to frames from the allocator");
        tables.mapContiguous(blockVa, blockPa, block, MappingFlags.of(MappingAccessRights.KERNEL_RX), LeafSizePolicy.LARGEST_FITTING);
        out.println("2. map " + Hex.size(block) + " of kernel code at " + Hex.of(blockVa) + " to " + Hex.of(blockPa) + " (one block where the format has them)");
        tables.guard(guardVa, block);
        out.println("3. guard " + Hex.size(block) + " at " + Hex.of(guardVa) + " (a huge guard: one entry, no table)");
        tables.unmap(blockVa + page, page, (va, pa, size) -> { });
        out.println("4. unmap the page at " + Hex.of(blockVa + page) + ": the block splits into pages around the hole");
        out.println();

        long register = root.registerValue(rootTable, 0);
        out.println("table tree:");
        TreeText tree = new TreeText(out, 4);
        new TableWalker(architecture, memory, Long.MAX_VALUE, new Progress(spec.commandLine().getErr(), false))
                .walk(new long[] {register}, tree);
        tree.finish();
        out.println();
        out.println("mapped ranges:");
        RangesText text = new RangesText(out);
        RangeCoalescer coalescer = new RangeCoalescer(text::print);
        new TableWalker(architecture, memory, Long.MAX_VALUE, new Progress(spec.commandLine().getErr(), false))
                .walk(new long[] {register}, coalescer);
        coalescer.flush();
        out.flush();
    }

    private Architecture choose() {
        Architectures found = Architectures.discover();
        if (architectureName != null) {
            return found.get(architectureName);
        }
        List<Architecture> all = found.all();
        if (all.isEmpty()) {
            throw new UserError("no architecture module is on the class path or module path; add arch-x86_64, arch-i386 or arch-aarch64");
        }
        return found.find("x86_64").orElse(all.get(0));
    }

    /** The smallest block above the page size, or 8 pages when the geometry has no blocks. */
    private static long blockSize(Geometry geometry) {
        List<Long> sizes = geometry.leafSizes();
        return sizes.size() > 1 ? sizes.get(1) : geometry.pageSize() * 8;
    }
}
