package dev.scanwatch.flink;

import dev.scanwatch.cli.config.ConfigException;
import org.apache.flink.util.TimeUtils;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** The job's command line ({@code flink run ... scanwatch-flink-job.jar --bootstrap ...}); see docs/FLINK.md. */
public final class JobOptions {

    public static final String USAGE = String.join("\n",
            "usage: ScanwatchJob --bootstrap HOST:PORT [options]",
            "  --bootstrap HOST:PORT[,...]   Kafka bootstrap servers (required)",
            "  --in-topic TOPIC              attempts, as `scanwatch publish` writes them (default: attempts)",
            "  --out-topic TOPIC             alerts, JSON Lines of the alert contract (default: alerts)",
            "  --group-id ID                 consumer group for committed offsets (default: scanwatch-flink)",
            "  --config FILE                 scanwatch TOML configuration (detector settings)",
            "  --parallelism N               default: the cluster's",
            "  --state-backend NAME          hashmap or rocksdb (default: hashmap)",
            "  --state-cache-mb N            with rocksdb: state kept deserialised per detector instance, written",
            "                                back at checkpoints; 0 reads and writes RocksDB per attempt (default: 64)",
            "  --checkpoint-dir URI          where checkpoints go (file:///..., s3://...)",
            "  --checkpoint-interval D       e.g. 10s; 0 turns checkpointing off (default: 10s)",
            "  --watermark-delay D           bounded out-of-orderness of event time (default: 6s)",
            "  --idle-partition D            a partition without records for this long holds no watermark back (default: 30s)",
            "  --delivery MODE               exactly-once (Kafka transactions) or at-least-once (default: exactly-once;",
            "                                at-least-once without checkpointing)",
            "  --start WHERE                 committed (falling back to earliest), earliest or latest (default: committed)",
            "  --bounded                     stop at the input's end offsets as of the start (a replay): the final",
            "                                watermark then closes every alert",
            "  --name NAME                   job name (default: scanwatch)",
            "  --transactional-id-prefix P   prefix of the sink's Kafka transactions (default: scanwatch-<out-topic>)");

    /**
     * Per keyed detector and parallel instance: room for about a hundred thousand ordinary sources,
     * or eight sweepers of a whole /16 (about 7 MB each at the exact limit of 65,536 hosts, by the
     * core's estimate); small beside a TaskManager's heap.
     */
    static final long DEFAULT_STATE_CACHE_BYTES = 64L << 20;

    String bootstrap;
    String inTopic = "attempts";
    String outTopic = "alerts";
    String groupId = "scanwatch-flink";
    DetectorSettings settings = DetectorSettings.defaults();
    int parallelism = -1;
    String stateBackend = "hashmap";
    long stateCacheBytes = DEFAULT_STATE_CACHE_BYTES;
    String checkpointDir;
    Duration checkpointInterval = Duration.ofSeconds(10);
    Duration watermarkDelay = Duration.ofSeconds(6);
    Duration idlePartition = Duration.ofSeconds(30);
    boolean exactlyOnce = true;
    String start = "committed";
    boolean bounded;
    String name = "scanwatch";
    String transactionalIdPrefix;

    public JobOptions() {
    }

