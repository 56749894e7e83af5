package dev.scanwatch.cli;

import java.util.function.Consumer;

/**
 * SIGUSR1 asks a running {@code listen} for its counters. sun.misc.Signal is not a standard API:
 * where it is missing or the signal cannot be caught, install returns false and the caller falls
 * back to periodic output. The handler only sets a flag; the collector thread prints.
 */
final class StatsSignal {

    private static final String SIGNAL = "USR1";

    private StatsSignal() {
    }

    static boolean install(Consumer<Boolean> requested) {
        try {
            sun.misc.Signal.handle(new sun.misc.Signal(SIGNAL), s -> requested.accept(true));
            return true;
        } catch (IllegalArgumentException | UnsupportedOperationException | LinkageError e) {
            return false;
        }
    }
}
