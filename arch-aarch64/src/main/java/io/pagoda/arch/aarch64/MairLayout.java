package io.pagoda.arch.aarch64;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MemoryType;
import io.pagoda.paging.error.RightsNotExpressibleException;
import java.util.Objects;
import org.jspecify.annotations.Nullable;

/**
 * MAIR_EL1 as the memory types of the eight AttrIndx values: a leaf's AttrIndx[2:0] selects byte n
 * (bits [8n+7:8n]), whose encoding (Arm ARM, MAIR_EL1.Attr&lt;n&gt;) says the type:
 *
 * <ul>
 *   <li>{@code 0b0000dd00}: Device (dd = nGnRnE, nGnRE, nGRE, GRE): {@link MemoryType#DEVICE};
 *   <li>{@code 0booooiiii} with o, i != 0000: Normal, outer o, inner i, each {@code 0b0100}
 *       Non-cacheable, {@code 0b00RW} / {@code 0b10RW} write-through (transient / non-transient),
 *       {@code 0b01RW} / {@code 0b11RW} write-back (RW != 00 for the transient ones): the inner
 *       (the core's own caches) names the type, {@link MemoryType#WRITE_BACK}, {@link
 *       MemoryType#WRITE_THROUGH} or {@link MemoryType#UNCACHED};
 *   <li>{@code 0xF0}: Tagged Normal, inner/outer write-back (FEAT_MTE2): write-back; {@code 0x40}
 *       and {@code 0xA0}: Normal Non-cacheable and write-through with XS = 0 (FEAT_XS);
 *   <li>anything else (Normal with an outer or inner 0000 but the above, Device bits 1:0 != 00) is
 *       UNPREDICTABLE or not modelled: such a MAIR_EL1 is refused, naming the byte.
 * </ul>
 *
 * <p>{@link #DEFAULT} is the layout this module writes with ({@link #MAIR_EL1}: 0 WB, 1
 * Device-nGnRE, 2 NC, 3 WT, 4/6/7 Device-nGnRnE, 5 NC named write-combining: AArch64
 * write-combining is Normal Non-cacheable, Linux's {@code pgprot_writecombine}, and index 5 is kept
 * for it so such a mapping reads back as such). {@link #of} reads a guest's own MAIR_EL1: its
 * memory types come from its bytes, and write-combining is read as uncached (the same attribute).
 *
 * <p>A record of the register value alone: the memory type of each index is decoded when asked (a
 * few operations), so equality is the register's and there is nothing else to keep in step.
 *
 * @param value the MAIR_EL1 value, eight attribute bytes
 */
public record MairLayout(long value) {
    /** The MAIR_EL1 value of {@link #DEFAULT} (byte n = attribute n). */
    public static final long MAIR_EL1 = 0x00004400BB4404FFL;

    /** The index {@link #MAIR_EL1} keeps for write-combining (byte 0x44, Normal NC). */
    private static final int WRITE_COMBINING_INDEX = 5;

    /**
     * The layout Pagoda writes with, and reads with when no MAIR_EL1 is given. The module itself
     * builds its layouts with {@link #standard()}, so a variant's decoder is made when the variant
     * is (mutation testing sees it; a static constant is built once per JVM).
     */
    public static final MairLayout DEFAULT = standard();

    /**
     * Checks every byte is an encoding this model reads.
     *
     * @param value the MAIR_EL1 value, eight attribute bytes
     * @throws IllegalArgumentException when a byte is UNPREDICTABLE or not modelled, naming it
     */
    public MairLayout {
        for (int n = 0; n != 8; n++) {
            int attribute = attribute(value, n);
            if (decode(attribute) == null) {
                throw new IllegalArgumentException(
                        "MAIR_EL1 "
                                + Hex.of(value)
                                + " Attr"
                                + n
                                + " = "
                                + Hex.of(attribute)
                                + " is UNPREDICTABLE or not modelled (Device is 0b0000dd00, Normal needs outer and inner attributes);"
                                + " give the MAIR_EL1 the guest loaded");
            }
        }
    }

