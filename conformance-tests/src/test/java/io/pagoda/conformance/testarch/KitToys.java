package io.pagoda.conformance.testarch;

import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.spi.AddressLayout;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.TlbInstructions;
import io.pagoda.paging.spi.TlbMaintenance;
import io.pagoda.paging.testlib.toy.ToyArchitecture;
import io.pagoda.paging.testlib.toy.ToyFormat;
import java.util.Locale;

/**
 * The kit's own test variants, all paging-testlib's one toy under names of the kit's: {@code
 * kit-toy-39} (uniform: 3 x 512 entries, sign-extended, shared kernel root entries), {@code
 * kit-toy-unequal} (4 x 64 x 128 entries, a partial top table) and {@code kit-toy-split} (two roots
 * of different geometries, like TTBR0/TTBR1); and {@code kit-toy-39} with a {@link Defect} built
 * in, the way a third-party module could ship it.
 */
public final class KitToys {
    private KitToys() {}

    public static Architecture toy39(Defect defect) {
        // without the toy's recursive slot: toy table entries are user-accessible, so a recursive
        // window would
        // hand user mode the tables (the isolation contract), and the kernel half shares every
        // entry 256..511
        ToyArchitecture toy =
                ToyArchitecture.uniform()
                        .named("kit-toy-39")
                        .withLayout(
                                new AddressLayout(
                                        0,
                                        0x3F_FFFF_FFFFL,
                                        0xFFFF_FFC0_0000_0000L,
                                        -1L,
                                        256,
                                        511,
                                        -1,
                                        -1));
        String name = "kit-toy-39-" + defect.name().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (defect) {
            case NONE -> toy;
            case WRONG_BIT ->
                    BrokenArchitecture.withFormat(
                            toy,
                            name,
                            format ->
                                    new BrokenFormat(format) {
                                        @Override
                                        public long leafTemplate(int level, MappingFlags flags) {
                                            long raw = delegate.leafTemplate(level, flags);
                                            // the encoder sets the global bit where the writable
                                            // bit belongs
                                            return flags.rights().isWritable()
                                                    ? (raw & ~ToyFormat.WRITABLE) | ToyFormat.GLOBAL
                                                    : raw;
                                        }
                                    });
            case LOST_GUARD ->
                    BrokenArchitecture.withFormat(
                            toy,
                            name,
                            format ->
                                    new BrokenFormat(format) {
                                        @Override
                                        public EntryKind kind(int level, long raw) {
                                            // the decoder reads the guard marker as an unused entry
                                            return raw == ToyFormat.GUARD
                                                    ? EntryKind.UNUSED
                                                    : delegate.kind(level, raw);
                                        }
                                    });
            case MISSING_FLUSH ->
                    BrokenArchitecture.withInstructions(
                            toy, name, forgetsGlobalPages(toy.tlbInstructions()));
        };
    }

    public static Architecture unequal() {
        return ToyArchitecture.unequal().named("kit-toy-unequal");
    }

    public static Architecture split() {
        return ToyArchitecture.split().named("kit-toy-split");
    }

    /** INVLPG-like page invalidation that leaves global entries cached. */
    private static TlbInstructions forgetsGlobalPages(TlbInstructions real) {
        return new TlbInstructions() {
            @Override
            public void invalidatePage(TlbMaintenance tlb, long va, int tag) {
                tlb.dropPage(va, tag, false, false);
            }

            @Override
            public void invalidateContext(TlbMaintenance tlb, int tag) {
                real.invalidateContext(tlb, tag);
            }

            @Override
            public void invalidateEverything(TlbMaintenance tlb) {
                real.invalidateEverything(tlb);
            }
        };
    }
}
