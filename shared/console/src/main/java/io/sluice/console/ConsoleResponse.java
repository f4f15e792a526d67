package io.sluice.console;

import java.nio.charset.StandardCharsets;

/** What a page answers: a status, a content type and the body, or a redirect. */
record ConsoleResponse(int status, String contentType, byte[] body, String location) {
    static ConsoleResponse html(int status, String html) {
        return new ConsoleResponse(status, "text/html; charset=utf-8", html.getBytes(StandardCharsets.UTF_8), null);
    }

    static ConsoleResponse html(String html) {
        return html(200, html);
    }

    /** After a form that only navigates (a search box): 303 See Other, so a reload does not re-post. */
    static ConsoleResponse seeOther(String location) {
        return new ConsoleResponse(303, "text/plain; charset=utf-8", new byte[0], location);
    }
}