    /**
     * A new layout equal to {@link #DEFAULT}: {@link #MAIR_EL1} with index 5 named write-combining.
     *
     * @return the standard layout
     */
    public static MairLayout standard() {
        return new MairLayout(MAIR_EL1);
    }

    /**
     * The layout of MAIR_EL1 = {@code value}; one equal to {@link #DEFAULT} for {@link #MAIR_EL1}.
     *
     * @throws IllegalArgumentException when a byte is UNPREDICTABLE or not modelled
     * @param value the MAIR_EL1 value, eight attribute bytes
     * @return the layout
     */
    public static MairLayout of(long value) {
        return new MairLayout(value);
    }

    private static int attribute(long value, int n) {
        return (int) (value >>> (8 * n)) & 0xFF;
    }

    /**
     * The memory type an attribute byte encodes, or null when the encoding is UNPREDICTABLE or not
     * modelled.
     */
    static @Nullable MemoryType decode(int attribute) {
        int outer = attribute >>> 4;
        int inner = attribute & 0xF;
        if (outer == 0) {
            return (inner & 0b11) == 0 ? MemoryType.DEVICE : null;
        }
        if (inner == 0) {
            return switch (attribute) {
                case 0xF0 -> MemoryType.WRITE_BACK; // Tagged Normal (FEAT_MTE2)
                case 0x40 -> MemoryType.UNCACHED; // Normal NC, XS = 0 (FEAT_XS)
                case 0xA0 -> MemoryType.WRITE_THROUGH; // Normal WT, XS = 0 (FEAT_XS)
                default -> null;
            };
        }
        return cachePolicy(inner);
    }

    /**
     * The inner nibble of a Normal attribute, never 0000 (Device or the XS forms, read above): 0100
     * NC, 00RW/10RW write-through, 01RW/11RW write-back (transient when bit 3 is clear).
     */
    private static MemoryType cachePolicy(int nibble) {
        if (nibble == 0b0100) {
            return MemoryType.UNCACHED;
        }
        return (nibble & 0b0100) != 0 ? MemoryType.WRITE_BACK : MemoryType.WRITE_THROUGH;
    }

    /**
     * The AttrIndx Pagoda writes for {@code type}: the first index of that type (write-combining:
     * else the first NC).
     *
     * @param type the memory type to map with
     * @return the AttrIndx, 0..7
     * @throws io.pagoda.paging.error.RightsNotExpressibleException when no attribute of the
     *     register gives {@code type}
     */
    public int attrIndex(MemoryType type) {
        for (int n = 0; n != 8; n++) {
            if (memoryType(n) == type) {
                return n;
            }
        }
        if (type == MemoryType.WRITE_COMBINING) {
            for (int n = 0; n != 8; n++) {
                if (memoryType(n) == MemoryType.UNCACHED) {
                    return n;
                }
            }
        }
        throw new RightsNotExpressibleException(
                "MAIR_EL1 "
                        + Hex.of(value)
                        + " has no attribute for "
                        + type
                        + "; give a MAIR_EL1 with one, or map with a type it has");
    }

    /**
     * The memory type AttrIndx {@code attrIndex} (0..7) selects.
     *
     * @param attrIndex the AttrIndx, 0..7 (higher bits are ignored)
     * @return the memory type its attribute byte gives
     */
    public MemoryType memoryType(int attrIndex) {
        int n = attrIndex & 7;
        if (value == MAIR_EL1 && n == WRITE_COMBINING_INDEX) {
            return MemoryType.WRITE_COMBINING;
        }
        return Objects.requireNonNull(decode(attribute(value, n)), "checked when made");
    }

    /**
     * The memory type of each AttrIndx, for people: {@code "AttrIndx 0 WRITE_BACK, 1 DEVICE, …"}.
     *
     * @return the description
     */
    public String describe() {
        StringBuilder text = new StringBuilder("AttrIndx");
        for (int n = 0; n != 8; n++) {
            text.append(n == 0 ? " " : ", ").append(n).append(' ').append(memoryType(n));
        }
        return text.toString();
    }

    @Override
    public String toString() {
        return "MAIR_EL1 " + Hex.of(value);
    }
}
