package dev.junction.gateway.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.config.UpstreamSettings;
import java.net.URI;
import java.nio.file.Path;
import java.util.Optional;

/**
 * A vertex upstream's own settings, read from its validated entry.
 *
 * @param host where requests go: {@code base_url} when given, else {@code aiplatform.googleapis.com}
 *     for the {@code global} location and express mode, {@code {location}-aiplatform.googleapis.com}
 *     for a region
 * @param project the project, empty in express mode
 * @param keyFile the service account key, empty in express mode
 */
record VertexSettings(UpstreamSettings upstream, URI host, Optional<String> project, String location,
        Optional<Path> keyFile) {

    static VertexSettings of(UpstreamSettings settings) {
        String location = settings.node().get("location").string("global");
        Optional<Path> keyFile = settings.node().get("credentials_file").string().map(Path::of);
        Optional<String> project = keyFile.map(file -> settings.node().get("project").string()
                .orElseGet(() -> projectOf(settings)));
        boolean explicitBase = !settings.node().get("base_url").isMissing();
        URI host = explicitBase ? settings.baseUrl()
                : keyFile.isEmpty() || location.equals("global") ? VertexKind.GLOBAL
                : URI.create("https://" + location + "-aiplatform.googleapis.com");
        return new VertexSettings(settings, host, project, location, keyFile);
    }

    private static String projectOf(UpstreamSettings settings) {
        JsonNode key = VertexKind.readKeyFile(settings.node().get("credentials_file"));
        return key.path("project_id").asText();
    }

    boolean expressMode() {
        return keyFile.isEmpty();
    }
}
