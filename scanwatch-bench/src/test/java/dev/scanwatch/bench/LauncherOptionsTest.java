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
import org.junit.jupiter.params.provider.CsvSource;
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
        assertThat(LauncherOptions.defaultsNotIn(List.of())).containsExactly("-Xmx672m", LauncherOptions.GC, LauncherOptions.INLINING,
                "-XX:Tier4InvocationThreshold=200000", "-XX:Tier4CompileThreshold=600000",
                "-XX:Tier4BackEdgeThreshold=1600000");
        assertThat(LauncherOptions.defaultsNotIn(List.of("-XX:+UseG1GC", "-XX:Tier4InvocationThreshold=5000", "-Xmx1g")))
                .containsExactly(LauncherOptions.INLINING);
        assertThat(LauncherOptions.defaultsNotIn(List.of("-XX:+UseGCOverheadLimit"))).contains(LauncherOptions.GC);
        for (String sizing : List.of("-XX:MaxRAMPercentage=50", "-Xms1g", "-XX:InitialHeapSize=1g", "-XX:MinHeapSize=64m",
                "-XX:InitialRAMPercentage=5", "-XX:MaxRAM=4g")) {
            assertThat(LauncherOptions.defaultsNotIn(List.of(sizing))).as(sizing).doesNotContain("-Xmx672m");
        }
        assertThat(LauncherOptions.compilation()).noneMatch(o -> o.startsWith("-Xmx") || o.equals(LauncherOptions.GC));
    }

    /**
     * The rule is written twice, in the bash launcher and here: the launcher itself, run with a
     * stand-in {@code java} that prints what it was given, must add exactly what this class says.
     */
    @ParameterizedTest
    @ValueSource(strings = {"", "-Xmx1g", "-Xms1g", "-XX:+UseG1GC", "-XX:+UseGCOverheadLimit -Xmx2g",
        "-XX:FreqInlineSize=50", "-XX:Tier4InvocationThreshold=5000 -XX:+UseSerialGC", "-Dnote=-XX:Tier4"})
    void theLauncherAddsWhatThisClassSays(String given, @TempDir Path dir) throws Exception {
        Path tree = dir.resolve("tree");
        List<String> passed = launch(dir, given, "analyze", "x.pcap");

        List<String> givenWords = given.isEmpty() ? List.of() : Arrays.asList(given.split(" "));
        List<String> expected = new ArrayList<>();
        expected.addAll(LauncherOptions.defaultsNotIn(givenWords));
        expected.addAll(givenWords);
        expected.addAll(List.of("-jar", tree.resolve("scanwatch-cli/target/scanwatch.jar").toString(), "analyze",
                "x.pcap"));
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

    /**
     * The heap follows the state's cap: --max-memory, else the config file's max_memory, else
     * 512m, plus the allowance. Wherever the launcher cannot be sure of the cap it leaves the heap
     * to the JVM: a heap below the state is worse than a large one. So no heap for a config file
     * that sets a capacity of its own (the state may outgrow its cap), one whose max_memory it does
     * not read as a plain quoted size (a quoted key, an inline table, an integer), one that is not
     * a plain file (a pipe read here would be empty for the CLI), an @argfile, or a cap it does
     * not read as a size; and arguments after "--" are not options.
     */
    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '`', value = {
        "analyze x.pcap|                                   |-Xmx672m",
        "analyze --max-memory 2g x.pcap|                   |-Xmx2208m",
        "analyze --max-memory=100m x.pcap|                 |-Xmx260m",
        "analyze --max-memory 300000000 x.pcap|            |-Xmx447m",
        "analyze --max-memory 1.5g x.pcap|                 |",
        "analyze --max-memory 99999999999g x.pcap|         |",
        "analyze --config c.toml x.pcap|[memory]\\nmax_memory = \"1g\"|-Xmx1184m",
        "analyze --config=c.toml x.pcap|[memory]\\nmax_memory = '3G' # big|-Xmx3232m",
        "analyze --config c.toml x.pcap|memory.max_memory = \"768m\"|-Xmx928m",
        "analyze --config c.toml --max-memory 256m x.pcap|[memory]\\nmax_memory = \"1g\"|-Xmx416m",
        "analyze --config c.toml x.pcap|[detector]\\nmax_sources = 5000000|",
        "listen --config c.toml -i lo|[tracker]\\nmax_conversations = 10|",
        "listen -i lo --max-memory 64m|                    |-Xmx224m",
        "analyze --max-memory 4g -- --max-memory 1g|       |-Xmx4256m",
        "analyze @more-args x.pcap|                        |",
        "analyze --config c.toml x.pcap|\"max_memory\" = \"2g\"|",
        "analyze --config c.toml x.pcap|memory = { max_memory = \"2g\" }|",
        "analyze --config c.toml x.pcap|[memory]\\nmax_memory = 2147483648|",
        "analyze --config c.toml x.pcap|detector = { max_sources = 5 }|",
        "analyze --config c.toml x.pcap|[memory]\\nmax_memory = \"1g\"\\n[other]\\nmax_memory = \"2g\"|",
        "analyze --config c.toml x.pcap|# nothing to say|-Xmx672m",
        "analyze --config c.toml x.pcap|[memory]\\n\"max\\u005fmemory\" = \"2g\"|",
        "analyze --config c.toml x.pcap|[detector]\\n\"max\\u005Fsources\" = 5|",
        "analyze --config c.toml x.pcap|[memory]\\nmax_memory = \"1g\" # not max_sources|-Xmx1184m",
        "analyze --config c.toml x.pcap|# max_sources = 5 (commented out, as config --defaults writes it)|-Xmx672m",
        "analyze --config c.toml x.pcap|[memory]\\n# max_memory = \"2g\"|-Xmx672m",
        "analyze --config c.toml x.pcap|[memory]\\n# Unset, follows max_memory\\nmax_memory = \"1g\" # mine|-Xmx1184m",
        "analyze --config missing.toml x.pcap|             |",
        "analyze --config . x.pcap|                        |"})
    void theHeapFollowsTheCap(String args, String config, String heap, @TempDir Path dir) throws Exception {
        if (config != null) {
            Files.writeString(dir.resolve("c.toml"), config.replace("\\n", "\n") + "\n");
        }
        List<String> passed = launch(dir, "", args.split(" "));
        List<String> heaps = passed.stream().filter(o -> o.startsWith("-Xmx")).toList();
        assertThat(heaps).isEqualTo(heap == null ? List.of() : List.of(heap));
        if (heap != null && !args.contains("-memory") && (config == null || !config.contains("max_memory"))) {
            assertThat(heap).isEqualTo(LauncherOptions.heap(512L << 20));
        }
    }

    /** A heap size in the JVM's own environment variables is the user's too: the launcher adds none over it. */
    @ParameterizedTest
    @ValueSource(strings = {"JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS"})
    void aHeapSizedThroughTheJvmsEnvironmentStands(String variable, @TempDir Path dir) throws Exception {
        List<String> passed = launch(dir, "", java.util.Map.of(variable, "-Dx=1 -XX:MaxRAMPercentage=40"), "analyze",
                "x.pcap");
        assertThat(passed).noneMatch(o -> o.startsWith("-Xmx")).contains(LauncherOptions.GC);
    }

    /** Runs the launcher in a copy of the tree, with a stand-in {@code java} that prints its arguments, one a line. */
    private static List<String> launch(Path dir, String javaOpts, String... args) throws Exception {
        return launch(dir, javaOpts, java.util.Map.of(), args);
    }

    private static List<String> launch(Path dir, String javaOpts, java.util.Map<String, String> env, String... args)
            throws Exception {
        Path tree = dir.resolve("tree");
        Files.createDirectories(tree.resolve("scanwatch-cli/target"));
        Files.copy(launcher(), tree.resolve("scanwatch"));
        Files.writeString(tree.resolve("scanwatch-cli/target/scanwatch.jar"), ""); // present: nothing to build
        Path bin = Files.createDirectories(dir.resolve("bin"));
        Path java = bin.resolve("java");
        Files.writeString(java, "#!/bin/sh\nprintf '%s\\n' \"$@\"\n");
        Files.setPosixFilePermissions(java, PosixFilePermissions.fromString("rwxr-xr-x"));

        List<String> command = new ArrayList<>(List.of("bash", tree.resolve("scanwatch").toString()));
        command.addAll(Arrays.asList(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.directory(dir.toFile());
        pb.environment().put("PATH", bin + ":" + System.getenv("PATH"));
        pb.environment().put("SCANWATCH_JAVA_OPTS", javaOpts);
        pb.environment().remove("SCANWATCH_AOT_CACHE");
        pb.environment().remove("JAVA_TOOL_OPTIONS");
        pb.environment().remove("JDK_JAVA_OPTIONS");
        pb.environment().putAll(env);
        pb.redirectErrorStream(true);
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor(30, TimeUnit.SECONDS)).isTrue();
        assertThat(p.exitValue()).as(out).isZero();
        return out.lines().toList();
    }
}
