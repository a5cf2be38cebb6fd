package io.pagoda.example.readme;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.UnknownArchitectureException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.registry.Architectures;
import io.pagoda.paging.space.AddressSpace;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.table.LeafSizePolicy;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The README's example, line for line, with what its comments promise checked. */
class ReadmeExampleTest {

    @Test
    void theReadmeExampleDoesWhatItSays() {
        BitmapFrameAllocator frames = new BitmapFrameAllocator(0x100_0000, 4096, 4096);
        // --- as in README.md
        Architecture arch = Architectures.discover().get("x86_64");
        SparseMemory ram = new SparseMemory(arch.physicalAddressBits());
        AddressSpace space = AddressSpace.create(arch, ram, frames);

        space.map(0x40_0000, 0x4000, MappingFlags.of(MappingAccessRights.USER_RW));
        space.mapPhysical(0x60_0000, 0x8000_0000L, 0x20_0000,
                MappingFlags.of(MappingAccessRights.KERNEL_RW), LeafSizePolicy.LARGEST_FITTING);
        space.guard(0x80_0000, 0x20_0000);
        space.writeLong(0x40_0010, 42);
        String translation = space.translate(0x61_2345).toString();
        long framesBeforeUnmap = frames.allocatedCount();
        space.unmap(0x40_0000, 0x4000);
        // ---
        assertEquals("0x612345 -> 0x80012345 (2 MiB at level 2, rw-- write_back)", translation);
        assertEquals(0, space.ownedFrameCount(), "the four frames the space owned are gone with the unmap");
        assertEquals(framesBeforeUnmap - 4, frames.allocatedCount(), "unmap freed the 4 frames");
        assertEquals(PageState.GUARDED, space.translate(0x90_0000).state(), "one huge guard covers the 2 MiB");
        assertEquals(PageState.AVAILABLE, space.translate(0x40_0000).state());
    }

    @Test
    void anUnknownNameListsTheKnownOnes() {
        UnknownArchitectureException e = assertThrows(UnknownArchitectureException.class, () -> Architectures.discover().get("vax"));
        assertTrue(e.getMessage().startsWith("unknown architecture 'vax'; known: "), e.getMessage());
        assertTrue(e.getMessage().contains("x86_64"), e.getMessage());
    }

    @Test
    void theReadmeShowsThisCode() throws Exception {
        String readme = Files.readString(Path.of("..", "README.md"));
        assertTrue(readme.contains("Architecture arch = Architectures.discover().get(\"x86_64\");"), "README example changed: update this test");
        assertTrue(readme.contains("System.out.println(space.translate(0x61_2345));  // 0x612345 -> 0x80012345 (2 MiB at level 2, rw-- write_back)"));
    }
}
