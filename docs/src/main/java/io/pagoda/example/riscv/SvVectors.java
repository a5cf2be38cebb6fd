package io.pagoda.example.riscv;

import io.pagoda.paging.MemoryType;
import io.pagoda.paging.spi.FaultType;
import io.pagoda.paging.spi.HardwareVector;
import java.util.List;
import java.util.Map;

/**
 * Translations worked out by hand from the privileged spec's Sv39/Sv48 layout (never from {@link
 * SvFormat}): a PTE is {@code PPN << 10 | flags} with V=0x01 R=0x02 W=0x04 X=0x08 U=0x10 G=0x20
 * A=0x40 D=0x80; satp is {@code MODE << 60 | ASID << 44 | root PPN}. The kit walks each with the
 * hardware-like page walker, and checks what the vectors say a leaf means (user rights; supervisor
 * rights with sstatus.SUM = 1, MXR = 0; every page write-back, as the PTE has no cache bits) on the
 * walker and the simulated CPU.
 */
final class SvVectors {
    /** satp: MODE 8 (Sv39), ASID 0, root table at 0x8020_0000 (PPN 0x80200). */
    static final long SV39_SATP = 0x8000_0000_0008_0200L;

    /** The same root under ASID 5. */
    static final long SV39_SATP_ASID5 = 0x8000_5000_0008_0200L;

    /** satp: MODE 9 (Sv48), ASID 0, root table at 0x8030_0000 (PPN 0x80300). */
    static final long SV48_SATP = 0x9000_0000_0008_0300L;

    private SvVectors() {}

    static List<HardwareVector> sv39() {
        // VA 0x4020_3ABC: VPN[2]=1, VPN[1]=1, VPN[0]=3, offset 0xABC.
        // root[1]  @0x8020_0008 = PPN 0x80201 (table 0x8020_1000) | V       = 0x2008_0401
        // L1[1]    @0x8020_1008 = PPN 0x80202 (table 0x8020_2000) | V       = 0x2008_0801
        // L0[3]    @0x8020_2018 = PPN 0x87654 (page 0x8765_4000)  | DAWRV   = 0x21D9_50C7
        Map<Long, Long> page =
                Map.of(
                        0x8020_0008L,
                        0x2008_0401L,
                        0x8020_1008L,
                        0x2008_0801L,
                        0x8020_2018L,
                        0x21D9_50C7L);
        // VA 0x4060_0123: VPN[2]=1, VPN[1]=3; L1[3] @0x8020_1018 = megapage PPN 0x90000 | A X R V =
        // 0x2400_004B
        Map<Long, Long> mega = Map.of(0x8020_0008L, 0x2008_0401L, 0x8020_1018L, 0x2400_004BL);
        // VA 0xC123_4567: VPN[2]=3; root[3] @0x8020_0018 = gigapage PPN 0x140000 (0x1_4000_0000) |
        // DAWRV = 0x5000_00C7
        Map<Long, Long> giga = Map.of(0x8020_0018L, 0x5000_00C7L);
        // the same gigapage with PPN 0x140001: not 1 GiB aligned, a misaligned superpage faults
        Map<Long, Long> misaligned = Map.of(0x8020_0018L, 0x5000_04C7L);
        // L0[3] with W but not R (DA W V = 0xC5): a reserved combination
        Map<Long, Long> writeOnly =
                Map.of(
                        0x8020_0008L,
                        0x2008_0401L,
                        0x8020_1008L,
                        0x2008_0801L,
                        0x8020_2018L,
                        0x21D9_50C5L);
        // L0[3] with reserved bit 60 set
        Map<Long, Long> reserved =
                Map.of(
                        0x8020_0008L,
                        0x2008_0401L,
                        0x8020_1008L,
                        0x2008_0801L,
                        0x8020_2018L,
                        0x1000_0000_21D9_50C7L);
        // VA 0xFFFF_FFC0_0000_5010: VPN[2]=256; root[256] @0x8020_0800 = gigapage PPN 0x80000 |
        // DAGWRV = 0x2000_00E7
        Map<Long, Long> kernel = Map.of(0x8020_0800L, 0x2000_00E7L);
        // root[1] a pointer with U set: D, A, U are reserved on non-leaf PTEs
        Map<Long, Long> pointerWithU =
                Map.of(
                        0x8020_0008L,
                        0x2008_0411L,
                        0x8020_1008L,
                        0x2008_0801L,
                        0x8020_2018L,
                        0x21D9_50C7L);
        // root[2] the guard marker (V clear, RSW bit 8): not present to the hardware
        Map<Long, Long> guard = Map.of(0x8020_0010L, 0x100L);
        return List.of(
                HardwareVector.translates(
                                "sv39 4 KiB page",
                                0,
                                SV39_SATP,
                                page,
                                8,
                                0x4020_3ABCL,
                                0x8765_4ABCL)
                        .meaning(
                                0x1000,
                                2,
                                "---",
                                "rw-",
                                MemoryType.WRITE_BACK,
                                false), // D A W R V, no U
                HardwareVector.translates(
                        "sv39 4 KiB page, ASID 5",
                        0,
                        SV39_SATP_ASID5,
                        page,
                        8,
                        0x4020_3ABCL,
                        0x8765_4ABCL),
                HardwareVector.translates(
                                "sv39 2 MiB megapage",
                                0,
                                SV39_SATP,
                                mega,
                                8,
                                0x4060_0123L,
                                0x9000_0123L)
                        .meaning(
                                0x20_0000,
                                1,
                                "---",
                                "r-x",
                                MemoryType.WRITE_BACK,
                                false), // A X R V
                HardwareVector.translates(
                        "sv39 1 GiB gigapage", 0, SV39_SATP, giga, 8, 0xC123_4567L, 0x1_4123_4567L),
                HardwareVector.translates(
                                "sv39 kernel gigapage",
                                0,
                                SV39_SATP,
                                kernel,
                                8,
                                0xFFFF_FFC0_0000_5010L,
                                0x8000_5010L)
                        .meaning(
                                0x4000_0000,
                                0,
                                "---",
                                "rw-",
                                MemoryType.WRITE_BACK,
                                true), // D A G W R V
                HardwareVector.faults(
                        "sv39 misaligned gigapage",
                        0,
                        SV39_SATP,
                        misaligned,
                        8,
                        0xC123_4567L,
                        FaultType.RESERVED_BIT),
                HardwareVector.faults(
                        "sv39 W without R",
                        0,
                        SV39_SATP,
                        writeOnly,
                        8,
                        0x4020_3ABCL,
                        FaultType.RESERVED_BIT),
                HardwareVector.faults(
                        "sv39 reserved bit 60",
                        0,
                        SV39_SATP,
                        reserved,
                        8,
                        0x4020_3ABCL,
                        FaultType.RESERVED_BIT),
                HardwareVector.faults(
                        "sv39 U on a pointer",
                        0,
                        SV39_SATP,
                        pointerWithU,
                        8,
                        0x4020_3ABCL,
                        FaultType.RESERVED_BIT),
                HardwareVector.faults(
                        "sv39 guard marker", 0, SV39_SATP, guard, 8, 0x8000_0000L, FaultType.GUARD),
                HardwareVector.faults(
                        "sv39 not present",
                        0,
                        SV39_SATP,
                        Map.of(),
                        8,
                        0x1000L,
                        FaultType.NOT_PRESENT),
                HardwareVector.faults(
                        "sv39 non-canonical",
                        0,
                        SV39_SATP,
                        Map.of(),
                        8,
                        0x40_0000_0000L,
                        FaultType.NON_CANONICAL));
    }

