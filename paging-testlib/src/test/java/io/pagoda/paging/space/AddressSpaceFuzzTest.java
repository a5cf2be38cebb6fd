package io.pagoda.paging.space;

import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import io.pagoda.paging.error.PagingException;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.table.LeafSizePolicy;
import io.pagoda.paging.table.Translation;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Seeded, replayable fuzz of bad {@link AddressSpace} calls (misaligned, non-canonical, zero,
 * negative and overflowing lengths, rights the format cannot express, overlapping maps, unmapping
 * what is not mapped, the machine's table windows, bad read buffers) interleaved with good ones, on
 * two spaces of one machine. Every call either succeeds or throws a {@link PagingException}, never
 * an {@link Error} or another runtime exception; a call that throws leaves both spaces' mappings,
 * the allocator's frames and every written word as they were; a call that is bad by construction
 * must throw.
 *
 * <p>{@code verify} runs {@value #DEFAULT_CASES} cases of {@value #CALLS} calls; the long CI run
 * sets {@code -Dpagoda.fuzz.cases}. A failure names its seed: replay it with {@code
 * -Dpagoda.fuzz.seed=SEED -Dpagoda.fuzz.cases=1 -Dtest=AddressSpaceFuzzTest}.
 */
class AddressSpaceFuzzTest {
    static final int DEFAULT_CASES = 16;
    static final int CALLS = 80;
    private static final long SALT = 0x13_5000L;
    private static final long PAGE = 4096;

    /** Physical memory outside the allocator's range, for mapPhysical: never a table. */
    private static final long FOREIGN = 0x80_0000_0000L >>> 4;

    private static int cases() {
        return Integer.getInteger("pagoda.fuzz.cases", DEFAULT_CASES);
    }

    private static long firstSeed() {
        Long given = Long.getLong("pagoda.fuzz.seed");
        return given != null ? given : SALT;
    }

    @Test
    void badCallsAreTypedAndChangeNothing() {
        long first = firstSeed();
        for (int i = 0; i < cases(); i++) {
            new Case(first + i).run();
        }
    }

    /** One call: what it does, whether it is bad by construction, and the call itself. */
    private record Call(String description, boolean mustFail, Action action) {}

    private interface Action {
        void run();
    }

    private static final class Case {
        private final long seed;
        private final Random random;
        private final Architecture architecture;
        private final SparseMemory memory = new SparseMemory(ToyArchitecture.PHYSICAL_BITS);
        private final BitmapFrameAllocator allocator =
                new BitmapFrameAllocator(0x100_0000L, 512, PAGE);
        private final AddressSpace[] spaces = new AddressSpace[2];

        /** Pages written through each space, to check their words survive a failed call. */
        private final List<Set<Long>> written =
                List.of(new LinkedHashSet<>(), new LinkedHashSet<>());

        private final long userBase;
        private final long kernelBase;
        private final long[] nonCanonical;
        private final List<String> log = new ArrayList<>();

        Case(long seed) {
            this.seed = seed;
            this.random = new Random(seed);
            Architecture[] shapes = {
                ToyArchitecture.uniform(), ToyArchitecture.fourLevel(), ToyArchitecture.unequal()
            };
            this.architecture = shapes[random.nextInt(shapes.length)];
            spaces[0] = AddressSpace.create(architecture, memory, allocator);
            spaces[1] = AddressSpace.create(spaces[0].mmu());
            this.userBase = 0x10_0000L;
            this.kernelBase = architecture.layout().kernelFirst() + 0x20_0000L;
            this.nonCanonical =
                    Arrays.stream(
                                    new long[] {
                                        1L << 62,
                                        0x8000_0000_0000L,
                                        1L << 40,
                                        0x4000_0000_0000_0000L,
                                        0x800_0000L,
                                        0x7FFF_FFFF_FFFF_F000L
                                    })
                            .filter(va -> architecture.rootIndexFor(va).isEmpty())
                            .toArray();
        }

        void run() {
            for (int n = 0; n < CALLS; n++) {
                Call call = random.nextInt(3) == 0 ? goodCall() : badCall();
                check(call);
            }
        }

        private String replay() {
            return "seed "
                    + seed
                    + " on "
                    + architecture.name()
                    + " (replay: -Dpagoda.fuzz.seed="
                    + seed
                    + " -Dpagoda.fuzz.cases=1 -Dtest="
                    + AddressSpaceFuzzTest.class.getSimpleName()
                    + ")\ncalls so far:\n  "
                    + String.join("\n  ", log.subList(Math.max(0, log.size() - 12), log.size()))
                    + "\n";
        }

        /**
         * The state after the last call when that call failed (so nothing changed since), else
         * null.
         */
        private Snapshot current;

        private void check(Call call) {
            Snapshot before = current != null ? current : snapshot();
            current = null;
            log.add(call.description);
            try {
                call.action.run();
            } catch (PagingException e) {
                Snapshot after = snapshot();
                if (!before.equals(after)) {
                    throw new AssertionError(
                            replay()
                                    + "the failed call changed state: "
                                    + e.getMessage()
                                    + "\nbefore: "
                                    + before
                                    + "\nafter:  "
                                    + after,
                            e);
                }
                current = after;
                log.set(log.size() - 1, call.description + " -> " + e.getClass().getSimpleName());
                return;
            } catch (Throwable t) {
                throw new AssertionError(
                        replay() + "threw " + t + " instead of a PagingException", t);
            }
            if (call.mustFail) {
                throw new AssertionError(replay() + "a bad call succeeded");
            }
        }

        // ------------------------------------------------------------------ state

        /**
         * The kernel part is compared as the set of ranges any space lists: a space switched to
         * copies the shared top-level entries, so a failed call that activates a space may make it
         * list kernel ranges it did not list before, which is no change of the machine.
         */
        private record Snapshot(
                List<List<MappingRange>> mappings,
                Set<MappingRange> kernel,
                long[] allocated,
                List<Long> words) {
            @Override
            public boolean equals(Object o) {
                return o instanceof Snapshot s
                        && mappings.equals(s.mappings)
                        && kernel.equals(s.kernel)
                        && Arrays.equals(allocated, s.allocated)
                        && words.equals(s.words);
            }

            @Override
            public int hashCode() {
                return Objects.hash(mappings, kernel, Arrays.hashCode(allocated), words);
            }

            @Override
            public String toString() {
                return mappings
                        + ", kernel "
                        + kernel
                        + ", "
                        + allocated.length
                        + " frames allocated, words "
                        + words;
            }
        }

        /**
         * Mappings of both spaces, the allocated frames, and the first word of every written page
         * still mapped.
         */
        private Snapshot snapshot() {
            List<List<MappingRange>> mappings = new ArrayList<>();
            List<Long> words = new ArrayList<>();
            Set<MappingRange> kernel = new HashSet<>();
            for (int s = 0; s < spaces.length; s++) {
                List<MappingRange> user = new ArrayList<>();
                for (MappingRange range : spaces[s].mappings()) {
                    (Long.compareUnsigned(
                                                    range.virtualAddress(),
                                                    architecture.layout().kernelFirst())
                                            >= 0
                                    ? kernel
                                    : user)
                            .add(range);
                }
                mappings.add(user);
                for (long va : written.get(s)) {
                    Translation t = spaces[s].translate(va);
                    words.add(
                            t.state() == PageState.PRESENT
                                    ? memory.readLong(t.physicalAddress())
                                    : null);
                }
            }
            return new Snapshot(mappings, kernel, allocator.allocatedFrames(), words);
        }

        // ------------------------------------------------------------------ generators

        private int pick() {
            return random.nextInt(spaces.length);
        }

        private long userPage() {
            return userBase + random.nextInt(48) * PAGE;
        }

        private long goodVa() {
            return random.nextInt(5) == 0 ? kernelBase + random.nextInt(8) * PAGE : userPage();
        }

        private long goodLength() {
            return (1 + random.nextInt(4)) * PAGE;
        }

        private MappingFlags goodFlags(long va) {
            boolean kernel = Long.compareUnsigned(va, architecture.layout().kernelFirst()) >= 0;
            MappingAccessRights rights =
                    kernel
                            ? MappingAccessRights.KERNEL_RW
                            : random.nextBoolean()
                                    ? MappingAccessRights.USER_RW
                                    : MappingAccessRights.ofBits(
                                            MappingAccessRights.READABLE_BIT
                                                    | MappingAccessRights.USER_ACCESSIBLE_BIT);
            return MappingFlags.of(rights);
        }

        private Call goodCall() {
            int s = pick();
            AddressSpace space = spaces[s];
            long va = goodVa();
            long length = goodLength();
            MappingFlags flags = goodFlags(va);
            String on = "space " + s + ": ";
            return switch (random.nextInt(9)) {
                case 0, 1 ->
                        new Call(
                                on + "map " + hex(va) + " + " + hex(length),
                                false,
                                () -> space.map(va, length, flags));
                case 2 -> {
                    long value = random.nextLong();
                    yield new Call(
                            on + "writeLong " + hex(va),
                            false,
                            () -> {
                                space.writeLong(va, value);
                                written.get(s).add(va);
                            });
                }
                case 3 ->
                        new Call(
                                on + "unmap " + hex(va) + " + " + hex(length),
                                false,
                                () -> space.unmap(va, length));
                case 4 ->
                        new Call(
                                on + "protect " + hex(va) + " + " + hex(length),
                                false,
                                () -> space.protect(va, length, flags));
                case 5 ->
                        new Call(
                                on + "guard " + hex(va) + " + " + hex(length),
                                false,
                                () -> space.guard(va, length));
                case 6 -> {
                    long pa = FOREIGN + random.nextInt(64) * PAGE;
                    yield new Call(
                            on + "mapPhysical " + hex(va) + " -> " + hex(pa) + " + " + hex(length),
                            false,
                            () ->
                                    space.mapPhysical(
                                            va, pa, length, flags, LeafSizePolicy.PAGES_ONLY));
                }
                case 7 ->
                        new Call(
                                on + "read " + hex(va) + " + " + hex(length),
                                false,
                                () -> space.read(va, (int) length));
                default -> new Call(on + "activate", false, space::activate);
            };
        }

        private Call badCall() {
            int s = pick();
            AddressSpace space = spaces[s];
            String on = "space " + s + ": ";
            long va = goodVa();
            MappingFlags flags = goodFlags(va);
            int verb = random.nextInt(5);
            return switch (random.nextInt(12)) {
                case 0 -> {
                    long bad = va + 1 + random.nextInt((int) PAGE - 1);
                    yield range(
                            on, verb, space, bad, goodLength(), flags, "misaligned address", true);
                }
                case 1 ->
                        nonCanonical.length == 0
                                ? range(on, verb, space, va, 0, flags, "zero length", true)
                                : range(
                                        on,
                                        verb,
                                        space,
                                        nonCanonical[random.nextInt(nonCanonical.length)],
                                        goodLength(),
                                        flags,
                                        "non-canonical address",
                                        true);
                case 2 -> range(on, verb, space, va, 0, flags, "zero length", true);
                case 3 ->
                        range(
                                on,
                                verb,
                                space,
                                va,
                                random.nextBoolean() ? -PAGE : Long.MIN_VALUE,
                                flags,
                                "negative length",
                                true);
                case 4 ->
                        range(
                                on,
                                verb,
                                space,
                                va,
                                goodLength() + 1 + random.nextInt((int) PAGE - 1),
                                flags,
                                "misaligned length",
                                true);
                case 5 -> {
                    long[] lengths = {
                        1L << 40, 1L << 62, Long.MAX_VALUE & -PAGE, -va, (1L << 31) * PAGE
                    };
                    long length = lengths[random.nextInt(lengths.length)];
                    // a free range that fits may be guarded or unmapped; map, protect and
                    // mapPhysical always refuse
                    yield range(
                            on,
                            verb,
                            space,
                            va,
                            length,
                            flags,
                            "overflowing length",
                            verb == 0 || verb == 1 || verb == 4);
                }
                case 6 -> {
                    long[][] windows = space.mmu().reservedRanges();
                    if (windows.length == 0) {
                        yield range(on, verb, space, va, 0, flags, "zero length", true);
                    }
                    long[] window = windows[random.nextInt(windows.length)];
                    yield range(
                            on, verb, space, window[0], PAGE, flags, "the machine's window", true);
                }
                case 7 -> {
                    int[] bits = {
                        0,
                        MappingAccessRights.WRITABLE_BIT,
                        MappingAccessRights.EXECUTABLE_BIT,
                        MappingAccessRights.WRITABLE_BIT | MappingAccessRights.USER_ACCESSIBLE_BIT,
                        MappingAccessRights.USER_ACCESSIBLE_BIT
                    };
                    MappingFlags rights =
                            MappingFlags.of(
                                    MappingAccessRights.ofBits(bits[random.nextInt(bits.length)]));
                    long length = goodLength();
                    yield random.nextBoolean()
                            ? new Call(
                                    on
                                            + "map "
                                            + hex(va)
                                            + " with inexpressible "
                                            + rights.rights(),
                                    true,
                                    () -> space.map(va, length, rights))
                            : new Call(
                                    on
                                            + "protect "
                                            + hex(va)
                                            + " to inexpressible "
                                            + rights.rights(),
                                    true,
                                    () -> space.protect(va, length, rights));
                }
                case 8 -> {
                    // overlapping: map twice, the second always over the first
                    long length = goodLength();
                    yield new Call(
                            on + "map twice " + hex(va) + " + " + hex(length),
                            false,
                            () -> {
                                try {
                                    space.map(va, length, flags);
                                } catch (PagingException first) {
                                    // already mapped or out of frames: the second map below still
                                    // must refuse
                                }
                                long target = va + PAGE * random.nextInt((int) (length / PAGE));
                                if (space.translate(target).state() == PageState.AVAILABLE) {
                                    return;
                                }
                                Snapshot between = snapshot();
                                try {
                                    space.map(target, PAGE, flags);
                                } catch (PagingException expected) {
                                    if (!between.equals(snapshot())) {
                                        throw new AssertionError(
                                                "the refused overlapping map changed state");
                                    }
                                    return;
                                }
                                throw new AssertionError("an overlapping map succeeded");
                            });
                }
                case 9 -> {
                    long far = userBase + (64 + random.nextInt(16)) * PAGE;
                    yield new Call(
                            on + "unmap unmapped " + hex(far), false, () -> space.unmap(far, PAGE));
                }
                case 10 -> {
                    int length =
                            random.nextBoolean() ? -1 - random.nextInt(1 << 20) : Integer.MIN_VALUE;
                    yield new Call(
                            on + "read " + hex(va) + " length " + length,
                            true,
                            () -> space.read(va, length));
                }
                default -> {
                    byte[] buffer = new byte[16];
                    int offset =
                            random.nextBoolean() ? -1 - random.nextInt(8) : 8 + random.nextInt(8);
                    int length = 9 + random.nextInt(8);
                    yield random.nextBoolean()
                            ? new Call(
                                    on + "read into buffer at " + offset + " + " + length,
                                    true,
                                    () -> space.read(va, buffer, offset, length))
                            : new Call(
                                    on + "write from buffer at " + offset + " + " + length,
                                    true,
                                    () -> space.write(va, buffer, offset, length));
                }
            };
        }

        /** One of map, unmap, protect, guard or mapPhysical over {@code [va, va + length)}. */
        private Call range(
                String on,
                int verb,
                AddressSpace space,
                long va,
                long length,
                MappingFlags flags,
                String why,
                boolean mustFail) {
            String what = hex(va) + " + " + hex(length) + " (" + why + ")";
            return switch (verb) {
                case 0 ->
                        new Call(on + "map " + what, mustFail, () -> space.map(va, length, flags));
                case 1 ->
                        new Call(
                                on + "protect " + what,
                                mustFail,
                                () -> space.protect(va, length, flags));
                case 2 -> new Call(on + "guard " + what, mustFail, () -> space.guard(va, length));
                case 3 -> new Call(on + "unmap " + what, mustFail, () -> space.unmap(va, length));
                default ->
                        new Call(
                                on + "mapPhysical " + what,
                                mustFail,
                                () ->
                                        space.mapPhysical(
                                                va,
                                                FOREIGN,
                                                length,
                                                flags,
                                                LeafSizePolicy.PAGES_ONLY));
            };
        }

        private static String hex(long value) {
            return "0x" + Long.toHexString(value);
        }
    }

    @Test
    void theFuzzIsReplayable() {
        // the same seed gives the same calls: a failure's seed is enough to see it again
        Case a = new Case(SALT);
        Case b = new Case(SALT);
        a.run();
        b.run();
        assertTrue(a.log.equals(b.log), "two runs of one seed made different calls");
    }
}
