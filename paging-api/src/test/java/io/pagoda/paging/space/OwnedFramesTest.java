package io.pagoda.paging.space;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.HashMap;
import java.util.Map;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/**
 * The primitive page -> frame map against java.util.HashMap as the reference, through growth and
 * removals.
 */
class OwnedFramesTest {

    @Test
    void agreesWithAHashMapOverRandomPutsAndRemoves() {
        SplittableRandom random = new SplittableRandom(7);
        OwnedFrames frames = new OwnedFrames();
        Map<Long, Long> reference = new HashMap<>();
        for (int step = 0; step < 200_000; step++) {
            // a few hundred pages, in both canonical halves, so probe runs collide and wrap
            long page = (random.nextInt(600) - 300) * 0x1000L;
            if (random.nextInt(3) == 0) {
                frames.remove(page);
                reference.remove(page);
            } else {
                long frame = random.nextLong(1L << 40) & -0x1000L;
                frames.put(page, frame);
                reference.put(page, frame);
            }
            if (step % 997 == 0) {
                for (long probe = -300; probe < 300; probe++) {
                    assertEquals(
                            reference.getOrDefault(probe * 0x1000L, -1L),
                            frames.get(probe * 0x1000L),
                            "step " + step);
                }
            }
        }
        assertEquals(reference.size(), frames.size());
        assertArrayEquals(
                reference.keySet().stream().mapToLong(Long::longValue).sorted().toArray(),
                frames.sortedPages());
    }
}
