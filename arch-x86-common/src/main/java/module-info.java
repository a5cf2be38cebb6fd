/**
 * What the x86 paging architectures share: the PAT memory types, the entry bits, the rights bits
 * and the INVLPG / MOV CR3 / CR4.PGE semantics. A family library, not an architecture: it provides
 * nothing and knows no variant, so it is exported only to the two x86 architecture modules (on the
 * class path, and in the shaded command jar, module descriptors do not apply and the classes are
 * simply there).
 */
@SuppressWarnings(
        "module") // trailing digits in the name, and the two target modules are compiled after this
// one
module io.pagoda.arch.x86 {
    requires static org.jspecify;
    requires transitive io.pagoda.paging;

    exports io.pagoda.arch.x86 to
            io.pagoda.arch.i386,
            io.pagoda.arch.x86_64;
}
