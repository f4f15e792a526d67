package io.sluice.functions.webhook;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.sluice.envelope.SluiceJson;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every validation message of a webhook payload, through {@link WebhookPayloadValidator} as the runtime and the client call it. */
class WebhookPayloadValidatorTest {

    private static List<String> problems(String url, String method, Map<String, String> headers, JsonNode body) {
        return new WebhookPayloadValidator().problems(new WebhookPayload(url, method, headers, body));
    }

    private static List<String> problemsOfUrl(String url) {
        return problems(url, "POST", Map.of(), null);
    }

    private static List<String> problemsOfHeader(String name, String value) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(name, value);
        return problems("https://example.com/hook", "POST", headers, null);
    }

    private static WebhookPayload read(String json) throws Exception {
        return SluiceJson.mapper().readValue(json, WebhookPayload.class);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://0xa9fea9fe/latest/meta-data/",
                "http://2852039166/",
                "http://0251.0376.0251.0376/",
                "http://169.254.43518/",
                "http://127.1/",
                "http://010.0.0.1/",
                "http://10.0.0.1./",
                "http://0x7f.0.0.1/"
            })
    void refusesAnIpAddressWrittenInANonCanonicalFormAtOnce(String url) {
        // Refused as invalid (dead-lettered at once), never retried as a name that does not resolve; named as the
        // shorthand it is even where java.net.URI itself gives up on the host (127.1, 0x7f.1).
        String host = java.net.URI.create(url).getRawAuthority();
        assertEquals(
                List.of("url: host '" + host
                        + "' is an IPv4 address in a shorthand form (hex, octal, a single number or"
                        + " fewer than four parts), which resolvers read differently; write it as four decimal parts,"
                        + " a.b.c.d"),
                problemsOfUrl(url));
    }

    @Test
    void namesTheNonCanonicalFormsThatParseAsAHost() {
        assertEquals(
                List.of("url: host '0xa9fea9fe' is an IPv4 address in a shorthand form (hex, octal, a single number or"
                        + " fewer than four parts), which resolvers read differently; write it as four decimal parts,"
                        + " a.b.c.d"),
                problemsOfUrl("http://0xa9fea9fe/latest/meta-data/"));
        assertEquals(1, problemsOfUrl("http://2852039166/").size());
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "http://10.0.0.1/",
                "http://0.0.0.0/",
                "https://255.255.255.255/",
                "https://123.example.com/",
                "https://0x10.com/",
                "https://example.com./hook",
                "https://[::1]/"
            })
    void acceptsDottedQuadsAndNamesThatMerelyContainNumbers(String url) {
        assertEquals(List.of(), problemsOfUrl(url));
    }

    @Test
    void acceptsACompletePayload() throws Exception {
        WebhookPayload payload = read(
                "{\"url\":\"https://example.com/hooks/order?x=1\",\"method\":\"PATCH\","
                        + "\"headers\":{\"X-Tenant\":\"acme\",\"Authorization\":\"Bearer t\"},\"body\":[1,\"two\",{\"three\":3}]}");

        assertEquals(List.of(), new WebhookPayloadValidator().problems(payload));
    }

    @Test
    void defaultsToPostWithNoHeadersAndNoBody() throws Exception {
        WebhookPayload payload = read("{\"url\":\"http://example.com\"}");

        assertEquals("POST", payload.method());
        assertEquals(Map.of(), payload.headers());
        assertNull(payload.body());
        assertEquals(List.of(), new WebhookPayloadValidator().problems(payload));
    }

    @Test
    void treatsAJsonNullBodyAsNoBody() throws Exception {
        assertNull(read("{\"url\":\"http://example.com\",\"body\":null}").body());
    }

    @Test
    void refusesUnknownFieldsSoTyposAreNotSilentlyIgnored() {
        assertThrows(
                UnrecognizedPropertyException.class, () -> read("{\"url\":\"http://example.com\",\"methd\":\"PUT\"}"));
    }

    @Test
    void requiresAUrl() {
        assertEquals(List.of("url: is required"), problemsOfUrl(null));
        assertEquals(List.of("url: is required"), problemsOfUrl("  "));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "example.com/hook",
                "/hook",
                "ftp://example.com/file",
                "file:///etc/passwd",
                "mailto:ops@example.com",
                "https://",
                "https://exa mple.com/",
                "http:///path",
                "javascript:alert(1)"
            })
    void requiresAnAbsoluteHttpOrHttpsUrl(String url) {
        assertEquals(List.of("url: must be an absolute http or https URL"), problemsOfUrl(url));
    }

    @Test
    void namesAHostTheClientCannotCallAndSaysWhatAHostLooksLike() {
        assertEquals(
                List.of("url: host 'bad_host.example.com' is not a host name or an IP address this client can call (a"
                        + " name's labels are letters, digits and '-', its last label starts with a letter; an IPv4"
                        + " address is four decimal parts, a.b.c.d)"),
                problemsOfUrl("https://bad_host.example.com/"));
    }

    @Test
    void acceptsUrlsUpTo2048Characters() {
        String base = "https://example.com/";

        assertEquals(List.of(), problemsOfUrl(base + "a".repeat(2048 - base.length())));
        assertEquals(
                List.of("url: must be at most 2048 characters, was 2049"),
                problemsOfUrl(base + "a".repeat(2049 - base.length())));
    }

    @Test
    void refusesCredentialsInTheUrl() {
        assertEquals(
                List.of("url: may not contain user info; send credentials in headers"),
                problemsOfUrl("https://user:pa55@example.com/hook"));
    }

    @Test
    void acceptsIpLiteralsAndPortsInTheUrl() {
        assertEquals(List.of(), problemsOfUrl("http://[2001:db8::1]:8080/hook"));
        assertEquals(List.of(), problemsOfUrl("HTTPS://93.184.216.34:8443/hook"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"post", "HEAD", "OPTIONS", "TRACE", "CONNECT", ""})
    void allowsOnlyTheFiveMethods(String method) {
        assertEquals(
                List.of("method: must be one of POST, PUT, PATCH, DELETE, GET"),
                problems("https://example.com", method, Map.of(), null));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "Host",
                "host",
                "Content-Length",
                "Connection",
                "Transfer-Encoding",
                "Expect",
                "Upgrade",
                "Keep-Alive",
                "Proxy-Connection",
                "TE",
                "Trailer",
                "Sluice-Signature",
                "Sluice-Timestamp",
                "Sluice-Job-Id",
                "Sluice-Attempt",
                "sluice-anything"
            })
    void refusesRestrictedHopByHopAndSluiceHeaders(String name) {
        assertEquals(List.of("headers." + name + ": may not be set"), problemsOfHeader(name, "x"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"X Tenant", "X-Tenant:", "(x)", "", ":authority", "X-Tenant/1"})
    void requiresHeaderNamesToBeTokens(String name) {
        assertEquals(List.of("headers." + name + ": is not a valid header name"), problemsOfHeader(name, "x"));
    }

    @Test
    void keepsControlCharactersOfABadHeaderNameOutOfTheMessage() {
        assertEquals(List.of("headers.X-A?X-B: is not a valid header name"), problemsOfHeader("X-A\nX-B", "x"));
        assertEquals(List.of("headers.X-?: is not a valid header name"), problemsOfHeader("X-\u00e9", "x"));
        assertEquals(
                List.of("headers." + "X".repeat(64) + "…: is not a valid header name"),
                problemsOfHeader("X".repeat(65) + " ", "x"));
    }

    @Test
    void refusesHeaderValuesThatCouldSplitTheRequestWithoutRepeatingThem() {
        List<String> problems = problemsOfHeader("X-Note", "ok\r\nX-Injected: yes");

        assertEquals(
                List.of("headers.X-Note: value may not contain control characters or characters beyond Latin-1"),
                problems);
        assertFalse(problems.get(0).contains("Injected"));
        assertEquals(
                List.of("headers.X-Note: value may not contain control characters or characters beyond Latin-1"),
                problemsOfHeader("X-Note", "snow \u2603"));
        assertEquals(List.of(), problemsOfHeader("X-Note", "tab\tand caf\u00e9"));
    }

    @Test
    void requiresHeaderValuesToBeStrings() throws Exception {
        assertEquals(
                List.of("headers.X-Tenant: must be a string"),
                new WebhookPayloadValidator()
                        .problems(read("{\"url\":\"https://example.com\",\"headers\":{\"X-Tenant\":null}}")));
    }

    @Test
    void refusesABodyOnGet() throws Exception {
        assertEquals(
                List.of("body: may not be sent with GET"),
                problems(
                        "https://example.com",
                        "GET",
                        Map.of(),
                        SluiceJson.mapper().readTree("{\"a\":1}")));
    }

    @Test
    void reportsEveryProblemAtOnce() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Host", "evil.internal");
        headers.put("Bad Name", "x");

        assertEquals(
                List.of(
                        "url: is required",
                        "method: must be one of POST, PUT, PATCH, DELETE, GET",
                        "headers.Host: may not be set",
                        "headers.Bad Name: is not a valid header name"),
                problems(null, "HEAD", headers, null));
    }

    @Test
    void printsPayloadsWithoutHeaderValuesBodyOrQuery() throws Exception {
        WebhookPayload payload = read(
                "{\"url\":\"https://example.com/hook?token=s3cr3t\",\"headers\":{\"Authorization\":\"Bearer abc\"},"
                        + "\"body\":{\"card\":\"4111\"}}");

        assertEquals(
                "WebhookPayload[method=POST, url=https://example.com/…, headers=[Authorization], body=present]",
                payload.toString());
    }
}
