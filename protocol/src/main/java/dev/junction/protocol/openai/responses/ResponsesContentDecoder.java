package dev.junction.protocol.openai.responses;

import dev.junction.protocol.JsonField;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.openai.DataUrl;
import dev.junction.protocol.openai.MediaTypes;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the {@code content} of an input message, or the {@code output} of a function call: a
 * string, or a list of typed parts.
 *
 * <table>
 * <caption>Content parts</caption>
 * <tr><th>Part</th><th>Becomes</th></tr>
 * <tr><td>{@code input_text {text}}</td><td>{@link Part.Text}</td></tr>
 * <tr><td>{@code output_text {text}}, {@code refusal {refusal}} (assistant messages, as the
 *     previous response returned them)</td><td>{@link Part.Text}</td></tr>
 * <tr><td>{@code input_image {image_url}} with a {@code data:} URL</td><td>{@link Part.Blob}</td></tr>
 * <tr><td>{@code input_image {image_url}} with an {@code http(s)://} or {@code gs://} URL</td>
 *     <td>{@link Part.FileRef} (the gateway fetches it where the upstream cannot)</td></tr>
 * <tr><td>{@code input_file {file_data, filename}}</td><td>{@link Part.Blob}: {@code file_data} is a
 *     data URL, or bare base64 whose type the {@code filename} extension tells</td></tr>
 * <tr><td>{@code input_file {file_url}}</td><td>{@link Part.FileRef}</td></tr>
 * <tr><td>{@code file_id} (on either)</td><td>a 400: Junction has no Files API</td></tr>
 * </table>
 *
 * An image's {@code detail} is checked and ignored (Gemini picks its own resolution).
 */
final class ResponsesContentDecoder {
    static final Set<String> INPUT = Set.of("input_text", "input_image", "input_file");
    static final Set<String> OUTPUT = Set.of("output_text", "refusal");
    private static final Set<String> DETAILS = Set.of("auto", "low", "high", "original");

    private ResponsesContentDecoder() {}

    /** The parts of {@code content}, whose part types must be among {@code allowed}. */
    static List<Part> decode(JsonField content, Set<String> allowed) {
        if (content.node().isTextual()) {
            return List.of(Part.Text.of(content.string()));
        }
        if (content.isPresent() && !content.node().isArray()) {
            throw content.wrongType("a string or an array of content parts");
        }
        List<Part> parts = new ArrayList<>();
        for (JsonField part : content.elements()) {
            parts.add(part(part, allowed));
        }
        return parts;
    }

    private static Part part(JsonField part, Set<String> allowed) {
        part.object();
        JsonField type = part.field("type");
        if (!allowed.contains(type.string())) {
            throw type.invalid("Invalid value: '" + type.string() + "'. Supported values are: "
                    + String.join(", ", allowed.stream().sorted().map(t -> "'" + t + "'").toList()) + ".");
        }
        return switch (type.string()) {
            case "input_text", "output_text" -> Part.Text.of(part.field("text").string());
            case "refusal" -> Part.Text.of(part.field("refusal").string());
            case "input_image" -> image(part);
            case "input_file" -> file(part);
            default -> throw new IllegalStateException("unreachable: " + type.string());
        };
    }

    private static Part image(JsonField part) {
        JsonField detail = part.field("detail");
        detail.optString().ifPresent(value -> {
            if (!DETAILS.contains(value)) {
                throw detail.invalid("Invalid value: '" + value + "'. Supported values are: 'auto', 'low', 'high',"
                        + " and 'original'.");
            }
        });
        rejectFileId(part.field("file_id"));
        JsonField url = part.field("image_url");
        if (url.isAbsent()) {
            throw part.invalid("Invalid '" + part.path() + "': expected 'image_url'.");
        }
        if (DataUrl.looksLikeOne(url.string())) {
            DataUrl data = DataUrl.parse(url);
            return new Part.Blob(data.mimeType(), data.base64());
        }
        return fileRef(url);
    }

    private static Part file(JsonField part) {
        rejectFileId(part.field("file_id"));
        JsonField data = part.field("file_data");
        if (data.isPresent()) {
            String value = data.string();
            if (DataUrl.looksLikeOne(value)) {
                DataUrl url = DataUrl.parse(data);
                return new Part.Blob(url.mimeType(), url.base64());
            }
            String mime = part.field("filename").optString().flatMap(MediaTypes::fromName).orElseThrow(() ->
                    data.invalid("Invalid '" + data.path() + "': send a data URL (data:<mime type>;base64,<data>),"
                            + " or a filename whose extension tells the file type."));
            DataUrl.checkBase64(data, value);
            return new Part.Blob(mime, value);
        }
        JsonField url = part.field("file_url");
        if (url.isPresent()) {
            return fileRef(url);
        }
        throw part.invalid("Invalid '" + part.path() + "': expected 'file_data' or 'file_url'.");
    }

    private static void rejectFileId(JsonField id) {
        if (id.isPresent()) {
            id.string();
            throw id.invalid("Invalid '" + id.path() + "': file ids are not supported; send the file inline"
                    + " (a data URL) or as a URL.");
        }
    }

    private static Part fileRef(JsonField field) {
        String url = field.string();
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
}
