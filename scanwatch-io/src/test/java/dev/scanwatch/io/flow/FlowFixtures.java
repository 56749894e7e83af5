package dev.scanwatch.io.flow;

import dev.scanwatch.core.model.Attempt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** Reads inline flow-log fixtures. */
final class FlowFixtures {

    record Read(FlowReader.Result result, List<Attempt> attempts) {
        Attempt only() {
            if (attempts.size() != 1) {
                throw new AssertionError("expected one attempt, got " + attempts);
            }
            return attempts.get(0);
        }
    }

    private FlowFixtures() {
    }

    static Read read(String text, FlowFormat format) {
        List<Attempt> out = new ArrayList<>();
        try {
            FlowReader.Result r = FlowReader.read("fixture", new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)),
                    format, out::add);
            return new Read(r, out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static FlowFormat detect(String text) {
        byte[] b = text.getBytes(StandardCharsets.UTF_8);
        return FlowReader.detect(b, b.length);
    }
}
