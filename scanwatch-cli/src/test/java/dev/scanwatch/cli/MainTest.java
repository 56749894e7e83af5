package dev.scanwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Only the subcommand named is built, and every other command line still sees them all. */
class MainTest {

    private static final List<String> EVERY_SUBCOMMAND = List.of("analyze", "listen", "publish", "eval", "config", "help");

    @Test
    void aNamedSubcommandIsBuiltAlone() {
        assertThat(Main.subcommandsFor(new String[] {"analyze", "x.pcap"})).containsExactly(AnalyzeCommand.class);
        assertThat(Main.subcommandsFor(new String[] {"config", "--defaults"})).containsExactly(ConfigCommand.class);
        assertThat(subcommandsOf("analyze", "x.pcap")).containsExactly("analyze");
        assertThat(subcommandsOf("--help")).containsExactlyElementsOf(EVERY_SUBCOMMAND);
    }

    private static Set<String> subcommandsOf(String... args) {
        PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        return Main.commandLine(new ByteArrayInputStream(new byte[0]), sink, sink, args).getSubcommands().keySet();
    }

    @Test
    void anythingElseGetsEverySubcommand() {
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("help", "analyze"),
                List.of("analyz"), List.of("x.pcap"))) {
            // The names, not Main's own list: a subcommand dropped from that list must show here.
            assertThat(subcommandsOf(args.toArray(String[]::new))).containsExactlyElementsOf(EVERY_SUBCOMMAND);
        }
    }

    @Test
    void theUsageListsEverySubcommandAndATypoGetsSuggestions() {
        Run usage = Run.of("--help");
        assertThat(usage.exit()).isZero();
        for (String name : EVERY_SUBCOMMAND) {
            assertThat(usage.out()).containsPattern("(?m)^  " + name + " ");
        }
        assertThat(Run.of("help", "eval").out()).startsWith("Usage: scanwatch eval");
        Run typo = Run.of("analyz", "x.pcap");
        assertThat(typo.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(typo.err()).contains("Did you mean: scanwatch analyze");
    }
}
