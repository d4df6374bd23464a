package dev.junction.protocol.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import dev.junction.protocol.model.TokenLogprob;
import java.util.ArrayList;
import java.util.List;

/**
 * A candidate's {@code logprobsResult} in Junction's terms: {@code chosenCandidates[i]} is the
 * token generated at step {@code i} and {@code topCandidates[i].candidates} the most likely
 * tokens at that step (present when the request set {@code logprobs}). Gemini sends it with
 * {@code responseLogprobs: true}; a candidate without it has none.
 */
final class GeminiLogprobs {
    private GeminiLogprobs() {
    }

    static List<TokenLogprob> decode(JsonNode candidate) {
        JsonNode result = candidate.path("logprobsResult");
        JsonNode chosen = result.path("chosenCandidates");
        if (!chosen.isArray() || chosen.isEmpty()) {
            return List.of();
        }
        JsonNode top = result.path("topCandidates");
        List<TokenLogprob> tokens = new ArrayList<>(chosen.size());
        for (int i = 0; i < chosen.size(); i++) {
            List<TokenLogprob> alternatives = new ArrayList<>();
            for (JsonNode alternative : top.path(i).path("candidates")) {
                alternatives.add(token(alternative, List.of()));
            }
            tokens.add(token(chosen.get(i), alternatives));
        }
        return tokens;
    }

    private static TokenLogprob token(JsonNode json, List<TokenLogprob> top) {
        return new TokenLogprob(json.path("token").asText(""), json.path("logProbability").asDouble(0), top);
    }
}
