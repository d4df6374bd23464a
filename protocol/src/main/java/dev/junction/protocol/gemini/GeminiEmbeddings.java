package dev.junction.protocol.gemini;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.model.EmbedRequest;
import dev.junction.protocol.model.EmbedResponse;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Embeddings on Gemini's {@code batchEmbedContents}: every input one request of the batch, in
 * order, and the answer's vectors read back in that order. Gemini's vectors below the full size
 * (3072 for {@code gemini-embedding-001}) are not of unit length, as Google's guide says; every
 * vector is scaled to unit length here, as OpenAI's are, so that a dot product is a cosine.
 */
public final class GeminiEmbeddings {
    /** The most requests Gemini takes in one {@code batchEmbedContents}. */
    public static final int MAX_BATCH = 100;

    private GeminiEmbeddings() {}

    /** The {@code batchEmbedContents} body for {@code model} (the vendor's id). */
    public static byte[] encode(EmbedRequest request, String model) {
        if (request.inputs().size() > MAX_BATCH) {
            throw GatewayException.invalid("input", "Invalid 'input': Gemini embeds at most " + MAX_BATCH
                    + " inputs in one request, got " + request.inputs().size() + ".");
        }
        ObjectNode body = Json.MAPPER.createObjectNode();
        ArrayNode requests = body.putArray("requests");
        for (String text : request.inputs()) {
            ObjectNode one = requests.addObject();
            one.put("model", "models/" + model);
            one.putObject("content").putArray("parts").addObject().put("text", text);
            request.dimensions().ifPresent(d -> one.put("outputDimensionality", d));
            request.vendorOptions().map(o -> o.get("taskType")).ifPresent(t -> one.set("taskType", t));
        }
        try {
            return Json.MAPPER.writeValueAsBytes(body);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The vectors of a {@code batchEmbedContents} answer, unit length, checked to be {@code expected} of them. */
    public static EmbedResponse decode(byte[] body, int expected) {
        JsonNode root;
        try {
            root = Json.MAPPER.readTree(body);
        } catch (IOException e) {
            throw notAnAnswer("it is not JSON");
        }
        JsonNode embeddings = root == null ? null : root.get("embeddings");
        if (embeddings == null || !embeddings.isArray()) {
            throw notAnAnswer("it has no embeddings list");
        }
        if (embeddings.size() != expected) {
            throw notAnAnswer("it has " + embeddings.size() + " embeddings for " + expected + " inputs");
        }
        List<float[]> vectors = new ArrayList<>(expected);
        for (JsonNode embedding : embeddings) {
            JsonNode values = embedding.get("values");
            if (values == null || !values.isArray() || values.isEmpty()) {
                throw notAnAnswer("an embedding has no values");
            }
            float[] vector = new float[values.size()];
            for (int i = 0; i < vector.length; i++) {
                JsonNode v = values.get(i);
                if (!v.isNumber()) {
                    throw notAnAnswer("an embedding value is not a number");
                }
                vector[i] = v.floatValue();
            }
            vectors.add(unit(vector));
        }
        JsonNode tokens = root.path("usageMetadata").path("promptTokenCount");
        return new EmbedResponse(vectors, tokens.canConvertToInt() ? Optional.of(tokens.asInt()) : Optional.empty());
    }

    static float[] unit(float[] vector) {
        double sum = 0;
        for (float v : vector) {
            sum += (double) v * v;
        }
        if (sum == 0 || Double.isNaN(sum) || Double.isInfinite(sum)) {
            return vector;
        }
        double norm = Math.sqrt(sum);
        for (int i = 0; i < vector.length; i++) {
            vector[i] = (float) (vector[i] / norm);
        }
        return vector;
    }

    private static GatewayException notAnAnswer(String why) {
        return new GatewayException(GatewayError.of(GatewayError.Kind.UPSTREAM_ERROR,
                "The upstream's answer is not a batchEmbedContents answer: " + why + "."));
    }
}
