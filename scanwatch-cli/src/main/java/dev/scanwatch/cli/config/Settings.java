package dev.scanwatch.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.toml.TomlMapper;
import dev.scanwatch.core.detect.DetectorConfig;
import dev.scanwatch.core.detect.SequentialTest;
import dev.scanwatch.core.distributed.DistributedScanCorrelator;
import dev.scanwatch.core.memory.MemoryBudget;
import dev.scanwatch.core.track.TrackerConfig;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static dev.scanwatch.cli.config.Values.bool;
import static dev.scanwatch.cli.config.Values.duration;
import static dev.scanwatch.cli.config.Values.integer;
import static dev.scanwatch.cli.config.Values.integers;
import static dev.scanwatch.cli.config.Values.number;
import static dev.scanwatch.cli.config.Values.strings;
import static dev.scanwatch.cli.config.Values.toml;

/**
 * Every tunable of scanwatch, in one table: {@code scanwatch config --defaults} prints it as a
 * documented TOML file, {@code --config FILE} applies such a file. The defaults come from the
 * constants in the core, so the printed file cannot drift from what the code does.
 */
public final class Settings {

    private static final List<Setting> ALL = new ArrayList<>();
    private static final Map<String, String> SECTION_DOCS = new LinkedHashMap<>();

    static {
        DetectorConfig d = DetectorConfig.defaults();
        SECTION_DOCS.put("network", "Where home is: decides each alert's direction (outbound, inbound, internal, external).");
        add("network", "home_nets", "Home networks (CIDR blocks).",
                toml(DetectorConfig.DEFAULT_HOME_NETS), (b, n) -> b.detector.homeNets(
                        dev.scanwatch.core.net.CidrSet.parse(strings(n))));

        SECTION_DOCS.put("memory", "The memory cap of the detection state, split over the tables below by the cost model "
                + "in docs/PERFORMANCE.md; a capacity set explicitly wins over the split. The JVM's own overhead comes "
                + "on top: ./scanwatch gives the heap the cap plus 160 MiB (none when a capacity is set here: then "
                + "size it with SCANWATCH_JAVA_OPTS=-Xmx...).");
        add("memory", "max_memory", "Sizes: \"512m\", \"2g\".", "\"" + MemoryBudget.DEFAULT + "\"",
                (b, n) -> b.memory = MemoryBudget.parse(n.asText()));

        SECTION_DOCS.put("tracker", "Packets to attempts: how long to wait for answers and to remember conversations.");
        add("tracker", "response_timeout", "An unanswered probe counts as filtered after this long.",
                toml(TrackerConfig.DEFAULT_RESPONSE_TIMEOUT), (b, n) -> b.responseTimeout = duration(n));
        add("tracker", "conversation_idle", "A (source, destination, protocol, port) is forgotten after this long "
                + "without packets; a contact within it is not a new attempt.",
                toml(TrackerConfig.DEFAULT_CONVERSATION_IDLE), (b, n) -> b.conversationIdle = duration(n));
        addFollowingMemory("tracker", "max_conversations", "Hard cap on tracked conversations; the least recently active is "
                + "evicted (and counted) past it.",
                Integer.toString(TrackerConfig.DEFAULT_MAX_CONVERSATIONS), (b, n) -> b.maxConversations = integer(n));

        SECTION_DOCS.put("detector", "Attempts to alerts. Only failed first contacts (closed, filtered, unknown) count.");
        add("detector", "sweep_min_hosts", "A sweep fires when one port failed on this many hosts (Zeek: 25), or when "
                + "this many hosts were reached on it and at least min_failure_share of them failed.",
                Integer.toString(d.sweepMinHosts()), (b, n) -> b.detector.sweepMinHosts(integer(n)));
        add("detector", "scan_min_ports", "A scan fires when one host failed on this many ports (Zeek: 15), or the "
                + "same with min_failure_share.", Integer.toString(d.scanMinPorts()),
                (b, n) -> b.detector.scanMinPorts(integer(n)));
        add("detector", "blockscan_min_hosts", "A block scan fires when this many hosts each failed on "
                + "blockscan_min_host_ports ports.", Integer.toString(d.blockscanMinHosts()),
                (b, n) -> b.detector.blockscanMinHosts(integer(n)));
        add("detector", "blockscan_min_host_ports", "See blockscan_min_hosts. Scattered pairs (one port per host) are "
                + "what peer-to-peer clients do, not a block scan.", Integer.toString(d.blockscanMinHostPorts()),
                (b, n) -> b.detector.blockscanMinHostPorts(integer(n)));
        add("detector", "min_failure_share", "Share of failed targets that lets a port or host cross its threshold "
                + "on distinct targets alone (a slow scan of a host with many open ports).",
                Double.toString(d.minFailureShare()), (b, n) -> b.detector.minFailureShare(number(n)));
        add("detector", "sweep_max_ports", "A scan of at most this many ports over many hosts is a sweep "
                + "(\"one port or a few\").", Integer.toString(d.sweepMaxPorts()),
                (b, n) -> b.detector.sweepMaxPorts(integer(n)));
        add("detector", "source_idle", "A source's activity and alert close after this long without an attempt.",
                toml(d.sourceIdle()), (b, n) -> b.detector.sourceIdle(duration(n)));
        add("detector", "slow_source_idle", "The long horizon: a source that went idle before firing, with at least "
                + "slow_min_failures failures, keeps its evidence this long (one probe every 5 minutes for an hour "
                + "is one scan).", toml(d.slowSourceIdle()), (b, n) -> b.detector.slowSourceIdle(duration(n)));
        add("detector", "slow_min_failures", "See slow_source_idle.", Integer.toString(d.slowMinFailures()),
                (b, n) -> b.detector.slowMinFailures(integer(n)));
        addFollowingMemory("detector", "max_slow_sources", "At most this many sources are kept for the long horizon; the longest "
                + "idle is dropped (and counted) past it.", Integer.toString(d.maxSlowSources()),
                (b, n) -> b.maxSlowSources = integer(n));
        addFollowingMemory("detector", "max_sources", "At most this many (source, protocol) are tracked at once; past it the least "
                + "recently active goes first (closed with its alert if it fired, else dropped and counted), so a "
                + "flood of spoofed sources cannot exhaust memory.", Integer.toString(d.maxSources()),
                (b, n) -> b.maxSources = integer(n));
        add("detector", "max_exact_hosts_per_source", "Past this many hosts a source keeps no per-host detail; "
                + "further hosts are counted with a sketch (UltraLogLog, about 1 % error).",
                Integer.toString(d.maxExactHostsPerSource()), (b, n) -> b.detector.maxExactHostsPerSource(integer(n)));
        addFollowingMemory("detector", "max_state_bytes", "Memory budget of the per-source state, enforced by accounting: the least "
                + "recently active sources go while the estimated total is over it.",
                Long.toString(d.maxStateBytes()), (b, n) -> b.maxStateBytes = Values.longValue(n));
        addFollowingMemory("detector", "max_targets", "At most this many targets are watched for distributed scans; past it the least "
                + "recently active goes.", Integer.toString(d.maxTargets()), (b, n) -> b.maxTargets = integer(n));
        add("detector", "escalation_levels", "Attempt counts at which an open alert is updated and its severity "
                + "raised.", toml(d.escalationLevels()), (b, n) -> b.detector.escalationLevels(integers(n)));
        add("detector", "max_listed_ports", "Ports listed in an alert; port_count gives the total.",
                Integer.toString(d.maxListedPorts()), (b, n) -> b.detector.maxListedPorts(integer(n)));

        SECTION_DOCS.put("outbound", "Home hosts probing outside (the compromised server of an abuse report) have "
                + "thresholds of their own; their scans of public addresses are high severity.");
        add("outbound", "sweep_min_hosts", "sweep_min_hosts for outbound scans.",
                Integer.toString(d.outboundSweepMinHosts()), (b, n) -> b.detector.outboundSweepMinHosts(integer(n)));
        add("outbound", "scan_min_ports", "scan_min_ports for outbound scans.",
                Integer.toString(d.outboundScanMinPorts()), (b, n) -> b.detector.outboundScanMinPorts(integer(n)));

        SECTION_DOCS.put("sequential_test", "Threshold Random Walk (Jung et al. 2004): each first contact is a trial; "
                + "about four failures in a row decide \"scanner\".");
        add("sequential_test", "enabled", "Whether the test may fire on its own, before any count threshold.",
                Boolean.toString(d.sequentialEnabled()), (b, n) -> b.detector.sequentialEnabled(bool(n)));
        add("sequential_test", "theta0", "Probability that a benign source's first contact succeeds.",
                Double.toString(SequentialTest.DEFAULT_THETA0), (b, n) -> b.theta0 = number(n));
        add("sequential_test", "theta1", "Probability that a scanner's first contact succeeds.",
                Double.toString(SequentialTest.DEFAULT_THETA1), (b, n) -> b.theta1 = number(n));
        add("sequential_test", "alpha", "False-positive bound.", Double.toString(SequentialTest.DEFAULT_ALPHA),
                (b, n) -> b.alpha = number(n));
        add("sequential_test", "beta", "Detection probability.", Double.toString(SequentialTest.DEFAULT_BETA),
                (b, n) -> b.beta = number(n));

        SECTION_DOCS.put("false_positives", "Exits: what they remove is counted, never dropped silently.");
        add("false_positives", "p2p_min_peers", "A source that exchanged traffic with this many hosts, each on a "
                + "high port of its own, is a peer-to-peer client: its alerts are held back (--show-suppressed).",
                Integer.toString(d.p2pMinPeers()), (b, n) -> b.detector.p2pMinPeers(integer(n)));
        add("false_positives", "allow_sources", "Sources (CIDR) whose attempts are no evidence (monitoring, "
                + "load-balancer health checks).", "[]", (b, n) -> b.allowSources = strings(n));
        add("false_positives", "allow_destinations", "Destinations whose first contacts are no evidence: "
                + "\"10.0.0.5:443\", \"10.0.0.0/24:53\", \"[2001:db8::/32]:80\", \":123\", \"10.9.0.0/16\".",
                "[]", (b, n) -> b.allowDestinations = strings(n));
        add("false_positives", "authorised_scanners", "Sources (CIDR) allowed to scan (the vulnerability scanner): "
                + "their alerts are tagged \"authorised\" and kept out of the alert stream, but counted.",
                "[]", (b, n) -> b.authorisedScanners = strings(n));
    }

