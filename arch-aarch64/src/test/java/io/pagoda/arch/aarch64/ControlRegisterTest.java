package io.pagoda.arch.aarch64;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.memory.BitmapFrameAllocator;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.TranslationRoot;
import io.pagoda.paging.table.FrameSource;
import io.pagoda.paging.table.NoFlush;
import io.pagoda.paging.table.TableHierarchy;
import io.pagoda.paging.table.access.PhysicalTableAccess;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Aarch64Provider.configure with TCR_EL1 (through Variants.withTcr): T0SZ, TG0, T1SZ, TG1, IPS. */
class ControlRegisterTest {
    private static final long TG0_4K = 0b00L << 14;
    private static final long TG0_64K = 0b01L << 14;
    private static final long TG0_16K = 0b10L << 14;
    private static final long TG1_16K = 0b01L << 30;
    private static final long TG1_4K = 0b10L << 30;
    private static final long TG1_64K = 0b11L << 30;

    private static long tcr(int t0sz, long tg0, int t1sz, long tg1, int ips) {
        return t0sz | tg0 | ((long) t1sz << 16) | tg1 | ((long) ips << 32);
    }

    @Test
    void linuxStyleTcrGivesTheDefaultVariant() {
        // T0SZ = T1SZ = 16, 4K both, IPS = 5 (48-bit), TBI0, plus bits this module ignores
        // (IRGN/ORGN/SH, AS)
        long value =
                tcr(16, TG0_4K, 16, TG1_4K, 5)
                        | (1L << 36)
                        | (1L << 37)
                        | (0x3FL << 8)
                        | (0x3FL << 24);
        Architecture arch = Variants.withTcr(Variants.get("aarch64"), value);
        assertEquals(
                "aarch64-4k-48-tbi0",
                arch.name(),
                "the default geometry, with user addresses' top byte ignored");
        assertEquals(48, arch.physicalAddressBits());
        for (HardwareVector vector : Variants.get("aarch64").hardwareVectors()) {
            HardwareVectorCheck.assertAgrees(arch, vector, vector.id());
        }
    }

    @ParameterizedTest
    @MethodSource("io.pagoda.arch.aarch64.Variants#names")
    void everyVariantsOwnControlRegisterRebuildsIt(String name) {
        Aarch64Architecture arch = Variants.get(name);
        Aarch64Architecture rebuilt =
                (Aarch64Architecture) Variants.withTcr(arch, arch.controlRegister());
        assertEquals(arch.setup(), rebuilt.setup());
        assertEquals(arch.setup().name(), rebuilt.name());
        assertEquals(arch.hardwareVectors(), rebuilt.hardwareVectors());
        assertEquals(
                arch.setup(), TranslationControl.decode(TranslationControl.encode(arch.setup())));
    }

    @Test
    void theHalvesMayDifferInGranuleAndSize() {
        // TTBR0: 4K, 39-bit (T0SZ 25); TTBR1: 64K, 42-bit (T1SZ 22); IPS 2 = 40-bit PA
        Aarch64Architecture arch =
                (Aarch64Architecture)
                        Variants.withTcr(Variants.get("aarch64"), tcr(25, TG0_4K, 22, TG1_64K, 2));
        assertEquals("aarch64-ttbr0-4k-39-ttbr1-64k-42-pa40", arch.name());
        assertEquals(40, arch.physicalAddressBits());
        TranslationRoot lower = arch.roots().get(0);
        TranslationRoot upper = arch.roots().get(1);
        assertEquals(3, lower.geometry().levelCount());
        assertEquals("L1", lower.geometry().level(0).name());
        assertEquals(512, lower.geometry().entryCount(0));
        assertEquals(4096, lower.geometry().pageSize());
        assertEquals(2, upper.geometry().levelCount());
        assertEquals("L2", upper.geometry().level(0).name());
        assertEquals(8192, upper.geometry().entryCount(0));
        assertEquals(65536, upper.geometry().pageSize());
        assertEquals(0x0000007FFFFFFFFFL, arch.layout().userLast());
        assertEquals(0xFFFFFC0000000000L, arch.layout().kernelFirst());
        assertEquals(OptionalInt.empty(), arch.rootIndexFor(0x0000008000000000L));
        assertEquals(OptionalInt.of(1), arch.rootIndexFor(0xFFFFFC0000000000L));
        assertEquals(OptionalInt.empty(), arch.rootIndexFor(0xFFFFFBFFFFFFFFFFL));
        // A4 was written for a 4K/39 TTBR0 and its addresses fit 40 bits
        assertTrue(arch.hardwareVectors().stream().anyMatch(v -> v.id().equals("A4")));
        for (HardwareVector vector : arch.hardwareVectors()) {
            HardwareVectorCheck.assertAgrees(arch, vector, vector.id());
        }

        // each half maps with its own granule, and one walker reads both
        SparseMemory memory = new SparseMemory(40);
        long[] registers = new long[2];
        long[] vas = {0x0000001234567000L, 0xFFFFFC1234560000L};
        long[] pas = {0x00ABC000L, 0x00DE0000L};
        for (int i = 0; i < 2; i++) {
            TranslationRoot root = arch.roots().get(i);
            BitmapFrameAllocator allocator =
                    new BitmapFrameAllocator(0x10000000L * (i + 1), 32, root.geometry().pageSize());
            PhysicalTableAccess access = new PhysicalTableAccess(memory, root.geometry());
            long table = TableHierarchy.allocateRoot(root, access, allocator);
            new TableHierarchy(root, 40, table, access, allocator, NoFlush.INSTANCE)
                    .map(
                            vas[i],
                            root.geometry().pageSize(),
                            FrameSource.pages(new long[] {pas[i]}, root.geometry().pageSize()),
                            MappingFlags.of(MappingAccessRights.KERNEL_RW));
            registers[i] = root.registerValue(table, 5);
        }
        PageWalker walker = new PageWalker(arch, memory);
        WalkResult low = walker.walk(vas[0] + 0x123, registers);
        WalkResult high = walker.walk(vas[1] + 0xFEDC, registers);
        assertEquals(pas[0] + 0x123, low.physicalAddress(), low.toString());
        assertEquals(pas[1] + 0xFEDC, high.physicalAddress(), high.toString());
        assertEquals(4096, low.size());
        assertEquals(65536, high.size());
    }

