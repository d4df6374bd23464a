package dev.junction.gateway.providers.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.junction.gateway.config.ConfigException;
import dev.junction.gateway.config.ConfigLoader;
import dev.junction.gateway.config.JunctionConfig;
import dev.junction.gateway.config.UpstreamSettings;
import dev.junction.gateway.providers.ProviderKinds;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** An openai upstream's configuration: checked at load time, with the file and line at fault. */
class OpenAiKindTest {
    @TempDir
    Path dir;

    private JunctionConfig load(String upstream) throws IOException {
        Path file = dir.resolve("junction.yaml");
        Files.writeString(file, "upstreams:\n" + upstream.indent(2));
        return new ConfigLoader(Map.of(), ProviderKinds.all()).load(Optional.of(file), dir);
    }

    @Test
    void aVendorWithItsVersionPathKeysAndModels() throws IOException {
        UpstreamSettings settings = load("""
                - name: deepseek
                  type: openai
                  base_url: https://api.deepseek.com/v1
                  api_keys: [sk-1, sk-2]
                  models: ["deepseek-*"]
                  model_map: {cheap: deepseek-chat}
                  priority: 2
                """).upstreams().get(0);
        assertThat(settings.type()).isEqualTo("openai");
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.deepseek.com/v1"));
        assertThat(settings.apiKeys()).containsExactly("sk-1", "sk-2");
        assertThat(settings.models()).containsExactly("deepseek-*");
        assertThat(settings.modelMap()).containsEntry("cheap", "deepseek-chat");
        assertThat(settings.priority()).isEqualTo(2);
    }

    @Test
    void openAisOwnApiIsTheDefaultAndAModelMapAloneNamesTheModels() throws IOException {
        UpstreamSettings settings = load("""
                - type: openai
                  api_keys: [sk-1]
                  model_map: {smart: gpt-4.1}
                """).upstreams().get(0);
        assertThat(settings.baseUrl()).isEqualTo(URI.create("https://api.openai.com/v1"));
        assertThat(settings.models()).isEqualTo(List.of());
    }

    @Test
    void keysAndModelsAreRequiredWithTheLineAtFault() {
        assertThatThrownBy(() -> load("""
                - type: openai
                  models: [gpt-4.1]
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("junction.yaml:").hasMessageContaining("api_keys")
                .hasMessageContaining("openai upstream");
        assertThatThrownBy(() -> load("""
                - type: openai
                  api_keys: [sk-1]
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("models")
                .hasMessageContaining("model_map");
        assertThatThrownBy(() -> load("""
                - type: openai
                  api_keys: [sk-1]
                  models: [x]
                  credentials_file: /etc/key.json
                """)).isInstanceOf(ConfigException.class).hasMessageContaining("credentials_file");
    }
}
