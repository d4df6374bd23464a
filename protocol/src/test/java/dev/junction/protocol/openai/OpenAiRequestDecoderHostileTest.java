package dev.junction.protocol.openai;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Hostile and mistaken requests: each must be a 400 whose {@code param} names the field at
 * fault, with a message that says what is wrong. Bodies are written with single quotes for
 * legibility; {@link #body} turns them into JSON.
 */
class OpenAiRequestDecoderHostileTest {
    private static final String USER = "{'role':'user','content':'Hi'}";
    private static final String WEATHER = "{'type':'function','function':{'name':'get_weather','parameters':{'type':'object'}}}";

    /** A request with {@code extra} fields added to a valid minimal body. */
    private static String with(String extra) {
        return "{'model':'gemini-2.5-flash','messages':[" + USER + "]" + (extra.isEmpty() ? "" : "," + extra) + "}";
    }

    private static String messages(String messages) {
        return "{'model':'gemini-2.5-flash','messages':[" + messages + "]}";
    }

    private static String userContent(String part) {
        return messages("{'role':'user','content':[" + part + "]}");
    }

    private static String assistantCall(String call) {
        return messages(USER + ",{'role':'assistant','tool_calls':[" + call + "]}");
    }

    private static Arguments bad(String body, String param, String message) {
        return Arguments.of(param + " ← " + message, body, param, message);
    }

    static Stream<Arguments> wrongTypes() {
        return Stream.of(
                bad("{'model':5,'messages':[" + USER + "]}", "model", "expected a string, but got an integer"),
                bad("{'messages':[" + USER + "]}", "model", "Missing required parameter: 'model'"),
                bad("{'model':'gemini-2.5-flash','messages':{}}", "messages", "expected an array, but got an object"),
                bad("{'model':'gemini-2.5-flash'}", "messages", "Missing required parameter: 'messages'"),
                bad(messages("'hi'"), "messages[0]", "expected an object, but got a string"),
                bad(messages("{'role':1,'content':'x'}"), "messages[0].role", "expected a string"),
                bad(messages("{'role':'user','content':5}"), "messages[0].content", "a string or an array of content parts"),
                bad(messages("{'role':'user'}"), "messages[0].content", "Missing required parameter"),
                bad(userContent("'text'"), "messages[0].content[0]", "expected an object"),
                bad(userContent("{'type':7}"), "messages[0].content[0].type", "expected a string"),
                bad(userContent("{'type':'text','text':7}"), "messages[0].content[0].text", "expected a string"),
                bad(userContent("{'type':'image_url','image_url':7}"), "messages[0].content[0].image_url", "expected an object"),
                bad(userContent("{'type':'image_url','image_url':{'url':7}}"), "messages[0].content[0].image_url.url", "expected a string"),
                bad(userContent("{'type':'input_audio','input_audio':'x'}"), "messages[0].content[0].input_audio", "expected an object"),
                bad(userContent("{'type':'input_audio','input_audio':{'data':1,'format':'wav'}}"), "messages[0].content[0].input_audio.data", "expected a string"),
                bad(userContent("{'type':'input_audio','input_audio':{'data':'AAAA','format':1}}"), "messages[0].content[0].input_audio.format", "expected a string"),
                bad(userContent("{'type':'file','file':'x'}"), "messages[0].content[0].file", "expected an object"),
                bad(userContent("{'type':'file','file':{'file_data':1}}"), "messages[0].content[0].file.file_data", "expected a string"),
                bad(userContent("{'type':'file','file':{'file_id':1}}"), "messages[0].content[0].file.file_id", "expected a string"),
                bad(userContent("{'type':'file','file':{'file_data':'AAAA','filename':1}}"), "messages[0].content[0].file.filename", "expected a string"),
                // A message name and an image detail of the wrong type used to be dropped without a word.
                bad(messages("{'role':'user','content':'x','name':5}"), "messages[0].name", "expected a string"),
                bad(userContent("{'type':'image_url','image_url':{'url':'data:image/png;base64,AAAA','detail':5}}"), "messages[0].content[0].image_url.detail", "expected a string"),
                bad(userContent("{'type':'image_url','image_url':{'url':'data:image/png;base64,AAAA','detail':'max'}}"), "messages[0].content[0].image_url.detail", "Supported values are: 'auto', 'low', and 'high'"),
                bad(userContent("{'type':'video_url','video_url':'x'}"), "messages[0].content[0].video_url", "expected an object"),
                bad(messages(USER + ",{'role':'assistant','tool_calls':{}}"), "messages[1].tool_calls", "expected an array"),
                bad(assistantCall("'x'"), "messages[1].tool_calls[0]", "expected an object"),
                bad(assistantCall("{'id':1,'type':'function','function':{'name':'f','arguments':'{}'}}"), "messages[1].tool_calls[0].id", "expected a string"),
                bad(assistantCall("{'id':'c','type':1,'function':{'name':'f','arguments':'{}'}}"), "messages[1].tool_calls[0].type", "expected a string"),
                bad(assistantCall("{'id':'c','type':'function','function':'f'}"), "messages[1].tool_calls[0].function", "expected an object"),
                bad(assistantCall("{'id':'c','type':'function','function':{'name':1,'arguments':'{}'}}"), "messages[1].tool_calls[0].function.name", "expected a string"),
                bad(assistantCall("{'id':'c','type':'function','function':{'name':'f','arguments':{}}}"), "messages[1].tool_calls[0].function.arguments", "expected a string"),
                bad(assistantCall("{'id':'c','function':{'name':'f'},'extra_content':'x'}"), "messages[1].tool_calls[0].extra_content", "expected an object"),
                bad(assistantCall("{'id':'c','function':{'name':'f'},'extra_content':{'google':1}}"), "messages[1].tool_calls[0].extra_content.google", "expected an object"),
                bad(assistantCall("{'id':'c','function':{'name':'f'},'extra_content':{'google':{'thought_signature':1}}}"),
                        "messages[1].tool_calls[0].extra_content.google.thought_signature", "expected a string"),
                bad(messages(USER + ",{'role':'tool','tool_call_id':5,'content':'x'}"), "messages[1].tool_call_id", "expected a string"),
                bad(messages(USER + ",{'role':'function','name':5,'content':'x'}"), "messages[1].name", "expected a string"),
                bad(with("'temperature':'hot'"), "temperature", "expected a number, but got a string"),
                bad(with("'top_p':true"), "top_p", "expected a number, but got a boolean"),
                bad(with("'top_k':'5'"), "top_k", "expected an integer"),
                bad(with("'max_tokens':1.5"), "max_tokens", "expected an integer, but got a decimal"),
                bad(with("'max_completion_tokens':'10'"), "max_completion_tokens", "expected an integer"),
                bad(with("'stop':5"), "stop", "a string or an array of strings"),
                bad(with("'stop':[5]"), "stop[0]", "expected a string"),
                bad(with("'n':'2'"), "n", "expected an integer"),
                bad(with("'seed':'42'"), "seed", "expected an integer"),
                bad(with("'presence_penalty':'x'"), "presence_penalty", "expected a number"),
                bad(with("'frequency_penalty':{}"), "frequency_penalty", "expected a number"),
                bad(with("'logprobs':'yes'"), "logprobs", "expected a boolean"),
                bad(with("'logprobs':true,'top_logprobs':'3'"), "top_logprobs", "expected an integer"),
                bad(with("'tools':{}"), "tools", "expected an array"),
                bad(with("'tools':['f']"), "tools[0]", "expected an object"),
                bad(with("'tools':[{'type':1}]"), "tools[0].type", "expected a string"),
                bad(with("'tools':[{'type':'function','function':'f'}]"), "tools[0].function", "expected an object"),
                bad(with("'tools':[{'type':'function','function':{'name':1}}]"), "tools[0].function.name", "expected a string"),
                bad(with("'tools':[{'type':'function','function':{'name':'f','description':1}}]"), "tools[0].function.description", "expected a string"),
                bad(with("'tools':[{'type':'function','function':{'name':'f','parameters':'x'}}]"), "tools[0].function.parameters", "expected an object"),
                bad(with("'tools':[{'type':'function','function':{'name':'f','strict':'yes'}}]"), "tools[0].function.strict", "expected a boolean"),
                bad(with("'tools':[" + WEATHER + "],'tool_choice':1"), "tool_choice", "a string or an object"),
                bad(with("'tools':[" + WEATHER + "],'tool_choice':{'type':1}"), "tool_choice.type", "expected a string"),
                bad(with("'tools':[" + WEATHER + "],'tool_choice':{'type':'function','function':'f'}"), "tool_choice.function", "expected an object"),
                bad(with("'tools':[" + WEATHER + "],'tool_choice':{'type':'function','function':{'name':1}}"), "tool_choice.function.name", "expected a string"),
                bad(with("'response_format':'json'"), "response_format", "expected an object"),
                bad(with("'response_format':{'type':1}"), "response_format.type", "expected a string"),
                bad(with("'response_format':{'type':'json_schema','json_schema':'x'}"), "response_format.json_schema", "expected an object"),
                bad(with("'response_format':{'type':'json_schema','json_schema':{'name':1}}"), "response_format.json_schema.name", "expected a string"),
                bad(with("'response_format':{'type':'json_schema','json_schema':{'name':'n','schema':'x'}}"), "response_format.json_schema.schema", "expected an object"),
                bad(with("'response_format':{'type':'json_schema','json_schema':{'name':'n','strict':'x'}}"), "response_format.json_schema.strict", "expected a boolean"),
                bad(with("'stream':'true'"), "stream", "expected a boolean"),
                bad(with("'stream_options':true"), "stream_options", "expected an object"),
                bad(with("'stream_options':{'include_usage':'yes'}"), "stream_options.include_usage", "expected a boolean"),
                bad(with("'reasoning_effort':1"), "reasoning_effort", "expected a string"),
                bad(with("'google':'x'"), "google", "expected an object"),
                bad(with("'google':{'thinking_config':'x'}"), "google.thinking_config", "expected an object"),
                bad(with("'google':{'thinking_config':{'thinking_budget':'1024'}}"), "google.thinking_config.thinking_budget", "expected an integer"),
                bad(with("'google':{'thinking_config':{'thinking_level':1}}"), "google.thinking_config.thinking_level", "expected a string"),
                bad(with("'google':{'thinking_config':{'include_thoughts':'yes'}}"), "google.thinking_config.include_thoughts", "expected a boolean"),
                bad(with("'google':{'cached_content':1}"), "google.cached_content", "expected a string"),
                bad(with("'google':{'safety_settings':{}}"), "google.safety_settings", "expected an array"),
                bad(with("'google':{'safety_settings':['x']}"), "google.safety_settings[0]", "expected an object"),
                bad(with("'google':{'safety_settings':[{'category':1,'threshold':'OFF'}]}"), "google.safety_settings[0].category", "expected a string"),
                bad(with("'google':{'top_k':'4'}"), "google.top_k", "expected an integer"),
                bad(with("'extra_body':'x'"), "extra_body", "expected an object"),
                bad(with("'extra_body':{'google':{'thinking_config':{'include_thoughts':1}}}"),
                        "extra_body.google.thinking_config.include_thoughts", "expected a boolean"),
                bad(with("'user':5"), "user", "expected a string"),
                bad(with("'metadata':'x'"), "metadata", "expected an object"),
                bad(with("'store':'no'"), "store", "expected a boolean"),
                bad(with("'parallel_tool_calls':'no'"), "parallel_tool_calls", "expected a boolean"),
                bad(with("'logit_bias':'x'"), "logit_bias", "expected an object"),
                bad(with("'modalities':'text'"), "modalities", "expected an array"),
                bad(with("'service_tier':1"), "service_tier", "expected a string"));
    }

    static Stream<Arguments> impossibleValues() {
        return Stream.of(
                bad(messages("{'role':'robot','content':'x'}"), "messages[0].role", "Invalid value: 'robot'"),
                bad("{'model':'gemini-2.5-flash','messages':[]}", "messages", "empty array"),
                bad("{'model':' ','messages':[" + USER + "]}", "model", "empty"),
                bad(messages(USER + ",{'role':'tool','tool_call_id':'call_x','content':'42'}"), "messages[1].tool_call_id",
                        "no earlier assistant message has a tool call with id 'call_x'"),
                bad(messages(USER + ",{'role':'tool','tool_call_id':'c1','content':'42'},"
                                + "{'role':'assistant','tool_calls':[{'id':'c1','type':'function','function':{'name':'f','arguments':'{}'}}]}"),
                        "messages[1].tool_call_id", "no earlier assistant message"),
                bad(messages("{'role':'system','content':[{'type':'image_url','image_url':{'url':'https://x.org/a.png'}}]}"),
                        "messages[0].content[0].type", "Invalid value: 'image_url'"),
                bad(messages(USER + ",{'role':'assistant','content':[{'type':'image_url','image_url':{'url':'https://x.org/a.png'}}]}"),
                        "messages[1].content[0].type", "Invalid value: 'image_url'"),
                bad(userContent("{'type':'hologram'}"), "messages[0].content[0].type", "Invalid value: 'hologram'"),
                bad(userContent("{'type':'image_url','image_url':{'url':'data:image/png,iVBORw0KGgo='}}"),
                        "messages[0].content[0].image_url.url", "only base64 data URLs"),
                bad(userContent("{'type':'image_url','image_url':{'url':'data:image/png;base64'}}"),
                        "messages[0].content[0].image_url.url", "no ','"),
                bad(userContent("{'type':'image_url','image_url':{'url':'data:;base64,iVBORw0KGgo='}}"),
                        "messages[0].content[0].image_url.url", "no valid mime type"),
                bad(userContent("{'type':'image_url','image_url':{'url':'data:image/png;base64,iVBO*w0KGgo='}}"),
                        "messages[0].content[0].image_url.url", "not valid base64 (unexpected '*' at position 4)"),
                bad(userContent("{'type':'image_url','image_url':{'url':'data:image/png;base64,iVBORw0KGg=o'}}"),
                        "messages[0].content[0].image_url.url", "not valid base64"),
                bad(userContent("{'type':'image_url','image_url':{'url':'data:image/png;base64,iVBORw0KG==='}}"),
                        "messages[0].content[0].image_url.url", "wrong length or padding"),
                bad(userContent("{'type':'image_url','image_url':{'url':'data:image/png;base64,'}}"),
                        "messages[0].content[0].image_url.url", "base64 data is empty"),
                bad(userContent("{'type':'image_url','image_url':{'url':'ftp://x.org/a.png'}}"),
                        "messages[0].content[0].image_url.url", "expected a data:, http(s):// or gs:// URL"),
                bad(userContent("{'type':'image_url','image_url':{'url':'http://exa mple.org/a.png'}}"),
                        "messages[0].content[0].image_url.url", "not a valid URL"),
                bad(userContent("{'type':'input_audio','input_audio':{'data':'UklG RiQ=','format':'wav'}}"),
                        "messages[0].content[0].input_audio.data", "not valid base64"),
                bad(userContent("{'type':'input_audio','input_audio':{'data':'UklGRiQ=','format':'midi'}}"),
                        "messages[0].content[0].input_audio.format", "Invalid value: 'midi'"),
                bad(userContent("{'type':'file','file':{'file_id':'file-abc123'}}"),
                        "messages[0].content[0].file.file_id", "OpenAI file ids are not supported"),
                bad(userContent("{'type':'file','file':{'file_data':'JVBERi0='}}"),
                        "messages[0].content[0].file.file_data", "send a data URL"),
                bad(userContent("{'type':'file','file':{}}"), "messages[0].content[0].file", "expected 'file_data' or 'file_id'"),
                bad(assistantCall("{'id':'c','type':'function','function':{'name':'f','arguments':'{not json'}}"),
                        "messages[1].tool_calls[0].function.arguments", "not valid JSON"),
                bad(assistantCall("{'id':'c','type':'function','function':{'name':'f','arguments':'[1]'}}"),
                        "messages[1].tool_calls[0].function.arguments", "must be a JSON object"),
                bad(assistantCall("{'id':'c','type':'custom','function':{'name':'f'}}"),
                        "messages[1].tool_calls[0].type", "Invalid value: 'custom'"),
                bad(with("'temperature':2.5"), "temperature", "Expected a value <= 2, but got 2.5 instead"),
                bad(with("'temperature':-0.1"), "temperature", "Expected a value >= 0, but got -0.1 instead"),
                bad(with("'top_p':1.01"), "top_p", "Expected a value <= 1"),
                bad(with("'n':0"), "n", "Expected a value >= 1"),
                bad(with("'n':9"), "n", "Expected a value <= 8"),
                bad(with("'max_tokens':0"), "max_tokens", "Expected a value >= 1"),
                bad(with("'seed':4294967296"), "seed", "Expected a value <= 2147483647"),
                bad(with("'presence_penalty':2.5"), "presence_penalty", "Expected a value <= 2"),
                bad(with("'stop':['a','b','c','d','e']"), "stop", "maximum length 4, but got an array with length 5"),
                bad(with("'top_logprobs':2"), "top_logprobs", "needs logprobs set to true"),
                bad(with("'logprobs':true,'top_logprobs':21"), "top_logprobs", "Expected a value <= 20"),
                bad(with("'response_format':{'type':'yaml'}"), "response_format.type", "Invalid value: 'yaml'"),
                bad(with("'response_format':{'type':'json_schema','json_schema':{'schema':{}}}"),
                        "response_format.json_schema.name", "Missing required parameter"),
                bad(with("'reasoning_effort':'extreme'"), "reasoning_effort", "Invalid value: 'extreme'"),
                bad(with("'reasoning_effort':'low','google':{'thinking_config':{'thinking_budget':1024}}"),
                        "reasoning_effort", "cannot be used at the same time"),
                bad(with("'reasoning_effort':'low','extra_body':{'google':{'thinking_config':{'thinking_level':'high'}}}"),
                        "reasoning_effort", "cannot be used at the same time"),
                bad(with("'google':{'thinking_config':{'thinking_budget':1024,'thinking_level':'low'}}"),
                        "google.thinking_config.thinking_level", "cannot be used together"),
                bad(with("'google':{'thinking_config':{'thinking_budget':-2}}"),
                        "google.thinking_config.thinking_budget", "Expected a value >= -1"),
                bad(with("'google':{'thinking_config':{'thinking_level':'ultra'}}"),
                        "google.thinking_config.thinking_level", "Invalid value: 'ultra'"),
                bad(with("'google':{'thinkingConfig':{'thinking_budget':1}}"), "google.thinkingConfig", "use 'thinking_config'"),
                bad(with("'extra_body':{'google':{'thinking_config':{'thinkingBudget':1}}}"),
                        "extra_body.google.thinking_config.thinkingBudget", "use 'thinking_budget'"),
                bad(with("'google':{'cachedContent':'cachedContents/x'}"), "google.cachedContent", "use 'cached_content'"),
                bad(with("'google':{'candidate_count':2}"), "google.candidate_count", "Supported keys are"),
                bad(with("'google':{},'extra_body':{'google':{}}"), "extra_body.google", "both at the top level and inside extra_body"),
                bad(with("'top_k':3,'google':{'top_k':4}"), "top_k", "send it once"),
                bad(with("'tools':[{'type':'custom','custom':{'name':'x'}}]"), "tools[0].type", "Invalid value: 'custom'"),
                bad(with("'tools':[" + WEATHER + "," + WEATHER + "]"), "tools[1].function.name", "used twice"),
                bad(with("'tools':[{'type':'function','function':{'name':'1st tool'}}]"), "tools[0].function.name", "not a valid function name"),
                bad(with("'tools':[" + WEATHER + "],'tool_choice':'always'"), "tool_choice", "Invalid value: 'always'"),
                bad(with("'tools':[" + WEATHER + "],'tool_choice':{'type':'function','function':{'name':'nope'}}"),
                        "tool_choice.function.name", "no tool named 'nope'"),
                bad(with("'tools':[" + WEATHER + "],'tool_choice':{'type':'allowed_tools'}"), "tool_choice.type", "Invalid value: 'allowed_tools'"),
                bad(with("'tool_choice':'required'"), "tool_choice", "needs at least one tool"),
                bad(with("'tools':[" + WEATHER + "],'functions':[{'name':'f'}]"), "functions", "not both"),
                bad(with("'logit_bias':{'50256':-100}"), "logit_bias", "not supported"),
                bad(with("'modalities':['text','audio']"), "modalities[1]", "only the 'text' output modality"),
                bad(with("'audio':{'voice':'alloy','format':'mp3'}"), "audio", "audio output is not supported"),
                bad(with("'web_search_options':{}"), "web_search_options", "not supported"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource({"wrongTypes", "impossibleValues"})
    void rejectsWithParam(String name, String body, String param, String message) {
        GatewayError error = reject(body);
        assertThat(error.kind()).isEqualTo(GatewayError.Kind.INVALID_REQUEST);
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.param()).as("param").contains(param);
        assertThat(error.message()).contains(message);
    }

    @Test
    void bodyThatIsNotJsonIsA400WithoutParam() {
        GatewayError error = reject("{'model':");
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.param()).isEmpty();
        assertThat(error.message()).startsWith("We could not parse the JSON body of your request");
    }

    @Test
    void bodyThatIsNotAnObjectIsA400() {
        assertThat(reject("[1,2]").message()).isEqualTo("The request body must be a JSON object.");
        assertThat(reject("null").message()).isEqualTo("The request body must be a JSON object.");
    }

    @Test
    void deepNestingFailsFastWithA400() {
        String deep = "[".repeat(5_000) + "]".repeat(5_000);
        GatewayError error = reject(with("'metadata':{'x':" + deep + "}"));
        assertThat(error.status()).isEqualTo(400);
        assertThat(error.param()).isEqualTo(Optional.empty());
    }

    @Test
    void hugeNumbersAreRangeErrorsNotCrashes() {
        assertThat(reject(with("'temperature':1e400")).param()).contains("temperature");
        assertThat(reject(with("'max_tokens':123456789012345678901234567890")).param()).contains("max_tokens");
    }

    private static GatewayError reject(String body) {
        GatewayException e = catchThrowableOfType(GatewayException.class,
                () -> OpenAiRequestDecoder.decode(body(body)));
        assertThat(e).as("expected a GatewayException for %s", body).isNotNull();
        return e.error();
    }

    static byte[] body(String singleQuoted) {
        return singleQuoted.replace('\'', '"').getBytes(StandardCharsets.UTF_8);
    }
}
