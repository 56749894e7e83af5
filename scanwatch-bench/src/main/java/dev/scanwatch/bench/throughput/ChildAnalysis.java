package dev.scanwatch.bench.throughput;

import java.io.IOException;
import java.nio.file.Path;

/** The entry of a child JVM started by the throughput command: one analysis, one result line. */
public final class ChildAnalysis {

    private ChildAnalysis() {
    }

    public static int main(Path file) throws IOException {
        System.out.println(AnalyzeRun.run(file).toLine());
        return 0;
    }
}
