package io.pagoda.qemu;

import java.util.List;
import java.util.Map;

/**
 * What QEMU made of an x86 image: the control registers as it holds them after the writes, its
 * {@code info tlb} leaves, and its {@code gva2gpa} answer per asked address (-1 for "Unmapped").
 */
record X86Verdict(
        Map<String, Long> registers,
        List<TlbLine> tlb,
        long[] addresses,
        long[] gpa,
        Transcript transcript) {

    long gpaOf(long va) {
        for (int i = 0; i < addresses.length; i++) {
            if (addresses[i] == va) {
                return gpa[i];
            }
        }
        throw new IllegalArgumentException("address " + Long.toHexString(va) + " was not asked");
    }

    TlbLine tlbLineAt(long va) {
        for (TlbLine line : tlb) {
            if (line.virtualAddress() == va) {
                return line;
            }
        }
        return null;
    }
}
