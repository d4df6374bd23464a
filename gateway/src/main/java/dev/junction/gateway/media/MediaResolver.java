package dev.junction.gateway.media;

import dev.junction.protocol.model.ChatRequest;
import dev.junction.protocol.model.Message;
import dev.junction.protocol.model.Part;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Decides, for each media part a client gave by URL, whether the upstream reads the URL itself
 * or Junction fetches the file and sends it inline. Gemini reads video by {@code https} URL
 * (and YouTube links, Files API URIs, {@code gs://}); images, audio and documents on arbitrary
 * web servers it does not, so those are fetched, all of a request's at once.
 */
public final class MediaResolver {
    private final MediaFetcher fetcher;

    public MediaResolver(MediaFetcher fetcher) {
        this.fetcher = fetcher;
    }

    /** The request with every URL the upstream cannot read replaced by the file's bytes. */
    public ChatRequest resolve(ChatRequest request) {
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
            return request;
        }
        List<List<Part>> parts = new ArrayList<>();
        for (Message message : request.messages()) {
            parts.add(new ArrayList<>(message.parts()));
        }
        for (Fetched done : fetchAll(fetches)) {
            parts.get(done.fetch().message()).set(done.fetch().part(), done.blob());
        }
        List<Message> messages = new ArrayList<>();
        for (int m = 0; m < request.messages().size(); m++) {
            messages.add(new Message(request.messages().get(m).role(), parts.get(m)));
        }
        return new ChatRequest(request.model(), request.system(), messages, request.tools(), request.toolChoice(),
                request.sampling(), request.reasoning(), request.responseFormat(), request.stream(),
                request.includeUsage(), request.vendorOptions());
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

    private record Fetched(Fetch fetch, Part.Blob blob) {}

    private List<Fetched> fetchAll(List<Fetch> fetches) {
        if (fetches.size() == 1) {
            return List.of(fetchOne(fetches.get(0)));
        }
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            List<Future<Fetched>> futures = new ArrayList<>();
            for (Fetch fetch : fetches) {
                futures.add(pool.submit(() -> fetchOne(fetch)));
            }
            List<Fetched> done = new ArrayList<>();
            for (Future<Fetched> future : futures) {
                done.add(future.get());
            }
            return done;
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while fetching media", e);
        }
    }

    private Fetched fetchOne(Fetch fetch) {
        MediaFetcher.Fetched file = fetcher.fetch(URI.create(fetch.ref().uri()), fetch.ref().mimeType(),
                "messages[" + fetch.message() + "].content");
        return new Fetched(fetch, new Part.Blob(file.mimeType(), file.base64()));
    }

}
