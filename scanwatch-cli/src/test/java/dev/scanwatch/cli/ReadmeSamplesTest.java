package dev.scanwatch.cli;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The README promises what the samples print: every block introduced by
 * {@code <!-- output of: scanwatch ARGS -->} must be exactly what that command writes to stdout.
 */
class ReadmeSamplesTest {

    private static final Path ROOT = Path.of(System.getProperty("scanwatch.root", ".."));
    private static final Pattern BLOCK =
            Pattern.compile("<!-- output of: scanwatch (.+?) -->\\s*\\n```[a-z]*\\n(.*?)```", Pattern.DOTALL);

    @TestFactory
    List<DynamicTest> readmeShowsWhatTheSamplesGive() throws IOException {
        String readme = Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8);
        List<DynamicTest> tests = new ArrayList<>();
        Matcher m = BLOCK.matcher(readme);
        while (m.find()) {
            String command = m.group(1).trim();
            String expected = m.group(2);
            tests.add(DynamicTest.dynamicTest(command, () -> {
                List<String> args = new ArrayList<>();
                for (String a : command.split(" +")) {
                    args.add(a.startsWith("samples/") ? ROOT.resolve(a).toString() : a);
                }
                Run run = Run.of(args.toArray(new String[0]));
                assertThat(run.exit()).as("exit code of scanwatch %s (stderr: %s)", command, run.err()).isZero();
                assertThat(run.out()).as("stdout of scanwatch %s", command).isEqualTo(expected);
            }));
        }
        assertThat(tests).as("README blocks marked <!-- output of: scanwatch ... -->").hasSizeGreaterThanOrEqualTo(2);
        return tests;
    }
}
