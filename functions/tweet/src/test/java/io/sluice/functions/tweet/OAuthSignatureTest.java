package io.sluice.functions.tweet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * OAuth 1.0a HMAC-SHA1 signing checked against independently published worked examples, byte for byte.
 */
class OAuthSignatureTest {

    /**
     * X's guide "Creating a signature" (docs.x.com/fundamentals/authentication/oauth-1-0a/creating-a-signature):
     * its parameters, nonce {@code kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg}, timestamp {@code 1318622958}, consumer
     * secret and token secret give the documented {@code tnnArxj06cWHq44gCs1OSKk/jLY=}. That value was computed for the
     * guide's original URL, {@code https://api.twitter.com/1/statuses/update.json}; the page has since renamed the host
     * and path in its text (to api.x.com and 1.1) without recomputing the signature, so the original URL is the one
     * that reproduces it. (The nonce {@code kllo9940pd9333jh} is the OAuth Core 1.0 example's, tested below.)
     */
    @Test
    void reproducesTheSignatureOfXsCreatingASignatureGuide() {
        URI uri = URI.create("https://api.twitter.com/1/statuses/update.json?include_entities=true");
        List<Map.Entry<String, String>> parameters = new ArrayList<>(OAuthSignature.queryParameters(uri));
        parameters.addAll(List.of(
                Map.entry("status", "Hello Ladies + Gentlemen, a signed OAuth request!"),
                Map.entry("oauth_consumer_key", "xvz1evFS4wEEPTGEFPHBog"),
                Map.entry("oauth_nonce", "kYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg"),
                Map.entry("oauth_signature_method", "HMAC-SHA1"),
                Map.entry("oauth_timestamp", "1318622958"),
                Map.entry("oauth_token", "370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb"),
                Map.entry("oauth_version", "1.0")));

        String base = OAuthSignature.baseString("POST", uri, parameters);

        // The guide's "parameter string" and "signature base string", verbatim.
        assertEquals(
                "POST&https%3A%2F%2Fapi.twitter.com%2F1%2Fstatuses%2Fupdate.json&include_entities%3Dtrue%26"
                        + "oauth_consumer_key%3Dxvz1evFS4wEEPTGEFPHBog%26oauth_nonce%3DkYjzVBB8Y0ZFabxSWbWovY3uYSQ2pTgmZeNu2VS4cg%26"
                        + "oauth_signature_method%3DHMAC-SHA1%26oauth_timestamp%3D1318622958%26"
                        + "oauth_token%3D370773112-GmHxMAgYyLbNEtIKZeRNFsMKPR9EyMZeS9weJAEb%26oauth_version%3D1.0%26"
                        + "status%3DHello%2520Ladies%2520%252B%2520Gentlemen%252C%2520a%2520signed%2520OAuth%2520request%2521",
                base);
        assertEquals(
                "tnnArxj06cWHq44gCs1OSKk/jLY=",
                OAuthSignature.sign(
                        base,
                        "kAcSOqF21Fu85e7zjz7ZN2U4ZRhfV3WpwPAoE3Z7kBw",
                        "LswwdoUaIvS8ltyTt5jkRh4J50vUPVVHtR2YPi5kE"));
    }

