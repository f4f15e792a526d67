package io.sluice.functions.email;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The e-mail address syntax the {@code email} job accepts: a plain {@code local@domain} (RFC 5321
 * "Mailbox" without quoted local parts or address literals), in ASCII, because that is what SES sends
 * to: SES needs an internationalised domain in Punycode ({@code xn--...}) and does not accept non-ASCII
 * local parts. It is a syntax check only; whether the mailbox exists is SES's business (a bounce).
 *
 * <p>{@link #problem(String)} says what is wrong without repeating the address, because its text reaches
 * DLQ attributes, history and logs, and addresses are personal data.
 */
public final class EmailAddress {
    /** RFC 5321: a path is at most 256 octets including the angle brackets. */
    public static final int MAX_LENGTH = 254;
    /** RFC 5321: a local part is at most 64 octets. */
    public static final int MAX_LOCAL_LENGTH = 64;

    // RFC 5322 dot-atom: atext characters, dots only between them.
    private static final Pattern LOCAL =
            Pattern.compile("[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*");
    // Host names: letters, digits and hyphens, labels of 1-63 not starting or ending with a hyphen, at least two
    // labels.
    private static final Pattern DOMAIN = Pattern.compile(
            "([A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?");
    private static final int MAX_DOMAIN_LENGTH = 253;

    private EmailAddress() {}

    /** Whether {@code address} is an address SES can send to. */
    public static boolean isValid(String address) {
        return problem(address).isEmpty();
    }

    /**
     * What is wrong with {@code address}, as the end of a sentence ({@code "is not an e-mail address"}), or
     * empty when it is fine. The address itself is never part of the text.
     */
    public static Optional<String> problem(String address) {
        if (address == null || address.isBlank()) {
            return Optional.of("is required");
        }
        if (!address.chars().allMatch(c -> c > 0x20 && c < 0x7F)) {
            return Optional.of("must be ASCII without spaces: write an international domain in Punycode (xn--...); "
                    + "SES does not send to non-ASCII local parts");
        }
        if (address.length() > MAX_LENGTH) {
            return Optional.of("must be at most " + MAX_LENGTH + " characters, was " + address.length());
        }
        int at = address.lastIndexOf('@');
        if (at <= 0 || at == address.length() - 1) {
            return Optional.of("is not an e-mail address of the form name@example.com");
        }
        String local = address.substring(0, at);
        String domain = address.substring(at + 1);
        if (local.length() > MAX_LOCAL_LENGTH) {
            return Optional.of("has a local part (before the @) longer than " + MAX_LOCAL_LENGTH + " characters");
        }
        if (!LOCAL.matcher(local).matches()) {
            return Optional.of(
                    "has an invalid local part (before the @): quoted forms, spaces, '@' and leading, trailing or double dots are not accepted");
        }
        if (domain.length() > MAX_DOMAIN_LENGTH || !DOMAIN.matcher(domain).matches()) {
            return Optional.of("has an invalid domain (after the @): it must be a host name such as example.com");
        }
        return Optional.empty();
    }
}
