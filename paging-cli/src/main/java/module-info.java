/**
 * The {@code pagoda} command: list architectures, inspect and translate through tables in memory
 * images.
 */
module io.pagoda.cli {
    requires io.pagoda.paging;
    requires info.picocli;
    // only 'pagoda conformance' needs the kit (and JUnit under it); the other commands run without
    // them
    requires static io.pagoda.conformance;
    // demo assembles its machine with paging-api's Guice module
    requires static com.google.guice;

    // picocli sets the annotated option fields reflectively
    opens io.pagoda.cli to
            info.picocli;

    uses io.pagoda.paging.image.TlbLineFormat;
}
