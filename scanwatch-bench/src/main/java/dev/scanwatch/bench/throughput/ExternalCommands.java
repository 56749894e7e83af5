package dev.scanwatch.bench.throughput;

import dev.scanwatch.bench.LauncherOptions;

import java.io.File;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** tcpdump, taskset and child JVMs of this jar: found on the PATH, run with their output captured. */
final class ExternalCommands {

    private ExternalCommands() {
    }

    /** The executable's path, or null when it is not installed. */
    static Path find(String name) {
        String path = System.getenv("PATH");
        if (path == null) {
            return null;
        }
        for (String dir : path.split(File.pathSeparator)) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        for (String dir : new String[] {"/usr/sbin", "/sbin", "/usr/bin"}) {
            Path p = Path.of(dir, name);
            if (Files.isExecutable(p)) {
                return p;
            }
        }
        return null;
    }

    /** {@code tcpdump -r FILE -w /dev/null}: wall time in nanoseconds, process start included. */
    static long timeTcpdump(Path tcpdump, Path file) throws IOException, InterruptedException {
        List<String> cmd = List.of(tcpdump.toString(), "-r", file.toString(), "-w", "/dev/null");
        long start = System.nanoTime();
        Run r = run(cmd);
        long nanos = System.nanoTime() - start;
        if (r.exit != 0) {
            throw new IOException("tcpdump failed (exit " + r.exit + "): " + r.output.strip());
        }
        return nanos;
    }

    /**
     * One analysis in a fresh JVM of this jar, with the same JVM options as this one plus the
     * launcher's defaults it does not override, optionally pinned by {@code taskset -c CPUS} (the
     * JVM then sizes its GC and compiler threads for them).
     */
    static AnalyzeRun analyzeInChild(Path taskset, String cpus, Path file) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        if (taskset != null) {
            cmd.add(taskset.toString());
            cmd.add("-c");
            cmd.add(cpus);
        }
        cmd.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> jvmOptions = ManagementFactory.getRuntimeMXBean().getInputArguments();
        cmd.addAll(LauncherOptions.defaultsNotIn(jvmOptions));
        cmd.addAll(jvmOptions);
        cmd.add("-cp");
        cmd.add(System.getProperty("java.class.path"));
        cmd.add(dev.scanwatch.bench.Bench.class.getName());
        cmd.add("analyze");
        cmd.add(file.toString());
        Run r = run(cmd);
        for (String line : r.output.split("\n")) {
            if (line.startsWith(AnalyzeRun.RESULT_PREFIX)) {
                return AnalyzeRun.parse(line);
            }
        }
        throw new IOException("child analysis failed (exit " + r.exit + "): " + r.output.strip());
    }

    private record Run(int exit, String output) {
    }

    private static Run run(List<String> cmd) throws IOException, InterruptedException {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        return new Run(p.waitFor(), out);
    }
}
