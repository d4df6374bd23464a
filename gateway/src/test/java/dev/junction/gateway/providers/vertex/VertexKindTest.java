package dev.junction.gateway.providers.vertex;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.config.ConfigException;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.providers.ProviderKinds;
import dev.junction.gateway.testing.FakeVertex;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A vertex upstream's configuration: checked at load time, with the file and line at fault. */
class VertexKindTest {
    @TempDir
    Path dir;

    private JunctionConfig load(String upstream) throws IOException {
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, "upstreams:\n" + upstream.indent(2));
        return new ConfigLoader(Map.of(), ProviderKinds.all()).load(Optional.of(file), dir);
    }

    private Path keyFile() {
        try (FakeVertex vertex = new FakeVertex()) {
            return vertex.writeKeyFile(dir, "key-project");
        }
    }

    @Test
    void aRegionalLocationMovesTheHostAndTheKeyFileNamesTheProject() throws IOException {
        JunctionConfig config = load("""
                - name: v
                  type: vertex
                  credentials_file: %s
                  location: europe-west4
                """.formatted(keyFile()));
        VertexSettings settings = VertexSettings.of(config.upstreams().get(0));
        assertThat(settings.host()).isEqualTo(URI.create("https://europe-west4-aiplatform.googleapis.com"));
        assertThat(settings.project()).contains("key-project");
        assertThat(settings.expressMode()).isFalse();
    }

    @Test
    void theGlobalLocationIsTheDefaultAndUsesTheGlobalHostAndProjectOverridesTheKeyFile() throws IOException {
        JunctionConfig config = load("""
                - type: vertex
                  credentials_file: %s
                  project: other-project
                """.formatted(keyFile()));
        VertexSettings settings = VertexSettings.of(config.upstreams().get(0));
        assertThat(settings.host()).isEqualTo(URI.create("https://aiplatform.googleapis.com"));
        assertThat(settings.location()).isEqualTo("global");
        assertThat(settings.project()).contains("other-project");
    }

    @Test
    void expressModeTakesApiKeysAndTheGlobalHost() throws IOException {
        VertexSettings settings = VertexSettings.of(load("""
                - type: vertex
                  api_keys: [k1]
                """).upstreams().get(0));
        assertThat(settings.expressMode()).isTrue();
        assertThat(settings.host()).isEqualTo(URI.create("https://aiplatform.googleapis.com"));
    }

    @Test
    void aMissingKeyFileIsReportedWithItsPathAndTheLine() {
        assertThatThrownBy(() -> load("""
                - type: vertex
                  credentials_file: /nowhere/key.json
                """)).isInstanceOf(ConfigException.class)
                .hasMessageContaining("junction.yaml:3:")
                .hasMessageContaining("/nowhere/key.json").hasMessageContaining("no such file");
    }

    @Test
    void aFileThatIsNotAServiceAccountKeyIsRefused() throws IOException {
        Path notAKey = dir.resolve("user.json");
        Files.writeString(notAKey, "{\"type\":\"authorized_user\",\"client_id\":\"x\"}");
        assertThatThrownBy(() -> load("""
                - type: vertex
                  credentials_file: %s
                """.formatted(notAKey))).isInstanceOf(ConfigException.class)
                .hasMessageContaining("is not a service account key");
    }

    @Test
    void credentialsAreRequiredAndNotBothKinds() {
        assertThatThrownBy(() -> load("""
                - type: vertex
                  project: p-12345
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("needs credentials_file");
        assertThatThrownBy(() -> load("""
                - type: vertex
                  api_keys: [k]
                  credentials_file: %s
                """.formatted(keyFile()))).isInstanceOf(ConfigException.class).hasMessageContaining("not both");
    }

    @Test
    void aLocationThatIsNotOneIsRefused() {
        assertThatThrownBy(() -> load("""
                - type: vertex
                  api_keys: [k]
                  location: "evil.example.com/x"
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("must be a Google Cloud location");
    }
}
