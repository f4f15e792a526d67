package io.sluice.functions.webhook;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * Turns a URL's host into the addresses a connection could reach, so {@link AddressGuard} can vet them
 * before a request is sent. The seam exists so tests can answer with fixed addresses (a private range,
 * an IPv4-mapped IPv6 form) without a DNS server; production uses {@link #system()}.
 */
@FunctionalInterface
public interface HostResolver {

    /**
     * All addresses of a host name or IP literal (IPv6 literals without brackets).
     *
     * @throws UnknownHostException when the name does not resolve
     */
    InetAddress[] resolve(String host) throws UnknownHostException;

    /** The JVM's resolver (and its cache): the only lookup a webhook request makes. */
    static HostResolver system() {
        return InetAddress::getAllByName;
    }
}
