package dev.scanwatch.io.capture;

import java.io.IOException;

/**
 * Damaged compressed data, found while filling the input window. It is a data problem, not an
 * I/O failure, so the parsers turn it into a {@link CaptureProblem} instead of letting it escape.
 */
final class CorruptStreamException extends IOException {

    CorruptStreamException(String message, Throwable cause) {
        super(message, cause);
    }
}