    static List<HardwareVector> sv48() {
        // VA 0x80_4020_3ABC: VPN[3]=1, VPN[2]=1, VPN[1]=1, VPN[0]=3, offset 0xABC.
        // root[1] @0x8030_0008 = PPN 0x80301 | V = 0x200C_0401; L2[1] @0x8030_1008 = PPN 0x80302 |
        // V = 0x200C_0801
        // L1[1]   @0x8030_2008 = PPN 0x80303 | V = 0x200C_0C01; L0[3] @0x8030_3018 = PPN 0x87654 |
        // DAWRV = 0x21D9_50C7
        Map<Long, Long> page =
                Map.of(
                        0x8030_0008L,
                        0x200C_0401L,
                        0x8030_1008L,
                        0x200C_0801L,
                        0x8030_2008L,
                        0x200C_0C01L,
                        0x8030_3018L,
                        0x21D9_50C7L);
        // VA 0x100_0000_1234: VPN[3]=2; root[2] @0x8030_0010 = 512 GiB page PPN 0x800_0000
        // (0x80_0000_0000) | DAXWRV = 0x20_0000_00CF
        Map<Long, Long> tera = Map.of(0x8030_0010L, 0x20_0000_00CFL);
        // VA 0x80_C123_4567: VPN[3]=1, VPN[2]=3; L2[3] @0x8030_1018 = gigapage PPN 0x140000 | U
        // DAWRV = 0x5000_00D7
        Map<Long, Long> giga = Map.of(0x8030_0008L, 0x200C_0401L, 0x8030_1018L, 0x5000_00D7L);
        return List.of(
                HardwareVector.translates(
                        "sv48 4 KiB page", 0, SV48_SATP, page, 8, 0x80_4020_3ABCL, 0x8765_4ABCL),
                HardwareVector.translates(
                                "sv48 512 GiB page",
                                0,
                                SV48_SATP,
                                tera,
                                8,
                                0x100_0000_1234L,
                                0x80_0000_1234L)
                        .meaning(
                                0x80_0000_0000L,
                                0,
                                "---",
                                "rwx",
                                MemoryType.WRITE_BACK,
                                false), // D A X W R V
                HardwareVector.translates(
                                "sv48 1 GiB user gigapage",
                                0,
                                SV48_SATP,
                                giga,
                                8,
                                0x80_C123_4567L,
                                0x1_4123_4567L)
                        .meaning(
                                0x4000_0000,
                                1,
                                "rw-",
                                "rw-",
                                MemoryType.WRITE_BACK,
                                false), // U D A W R V
                HardwareVector.faults(
                        "sv48 not present",
                        0,
                        SV48_SATP,
                        Map.of(),
                        8,
                        0x80_4020_3ABCL,
                        FaultType.NOT_PRESENT),
                HardwareVector.faults(
                        "sv48 non-canonical",
                        0,
                        SV48_SATP,
                        Map.of(),
                        8,
                        0x8000_0000_0000L,
                        FaultType.NON_CANONICAL));
    }
}
