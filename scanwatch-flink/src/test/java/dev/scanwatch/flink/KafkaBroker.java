package dev.scanwatch.flink;

import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.Uuid;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A real single-node Kafka broker (KRaft, org.apache.kafka:kafka_2.13 from the test classpath)
 * for the tests: started once per test JVM as a separate process ({@code kafka.Kafka}) bound to
 * 127.0.0.1 on free ports with a temporary log directory, and stopped by its process handle when
 * the tests are over, whether they passed or not (and by a shutdown hook if the JVM goes first).
 * No Docker. Register with {@code @ExtendWith(KafkaBroker.class)}; {@link #bootstrap()} names it.
 */
public final class KafkaBroker implements BeforeAllCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(90);
    private static Running running;

    private record Running(Process process, Path dir, int port) implements AutoCloseable {
        @Override
        public void close() {
            stop(process, dir);
        }
    }

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (KafkaBroker.class) {
            if (running == null) {
                running = start();
                Running r = running;
                // Closed when the whole test plan is done (the root context), also after failures.
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put(KafkaBroker.class.getName(), r);
                Runtime.getRuntime().addShutdownHook(new Thread(r::close, "kafka-broker-stop"));
            }
        }
    }

    /** "127.0.0.1:PORT" of the running broker. */
    public static String bootstrap() {
        if (running == null) {
            throw new IllegalStateException("no broker: register the KafkaBroker extension");
        }
        return "127.0.0.1:" + running.port();
    }

    private static Running start() throws IOException, InterruptedException {
        int port = freePort();
        int controllerPort = freePort();
        Path dir = Files.createTempDirectory("scanwatch-kafka-");
        Path props = dir.resolve("server.properties");
        Files.writeString(props, String.join("\n",
                "process.roles=broker,controller",
                "node.id=1",
                "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
                "listeners=PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort,
                "advertised.listeners=PLAINTEXT://127.0.0.1:" + port,
                "controller.listener.names=CONTROLLER",
                "inter.broker.listener.name=PLAINTEXT",
                "listener.security.protocol.map=CONTROLLER:PLAINTEXT,PLAINTEXT:PLAINTEXT",
                "log.dirs=" + dir.resolve("data"),
                "num.partitions=2",
                "offsets.topic.replication.factor=1",
                "offsets.topic.num.partitions=2",
                "transaction.state.log.replication.factor=1",
                "transaction.state.log.min.isr=1",
                "transaction.state.log.num.partitions=2",
                "share.coordinator.state.topic.replication.factor=1",
                "share.coordinator.state.topic.min.isr=1",
                "group.initial.rebalance.delay.ms=0",
                "auto.create.topics.enable=true",
                "log.flush.interval.messages=100000",
                "") , StandardCharsets.UTF_8);
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        String classpath = System.getProperty("java.class.path");
        Path log = dir.resolve("broker.log");

        Process format = new ProcessBuilder(java, "-Xmx256m", "-cp", classpath, "kafka.tools.StorageTool", "format",
                "-t", Uuid.randomUuid().toString(), "-c", props.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve("format.log").toFile()).start();
        if (!format.waitFor(60, TimeUnit.SECONDS) || format.exitValue() != 0) {
            format.destroyForcibly();
            throw new IllegalStateException("kafka StorageTool format failed: "
                                            + Files.readString(dir.resolve("format.log")));
        }
        Process broker = new ProcessBuilder(java, "-Xmx512m", "-XX:+UseSerialGC", "-cp", classpath, "kafka.Kafka",
                props.toString())
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (System.nanoTime() < deadline) {
            if (!broker.isAlive()) {
                throw new IllegalStateException("kafka broker exited with " + broker.exitValue() + ": " + tail(log));
            }
            if (accepts(port) && clusterAnswers(port)) {
                return new Running(broker, dir, port);
            }
            Thread.sleep(250);
        }
        stop(broker, dir);
        throw new IllegalStateException("kafka broker did not come up on 127.0.0.1:" + port + " within "
                                        + START_TIMEOUT.toSeconds() + " s");
    }

    private static boolean accepts(int port) {
        try (Socket s = new Socket()) {
            s.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static boolean clusterAnswers(int port) {
        try (Admin admin = admin("127.0.0.1:" + port)) {
            admin.describeCluster().nodes().get(5, TimeUnit.SECONDS);
            return true;
        } catch (Exception e) {
            return false;
        }
    }

    private static void stop(Process p, Path dir) {
        if (p.isAlive()) {
            p.destroy(); // SIGTERM: a clean shutdown in 2-3 s
            try {
                if (!p.waitFor(20, TimeUnit.SECONDS)) {
                    p.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                p.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException ignored) {
            // a temporary directory
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no log)";
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getByName("127.0.0.1"))) {
            return s.getLocalPort();
        }
    }

    static Admin admin(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        return Admin.create(p);
    }

    /** Creates topics with {@code partitions} partitions each. */
    public static void createTopics(int partitions, String... topics) throws Exception {
        try (Admin admin = admin(bootstrap())) {
            List<NewTopic> t = new ArrayList<>();
            for (String name : topics) {
                t.add(new NewTopic(name, partitions, (short) 1));
            }
            admin.createTopics(t).all().get(30, TimeUnit.SECONDS);
        }
    }

    /**
     * Every record value of a topic, up to its end as of now (the last stable offset with
     * {@code readCommitted}: records of aborted or open transactions are not returned).
     */
    public static List<String> readAll(String topic, boolean readCommitted) {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
        p.put(ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                (readCommitted ? "read_committed" : "read_uncommitted").toLowerCase(Locale.ROOT));
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        List<String> values = new ArrayList<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p, new StringDeserializer(),
                new StringDeserializer())) {
            List<TopicPartition> parts = c.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(i -> new TopicPartition(topic, i.partition())).toList();
            c.assign(parts);
            c.seekToBeginning(parts);
            Map<TopicPartition, Long> end = c.endOffsets(parts, Duration.ofSeconds(10));
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (!reached(c, end, Set.copyOf(parts))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("could not read " + topic + " to its end " + end);
                }
                for (ConsumerRecord<String, String> r : c.poll(Duration.ofMillis(200))) {
                    values.add(r.value());
                }
            }
        }
        return values;
    }

    private static boolean reached(KafkaConsumer<?, ?> c, Map<TopicPartition, Long> end, Set<TopicPartition> parts) {
        for (TopicPartition tp : parts) {
            if (c.position(tp, Duration.ofSeconds(5)) < end.get(tp)) {
                return false;
            }
        }
        return true;
    }
}
