package dev.scanwatch.io.sink;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.scanwatch.core.alert.Alert;
import dev.scanwatch.core.model.ScanKind;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;

import java.io.IOException;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeFormatter;

/**
 * Writes alerts as JSON Lines, one object per alert, with the DESIGN §6 field names. Those names
 * are a contract with other tools: add fields freely, never rename one.
 */
public final class JsonLinesSink implements AlertSink {

    private static final JsonFactory FACTORY = new JsonFactory();

    private final JsonGenerator json;

    public JsonLinesSink(OutputStream out) {
        try {
            this.json = FACTORY.createGenerator(out, JsonEncoding.UTF8);
            this.json.setRootValueSeparator(null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void onAlert(Alert a) {
        try {
            write(json, a);
            json.writeRaw('\n');
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * One alert as one JSON object in the contract, without the line break: for sinks that write
     * each alert somewhere else (a Kafka record of the Flink job).
     */
    public static String render(Alert a) {
        StringWriter text = new StringWriter(512);
        try (JsonGenerator g = FACTORY.createGenerator(text)) {
            write(g, a);
        } catch (IOException e) {
            throw new UncheckedIOException(e); // a StringWriter does not fail
        }
        return text.toString();
    }

    private static void write(JsonGenerator json, Alert a) throws IOException {
        json.writeStartObject();
        json.writeStringField("kind", a.kind().label());
        json.writeStringField("proto", a.protocol().label());
        if (a.kind() != ScanKind.DISTRIBUTED) {
            json.writeStringField("src", a.src().toString());
        } else {
            json.writeArrayFieldStart("srcs");
            for (IpAddress s : a.srcs()) {
                json.writeString(s.toString());
            }
            json.writeEndArray();
        }
        if (a.target() != null) {
            json.writeStringField("target", a.target().toString());
        }
        json.writeArrayFieldStart("ports");
        for (int p : a.ports()) {
            json.writeNumber(p);
        }
        json.writeEndArray();
        json.writeNumberField("port_count", a.portCount());
        json.writeNumberField("targets", a.targets());
        json.writeStringField("target_min", a.targetMin().toString());
        json.writeStringField("target_max", a.targetMax().toString());
        json.writeStringField("first", time(a.firstNanos()));
        json.writeStringField("last", time(a.lastNanos()));
        json.writeNumberField("attempts", a.attempts());
        json.writeNumberField("open", a.open());
        json.writeNumberField("closed", a.closed());
        json.writeNumberField("filtered", a.filtered());
        json.writeNumberField("unknown", a.unknown());
        json.writeArrayFieldStart("open_ports");
        for (int p : a.openPorts()) {
            json.writeNumber(p);
        }
        json.writeEndArray();
        json.writeArrayFieldStart("techniques");
        for (Technique t : a.techniques()) {
            json.writeString(t.label());
        }
        json.writeEndArray();
        json.writeStringField("direction", a.direction().label());
        json.writeStringField("severity", a.severity().label());
        json.writeNumberField("detected_after", a.detectedAfter());
        json.writeStringField("state", a.state().label());
        json.writeNumberField("alert_id", a.id());
        json.writeStringField("summary", a.summary());
        if (a.isSuppressed()) {
            json.writeStringField("suppressed_by", a.suppressedBy());
        }
        json.writeEndObject();
    }

    /**
     * ISO-8601 UTC as in the contract ("2000-06-01T03:20:30Z"), with milliseconds when there are
     * any: a loopback scan can be over in 3 ms.
     */
    static String time(long epochNanos) {
        long millis = Math.floorDiv(epochNanos, 1_000_000L);
        return DateTimeFormatter.ISO_INSTANT.format(Instant.ofEpochMilli(millis));
    }

    @Override
    public void close() {
        try {
            json.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
