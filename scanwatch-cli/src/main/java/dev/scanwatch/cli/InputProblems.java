package dev.scanwatch.cli;

import dev.scanwatch.io.input.InputReader;

import java.io.PrintWriter;

/**
 * What a read's problem means for the user, the same for every command: nothing read is an
 * error (the command's exit status says so), a problem after some records is a warning that
 * says how much was used. One line each, naming the file and the byte offset.
 */
final class InputProblems {

    private InputProblems() {
    }

    /**
     * @param used what the command did with the records ("analysed", "published")
     * @return false when nothing of the input could be read
     */
    static boolean report(InputReader.Result result, PrintWriter err, String used) {
        if (result.problem() == null) {
            return true;
        }
        if (result.count() == 0) {
            err.println("scanwatch: " + result.problem().describe());
            return false;
        }
        err.println("scanwatch: warning: " + result.problem().describe() + "; " + used + " the " + result.count()
                    + (result.format().startsWith("pcap") ? " packets" : " records") + " before it");
        return true;
    }
}
