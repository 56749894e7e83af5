package dev.scanwatch.cli.eval;

import dev.scanwatch.core.net.CidrSet;
import dev.scanwatch.core.net.IpAddress;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads a truth.tsv and, beside it, the optional techniques.tsv that refines each attacker's
 * technique requirement.
 */
public final class TruthFile {

    private static final List<String> COLUMNS =
            List.of("file", "format", "attackers", "kind", "techniques", "not_attackers", "ignore", "trust", "notes");

    private TruthFile() {
    }

    public static List<TruthRow> read(Path truth) throws IOException {
        List<String> lines = Files.readAllLines(truth, StandardCharsets.UTF_8);
        if (lines.isEmpty() || !Arrays.asList(lines.get(0).split("\t")).containsAll(COLUMNS)) {
            throw new IOException(truth + ": line 1: expected a header with columns " + COLUMNS);
        }
        List<String> header = Arrays.asList(lines.get(0).split("\t"));
        Map<String, Map<IpAddress, List<Set<String>>>> perSource = readTechniques(truth.resolveSibling("techniques.tsv"));
        List<TruthRow> rows = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                continue;
            }
            String[] cells = lines.get(i).split("\t", -1);
            if (cells.length < COLUMNS.size()) {
                throw new IOException(truth + ": line " + (i + 1) + ": " + cells.length + " columns, expected "
                                      + COLUMNS.size());
            }
            try {
                rows.add(row(header, cells, perSource));
            } catch (IllegalArgumentException e) {
                throw new IOException(truth + ": line " + (i + 1) + ": " + e.getMessage());
            }
        }
        return rows;
    }

    private static TruthRow row(List<String> header, String[] cells, Map<String, Map<IpAddress, List<Set<String>>>> perSource) {
        String file = cell(header, cells, "file");
        List<IpAddress> attackers = addresses(cell(header, cells, "attackers"));
        List<String> kindCells = list(cell(header, cells, "kind"));
        Map<IpAddress, Set<String>> kinds = new LinkedHashMap<>();
        for (int i = 0; i < attackers.size(); i++) {
            String k = kindCells.size() == attackers.size() ? kindCells.get(i) : kindCells.get(0);
            kinds.put(attackers.get(i), new LinkedHashSet<>(List.of(k.split("\\|"))));
        }
        Map<IpAddress, List<Set<String>>> techniques = new HashMap<>();
        Map<IpAddress, List<Set<String>>> fromFile = perSource.getOrDefault(file, Map.of());
        List<String> rowTechniques = list(cell(header, cells, "techniques"));
        for (IpAddress a : attackers) {
            if (fromFile.containsKey(a)) {
                techniques.put(a, fromFile.get(a));
            } else if (!rowTechniques.isEmpty()) {
                // Several attackers without a line of their own: each needs one of the row's techniques.
                Set<String> anyOf = new LinkedHashSet<>();
                if (attackers.size() == 1) {
                    techniques.put(a, requirement(cell(header, cells, "techniques")));
                    continue;
                }
                for (String t : rowTechniques) {
                    anyOf.addAll(List.of(t.split("\\|")));
                }
                techniques.put(a, List.of(anyOf));
            } else {
                techniques.put(a, List.of());
            }
        }
        String ignore = cell(header, cells, "ignore");
        return new TruthRow(file, cell(header, cells, "format"), attackers, kinds, techniques,
                CidrSet.parse(list(cell(header, cells, "not_attackers"))), "*".equals(ignore.trim()),
                "*".equals(ignore.trim()) ? CidrSet.empty() : CidrSet.parse(list(ignore)),
                cell(header, cells, "trust"), cell(header, cells, "notes"));
    }

    private static Map<String, Map<IpAddress, List<Set<String>>>> readTechniques(Path path) throws IOException {
        Map<String, Map<IpAddress, List<Set<String>>>> out = new HashMap<>();
        if (!Files.exists(path)) {
            return out;
        }
        List<String> lines = Files.readAllLines(path, StandardCharsets.UTF_8);
        for (int i = 1; i < lines.size(); i++) {
            String[] c = lines.get(i).split("\t", -1);
            if (c.length < 3) {
                continue;
            }
            IpAddress src = IpAddress.tryParse(c[1].trim());
            if (src == null) {
                throw new IOException(path + ": line " + (i + 1) + ": not an address: " + c[1]);
            }
            out.computeIfAbsent(c[0], f -> new HashMap<>()).put(src, requirement(c[2]));
        }
        return out;
    }

    /** "syn,udp" needs both; "window|ack" accepts either; "-" needs nothing. */
    static List<Set<String>> requirement(String text) {
        List<Set<String>> items = new ArrayList<>();
        for (String item : list(text)) {
            items.add(new LinkedHashSet<>(List.of(item.split("\\|"))));
        }
        return items;
    }

    private static String cell(List<String> header, String[] cells, String name) {
        return cells[header.indexOf(name)].trim();
    }

    private static List<String> list(String text) {
        if (text.isEmpty() || "-".equals(text)) {
            return List.of();
        }
        List<String> out = new ArrayList<>();
        for (String s : text.split(",")) {
            if (!s.isBlank()) {
                out.add(s.trim());
            }
        }
        return out;
    }

    private static List<IpAddress> addresses(String text) {
        List<IpAddress> out = new ArrayList<>();
        for (String s : list(text)) {
            out.add(IpAddress.parse(s));
        }
        return out;
    }
}
