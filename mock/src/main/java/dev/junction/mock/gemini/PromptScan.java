package dev.junction.mock.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * One pass over a request's prompt: validates its media as Google does (base64 that decodes, file
 * URIs of a kind the model accepts), estimates {@code promptTokenCount} per modality, and collects
 * the media of the prompt turn for the answer to describe.
 *
 * <p>The token estimate is deterministic and documented, not Google's tokenizer:
 * {@code ceil(chars / 4)} of all text (system instruction, text parts, function calls and
 * responses, function declarations) plus a fixed cost per media part ({@link Modality}); inline
 * {@code text/*} data counts as text by its byte length.
 */
record PromptScan(int promptTokens, Map<Modality, Integer> tokensByModality, List<MediaPart> promptMedia) {

    static PromptScan of(GenerateRequest request, MockModel model) {
        Accumulator acc = new Accumulator(model);
        acc.content(request.systemInstruction(), -1, false);
        List<JsonNode> contents = request.contents();
        int promptIndex = promptContentIndex(request);
        for (int i = 0; i < contents.size(); i++) {
            acc.content(contents.get(i), i, i == promptIndex);
        }
        for (JsonNode declaration : request.declarations()) {
            acc.textChars += declaration.toString().length();
        }
        return acc.finish();
    }

    /** Token estimate for a bare {@code contents} list (countTokens, embeddings). */
    static PromptScan ofContents(JsonNode contents, MockModel model) {
        Accumulator acc = new Accumulator(model);
        int i = 0;
        for (JsonNode content : contents) {
            acc.content(content, i++, false);
        }
        return acc.finish();
    }

    /** {@code promptTokensDetails}: one entry per modality present, in Google's order. */
    ArrayNode details() {
        ArrayNode details = JsonNodeFactory.instance.arrayNode();
        tokensByModality.forEach((modality, count) ->
                details.addObject().put("modality", modality.name()).put("tokenCount", count));
        return details;
    }

    private static int promptContentIndex(GenerateRequest request) {
        List<JsonNode> contents = request.contents();
        for (int i = contents.size() - 1; i >= 0; i--) {
            JsonNode content = contents.get(i);
            if (GenerateRequest.isUser(content) && !GenerateRequest.hasFunctionResponse(content)) {
                return i;
            }
        }
        return -1;
    }

    private static final class Accumulator {
        private final MockModel model;
        private final EnumMap<Modality, Integer> media = new EnumMap<>(Modality.class);
        private final List<MediaPart> promptMedia = new ArrayList<>(0);
        long textChars;

        Accumulator(MockModel model) {
            this.model = model;
        }

        void content(JsonNode content, int index, boolean isPrompt) {
            if (content == null || content.isMissingNode()) {
                return;
            }
            JsonNode parts = Keys.PARTS.in(content);
            for (int p = 0; p < parts.size(); p++) {
                part(parts.get(p), "contents[" + index + "].parts[" + p + "]", isPrompt);
            }
        }

        private void part(JsonNode part, String path, boolean isPrompt) {
            JsonNode text = Keys.TEXT.in(part);
            if (text.isTextual()) {
                textChars += text.asText().length();
                return;
            }
            JsonNode inline = Keys.INLINE_DATA.in(part);
            if (inline.isObject()) {
                String mime = Keys.MIME_TYPE.in(inline).asText("application/octet-stream");
                String data = Keys.DATA.in(inline).asText("");
                long bytes = Base64Length.decodedLength(data);
                if (bytes < 0) {
                    String shown = data.length() > 40 ? data.substring(0, 40) : data;
                    String field = path + ".inline_data.data";
                    throw new MockRequestException(GoogleErrorBodies.invalidField(field,
                            "Invalid value at '" + field + "' (TYPE_BYTES), Base64 decoding failed for \"" + shown + "\""));
                }
                Modality modality = Modality.ofMimeType(mime);
                add(modality, modality == Modality.TEXT ? (int) ((bytes + 3) / 4) : modality.tokensPerPart);
                if (isPrompt) {
                    promptMedia.add(MediaPart.inline(mime, bytes));
                }
                return;
            }
            JsonNode file = Keys.FILE_DATA.in(part);
            if (file.isObject()) {
                String uri = Keys.FILE_URI.in(file).asText("");
                String mime = Keys.MIME_TYPE.in(file).asText("application/octet-stream");
                checkFileUri(uri);
                Modality modality = Modality.ofMimeType(mime);
                add(modality, modality == Modality.TEXT ? Modality.DOCUMENT.tokensPerPart : modality.tokensPerPart);
                if (isPrompt) {
                    promptMedia.add(MediaPart.file(mime, uri));
                }
                return;
            }
            JsonNode call = Keys.FUNCTION_CALL.in(part);
            if (!call.isMissingNode()) {
                textChars += call.toString().length();
                return;
            }
            JsonNode response = Keys.FUNCTION_RESPONSE.in(part);
            if (!response.isMissingNode()) {
                textChars += response.toString().length();
            }
        }

        private void checkFileUri(String uri) {
            if (uri.startsWith("https://generativelanguage.googleapis.com/") || uri.startsWith("gs://")
                    || uri.startsWith("https://www.youtube.com/") || uri.startsWith("https://youtube.com/")
                    || uri.startsWith("https://youtu.be/")) {
                return;
            }
            if (uri.startsWith("https://")) {
                if (model.httpsFileUris()) {
                    return;
                }
                throw new MockRequestException(GoogleErrorBodies.invalidArgument("Unsupported file URI type: " + uri
                        + ". For models/" + model.id() + ", File URI must be a File API URI, a YouTube URL, "
                        + "or a Cloud Storage URI; HTTPS URLs need a Gemini 3 model."));
            }
            throw new MockRequestException(GoogleErrorBodies.invalidArgument("Unsupported file URI type: " + uri
                    + ". File URI must be a File API URI, a YouTube URL, an HTTPS URL, or a Cloud Storage URI."));
        }

        private void add(Modality modality, int tokens) {
            media.merge(modality, tokens, Integer::sum);
        }

        PromptScan finish() {
            EnumMap<Modality, Integer> byModality = new EnumMap<>(Modality.class);
            int textTokens = (int) Math.min(Integer.MAX_VALUE / 2, (textChars + 3) / 4);
            int total = 0;
            if (textTokens > 0 || media.isEmpty()) {
                byModality.put(Modality.TEXT, Math.max(textTokens, media.isEmpty() ? 1 : 0));
            }
            media.forEach((modality, tokens) -> byModality.merge(modality, tokens, Integer::sum));
            for (int tokens : byModality.values()) {
                total += tokens;
            }
            return new PromptScan(total, byModality, List.copyOf(promptMedia));
        }
    }
}
