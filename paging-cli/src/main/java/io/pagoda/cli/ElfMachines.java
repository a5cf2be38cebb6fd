package io.pagoda.cli;

import io.pagoda.paging.spi.Architecture;
import java.nio.file.Path;
import java.util.List;

/**
 * Refuses an ELF core whose {@code e_machine} belongs to another machine family than {@code
 * --arch}: reading AArch64 memory as x86 tables prints plausible garbage. A family is a set of ELF
 * machine numbers and the name prefixes of the variants that run on them; the x86 family is one set
 * because QEMU writes the CPU's mode at dump time (EM_386 outside long mode, EM_X86_64 in it), so
 * either can hold any x86 paging mode. Variants no family names (third-party or test architectures)
 * and machines no family knows are not checked.
 */
final class ElfMachines {
    private record Family(
            String name,
            List<Integer> machines,
            List<String> machineNames,
            List<String> variantPrefixes) {
        boolean runs(String variant) {
            return variantPrefixes.stream().anyMatch(variant::startsWith);
        }
    }

    private static final List<Family> FAMILIES =
            List.of(
                    new Family(
                            "x86",
                            List.of(3, 62),
                            List.of("EM_386", "EM_X86_64"),
                            List.of("i386", "x86_64")),
                    new Family("AArch64", List.of(183), List.of("EM_AARCH64"), List.of("aarch64")));

    private ElfMachines() {}

    static void requireMatch(Path image, int machine, Architecture architecture) {
        Family variantFamily =
                FAMILIES.stream().filter(f -> f.runs(architecture.name())).findFirst().orElse(null);
        Family coreFamily =
                FAMILIES.stream()
                        .filter(f -> f.machines().contains(machine))
                        .findFirst()
                        .orElse(null);
        if (variantFamily == null || coreFamily == null || variantFamily.equals(coreFamily)) {
            return;
        }
        String machineName = coreFamily.machineNames().get(coreFamily.machines().indexOf(machine));
        throw new UserError(
                image
                        + " is a core of an "
                        + coreFamily.name()
                        + " machine (e_machine "
                        + machine
                        + ", "
                        + machineName
                        + ") but --arch "
                        + architecture.name()
                        + " reads "
                        + variantFamily.name()
                        + " tables; give a variant starting with "
                        + String.join(" or ", coreFamily.variantPrefixes())
                        + " (see 'pagoda archs')");
    }
}
