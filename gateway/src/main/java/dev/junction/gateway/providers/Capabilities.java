package dev.junction.gateway.providers;

/**
 * What an upstream can do, as its provider declares it. The relay consults these before it
 * prepares a call, so a request an upstream cannot honour is answered clearly (or sent to
 * another candidate) instead of failing at the vendor.
 *
 * @param readsMediaUrls the vendor fetches http(s) media URLs itself; otherwise Junction fetches
 *     them and sends the bytes inline
 * @param countsTokens it can count a prompt's tokens without generating
 * @param embeds it serves embeddings
 */
public record Capabilities(boolean readsMediaUrls, boolean countsTokens, boolean embeds) {}
