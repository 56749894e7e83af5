package dev.scanwatch.io.sink;

import dev.scanwatch.core.alert.AlertListener;

/** Where alerts go; closed at the end of the run so buffered output is written. */
public interface AlertSink extends AlertListener, AutoCloseable {
    @Override
    void close();
}
