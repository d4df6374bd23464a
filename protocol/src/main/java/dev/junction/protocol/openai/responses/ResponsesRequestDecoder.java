package dev.junction.protocol.openai.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.GatewayException;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.ReasoningConfig;
import dev.junction.protocol.model.ReasoningEffort;
import dev.junction.protocol.model.ResponseFormat;
import dev.junction.protocol.model.Sampling;
import dev.junction.protocol.openai.OpenAiBodies;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decodes an OpenAI Responses API request ({@code POST /v1/responses}) into a
 * {@link ResponsesRequest}. Every failure is a {@link GatewayException} with a 400 whose
 * {@code param} is the JSON path of the field at fault, as OpenAI reports it. Junction stores
 * no responses: each request carries its whole conversation, as {@code store: false} clients and
 * agents that resend their history do.
 *
 * <table>
 * <caption>Request fields</caption>
 * <tr><th>Field</th><th>What Junction does</th></tr>
 * <tr><td>{@code model}</td><td>required string</td></tr>
 * <tr><td>{@code input}</td><td>required; a string or items, see {@link ResponsesInputDecoder}</td></tr>
 * <tr><td>{@code instructions}</td><td>system instructions, before any system/developer message of {@code input}</td></tr>
 * <tr><td>{@code tools}, {@code tool_choice}</td><td>see {@link ResponsesToolsDecoder}</td></tr>
 * <tr><td>{@code reasoning.effort}</td><td>{@code none} … {@code high} ({@code xhigh} read as {@code high}),
 *     resolved per model by the upstream's thinking table</td></tr>
 * <tr><td>{@code reasoning.summary} ({@code auto}, {@code concise}, {@code detailed})</td><td>thoughts
 *     asked for and returned as {@code reasoning} items with {@code summary_text}</td></tr>
 * <tr><td>{@code text.format}</td><td>{@code text}, {@code json_object}, {@code json_schema}
 *     ({@code name}, {@code schema}, {@code strict} flat in the format object)</td></tr>
 * <tr><td>{@code max_output_tokens} (at least 16, as OpenAI requires), {@code temperature} (0–2),
 *     {@code top_p} (0–1)</td><td>mapped</td></tr>
 * <tr><td>{@code stream}</td><td>typed events, see {@link ResponsesStreamEncoder}</td></tr>
 * <tr><td>{@code include}</td><td>{@code reasoning.encrypted_content} returns the vendor's seal on
 *     thoughts; the other values are accepted and add nothing</td></tr>
 * <tr><td>{@code store}</td><td>accepted; nothing is stored, and the response says {@code store: false}</td></tr>
 * <tr><td>{@code parallel_tool_calls}, {@code metadata}, {@code user}, {@code safety_identifier},
 *     {@code prompt_cache_key}, {@code prompt_cache_retention}, {@code service_tier}, {@code truncation},
 *     {@code max_tool_calls}, {@code stream_options}, {@code text.verbosity}</td><td>type-checked, then
 *     ignored (echoed where the response has the field)</td></tr>
 * <tr><td>{@code previous_response_id}, {@code conversation}, {@code prompt}, {@code background: true}</td>
 *     <td>400: each needs responses stored on the server</td></tr>
 * <tr><td>{@code top_logprobs} above 0</td><td>400: not supported</td></tr>
 * </table>
 */
public final class ResponsesRequestDecoder {
    /** OpenAI's own floor for {@code max_output_tokens}. */
    static final int MIN_OUTPUT_TOKENS = 16;
    private static final Set<String> SUMMARIES = Set.of("auto", "concise", "detailed");

    private ResponsesRequestDecoder() {}

