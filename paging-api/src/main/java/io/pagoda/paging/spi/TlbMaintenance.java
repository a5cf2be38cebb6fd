package io.pagoda.paging.spi;

/**
 * The primitive invalidations a TLB model offers. An architecture's {@link TlbInstructions} express
 * their instructions (INVLPG, MOV CR3, TLBI ...) with these; the simulated TLB implements them.
 */
public interface TlbMaintenance {

    /**
     * Drops cached translations of the page holding {@code va}: those tagged {@code tag} (or any
     * tag when {@code anyTag}), and global ones too when {@code includeGlobal}. A large page is
     * dropped by any address in it.
     *
     * @param va any virtual address in the page
     * @param tag the address-space tag whose translations are dropped
     * @param anyTag whether translations of every tag are dropped
     * @param includeGlobal whether global translations are dropped too
     */
    void dropPage(long va, int tag, boolean anyTag, boolean includeGlobal);

    /**
     * Drops every translation tagged {@code tag}; global ones too when {@code includeGlobal}.
     *
     * @param tag the address-space tag
     * @param includeGlobal whether global translations are dropped too
     */
    void dropTag(int tag, boolean includeGlobal);

    /** Drops everything, global entries and every tag included. */
    void dropAll();
}
