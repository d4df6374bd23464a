package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.gemini.ThinkingCapability.Control;
import dev.junction.protocol.model.ReasoningEffort;
import dev.junction.protocol.model.ThinkingLevel;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The per-model thinking capability table. It is data, not code, because Google's model set
 * changes faster than releases: the built-in table is the resource
 * {@code dev/junction/protocol/gemini/thinking-models.json}, and an operator's table (same
 * shape, e.g. read from the gateway's configuration) is built with {@link #fromJson}.
 *
 * <p>Rows are tried in order and the first whose glob matches wins, so specific patterns
 * ({@code gemini-2.5-flash-lite*}) come before general ones ({@code gemini-2.5-flash*}); a model
 * no row matches gets the {@code default} row. See {@link ThinkingCapability} for how a request
 * is fitted to a row.
 */
public final class ThinkingCapabilities {
    private static final String RESOURCE = "thinking-models.json";
    private static final Set<String> ROW_KEYS = Set.of("match", "note", "control", "budget_min", "budget_max",
            "can_disable", "default", "effort", "levels", "thought_signatures");

    private record Row(Pattern pattern, ThinkingCapability capability) {}

    private final List<Row> rows;
    private final ThinkingCapability fallback;

    private ThinkingCapabilities(List<Row> rows, ThinkingCapability fallback) {
        this.rows = List.copyOf(rows);
        this.fallback = fallback;
    }

