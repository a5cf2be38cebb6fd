package io.pagoda.conformance.familyfixture.goodarch;

import io.pagoda.conformance.familyfixture.shared.SharedBits;
import io.pagoda.paging.spi.EntryKind;

/** An architecture's code using its family library and paging-api: allowed. */
public final class FamilyUser {
    private FamilyUser() {}

    public static EntryKind kind(long raw) {
        return SharedBits.present(raw) ? EntryKind.LEAF : EntryKind.UNUSED;
    }
}
