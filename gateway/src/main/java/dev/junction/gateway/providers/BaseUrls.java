package dev.junction.gateway.providers;

import java.net.URI;

/** A configured base URL as the start of every call's address. */
public final class BaseUrls {
    private BaseUrls() {}

    /**
     * {@code scheme://authority/path} of {@code base}, without trailing slashes (and without a
     * query), so that a vendor's path is appended to it: {@code https://api.deepseek.com/v1/}
     * gives {@code https://api.deepseek.com/v1}, {@code http://127.0.0.1:9000} stays as it is.
     */
    public static String root(URI base) {
        String path = base.getRawPath() == null ? "" : base.getRawPath().replaceAll("/+$", "");
        return base.getScheme() + "://" + base.getRawAuthority() + path;
    }
}
