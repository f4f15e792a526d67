package io.sluice.local.demo;

import java.io.PrintWriter;

/**
 * A one-line progress bar. On a terminal it redraws in place; otherwise (CI logs, pipes) it prints a
 * plain line only when the percentage moves by ten, so logs stay short.
 */
public final class ProgressBar {
    private static final int WIDTH = 30;
    private final PrintWriter out;
    private final boolean terminal;
    private int lastDecile = -1;

    public ProgressBar(PrintWriter out, boolean terminal) {
        this.out = out;
        this.terminal = terminal;
    }

    public void show(int done, int total, String detail) {
        int filled = total == 0 ? WIDTH : (int) ((long) done * WIDTH / total);
        int percent = total == 0 ? 100 : (int) ((long) done * 100 / total);
        String line = "[" + "#".repeat(filled) + ".".repeat(WIDTH - filled) + "] "
                + String.format("%3d%% %d/%d  %s", percent, done, total, detail);
        if (terminal) {
            out.print("\r" + line + "   ");
        } else if (percent / 10 != lastDecile) {
            lastDecile = percent / 10;
            out.println(line);
        }
        out.flush();
    }

    /** A line of its own between the bar's updates, for an event worth seeing (an outage starting). */
    public void note(String text) {
        out.println((terminal ? "\r" : "") + text);
        out.flush();
    }

    public void finish() {
        if (terminal) {
            out.println();
            out.flush();
        }
    }
}
