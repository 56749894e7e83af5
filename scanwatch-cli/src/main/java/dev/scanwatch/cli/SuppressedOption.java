package dev.scanwatch.cli;

import picocli.CommandLine.Option;

/**
 * {@code --show-suppressed}, shared by every command that writes alerts, because every one of
 * them ends with the "held back" line that names it.
 */
final class SuppressedOption {

    @Option(names = "--show-suppressed", description = "Also write alerts held back by a false-positive exit "
            + "(peer-to-peer clients, authorised scanners), marked with suppressed_by.")
    boolean show;
}
