package dev.scanwatch.flink;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.scanwatch.cli.Main;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/** Alerts of the contract (JSON Lines) reduced to what the equality tests compare. */
final class Alerts {

    private static final ObjectMapper JSON = new ObjectMapper();

    private Alerts() {
    }

    /** kind, protocol, sources (src or srcs), target / target_min / target_max, ports. */
    static String signature(JsonNode a) {
        List<String> sources = new ArrayList<>();
        if (a.has("srcs")) {
            a.get("srcs").forEach(s -> sources.add(s.asText()));
            sources.sort(null);
        } else {
            sources.add(a.get("src").asText());
        }
        List<Integer> ports = new ArrayList<>();
        a.get("ports").forEach(p -> ports.add(p.asInt()));
        return a.get("kind").asText() + " " + a.get("proto").asText() + " " + sources
               + " target=" + (a.has("target") ? a.get("target").asText() : "-")
               + " min=" + a.get("target_min").asText() + " max=" + a.get("target_max").asText()
               + " ports=" + ports;
    }

    static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Closed alerts that no false-positive exit held back: what `analyze` shows by default. */
    static boolean closedShown(JsonNode a) {
        return "closed".equals(a.get("state").asText()) && !a.has("suppressed_by");
    }

    /** Signatures of the job's closed, shown alerts. */
    static TreeSet<String> closedShown(List<String> lines) {
        TreeSet<String> s = new TreeSet<>();
        for (String line : lines) {
            JsonNode a = parse(line);
            if (closedShown(a)) {
                s.add(signature(a));
            }
        }
        return s;
    }

    /** Signatures of what the embedded pipeline gives: `scanwatch analyze --json FILE...`. */
    static TreeSet<String> embedded(String... files) {
        List<String> args = new ArrayList<>(List.of("analyze", "--json"));
        args.addAll(List.of(files));
        return closedShown(run(args.toArray(String[]::new)));
    }

    /** Runs the scanwatch command in this JVM; its stdout lines (fails on a non-zero exit). */
    static List<String> run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = Main.run(new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        if (exit != 0) {
            throw new IllegalStateException("scanwatch " + String.join(" ", args) + " exited " + exit + ": "
                                            + err.toString(StandardCharsets.UTF_8));
        }
        String text = out.toString(StandardCharsets.UTF_8);
        return text.isBlank() ? List.of() : List.of(text.split("\n"));
    }
}
