package io.pagoda.qemu;

import java.util.Map;

/**
 * What QEMU made of an AArch64 image: the registers it holds and its gva2gpa answer per address (-1
 * for "Unmapped").
 */
record Aarch64Verdict(
        Map<String, Long> registers, long[] addresses, long[] gpa, Transcript transcript) {

    long gpaOf(long va) {
        for (int i = 0; i < addresses.length; i++) {
            if (addresses[i] == va) {
                return gpa[i];
            }
        }
        throw new IllegalArgumentException("address " + Long.toHexString(va) + " was not asked");
    }
}
