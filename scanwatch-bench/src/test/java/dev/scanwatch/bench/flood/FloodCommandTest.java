package dev.scanwatch.bench.flood;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

import dev.scanwatch.bench.LauncherOptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** A flood option the command does not know is refused by name before anything is written or run. */
class FloodCommandTest {

    @ParameterizedTest
    @CsvSource({"--gc, zgc, unknown collector: zgc", "--shape, ipv6, unknown flood shape: ipv6"})
    void unknownChoicesAreRefusedByName(String option, String value, String message) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int exit = FloodCommand.main(new String[] {option, value, "--no-run"}, new PrintStream(out, true, StandardCharsets.UTF_8));

        assertThat(exit).isEqualTo(2);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains(message).contains("usage: flood");
    }

    /** The flood's JVM gets the heap users get from ./scanwatch at the same cap, so its RSS is theirs. */
    @Test
    void theChildsHeapIsTheLaunchers() {
        assertThat(FloodCommand.DEFAULT_ALLOWANCE - FloodCommand.DEFAULT_NON_HEAP)
                .isEqualTo(LauncherOptions.HEAP_ALLOWANCE_MIB << 20);
    }
}
