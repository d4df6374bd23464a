package dev.junction.gateway.console;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's static files, read once from the jar: its own pages under {@code console/} and
 * the charting library from its WebJar, served as {@code /console/vendor/echarts.min.js}.
 */
final class ConsoleAssets {
    private static final Pattern SAFE = Pattern.compile("[a-z0-9][a-z0-9_-]*(/[a-z0-9][a-z0-9_-]*)*\\.(html|js|css|svg)");
    private static final Map<String, String> VENDOR = Map.of(
            "vendor/echarts.min.js", "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js");

    /** A file and its media type. */
    record Asset(byte[] bytes, String contentType) {}

    private final Map<String, Optional<Asset>> cache = new ConcurrentHashMap<>();

    /** The file at {@code path} (relative to {@code /console/}), if the console has one. */
    Optional<Asset> get(String path) {
        String resource = VENDOR.getOrDefault(path, SAFE.matcher(path).matches() ? "console/" + path : null);
        if (resource == null) {
            return Optional.empty();
        }
        return cache.computeIfAbsent(path, p -> load(resource));
    }

    private static Optional<Asset> load(String resource) {
        try (InputStream in = ConsoleAssets.class.getClassLoader().getResourceAsStream(resource)) {
            return in == null ? Optional.empty() : Optional.of(new Asset(in.readAllBytes(), type(resource)));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String type(String name) {
        String ext = name.substring(name.lastIndexOf('.') + 1);
        return switch (ext) {
            case "html" -> "text/html; charset=UTF-8";
            case "js" -> "text/javascript; charset=UTF-8";
            case "css" -> "text/css; charset=UTF-8";
            case "svg" -> "image/svg+xml";
            default -> "application/octet-stream";
        };
    }
}
