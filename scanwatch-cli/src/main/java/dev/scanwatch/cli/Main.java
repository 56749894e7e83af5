package dev.scanwatch.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code scanwatch} command: subcommands only wire readers, the core and sinks. */
@Command(name = "scanwatch", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Finds port sweeps and port scans in captures and flow records.",
        subcommands = {AnalyzeCommand.class, EvalCommand.class, CommandLine.HelpCommand.class})
public final class Main {

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command line and returns the exit code (for tests: no System.exit). */
    public static int run(String... args) {
        CommandLine cli = new CommandLine(new Main());
        cli.setExecutionExceptionHandler((e, cmd, parsed) -> {
            // A bug, not a user error: one line for the user, the trace only on request.
            cmd.getErr().println("scanwatch: internal error: " + e);
            if (System.getenv("SCANWATCH_DEBUG") != null) {
                e.printStackTrace(cmd.getErr());
            }
            return ExitCodes.INTERNAL;
        });
        return cli.execute(args);
    }
}
