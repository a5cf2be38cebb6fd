package io.pagoda.example.riscv;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.EntryKind;
import io.pagoda.paging.spi.Geometry;
import io.pagoda.paging.spi.LevelGeometry;

/**
 * Sv39 and Sv48 entries as pure functions. Every level may hold a leaf; a leaf above the last level
 * must be aligned to its size (a misaligned superpage faults). Leaves are written with A set, and D
 * set when writable, so that hardware without A/D updating never faults on first use; A and D are
 * not part of {@link MappingFlags}. Cache policy comes from the platform's PMAs, not the PTE: only
 * write-back is expressed.
 */
final class SvFormat implements EntryFormat {
    private final Geometry geometry;

    SvFormat(SvMode mode) {
        this.geometry = levels(mode.levels);
    }

    /**
     * The one place the module states its levels (the root and the canonical width derive from it):
     * 9 index bits per level above the 12-bit offset, 512 eight-byte entries, and every level may
     * hold a leaf (4 KiB, 2 MiB, 1 GiB, 512 GiB).
     */
    static Geometry levels(int count) {
        LevelGeometry[] tables = new LevelGeometry[count];
        for (int i = 0; i < count; i++) {
            int vpn = count - 1 - i;
            tables[i] = new LevelGeometry("VPN[" + vpn + "]", 12 + 9 * vpn, 512, 8, true);
        }
        return Geometry.of(tables);
    }

    @Override
    public Geometry geometry() {
        return geometry;
    }

    @Override
    public EntryKind kind(int level, long raw) {
        if ((raw & SvPte.V) == 0) {
            if (raw == 0) {
                return EntryKind.UNUSED;
            }
            return raw == SvPte.SOFTWARE_GUARD ? EntryKind.GUARD : EntryKind.INVALID;
        }
        if ((raw & SvPte.RESERVED) != 0) {
            return EntryKind.RESERVED;
        }
        long rights = raw & SvPte.RIGHTS;
        if (rights == 0) {
            // a pointer: D, A and U are reserved on non-leaf PTEs, and the last level cannot point
            // further
            return level == geometry.lastLevel() || (raw & (SvPte.D | SvPte.A | SvPte.U)) != 0
                    ? EntryKind.RESERVED
                    : EntryKind.TABLE;
        }
        if ((raw & SvPte.R) == 0 && (raw & SvPte.W) != 0) {
            return EntryKind.RESERVED;
        }
        return (SvPte.address(raw) & (geometry.span(level) - 1)) != 0
                ? EntryKind.RESERVED
                : EntryKind.LEAF;
    }

    @Override
    public long tableAddress(int level, long raw) {
        return SvPte.address(raw);
    }

    @Override
    public long leafAddress(int level, long raw) {
        return SvPte.address(raw);
    }

    @Override
    public long tableEntry(int level, long tablePhysicalAddress) {
        return SvPte.ppnField(tablePhysicalAddress) | SvPte.V;
    }

    @Override
    public long leafTemplate(int level, MappingFlags flags) {
        MappingAccessRights rights = flags.rights();
        if (!rights.isReadable() && !rights.isWritable() && !rights.isExecutable()) {
            // R = W = X = 0 is how a PTE says "pointer to the next table", so a leaf needs at least
            // one of them
            throw new RightsNotExpressibleException(
                    "an Sv39/Sv48 leaf needs R, W or X: "
                            + rights
                            + " would read as a pointer at level "
                            + level
                            + "; add 'r' or 'x'");
        }
        if (rights.isWritable() && !rights.isReadable()) {
            throw new RightsNotExpressibleException(
                    "Sv39/Sv48 reserve W without R: "
                            + rights
                            + " cannot be mapped at level "
                            + level
                            + "; add 'r' (write-only pages do not exist on RISC-V)");
        }
        if (flags.memoryType() != MemoryType.WRITE_BACK) {
            throw new RightsNotExpressibleException(
                    "an Sv39/Sv48 PTE has no cache-policy bits, so "
                            + flags.memoryType()
                            + " cannot be expressed at level "
                            + level
                            + "; use WRITE_BACK (the platform's PMAs set the policy)");
        }
        long bits = SvPte.V | SvPte.A;
        bits |= rights.isReadable() ? SvPte.R : 0;
        bits |= rights.isWritable() ? SvPte.W | SvPte.D : 0;
        bits |= rights.isExecutable() ? SvPte.X : 0;
        bits |= rights.isUserAccessible() ? SvPte.U : 0;
        bits |= flags.global() ? SvPte.G : 0;
        return bits;
    }

    @Override
    public long leafEntry(int level, long template, long physicalAddress) {
        return template | SvPte.ppnField(physicalAddress);
    }

    @Override
    public long guardEntry(int level) {
        return SvPte.SOFTWARE_GUARD;
    }

    @Override
    public MappingFlags leafFlags(int level, long raw) {
        int rights =
                ((raw & SvPte.R) != 0 ? MappingAccessRights.READABLE_BIT : 0)
                        | ((raw & SvPte.W) != 0 ? MappingAccessRights.WRITABLE_BIT : 0)
                        | ((raw & SvPte.X) != 0 ? MappingAccessRights.EXECUTABLE_BIT : 0)
                        | ((raw & SvPte.U) != 0 ? MappingAccessRights.USER_ACCESSIBLE_BIT : 0);
        return new MappingFlags(
                MappingAccessRights.ofBits(rights), MemoryType.WRITE_BACK, (raw & SvPte.G) != 0);
    }

    @Override
    public int tableRightsLimit(int level, long raw) {
        // RISC-V pointers carry no rights: only the leaf decides
        return MappingAccessRights.ALL_BITS;
    }

    @Override
    public boolean isGlobal(int level, long raw) {
        return (raw & SvPte.G) != 0;
    }

    @Override
    public String malformation(int level, long raw) {
        if ((raw & SvPte.V) == 0) {
            return "V is clear and the entry is not the guard marker (RSW bit 8 only)";
        }
        if ((raw & SvPte.RESERVED) != 0) {
            return "reserved bits 54..63 are set (" + Hex.of(raw & SvPte.RESERVED) + ")";
        }
        if ((raw & SvPte.RIGHTS) == 0) {
            return level == geometry.lastLevel()
                    ? "a pointer at the last level"
                    : "D, A or U set on a non-leaf PTE";
        }
        if ((raw & SvPte.R) == 0) {
            return "W set without R, a reserved combination";
        }
        return "a superpage whose PPN is not aligned to " + Hex.size(geometry.span(level));
    }

    @Override
    public String describe(int level, long raw) {
        StringBuilder out =
                new StringBuilder(kind(level, raw).name()).append(' ').append(Hex.of(raw));
        if ((raw & SvPte.V) != 0) {
            out.append(" -> ").append(Hex.of(SvPte.address(raw))).append(' ');
            String names = "VRWXUGAD";
            for (int bit = 0; bit < 8; bit++) {
                out.append((raw & (1L << bit)) != 0 ? names.charAt(bit) : '-');
            }
        }
        return out.toString();
    }
}