    /** @throws GatewayException with a 400 when the body is not a valid request */
    public static ResponsesRequest decode(byte[] body) {
        JsonField root = JsonField.root(OpenAiBodies.object(body));
        JsonField modelField = root.field("model");
        String model = modelField.string();
        if (model.isBlank()) {
            throw modelField.invalid("Invalid 'model': the model name is empty.");
        }
        refuseStored(root);
        ObjectNode echo = Json.MAPPER.createObjectNode();

        List<Part> system = new ArrayList<>();
        JsonField instructions = root.field("instructions");
        instructions.optString().ifPresentOrElse(text -> {
            system.add(Part.Text.of(text));
            echo.put("instructions", text);
        }, () -> echo.putNull("instructions"));
        ResponsesInputDecoder.Conversation conversation = ResponsesInputDecoder.decode(root.field("input"));
        system.addAll(conversation.system());

        Optional<Integer> maxTokens = root.field("max_output_tokens").optInt(MIN_OUTPUT_TOKENS, Integer.MAX_VALUE);
        maxTokens.ifPresentOrElse(m -> echo.put("max_output_tokens", m), () -> echo.putNull("max_output_tokens"));
        echo.put("parallel_tool_calls", root.field("parallel_tool_calls").optBool().orElse(true));

        ReasoningConfig reasoning = reasoning(root.field("reasoning"), echo);
        ResponseFormat format = text(root.field("text"), echo);
        Optional<Double> temperature = root.field("temperature").optDecimal(0, 2);
        Optional<Double> topP = root.field("top_p").optDecimal(0, 1);
        echo.put("temperature", temperature.orElse(1.0));
        ResponsesToolsDecoder.Decoded tools = ResponsesToolsDecoder.decode(root.field("tools"), root.field("tool_choice"));
        echo.set("tool_choice", tools.echoChoice());
        echo.set("tools", tools.echoTools());
        echo.put("top_p", topP.orElse(1.0));
        boolean encrypted = include(root.field("include"));
        ignored(root, echo);

        Sampling sampling = new Sampling(temperature, topP, Optional.empty(), maxTokens, List.of(), Optional.empty(),
                Optional.empty(), Optional.empty(), Optional.empty(), false, Optional.empty());
        boolean stream = root.field("stream").optBool().orElse(false);
        ChatRequest chat = new ChatRequest(model, system, conversation.messages(), tools.tools(), tools.choice(),
                sampling, reasoning, format, stream, stream, Optional.empty());
        return new ResponsesRequest(chat, echo, encrypted);
    }

    private static void refuseStored(JsonField root) {
        JsonField previous = root.field("previous_response_id");
        if (previous.isPresent()) {
            previous.string();
            throw previous.invalid("Invalid 'previous_response_id': previous_response_id is not supported; responses"
                    + " are not stored, so send the whole conversation in 'input'.");
        }
        JsonField conversation = root.field("conversation");
        if (conversation.isPresent()) {
            throw conversation.invalid("Invalid 'conversation': conversations are not supported; responses are not"
                    + " stored, so send the whole conversation in 'input'.");
        }
        JsonField prompt = root.field("prompt");
        if (prompt.isPresent()) {
            throw prompt.invalid("Invalid 'prompt': stored prompt templates are not supported; send 'instructions'"
                    + " and 'input'.");
        }
        JsonField background = root.field("background");
        if (background.optBool().orElse(false)) {
            throw background.invalid("Invalid 'background': background responses are not supported; they need"
                    + " responses stored on the server.");
        }
    }

