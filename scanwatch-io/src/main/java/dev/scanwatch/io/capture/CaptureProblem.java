package dev.scanwatch.io.capture;

/**
 * Why reading a capture stopped early: what was wrong, and where.
 *
 * @param source the file name as the user gave it ("-" for stdin)
 * @param offset byte offset in the (decompressed) capture where the bad record or block starts
 * @param message a short description, e.g. "truncated record: 60 of 74 bytes"
 */
public record CaptureProblem(String source, long offset, String message) {
    /** One line naming the file and offset, fit for stderr. */
    public String describe() {
        return source + ": " + message + " at byte offset " + offset;
    }
}
