package dev.junction.gateway.it;

import static dev.junction.gateway.it.OpenAiSdk.onlyUpstreamRequest;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.openai.client.OpenAIClient;
import com.openai.core.http.StreamResponse;
import com.openai.errors.BadRequestException;
import com.openai.models.chat.completions.ChatCompletion;
import com.openai.models.chat.completions.ChatCompletionChunk;
import com.openai.models.chat.completions.ChatCompletionContentPart;
import com.openai.models.chat.completions.ChatCompletionContentPartImage;
import com.openai.models.chat.completions.ChatCompletionContentPartInputAudio;
import com.openai.models.chat.completions.ChatCompletionContentPartText;
import com.openai.models.chat.completions.ChatCompletionCreateParams;
import com.sun.net.httpserver.HttpServer;
import dev.junction.gateway.testing.TestGateway;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Media through the OpenAI SDK: images as data URLs (S4), audio, PDFs, images by URL fetched by
 * Junction, video by URL passed to Gemini (S6). A Junction with the default configuration refuses
 * loopback URLs; a second one, configured to allow private addresses, fetches from a file server
 * the test runs on loopback.
 */
class OpenAiMediaSdkTest {
    private static final String FLASH = "gemini-2.5-flash";
    /** Bytes that start like a PNG; the mock only counts them. */
    private static final byte[] PNG = png(1234);

    @TempDir
    static Path dir;

    static TestGateway junction;
    static TestGateway fetching;
    static OpenAIClient client;
    static OpenAIClient fetchingClient;
    static HttpServer files;
    static final AtomicInteger fileRequests = new AtomicInteger();

    @BeforeAll
    static void start() throws IOException {
        junction = TestGateway.start(dir.resolve("default"));
        client = OpenAiSdk.client(junction, junction.issue("media-user"));
        fetching = TestGateway.start(dir.resolve("fetching"), """
                media:
                  allow_private_addresses: true
                """);
        fetchingClient = OpenAiSdk.client(fetching, fetching.issue("media-user"));
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        files.createContext("/cat.png", exchange -> {
            fileRequests.incrementAndGet();
            exchange.getResponseHeaders().add("Content-Type", "image/png");
            exchange.sendResponseHeaders(200, PNG.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(PNG);
            }
        });
        files.start();
    }

    @AfterAll
    static void stop() {
        files.stop(0);
        junction.close();
        fetching.close();
    }

    @BeforeEach
    void clearUpstream() {
        junction.mock().clear();
        fetching.mock().clear();
    }

    private static byte[] png(int size) {
        byte[] bytes = new byte[size];
        byte[] header = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
        System.arraycopy(header, 0, bytes, 0, header.length);
        for (int i = header.length; i < size; i++) {
            bytes[i] = (byte) (i * 31);
        }
        return bytes;
    }

    private static String fileUrl(String path) {
        return "http://127.0.0.1:" + files.getAddress().getPort() + path;
    }

    private static ChatCompletionContentPart text(String text) {
        return ChatCompletionContentPart.ofText(ChatCompletionContentPartText.builder().text(text).build());
    }

    private static ChatCompletionContentPart image(String url) {
        return ChatCompletionContentPart.ofImageUrl(ChatCompletionContentPartImage.builder()
                .imageUrl(ChatCompletionContentPartImage.ImageUrl.builder().url(url).build()).build());
    }

    private static ChatCompletionCreateParams ask(String model, List<ChatCompletionContentPart> parts) {
        return ChatCompletionCreateParams.builder().model(model).addUserMessageOfArrayOfContentParts(parts).build();
    }

    private static String answer(ChatCompletion completion) {
        return completion.choices().get(0).message().content().orElseThrow();
    }

    @Test
    void anImageAsADataUrlAsInTheSpec() {
        String base64 = Base64.getEncoder().encodeToString(PNG);
        ChatCompletion completion = client.chat().completions().create(ask(FLASH,
                List.of(text("描述这张图片"), image("data:image/png;base64," + base64))));

        assertThat(answer(completion)).contains("描述这张图片").contains("Received inline image/png data of 1234 bytes.");
        JsonNode parts = onlyUpstreamRequest(junction).bodyJson().at("/contents/0/parts");
        assertThat(parts).hasSize(2);
        assertThat(parts.get(0).path("text").asText()).isEqualTo("描述这张图片");
        assertThat(parts.get(1).at("/inlineData/mimeType").asText()).isEqualTo("image/png");
        assertThat(parts.get(1).at("/inlineData/data").asText()).isEqualTo(base64);
    }

    @Test
    void anImageAsADataUrlStreamed() {
        String base64 = Base64.getEncoder().encodeToString(PNG);
        StringBuilder text = new StringBuilder();
        try (StreamResponse<ChatCompletionChunk> stream = client.chat().completions().createStreaming(ask(FLASH,
                List.of(text("描述这张图片"), image("data:image/jpeg;base64," + base64))))) {
            stream.stream().forEach(c -> c.choices().forEach(ch -> ch.delta().content().ifPresent(text::append)));
        }
        assertThat(text.toString()).contains("Received inline image/jpeg data of 1234 bytes.");
        assertThat(onlyUpstreamRequest(junction).bodyJson().at("/contents/0/parts/1/inlineData/data").asText())
                .isEqualTo(base64);
    }