    private static ReasoningConfig reasoning(JsonField field, ObjectNode echo) {
        ObjectNode out = echo.putObject("reasoning");
        if (field.isAbsent()) {
            out.putNull("effort");
            out.putNull("summary");
            return ReasoningConfig.none();
        }
        field.object();
        JsonField effortField = field.field("effort");
        Optional<ReasoningEffort> effort = effortField.optString().map(value -> ReasoningEffort
                .parse(value.equals("xhigh") ? "high" : value)
                .orElseThrow(() -> effortField.invalid("Invalid value: '" + value + "'. Supported values are:"
                        + " 'none', 'minimal', 'low', 'medium', 'high', and 'xhigh'.")));
        effortField.optString().ifPresentOrElse(e -> out.put("effort", e), () -> out.putNull("effort"));
        JsonField summaryField = field.field("summary").isPresent() ? field.field("summary")
                : field.field("generate_summary");
        Optional<String> summary = summaryField.optString();
        summary.ifPresent(value -> {
            if (!SUMMARIES.contains(value)) {
                throw summaryField.invalid("Invalid value: '" + value + "'. Supported values are: 'auto', 'concise',"
                        + " and 'detailed'.");
            }
        });
        summary.ifPresentOrElse(s -> out.put("summary", s), () -> out.putNull("summary"));
        return new ReasoningConfig(effort, Optional.empty(), Optional.empty(), summary.isPresent());
    }

    private static ResponseFormat text(JsonField field, ObjectNode echo) {
        ObjectNode out = echo.putObject("text");
        String verbosity = "medium";
        ResponseFormat format = new ResponseFormat.Text();
        if (field.isPresent()) {
            field.object();
            JsonField verbosityField = field.field("verbosity");
            verbosity = verbosityField.optString().orElse(verbosity);
            if (!Set.of("low", "medium", "high").contains(verbosity)) {
                throw verbosityField.invalid("Invalid value: '" + verbosity + "'. Supported values are: 'low',"
                        + " 'medium', and 'high'.");
            }
            JsonField formatField = field.field("format");
            if (formatField.isPresent()) {
                format = format(formatField);
                out.set("format", formatField.node().deepCopy());
            }
        }
        if (!out.has("format")) {
            out.putObject("format").put("type", "text");
        }
        out.put("verbosity", verbosity);
        return format;
    }

    private static ResponseFormat format(JsonField field) {
        field.object();
        JsonField type = field.field("type");
        return switch (type.string()) {
            case "text" -> new ResponseFormat.Text();
            case "json_object" -> new ResponseFormat.JsonObject();
            case "json_schema" -> {
                String name = field.field("name").string();
                field.field("description").optString();
                boolean strict = field.field("strict").optBool().orElse(false);
                yield new ResponseFormat.JsonSchema(name, field.field("schema").object().deepCopy(), strict);
            }
            default -> throw type.invalid("Invalid value: '" + type.string()
                    + "'. Supported values are: 'text', 'json_object', and 'json_schema'.");
        };
    }

    private static boolean include(JsonField field) {
        boolean encrypted = false;
        if (field.isPresent()) {
            for (JsonField value : field.elements()) {
                encrypted |= value.string().equals("reasoning.encrypted_content");
            }
        }
        return encrypted;
    }

    private static void ignored(JsonField root, ObjectNode echo) {
        root.field("store").optBool();
        root.field("user").optString();
        root.field("safety_identifier").optString();
        root.field("prompt_cache_key").optString();
        root.field("prompt_cache_retention").optString();
        root.field("service_tier").optString();
        root.field("max_tool_calls").optInt(1, Integer.MAX_VALUE);
        JsonField truncation = root.field("truncation");
        truncation.optString().ifPresent(value -> {
            if (!Set.of("auto", "disabled").contains(value)) {
                throw truncation.invalid("Invalid value: '" + value + "'. Supported values are: 'auto' and 'disabled'.");
            }
        });
        JsonField topLogprobs = root.field("top_logprobs");
        if (topLogprobs.optInt(0, 20).orElse(0) > 0) {
            throw topLogprobs.invalid("Invalid 'top_logprobs': log probabilities are not supported through the"
                    + " Responses API here.");
        }
        for (String name : List.of("metadata", "stream_options")) {
            if (root.field(name).isPresent()) {
                root.field(name).object();
            }
        }
        echo.put("truncation", truncation.optString().orElse("disabled"));
        JsonField metadata = root.field("metadata");
        echo.set("metadata", metadata.isPresent() ? metadata.node().deepCopy() : Json.MAPPER.createObjectNode());
    }
}
