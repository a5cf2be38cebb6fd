package io.pagoda.conformance;

import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.MemoryType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * One step of a random sequence, with a one-line text form so that a shrunk failing sequence can be
 * printed and replayed ({@link ModelReplay}): {@code map 0 0x7000 3 0x200000 rw-- WRITE_BACK g
 * pages}, {@code guard 0 0x7000 2}, {@code unmap 0 0x7000 2}, {@code protect 0 0x7000 2 r---
 * UNCACHED -}, {@code translate 0 0x7123}. Steps are separated by ';'.
 *
 * @param kind what the step does
 * @param root which root's hierarchy it acts on
 * @param va the first virtual address
 * @param pages how many pages (translate: unused)
 * @param pa the first physical address (map only)
 * @param flags the flags (map and protect only)
 * @param blocks whether a map may use blocks where they fit
 */
public record ModelOp(
        Kind kind, int root, long va, long pages, long pa, MappingFlags flags, boolean blocks) {

    /**
     * What a step does; SWITCH makes address space {@code root} (0 or 1) the active one, and only
     * machine runs use it.
     */
    public enum Kind {
        /** Maps pages to frames with flags. */
        MAP,
        /** Guards pages. */
        GUARD,
        /** Unmaps pages. */
        UNMAP,
        /** Changes the flags of mapped pages. */
        PROTECT,
        /** Translates one address and compares it with the model. */
        TRANSLATE,
        /** Makes another address space the active one. */
        SWITCH
    }

    /**
     * A map step.
     *
     * @param root the root index
     * @param va the first virtual address
     * @param pages how many pages
     * @param pa the first physical address
     * @param flags the flags
     * @param blocks whether blocks may be used where they fit
     * @return the step
     */
    public static ModelOp map(
            int root, long va, long pages, long pa, MappingFlags flags, boolean blocks) {
        return new ModelOp(Kind.MAP, root, va, pages, pa, flags, blocks);
    }

    /**
     * A guard step.
     *
     * @param root the root index
     * @param va the first virtual address
     * @param pages how many pages
     * @return the step
     */
    public static ModelOp guard(int root, long va, long pages) {
        return new ModelOp(Kind.GUARD, root, va, pages, 0, null, false);
    }

    /**
     * An unmap step.
     *
     * @param root the root index
     * @param va the first virtual address
     * @param pages how many pages
     * @return the step
     */
    public static ModelOp unmap(int root, long va, long pages) {
        return new ModelOp(Kind.UNMAP, root, va, pages, 0, null, false);
    }

    /**
     * A protect step.
     *
     * @param root the root index
     * @param va the first virtual address
     * @param pages how many pages
     * @param flags the new flags
     * @return the step
     */
    public static ModelOp protect(int root, long va, long pages, MappingFlags flags) {
        return new ModelOp(Kind.PROTECT, root, va, pages, 0, flags, false);
    }

    /**
     * A switch to address space {@code space} (machine runs only).
     *
     * @param space 0 or 1
     * @return the step
     */
    public static ModelOp switchTo(int space) {
        return new ModelOp(Kind.SWITCH, space, 0, 0, 0, null, false);
    }

    /**
     * A translate step.
     *
     * @param root the root index
     * @param va the address
     * @return the step
     */
    public static ModelOp translate(int root, long va) {
        return new ModelOp(Kind.TRANSLATE, root, va, 1, 0, null, false);
    }

    /**
     * This step over another number of pages (the shrinker's way to shorten a step).
     *
     * @param newPages how many pages
     * @return a copy of this step with the page count replaced
     */
    public ModelOp withPages(long newPages) {
        return new ModelOp(kind, root, va, newPages, pa, flags, blocks);
    }

    @Override
    public String toString() {
        String head =
                kind.name().toLowerCase(Locale.ROOT) + " " + root + " 0x" + Long.toHexString(va);
        return switch (kind) {
            case SWITCH -> "switch " + root;
            case MAP ->
                    head
                            + " "
                            + pages
                            + " 0x"
                            + Long.toHexString(pa)
                            + " "
                            + flagsText()
                            + " "
                            + (blocks ? "blocks" : "pages");
            case GUARD, UNMAP -> head + " " + pages;
            case PROTECT -> head + " " + pages + " " + flagsText();
            case TRANSLATE -> head;
        };
    }

    private String flagsText() {
        return flags.rights()
                + " "
                + flags.memoryType().name()
                + " "
                + (flags.global() ? "g" : "-");
    }

    /**
     * The text form of a sequence.
     *
     * @param ops the steps
     * @return the steps' text forms separated by ';'
     */
    public static String script(List<ModelOp> ops) {
        StringBuilder out = new StringBuilder();
        for (ModelOp op : ops) {
            out.append(out.length() == 0 ? "" : "; ").append(op);
        }
        return out.toString();
    }

    /**
     * Parses {@link #script}'s form back.
     *
     * @param script steps in {@link #script}'s form
     * @return the steps
     * @throws IllegalArgumentException when a step does not parse
     */
    public static List<ModelOp> parse(String script) {
        List<ModelOp> ops = new ArrayList<>();
        for (String step : script.split(";", -1)) {
            String[] w = step.trim().split("\\s+", -1);
            if (w.length == 1 && w[0].isEmpty()) {
                continue;
            }
            try {
                Kind kind = Kind.valueOf(w[0].toUpperCase(Locale.ROOT));
                int root = Integer.parseInt(w[1]);
                if (kind == Kind.SWITCH) {
                    ops.add(switchTo(root));
                    continue;
                }
                long va = Long.parseUnsignedLong(w[2].substring(2), 16);
                ops.add(
                        switch (kind) {
                            case MAP ->
                                    map(
                                            root,
                                            va,
                                            Long.parseLong(w[3]),
                                            Long.parseUnsignedLong(w[4].substring(2), 16),
                                            flags(w[5], w[6], w[7]),
                                            w[8].equals("blocks"));
                            case GUARD -> guard(root, va, Long.parseLong(w[3]));
                            case UNMAP -> unmap(root, va, Long.parseLong(w[3]));
                            case PROTECT ->
                                    protect(
                                            root,
                                            va,
                                            Long.parseLong(w[3]),
                                            flags(w[4], w[5], w[6]));
                            case TRANSLATE -> translate(root, va);
                            case SWITCH -> switchTo(root);
                        });
            } catch (RuntimeException e) {
                throw new IllegalArgumentException(
                        "cannot read step '"
                                + step.trim()
                                + "': "
                                + e.getMessage()
                                + "; steps look like 'map 0 0x7000 3 0x200000 rw-- WRITE_BACK - pages'",
                        e);
            }
        }
        return ops;
    }

    private static MappingFlags flags(String rights, String type, String global) {
        return new MappingFlags(
                MappingAccessRights.parse(rights), MemoryType.valueOf(type), global.equals("g"));
    }
}