    @Test
    void inputAudioBecomesInlineAudio() {
        byte[] wav = new byte[3000];
        for (int i = 0; i < wav.length; i++) {
            wav[i] = (byte) i;
        }
        String base64 = Base64.getEncoder().encodeToString(wav);
        ChatCompletion completion = client.chat().completions().create(ask(FLASH, List.of(text("转写这段音频"),
                ChatCompletionContentPart.ofInputAudio(ChatCompletionContentPartInputAudio.builder()
                        .inputAudio(ChatCompletionContentPartInputAudio.InputAudio.builder()
                                .data(base64)
                                .format(ChatCompletionContentPartInputAudio.InputAudio.Format.WAV)
                                .build())
                        .build()))));

        assertThat(answer(completion)).contains("Received inline audio/wav data of 3000 bytes.");
        JsonNode part = onlyUpstreamRequest(junction).bodyJson().at("/contents/0/parts/1/inlineData");
        assertThat(part.path("mimeType").asText()).isEqualTo("audio/wav");
        assertThat(part.path("data").asText()).isEqualTo(base64);
    }

    @Test
    void aBase64PdfFileBecomesInlineData() {
        byte[] pdf = "%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n"
                .getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        String base64 = Base64.getEncoder().encodeToString(pdf);
        ChatCompletion completion = client.chat().completions().create(ask(FLASH, List.of(text("总结这份文件"),
                ChatCompletionContentPart.ofFile(ChatCompletionContentPart.File.builder()
                        .file(ChatCompletionContentPart.File.FileObject.builder()
                                .fileData("data:application/pdf;base64," + base64)
                                .filename("report.pdf")
                                .build())
                        .build()))));

        assertThat(answer(completion)).contains("Received inline application/pdf data of " + pdf.length + " bytes.");
        JsonNode part = onlyUpstreamRequest(junction).bodyJson().at("/contents/0/parts/1/inlineData");
        assertThat(part.path("mimeType").asText()).isEqualTo("application/pdf");
        assertThat(part.path("data").asText()).isEqualTo(base64);
    }

    @Test
    void anImageUrlIsFetchedAndInlinedWhenTheOperatorAllowsPrivateAddresses() {
        int before = fileRequests.get();
        ChatCompletion completion = fetchingClient.chat().completions().create(ask(FLASH,
                List.of(text("What is in this picture?"), image(fileUrl("/cat.png")))));

        assertThat(fileRequests.get()).isEqualTo(before + 1);
        assertThat(answer(completion)).contains("Received inline image/png data of 1234 bytes.");
        JsonNode part = onlyUpstreamRequest(fetching).bodyJson().at("/contents/0/parts/1");
        assertThat(part.has("fileData")).isFalse();
        assertThat(part.at("/inlineData/mimeType").asText()).isEqualTo("image/png");
        assertThat(Base64.getDecoder().decode(part.at("/inlineData/data").asText())).isEqualTo(PNG);
    }

    @Test
    void aLoopbackUrlIsRefusedByDefaultAndNamesTheField() {
        int before = fileRequests.get();
        assertThatThrownBy(() -> client.chat().completions().create(ChatCompletionCreateParams.builder().model(FLASH)
                .addSystemMessage("You describe pictures.")
                .addUserMessageOfArrayOfContentParts(List.of(text("What is in this picture?"),
                        image(fileUrl("/cat.png"))))
                .build()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.param()).contains("messages[1].content[1].image_url.url");
                    assertThat(e.type()).contains("invalid_request_error");
                });
        assertThat(fileRequests.get()).as("Junction never connected").isEqualTo(before);
        assertThat(junction.mock().received()).isEmpty();
        ChatCompletion fine = client.chat().completions().create(ask(FLASH, List.of(text("still there?"))));
        assertThat(answer(fine)).contains("still there?");
    }

    @Test
    void aVideoUrlIsPassedToGeminiAsFileData() {
        String video = "https://example.com/videos/demo.mp4";
        ChatCompletion completion = client.chat().completions().create(ask("gemini-3-pro-preview-file",
                List.of(text("总结这个视频"), image(video))));

        assertThat(answer(completion)).contains("Received file video/mp4 at " + video + ".");
        var upstream = onlyUpstreamRequest(junction);
        assertThat(upstream.path()).isEqualTo("/v1beta/models/gemini-3-pro-preview-file:generateContent");
        JsonNode part = upstream.bodyJson().at("/contents/0/parts/1/fileData");
        assertThat(part.path("fileUri").asText()).isEqualTo(video);
        assertThat(part.path("mimeType").asText()).isEqualTo("video/mp4");
    }
}
