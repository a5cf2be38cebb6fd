/**
 * x86-64 paging: the {@code x86_64} (4-level, 48-bit) and {@code x86_64-la57} (5-level, 57-bit)
 * variants. {@link io.pagoda.arch.x86_64.X86_64Architecture} ties together the CR3 root ({@link
 * io.pagoda.arch.x86_64.Cr3Root}), the entry format ({@link
 * io.pagoda.arch.x86_64.X86_64EntryFormat}), the address layout ({@link
 * io.pagoda.arch.x86_64.X86AddressLayouts}) and the reference vectors ({@link
 * io.pagoda.arch.x86_64.X86_64HardwareVectors}). The PAT memory types, the shared entry and rights
 * bits and the INVLPG / MOV CR3 semantics come from the x86 family library ({@code
 * io.pagoda.arch.x86}).
 */
@NullMarked
package io.pagoda.arch.x86_64;

import org.jspecify.annotations.NullMarked;
