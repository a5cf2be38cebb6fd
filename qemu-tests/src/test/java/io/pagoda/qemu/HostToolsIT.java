package io.pagoda.qemu;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** A missing host program fails the run with the package to install, never a skip. */
class HostToolsIT {

    @Test
    void aMissingProgramFailsNamingThePackageToInstall() {
        AssertionError error =
                assertThrows(
                        AssertionError.class,
                        () ->
                                HostTools.require(
                                        "pagoda-no-such-program", "pagoda-no-such-package"));
        assertTrue(
                error.getMessage().contains("'pagoda-no-such-program'")
                        && error.getMessage().contains("pagoda-no-such-package")
                        && error.getMessage().contains(".ci/long-run"),
                error.getMessage());
    }

    @Test
    void everyProgramTheCrossChecksDriveIsInstalled() {
        HostTools.qemuX86();
        HostTools.qemuAarch64();
        HostTools.gdbX86();
        HostTools.gdbAarch64();
        HostTools.aarch64Assembler();
        HostTools.aarch64Linker();
        HostTools.aarch64Objcopy();
        for (String tool : new String[] {"as", "ld", "objcopy", "nm"}) {
            HostTools.hostBinutils(tool);
        }
    }
}
