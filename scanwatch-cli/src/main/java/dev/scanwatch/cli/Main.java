package dev.scanwatch.cli;

import picocli.CommandLine;

import java.io.InputStream;
import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Command;

/** The {@code scanwatch} command: subcommands only wire readers, the core and sinks. */
@Command(name = "scanwatch", mixinStandardHelpOptions = true, versionProvider = Version.class,
        description = "Finds port sweeps and port scans in captures and flow records.",
        subcommands = {AnalyzeCommand.class, ListenCommand.class, PublishCommand.class, EvalCommand.class,
                       ConfigCommand.class, CommandLine.HelpCommand.class})
public final class Main {

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
        CommandLine cli = new CommandLine(new Main(in, out));
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
        return cli.execute(args);
    }
}
