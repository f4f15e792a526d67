package io.sluice.functions.webhook;

import io.sluice.job.RetryableJobFailure;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NoRouteToHostException;
import java.net.ProtocolException;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.channels.ClosedByInterruptException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import javax.net.ssl.SNIHostName;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.SSLSocketFactory;

/**
 * Sends one HTTP/1.1 request to an address {@link AddressGuard} has already checked, and reads the status line and
 * headers of the answer. It exists because the JDK's {@link java.net.http.HttpClient} resolves the host name again
 * to connect, so a DNS server answering a public address to the guard and a private one to the client (DNS
 * rebinding) would slip past the guard; there is no hook in Java 17 to hand it a pre-resolved address. Here the
 * name is used only for the {@code Host} header, TLS server name indication and the certificate check (the
 * certificate must match the URL's host name, exactly as with any HTTPS client), never for a lookup.
 *
 * <p>Deliberately small: one request per connection ({@code Connection: close}, no pooling, so each HTTPS job pays
 * one handshake), no redirects (the guard would be skipped), no proxy, the response body never read. The TLS
 * context is built on the first {@code https} request, not at initialisation, so functions that only call
 * {@code http} receivers, and every cold start, skip the JDK's security provider setup. Failures become
 * {@link RetryableJobFailure}s whose messages name the host and the phase, never the server's text.
 */
final class PinnedHttpClient {
    private static final Pattern IPV4_LITERAL = Pattern.compile("\\d{1,3}(\\.\\d{1,3}){3}");
    /** A receiver's status line and headers beyond this are refused: no honest webhook answers with more. */
    static final int MAX_HEADER_BYTES = 64 * 1024;

    private final SocketConnector connector;
    private final Supplier<SSLSocketFactory> tls;
    private volatile SSLSocketFactory tlsFactory;

    /**
     * @param tls the TLS socket factory, asked for once, on the first {@code https} request (production:
     *     {@code SSLContext.getDefault()}'s, which trusts the JDK's CA certificates)
     */
    PinnedHttpClient(SocketConnector connector, Supplier<SSLSocketFactory> tls) {
        this.connector = connector;
        this.tls = tls;
    }

    /**
     * Sends {@code request} to the first of {@code addresses} that accepts a connection.
     *
     * @param connectTimeout for each connection attempt
     * @param readTimeout from the request written to the last response header read (TLS handshake included)
     * @param wait the whole exchange's budget: no step outlasts it, whatever the two timeouts say
     * @throws RetryableJobFailure when no answer arrived: refused, timed out, broken or malformed
     * @throws InterruptedException when the thread was interrupted (the runtime's watchdog at the deadline)
     */
    WebhookResponse send(
            WebhookRequest request,
            List<InetAddress> addresses,
            Duration connectTimeout,
            Duration readTimeout,
            Duration wait)
            throws RetryableJobFailure, InterruptedException {
        URI uri = request.uri();
        String host = uri.getHost();
        boolean https = "https".equals(uri.getScheme().toLowerCase(Locale.ROOT));
        int port = uri.getPort() != -1 ? uri.getPort() : https ? 443 : 80;
        long deadline = System.nanoTime() + wait.toNanos();

        Socket socket = connect(addresses, port, host, connectTimeout, deadline);
        try (socket) {
            long headersDue = Math.min(deadline, System.nanoTime() + readTimeout.toNanos());
            Socket channel = https ? handshake(socket, host, port, headersDue) : socket;
            OutputStream out = channel.getOutputStream();
            out.write(head(request, host));
            if (request.body() != null) {
                out.write(request.body());
            }
            out.flush();
            return read(channel, headersDue);
        } catch (SocketTimeoutException e) {
            throw new RetryableJobFailure("no response from " + host + " within " + readTimeout);
        } catch (ClosedByInterruptException e) {
            throw interrupted();
        } catch (IOException e) {
            if (Thread.currentThread().isInterrupted()) {
                throw interrupted();
            }
            // The exception's message could quote the server; its class says enough (SSLHandshakeException, ...).
            throw new RetryableJobFailure(
                    "request to " + host + " failed (" + e.getClass().getSimpleName() + ")");
        }
    }