    /** RFC 5849 section 1.2: the photos request, {@code oauth_signature="MdpQcU8iPSUjWoN%2FUDMsK2sui9I%3D"}, through the header builder. */
    @Test
    void reproducesRfc5849SectionOnePointTwoThroughTheAuthorizationHeader() {
        URI uri = URI.create("http://photos.example.net/photos?file=vacation.jpg&size=original");
        OAuthCredentials credentials =
                new OAuthCredentials("dpf43f3p2l4k3l03", "kd94hf93k423kf44", "nnch734d00sl2jdk", "pfkkdhi9sl3r4s00");
        List<Map.Entry<String, String>> parameters = new ArrayList<>(OAuthSignature.queryParameters(uri));
        parameters.addAll(List.of(
                Map.entry("oauth_consumer_key", "dpf43f3p2l4k3l03"),
                Map.entry("oauth_token", "nnch734d00sl2jdk"),
                Map.entry("oauth_signature_method", "HMAC-SHA1"),
                Map.entry("oauth_timestamp", "137131202"),
                Map.entry("oauth_nonce", "chapoH")));
        // The RFC's example omits oauth_version (it is optional), so sign its exact parameter set here.
        assertEquals(
                "MdpQcU8iPSUjWoN/UDMsK2sui9I=",
                OAuthSignature.sign(
                        OAuthSignature.baseString("GET", uri, parameters), "kd94hf93k423kf44", "pfkkdhi9sl3r4s00"));

        // The header this class sends always carries oauth_version="1.0"; with it, OAuth Core 1.0 Appendix A.5's
        // vector (nonce kllo9940pd9333jh, timestamp 1191242096) applies to the same request.
        String header = OAuthSignature.authorization("GET", uri, credentials, "kllo9940pd9333jh", 1191242096L);
        assertEquals(
                "OAuth oauth_consumer_key=\"dpf43f3p2l4k3l03\", oauth_nonce=\"kllo9940pd9333jh\", "
                        + "oauth_signature=\"tR3%2BTy81lMeYAr%2FFid0kMTYa%2FWM%3D\", oauth_signature_method=\"HMAC-SHA1\", "
                        + "oauth_timestamp=\"1191242096\", oauth_token=\"nnch734d00sl2jdk\", oauth_version=\"1.0\"",
                header);
    }

    /** RFC 5849 section 3.4.1.3.2: repeated names, empty values, reserved characters and '+' for a space in the query. */
    @Test
    void normalisesParametersAsRfc5849SectionThreeFourOneThreeTwo() {
        URI uri = URI.create("http://example.com/request?b5=%3D%253D&a3=a&c%40=&a2=r%20b");
        List<Map.Entry<String, String>> parameters = new ArrayList<>(OAuthSignature.queryParameters(uri));
        parameters.addAll(List.of(
                Map.entry("c2", ""),
                Map.entry("a3", "2 q"),
                Map.entry("oauth_consumer_key", "9djdj82h48djs9d2"),
                Map.entry("oauth_token", "kkk9d7dh3k39sjv7"),
                Map.entry("oauth_signature_method", "HMAC-SHA1"),
                Map.entry("oauth_timestamp", "137131201"),
                Map.entry("oauth_nonce", "7d8f3e4a")));
        assertEquals(
                "a2=r%20b&a3=2%20q&a3=a&b5=%3D%253D&c%40=&c2=&oauth_consumer_key=9djdj82h48djs9d2&oauth_nonce=7d8f3e4a"
                        + "&oauth_signature_method=HMAC-SHA1&oauth_timestamp=137131201&oauth_token=kkk9d7dh3k39sjv7",
                OAuthSignature.normalisedParameters(parameters));
        assertEquals("http://example.com/request", OAuthSignature.baseUrl(uri));
    }

    @Test
    void theBaseUrlKeepsOnlyANonDefaultPortAndLowerCasesSchemeAndHost() {
        assertEquals(
                "https://api.x.com/2/tweets", OAuthSignature.baseUrl(URI.create("HTTPS://API.X.COM:443/2/tweets")));
        assertEquals(
                "http://127.0.0.1:8080/2/tweets", OAuthSignature.baseUrl(URI.create("http://127.0.0.1:8080/2/tweets")));
        assertEquals("http://example.com/", OAuthSignature.baseUrl(URI.create("http://example.com:80")));
    }

    @Test
    void percentEncodingKeepsOnlyUnreservedCharactersAndEncodesUtf8Bytes() {
        assertEquals("AZaz09-._~", OAuthSignature.percentEncode("AZaz09-._~"));
        assertEquals("%20%21%2A%27%28%29%2B%2C%2F%3A%3D%3F%40%25", OAuthSignature.percentEncode(" !*'()+,/:=?@%"));
        assertEquals("%C3%A9%E2%98%83%F0%9F%91%8D", OAuthSignature.percentEncode("é☃👍"));
    }

    @Test
    void aFreshNonceIsThirtyTwoHexCharactersAndDiffersEachTime() {
        OAuthNonce nonces = new OAuthNonce();
        String a = nonces.get();
        String b = nonces.get();
        assertTrue(a.matches("[0-9a-f]{32}"), a);
        assertTrue(!a.equals(b));
    }
}
