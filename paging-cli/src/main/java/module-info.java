/** The {@code pagoda} command: list architectures, inspect and translate through tables in memory images. */
module io.pagoda.cli {
    requires io.pagoda.paging;
    requires info.picocli;

    // picocli sets the annotated option fields reflectively
    opens io.pagoda.cli to info.picocli;

    uses io.pagoda.paging.image.TlbLineFormat;
}
