package dev.junction.protocol.openai;

import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The media types Junction can tell from what an OpenAI client sends: an {@code input_audio}
 * format, or the extension of a URL or file name. Gemini needs a mime type on every inline part
 * and on most {@code fileData} parts.
 */
public final class MediaTypes {
    /** OpenAI's {@code input_audio.format} values plus the other formats Gemini reads. */
    static final Map<String, String> AUDIO_FORMATS = Map.of(
            "wav", "audio/wav",
            "mp3", "audio/mp3",
            "aiff", "audio/aiff",
            "aac", "audio/aac",
            "ogg", "audio/ogg",
            "flac", "audio/flac",
            "m4a", "audio/mp4",
            "webm", "audio/webm",
            "opus", "audio/ogg");

    private static final Map<String, String> EXTENSIONS = Map.ofEntries(
            Map.entry("png", "image/png"),
            Map.entry("jpg", "image/jpeg"),
            Map.entry("jpeg", "image/jpeg"),
            Map.entry("webp", "image/webp"),
            Map.entry("gif", "image/gif"),
            Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"),
            Map.entry("pdf", "application/pdf"),
            Map.entry("txt", "text/plain"),
            Map.entry("md", "text/markdown"),
            Map.entry("csv", "text/csv"),
            Map.entry("html", "text/html"),
            Map.entry("mp4", "video/mp4"),
            Map.entry("mpeg", "video/mpeg"),
            Map.entry("mpg", "video/mpeg"),
            Map.entry("mov", "video/mov"),
            Map.entry("avi", "video/avi"),
            Map.entry("flv", "video/x-flv"),
            Map.entry("webm", "video/webm"),
            Map.entry("wmv", "video/wmv"),
            Map.entry("3gp", "video/3gpp"),
            Map.entry("wav", "audio/wav"),
            Map.entry("mp3", "audio/mp3"),
            Map.entry("aiff", "audio/aiff"),
            Map.entry("aac", "audio/aac"),
            Map.entry("ogg", "audio/ogg"),
            Map.entry("flac", "audio/flac"),
            Map.entry("m4a", "audio/mp4"));

    private MediaTypes() {}

    /** The mime type a file name or URL path suggests by its extension. */
    public static Optional<String> fromName(String name) {
        int slash = name.lastIndexOf('/');
        int dot = name.lastIndexOf('.');
        if (dot < 0 || dot < slash) {
            return Optional.empty();
        }
        return Optional.ofNullable(EXTENSIONS.get(name.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }

    /**
     * The mime type a URL's path suggests. Empty for pages without an extension (a YouTube link,
     * say): Gemini reads those without one, and the gateway learns it when it fetches the URL.
     */
    public static Optional<String> fromUrl(URI url) {
        return fromName(Optional.ofNullable(url.getPath()).orElse(""));
    }

    /** The usual extension of a mime type (the first one listed for it), for a file name. */
    static Optional<String> extension(String mimeType) {
        return EXTENSIONS.entrySet().stream().filter(e -> e.getValue().equals(mimeType)).map(Map.Entry::getKey)
                .sorted().findFirst();
    }
}
