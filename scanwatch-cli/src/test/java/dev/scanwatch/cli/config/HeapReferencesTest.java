package dev.scanwatch.cli.config;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;

/** What a fresh JVM of each kind says of its references (a large -Xmx only reserves address space). */
class HeapReferencesTest {

    /** Prints what {@link HeapReferences} finds in this JVM. */
    public static void main(String[] args) {
        System.out.println(HeapReferences.compressed());
    }

    @ParameterizedTest
    @CsvSource({"-Xmx1g, true", "-Xmx40g, false", "-XX:-UseCompressedOops, false"})
    void findsWhetherTheJvmCompressesItsReferences(String option, boolean compressed) throws Exception {
        Process p = new ProcessBuilder(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                option, "-cp", System.getProperty("java.class.path"), HeapReferencesTest.class.getName()))
                .redirectError(ProcessBuilder.Redirect.DISCARD).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
        assertThat(out).isEqualTo(Boolean.toString(compressed));
    }
}
