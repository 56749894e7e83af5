package dev.scanwatch.io.flow;

import dev.scanwatch.io.capture.CaptureProblem;

import java.io.IOException;

/** One format's line parser: reads every line, emits through the context, returns the problem that stopped it or null. */
interface FlowParser {
    CaptureProblem run(LineInput in, ReadContext ctx) throws IOException;
}
