package io.pagoda.paging.image;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.pagoda.paging.spi.CpuRegisters;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Register notes of QEMU dump-guest-memory cores and Pagoda's own note. The descriptors are laid
 * out here field by field from the C structs of QEMU's target/i386/arch_dump.c and
 * target/arm/arch_dump.c (QEMUCPUState, x86_64_elf_prstatus, x86_elf_prstatus,
 * aarch64_elf_prstatus), not from the reader's offsets.
 */
class CoreNotesTest {
    @TempDir Path dir;

    private static final byte[] PAGE = new byte[0x1000];

    /**
     * QEMUCPUState v1: version, size, 18 u64 (rax..r15, rip, rflags), 10 segments {u32 sel, limit,
     * flags, pad; u64 base}, cr[5].
     */
    static byte[] qemuState(long cr0, long cr3, long cr4, long csFlags, long rip) {
        ByteBuffer b = ByteBuffer.allocate(432).order(ByteOrder.LITTLE_ENDIAN);
        b.putInt(1).putInt(432);
        for (int i = 0; i < 16; i++) {
            b.putLong(0x100 + i); // rax .. r15
        }
        b.putLong(rip).putLong(0x246);
        for (int s = 0; s < 10; s++) {
            // cs first: selector 0x10; the others get distinct values
            b.putInt(s == 0 ? 0x10 : 0x18 + s)
                    .putInt(0xFFFFF)
                    .putInt(s == 0 ? (int) csFlags : 0xC09300)
                    .putInt(0)
                    .putLong(s == 8 ? 0xFFFFFE0000001000L : 0);
        }
        b.putLong(cr0).putLong(0).putLong(0xDEAD000).putLong(cr3).putLong(cr4);
        return b.array();
    }

