/** Hardware-like translation walks: the entries a virtual address passes through, level by level, and the fault a walk ends in. */
package io.pagoda.paging.walk;
