package io.pagoda.paging.cpu;

import io.pagoda.paging.MappingAccessRights;

/**
 * The kind of memory access the simulated CPU performs; each needs one right of the effective
 * rights.
 */
public enum Access {
    /** A data read; needs the readable right. */
    READ(MappingAccessRights.READABLE_BIT),
    /** A data write; needs the writable right. */
    WRITE(MappingAccessRights.WRITABLE_BIT),
    /** An instruction fetch; needs the executable right. */
    EXECUTE(MappingAccessRights.EXECUTABLE_BIT);

    private final int requiredBit;

    Access(int requiredBit) {
        this.requiredBit = requiredBit;
    }

    /**
     * The {@link MappingAccessRights} bit this access needs.
     *
     * @return one of {@link MappingAccessRights#READABLE_BIT}, {@link
     *     MappingAccessRights#WRITABLE_BIT} or {@link MappingAccessRights#EXECUTABLE_BIT}
     */
    public int requiredBit() {
        return requiredBit;
    }
}
