package io.pagoda.qemu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The dump tests' own parsing, without QEMU (a failsafe test like the rest of the module): QMP
 * strings, the line comparison, the range columns, the sample choice. A bug here would make a QEMU
 * comparison pass or fail for the wrong reason.
 */
class DumpHelpersIT {
    @Test
    void qmpStringsAreUnescapedAsQemuWritesThem() {
        assertEquals(
                "a\r\nb\t\"c\"\\d/A", QmpMonitor.unquote("a\\r\\nb\\t\\\"c\\\"\\\\d\\/\\u0041"));
        assertEquals("\"info tlb\"", QmpMonitor.quote("info tlb"));
        assertEquals("\"say \\\"hi\\\" \\\\\"", QmpMonitor.quote("say \"hi\" \\"));
    }

    @Test
    void anyDifferenceInOrderOrTextIsADisagreement() {
        AgreementReport same = new AgreementReport("same");
        DumpAgreement.compareLines(List.of("a", "b"), List.of("a", "b"), same);
        same.assertAgreed("");

        AgreementReport swapped = new AgreementReport("swapped");
        DumpAgreement.compareLines(List.of("a", "b"), List.of("b", "a"), swapped);
        assertThrows(AssertionError.class, () -> swapped.assertAgreed(""));

        AgreementReport shorter = new AgreementReport("shorter");
        DumpAgreement.compareLines(List.of("a", "b"), List.of("a"), shorter);
        assertThrows(AssertionError.class, () -> shorter.assertAgreed(""));

        AgreementReport trailingSpace = new AgreementReport("trailing space");
        DumpAgreement.compareLines(List.of("a"), List.of("a "), trailingSpace);
        assertThrows(AssertionError.class, () -> trailingSpace.assertAgreed(""));
    }

    @Test
    void rangeColumnsAreReadIncludingTheTopOfTheAddressSpace() {
        List<long[]> text =
                DumpAgreement.presentRanges(
                        List.of(
                                "CR3  0x0000000000400000-0x0000000000600000  2MiB  rw-u  write_back  -  0x0000000080000000  4KiB  L3",
                                "CR3  0x0000000000800000-0x0000000000a00000  2MiB  guard  4KiB  L2",
                                "CR3  0xffffffffffe00000-0x10000000000000000  2MiB  rw--  write_back  G  0x0000000000200000  2MiB  L2"),
                        DumpAgreement.TEXT_RANGE);
        assertEquals(2, text.size());
        assertArrayEquals(new long[] {0x40_0000L, 0x5F_FFFFL}, text.get(0));
        assertArrayEquals(new long[] {0xFFFF_FFFF_FFE0_0000L, -1L}, text.get(1));

        List<long[]> json =
                DumpAgreement.presentRanges(
                        List.of(
                                "{\"register\":\"CR3\",\"first\":\"0x400000\",\"last\":\"0x5fffff\",\"size\":2097152,\"state\":\"present\",\"physical\":\"0x0\"}",
                                "{\"register\":\"CR3\",\"first\":\"0x800000\",\"last\":\"0x9fffff\",\"size\":2097152,\"state\":\"guarded\",\"leafSize\":4096}"),
                        DumpAgreement.JSON_RANGE);
        assertEquals(1, json.size());
        assertArrayEquals(new long[] {0x40_0000L, 0x5F_FFFFL}, json.get(0));
    }

    @Test
    void samplesTakeLeavesHolesAndOnlyLongModeNonCanonicalAddresses() {
        List<String> tlb =
                List.of(
                        "00000000c0000000: 0000000000000000 -G-DA---W",
                        "00000000c0001000: 0000000000001000 -G-DA---W",
                        "00000000c0400000: 0000000000400000 -GPDA---W");
        long[] legacy = X86LinuxGuestIT.samples(tlb, false);
        assertEquals(
                List.of(0xC000_0123L, 0xC000_1123L, 0xC041_2345L, 0xC040_0010L, 0xC000_2010L, 0L),
                Arrays.stream(legacy).boxed().toList());
        long[] longMode = X86LinuxGuestIT.samples(tlb, true);
        assertEquals(legacy.length + 2, longMode.length);
    }
}
