package dev.localecs.plugins.services.network;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A TCP listener that relays each connection to one backend of its {@link Balancer}. A backend that refuses or
 * does not answer within the connect timeout is skipped for the next one, before any byte of the client is read:
 * a task that has just stopped, or started and not listening yet, costs the client nothing; with no backend at
 * all, the connection waits a few seconds for one. Each connection has two virtual threads, one per direction,
 * and is counted on its task while open (so a drain can wait for it).
 */
public final class TcpProxy implements Closeable {
    private static final Logger LOG = LoggerFactory.getLogger(TcpProxy.class);
    private static final int CONNECT_TIMEOUT_MS = 2_000;
    private static final long WAIT_FOR_BACKEND_MS = 5_000;
    private static final long RETRY_MS = 100;

    private final String name;
    private final Balancer balancer;
    private final ServerSocket server;
    private volatile Thread acceptor;

    private TcpProxy(String name, Balancer balancer, ServerSocket server) {
        this.name = name;
        this.balancer = balancer;
        this.server = server;
    }

    /**
     * Binds and starts accepting.
     *
     * @param name what it serves, for logs
     * @param address where to listen
     * @param balancer where connections go
     * @return the running proxy
     * @throws IOException when the address cannot be bound
     */
    public static TcpProxy start(String name, InetSocketAddress address, Balancer balancer) throws IOException {
        ServerSocket server = new ServerSocket();
        server.setReuseAddress(true);
        try {
            server.bind(address, 256);
        } catch (IOException e) {
            server.close();
            throw e;
        }
        TcpProxy proxy = new TcpProxy(name, balancer, server);
        proxy.acceptor = Thread.ofVirtual().name("proxy-" + name).start(proxy::accept);
        LOG.info("Proxy {} listening on {}", name, server.getLocalSocketAddress());
        return proxy;
    }

    /**
     * The bound address.
     *
     * @return the address and port
     */
    public InetSocketAddress address() {
        return (InetSocketAddress) server.getLocalSocketAddress();
    }

    private void accept() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Thread.ofVirtual().name("proxy-" + name + "-conn").start(() -> relay(client));
            } catch (IOException e) {
                if (!server.isClosed()) {
                    LOG.warn("Proxy {} stopped accepting: {}", name, e.toString());
                }
                return;
            }
        }
    }

    private void relay(Socket client) {
        Optional<Connected> upstream = connect();
        if (upstream.isEmpty()) {
            LOG.debug("Proxy {}: no backend answered within {} ms", name, WAIT_FOR_BACKEND_MS);
            closeQuietly(client);
            return;
        }
        Socket backend = upstream.get().socket();
        String task = upstream.get().backend().taskArn();
        balancer.opened(task);
        try {
            Thread back = Thread.ofVirtual().start(() -> pipe(backend, client));
            pipe(client, backend);
            back.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            closeQuietly(client);
            closeQuietly(backend);
            balancer.closed(task);
        }
    }

    private record Connected(Backend backend, Socket socket) {
    }

    /**
     * The first backend, in the balancer's order, that accepts a connection; when none does (none yet, or all
     * between a stop and their replacement's start), tried again for a while rather than refused.
     */
    private Optional<Connected> connect() {
        long deadline = System.nanoTime() + WAIT_FOR_BACKEND_MS * 1_000_000L;
        while (true) {
            Optional<Connected> connected = connectOnce();
            if (connected.isPresent() || System.nanoTime() > deadline || server.isClosed()) {
                return connected;
            }
            try {
                Thread.sleep(RETRY_MS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return Optional.empty();
            }
        }
    }

    private Optional<Connected> connectOnce() {
        for (Backend backend : balancer.order()) {
            Socket socket = new Socket();
            try {
                socket.setTcpNoDelay(true);
                socket.connect(new InetSocketAddress(backend.host(), backend.port()), CONNECT_TIMEOUT_MS);
                return Optional.of(new Connected(backend, socket));
            } catch (IOException e) {
                LOG.debug("Proxy {}: {}:{} of {} did not answer: {}", name, backend.host(), backend.port(),
                        backend.taskArn(), e.toString());
                closeQuietly(socket);
            }
        }
        return Optional.empty();
    }

    /**
     * Copies one direction; at its end, half-closes the other side so the peer sees the end of the stream (the
     * socket itself stays open for the other direction).
     */
    private static void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            int read;
            while ((read = in.read(buffer)) >= 0) {
                out.write(buffer, 0, read);
                out.flush();
            }
            to.shutdownOutput();
        } catch (IOException e) {
            closeQuietly(to);
            closeQuietly(from);
        }
    }

    private static void closeQuietly(Socket socket) {
        try {
            socket.close();
        } catch (IOException e) {
            // nothing left to do with it
        }
    }

    /** Stops listening: once this returns, new connections are refused (connections relayed go on). */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            LOG.debug("Proxy {}: {}", name, e.toString());
        }
        Thread thread = acceptor;
        if (thread != null) {
            try {
                // the socket is released once the accepting thread has left accept()
                thread.join(java.time.Duration.ofSeconds(2));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
