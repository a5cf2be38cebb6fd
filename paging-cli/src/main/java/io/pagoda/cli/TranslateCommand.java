package io.pagoda.cli;

import io.pagoda.paging.cpu.PageWalker;
import io.pagoda.paging.cpu.WalkResult;
import io.pagoda.paging.spi.FaultType;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code pagoda translate}: walks each virtual address as the hardware would, through the tables in
 * an image.
 */
@Command(
        name = "translate",
        mixinStandardHelpOptions = true,
        description = {
            "Translate virtual addresses through the page tables in a memory image, one line each:",
            "'0x<va> 0x<pa>' or '0x<va> unmapped <fault> at level <n> (<why>)'."
        })
final class TranslateCommand implements Runnable {
    @Spec CommandSpec spec;

    @Mixin TargetOptions target;

    @Parameters(index = "0", paramLabel = "IMAGE", description = "The memory image.")
    Path image;

    @Parameters(
            index = "1..*",
            arity = "1..*",
            paramLabel = "VA",
            converter = Numbers.class,
            description = "Virtual addresses.")
    List<Long> addresses;

    @Override
    public void run() {
        PrintWriter out = spec.commandLine().getOut();
        Target t = Target.open(target, image);
        PrintWriter err = spec.commandLine().getErr();
        if (t.detection() != null) {
            err.println(t.detection());
        }
        for (String warning : t.warnings()) {
            err.println("pagoda: warning: " + warning);
        }
        err.flush();
        PageWalker walker = new PageWalker(t.architecture(), t.memory());
        for (long va : addresses) {
            out.println(line(t, walker, va));
        }
        out.flush();
    }

    static String line(Target t, PageWalker walker, long va) {
        int rootIndex = t.architecture().rootIndexFor(va).orElse(-1);
        if (rootIndex >= t.registers().length) {
            String register = t.architecture().roots().get(rootIndex).registerName();
            return Numbers.hex(va)
                    + " unmapped no_root ("
                    + register
                    + " translates it; give its value with --root-upper)";
        }
        WalkResult result = walker.walk(va, t.registers());
        if (!result.isFault()) {
            return Numbers.hex(va) + " " + Numbers.hex(result.physicalAddress());
        }
        String fault = result.fault().name().toLowerCase(Locale.ROOT);
        String where =
                result.fault() == FaultType.NON_CANONICAL || result.level() < 0
                        ? ""
                        : " at level " + result.level();
        return Numbers.hex(va)
                + " unmapped "
                + fault
                + where
                + (result.detail() == null ? "" : " (" + result.detail() + ")");
    }
}
