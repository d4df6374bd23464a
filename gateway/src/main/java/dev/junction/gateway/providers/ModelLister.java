package dev.junction.gateway.providers;

/** How an upstream lists its models: Gemini's {@code models.list}, one page per call. */
public interface ModelLister {
    /** The call for one page; {@code pageToken} is empty for the first. */
    UpstreamCall page(String pageToken, Credential credential);
}
