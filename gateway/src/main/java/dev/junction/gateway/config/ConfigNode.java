package dev.junction.gateway.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A position in the configuration tree with typed readers. Every reader names the key it failed
 * on (as a JSON pointer; {@link ConfigLoader} turns that into file and line).
 */
public final class ConfigNode {
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");
    private static final Pattern SIZE = Pattern.compile("(\\d+)\\s*(b|kb|kib|mb|mib|gb|gib)?", Pattern.CASE_INSENSITIVE);

    private final JsonNode node;
    private final String pointer;

    ConfigNode(JsonNode node, String pointer) {
        this.node = node == null ? MissingNode.getInstance() : node;
        this.pointer = pointer;
    }

    public String pointer() {
        return pointer;
    }

    public boolean isMissing() {
        return node.isMissingNode() || node.isNull();
    }

    public ConfigNode get(String key) {
        return new ConfigNode(node.get(key), pointer + "/" + key);
    }

    public ConfigException error(String message) {
        return new ConfigException(pointer, message);
    }

    /** Fails on keys this level does not know, so a typo is not silently ignored. */
    public ConfigNode allowOnly(Set<String> keys) {
        if (!isMissing() && !node.isObject()) {
            throw error("must be a mapping of keys to values");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!keys.contains(key)) {
                throw get(key).error("unknown key; known keys here: " + String.join(", ", keys.stream().sorted().toList()));
            }
        }
        return this;
    }

    public Optional<String> string() {
        if (isMissing()) {
            return Optional.empty();
        }
        if (!node.isValueNode() || node.isBoolean()) {
            throw error("must be a text value");
        }
        return Optional.of(node.asText());
    }

    public String string(String fallback) {
        return string().orElse(fallback);
    }

    public Optional<Integer> integer(int min, int max) {
        if (isMissing()) {
            return Optional.empty();
        }
        long value;
        if (node.isIntegralNumber() && node.canConvertToLong()) {
            value = node.asLong();
        } else if (node.isTextual() && node.asText().trim().matches("-?\\d{1,18}")) {
            value = Long.parseLong(node.asText().trim());
        } else {
            throw error("must be a whole number between " + min + " and " + max);
        }
        if (value < min || value > max) {
            throw error("must be between " + min + " and " + max + ", got " + value);
        }
        return Optional.of((int) value);
    }

    public Optional<Boolean> bool() {
        if (isMissing()) {
            return Optional.empty();
        }
        if (node.isBoolean()) {
            return Optional.of(node.asBoolean());
        }
        String text = node.asText().toLowerCase(Locale.ROOT);
        if (text.equals("true") || text.equals("false")) {
            return Optional.of(Boolean.parseBoolean(text));
        }
        throw error("must be true or false");
    }

    /** {@code 500ms}, {@code 10s}, {@code 5m}, {@code 1h}, {@code 1d}, or ISO-8601 ({@code PT10S}). */
    public Optional<Duration> duration() {
        return string().map(text -> {
            Matcher m = DURATION.matcher(text.trim());
            if (m.matches()) {
                long n = Long.parseLong(m.group(1));
                return switch (m.group(2)) {
                    case "ms" -> Duration.ofMillis(n);
                    case "s" -> Duration.ofSeconds(n);
                    case "m" -> Duration.ofMinutes(n);
                    case "h" -> Duration.ofHours(n);
                    default -> Duration.ofDays(n);
                };
            }
            try {
                return Duration.parse(text.trim());
            } catch (DateTimeParseException e) {
                throw error("must be a duration such as 500ms, 10s, 5m or 1h, got '" + text + "'");
            }
        });
    }

    /** A byte size: a number of bytes, or {@code 20MB}, {@code 512KiB}... (binary multiples). */
    public Optional<Long> byteSize() {
        return string().map(text -> {
            Matcher m = SIZE.matcher(text.trim());
            if (!m.matches()) {
                throw error("must be a size such as 1048576, 512KB or 20MB, got '" + text + "'");
            }
            long n = Long.parseLong(m.group(1));
            String unit = m.group(2) == null ? "b" : m.group(2).toLowerCase(Locale.ROOT);
            return switch (unit) {
                case "kb", "kib" -> n * 1024;
                case "mb", "mib" -> n * 1024 * 1024;
                case "gb", "gib" -> n * 1024 * 1024 * 1024;
                default -> n;
            };
        });
    }

    public Optional<URI> httpUrl() {
        return string().map(text -> {
            try {
                URI uri = new URI(text.trim());
                if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                    throw error("must be an http:// or https:// URL, got '" + text + "'");
                }
                return uri;
            } catch (URISyntaxException e) {
                throw error("is not a valid URL: " + e.getMessage());
            }
        });
    }

    /** A list of text values; a single value or a comma-separated text counts as a list too. */
    public List<String> strings() {
        if (isMissing()) {
            return List.of();
        }
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                new ConfigNode(node.get(i), pointer + "/" + i).string().ifPresent(values::add);
            }
        } else {
            for (String part : string().orElse("").split(",")) {
                values.add(part);
            }
        }
        return values.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The entries of a mapping, in file order; empty when missing. */
    public java.util.LinkedHashMap<String, ConfigNode> entries() {
        java.util.LinkedHashMap<String, ConfigNode> entries = new java.util.LinkedHashMap<>();
        if (isMissing()) {
            return entries;
        }
        if (!node.isObject()) {
            throw error("must be a mapping of keys to values");
        }
        for (Iterator<String> it = node.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            entries.put(key, get(key));
        }
        return entries;
    }

    public List<ConfigNode> elements() {
        if (isMissing()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw error("must be a list");
        }
        List<ConfigNode> elements = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            elements.add(new ConfigNode(node.get(i), pointer + "/" + i));
        }
        return elements;
    }

    /** The raw tree, for sections a component reads itself (price tables, capability tables). */
    public JsonNode raw() {
        return node;
    }
}
