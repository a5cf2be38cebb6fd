package io.pagoda.paging.cpu;

import io.pagoda.paging.MappingAccessRights;

/** The kind of memory access the simulated CPU performs; each needs one right of the effective rights. */
public enum Access {
    READ(MappingAccessRights.READABLE_BIT),
    WRITE(MappingAccessRights.WRITABLE_BIT),
    EXECUTE(MappingAccessRights.EXECUTABLE_BIT);

    private final int requiredBit;

    Access(int requiredBit) {
        this.requiredBit = requiredBit;
    }

    /** The {@link MappingAccessRights} bit this access needs. */
    public int requiredBit() {
        return requiredBit;
    }
}
