package dev.junction.gateway.providers.vertex;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.gateway.config.ConfigNode;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.Provider;
import dev.junction.gateway.providers.ProviderContext;
import dev.junction.gateway.providers.ProviderKind;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * {@code type: vertex}: Gemini models on Google Cloud's Vertex AI, with a service account's key
 * file ({@code credentials_file}, {@code project}, {@code location}) or with express-mode API keys
 * ({@code api_keys}, no project). Checked at load time: the key file is read and must be a
 * service account's, so a bad path or file is reported with the configuration's file and line.
 */
public final class VertexKind implements ProviderKind {
    static final URI GLOBAL = URI.create("https://aiplatform.googleapis.com");
    private static final Pattern LOCATION = Pattern.compile("[a-z][a-z0-9-]{0,62}");
    private static final Pattern PROJECT = Pattern.compile("[a-z][a-z0-9-]{4,62}|[a-z0-9.:-]{1,100}");

    @Override
    public String name() {
        return "vertex";
    }

    @Override
    public Set<String> settings() {
        return Set.of("project", "location", "credentials_file");
    }

    @Override
    public Optional<URI> defaultBaseUrl() {
        return Optional.of(GLOBAL); // a regional location moves it; see VertexSettings
    }

    @Override
    public List<String> defaultModels() {
        return List.of("gemini-*");
    }

    @Override
    public void validate(ConfigNode upstream) {
        boolean keys = !upstream.get("api_keys").strings().isEmpty();
        ConfigNode file = upstream.get("credentials_file");
        if (keys == !file.isMissing()) {
            throw upstream.error(keys ? "a vertex upstream takes either credentials_file or api_keys (express mode), "
                    + "not both" : "a vertex upstream needs credentials_file (a service account's JSON key) or "
                    + "api_keys (express mode)");
        }
        String location = upstream.get("location").string("global");
        if (!LOCATION.matcher(location).matches()) {
            throw upstream.get("location").error("must be a Google Cloud location such as global or us-central1");
        }
        if (keys) {
            if (!upstream.get("project").isMissing()) {
                throw upstream.get("project").error("is not used in express mode (api_keys): remove it, or use "
                        + "credentials_file");
            }
            return;
        }
        JsonNode key = readKeyFile(file);
        String project = upstream.get("project").string().orElse(key.path("project_id").asText(""));
        if (project.isEmpty()) {
            throw upstream.error("a vertex upstream needs project (the key file names none)");
        }
        if (!PROJECT.matcher(project).matches()) {
            throw upstream.get("project").error("must be a Google Cloud project id");
        }
    }

    /** The key file as JSON, checked to be a service account's. */
    static JsonNode readKeyFile(ConfigNode file) {
        Path path = Path.of(file.string().orElseThrow(() -> file.error("must be a path")));
        JsonNode key;
        try {
            key = Json.MAPPER.readTree(Files.readAllBytes(path));
        } catch (IOException e) {
            throw file.error("cannot read the service account key " + path.toAbsolutePath() + ": "
                    + (e instanceof java.nio.file.NoSuchFileException ? "no such file"
                            : e instanceof java.nio.file.AccessDeniedException ? "permission denied"
                            : "not a JSON key file (" + e.getClass().getSimpleName() + ")"));
        }
        if (key == null || !"service_account".equals(key.path("type").asText())
                || key.path("client_email").asText().isEmpty() || key.path("private_key").asText().isEmpty()) {
            throw file.error(path.toAbsolutePath() + " is not a service account key (it needs type "
                    + "service_account, client_email and private_key)");
        }
        return key;
    }

    @Override
    public Provider create(UpstreamSettings settings, ProviderContext context) {
        return new VertexProvider(context.vertx(), VertexSettings.of(settings), context.clock(),
                context.config().thinking());
    }
}
