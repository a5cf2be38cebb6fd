package io.pagoda.qemu;

import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Debian kernels the real-guest tests boot, extracted (not installed) by {@code .ci/long-run}
 * into a cache directory reused across runs: {@code -Dpagoda.kernels=DIR}, default {@code
 * /var/tmp/pagoda-kernels}. A missing kernel fails the test with the commands that fetch it: CI
 * must not pass by skipping the real guest.
 */
final class DebianKernel {
    static final Path CACHE =
            Path.of(System.getProperty("pagoda.kernels", "/var/tmp/pagoda-kernels"));

    private DebianKernel() {}

    /**
     * {@code vmlinuz-FLAVOUR}: the bzImage of the package linux-image-FLAVOUR depends on; amd64
     * (Debian amd64), 686-pae and 686 (Debian i386: PAE and 32-bit paging).
     */
    static Path x86(String flavour) {
        return require("vmlinuz-" + flavour, flavour, "boot/vmlinuz-*");
    }

    /**
     * {@code vmlinuz-arm64}: the gzipped Image of the package linux-image-arm64 depends on (QEMU
     * unpacks it).
     */
    static Path arm64() {
        return require("vmlinuz-arm64", "arm64", "boot/vmlinuz-*");
    }

    /**
     * {@code vmlinuz-6.12-arm64-16k}: Debian's arm64 kernel with 16 KiB pages (bookworm's
     * linux-image-6.12-arm64-16k, built with 52-bit VAs and PAs through FEAT_LPA2, which it turns
     * on wherever the CPU has it).
     */
    static Path arm64With16kPages() {
        return require("vmlinuz-6.12-arm64-16k", "6.12-arm64-16k", "boot/vmlinuz-*");
    }

    private static Path require(String file, String arch, String member) {
        Path kernel = CACHE.resolve(file);
        if (!Files.isRegularFile(kernel)) {
            throw new AssertionError(
                    "the real-guest test needs a Debian "
                            + arch
                            + " kernel at "
                            + kernel
                            + " and it is missing."
                            + " Run .ci/long-run as root (it fetches it), or by hand (for a foreign architecture, with apt's"
                            + " -o APT::Architectures::=<arch> and a private Dir::State::Lists as .ci/long-run does):"
                            + " pkg=$(apt-cache depends linux-image-"
                            + arch
                            + " | sed -n 's/.*Depends: //p' | head -1); cd $(mktemp -d) && apt-get download $pkg && dpkg-deb -x ${pkg}_*.deb x"
                            + " && cp x/"
                            + member
                            + " "
                            + kernel);
        }
        return kernel;
    }
}
