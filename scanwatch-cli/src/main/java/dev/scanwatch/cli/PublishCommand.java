package dev.scanwatch.cli;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.scanwatch.cli.config.ConfigException;
import dev.scanwatch.core.model.Attempt;
import dev.scanwatch.core.model.Outcome;
import dev.scanwatch.core.model.Protocol;
import dev.scanwatch.core.model.Technique;
import dev.scanwatch.core.net.IpAddress;
import dev.scanwatch.core.track.ConnectionTracker;
import dev.scanwatch.core.track.FirstContactFilter;
import dev.scanwatch.core.track.TrackerConfig;
import dev.scanwatch.io.input.InputReader;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.serialization.StringSerializer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicReference;

/**
 * {@code scanwatch publish FILE... --kafka HOST:PORT --topic T}: reads what {@code analyze}
 * reads, makes attempts the way the embedded pipeline does (the connection tracker for packets,
 * the first-contact rule for flow records) and produces each attempt to Kafka as one JSON object
 * ({@link AttemptJson}), keyed by its source address so that one partition keeps a source's order.
 * The Flink job (scanwatch-flink) reads that topic.
 */
@Command(name = "publish", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Reads captures or flow logs like analyze and produces their attempts (first contacts) to a "
                       + "Kafka topic, one JSON object per attempt keyed by source address, for the scanwatch "
                       + "Flink job.",
                       "Several files are read as one stream, in the order given."},
        footer = {"", "Exit status: 0 when every input was read and every attempt was acknowledged by Kafka, 1 when "
                      + "an input could not be read or Kafka could not be reached, 2 for a bad command line."})
