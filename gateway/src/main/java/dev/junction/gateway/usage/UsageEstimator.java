package dev.junction.gateway.usage;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.junction.protocol.Json;
import java.io.IOException;
import java.util.Locale;
import java.util.Optional;

/**
 * Token counts guessed from sizes, for limits that must reserve before the upstream answers
 * and for upstreams that never report usage. The rule is Google's own rule of thumb, about four
 * characters a token, applied to the text in a request (not its JSON punctuation); media is
 * counted as Gemini counts an image, {@value #MEDIA_TOKENS} tokens, not by its base64 length.
 */
public final class UsageEstimator {
    static final int MEDIA_TOKENS = 258;
    private static final int MEDIA_MIN_CHARS = 4096;

    private UsageEstimator() {}

    /** What a request body asks for: its prompt size and the output limit it sets, if any. */
    public record RequestSize(int promptTokens, Optional<Integer> maxOutputTokens) {}

    /**
     * Walks a JSON request body (Gemini or OpenAI shape) once, counting the characters of its
     * strings and finding its output limit ({@code maxOutputTokens}, {@code max_output_tokens},
     * {@code max_tokens} or {@code max_completion_tokens}). A body that is not JSON counts by
     * its length.
     */
    public static RequestSize request(byte[] body) {
        if (body == null || body.length == 0) {
            return new RequestSize(0, Optional.empty());
        }
        long chars = 0;
        int media = 0;
        Integer maxOutput = null;
        try (JsonParser p = Json.MAPPER.getFactory().createParser(body)) {
            String field = "";
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                switch (t) {
                    case FIELD_NAME -> field = p.currentName();
                    case VALUE_STRING -> {
                        int length = p.getTextLength();
                        if (length >= MEDIA_MIN_CHARS && (field.equals("data") || field.equals("url")
                                || field.equals("image_url") || field.equals("file_data"))) {
                            media++;
                        } else {
                            chars += length;
                        }
                    }
                    case VALUE_NUMBER_INT -> {
                        if (isOutputLimit(field) && p.getNumberType() == JsonParser.NumberType.INT) {
                            maxOutput = p.getIntValue();
                        }
                    }
                    default -> {
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            return new RequestSize(tokens(body.length), Optional.empty());
        }
        return new RequestSize(saturate(tokens(chars) + (long) media * MEDIA_TOKENS),
                Optional.ofNullable(maxOutput).filter(n -> n > 0));
    }

    private static boolean isOutputLimit(String field) {
        return switch (field.toLowerCase(Locale.ROOT)) {
            case "maxoutputtokens", "max_output_tokens", "max_tokens", "max_completion_tokens" -> true;
            default -> false;
        };
    }

    /** Input tokens guessed for plain texts (embeddings' inputs), at least one a text. */
    public static int texts(java.util.List<String> texts) {
        long total = 0;
        for (String text : texts) {
            total += Math.max(1, tokens(text.length()));
        }
        return saturate(total);
    }

    /** Output tokens guessed from the bytes sent to the client. */
    public static int output(long responseBytes) {
        return saturate(tokens(responseBytes));
    }

    static int tokens(long chars) {
        return saturate((chars + 3) / 4);
    }

    private static int saturate(long n) {
        return (int) Math.min(Integer.MAX_VALUE, Math.max(0, n));
    }
}
