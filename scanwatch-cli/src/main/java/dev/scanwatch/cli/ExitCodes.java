package dev.scanwatch.cli;

/** Exit codes, as scripts will test them. */
final class ExitCodes {
    /** Ran to the end; alerts or none. */
    static final int OK = 0;
    /** An input could not be read at all (missing, not a capture, empty, corrupt from the start). */
    static final int INPUT_ERROR = 1;
    /** picocli's own code for a bad command line. */
    static final int USAGE = 2;
    static final int INTERNAL = 70;

    private ExitCodes() {
    }
}
