package io.pagoda.paging.image;

import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.CpuRegisters;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-vCPU register notes QEMU's {@code dump-guest-memory} writes (QEMU {@code dump/dump.c} and
 * {@code target/<arch>/arch_dump.c}), turned into neutral {@link CpuRegisters}: first an {@code
 * NT_PRSTATUS} ("CORE") note per vCPU, then on x86 a "QEMU" note (type 0) per vCPU holding {@code
 * QEMUCPUState}, the only one with control registers. The k-th note of each kind belongs to the
 * k-th vCPU.
 *
 * <p>This is a file format, not a paging model: it only names the recorded fields. What they mean
 * for the tables is decided by the architecture modules ({@link
 * io.pagoda.paging.spi.ArchitectureProvider#candidatesFrom}).
 */
final class QemuCpuStates {
    static final int EM_386 = 3;
    static final int EM_X86_64 = 62;
    static final int EM_AARCH64 = 183;
    static final long NT_PRSTATUS = 1;
    static final long QEMU_NOTE_TYPE = 0;

    /**
     * QEMUCPUState version 1: version and size (u32 each), rax..r15, rip, rflags (u64), ten
     * segments (cs, ds, es, fs, gs, ss, ldt, tr, gdt, idt) of {selector, limit, flags, pad: u32;
     * base: u64}, then cr[5]. 432 bytes; later QEMUs append kernel_gs_base (440).
     */
    static final int QEMU_STATE_V1_BYTES = 432;

    private static final String[] QEMU_GPRS = {
        "rax", "rbx", "rcx", "rdx", "rsi", "rdi", "rsp", "rbp", "r8", "r9", "r10", "r11", "r12",
        "r13", "r14", "r15", "rip", "rflags"
    };
    private static final String[] QEMU_SEGMENTS = {
        "cs", "ds", "es", "fs", "gs", "ss", "ldt", "tr", "gdt", "idt"
    };
    private static final int QEMU_SEGMENTS_AT = 8 + 8 * 18;
    private static final int QEMU_CRS_AT = QEMU_SEGMENTS_AT + 24 * 10;

    /**
     * x86_64_elf_prstatus: 112 bytes of siginfo/pid/times, then user_regs_struct (27 u64), 8 bytes
     * padding.
     */
    static final int X86_64_PRSTATUS_BYTES = 336;

    private static final String[] X86_64_USER_REGS = {
        "r15",
        "r14",
        "r13",
        "r12",
        "rbp",
        "rbx",
        "r11",
        "r10",
        "r9",
        "r8",
        "rax",
        "rcx",
        "rdx",
        "rsi",
        "rdi",
        "orig_rax",
        "rip",
        "cs.selector",
        "rflags",
        "rsp",
        "ss.selector",
        "fs.base",
        "gs.base",
        "ds.selector",
        "es.selector",
        "fs.selector",
        "gs.selector"
    };

    /** x86_elf_prstatus: 72 bytes, then the i386 user_regs_struct (68 bytes), 4 bytes padding. */
    static final int X86_PRSTATUS_BYTES = 144;

    /**
     * AArch64 elf_prstatus: 112 bytes, then x0..x30, sp, pc, pstate (u64), then pr_fpvalid and
     * padding.
     */
    static final int AARCH64_PRSTATUS_BYTES = 392;

    private static final int PRSTATUS_PID_AT_64 = 32;

    private QemuCpuStates() {}

    static List<CpuRegisters> read(Path file, int machine, List<ElfNote> notes) {
        List<ElfNote> prstatus = new ArrayList<>();
        List<ElfNote> qemu = new ArrayList<>();
        for (ElfNote note : notes) {
            if (note.is("CORE", NT_PRSTATUS)) {
                prstatus.add(note);
            } else if (note.is("QEMU", QEMU_NOTE_TYPE)) {
                qemu.add(note);
            }
        }
        List<CpuRegisters> cpus = new ArrayList<>();
        int count = Math.max(prstatus.size(), qemu.size());
        for (int cpu = 0; cpu < count; cpu++) {
            Map<String, Long> registers = new LinkedHashMap<>();
            List<String> sources = new ArrayList<>();
            if (cpu < prstatus.size()) {
                if (prstatusRegisters(file, machine, prstatus.get(cpu), registers)) {
                    sources.add("NT_PRSTATUS");
                }
            }
            if (cpu < qemu.size() && isX86(machine)) {
                qemuStateRegisters(file, qemu.get(cpu), registers);
                sources.add("QEMU note");
            }
            cpus.add(
                    new CpuRegisters(
                            machine,
                            cpu,
                            sources.isEmpty()
                                    ? "no register note this reader knows"
                                    : String.join(" + ", sources),
                            registers));
        }
        return cpus;
    }

    private static boolean isX86(int machine) {
        return machine == EM_386 || machine == EM_X86_64;
    }

    /**
     * Decodes an NT_PRSTATUS of a known layout; returns false (leaving it raw) for machines or
     * sizes it does not know.
     */
    private static boolean prstatusRegisters(
            Path file, int machine, ElfNote note, Map<String, Long> into) {
        ByteBuffer b = note.buffer();
        int size = note.descriptor().length;
        if (isX86(machine) && size == X86_64_PRSTATUS_BYTES) {
            for (int i = 0; i < X86_64_USER_REGS.length; i++) {
                into.put(X86_64_USER_REGS[i], b.getLong(112 + 8 * i));
            }
            into.put("pid", Integer.toUnsignedLong(b.getInt(PRSTATUS_PID_AT_64)));
            return true;
        }
        if (isX86(machine) && size == X86_PRSTATUS_BYTES) {
            String[] dwords = {"rbx", "rcx", "rdx", "rsi", "rdi", "rbp", "rax"};
            for (int i = 0; i < dwords.length; i++) {
                into.put(dwords[i], Integer.toUnsignedLong(b.getInt(72 + 4 * i)));
            }
            into.put("ds.selector", (long) Short.toUnsignedInt(b.getShort(100)));
            into.put("es.selector", (long) Short.toUnsignedInt(b.getShort(104)));
            into.put("fs.selector", (long) Short.toUnsignedInt(b.getShort(108)));
            into.put("gs.selector", (long) Short.toUnsignedInt(b.getShort(112)));
            into.put("rip", Integer.toUnsignedLong(b.getInt(120)));
            into.put("cs.selector", (long) Short.toUnsignedInt(b.getShort(124)));
            into.put("rflags", Integer.toUnsignedLong(b.getInt(128)));
            into.put("rsp", Integer.toUnsignedLong(b.getInt(132)));
            into.put("ss.selector", (long) Short.toUnsignedInt(b.getShort(136)));
            into.put("pid", Integer.toUnsignedLong(b.getInt(24)));
            return true;
        }
        if (machine == EM_AARCH64 && size >= AARCH64_PRSTATUS_BYTES - 8) {
            for (int i = 0; i < 31; i++) {
                into.put("x" + i, b.getLong(112 + 8 * i));
            }
            into.put("sp", b.getLong(112 + 8 * 31));
            into.put("pc", b.getLong(112 + 8 * 32));
            into.put("pstate", b.getLong(112 + 8 * 33));
            into.put("pid", Integer.toUnsignedLong(b.getInt(PRSTATUS_PID_AT_64)));
            return true;
        }
        if (isX86(machine) || machine == EM_AARCH64) {
            throw new CorruptImageException(
                    file
                            + ": the NT_PRSTATUS note at file offset "
                            + Hex.of(note.fileOffset())
                            + " holds "
                            + size
                            + " bytes, not the "
                            + (isX86(machine)
                                    ? X86_64_PRSTATUS_BYTES + " or " + X86_PRSTATUS_BYTES
                                    : String.valueOf(AARCH64_PRSTATUS_BYTES))
                            + " QEMU writes for e_machine "
                            + machine
                            + "; the note is corrupt");
        }
        return false;
    }

    private static void qemuStateRegisters(Path file, ElfNote note, Map<String, Long> into) {
        ByteBuffer b = note.buffer();
        int size = note.descriptor().length;
        if (size < QEMU_STATE_V1_BYTES) {
            throw new CorruptImageException(
                    file
                            + ": the QEMU note at file offset "
                            + Hex.of(note.fileOffset())
                            + " holds "
                            + size
                            + " bytes, fewer than the "
                            + QEMU_STATE_V1_BYTES
                            + " of QEMUCPUState version 1; the note is truncated or corrupt");
        }
        long version = Integer.toUnsignedLong(b.getInt(0));
        long recorded = Integer.toUnsignedLong(b.getInt(4));
        if (version < 1 || recorded < QEMU_STATE_V1_BYTES || recorded > size) {
            throw new CorruptImageException(
                    file
                            + ": the QEMU note at file offset "
                            + Hex.of(note.fileOffset())
                            + " says version "
                            + version
                            + " and size "
                            + recorded
                            + " in a "
                            + size
                            + "-byte descriptor; QEMUCPUState is version 1 or later, at least "
                            + QEMU_STATE_V1_BYTES
                            + " bytes and no larger than its note");
        }
        for (int i = 0; i < QEMU_GPRS.length; i++) {
            into.put(QEMU_GPRS[i], b.getLong(8 + 8 * i));
        }
        for (int s = 0; s < QEMU_SEGMENTS.length; s++) {
            int at = QEMU_SEGMENTS_AT + 24 * s;
            String name = QEMU_SEGMENTS[s];
            into.put(name + ".selector", Integer.toUnsignedLong(b.getInt(at)));
            into.put(name + ".limit", Integer.toUnsignedLong(b.getInt(at + 4)));
            into.put(name + ".flags", Integer.toUnsignedLong(b.getInt(at + 8)));
            into.put(name + ".base", b.getLong(at + 16));
        }
        for (int i = 0; i < 5; i++) {
            into.put("cr" + i, b.getLong(QEMU_CRS_AT + 8 * i));
        }
        if (recorded >= QEMU_CRS_AT + 48) {
            into.put("kernel_gs_base", b.getLong(QEMU_CRS_AT + 40));
        }
    }
}
