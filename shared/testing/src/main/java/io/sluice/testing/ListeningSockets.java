package io.sluice.testing;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The local addresses this machine's TCP sockets listen on for a port, read from Linux's {@code /proc/net/tcp} and
 * {@code /proc/net/tcp6}. Tests use it to prove an emulator binds loopback only without sending a packet to any
 * non-loopback address (this machine's own interfaces included).
 */
public final class ListeningSockets {
    private static final String LISTEN = "0A";

    private ListeningSockets() {}

    /** Whether this machine exposes {@code /proc/net/tcp}; callers skip loudly when it does not. */
    public static boolean readable() {
        return Files.isReadable(Path.of("/proc/net/tcp"));
    }

    /**
     * The addresses listening on {@code port}, as text: {@code 127.0.0.1}, {@code 0.0.0.0}, {@code ::1}, {@code ::}
     * or another address in the kernel's hexadecimal form.
     */
    public static List<String> addressesListeningOn(int port) {
        List<String> addresses = new ArrayList<>();
        read(Path.of("/proc/net/tcp"), port, addresses);
        read(Path.of("/proc/net/tcp6"), port, addresses);
        return addresses;
    }

    private static void read(Path table, int port, List<String> into) {
        if (!Files.isReadable(table)) {
            return;
        }
        String wantedPort = String.format(Locale.ROOT, "%04X", port);
        try {
            List<String> lines = Files.readAllLines(table);
            for (String line : lines.subList(1, lines.size())) {
                String[] fields = line.trim().split("\\s+");
                String[] local = fields[1].split(":");
                if (local[1].equals(wantedPort) && fields[3].equals(LISTEN)) {
                    into.add(describe(local[0]));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String describe(String hex) {
        return switch (hex) {
            case "0100007F" -> "127.0.0.1";
            case "00000000" -> "0.0.0.0";
            case "00000000000000000000000001000000" -> "::1";
            case "00000000000000000000000000000000" -> "::";
            case "0000000000000000FFFF00000100007F" -> "::ffff:127.0.0.1";
            default -> hex;
        };
    }

    /** Whether every address is a loopback one. */
    public static boolean allLoopback(List<String> addresses) {
        return addresses.stream()
                .allMatch(a -> a.equals("127.0.0.1") || a.equals("::1") || a.equals("::ffff:127.0.0.1"));
    }
}
