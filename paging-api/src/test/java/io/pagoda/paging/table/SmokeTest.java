package io.pagoda.paging.table;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.PageState;
import org.junit.jupiter.api.Test;

class SmokeTest {
    @Test
    void mapsAndTranslates() {
        Fixture f = Fixture.unequal();
        f.hierarchy.mapContiguous(0x10_0000, 0x8000_0000L, 0x10_0000, MappingFlags.of(MappingAccessRights.USER_RW), LeafSizePolicy.LARGEST_FITTING);
        Translation t = f.hierarchy.translate(0x10_1234);
        assertEquals(PageState.PRESENT, t.state());
        assertEquals(0x8000_1234L, t.physicalAddress());
        assertEquals(0x8_0000L, t.size());
    }
}