    private Socket connect(List<InetAddress> addresses, int port, String host, Duration timeout, long deadline)
            throws RetryableJobFailure, InterruptedException {
        RetryableJobFailure last = new RetryableJobFailure("could not connect to " + host);
        for (InetAddress address : addresses) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                break;
            }
            Duration attempt = Duration.ofNanos(Math.min(timeout.toNanos(), left));
            try {
                return connector.connect(new InetSocketAddress(address, port), attempt);
            } catch (SocketTimeoutException e) {
                last = new RetryableJobFailure("connecting to " + host + " timed out after " + timeout);
            } catch (ClosedByInterruptException e) {
                throw interrupted();
            } catch (ConnectException | NoRouteToHostException e) {
                last = new RetryableJobFailure("could not connect to " + host);
            } catch (IOException e) {
                if (Thread.currentThread().isInterrupted()) {
                    throw interrupted();
                }
                last = new RetryableJobFailure(
                        "could not connect to " + host + " (" + e.getClass().getSimpleName() + ")");
            }
        }
        throw last;
    }

    private Socket handshake(Socket socket, String host, int port, long due) throws IOException {
        String name = host.startsWith("[") ? host.substring(1, host.length() - 1) : stripTrailingDot(host);
        SSLSocket ssl = (SSLSocket) tlsFactory().createSocket(socket, name, port, true);
        SSLParameters parameters = ssl.getSSLParameters();
        // The JDK checks the certificate against the host name given to createSocket, as HttpsURLConnection does.
        parameters.setEndpointIdentificationAlgorithm("HTTPS");
        if (!host.startsWith("[") && !IPV4_LITERAL.matcher(name).matches()) {
            parameters.setServerNames(List.of(new SNIHostName(name)));
        }
        ssl.setSSLParameters(parameters);
        ssl.setSoTimeout(millisUntil(due));
        ssl.startHandshake();
        return ssl;
    }

    private SSLSocketFactory tlsFactory() {
        SSLSocketFactory factory = tlsFactory;
        if (factory == null) {
            factory = tls.get();
            tlsFactory = factory;
        }
        return factory;
    }

    /** The request line and header section, in ISO-8859-1; validation has refused CR, LF and beyond Latin-1. */
    private static byte[] head(WebhookRequest request, String host) {
        URI uri = request.uri();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        String target = uri.getRawQuery() == null ? path : path + "?" + uri.getRawQuery();
        StringBuilder head = new StringBuilder(256)
                .append(request.method())
                .append(' ')
                .append(target)
                .append(" HTTP/1.1\r\n");
        head.append("Host: ").append(host);
        if (uri.getPort() != -1) {
            head.append(':').append(uri.getPort());
        }
        head.append("\r\n");
        for (Map.Entry<String, String> header : request.headers()) {
            head.append(header.getKey()).append(": ").append(header.getValue()).append("\r\n");
        }
        if (request.body() != null) {
            head.append("Content-Length: ").append(request.body().length).append("\r\n");
        } else if (!"GET".equals(request.method()) && !"HEAD".equals(request.method())) {
            head.append("Content-Length: 0\r\n");
        }
        head.append("Connection: close\r\n\r\n");
        return head.toString().getBytes(StandardCharsets.ISO_8859_1);
    }

    private static WebhookResponse read(Socket socket, long due) throws IOException {
        HeadReader reader = new HeadReader(socket, due);
        while (true) {
            String statusLine = reader.line();
            if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12 || statusLine.charAt(8) != ' ') {
                throw new ProtocolException("not an HTTP/1.x status line");
            }
            int status;
            try {
                status = Integer.parseInt(statusLine.substring(9, 12));
            } catch (NumberFormatException e) {
                throw new ProtocolException("no status code");
            }
            Map<String, String> headers = new HashMap<>();
            for (String line = reader.line(); !line.isEmpty(); line = reader.line()) {
                int colon = line.indexOf(':');
                if (colon <= 0) {
                    throw new ProtocolException("malformed header line");
                }
                headers.putIfAbsent(
                        line.substring(0, colon).trim().toLowerCase(Locale.ROOT),
                        line.substring(colon + 1).trim());
            }
            // 1xx answers (103 Early Hints, a stray 100 Continue) precede the real one; 101 is never asked for.
            if (status >= 100 && status < 200 && status != 101) {
                continue;
            }
            return new WebhookResponse(status, headers);
        }
    }

    /** Reads header lines, refreshing the socket's timeout so the whole head arrives before {@code due}. */
    private static final class HeadReader {
        private final Socket socket;
        private final InputStream in;
        private final long due;
        private final byte[] buffer = new byte[4096];
        private int position;
        private int limit;
        private int total;

        HeadReader(Socket socket, long due) throws IOException {
            this.socket = socket;
            this.in = socket.getInputStream();
            this.due = due;
        }

        String line() throws IOException {
            StringBuilder line = new StringBuilder(64);
            while (true) {
                if (position == limit) {
                    socket.setSoTimeout(millisUntil(due));
                    limit = in.read(buffer);
                    position = 0;
                    if (limit < 0) {
                        throw new ProtocolException("connection closed before the response headers ended");
                    }
                }
                char c = (char) (buffer[position++] & 0xFF);
                if (++total > MAX_HEADER_BYTES) {
                    throw new ProtocolException("response headers over " + MAX_HEADER_BYTES + " bytes");
                }
                if (c == '\n') {
                    int end = line.length();
                    return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
                }
                line.append(c);
            }
        }
    }

    private static int millisUntil(long due) throws SocketTimeoutException {
        long left = (due - System.nanoTime()) / 1_000_000;
        if (left <= 0) {
            throw new SocketTimeoutException();
        }
        return (int) Math.min(Integer.MAX_VALUE, left);
    }

    private static String stripTrailingDot(String host) {
        return host.endsWith(".") ? host.substring(0, host.length() - 1) : host;
    }

    private static InterruptedException interrupted() {
        Thread.currentThread().interrupt();
        return new InterruptedException("interrupted while calling the webhook receiver");
    }
}
