package io.sluice.functions.email;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class EmailAddressTest {

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ada@example.com",
                "a.b+tag@sub.example.co.uk",
                "o'brien@example.ie",
                "x@xn--bcher-kva.example",
                "user_name-1@example-mail.com",
                "a@b.io"
            })
    void acceptsPlainAsciiAddresses(String address) {
        assertTrue(EmailAddress.isValid(address), address);
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                " ",
                "ada",
                "ada@",
                "@example.com",
                "ada@example",
                "ada@@example.com",
                "ada@exa mple.com",
                ".ada@example.com",
                "ada.@example.com",
                "a..b@example.com",
                "\"ada\"@example.com",
                "ada@-example.com",
                "ada@example-.com",
                "ada@[192.0.2.1]",
                "Ada <ada@example.com>",
                "ada@example.com\r\nBcc: x@example.com"
            })
    void refusesWhatIsNotAPlainAddress(String address) {
        assertFalse(EmailAddress.isValid(address), address);
    }

    @Test
    void refusesNonAsciiAndSaysToUsePunycode() {
        Optional<String> problem = EmailAddress.problem("ada@bücher.example");

        assertTrue(problem.orElseThrow().contains("Punycode"), problem.orElseThrow());
    }

    @Test
    void refusesALocalPartOver64Characters() {
        assertEquals(
                Optional.of("has a local part (before the @) longer than 64 characters"),
                EmailAddress.problem("a".repeat(65) + "@example.com"));
        assertTrue(EmailAddress.isValid("a".repeat(64) + "@example.com"));
    }

    @Test
    void refusesAnAddressOver254Characters() {
        String domain = ("d".repeat(60) + ".").repeat(4) + "com"; // 247 characters
        assertEquals(
                Optional.of("must be at most 254 characters, was 256"), EmailAddress.problem("abcdefgh@" + domain));
    }

    @Test
    void neverRepeatsTheAddressInItsProblem() {
        String address = "secret.person@@example.com";

        assertFalse(EmailAddress.problem(address).orElseThrow().contains("secret.person"));
    }
}
