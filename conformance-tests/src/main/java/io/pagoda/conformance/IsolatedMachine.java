package io.pagoda.conformance;

import static io.pagoda.conformance.Checks.check;

import io.pagoda.paging.Hex;
import io.pagoda.paging.MappingAccessRights;
import io.pagoda.paging.MappingFlags;
import io.pagoda.paging.cpu.Access;
import io.pagoda.paging.cpu.PageFaultException;
import io.pagoda.paging.cpu.SimulatedCpu;
import io.pagoda.paging.machine.Machine;
import io.pagoda.paging.space.AddressSpace;
import io.pagoda.paging.spi.AddressLayout;

/**
 * A booted machine with a kernel mapping, and an active user address space with user and kernel
 * mappings.
 */
final class IsolatedMachine {
    /** Null when the access faults, else what it reached. */
    static String reached(SimulatedCpu cpu, long va, Access access, boolean user) {
        try {
            long pa = cpu.translate(va, access, user);
            return "reaches " + Hex.of(pa);
        } catch (PageFaultException expected) {
            return null;
        }
    }

    private final Machine mmu;
    private final AddressSpace user;
    private final MappingFlags userFlags;
    private final MappingFlags kernelFlags;
    private final long userVa;
    private final long kernelVa;

    private IsolatedMachine(
            Machine mmu,
            AddressSpace user,
            MappingFlags userFlags,
            MappingFlags kernelFlags,
            long userVa,
            long kernelVa) {
        this.mmu = mmu;
        this.user = user;
        this.userFlags = userFlags;
        this.kernelFlags = kernelFlags;
        this.userVa = userVa;
        this.kernelVa = kernelVa;
    }

    /**
     * Boots a machine for the subject: kernel pages mapped from the bootstrap space, a user space
     * active with its own pages and more kernel ones.
     */
    static IsolatedMachine boot(ConformanceSubject subject, Machine.Options options) {
        Machine mmu = subject.newMachine(options).mmu();
        AddressLayout layout = mmu.layout();
        long page = mmu.cpu().pageSize();
        int userRoot = mmu.architecture().rootIndexFor(layout.userFirst()).orElse(-1);
        int kernelRoot = mmu.architecture().rootIndexFor(layout.kernelFirst()).orElse(-1);
        ExpressibleFlags userExpressible =
                ExpressibleFlags.of(mmu.architecture().roots().get(Math.max(0, userRoot)));
        ExpressibleFlags kernelExpressible =
                ExpressibleFlags.of(mmu.architecture().roots().get(Math.max(0, kernelRoot)));
        MappingFlags userFlags = best(userExpressible, true);
        MappingFlags kernelFlags = best(kernelExpressible, false);
        AddressSpace kernel = AddressSpace.bootstrap(mmu);
        long kernelVa =
                kernel.findFreeSpace(4 * page, layout.kernelFirst(), layout.kernelLast(), page)
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no free kernel space in "
                                                        + Hex.of(layout.kernelFirst())
                                                        + ".."
                                                        + Hex.of(layout.kernelLast())));
        kernel.map(kernelVa, 2 * page, kernelFlags);
        AddressSpace user = AddressSpace.create(mmu);
        user.activate();
        long userVa =
                user.findFreeSpace(4 * page, page)
                        .orElseThrow(
                                () ->
                                        new AssertionError(
                                                "no free user space in "
                                                        + Hex.of(layout.userFirst())
                                                        + ".."
                                                        + Hex.of(layout.userLast())));
        user.map(userVa, 4 * page, userFlags);
        user.map(kernelVa + 2 * page, 2 * page, kernelFlags);
        return new IsolatedMachine(mmu, user, userFlags, kernelFlags, userVa, kernelVa);
    }

    /**
     * The user flags with the most rights (read-write, executable only where the format cannot say
     * otherwise).
     */
    private static MappingFlags best(ExpressibleFlags expressible, boolean userAccessible) {
        MappingFlags best = null;
        for (MappingFlags flags : expressible.plain()) {
            if (flags.rights().isUserAccessible() == userAccessible
                    && flags.rights().isReadable()
                    && (best == null || score(flags) > score(best))) {
                best = flags;
            }
        }
        if (best == null) {
            throw new AssertionError(
                    "the format expresses no readable "
                            + (userAccessible ? "user" : "kernel")
                            + " mapping");
        }
        return best;
    }

    private static int score(MappingFlags flags) {
        return (flags.rights().isWritable() ? 2 : 0) + (flags.rights().isExecutable() ? 0 : 1);
    }

    Machine mmu() {
        return mmu;
    }

    AddressSpace user() {
        return user;
    }

    MappingFlags userFlags() {
        return userFlags;
    }

    /**
     * Whether the kernel root's format can say "kernel data, not executable" (then table windows
     * must say it).
     */
    boolean kernelDataIsNeverExecutable() {
        int kernelRoot = mmu.architecture().rootIndexFor(mmu.layout().kernelFirst()).orElse(0);
        return ExpressibleFlags.of(mmu.architecture().roots().get(kernelRoot))
                .all()
                .contains(MappingFlags.of(MappingAccessRights.KERNEL_RW));
    }

    /** The probes mean something: user mode reaches its own page and faults on the kernel's. */
    void checkProbesAreMeaningful() {
        SimulatedCpu cpu = mmu.cpu();
        check(
                reached(cpu, userVa, Access.READ, true) != null,
                () ->
                        "user mode cannot read its own page "
                                + Hex.of(userVa)
                                + " mapped "
                                + userFlags
                                + ", so the isolation probes prove nothing");
        check(
                reached(cpu, kernelVa, Access.READ, true) == null,
                () ->
                        "user mode reads the kernel page "
                                + Hex.of(kernelVa)
                                + " mapped "
                                + kernelFlags);
        check(
                reached(cpu, kernelVa, Access.READ, false) != null,
                () -> "the kernel cannot read its own page " + Hex.of(kernelVa));
    }
}
