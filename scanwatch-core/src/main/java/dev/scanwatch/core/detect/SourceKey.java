package dev.scanwatch.core.detect;

import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.net.IpAddress;

/** Detector state is keyed by scanner and protocol: one alert per (source, protocol) scan. */
record SourceKey(IpAddress src, Protocol protocol) implements java.io.Serializable {
}
