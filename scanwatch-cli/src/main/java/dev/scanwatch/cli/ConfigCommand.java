package dev.scanwatch.cli;

import dev.scanwatch.cli.config.Settings;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.util.concurrent.Callable;

/** {@code scanwatch config --defaults}: every tunable, documented, as a TOML file. */
@Command(name = "config", mixinStandardHelpOptions = true,
        description = "Prints the configuration: with --defaults, every setting with its default and what it does, "
                      + "as a TOML file to edit and pass with --config.")
final class ConfigCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--defaults", required = true, description = "Print every setting with its default.")
    boolean defaults;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(Settings.defaultsToml());
        spec.commandLine().getOut().flush();
        return ExitCodes.OK;
    }
}
