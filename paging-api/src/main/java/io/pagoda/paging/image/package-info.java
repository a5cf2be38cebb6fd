/**
 * Reading memory images (raw dumps, ELF cores, Pagoda's own notes) and the architectures' TLB line
 * formats.
 */
@NullMarked
package io.pagoda.paging.image;

import org.jspecify.annotations.NullMarked;
