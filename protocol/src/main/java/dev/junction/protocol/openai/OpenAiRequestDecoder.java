package dev.junction.protocol.openai;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ReasoningEffort;
import java.util.Optional;

/**
 * Decodes an OpenAI Chat Completions request body into a {@link ChatRequest}.
 *
 * <p>Validation is strict and every failure is a {@link GatewayException} carrying
 * {@link GatewayError#invalid} with {@code param} set to the JSON path of the offending field as
 * OpenAI spells it ({@code messages[2].content[0].image_url.url}), so that hostile or mistaken
 * input gets a 400 that says what to fix. A body that is not a JSON object is a 400 without
 * {@code param}. Fields of a literal {@code extra_body} object count as top-level fields (see
 * {@link OpenAiRequestFields}). Unknown top-level fields are ignored, as most OpenAI-compatible
 * servers do, so that clients written for other vendors keep working.
 *
 * <table>
 * <caption>Request fields</caption>
 * <tr><th>Field</th><th>What Junction does</th></tr>
 * <tr><td>{@code model}</td><td>required string</td></tr>
 * <tr><td>{@code messages}</td><td>required, non-empty; see {@link OpenAiMessageDecoder} and {@link OpenAiContentDecoder}</td></tr>
 * <tr><td>{@code temperature} (0–2), {@code top_p} (0–1), {@code presence_penalty}, {@code frequency_penalty} (−2–2)</td><td>mapped</td></tr>
 * <tr><td>{@code max_completion_tokens}, {@code max_tokens}</td><td>{@code maxOutputTokens} (which includes thinking on Gemini); the first wins</td></tr>
 * <tr><td>{@code stop} (string or at most 4)</td><td>{@code stopSequences}</td></tr>
 * <tr><td>{@code n} (1–8)</td><td>{@code candidateCount}</td></tr>
 * <tr><td>{@code seed} (32-bit)</td><td>mapped</td></tr>
 * <tr><td>{@code logprobs}, {@code top_logprobs} (0–20)</td><td>{@code responseLogprobs}, {@code logprobs}; the answer's {@code logprobsResult} comes back as {@code choices[].logprobs}</td></tr>
 * <tr><td>{@code top_k}, {@code google.top_k}</td><td>{@code topK} (a common extension)</td></tr>
 * <tr><td>{@code tools}, {@code tool_choice}, legacy {@code functions}, {@code function_call}</td><td>see {@link OpenAiToolsDecoder}</td></tr>
 * <tr><td>{@code response_format}</td><td>see {@link OpenAiResponseFormatDecoder}</td></tr>
 * <tr><td>{@code reasoning_effort}</td><td>{@code none}, {@code minimal}, {@code low}, {@code medium}, {@code high}
 *     ({@code xhigh} is read as {@code high}); resolved per model by the thinking capability table;
 *     together with {@code thinking_budget}/{@code thinking_level} a 400, as Google answers</td></tr>
 * <tr><td>{@code google}, {@code extra_body.google}</td><td>see {@link OpenAiGoogleOptions}</td></tr>
 * <tr><td>{@code stream}, {@code stream_options.include_usage}</td><td>mapped; {@code include_obfuscation} ignored</td></tr>
 * <tr><td>{@code user}, {@code safety_identifier}, {@code metadata}, {@code store}, {@code prompt_cache_key},
 *     {@code prompt_cache_retention}, {@code service_tier}, {@code verbosity}, {@code prediction},
 *     {@code parallel_tool_calls}</td><td>type-checked, then ignored: Gemini has no equivalent and dropping
 *     them changes nothing a client reads back (Gemini decides on parallel calls itself)</td></tr>
 * <tr><td>{@code logit_bias}</td><td>ignored when empty; otherwise 400 (token biasing cannot be honoured)</td></tr>
 * <tr><td>{@code modalities}</td><td>{@code ["text"]} accepted; any other modality 400</td></tr>
 * <tr><td>{@code audio}, {@code web_search_options}</td><td>400: not supported</td></tr>
 * </table>
 */
public final class OpenAiRequestDecoder {

    private OpenAiRequestDecoder() {}

    /**
     * @throws GatewayException with a 400 {@link GatewayError} when the body is not a valid request
     */
    public static ChatRequest decode(byte[] body) {
        return decode(new OpenAiRequestFields(JsonField.root(OpenAiBodies.object(body))));
    }

    private static ChatRequest decode(OpenAiRequestFields fields) {
        JsonField modelField = fields.get("model");
        String model = modelField.string();
        if (model.isBlank()) {
            throw modelField.invalid("Invalid 'model': the model name is empty.");
        }
        OpenAiUnsupportedFields.check(fields);
        OpenAiMessageDecoder.Conversation conversation = OpenAiMessageDecoder.decode(fields.get("messages"));
        OpenAiGoogleOptions google = OpenAiGoogleOptions.decode(fields.get("google"));
        OpenAiToolsDecoder.Decoded tools = OpenAiToolsDecoder.decode(fields);
        boolean stream = fields.get("stream").optBool().orElse(false);
        boolean includeUsage = false;
        JsonField streamOptions = fields.get("stream_options");
        if (streamOptions.isPresent()) {
            streamOptions.object();
            includeUsage = streamOptions.field("include_usage").optBool().orElse(false);
            streamOptions.field("include_obfuscation").optBool();
        }
        ObjectNode vendor = google.vendorOptions();
        return new ChatRequest(
                model,
                conversation.system(),
                conversation.messages(),
                tools.tools(),
                tools.choice(),
                OpenAiSamplingDecoder.decode(fields, google.topK()),
                reasoning(fields.get("reasoning_effort"), google),
                OpenAiResponseFormatDecoder.decode(fields.get("response_format")),
                stream,
                stream && includeUsage,
                vendor.isEmpty() ? Optional.empty() : Optional.of(vendor));
    }

    private static ReasoningConfig reasoning(JsonField effortField, OpenAiGoogleOptions google) {
        Optional<ReasoningEffort> effort = effortField.optString().map(value -> ReasoningEffort
                .parse(value.equals("xhigh") ? "high" : value)
                .orElseThrow(() -> effortField.invalid("Invalid value: '" + Json.brief(value) + "'. Supported values are:"
                        + " 'none', 'minimal', 'low', 'medium', and 'high'.")));
        if (effort.isPresent() && google.setsThinkingAmount()) {
            throw effortField.invalid("Invalid 'reasoning_effort': reasoning_effort and thinking_config's"
                    + " thinking_budget/thinking_level cannot be used at the same time; send one of them.");
        }
        return new ReasoningConfig(effort, google.thinkingBudget(), google.thinkingLevel(), google.includeThoughts());
    }
}