    private Settings() {
    }

    private static void add(String section, String key, String doc, String defaultToml,
                            java.util.function.BiConsumer<ConfigBuilders, JsonNode> apply) {
        ALL.add(new Setting(section, key, doc, defaultToml, apply, false));
    }

    /** A capacity the memory cap sets unless the file does (its default is the default cap's). */
    private static void addFollowingMemory(String section, String key, String doc, String defaultToml,
                                           java.util.function.BiConsumer<ConfigBuilders, JsonNode> apply) {
        ALL.add(new Setting(section, key, doc, defaultToml, apply, true));
    }

    /** The whole configuration with its defaults, as a documented TOML file. */
    public static String defaultsToml() {
        StringBuilder sb = new StringBuilder();
        sb.append("# scanwatch configuration: every tunable with its default. Pass a file with\n")
          .append("# `scanwatch analyze --config FILE`; leave out what you do not change. Command-line\n")
          .append("# flags win over the file. Durations: \"250ms\", \"5s\", \"2m\", \"2h\".\n");
        String section = null;
        for (Setting s : ALL) {
            if (!s.section().equals(section)) {
                section = s.section();
                sb.append('\n');
                wrap(sb, SECTION_DOCS.get(section));
                sb.append('[').append(section).append("]\n");
            }
            if (s.followsMemory()) {
                // Written out, the default cap's value would pin it: a file made from this one
                // would then ignore a larger max_memory here, and the launcher would not size the heap.
                wrap(sb, s.doc() + " Unset, it follows max_memory (the value shown is the default cap's).");
                sb.append("# ").append(s.key()).append(" = ").append(s.defaultToml()).append('\n');
            } else {
                wrap(sb, s.doc());
                sb.append(s.key()).append(" = ").append(s.defaultToml()).append('\n');
            }
        }
        sb.append("\n# Not yet configurable: the decoy correlation holds a closed scan for ")
          .append(DistributedScanCorrelator.DEFAULT_HOLD.toSeconds()).append(" s of event time.\n");
        return sb.toString();
    }

