package io.pagoda.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Issue 17 item 5: JSON never holds a value above 2^64-1, even for a range ending at the top of a
 * 64-bit space.
 */
class JsonTopOfSpaceTest {
    private static final BigInteger MAX = BigInteger.ONE.shiftLeft(64).subtract(BigInteger.ONE);

    @Test
    void theTopPageOfX8664IsListedWithItsInclusiveLastAddress(@TempDir Path dir)
            throws IOException {
        // x86-64 4-level: entry 511 at every level (P | R/W = 0x3, SDM vol. 3 tables 4-15..4-19);
        // the address is
        // 0xFFFF_8000_0000_0000 | 511 << 39 | 511 << 30 | 511 << 21 | 511 << 12 =
        // 0xFFFF_FFFF_FFFF_F000
        ByteBuffer b = ByteBuffer.allocate(0x5000).order(ByteOrder.LITTLE_ENDIAN);
        b.putLong(0x1000 + 511 * 8, 0x2000L | 0x3);
        b.putLong(0x2000 + 511 * 8, 0x3000L | 0x3);
        b.putLong(0x3000 + 511 * 8, 0x4000L | 0x3);
        b.putLong(0x4000 + 511 * 8, 0x7000L | 0x3);
        Path image = Files.write(dir.resolve("top.img"), b.array());
        Cli cli =
                Cli.run(
                        "inspect",
                        "--arch",
                        "x86_64",
                        "--root",
                        "0x1000",
                        "--format",
                        "json",
                        image.toString());
        assertEquals(0, cli.status(), cli.err());
        assertTrue(
                cli.out()
                        .contains(
                                "{\"register\":\"CR3\",\"first\":\"0xfffffffffffff000\",\"last\":\"0xffffffffffffffff\","
                                        + "\"size\":4096,\"state\":\"present\",\"physical\":\"0x7000\""),
                cli.out());
        // every number in the document, hex string or decimal, fits 64 bits
        Matcher number = Pattern.compile("\"0x([0-9a-f]+)\"|:(\\d+)").matcher(cli.out());
        int numbers = 0;
        while (number.find()) {
            BigInteger value =
                    number.group(1) != null
                            ? new BigInteger(number.group(1), 16)
                            : new BigInteger(number.group(2));
            assertTrue(
                    value.compareTo(MAX) <= 0, number.group() + " exceeds 2^64-1 in " + cli.out());
            numbers++;
        }
        assertEquals(6, numbers, "first, last, size, physical, leafSize, level: " + cli.out());
    }
}