    /**
     * x86_64_elf_prstatus: pad1[32], u32 pid, pad2[76], user_regs_struct (27 target_ulong),
     * pad3[8].
     */
    static byte[] x86_64Prstatus(int pid, long rip) {
        ByteBuffer b = ByteBuffer.allocate(32 + 4 + 76 + 27 * 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        b.position(32);
        b.putInt(pid);
        b.position(112);
        for (int i = 0; i < 16; i++) {
            b.putLong(0); // r15 .. orig_rax
        }
        b.putLong(rip).putLong(0x10).putLong(0x246);
        return b.array();
    }

    @Test
    void anX86_64CoreGivesEachVcpuItsControlRegistersAndSegments() throws IOException {
        long cr0 = 0x80050033L;
        long cr4 = 0x3606E0L;
        long csFlags = 0x00209B00L; // P, S, type 0xB, L
        Path core =
                new ElfWriter(true)
                        .note("CORE", 1, x86_64Prstatus(1, 0xFFFFFFFF81000000L))
                        .note("CORE", 1, x86_64Prstatus(2, 0xFFFFFFFF81000010L))
                        .note(
                                "QEMU",
                                0,
                                qemuState(cr0, 0x1A2B000L, cr4, csFlags, 0xFFFFFFFF81000000L))
                        .note(
                                "QEMU",
                                0,
                                qemuState(cr0, 0x3C4D000L | 5, cr4, csFlags, 0xFFFFFFFF81000010L))
                        .load(0, PAGE, PAGE.length)
                        .write(dir.resolve("x86.elf"));
        ElfCoreMemory memory = ElfCoreMemory.open(core);
        assertEquals(62, memory.machine());
        assertEquals(2, memory.cpuStates().size());
        CpuRegisters first = memory.cpuStates().get(0);
        assertEquals(62, first.machine());
        assertEquals(0, first.cpu());
        assertEquals(OptionalLong.of(cr0), first.get("cr0"));
        assertEquals(OptionalLong.of(0x1A2B000L), first.get("cr3"));
        assertEquals(OptionalLong.of(cr4), first.get("cr4"));
        assertEquals(OptionalLong.of(0xDEAD000L), first.get("cr2"));
        assertEquals(OptionalLong.of(csFlags), first.get("cs.flags"));
        assertEquals(OptionalLong.of(0x10), first.get("cs.selector"));
        assertEquals(OptionalLong.of(0xFFFFFE0000001000L), first.get("gdt.base"));
        assertEquals(OptionalLong.of(0x102), first.get("rcx"));
        assertEquals(OptionalLong.of(1), first.get("pid"));
        assertTrue(
                first.source().contains("QEMU note") && first.source().contains("NT_PRSTATUS"),
                first.source());
        assertEquals(OptionalLong.of(0x3C4D005L), memory.cpuStates().get(1).get("cr3"));
        assertEquals(OptionalLong.of(0xFFFFFFFF81000010L), memory.cpuStates().get(1).get("rip"));
        assertTrue(memory.pagodaNote().isEmpty());
    }

    @Test
    void anI386CoreReadsTheShortPrstatusAndTheSameQemuNote() throws IOException {
        // x86_elf_prstatus: pad1[24], u32 pid, pad2[44], then ebx ecx edx esi edi ebp eax, ds __ds
        // es __es fs __fs gs __gs,
        // orig_eax, eip, cs __cs, eflags, esp, ss __ss, pad3[4]
        ByteBuffer p = ByteBuffer.allocate(144).order(ByteOrder.LITTLE_ENDIAN);
        p.position(24);
        p.putInt(1);
        p.position(72);
        p.putInt(0xB).putInt(0xC).putInt(0xD).putInt(0x51).putInt(0xD1).putInt(0xBB).putInt(0xA);
        p.putShort((short) 0x7B).putShort((short) 0).putShort((short) 0x7B).putShort((short) 0);
        p.putShort((short) 0xD8).putShort((short) 0).putShort((short) 0x33).putShort((short) 0);
        p.putInt(-1)
                .putInt(0xC1000000)
                .putShort((short) 0x60)
                .putShort((short) 0)
                .putInt(0x246)
                .putInt(0xC0FFEE0)
                .putShort((short) 0x68);
        CpuRegisters alone =
                ElfCoreMemory.open(
                                new ElfWriter(false)
                                        .note("CORE", 1, p.array())
                                        .load(0, PAGE, PAGE.length)
                                        .write(dir.resolve("prstatus.elf")))
                        .cpuStates()
                        .get(0);
        assertEquals(OptionalLong.of(0xA), alone.get("rax"));
        assertEquals(OptionalLong.of(0xC1000000L), alone.get("rip"));
        assertEquals(OptionalLong.of(0xC0FFEE0L), alone.get("rsp"));
        assertEquals(OptionalLong.of(0x60), alone.get("cs.selector"));
        assertEquals(OptionalLong.of(0x68), alone.get("ss.selector"));
        assertTrue(alone.get("cr3").isEmpty());

        Path core =
                new ElfWriter(false)
                        .note("CORE", 1, p.array())
                        .note(
                                "QEMU",
                                0,
                                qemuState(0x80000011L, 0x1234000L, 0x20L, 0x00CF9B00L, 0xC1000000L))
                        .load(0, PAGE, PAGE.length)
                        .write(dir.resolve("i386.elf"));
        ElfCoreMemory memory = ElfCoreMemory.open(core);
        assertEquals(3, memory.machine());
        assertEquals(32, memory.elfClass());
        CpuRegisters cpu = memory.cpuStates().get(0);
        assertEquals(OptionalLong.of(0x1234000L), cpu.get("cr3"));
        assertEquals(OptionalLong.of(0x00CF9B00L), cpu.get("cs.flags"));
        // both notes record rax: QEMU's own state (the fuller one) is what the record keeps
        assertEquals(OptionalLong.of(0x100), cpu.get("rax"));
    }

    @Test
    void anAarch64CoreHasPcSpAndPstateButNoSystemRegisters() throws IOException {
        // aarch64_elf_prstatus: pad1[32], u32 pid, pad2[76], regs[31], sp, pc, pstate, u32
        // pr_fpvalid, pad3[4]
        ByteBuffer p = ByteBuffer.allocate(112 + 34 * 8 + 8).order(ByteOrder.LITTLE_ENDIAN);
        p.putInt(32, 1);
        p.position(112);
        for (int i = 0; i < 31; i++) {
            p.putLong(i * 3L);
        }
        p.putLong(0xFFFF800008003F00L).putLong(0xFFFF800008010000L).putLong(0x3C5);
        Path core =
                new ElfWriter(true)
                        .machine(183)
                        .note("CORE", 1, p.array())
                        .note("CORE", 2, new byte[512])
                        .load(0, PAGE, PAGE.length)
                        .write(dir.resolve("arm.elf"));
        ElfCoreMemory memory = ElfCoreMemory.open(core);
        CpuRegisters cpu = memory.cpuStates().get(0);
        assertEquals(1, memory.cpuStates().size());
        assertEquals(OptionalLong.of(0xFFFF800008010000L), cpu.get("pc"));
        assertEquals(OptionalLong.of(0x3C5), cpu.get("pstate"));
        assertEquals(OptionalLong.of(90), cpu.get("x30"));
        assertTrue(cpu.get("cr3").isEmpty() && cpu.get("ttbr0_el1").isEmpty());
    }

    @Test
    void thePagodaNoteNamesVariantRootsAndControlRegisters() throws IOException {
        byte[] text =
                "arch=aarch64-16k-47\nroot=0x40010000\nroot-upper=0x40020000\ntcr=0x35b5503510\nmair=0xff\nfuture=1\n"
                        .getBytes(StandardCharsets.UTF_8);
        Path core =
                new ElfWriter(true)
                        .machine(183)
                        .note("PAGODA", 0x50470001L, text)
                        .load(0, PAGE, PAGE.length)
                        .write(dir.resolve("pagoda.elf"));
        PagodaNote note = ElfCoreMemory.open(core).pagodaNote().orElseThrow();
        assertEquals(
                new PagodaNote(
                        "aarch64-16k-47",
                        0x40010000L,
                        OptionalLong.of(0x40020000L),
                        OptionalLong.of(0x35B5503510L),
                        OptionalLong.of(0xFF)),
                note);
        assertEquals(List.of(0x40010000L, 0x40020000L), note.candidate().roots());
        assertEquals(OptionalLong.of(0x35B5503510L), note.candidate().controlRegister());
    }

    @Test
    void aPagodaNoteWithOnlyArchAndRootIsEnough() throws IOException {
        Path core =
                new ElfWriter(true)
                        .note(
                                "PAGODA",
                                0x50470001L,
                                "arch=x86_64\nroot=0x1000".getBytes(StandardCharsets.UTF_8))
                        .load(0, PAGE, PAGE.length)
                        .write(dir.resolve("min.elf"));
        PagodaNote note = ElfCoreMemory.open(core).pagodaNote().orElseThrow();
        assertEquals(
                new PagodaNote(
                        "x86_64",
                        0x1000,
                        OptionalLong.empty(),
                        OptionalLong.empty(),
                        OptionalLong.empty()),
                note);
    }

    private void assertCorrupt(ElfWriter writer, String... parts) throws IOException {
        Path core = writer.load(0, PAGE, PAGE.length).write(dir.resolve("bad.elf"));
        CorruptImageException e =
                assertThrows(CorruptImageException.class, () -> ElfCoreMemory.open(core));
        for (String part : parts) {
            assertTrue(e.getMessage().contains(part), e.getMessage());
        }
    }

    @Test
    void malformedPagodaNotesAreCorruptImagesNamingTheOffset() throws IOException {
        // ELF64 with one PT_LOAD: header 64 + 2 program headers of 56 = 176 = 0xB0, where the notes
        // start
        assertCorrupt(
                new ElfWriter(true)
                        .note(
                                "PAGODA",
                                0x50470001L,
                                "root=0x1000\n".getBytes(StandardCharsets.UTF_8)),
                "file offset 0xB0",
                "arch=");
        assertCorrupt(
                new ElfWriter(true)
                        .note(
                                "PAGODA",
                                0x50470001L,
                                "arch=x86_64\n".getBytes(StandardCharsets.UTF_8)),
                "root=");
        assertCorrupt(
                new ElfWriter(true)
                        .note(
                                "PAGODA",
                                0x50470001L,
                                "arch=x86_64\nroot=4096\n".getBytes(StandardCharsets.UTF_8)),
                "line 2",
                "hex");
        assertCorrupt(
                new ElfWriter(true)
                        .note(
                                "PAGODA",
                                0x50470001L,
                                "arch=x86_64\nroot=0x1\njunk\n".getBytes(StandardCharsets.UTF_8)),
                "line 3",
                "key=value");
        assertCorrupt(
                new ElfWriter(true)
                        .note("PAGODA", 0x50470001L, new byte[] {'a', 'r', (byte) 0xC3, 0x28}),
                "UTF-8");
    }

    @Test
    void truncatedOrLyingNotesAreCorruptImages() throws IOException {
        assertCorrupt(
                new ElfWriter(true).note("QEMU", 0, new byte[200]), "QEMU note", "0xB0", "432");
        byte[] lyingSize = qemuState(0, 0, 0, 0, 0);
        ByteBuffer.wrap(lyingSize).order(ByteOrder.LITTLE_ENDIAN).putInt(4, 4096);
        assertCorrupt(new ElfWriter(true).note("QEMU", 0, lyingSize), "QEMU note", "size 4096");
        assertCorrupt(
                new ElfWriter(true).note("CORE", 1, new byte[100]), "NT_PRSTATUS", "100 bytes");
        // a note header promising a descriptor far past its segment
        ByteBuffer hostile = ByteBuffer.allocate(20).order(ByteOrder.LITTLE_ENDIAN);
        hostile.putInt(5)
                .putInt(0x7FFFFFF0)
                .putInt(1)
                .put("CORE\0\0\0\0".getBytes(StandardCharsets.ISO_8859_1));
        assertCorrupt(
                new ElfWriter(true).rawNotes(hostile.array()),
                "file offset 0xB0",
                "runs past the end of its PT_NOTE segment");
        ByteBuffer longName = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN);
        longName.putInt(0x10000000).putInt(0).putInt(1);
        assertCorrupt(new ElfWriter(true).rawNotes(longName.array()), "0xB0", "name");
    }
}
