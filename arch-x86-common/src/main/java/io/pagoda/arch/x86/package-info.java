/**
 * The x86 family's shared rules, written once for {@code arch-i386} and {@code arch-x86_64}: {@link
 * io.pagoda.arch.x86.PatLayout} (memory type to PAT / PCD / PWT and back, after the SDM's power-on
 * PAT), {@link io.pagoda.arch.x86.X86EntryBits} (the bit positions every x86 format shares), {@link
 * io.pagoda.arch.x86.X86Rights} (P, R/W, U/S, XD) and {@link io.pagoda.arch.x86.X86TlbInstructions}
 * (INVLPG, MOV CR3, the CR4.PGE toggle). Not an architecture: no provider, no variant.
 */
@NullMarked
@ArchitectureFamily
package io.pagoda.arch.x86;

import io.pagoda.paging.spi.ArchitectureFamily;
import org.jspecify.annotations.NullMarked;
