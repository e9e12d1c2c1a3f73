package dev.proctor.testcluster;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 in front of a real server that drops the first {@code dropFirst} connections (accepts and
 * closes them at once: the client sees its request fail mid-flight, as when a store goes down during an upload), then
 * forwards bytes both ways. It forwards raw bytes, so a signed request stays valid (the Host header names the proxy,
 * as the client signed it).
 */
public final class FlakyTcpProxy implements AutoCloseable {
    private final ServerSocket server;
    private final int targetPort;
    private final AtomicInteger toDrop;
    private final AtomicInteger dropped = new AtomicInteger();
    private final AtomicInteger forwarded = new AtomicInteger();

    public FlakyTcpProxy(int targetPort, int dropFirst) {
        this.targetPort = targetPort;
        this.toDrop = new AtomicInteger(dropFirst);
        try {
            server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
        Thread acceptor = new Thread(this::accept, "flaky-proxy-" + server.getLocalPort());
        acceptor.setDaemon(true);
        acceptor.start();
    }

    public int port() {
        return server.getLocalPort();
    }

    /** Connections dropped so far. */
    public int dropped() {
        return dropped.get();
    }

    /** Connections forwarded so far. */
    public int forwarded() {
        return forwarded.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                if (toDrop.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    dropped.incrementAndGet();
                    client.setSoLinger(true, 0); // a reset, not an orderly close
                    client.close();
                    continue;
                }
                forwarded.incrementAndGet();
                Socket target = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                pump(client, target);
                pump(target, client);
            } catch (IOException e) {
                if (server.isClosed()) return;
            }
        }
    }

    private static void pump(Socket from, Socket to) {
        Thread thread = new Thread(() -> {
            try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                in.transferTo(out);
            } catch (IOException ignored) {
                // either side closed
            } finally {
                try {
                    from.close();
                    to.close();
                } catch (IOException ignored) {
                    // already closed
                }
            }
        }, "flaky-proxy-pump");
        thread.setDaemon(true);
        thread.start();
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // closing
        }
    }
}
