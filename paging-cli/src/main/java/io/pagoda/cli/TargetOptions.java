package io.pagoda.cli;

import picocli.CommandLine.Option;

/**
 * The options that say which tables to read: the architecture and its registers, and where a raw
 * image sits.
 */
final class TargetOptions {
    @Option(
            names = "--arch",
            paramLabel = "NAME",
            description =
                    "Architecture variant or alias (see 'pagoda archs'); default: chosen from the ELF core's notes.")
    String architecture;

    @Option(
            names = "--root",
            paramLabel = "VALUE",
            converter = Numbers.class,
            description =
                    "Raw value of the first root register (CR3 with PCID/flag bits, TTBR0 with ASID/CnP); masked as the hardware does."
                            + " Default: from the ELF core's notes.")
    Long root;

    @Option(
            names = "--cpu",
            paramLabel = "N",
            converter = CpuIndex.class,
            description =
                    "The vCPU of an ELF core whose registers choose the variant and root (default 0).")
    Integer cpu;

    @Option(
            names = "--root-upper",
            paramLabel = "VALUE",
            converter = Numbers.class,
            description =
                    "Raw value of the second root register (AArch64 TTBR1), for architectures with two.")
    Long upperRoot;

    @Option(
            names = "--tcr",
            paramLabel = "VALUE",
            converter = Numbers.class,
            description =
                    "Translation-control register (AArch64 TCR_EL1: granule and VA size of each half).")
    Long controlRegister;

    @Option(
            names = "--mair",
            paramLabel = "VALUE",
            converter = Numbers.class,
            description =
                    "Memory-attribute register (AArch64 MAIR_EL1): memory types from the guest's own attributes.")
    Long memoryAttributes;

    @Option(
            names = "--base",
            paramLabel = "PA",
            converter = Numbers.class,
            description =
                    "Physical address of a raw image's first byte (default 0); ELF cores carry their own.")
    Long base;

    @Option(
            names = "--strict",
            description =
                    "Refuse root-table entries with reserved bits the CPU checks only when the root register is loaded "
                            + "(PAE PDPTEs with QEMU's Accessed bit) instead of reading them as the loaded CPU holds them (exit 4).")
    boolean strict;
}
