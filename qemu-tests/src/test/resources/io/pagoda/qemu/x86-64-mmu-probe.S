# Pagoda's x86-64 MMU probe for the QEMU cross-check. QEMU's gva2gpa and info tlb are debug walkers that
# check no reserved bit; this stub makes the TCG MMU itself translate. The harness puts the CPU in 64-bit
# mode through the gdbstub (paging on, CS = a 64-bit code descriptor at GDT offset 8; GDT and IDT at linear 0),
# loads this page at 0x8000 and a probe list at 0x10000 (16 bytes per probe: address, kind 0 = read, 1 = write),
# and runs to 'done'. Each probe's result (16 bytes at 0x20000 + 16 * i) is 1 when the access went through, or
# bit 63 | vector << 32 | error code, and CR2 for a page fault. Linear 0..0x2FFFF must be identity-mapped.
    .code64
    .text
    .global _start
_start:
    mov     $0x10000, %rsi
    mov     count(%rip), %rcx
    mov     $0x20000, %rdi
next:
    test    %rcx, %rcx
    jz      done
    mov     (%rsi), %rbx
    movq    $1, (%rdi)
    movq    $0, 8(%rdi)
    cmpq    $0, 8(%rsi)
    jne     write
read:
    mov     (%rbx), %rax            # 3 bytes: the fault handlers skip exactly 3
    jmp     advance
write:
    mov     %rax, (%rbx)            # 3 bytes likewise
advance:
    add     $16, %rsi
    add     $16, %rdi
    dec     %rcx
    jmp     next
done:
    jmp     done
    .balign 16
page_fault:
    pop     %rax
    bts     $63, %rax
    mov     $14, %rdx
    shl     $32, %rdx
    or      %rdx, %rax
    mov     %rax, (%rdi)
    mov     %cr2, %rax
    mov     %rax, 8(%rdi)
    addq    $3, (%rsp)
    iretq
    .balign 16
general_protection:
    pop     %rax
    bts     $63, %rax
    mov     $13, %rdx
    shl     $32, %rdx
    or      %rdx, %rax
    mov     %rax, (%rdi)
    addq    $3, (%rsp)
    iretq
    .balign 8
count:
    .quad   0
