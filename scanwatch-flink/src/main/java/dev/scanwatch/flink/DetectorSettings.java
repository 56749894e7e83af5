package dev.scanwatch.flink;

import dev.scanwatch.cli.config.ConfigBuilders;
import dev.scanwatch.cli.config.ConfigException;
import dev.scanwatch.cli.config.Settings;
import dev.scanwatch.core.detect.DetectorConfig;

import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The detector settings as they travel to the task managers: the text of the scanwatch TOML
 * configuration file (the core's {@link DetectorConfig} is not serialisable, and the file may
 * not exist on the cluster's machines). It is parsed by the command line's own classes
 * ({@link Settings}, {@link ConfigBuilders}) on the client, to fail early, and again in each
 * operator's {@code open()}.
 */
public final class DetectorSettings implements Serializable {

    private static final long serialVersionUID = 1L;

    /** Where the text came from, for messages; null for the defaults. */
    private final String source;
    private final String toml;

    private DetectorSettings(String source, String toml) {
        this.source = source;
        this.toml = toml;
    }

    public static DetectorSettings defaults() {
        return new DetectorSettings(null, null);
    }

    /** Reads and validates a configuration file. */
    public static DetectorSettings fromFile(Path file) throws ConfigException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        DetectorSettings s = new DetectorSettings(file.toString(), text);
        s.parse();
        return s;
    }

    /** The detector configuration (defaults, then the file). */
    public DetectorConfig detectorConfig() {
        try {
            return parse();
        } catch (ConfigException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }

    private DetectorConfig parse() throws ConfigException {
        ConfigBuilders b = new ConfigBuilders();
        if (toml != null) {
            Settings.apply(source, toml, b);
        }
        try {
            return b.detectorConfig();
        } catch (IllegalArgumentException e) {
            throw new ConfigException((source == null ? "" : source + ": ") + e.getMessage());
        }
    }

    @Override
    public String toString() {
        return source == null ? "defaults" : source;
    }
}
