package dev.scanwatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class LauncherOptionsTest {

    private static Path launcher() {
        return Path.of(System.getProperty("scanwatch.root", ".."), "scanwatch");
    }

    /** The fresh-JVM rows stand for the CLI only while they get the launcher's own defaults. */
    @Test
    void theChildrenGetTheLaunchersDefaults() throws Exception {
        String script = Files.readString(launcher());
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

    /**
     * The rule is written twice, in the bash launcher and here: the launcher itself, run with a
     * stand-in {@code java} that prints what it was given, must add exactly what this class says.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "-Xmx1g", "-XX:+UseG1GC", "-XX:+UseGCOverheadLimit -Xmx2g",
        "-XX:FreqInlineSize=50", "-XX:Tier4InvocationThreshold=5000 -XX:+UseSerialGC", "-Dnote=-XX:Tier4"})
    void theLauncherAddsWhatThisClassSays(String given, @TempDir Path dir) throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("scanwatch-cli/target"));
        Files.copy(launcher(), tree.resolve("scanwatch"));
        Files.writeString(tree.resolve("scanwatch-cli/target/scanwatch.jar"), ""); // present: nothing to build
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        ProcessBuilder pb = new ProcessBuilder("bash", tree.resolve("scanwatch").toString(), "analyze", "x.pcap");
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("SCANWATCH_JAVA_OPTS", given);
        pb.environment().remove("SCANWATCH_AOT_CACHE");
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();

        List<String> givenWords = given.isEmpty() ? List.of() : Arrays.asList(given.split(" "));
        List<String> expected = new ArrayList<>();
        expected.addAll(LauncherOptions.defaultsNotIn(givenWords));
        expected.addAll(givenWords);
        expected.addAll(List.of("-jar", tree.resolve("scanwatch-cli/target/scanwatch.jar").toString(), "analyze",
                "x.pcap"));
        List<String> passed = out.lines().toList();
        assertThat(passed.subList(passed.size() - 4, passed.size())).isEqualTo(expected.subList(expected.size() - 4,
                expected.size()));
        assertThat(passed).containsExactlyInAnyOrderElementsOf(expected);
        // The given options come after the defaults: of two of a kind, the JVM takes the last.
        for (String option : givenWords) {
            for (String dflt : LauncherOptions.defaultsNotIn(givenWords)) {
                assertThat(passed.indexOf(option)).as(option + " after " + dflt).isGreaterThan(passed.indexOf(dflt));
            }
        }
    }
}
