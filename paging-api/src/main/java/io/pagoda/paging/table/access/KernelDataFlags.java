package io.pagoda.paging.table.access;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.error.RightsNotExpressibleException;
import io.pagoda.paging.spi.EntryFormat;
import io.pagoda.paging.spi.Geometry;

/**
 * The flags of the machine's own kernel data mappings (direct map, temporary window): global
 * read-write, non-executable where the format can say so. A format without execute-disable (legacy
 * i386) refuses "not executable", so those get read-write-execute, which is what the hardware would
 * apply anyway.
 */
final class KernelDataFlags {
    private KernelDataFlags() {}

    static MappingFlags of(EntryFormat format, Geometry geometry) {
        MappingFlags data = MappingFlags.of(MappingAccessRights.KERNEL_RW).withGlobal(true);
        try {
            for (int level = 0; level <= geometry.lastLevel(); level++) {
                if (geometry.level(level).leafAllowed()) {
                    format.leafTemplate(level, data);
                }
            }
            return data;
        } catch (RightsNotExpressibleException e) {
            return data.withRights(
                    MappingAccessRights.KERNEL_RW.with(MappingAccessRights.EXECUTABLE));
        }
    }
}