    private static void wrap(StringBuilder sb, String text) {
        StringBuilder line = new StringBuilder("#");
        for (String word : text.split(" ")) {
            if (line.length() + word.length() + 1 > 100) {
                sb.append(line).append('\n');
                line = new StringBuilder("#");
            }
            line.append(' ').append(word);
        }
        sb.append(line).append('\n');
    }

    /** Applies a TOML configuration file; errors name the file and the setting. */
    public static void apply(Path file, ConfigBuilders into) throws ConfigException {
        String text;
        try {
            text = Files.readString(file);
        } catch (NoSuchFileException e) {
            throw new ConfigException(file + ": no such file");
        } catch (IOException e) {
            throw new ConfigException(file + ": cannot read: " + e.getMessage());
        }
        apply(file.toString(), text, into);
    }

    /**
     * Applies configuration text that came from {@code source} (a file name, for messages): for
     * hosts that carry the text rather than the file, such as a Flink job's task managers.
     */
    public static void apply(String source, String toml, ConfigBuilders into) throws ConfigException {
        JsonNode root;
        try {
            root = new TomlMapper().readTree(toml);
        } catch (IOException e) {
            String msg = e.getMessage() == null ? e.toString() : e.getMessage().lines().findFirst().orElse("");
            throw new ConfigException(source + ": not valid TOML: " + msg);
        }
        apply(source, root, into);
    }

    static void apply(String source, JsonNode root, ConfigBuilders into) throws ConfigException {
        Iterator<Map.Entry<String, JsonNode>> sections = root.fields();
        while (sections.hasNext()) {
            Map.Entry<String, JsonNode> section = sections.next();
            if (!section.getValue().isObject()) {
                throw new ConfigException(source + ": '" + section.getKey() + "' must be a [section]");
            }
            Iterator<Map.Entry<String, JsonNode>> keys = section.getValue().fields();
            while (keys.hasNext()) {
                Map.Entry<String, JsonNode> key = keys.next();
                String path = section.getKey() + "." + key.getKey();
                Setting s = ALL.stream().filter(x -> x.path().equals(path)).findFirst()
                        .orElseThrow(() -> new ConfigException(source + ": unknown setting " + path
                                + " (scanwatch config --defaults lists them all)"));
                try {
                    s.apply().accept(into, key.getValue());
                } catch (IllegalArgumentException e) {
                    throw new ConfigException(source + ": " + path + ": " + e.getMessage());
                }
            }
        }
    }

    /** Names of every setting, "section.key". */
    public static List<String> paths() {
        return ALL.stream().map(Setting::path).toList();
    }
}
