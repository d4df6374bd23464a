package dev.junction.mock.gemini;

import java.util.List;

/**
 * One model the mock serves, with the capabilities that change its behaviour.
 *
 * @param id                 the bare id, as in {@code /v1beta/models/{id}:generateContent}
 * @param gemini3            Gemini 3 rules: thought signatures on every call, validated on the way back
 * @param httpsFileUris      accepts {@code fileData.fileUri} pointing at any HTTPS URL (video by URL)
 * @param methods            {@code supportedGenerationMethods}; other methods answer 404 as Google does
 */
record MockModel(
        String id,
        String displayName,
        String description,
        String version,
        int inputTokenLimit,
        int outputTokenLimit,
        List<String> methods,
        ThinkingCapability thinking,
        boolean gemini3,
        boolean httpsFileUris,
        int topK) {

    MockModel {
        methods = List.copyOf(methods);
    }

    boolean supports(String method) {
        return methods.contains(method);
    }

    boolean embedding() {
        return methods.contains("embedContent");
    }

    /** 2.0 models answer without {@code candidates[].index}; 2.5 and 3 include it. */
    boolean writesCandidateIndex() {
        return !(thinking instanceof ThinkingCapability.None) || embedding();
    }
}
