package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The models the mock serves, in {@code models.list} order, and their {@code Model} JSON
 * (PROTOCOLS §1.6). Descriptions say loudly that this is Junction's mock, so nobody mistakes a
 * model list from the mock for Google's.
 */
final class ModelCatalogue {
    private static final List<String> GENERATE = List.of(
            "generateContent", "countTokens", "createCachedContent", "batchGenerateContent");
    private static final List<String> EMBED = List.of("embedContent", "batchEmbedContents", "countTokens");
    private static final int MILLION = 1_048_576;

    static final ModelCatalogue DEFAULT = new ModelCatalogue(List.of(
            model("gemini-2.5-flash", "Gemini 2.5 Flash", 65_536,
                    new ThinkingCapability.Budget(1, 24_576, true, true), false),
            model("gemini-2.5-pro", "Gemini 2.5 Pro", 65_536,
                    new ThinkingCapability.Budget(128, 32_768, false, true), false),
            model("gemini-2.5-flash-lite", "Gemini 2.5 Flash-Lite", 65_536,
                    new ThinkingCapability.Budget(512, 24_576, true, false), false),
            new MockModel("gemini-2.0-flash", "Gemini 2.0 Flash", mockOf("Gemini 2.0 Flash"), "2.0",
                    MILLION, 8_192, GENERATE, new ThinkingCapability.None(), false, false, 40),
            model("gemini-3-pro-preview", "Gemini 3 Pro Preview", 65_536,
                    new ThinkingCapability.Levels(List.of("low", "high"), "high"), true),
            model("gemini-3-flash-preview", "Gemini 3 Flash Preview", 65_536,
                    new ThinkingCapability.Levels(List.of("minimal", "low", "medium", "high"), "high"), true),
            model("gemini-3-pro-preview-file", "Gemini 3 Pro Preview (file URIs)", 65_536,
                    new ThinkingCapability.Levels(List.of("low", "high"), "high"), true),
            model("gemini-3.1-pro-preview", "Gemini 3.1 Pro Preview", 65_536,
                    new ThinkingCapability.Levels(List.of("low", "medium", "high"), "high"), true),
            new MockModel("gemini-embedding-001", "Gemini Embedding 001", mockOf("Gemini Embedding 001"), "001",
                    2_048, 1, EMBED, new ThinkingCapability.None(), false, false, 0)));

    private final Map<String, MockModel> byId = new LinkedHashMap<>();
    private final List<MockModel> models;

    ModelCatalogue(List<MockModel> models) {
        this.models = List.copyOf(models);
        for (MockModel model : models) {
            byId.put(model.id(), model);
        }
    }

    List<MockModel> models() {
        return models;
    }

    /** Looks a model up by bare id; a {@code models/} prefix is tolerated. */
    Optional<MockModel> find(String id) {
        String bare = id.startsWith("models/") ? id.substring("models/".length()) : id;
        return Optional.ofNullable(byId.get(bare));
    }

    static ObjectNode toJson(MockModel model) {
        ObjectNode node = JsonNodeFactory.instance.objectNode();
        node.put("name", "models/" + model.id());
        node.put("version", model.version());
        node.put("displayName", model.displayName());
        node.put("description", model.description());
        node.put("inputTokenLimit", model.inputTokenLimit());
        node.put("outputTokenLimit", model.outputTokenLimit());
        var methods = node.putArray("supportedGenerationMethods");
        model.methods().forEach(methods::add);
        if (!model.embedding()) {
            node.put("temperature", 1);
            node.put("topP", 0.95);
            node.put("topK", model.topK());
            node.put("maxTemperature", 2);
        }
        if (!(model.thinking() instanceof ThinkingCapability.None)) {
            node.put("thinking", true);
        }
        return node;
    }

    private static MockModel model(String id, String name, int outputLimit, ThinkingCapability thinking,
                                   boolean gemini3) {
        return new MockModel(id, name, mockOf(name), gemini3 ? id.substring("gemini-".length()) : "001", MILLION, outputLimit, GENERATE,
                thinking, gemini3, gemini3, 64);
    }

    private static String mockOf(String name) {
        return "Junction's built-in mock of " + name
                + ": deterministic answers scripted by the prompt, no Google account involved.";
    }
}
