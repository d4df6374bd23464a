package dev.junction.gateway.media;

import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import io.vertx.core.Future;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;


/**
 * Decides, for each media part a client gave by URL, whether the upstream reads the URL itself
 * or Junction fetches the file and sends it inline. Gemini reads video by {@code https} URL
 * (and YouTube links, Files API URIs, {@code gs://}); images, audio and documents on arbitrary
 * web servers it does not, so those are fetched, all of a request's at once, without blocking.
 */
public final class MediaResolver {
    private final MediaFetcher fetcher;

    public MediaResolver(MediaFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** The request with every URL the upstream cannot read replaced by the file's bytes. */
    public Future<ChatRequest> resolve(ChatRequest request) {
        List<Fetch> fetches = new ArrayList<>();
        for (int m = 0; m < request.messages().size(); m++) {
            List<Part> parts = request.messages().get(m).parts();
            for (int p = 0; p < parts.size(); p++) {
                if (parts.get(p) instanceof Part.FileRef ref && mustFetch(ref)) {
                    fetches.add(new Fetch(m, p, ref));
                }
            }
        }
        if (fetches.isEmpty()) {
            return Future.succeededFuture(request);
        }
        List<Future<Part.Blob>> fetched = new ArrayList<>();
        for (Fetch fetch : fetches) {
            fetched.add(fetcher.fetch(URI.create(fetch.ref().uri()), fetch.ref().mimeType(),
                            fetch.ref().source().orElse("messages[" + fetch.message() + "].content"))
                    .map(file -> new Part.Blob(file.mimeType(), file.base64())));
        }
        return Future.all(fetched).map(done -> {
            List<List<Part>> parts = new ArrayList<>();
            for (Message message : request.messages()) {
                parts.add(new ArrayList<>(message.parts()));
            }
            for (int i = 0; i < fetches.size(); i++) {
                parts.get(fetches.get(i).message()).set(fetches.get(i).part(), fetched.get(i).result());
            }
            List<Message> messages = new ArrayList<>();
            for (int m = 0; m < request.messages().size(); m++) {
                messages.add(new Message(request.messages().get(m).role(), parts.get(m)));
            }
            return new ChatRequest(request.model(), request.system(), messages, request.tools(), request.toolChoice(),
                    request.sampling(), request.reasoning(), request.responseFormat(), request.stream(),
                    request.includeUsage(), request.vendorOptions());
        });
    }

    /** Whether Junction must fetch this reference (rather than pass the URL upstream). */
    static boolean mustFetch(Part.FileRef ref) {
        URI uri;
        try {
            uri = URI.create(ref.uri());
        } catch (IllegalArgumentException e) {
            return false; // the upstream will reject it with its own words
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            return false;
        }
        String host = uri.getHost() == null ? "" : uri.getHost().toLowerCase(Locale.ROOT);
        if (host.equals("generativelanguage.googleapis.com") || host.endsWith("youtube.com") || host.equals("youtu.be")) {
            return false;
        }
        String mime = ref.mimeType().or(() -> MimeTypes.fromPath(uri.getPath())).orElse("");
        return !(scheme.equals("https") && mime.startsWith("video/"));
    }

    private record Fetch(int message, int part, Part.FileRef ref) {}
}
