package dev.junction.mock.gemini;

import java.nio.charset.StandardCharsets;

/**
 * The HTML page a proxy or Google's front end sends instead of JSON when something in front of
 * the API fails ({@code mock:status=N}): gateways must survive an error body they cannot parse.
 */
final class HtmlErrorPage {
    static final String CONTENT_TYPE = "text/html; charset=UTF-8";

    private HtmlErrorPage() {}

    static byte[] forStatus(int status) {
        String title = status >= 500 ? "Server Error" : "Client Error";
        return ("<!DOCTYPE html>\n<html lang=en>\n  <meta charset=utf-8>\n"
                + "  <title>Error " + status + " (" + title + ")!!1</title>\n"
                + "  <p><b>" + status + ".</b> <ins>That's an error.</ins>\n"
                + "  <p>The server encountered an error and could not complete your request.  "
                + "<ins>That's all we know.</ins>\n").getBytes(StandardCharsets.UTF_8);
    }
}
