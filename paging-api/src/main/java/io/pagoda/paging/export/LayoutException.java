package io.pagoda.paging.export;

import io.pagoda.paging.error.PagingException;

/**
 * A {@link BootLayout} that cannot be built: names the mapping (by its index in the layout, and its
 * name) or the layout-wide setting, and the field at fault. Thrown before any table is written
 * anywhere.
 */
public final class LayoutException extends PagingException {
    private static final long serialVersionUID = 1L;

    /** The mapping's index in the layout, or -1 for a layout-wide setting. */
    private final int mapping;

    /** The field at fault. */
    private final String field;

    /**
     * @param mapping the mapping's index, or -1 for a setting of the whole layout
     * @param mappingName the mapping's name, may be empty
     * @param field the field at fault: {@code virtual}, {@code physical}, {@code size}, {@code
     *     rights}, {@code base} ...
     * @param problem what is wrong and how to fix it
     */
    public LayoutException(int mapping, String mappingName, String field, String problem) {
        super(
                (mapping < 0
                                ? "layout"
                                : "mapping "
                                        + mapping
                                        + (mappingName.isEmpty() ? "" : " (" + mappingName + ")"))
                        + ", field '"
                        + field
                        + "': "
                        + problem);
        this.mapping = mapping;
        this.field = field;
    }

    /**
     * The mapping's index in the layout, or -1 for a layout-wide setting.
     *
     * @return the index, or -1
     */
    public int mapping() {
        return mapping;
    }

    /**
     * The field at fault: {@code virtual}, {@code physical}, {@code size}, {@code rights}, {@code
     * base} ...
     *
     * @return the field's name
     */
    public String field() {
        return field;
    }
}
