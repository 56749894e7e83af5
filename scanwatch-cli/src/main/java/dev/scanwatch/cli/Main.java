package dev.scanwatch.cli;

import picocli.CommandLine;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.List;
import picocli.CommandLine.Command;

/** The {@code scanwatch} command: subcommands only wire readers, the core and sinks. */
@Command(name = "scanwatch", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Finds port sweeps and port scans in captures and flow records.")
public final class Main {

    /** The subcommands, in the order the usage lists them. */
    static final List<Class<?>> SUBCOMMANDS = List.of(AnalyzeCommand.class, ListenCommand.class, PublishCommand.class,
            EvalCommand.class, ConfigCommand.class, CommandLine.HelpCommand.class);

    /** Where subcommands read stdin ("-") and write their results; swapped by tests. */
    final InputStream in;
    final PrintStream out;

    private Main(InputStream in, PrintStream out) {
        this.in = in;
        this.out = out;
    }

    public static void main(String[] args) {
        System.exit(run(System.in, System.out, System.err, args));
    }

    /** Runs the command line and returns the exit code (for tests: no System.exit). */
    public static int run(InputStream in, PrintStream out, PrintStream err, String... args) {
        return commandLine(in, out, err, args).execute(args);
    }

    /** The command, with the subcommands {@link #subcommandsFor} picks for {@code args}. */
    static CommandLine commandLine(InputStream in, PrintStream out, PrintStream err, String... args) {
        CommandLine cli = new CommandLine(new Main(in, out));
        for (Class<?> subcommand : subcommandsFor(args)) {
            cli.addSubcommand(subcommand);
        }
        cli.setOut(new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true));
        cli.setErr(new PrintWriter(new OutputStreamWriter(err, StandardCharsets.UTF_8), true));
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // A bug, not a user error: one line for the user, the trace only on request.
            cmd.getErr().println("scanwatch: internal error: " + e);
            if (System.getenv("SCANWATCH_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return ExitCodes.INTERNAL;
        });
        return cli;
    }

    /**
     * Picocli builds a command's model by reflection over every option it has, and building all
     * the subcommands' (publish's loads the Kafka client) cost about 0.06 s of the 0.45 s a small
     * capture took on one CPU. A command line that names a subcommand gets that one only;
     * any other (no arguments, an option, {@code help}, a typo) gets them all, for the usage and
     * the suggestions.
     */
    static List<Class<?>> subcommandsFor(String[] args) {
        if (args.length > 0) {
            for (Class<?> c : SUBCOMMANDS) {
                if (c != CommandLine.HelpCommand.class && c.getAnnotation(Command.class).name().equals(args[0])) {
                    return List.of(c);
                }
            }
        }
        return SUBCOMMANDS;
    }
}
