package io.sluice.functions.http;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Whether a URL's host is this machine, the one place plain {@code http} is allowed for a provider's endpoint (a
 * local stand-in under sluice-local). Only {@code localhost} and literal addresses count: resolving a name here would
 * let DNS decide whether credentials travel in cleartext, and would cost a lookup at cold start.
 */
public final class LoopbackHost {
    private LoopbackHost() {}

    public static boolean is(String host) {
        if (host == null) {
            return false;
        }
        if (host.equalsIgnoreCase("localhost")) {
            return true;
        }
        String literal = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        if (!literal.matches("[0-9.]+|[0-9A-Fa-f:]+")) {
            return false;
        }
        try {
            return InetAddress.getByName(literal).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
