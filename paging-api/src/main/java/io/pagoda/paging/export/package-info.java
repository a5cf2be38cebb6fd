/** Writing what the model holds: ELF cores, boot tables and the JSON of mapped ranges. */
@NullMarked
package io.pagoda.paging.export;

import org.jspecify.annotations.NullMarked;