public final class PublishCommand implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @ParentCommand
    Main main;

    @Parameters(paramLabel = "FILE", arity = "1..*", description = "Captures or flow logs; '-' reads stdin.")
    List<String> files = new ArrayList<>();

    @Option(names = "--kafka", paramLabel = "HOST:PORT", required = true,
            description = "Kafka bootstrap servers (comma separated).")
    String bootstrap;

    @Option(names = "--topic", paramLabel = "TOPIC", defaultValue = "attempts",
            description = "Topic to produce to (default: ${DEFAULT-VALUE}).")
    String topic;

    @Mixin
    InputOptions input = new InputOptions();

    /** Only the tracker's settings: the detectors run in the Flink job. */
    @Mixin
    TrackerOptions tracker = new TrackerOptions();

    @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "15",
            description = "How long to wait for Kafka to answer before giving up (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        TrackerConfig trackerConfig;
        try {
            trackerConfig = tracker.builders().tracker();
            input.validate();
            if (timeoutSeconds < 1) {
                throw new IllegalArgumentException("--timeout must be at least 1 second");
            }
        } catch (IllegalArgumentException | ConfigException e) {
            return fail(err, ExitCodes.USAGE, e.getMessage());
        }

        KafkaProducer<String, String> producer;
        try {
            producer = new KafkaProducer<>(producerProperties(), new StringSerializer(), new StringSerializer());
        } catch (KafkaException e) {
            return fail(err, ExitCodes.INPUT_ERROR, "cannot use Kafka at " + bootstrap + ": " + rootMessage(e));
        }
        try (producer) {
            try {
                // Fails fast (within --timeout) when no broker answers, before any input is read.
                producer.partitionsFor(topic);
            } catch (KafkaException e) {
                return fail(err, ExitCodes.INPUT_ERROR, "cannot reach Kafka at " + bootstrap + " (topic " + topic
                        + "): " + rootMessage(e));
            }
            AtomicReference<Exception> sendFailure = new AtomicReference<>();
            long[] sent = {0};
            java.util.function.Consumer<Attempt> send = a -> {
                if (sendFailure.get() != null) {
                    return;
                }
                sent[0]++;
                producer.send(new ProducerRecord<>(topic, a.src().toString(), AttemptJson.encode(a)), (meta, e) -> {
                    if (e != null) {
                        sendFailure.compareAndSet(null, e);
                    }
                });
            };
            // The first-contact rule of the embedded pipeline, with the core's own classes: the
            // tracker turns packets into attempts; flow attempts advance its clock and pass the
            // same first-contact filter (Pipeline.onAttempt).
            ConnectionTracker tracker = new ConnectionTracker(trackerConfig, send::accept);
            FirstContactFilter firstContacts = new FirstContactFilter(trackerConfig, send::accept);
            java.util.function.Consumer<Attempt> flowAttempt = a -> {
                tracker.advanceTo(a.timeNanos());
                firstContacts.onAttempt(a);
            };
            int exit = ExitCodes.OK;
            for (String file : files) {
                if (!read(file, tracker, flowAttempt, err)) {
                    exit = ExitCodes.INPUT_ERROR;
                }
                if (sendFailure.get() != null) {
                    break;
                }
            }
            tracker.finish();
            try {
                producer.flush();
            } catch (KafkaException e) {
                sendFailure.compareAndSet(null, e);
            }
            if (sendFailure.get() != null) {
                return fail(err, ExitCodes.INPUT_ERROR, "Kafka at " + bootstrap + " refused attempts for topic "
                        + topic + ": " + rootMessage(sendFailure.get()));
            }
            err.println("scanwatch: published " + sent[0] + (sent[0] == 1 ? " attempt" : " attempts") + " to "
                        + topic + " at " + bootstrap);
            err.flush();
            return exit;
        }
    }

    private Properties producerProperties() {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.CLIENT_ID_CONFIG, "scanwatch-publish");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true"); // no duplicates on retries; order kept
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        p.put(ProducerConfig.BATCH_SIZE_CONFIG, Integer.toString(256 * 1024));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeoutSeconds * 1000L));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeoutSeconds * 1000L));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeoutSeconds * 1000L + 20));
        return p;
    }

    /** Reads one input; false when nothing of it could be read (as analyze). */
    private boolean read(String file, ConnectionTracker tracker, java.util.function.Consumer<Attempt> flowAttempt,
                         PrintWriter err) {
        InputReader.Result result;
        try {
            result = input.read(file, main.in, tracker::onPacket, flowAttempt);
        } catch (IOException e) {
            err.println("scanwatch: " + e.getMessage());
            return false;
        }
        return InputProblems.report(result, err, "published");
    }

    private static int fail(PrintWriter err, int exit, String message) {
        err.println("scanwatch publish: " + message);
        err.flush();
        return exit;
    }

    private static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        String m = t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /**
     * The attempt record on the wire: one compact JSON object per attempt (documented in
     * docs/FLINK.md), for example
     * <pre>{"time":1795366408051234567,"src":"127.77.0.9","dst":"127.0.0.1","proto":"tcp","port":445,
     * "sport":40000,"technique":"syn","outcome":"closed"}</pre>
     * {@code time} is the first probe's event time in epoch nanoseconds (an ISO-8601 string such as
     * {@code "2026-11-22T16:53:28.123456789Z"} is accepted too); {@code proto}, {@code technique}
     * are the labels of the alert contract; {@code outcome} is open, closed, filtered or unknown.
     * Unknown fields are ignored, so fields can be added.
     */
    public static final class AttemptJson {

        private static final JsonFactory FACTORY = new JsonFactory();

        private AttemptJson() {
        }

        public static String encode(Attempt a) {
            StringBuilder sb = new StringBuilder(160);
            sb.append("{\"time\":").append(a.timeNanos())
              .append(",\"src\":\"").append(a.src()).append('"')
              .append(",\"dst\":\"").append(a.dst()).append('"')
              .append(",\"proto\":\"").append(a.protocol().label()).append('"')
              .append(",\"port\":").append(a.port())
              .append(",\"sport\":").append(a.srcPort())
              .append(",\"technique\":\"").append(a.technique().label()).append('"')
              .append(",\"outcome\":\"").append(a.outcome().name().toLowerCase(Locale.ROOT)).append('"')
              .append('}');
            return sb.toString();
        }

        /** @throws IllegalArgumentException naming what is wrong with the record */
        public static Attempt decode(byte[] utf8) {
            long time = Long.MIN_VALUE;
            IpAddress src = null;
            IpAddress dst = null;
            Protocol proto = null;
            int port = -1;
            int sport = 0;
            Technique technique = null;
            Outcome outcome = null;
            try (JsonParser p = FACTORY.createParser(utf8)) {
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    throw new IllegalArgumentException("not a JSON object");
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String name = p.currentName();
                    JsonToken v = p.nextToken();
                    switch (name) {
                        case "time" -> time = v == JsonToken.VALUE_STRING ? isoNanos(p.getText()) : p.getLongValue();
                        case "src" -> src = IpAddress.parse(p.getText());
                        case "dst" -> dst = IpAddress.parse(p.getText());
                        case "proto" -> proto = protocol(p.getText());
                        case "port" -> port = p.getIntValue();
                        case "sport" -> sport = p.getIntValue();
                        case "technique" -> technique = Technique.byLabel(p.getText());
                        case "outcome" -> outcome = Outcome.valueOf(p.getText().toUpperCase(Locale.ROOT));
                        default -> p.skipChildren();
                    }
                }
            } catch (JsonProcessingException e) {
                throw new IllegalArgumentException("not valid JSON: " + e.getOriginalMessage());
            } catch (IOException e) {
                throw new IllegalArgumentException("not valid JSON: " + e.getMessage());
            } catch (UncheckedIOException e) {
                throw new IllegalArgumentException(e.getMessage());
            }
            if (time == Long.MIN_VALUE || src == null || dst == null || proto == null || port < 0
                || technique == null || outcome == null) {
                throw new IllegalArgumentException("an attempt needs time, src, dst, proto, port, technique and outcome");
            }
            return new Attempt(time, src, dst, proto, port, sport, technique, outcome);
        }

        public static Attempt decode(String json) {
            return decode(json.getBytes(StandardCharsets.UTF_8));
        }

        private static long isoNanos(String text) {
            Instant i = Instant.parse(text);
            return Math.addExact(Math.multiplyExact(i.getEpochSecond(), 1_000_000_000L), i.getNano());
        }

        private static Protocol protocol(String label) {
            for (Protocol p : Protocol.values()) {
                if (p.label().equals(label)) {
                    return p;
                }
            }
            throw new IllegalArgumentException("unknown protocol '" + label + "'");
        }
    }
}
