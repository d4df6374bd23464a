package dev.junction.gateway.media;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** Media types by file extension, for URLs whose server does not say. */
public final class MimeTypes {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("png", "image/png"), Map.entry("jpg", "image/jpeg"), Map.entry("jpeg", "image/jpeg"),
            Map.entry("gif", "image/gif"), Map.entry("webp", "image/webp"), Map.entry("heic", "image/heic"),
            Map.entry("heif", "image/heif"), Map.entry("pdf", "application/pdf"), Map.entry("mp3", "audio/mp3"),
            Map.entry("wav", "audio/wav"), Map.entry("ogg", "audio/ogg"), Map.entry("flac", "audio/flac"),
            Map.entry("aac", "audio/aac"), Map.entry("aiff", "audio/aiff"), Map.entry("m4a", "audio/mp4"),
            Map.entry("mp4", "video/mp4"), Map.entry("mpeg", "video/mpeg"), Map.entry("mov", "video/mov"),
            Map.entry("avi", "video/avi"), Map.entry("webm", "video/webm"), Map.entry("wmv", "video/wmv"),
            Map.entry("flv", "video/x-flv"), Map.entry("3gp", "video/3gpp"), Map.entry("txt", "text/plain"));

    private MimeTypes() {}

    public static Optional<String> fromPath(String path) {
        if (path == null) {
            return Optional.empty();
        }
        int dot = path.lastIndexOf('.');
        if (dot < 0 || dot < path.lastIndexOf('/')) {
            return Optional.empty();
        }
        return Optional.ofNullable(BY_EXTENSION.get(path.substring(dot + 1).toLowerCase(Locale.ROOT)));
    }
}
