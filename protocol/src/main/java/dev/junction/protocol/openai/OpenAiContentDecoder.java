package dev.junction.protocol.openai;

import dev.junction.protocol.Json;
import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.Part;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads a message's {@code content}: a string, or an array of typed parts.
 *
 * <table>
 * <caption>Content parts</caption>
 * <tr><th>Part</th><th>Becomes</th></tr>
 * <tr><td>{@code text}</td><td>{@link Part.Text}</td></tr>
 * <tr><td>{@code refusal} (assistant only)</td><td>{@link Part.Text}</td></tr>
 * <tr><td>{@code image_url} with a {@code data:} URL</td><td>{@link Part.Blob} with the URL's mime
 *     type, whatever it is: clients put PDFs, audio and video there too, and Gemini reads them</td></tr>
 * <tr><td>{@code image_url}, {@code video_url}, {@code audio_url} with an {@code http(s)://} or
 *     {@code gs://} URL</td><td>{@link Part.FileRef}, mime type guessed from the extension; the
 *     gateway fetches and inlines it or passes it to Gemini as {@code fileData}. {@code video_url}
 *     and {@code audio_url} are vLLM's spelling, used by clients that send video by URL;
 *     {@code image_url} may be a bare string, as some older clients send it</td></tr>
 * <tr><td>{@code input_audio {data, format}}</td><td>{@link Part.Blob} with the format's audio mime
 *     type (see {@link MediaTypes#AUDIO_FORMATS})</td></tr>
 * <tr><td>{@code file {file_data, filename}}</td><td>{@link Part.Blob}; {@code file_data} is a data
 *     URL, or bare base64 whose mime type comes from {@code filename}</td></tr>
 * <tr><td>{@code file {file_id}}</td><td>a URL ({@code https://}, {@code gs://}, a Gemini Files API
 *     URI) becomes a {@link Part.FileRef}, as LiteLLM accepts it; an OpenAI file id is a 400, since
 *     Junction has no Files API</td></tr>
 * </table>
 *
 * <p>The {@code detail} of an image ({@code auto}, {@code low} or {@code high}) is checked and
 * ignored (Gemini picks its own resolution).
 */
final class OpenAiContentDecoder {
    /** Which part types a role may send. */
    enum Allowed {
        TEXT_ONLY(Set.of("text")),
        ASSISTANT(Set.of("text", "refusal")),
        ANY(Set.of("text", "image_url", "input_audio", "file", "video_url", "audio_url"));

        private final Set<String> types;

        Allowed(Set<String> types) {
            this.types = types;
        }
    }

    private static final Set<String> DETAILS = Set.of("auto", "low", "high");

    private OpenAiContentDecoder() {}

    /** The parts of {@code content}; empty when it is absent. */
    static List<Part> decode(JsonField content, Allowed allowed) {
        if (content.isAbsent()) {
            return List.of();
        }
        if (content.node().isTextual()) {
            return List.of(Part.Text.of(content.node().textValue()));
        }
        if (!content.node().isArray()) {
            throw content.wrongType("a string or an array of content parts");
        }
        List<Part> parts = new ArrayList<>();
        for (JsonField part : content.elements()) {
            parts.add(decodePart(part, allowed));
        }
        return parts;
    }

    /** The text of a content that may only hold text, parts joined without separator. */
    static String text(JsonField content) {
        StringBuilder text = new StringBuilder();
        for (Part part : decode(content, Allowed.TEXT_ONLY)) {
            text.append(((Part.Text) part).text());
        }
        return text.toString();
    }

    private static Part decodePart(JsonField part, Allowed allowed) {
        part.object();
        String type = part.field("type").string();
        if (!allowed.types.contains(type)) {
            throw part.field("type").invalid("Invalid value: '" + Json.brief(type) + "'. Supported values are: "
                    + String.join(", ", allowed.types.stream().sorted().map(t -> "'" + t + "'").toList()) + ".");
        }
        return switch (type) {
            case "text" -> Part.Text.of(part.field("text").string());
            case "refusal" -> Part.Text.of(part.field("refusal").string());
            case "image_url" -> url(part.field("image_url").node().isTextual()
                    ? part.field("image_url")
                    : urlOf(part.field("image_url")));
            case "video_url" -> url(urlOf(part.field("video_url")));
            case "audio_url" -> url(urlOf(part.field("audio_url")));
            case "input_audio" -> inputAudio(part.field("input_audio"));
            case "file" -> file(part.field("file"));
            default -> throw new IllegalStateException("unreachable: " + type);
        };
    }

    private static JsonField urlOf(JsonField holder) {
        holder.object();
        JsonField detail = holder.field("detail");
        detail.optString().ifPresent(value -> {
            if (!DETAILS.contains(value)) {
                throw detail.invalid("Invalid value: '" + Json.brief(value) + "'. Supported values are: 'auto', 'low', and 'high'.");
            }
        });
        return holder.field("url");
    }

    private static Part url(JsonField field) {
        String url = field.string();
        if (DataUrl.looksLikeOne(url)) {
            DataUrl data = DataUrl.parse(field);
            return new Part.Blob(data.mimeType(), data.base64());
        }
        return fileRef(field, url);
    }

    private static Part fileRef(JsonField field, String url) {
        URI uri;
        try {
            uri = new URI(url);
        } catch (URISyntaxException e) {
            throw field.invalid("Invalid '" + field.path() + "': not a valid URL (" + e.getReason() + ").");
        }
        String scheme = Optional.ofNullable(uri.getScheme()).orElse("").toLowerCase(Locale.ROOT);
        if (!Set.of("http", "https", "gs").contains(scheme) || uri.getHost() == null) {
            throw field.invalid("Invalid '" + field.path() + "': expected a data:, http(s):// or gs:// URL.");
        }
        return new Part.FileRef(MediaTypes.fromUrl(uri), url, Optional.of(field.path()));
    }

    private static Part inputAudio(JsonField audio) {
        audio.object();
        JsonField data = audio.field("data");
        DataUrl.checkBase64(data, data.string());
        JsonField format = audio.field("format");
        String mime = MediaTypes.AUDIO_FORMATS.get(format.string().toLowerCase(Locale.ROOT));
        if (mime == null) {
            throw format.invalid("Invalid value: '" + Json.brief(format.string()) + "'. Supported values are: "
                    + String.join(", ", MediaTypes.AUDIO_FORMATS.keySet().stream().sorted().toList()) + ".");
        }
        return new Part.Blob(mime, data.string());
    }

    private static Part file(JsonField file) {
        file.object();
        JsonField data = file.field("file_data");
        JsonField id = file.field("file_id");
        if (data.isPresent()) {
            String value = data.string();
            if (DataUrl.looksLikeOne(value)) {
                DataUrl url = DataUrl.parse(data);
                return new Part.Blob(url.mimeType(), url.base64());
            }
            JsonField name = file.field("filename");
            String mime = name.optString().flatMap(MediaTypes::fromName).orElseThrow(() -> data.invalid(
                    "Invalid '" + data.path() + "': send a data URL (data:<mime type>;base64,<data>), or a"
                            + " filename whose extension tells the file type."));
            DataUrl.checkBase64(data, value);
            return new Part.Blob(mime, value);
        }
        if (id.isPresent()) {
            String value = id.string();
            if (value.contains("://")) {
                return fileRef(id, value);
            }
            throw id.invalid("Invalid '" + id.path() + "': OpenAI file ids are not supported; send the file"
                    + " inline as file_data (a data URL) or as a URL.");
        }
        throw file.invalid("Invalid '" + file.path() + "': expected 'file_data' or 'file_id'.");
    }
}
