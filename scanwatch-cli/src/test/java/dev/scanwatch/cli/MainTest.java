package dev.scanwatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import picocli.CommandLine;

/** Only the subcommand named is built, and every other command line still sees them all. */
class MainTest {

    @Test
    void aNamedSubcommandIsBuiltAlone() {
        assertThat(Main.subcommandsFor(new String[] {"analyze", "x.pcap"})).containsExactly(AnalyzeCommand.class);
        assertThat(Main.subcommandsFor(new String[] {"config", "--defaults"})).containsExactly(ConfigCommand.class);
    }

    @Test
    void anythingElseGetsEverySubcommand() {
        for (List<String> args : List.of(List.<String>of(), List.of("--help"), List.of("help", "analyze"),
                List.of("analyz"), List.of("x.pcap"))) {
            assertThat(Main.subcommandsFor(args.toArray(String[]::new))).isEqualTo(Main.SUBCOMMANDS);
        }
        assertThat(Main.SUBCOMMANDS).contains(CommandLine.HelpCommand.class);
    }

    @Test
    void theUsageListsEverySubcommandAndATypoGetsSuggestions() {
        Run usage = Run.of("--help");
        assertThat(usage.exit()).isZero();
        for (String name : List.of("analyze", "listen", "publish", "eval", "config", "help")) {
            assertThat(usage.out()).containsPattern("(?m)^  " + name + " ");
        }
        assertThat(Run.of("help", "eval").out()).startsWith("Usage: scanwatch eval");
        Run typo = Run.of("analyz", "x.pcap");
        assertThat(typo.exit()).isEqualTo(CommandLine.ExitCode.USAGE);
        assertThat(typo.err()).contains("Did you mean: scanwatch analyze");
    }
}
