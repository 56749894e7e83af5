package dev.scanwatch.core.detect;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;

/**
 * What detector state is kept under: one alert per (source, protocol) scan. The detector files
 * it by a keyed hash of its fields ({@link SourceTable}; docs/DECISIONS.md §16), not by this
 * record's own hash, which anyone can make collide.
 */
record SourceKey(IpAddress src, Protocol protocol) implements java.io.Serializable {
}