    /** The table shipped with Junction. */
    public static ThinkingCapabilities defaults() {
        try (InputStream in = ThinkingCapabilities.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException("the resource " + RESOURCE + " is missing from the class path");
            }
            return fromJson(Json.MAPPER.readTree(in));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Builds a table from its JSON form ({@code {"models": [row...], "default": row}}).
     *
     * @throws IllegalArgumentException naming the offending key when the table is malformed
     */
    public static ThinkingCapabilities fromJson(JsonNode table) {
        List<Row> rows = new ArrayList<>();
        JsonNode models = table.path("models");
        if (!models.isArray()) {
            throw new IllegalArgumentException("thinking capabilities: 'models' must be an array");
        }
        for (int i = 0; i < models.size(); i++) {
            String path = "models[" + i + "]";
            String match = text(models.get(i), "match", path);
            rows.add(new Row(glob(match), row(models.get(i), match, path)));
        }
        if (!table.path("default").isObject()) {
            throw new IllegalArgumentException("thinking capabilities: 'default' must be an object");
        }
        return new ThinkingCapabilities(rows, row(table.get("default"), "*", "default"));
    }

    /**
     * This table with {@code rows} (a JSON array of rows in the same form) tried first: how an
     * operator describes a model Junction does not know yet, or corrects one it knows.
     *
     * @throws IllegalArgumentException naming the offending row and key
     */
    public ThinkingCapabilities withOverrides(JsonNode overrides) {
        if (!overrides.isArray()) {
            throw new IllegalArgumentException("thinking capabilities: the overrides must be a list of rows");
        }
        List<Row> combined = new ArrayList<>();
        for (int i = 0; i < overrides.size(); i++) {
            String path = "[" + i + "]";
            String match = text(overrides.get(i), "match", path);
            combined.add(new Row(glob(match), row(overrides.get(i), match, path)));
        }
        combined.addAll(rows);
        return new ThinkingCapabilities(combined, fallback);
    }

    /** The capability of {@code model} (a {@code models/} prefix and letter case are ignored). */
    public ThinkingCapability resolve(String model) {
        String name = model.startsWith("models/") ? model.substring("models/".length()) : model;
        String lower = name.toLowerCase(Locale.ROOT);
        for (Row row : rows) {
            if (row.pattern().matcher(lower).matches()) {
                return row.capability();
            }
        }
        return fallback;
    }

    private static ThinkingCapability row(JsonNode row, String match, String path) {
        row.fieldNames().forEachRemaining(key -> {
            if (!ROW_KEYS.contains(key)) {
                throw new IllegalArgumentException("thinking capabilities: unknown key '" + key + "' in " + path);
            }
        });
        boolean signatures = switch (row.path("thought_signatures").asText("optional")) {
            case "required" -> true;
            case "optional" -> false;
            default -> throw new IllegalArgumentException(
                    "thinking capabilities: " + path + ".thought_signatures must be 'required' or 'optional'");
        };
        Control control = switch (text(row, "control", path)) {
            case "none" -> new Control.Unsupported();
            case "budget" -> budget(row, path);
            case "level" -> levels(row, path);
            default -> throw new IllegalArgumentException(
                    "thinking capabilities: " + path + ".control must be 'budget', 'level' or 'none'");
        };
        return new ThinkingCapability(match, control, signatures);
    }

    private static Control.Budget budget(JsonNode row, String path) {
        int min = integer(row, "budget_min", path);
        int max = integer(row, "budget_max", path);
        if (min < 0 || max < min) {
            throw new IllegalArgumentException("thinking capabilities: " + path + " needs 0 <= budget_min <= budget_max");
        }
        Map<ReasoningEffort, Integer> effort = new EnumMap<>(ReasoningEffort.class);
        for (ReasoningEffort e : efforts()) {
            effort.put(e, integer(row.path("effort"), e.wire(), path + ".effort"));
        }
        String defaultThinking = row.path("default").asText("dynamic");
        if (!defaultThinking.equals("dynamic") && !defaultThinking.equals("off")) {
            throw new IllegalArgumentException("thinking capabilities: " + path + ".default must be 'dynamic' or 'off'");
        }
        return new Control.Budget(min, max, row.path("can_disable").asBoolean(false),
                defaultThinking.equals("dynamic"), effort);
    }

    private static Control.Levels levels(JsonNode row, String path) {
        List<ThinkingLevel> allowed = new ArrayList<>();
        JsonNode levels = row.path("levels");
        if (!levels.isArray() || levels.isEmpty()) {
            throw new IllegalArgumentException("thinking capabilities: " + path + ".levels must be a non-empty array");
        }
        for (int i = 0; i < levels.size(); i++) {
            allowed.add(level(levels.get(i).asText(""), path + ".levels[" + i + "]"));
        }
        allowed.sort(null);
        Map<ReasoningEffort, ThinkingLevel> effort = new EnumMap<>(ReasoningEffort.class);
        for (ReasoningEffort e : efforts()) {
            effort.put(e, level(text(row.path("effort"), e.wire(), path + ".effort"), path + ".effort." + e.wire()));
        }
        return new Control.Levels(allowed, level(text(row, "default", path), path + ".default"), effort);
    }

    /** The efforts a row maps; {@code none} is policy, not data. */
    private static List<ReasoningEffort> efforts() {
        return List.of(ReasoningEffort.MINIMAL, ReasoningEffort.LOW, ReasoningEffort.MEDIUM, ReasoningEffort.HIGH);
    }

    private static ThinkingLevel level(String value, String path) {
        return ThinkingLevel.parse(value).orElseThrow(() -> new IllegalArgumentException(
                "thinking capabilities: " + path + " must be one of minimal, low, medium, high"));
    }

    private static String text(JsonNode node, String key, String path) {
        JsonNode value = node.path(key);
        if (!value.isTextual()) {
            throw new IllegalArgumentException("thinking capabilities: " + path + "." + key + " must be a string");
        }
        return value.textValue();
    }

    private static int integer(JsonNode node, String key, String path) {
        JsonNode value = node.path(key);
        if (!value.canConvertToInt() || !value.isIntegralNumber()) {
            throw new IllegalArgumentException("thinking capabilities: " + path + "." + key + " must be an integer");
        }
        return value.intValue();
    }

    private static Pattern glob(String glob) {
        List<String> pieces = new ArrayList<>();
        for (String piece : glob.toLowerCase(Locale.ROOT).split("\\*", -1)) {
            pieces.add(Pattern.quote(piece));
        }
        return Pattern.compile(String.join(".*", pieces));
    }
}
