package io.pagoda.example.guide;

import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.inject.AbstractModule;
import com.google.inject.Guice;
import com.google.inject.Injector;
import com.google.inject.Module;
import com.google.inject.Provides;
import com.google.inject.Singleton;
import com.google.inject.util.Modules;
import io.pagoda.paging.inject.PagingModule;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.FrameAllocator;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The plug-in chapter's Guice override, as written there: with {@code @Singleton} the injector and
 * the machine share one allocator; without it each injection point gets an allocator of its own,
 * which is why the chapter says so.
 */
class GuiceOverrideTest {
    private static final Path GUIDE = Path.of("guide", "plug-in-an-architecture.md");
    private static final Path THIS_SOURCE =
            Path.of("src/test/java/io/pagoda/example/guide/GuiceOverrideTest.java");

    // spotless:off: kept as the guide shows it (theGuideShowsThisOverride compares the lines)
    // --- as in guide/plug-in-an-architecture.md
    public Module overrides() {
        return new AbstractModule() {
            @Provides
            @Singleton // one allocator: the machine's Machine and every other injection point share it
            FrameAllocator ram() {
                return new BitmapFrameAllocator(0x8000_0000L, 32_768, 4096);
            }
        };
    }
    // ---
    // spotless:on

    @Test
    void theInjectorHandsOutTheMachinesAllocator() {
        Injector injector =
                Guice.createInjector(
                        Modules.override(new PagingModule("riscv-sv39")).with(overrides()));
        FrameAllocator allocator = injector.getInstance(FrameAllocator.class);
        assertSame(allocator, injector.getInstance(Machine.class).allocator());
        assertSame(allocator, injector.getInstance(FrameAllocator.class));
        assertTrue(
                allocator instanceof BitmapFrameAllocator bitmap && bitmap.base() == 0x8000_0000L,
                "the override is used");
    }

    @Test
    void withoutSingletonTheMachineGetsAnotherAllocator() {
        Module unscoped =
                new AbstractModule() {
                    @Provides
                    FrameAllocator ram() {
                        return new BitmapFrameAllocator(0x8000_0000L, 32_768, 4096);
                    }
                };
        Injector injector =
                Guice.createInjector(
                        Modules.override(new PagingModule("riscv-sv39")).with(unscoped));
        assertNotSame(
                injector.getInstance(FrameAllocator.class),
                injector.getInstance(Machine.class).allocator(),
                "an unscoped provider makes a new allocator per injection: the chapter's snippet needs @Singleton");
    }

    @Test
    void theGuideShowsThisOverride() throws Exception {
        StringBuilder tested = new StringBuilder();
        boolean inside = false;
        for (String line : Files.readAllLines(THIS_SOURCE)) {
            if (line.trim().startsWith("// --- as in guide/")) {
                inside = true;
            } else if (line.trim().equals("// ---")) {
                inside = false;
            } else if (inside) {
                tested.append(line.startsWith("    ") ? line.substring(4) : line).append('\n');
            }
        }
        String guide = Files.readString(GUIDE);
        assertTrue(
                guide.contains("@Override\n" + tested),
                "the guide's override snippet should read:\n@Override\n" + tested);
    }
}
