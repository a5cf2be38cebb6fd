package io.pagoda.paging;

import java.util.Objects;

/**
 * Everything a leaf says besides its frame: access rights, cache policy and whether the translation is
 * global (shared by every address space, kept across root switches). Built once per operation, never per entry.
 */
public record MappingFlags(MappingAccessRights rights, MemoryType memoryType, boolean global) {

    public MappingFlags {
        Objects.requireNonNull(rights, "rights");
        Objects.requireNonNull(memoryType, "memoryType");
    }

    /** Normal write-back, non-global memory with these rights. */
    public static MappingFlags of(MappingAccessRights rights) {
        return new MappingFlags(rights, MemoryType.WRITE_BACK, false);
    }

    public MappingFlags withRights(MappingAccessRights newRights) {
        return new MappingFlags(newRights, memoryType, global);
    }

    public MappingFlags withMemoryType(MemoryType type) {
        return new MappingFlags(rights, type, global);
    }

    public MappingFlags withGlobal(boolean isGlobal) {
        return new MappingFlags(rights, memoryType, isGlobal);
    }

    @Override
    public String toString() {
        return rights + " " + memoryType.name().toLowerCase(java.util.Locale.ROOT) + (global ? " global" : "");
    }
}
