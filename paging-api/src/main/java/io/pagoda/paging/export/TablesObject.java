package io.pagoda.paging.export;

import io.pagoda.paging.Hex;
import io.pagoda.paging.spi.ElfIdentity;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The tables as an ELF relocatable object for the variant's machine ({@code e_machine}, ELF class
 * from {@link ElfIdentity}): their bytes in a section of their own, {@value #SECTION}, aligned to
 * the page size, with global symbols {@code pagoda_tables} (its start), {@code pagoda_root} and,
 * with two roots, {@code pagoda_root_upper} (the root tables), and absolute symbols {@code
 * pagoda_tables_base}, {@code pagoda_tables_size} and one per register value ({@code pagoda_cr3},
 * {@code pagoda_ttbr0_el1} ... lower case; {@code _lo}/{@code _hi} halves of each too, and in ELF32
 * only the halves of a value wider than 32 bits).
 *
 * <p>The entries hold physical addresses of the tables below them, so the section must end up at
 * {@code pagoda_tables_base} in physical memory: link it there (GNU ld {@code
 * --section-start=.pagoda.tables=BASE}, or {@code . = BASE;} in a linker script) or copy it there
 * before loading the root register. No relocations are needed or written.
 */
final class TablesObject {
    static final String SECTION = ".pagoda.tables";
    private static final int ET_REL = 1;
    private static final int SHT_PROGBITS = 1;
    private static final int SHT_SYMTAB = 2;
    private static final int SHT_STRTAB = 3;
    private static final int SHF_WRITE_ALLOC = 3;
    private static final int SHN_ABS = 0xFFF1;
    private static final int STB_GLOBAL = 1;
    private static final int STT_NOTYPE = 0;
    private static final int STT_OBJECT = 1;
    private static final int STT_SECTION = 3;

    private record Symbol(String name, long value, long size, int type, int section) {}

    private TablesObject() {}

    static byte[] bytes(BootTables tables) {
        ElfIdentity elf = tables.architecture().elfIdentity();
        boolean is64 = elf.objectClass() == 64;
        long base = tables.base();
        long size = tables.end() - base;
        if (!is64 && (tables.end() >>> 32) != 0) {
            throw new ExportException(
                    "the tables end at "
                            + Hex.of(tables.end())
                            + ", past the 4 GiB an ELFCLASS32 object of "
                            + tables.architecture().name()
                            + " can address; place them lower (layout base)");
        }
        byte[] data = tableBytes(tables);
        long page = tables.architecture().roots().get(0).geometry().pageSize();

        List<Symbol> symbols = new ArrayList<>();
        symbols.add(new Symbol("pagoda_tables", 0, size, STT_OBJECT, 1));
        long[] roots = tables.rootTables();
        symbols.add(new Symbol("pagoda_root", roots[0] - base, page, STT_OBJECT, 1));
        if (roots.length > 1) {
            symbols.add(new Symbol("pagoda_root_upper", roots[1] - base, page, STT_OBJECT, 1));
        }
        symbols.add(new Symbol("pagoda_tables_base", base, 0, STT_NOTYPE, SHN_ABS));
        symbols.add(new Symbol("pagoda_tables_size", size, 0, STT_NOTYPE, SHN_ABS));
        tables.registers()
                .values()
                .forEach(
                        r -> {
                            String name = "pagoda_" + r.name().toLowerCase(Locale.ROOT);
                            if (is64 || (r.value() >>> 32) == 0) {
                                symbols.add(new Symbol(name, r.value(), 0, STT_NOTYPE, SHN_ABS));
                            }
                            symbols.add(
                                    new Symbol(
                                            name + "_lo",
                                            r.value() & 0xFFFFFFFFL,
                                            0,
                                            STT_NOTYPE,
                                            SHN_ABS));
                            symbols.add(
                                    new Symbol(
                                            name + "_hi",
                                            r.value() >>> 32,
                                            0,
                                            STT_NOTYPE,
                                            SHN_ABS));
                        });

        ElfBytes strtab = new ElfBytes(elf.objectClass()).u8(0);
        ElfBytes symtab = new ElfBytes(elf.objectClass());
        symbol(symtab, is64, 0, 0, 0, 0, 0);
        symbol(symtab, is64, 0, 0, 0, STT_SECTION, 1);
        for (Symbol s : symbols) {
            int nameAt = strtab.size();
            strtab.string(s.name());
            symbol(
                    symtab,
                    is64,
                    nameAt,
                    s.value(),
                    s.size(),
                    (STB_GLOBAL << 4) | s.type(),
                    s.section());
        }
        String[] sectionNames = {"", SECTION, ".note.GNU-stack", ".symtab", ".strtab", ".shstrtab"};
        ElfBytes shstrtab = new ElfBytes(elf.objectClass());
        int[] nameOffsets = new int[sectionNames.length];
        for (int i = 0; i < sectionNames.length; i++) {
            nameOffsets[i] = shstrtab.size();
            shstrtab.string(sectionNames[i]);
        }

        int ehdr = is64 ? 64 : 52;
        int shdr = is64 ? 64 : 40;
        int align = is64 ? 8 : 4;
        long dataOffset = 64; // past either header, 16-byte aligned
        long symtabOffset = roundUp(dataOffset + data.length, align);
        long strtabOffset = symtabOffset + symtab.size();
        long shstrtabOffset = strtabOffset + strtab.size();
        long shoff = roundUp(shstrtabOffset + shstrtab.size(), align);

        ElfBytes out = new ElfBytes(elf.objectClass());
        out.ident()
                .u16(ET_REL)
                .u16(elf.machine())
                .u32(1)
                .word(0)
                .word(0)
                .word(shoff)
                .u32(0)
                .u16(ehdr)
                .u16(0)
                .u16(0)
                .u16(shdr)
                .u16(sectionNames.length)
                .u16(5);
        while (out.size() < dataOffset) {
            out.u8(0);
        }
        out.bytes(data);
        out.align(align);
        out.bytes(symtab.toByteArray())
                .bytes(strtab.toByteArray())
                .bytes(shstrtab.toByteArray())
                .align(align);
        section(out, 0, 0, 0, 0, 0, 0, 0, 0, 0);
        section(
                out,
                nameOffsets[1],
                SHT_PROGBITS,
                SHF_WRITE_ALLOC,
                dataOffset,
                data.length,
                0,
                0,
                page,
                0);
        section(out, nameOffsets[2], SHT_PROGBITS, 0, dataOffset + data.length, 0, 0, 0, 1, 0);
        section(
                out,
                nameOffsets[3],
                SHT_SYMTAB,
                0,
                symtabOffset,
                symtab.size(),
                4,
                2,
                align,
                is64 ? 24 : 16);
        section(out, nameOffsets[4], SHT_STRTAB, 0, strtabOffset, strtab.size(), 0, 0, 1, 0);
        section(out, nameOffsets[5], SHT_STRTAB, 0, shstrtabOffset, shstrtab.size(), 0, 0, 1, 0);
        return out.toByteArray();
    }

    private static byte[] tableBytes(BootTables tables) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try {
            MemoryBytes.copy(
                    tables.memory(),
                    tables.base(),
                    tables.end() - tables.base(),
                    Channels.newChannel(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    private static void symbol(
            ElfBytes out, boolean is64, int name, long value, long size, int info, int section) {
        if (is64) {
            out.u32(name).u8(info).u8(0).u16(section).u64(value).u64(size);
        } else {
            out.u32(name).u32(value).u32(size).u8(info).u8(0).u16(section);
        }
    }

    private static void section(
            ElfBytes out,
            int name,
            int type,
            long flags,
            long offset,
            long size,
            int link,
            int info,
            long align,
            long entsize) {
        out.u32(name)
                .u32(type)
                .word(flags)
                .word(0)
                .word(offset)
                .word(size)
                .u32(link)
                .u32(info)
                .word(align)
                .word(entsize);
    }

    private static long roundUp(long value, long alignment) {
        return (value + alignment - 1) / alignment * alignment;
    }
}
