package io.pagoda.conformance;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.cpu.Access;
import io.pagoda.paging.cpu.PageFaultException;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.memory.SparseMemory;
import io.pagoda.paging.spi.Architecture;
import io.pagoda.paging.spi.HardwareVector;
import io.pagoda.paging.spi.HardwareVector.Meaning;
import io.pagoda.paging.testlib.HardwareVectorCheck;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Runs a {@link HardwareVector} on the simulated CPU, one access at a time on a fresh CPU: every
 * access its meaning allows translates to the vector's address, every access it denies raises a
 * protection fault at the leaf's level, each stated access fault is raised as stated, and a write
 * with accessed/dirty updates on leaves the entries the vector says.
 */
final class VectorOnCpu {
    private VectorOnCpu() {}

    static List<String> mismatches(Architecture architecture, HardwareVector vector) {
        List<String> out = new ArrayList<>();
        if (vector.expectsFault()) {
            return out;
        }
        Meaning meaning = vector.meaning();
        if (meaning != null) {
            for (boolean user : new boolean[] {false, true}) {
                MappingAccessRights rights = user ? meaning.user() : meaning.kernel();
                for (Access access : Access.values()) {
                    boolean allowed = (rights.bits() & access.requiredBit()) != 0;
                    String result = attempt(architecture, vector, access, user, false);
                    String who =
                            (user ? "user " : "kernel ") + access.name().toLowerCase(Locale.ROOT);
                    if (allowed && !result.equals("ok")) {
                        out.add(
                                vector.id()
                                        + ": "
                                        + who
                                        + " of "
                                        + Hex.of(vector.virtualAddress())
                                        + " is allowed by the meaning "
                                        + meaning
                                        + " but on the simulated CPU "
                                        + result);
                    } else if (!allowed
                            && !result.equals("PROTECTION at level " + meaning.level())) {
                        out.add(
                                vector.id()
                                        + ": "
                                        + who
                                        + " of "
                                        + Hex.of(vector.virtualAddress())
                                        + " must fault PROTECTION at level "
                                        + meaning.level()
                                        + " (meaning "
                                        + meaning
                                        + ") but on the simulated CPU "
                                        + result);
                    }
                }
            }
        }
        for (HardwareVector.AccessFault expected : vector.accessFaults()) {
            String result =
                    attempt(
                            architecture,
                            vector,
                            Access.valueOf(expected.access().name()),
                            expected.user(),
                            false);
            String wanted = expected.fault() + " at level " + expected.level();
            if (!result.equals(wanted)) {
                out.add(vector.id() + ": " + expected + " but on the simulated CPU " + result);
            }
        }
        if (!vector.afterWrite().isEmpty()) {
            SparseMemory memory = HardwareVectorCheck.memoryOf(architecture, vector);
            String result = attempt(architecture, vector, memory, Access.WRITE, false, true);
            if (!result.equals("ok")) {
                out.add(vector.id() + ": a kernel write with accessed/dirty updates on " + result);
            }
            for (Map.Entry<Long, Long> entry : vector.afterWrite().entrySet()) {
                long found = memory.readEntry(entry.getKey(), vector.entrySize());
                if (found != entry.getValue()) {
                    out.add(
                            vector.id()
                                    + ": after a kernel write with accessed/dirty updates the entry at "
                                    + Hex.of(entry.getKey())
                                    + " must be "
                                    + Hex.of(entry.getValue())
                                    + " but is "
                                    + Hex.of(found));
                }
            }
        }
        return out;
    }

    private static String attempt(
            Architecture architecture,
            HardwareVector vector,
            Access access,
            boolean user,
            boolean updates) {
        return attempt(
                architecture,
                vector,
                HardwareVectorCheck.memoryOf(architecture, vector),
                access,
                user,
                updates);
    }

    /**
     * "ok" when the access translates to the vector's address; else what happened, "FAULT at level
     * n" for a fault.
     */
    private static String attempt(
            Architecture architecture,
            HardwareVector vector,
            SparseMemory memory,
            Access access,
            boolean user,
            boolean updates) {
        SimulatedCpu cpu = new SimulatedCpu(architecture, memory);
        cpu.setAccessedDirtyUpdates(updates);
        try {
            cpu.loadRoot(vector.rootIndex(), vector.registerValue());
            long pa = cpu.translate(vector.virtualAddress(), access, user);
            return pa == vector.physicalAddress() ? "ok" : "translates to " + Hex.of(pa);
        } catch (PageFaultException e) {
            return e.faultType() + " at level " + e.level();
        }
    }
}
