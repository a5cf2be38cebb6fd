package io.pagoda.qemu;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Timer;
import java.util.TimerTask;

/**
 * QEMU's QMP on a Unix socket (local only), used to run human-monitor commands: their answer comes
 * back as one JSON string, so {@code info tlb} arrives whole and exactly as QEMU printed it, with
 * no terminal echo. A timer closes the socket at the deadline, so no read can block longer than the
 * run is allowed.
 */
final class QmpMonitor implements AutoCloseable {
    private final SocketChannel channel;
    private final BufferedReader in;
    private final Timer watchdog = new Timer("qmp-watchdog", true);

    private QmpMonitor(SocketChannel channel, Duration limit) throws IOException {
        this.channel = channel;
        this.in =
                new BufferedReader(
                        new InputStreamReader(
                                Channels.newInputStream(channel), StandardCharsets.UTF_8));
        watchdog.schedule(
                new TimerTask() {
                    @Override
                    public void run() {
                        closeQuietly();
                    }
                },
                limit.toMillis());
    }

    /**
     * Connects once QEMU has created the socket (it does so while starting), then leaves the
     * greeting's negotiation mode.
     */
    static QmpMonitor connect(Path socket, BoundedProcess qemu, Duration limit) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        while (true) {
            if (Files.exists(socket)) {
                try {
                    SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
                    channel.connect(UnixDomainSocketAddress.of(socket));
                    QmpMonitor monitor = new QmpMonitor(channel, limit);
                    monitor.reply(); // the greeting
                    monitor.execute("{\"execute\":\"qmp_capabilities\"}");
                    return monitor;
                } catch (IOException e) {
                    if (System.nanoTime() > deadline) {
                        throw new UncheckedIOException(
                                "cannot connect to QEMU's QMP socket " + socket, e);
                    }
                }
            }
            if (!qemu.isAlive() || System.nanoTime() > deadline) {
                throw new AssertionError(
                        "QEMU made no QMP socket at "
                                + socket
                                + " (alive: "
                                + qemu.isAlive()
                                + ")\nstderr: "
                                + qemu.stderr());
            }
            sleep(100);
        }
    }

    /** A human-monitor command's output, line ends as QEMU wrote them ({@code \r\n}). */
    String hmp(String commandLine) {
        String reply =
                execute(
                        "{\"execute\":\"human-monitor-command\",\"arguments\":{\"command-line\":"
                                + quote(commandLine)
                                + "}}");
        String prefix = "{\"return\": \"";
        if (!reply.startsWith(prefix) || !reply.endsWith("\"}")) {
            throw new AssertionError("QMP answered '" + commandLine + "' with " + reply);
        }
        return unquote(reply.substring(prefix.length(), reply.length() - 2));
    }

    /**
     * Sends one QMP command and returns its {@code return} or {@code error} line (events in between
     * are skipped).
     */
    String execute(String json) {
        try {
            channel.write(ByteBuffer.wrap((json + "\n").getBytes(StandardCharsets.UTF_8)));
            while (true) {
                String line = reply();
                if (line.startsWith("{\"return\"")) {
                    return line;
                }
                if (line.startsWith("{\"error\"")) {
                    throw new AssertionError("QMP refused " + json + ": " + line);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "QMP connection lost (time limit reached?) during " + json, e);
        }
    }

    private String reply() throws IOException {
        String line = in.readLine();
        if (line == null) {
            throw new IOException("QEMU closed the QMP connection");
        }
        return line.strip();
    }

    static String quote(String text) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : text.toCharArray()) {
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
        return out.append('"').toString();
    }

    /** JSON string escapes as QEMU writes them (\", \\, \/, \b, \f, \n, \r, \t, \\uXXXX). */
    static String unquote(String body) {
        StringBuilder out = new StringBuilder(body.length());
        for (int i = 0; i < body.length(); i++) {
            char c = body.charAt(i);
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = body.charAt(++i);
            switch (e) {
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 't' -> out.append('\t');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(body.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted while waiting for QEMU", e);
        }
    }

    private void closeQuietly() {
        try {
            channel.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() {
        watchdog.cancel();
        closeQuietly();
    }
}