    @Test
    void ips6WithThe64kGranuleIsFeatLpa() {
        Aarch64Architecture arch =
                (Aarch64Architecture)
                        Variants.withTcr(Variants.get("aarch64"), tcr(16, TG0_64K, 16, TG1_64K, 6));
        assertEquals("aarch64-64k-48-lpa", arch.name());
        assertEquals(52, arch.physicalAddressBits());
        assertEquals(Variants.get("aarch64-64k-48-lpa").setup(), arch.setup());
    }

    @Test
    void sixteenKilobyteHalvesDecode() {
        Aarch64Architecture arch =
                (Aarch64Architecture)
                        Variants.withTcr(Variants.get("aarch64"), tcr(17, TG0_16K, 16, TG1_16K, 5));
        assertEquals(new TranslationHalf(Granule.SIXTEEN_KIB, 47), arch.setup().lower());
        assertEquals(new TranslationHalf(Granule.SIXTEEN_KIB, 48), arch.setup().upper());
        assertEquals(2, arch.roots().get(1).geometry().entryCount(0));
    }

    @Test
    void reservedOrUnmodelledSettingsAreRefusedWithTheReason() {
        Architecture base = Variants.get("aarch64");
        assertMessage(
                () -> Variants.withTcr(base, tcr(16, 0b11L << 14, 16, TG1_4K, 5)),
                "TG0 = 0b11 is reserved");
        assertMessage(
                () -> Variants.withTcr(base, tcr(16, TG0_4K, 16, 0, 5)), "TG1 = 0b00 is reserved");
        assertMessage(
                () -> Variants.withTcr(base, tcr(12, TG0_4K, 16, TG1_4K, 5)),
                "needs DS=1 (FEAT_LPA2)");
        assertMessage(
                () -> Variants.withTcr(base, tcr(11, TG0_4K, 16, TG1_4K, 5) | (1L << 59)),
                "TnSZ 12..39");
        assertMessage(
                () -> Variants.withTcr(base, tcr(16, TG0_4K, 40, TG1_4K, 5)),
                "outside 25..52 bits");
        assertMessage(
                () -> Variants.withTcr(base, tcr(16, TG0_4K, 16, TG1_4K, 7)),
                "IPS = 7 is reserved");
        assertMessage(() -> Variants.withTcr(base, tcr(16, TG0_4K, 16, TG1_4K, 6)), "FEAT_LPA2");
        // DS applies to 4K and 16K only: with 64K halves a 52-bit PA is FEAT_LPA, DS or not
        assertEquals(
                "aarch64-64k-48-lpa",
                Variants.withTcr(base, tcr(16, TG0_64K, 16, TG1_64K, 6) | (1L << 59)).name());
    }

    private static void assertMessage(
            org.junit.jupiter.api.function.Executable call, String fragment) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, call);
        assertTrue(e.getMessage().contains(fragment), e.getMessage());
    }
}
