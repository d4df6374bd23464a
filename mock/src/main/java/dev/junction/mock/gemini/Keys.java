package dev.junction.mock.gemini;

/** The request fields the mock reads, each under both of Google's spellings. */
final class Keys {
    static final WireKey CONTENTS = WireKey.of("contents");
    static final WireKey ROLE = WireKey.of("role");
    static final WireKey PARTS = WireKey.of("parts");
    static final WireKey TEXT = WireKey.of("text");
    static final WireKey THOUGHT = WireKey.of("thought");
    static final WireKey INLINE_DATA = WireKey.of("inlineData");
    static final WireKey FILE_DATA = WireKey.of("fileData");
    static final WireKey MIME_TYPE = WireKey.of("mimeType");
    static final WireKey DATA = WireKey.of("data");
    static final WireKey FILE_URI = WireKey.of("fileUri");
    static final WireKey FUNCTION_CALL = WireKey.of("functionCall");
    static final WireKey FUNCTION_RESPONSE = WireKey.of("functionResponse");
    static final WireKey THOUGHT_SIGNATURE = WireKey.of("thoughtSignature");
    static final WireKey NAME = WireKey.of("name");
    static final WireKey ARGS = WireKey.of("args");
    static final WireKey RESPONSE = WireKey.of("response");
    static final WireKey SYSTEM_INSTRUCTION = WireKey.of("systemInstruction");
    static final WireKey TOOLS = WireKey.of("tools");
    static final WireKey FUNCTION_DECLARATIONS = WireKey.of("functionDeclarations");
    static final WireKey PARAMETERS = WireKey.of("parameters");
    static final WireKey PARAMETERS_JSON_SCHEMA = WireKey.of("parametersJsonSchema");
    static final WireKey TOOL_CONFIG = WireKey.of("toolConfig");
    static final WireKey FUNCTION_CALLING_CONFIG = WireKey.of("functionCallingConfig");
    static final WireKey MODE = WireKey.of("mode");
    static final WireKey ALLOWED_FUNCTION_NAMES = WireKey.of("allowedFunctionNames");
    static final WireKey GENERATION_CONFIG = WireKey.of("generationConfig");
    static final WireKey RESPONSE_MIME_TYPE = WireKey.of("responseMimeType");
    static final WireKey RESPONSE_SCHEMA = WireKey.of("responseSchema");
    static final WireKey RESPONSE_JSON_SCHEMA = WireKey.of("responseJsonSchema");
    static final WireKey MAX_OUTPUT_TOKENS = WireKey.of("maxOutputTokens");
    static final WireKey CANDIDATE_COUNT = WireKey.of("candidateCount");
    static final WireKey THINKING_CONFIG = WireKey.of("thinkingConfig");
    static final WireKey THINKING_BUDGET = WireKey.of("thinkingBudget");
    static final WireKey THINKING_LEVEL = WireKey.of("thinkingLevel");
    static final WireKey INCLUDE_THOUGHTS = WireKey.of("includeThoughts");
    static final WireKey GENERATE_CONTENT_REQUEST = WireKey.of("generateContentRequest");
    static final WireKey CONTENT = WireKey.of("content");
    static final WireKey REQUESTS = WireKey.of("requests");
    static final WireKey OUTPUT_DIMENSIONALITY = WireKey.of("outputDimensionality");

    private Keys() {}
}
