package dev.scanwatch.cli.config;

import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.memory.MemoryBudget;
import dev.scanwatch.core.track.TrackerConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.lang.reflect.RecordComponent;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SettingsTest {

    @TempDir
    Path dir;

    @Test
    void printedDefaultsAreExactlyTheCodesDefaults() throws Exception {
        ConfigBuilders b = new ConfigBuilders();
        Settings.apply("defaults", new TomlMapper().readTree(Settings.defaultsToml()), b);
        assertThat(b.detectorConfig().hashSeed()).isNotZero();
        assertThat(b.detectorConfig().toBuilder().hashSeed(0).build()).isEqualTo(DetectorConfig.defaults());
        // The hash seed is no setting: each run draws its own (TrackerConfig says why).
        assertThat(b.tracker().hashSeed()).isNotZero();
        assertThat(b.tracker().withHashSeed(0)).isEqualTo(TrackerConfig.defaults());
    }

    @Test
    void everyDetectorSettingHasALineInTheFile() {
        // Components split over several keys, or named differently in the file.
        Map<String, String> renamed = Map.of("homeNets", "network.home_nets", "exits", "false_positives.allow_sources",
                "sequentialEnabled", "sequential_test.enabled", "sequentialTest", "sequential_test.theta0",
                "outboundSweepMinHosts", "outbound.sweep_min_hosts", "outboundScanMinPorts", "outbound.scan_min_ports",
                "p2pMinPeers", "false_positives.p2p_min_peers");
        for (RecordComponent c : DetectorConfig.class.getRecordComponents()) {
            if (c.getName().equals("hashSeed")) {
                continue; // drawn per run, not configured
            }
            String expected = renamed.getOrDefault(c.getName(),
                    "detector." + c.getName().replaceAll("([A-Z])", "_$1").toLowerCase());
            assertThat(Settings.paths()).as("setting for DetectorConfig.%s", c.getName()).contains(expected);
        }
        for (RecordComponent c : TrackerConfig.class.getRecordComponents()) {
            if (c.getName().equals("hashSeed")) {
                continue; // drawn per run, not configured
            }
            assertThat(Settings.paths()).contains("tracker." + c.getName().replaceAll("([A-Z])", "_$1").toLowerCase());
        }
    }

    @Test
    void fileChangesOnlyWhatItNames() throws Exception {
        Path f = dir.resolve("scanwatch.toml");
        Files.writeString(f, """
                [detector]
                sweep_min_hosts = 7
                source_idle = "90s"
                [false_positives]
                authorised_scanners = ["192.0.2.10/32"]
                allow_destinations = ["10.0.0.5:443", ":123"]
                [sequential_test]
                enabled = false
                """);
        ConfigBuilders b = new ConfigBuilders();
        Settings.apply(f, b);
        DetectorConfig d = b.detectorConfig();
        assertThat(d.sweepMinHosts()).isEqualTo(7);
        assertThat(d.sourceIdle()).isEqualTo(Duration.ofSeconds(90));
        assertThat(d.sequentialEnabled()).isFalse();
        assertThat(d.scanMinPorts()).isEqualTo(DetectorConfig.DEFAULT_SCAN_MIN_PORTS);
        assertThat(d.exits().allowDestinations()).hasToString("[10.0.0.5/32:443, :123]");
        assertThat(d.exits().authorisedScanners().blocks()).hasSize(1);
    }

    /**
     * The printed defaults leave the capacities that follow the memory cap unset: a file made
     * from them, with a larger cap, gets the larger capacities (written out, the default cap's
     * values had pinned them).
     */
    @Test
    void aFileMadeFromTheDefaultsFollowsItsMemoryCap() throws Exception {
        String text = Settings.defaultsToml().replace("max_memory = \"512m\"", "max_memory = \"2g\"");
        assertThat(text).contains("max_memory = \"2g\"").contains("# max_sources = ");
        ConfigBuilders b = new ConfigBuilders();
        Settings.apply("from-defaults", new TomlMapper().readTree(text), b);
        MemoryBudget twoGig = MemoryBudget.parse("2g");
        assertThat(b.detectorConfig().maxSources()).isEqualTo(twoGig.maxSources());
        assertThat(b.detectorConfig().maxSlowSources()).isEqualTo(twoGig.maxSlowSources());
        assertThat(b.detectorConfig().maxStateBytes()).isEqualTo(twoGig.maxStateBytes());
        assertThat(b.detectorConfig().maxTargets()).isEqualTo(twoGig.maxTargets());
        assertThat(b.tracker().maxConversations()).isEqualTo(twoGig.maxConversations());
    }

    @Test
    void theMemoryCapSetsTheCapacitiesUnlessOneIsGiven() throws Exception {
        Path f = dir.resolve("memory.toml");
        Files.writeString(f, """
                [detector]
                max_sources = 1000
                [memory]
                max_memory = "2g"
                """);
        ConfigBuilders b = new ConfigBuilders();
        Settings.apply(f, b);
        MemoryBudget twoGig = MemoryBudget.parse("2g");
        assertThat(b.detectorConfig().maxSources()).isEqualTo(1000);
        assertThat(b.detectorConfig().maxStateBytes()).isEqualTo(twoGig.maxStateBytes());
        assertThat(b.tracker().maxConversations()).isEqualTo(twoGig.maxConversations());
        assertThat(twoGig.maxConversations()).isBetween(4 * TrackerConfig.DEFAULT_MAX_CONVERSATIONS,
                4 * TrackerConfig.DEFAULT_MAX_CONVERSATIONS + 4); // each truncated to whole entries
    }

    /** A JVM without compressed references (a heap from about 32 GiB) gets the capacities of that kind of budget. */
    @Test
    void theCapacitiesFollowTheJvmsReferences() throws Exception {
        Path f = dir.resolve("wide.toml");
        Files.writeString(f, "[memory]\nmax_memory = \"40g\"\n");
        ConfigBuilders b = new ConfigBuilders();
        Settings.apply(f, b);
        b.compressedReferences = false;
        MemoryBudget wide = MemoryBudget.parse("40g").withCompressedReferences(false);
        assertThat(b.detectorConfig().maxStateBytes()).isEqualTo(wide.maxStateBytes());
        assertThat(b.detectorConfig().maxSources()).isEqualTo(wide.maxSources());
        assertThat(b.detectorConfig().maxTargets()).isEqualTo(wide.maxTargets());
        assertThat(b.tracker().maxConversations()).isEqualTo(wide.maxConversations());
        assertThat(wide.maxConversations()).isLessThan(MemoryBudget.parse("40g").maxConversations());
    }

    @Test
    void mistakesNameTheFileAndTheSetting() throws IOException {
        Path unknown = dir.resolve("a.toml");
        Files.writeString(unknown, "[detector]\nsweep_min_host = 7\n");
        assertThatThrownBy(() -> Settings.apply(unknown, new ConfigBuilders()))
                .hasMessage(unknown + ": unknown setting detector.sweep_min_host (scanwatch config --defaults lists them all)");
        Path wrongType = dir.resolve("b.toml");
        Files.writeString(wrongType, "[detector]\nsource_idle = \"soon\"\n");
        assertThatThrownBy(() -> Settings.apply(wrongType, new ConfigBuilders()))
                .hasMessageStartingWith(wrongType + ": detector.source_idle: expected a duration");
        Path broken = dir.resolve("c.toml");
        Files.writeString(broken, "[detector\n");
        assertThatThrownBy(() -> Settings.apply(broken, new ConfigBuilders()))
                .hasMessageStartingWith(broken + ": not valid TOML");
        assertThatThrownBy(() -> Settings.apply(dir.resolve("none.toml"), new ConfigBuilders()))
                .hasMessage(dir.resolve("none.toml") + ": no such file");
    }
}
