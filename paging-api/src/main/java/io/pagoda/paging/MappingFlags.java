package io.pagoda.paging;

import java.util.Locale;
import java.util.Objects;

/**
 * Everything a leaf says besides its frame: access rights, cache policy and whether the translation
 * is global (shared by every address space, kept across root switches). Built once per operation,
 * never per entry.
 *
 * @param rights the access rights
 * @param memoryType the cache policy
 * @param global whether the translation survives a root switch in the TLB
 */
public record MappingFlags(MappingAccessRights rights, MemoryType memoryType, boolean global) {

    /**
     * Checks that the rights and memory type are given.
     *
     * @param rights the access rights
     * @param memoryType the cache policy
     * @param global whether the translation is global
     * @throws NullPointerException when {@code rights} or {@code memoryType} is null
     */
    public MappingFlags {
        Objects.requireNonNull(rights, "rights");
        Objects.requireNonNull(memoryType, "memoryType");
    }

    /**
     * Normal write-back, non-global memory with these rights.
     *
     * @param rights the access rights
     * @return the flags
     */
    public static MappingFlags of(MappingAccessRights rights) {
        return new MappingFlags(rights, MemoryType.WRITE_BACK, false);
    }

    /**
     * These flags with other rights.
     *
     * @param newRights the access rights
     * @return a copy with the rights replaced
     */
    public MappingFlags withRights(MappingAccessRights newRights) {
        return new MappingFlags(newRights, memoryType, global);
    }

    /**
     * These flags with another cache policy.
     *
     * @param type the memory type
     * @return a copy with the memory type replaced
     */
    public MappingFlags withMemoryType(MemoryType type) {
        return new MappingFlags(rights, type, global);
    }

    /**
     * These flags, global or not.
     *
     * @param isGlobal whether the translation is global
     * @return a copy with the global bit replaced
     */
    public MappingFlags withGlobal(boolean isGlobal) {
        return new MappingFlags(rights, memoryType, isGlobal);
    }

    @Override
    public String toString() {
        return rights
                + " "
                + memoryType.name().toLowerCase(Locale.ROOT)
                + (global ? " global" : "");
    }
}
