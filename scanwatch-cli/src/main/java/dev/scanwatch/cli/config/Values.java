package dev.scanwatch.cli.config;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Reading and writing the value types of the configuration file. */
final class Values {

    private static final Pattern DURATION = Pattern.compile("(\\d+)\\s*(ms|s|m|h)");

    private Values() {
    }

    static int integer(JsonNode n) {
        if (!n.canConvertToInt() || !n.isIntegralNumber()) {
            throw new IllegalArgumentException("expected a whole number, not " + n);
        }
        return n.intValue();
    }

    static long longValue(JsonNode n) {
        if (!n.isIntegralNumber() || !n.canConvertToLong()) {
            throw new IllegalArgumentException("expected a whole number, not " + n);
        }
        return n.longValue();
    }

    static double number(JsonNode n) {
        if (!n.isNumber()) {
            throw new IllegalArgumentException("expected a number, not " + n);
        }
        return n.doubleValue();
    }

    static boolean bool(JsonNode n) {
        if (!n.isBoolean()) {
            throw new IllegalArgumentException("expected true or false, not " + n);
        }
        return n.booleanValue();
    }

    /** "250ms", "5s", "2m", "2h". */
    static Duration duration(JsonNode n) {
        return duration(n.isTextual() ? n.textValue() : n.toString());
    }

    static Duration duration(String text) {
        Matcher m = DURATION.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration like \"5s\", \"2m\" or \"2h\", not " + text);
        }
        long v = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(v);
            case "s" -> Duration.ofSeconds(v);
            case "m" -> Duration.ofMinutes(v);
            default -> Duration.ofHours(v);
        };
    }

    static String toml(Duration d) {
        if (d.toMillis() % 3_600_000 == 0) {
            return "\"" + d.toHours() + "h\"";
        }
        if (d.toMillis() % 60_000 == 0) {
            return "\"" + d.toMinutes() + "m\"";
        }
        if (d.toMillis() % 1000 == 0) {
            return "\"" + d.toSeconds() + "s\"";
        }
        return "\"" + d.toMillis() + "ms\"";
    }

    static List<String> strings(JsonNode n) {
        if (!n.isArray()) {
            throw new IllegalArgumentException("expected a list of strings, not " + n);
        }
        List<String> out = new ArrayList<>();
        for (JsonNode e : n) {
            if (!e.isTextual()) {
                throw new IllegalArgumentException("expected a list of strings, not " + n);
            }
            out.add(e.textValue());
        }
        return out;
    }

    static List<Integer> integers(JsonNode n) {
        if (!n.isArray()) {
            throw new IllegalArgumentException("expected a list of whole numbers, not " + n);
        }
        List<Integer> out = new ArrayList<>();
        for (JsonNode e : n) {
            out.add(integer(e));
        }
        return out;
    }

    static String toml(List<?> values) {
        StringBuilder sb = new StringBuilder("[");
        for (Object v : values) {
            sb.append(sb.length() > 1 ? ", " : "").append(v instanceof String ? "\"" + v + "\"" : v.toString());
        }
        return sb.append(']').toString();
    }
}
