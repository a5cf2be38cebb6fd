package io.pagoda.paging.spi;

/**
 * How ELF files name the machine an architecture runs on: {@code e_machine} and the ELF class its
 * relocatable objects use (EM_386 objects are ELFCLASS32; cores may still be ELFCLASS64, as QEMU
 * writes them above 4 GiB).
 *
 * @param machine {@code e_machine}: EM_386 = 3, EM_X86_64 = 62, EM_AARCH64 = 183; 0 (EM_NONE) when
 *     unknown
 * @param objectClass 32 or 64
 */
public record ElfIdentity(int machine, int objectClass) {
    /** EM_NONE, ELFCLASS64: an architecture that names no ELF machine. */
    public static final ElfIdentity NONE = new ElfIdentity(0, 64);

    /**
     * Checks the ELF class.
     *
     * @param machine {@code e_machine}, 0 when unknown
     * @param objectClass 32 or 64
     * @throws IllegalArgumentException when {@code objectClass} is neither 32 nor 64
     */
    public ElfIdentity {
        if (objectClass != 32 && objectClass != 64) {
            throw new IllegalArgumentException(
                    "ELF class " + objectClass + " is neither 32 nor 64");
        }
    }
}