    /** @throws IllegalArgumentException with a message for the user */
    public static JobOptions parse(String... args) {
        JobOptions o = new JobOptions();
        String delivery = null;
        List<String> rest = new ArrayList<>(List.of(args));
        while (!rest.isEmpty()) {
            String flag = rest.remove(0);
            switch (flag) {
                case "--bounded" -> o.bounded = true;
                case "--bootstrap" -> o.bootstrap = value(flag, rest);
                case "--in-topic" -> o.inTopic = value(flag, rest);
                case "--out-topic" -> o.outTopic = value(flag, rest);
                case "--group-id" -> o.groupId = value(flag, rest);
                case "--config" -> {
                    try {
                        o.settings = DetectorSettings.fromFile(Path.of(value(flag, rest)));
                    } catch (ConfigException e) {
                        throw new IllegalArgumentException(e.getMessage());
                    }
                }
                case "--parallelism" -> o.parallelism = positive(flag, value(flag, rest));
                case "--state-backend" -> o.stateBackend = oneOf(flag, value(flag, rest), "hashmap", "rocksdb");
                case "--state-cache-mb" -> o.stateCacheBytes = (long) nonNegative(flag, value(flag, rest)) << 20;
                case "--checkpoint-dir" -> o.checkpointDir = value(flag, rest);
                case "--checkpoint-interval" -> o.checkpointInterval = duration(flag, value(flag, rest));
                case "--watermark-delay" -> o.watermarkDelay = duration(flag, value(flag, rest));
                case "--idle-partition" -> o.idlePartition = duration(flag, value(flag, rest));
                case "--delivery" -> delivery = oneOf(flag, value(flag, rest), "exactly-once", "at-least-once");
                case "--start" -> o.start = oneOf(flag, value(flag, rest), "committed", "earliest", "latest");
                case "--name" -> o.name = value(flag, rest);
                case "--transactional-id-prefix" -> o.transactionalIdPrefix = value(flag, rest);
                default -> throw new IllegalArgumentException("unknown option " + flag);
            }
        }
        if (o.bootstrap == null) {
            throw new IllegalArgumentException("--bootstrap is required");
        }
        boolean checkpointing = !o.checkpointInterval.isZero();
        if ("exactly-once".equals(delivery) && !checkpointing) {
            throw new IllegalArgumentException("--delivery exactly-once commits Kafka transactions on checkpoints: "
                                               + "it needs --checkpoint-interval above 0");
        }
        o.exactlyOnce = delivery == null ? checkpointing : delivery.equals("exactly-once");
        return o;
    }

    private static String value(String flag, List<String> rest) {
        if (rest.isEmpty() || rest.get(0).startsWith("--")) {
            throw new IllegalArgumentException(flag + " needs a value");
        }
        return rest.remove(0);
    }

    private static int positive(String flag, String v) {
        return atLeast(1, flag, v, "a positive number");
    }

    private static int nonNegative(String flag, String v) {
        return atLeast(0, flag, v, "a number, 0 or more");
    }

    private static int atLeast(int least, String flag, String v, String what) {
        try {
            int n = Integer.parseInt(v);
            if (n >= least) {
                return n;
            }
        } catch (NumberFormatException ignored) {
            // below
        }
        throw new IllegalArgumentException(flag + " must be " + what + ", not '" + v + "'");
    }

    private static String oneOf(String flag, String v, String... allowed) {
        String lower = v.toLowerCase(Locale.ROOT);
        for (String a : allowed) {
            if (a.equals(lower)) {
                return a;
            }
        }
        throw new IllegalArgumentException(flag + " must be one of " + String.join(", ", allowed) + ", not '" + v + "'");
    }

    private static Duration duration(String flag, String v) {
        try {
            Duration d = TimeUtils.parseDuration(v);
            if (!d.isNegative()) {
                return d;
            }
        } catch (IllegalArgumentException ignored) {
            // below
        }
        throw new IllegalArgumentException(flag + " must be a duration such as 500ms, 5s or 2min, not '" + v + "'");
    }

    // Setters for programmatic use (tests, embedding).
    public JobOptions bootstrap(String v) { bootstrap = v; return this; }
    public JobOptions inTopic(String v) { inTopic = v; return this; }
    public JobOptions outTopic(String v) { outTopic = v; return this; }
    public JobOptions groupId(String v) { groupId = v; return this; }
    public JobOptions settings(DetectorSettings v) { settings = v; return this; }
    public JobOptions parallelism(int v) { parallelism = v; return this; }
    public JobOptions stateBackend(String v) { stateBackend = v; return this; }
    public JobOptions stateCacheBytes(long v) { stateCacheBytes = v; return this; }
    public JobOptions checkpointDir(String v) { checkpointDir = v; return this; }
    public JobOptions checkpointInterval(Duration v) { checkpointInterval = v; return this; }
    public JobOptions watermarkDelay(Duration v) { watermarkDelay = v; return this; }
    public JobOptions exactlyOnce(boolean v) { exactlyOnce = v; return this; }
    public JobOptions start(String v) { start = v; return this; }
    public JobOptions bounded(boolean v) { bounded = v; return this; }
    public JobOptions name(String v) { name = v; return this; }
    public JobOptions transactionalIdPrefix(String v) { transactionalIdPrefix = v; return this; }
}
