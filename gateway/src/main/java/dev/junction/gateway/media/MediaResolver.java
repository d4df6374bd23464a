package dev.junction.gateway.media;

import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import dev.junction.protocol.model.GatewayError;
import dev.junction.protocol.model.GatewayException;
import io.vertx.core.Future;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.function.Consumer;


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

    /** {@link #resolve(ChatRequest, Consumer)} for a caller that lets go of the files at once. */
    public Future<ChatRequest> resolve(ChatRequest request) {
        return resolve(request, Runnable::run);
    }

    /**
     * The request with every URL the upstream cannot read replaced by the file's bytes. More
     * URLs to fetch than {@code media.max_urls} is a 400, and nothing is fetched.
     *
     * @param hold receives, once the files are fetched, what gives their memory back; the caller
     *     runs it when the request has ended (if a fetch fails, the others are given back here)
     */
    public Future<ChatRequest> resolve(ChatRequest request, Consumer<Runnable> hold) {
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
        if (fetches.size() > fetcher.maxUrls()) {
            return Future.failedFuture(new GatewayException(GatewayError.invalid("messages", "The request has "
                    + fetches.size() + " media URLs for Junction to fetch; at most " + fetcher.maxUrls()
                    + " are fetched per request.")));
        }
        List<Future<MediaFetcher.Fetched>> files = new ArrayList<>();
        for (Fetch fetch : fetches) {
            files.add(fetcher.fetch(URI.create(fetch.ref().uri()), fetch.ref().mimeType(),
                    fetch.ref().source().orElse("messages[" + fetch.message() + "].content")));
        }
        Runnable releaseAll = () -> files.forEach(f -> {
            if (f.succeeded()) {
                f.result().release().run();
            }
        });
        return Future.join(files).recover(e -> {
            releaseAll.run(); // every fetch has ended: give back those that succeeded
            return Future.failedFuture(files.stream().filter(Future::failed).findFirst().map(Future::cause).orElse(e));
        }).map(done -> {
            hold.accept(releaseAll);
            List<Part.Blob> fetched = files.stream()
                    .map(f -> new Part.Blob(f.result().mimeType(), f.result().base64())).toList();
            List<List<Part>> parts = new ArrayList<>();
            for (Message message : request.messages()) {
                parts.add(new ArrayList<>(message.parts()));
            }
            for (int i = 0; i < fetches.size(); i++) {
                parts.get(fetches.get(i).message()).set(fetches.get(i).part(), fetched.get(i));
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
