// Pagoda's AArch64 boot stub for the QEMU cross-check. QEMU's gdbstub shows the translation registers
// read-only, so the CPU itself loads them: the harness patches the four quadwords at offset 8 (MAIR_EL1,
// TCR_EL1, TTBR0_EL1, TTBR1_EL1) into the assembled image, loads it into guest RAM and steps through it.
// Once SCTLR_EL1.M is set the next fetch usually faults (the stub's own address is rarely mapped) and the
// CPU loops through the exception vector; the translation regime stays as set, which is all gva2gpa needs.
    .text
    .global _start
_start:
    b       setup
    .balign 8
mair:   .quad 0
tcr:    .quad 0
ttbr0:  .quad 0
ttbr1:  .quad 0
setup:
    ldr     x0, mair
    msr     mair_el1, x0
    ldr     x0, tcr
    msr     tcr_el1, x0
    ldr     x0, ttbr0
    msr     ttbr0_el1, x0
    ldr     x0, ttbr1
    msr     ttbr1_el1, x0
    isb
    tlbi    vmalle1
    dsb     sy
    isb
    mrs     x0, sctlr_el1
    orr     x0, x0, #1
    msr     sctlr_el1, x0
    isb
enabled:
    b       enabled
