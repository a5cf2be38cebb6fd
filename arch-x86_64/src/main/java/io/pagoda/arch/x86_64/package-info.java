/**
 * x86-64 paging: the {@code x86_64} (4-level, 48-bit) and {@code x86_64-la57} (5-level, 57-bit) variants.
 * {@link io.pagoda.arch.x86_64.X86_64Architecture} ties together the CR3 root ({@link io.pagoda.arch.x86_64.Cr3Root}),
 * the entry format ({@link io.pagoda.arch.x86_64.X86_64EntryFormat}) with its PAT layout
 * ({@link io.pagoda.arch.x86_64.PatLayout}), the invalidations ({@link io.pagoda.arch.x86_64.X86TlbInstructions}),
 * the address layout ({@link io.pagoda.arch.x86_64.X86AddressLayouts}) and the reference vectors
 * ({@link io.pagoda.arch.x86_64.X86_64HardwareVectors}).
 */
package io.pagoda.arch.x86_64;
