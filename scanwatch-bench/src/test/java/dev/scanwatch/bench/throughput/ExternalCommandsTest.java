package dev.scanwatch.bench.throughput;

import static org.assertj.core.api.Assertions.assertThat;

import dev.scanwatch.bench.LauncherOptions;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ExternalCommandsTest {

    /** The fresh-JVM rows stand for the CLI only while they get the launcher's own defaults. */
    @Test
    void theChildrenGetTheLaunchersDefaults() throws Exception {
        Path launcher = Path.of(System.getProperty("scanwatch.root", ".."), "scanwatch");
        String script = Files.readString(launcher);
        assertThat(script).contains("opts=\"" + LauncherOptions.GC + " $opts\"",
                "opts=\"" + LauncherOptions.INLINING + " $opts\"",
                "opts=\"" + LauncherOptions.C2_THRESHOLDS + " $opts\"");
    }

    /**
     * An option the bench's JVM was given replaces the default of its kind only, as the launcher
     * decides for SCANWATCH_JAVA_OPTS (an option that merely mentions GC names no collector).
     */
    @Test
    void anOptionGivenReplacesItsDefault() {
        assertThat(LauncherOptions.defaultsNotIn(List.of())).containsExactly(LauncherOptions.GC, LauncherOptions.INLINING,
                "-XX:Tier4InvocationThreshold=200000", "-XX:Tier4CompileThreshold=600000",
                "-XX:Tier4BackEdgeThreshold=1600000");
        assertThat(LauncherOptions.defaultsNotIn(List.of("-XX:+UseG1GC", "-XX:Tier4InvocationThreshold=5000", "-Xmx1g")))
                .containsExactly(LauncherOptions.INLINING);
        assertThat(LauncherOptions.defaultsNotIn(List.of("-XX:+UseGCOverheadLimit"))).contains(LauncherOptions.GC);
    }
}
