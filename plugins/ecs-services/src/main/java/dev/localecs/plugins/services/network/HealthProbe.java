package dev.localecs.plugins.services.network;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * One HTTP health check of a target, as an Application Load Balancer sends it: {@code GET <path>} over HTTP/1.1
 * with {@code User-Agent: ELB-HealthChecker/2.0}; it passes when the status is 200–399 within the timeout
 * (redirects are not followed: a 3xx passes). Failures carry ELB's reasons: the codes answered, a timeout, or a
 * connection that was refused or closed.
 */
final class HealthProbe {
    private HealthProbe() {
    }

    static TargetHealth.Check check(Backend target, String path, Duration timeout) {
        int millis = (int) Math.max(1, timeout.toMillis());
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(target.host(), target.port()), millis);
            socket.setSoTimeout(millis);
            OutputStream out = socket.getOutputStream();
            out.write(("GET " + path + " HTTP/1.1\r\nHost: " + target.host() + ":" + target.port()
                    + "\r\nUser-Agent: ELB-HealthChecker/2.0\r\nAccept: */*\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String status = new BufferedReader(new InputStreamReader(socket.getInputStream(),
                    StandardCharsets.ISO_8859_1)).readLine();
            return verdict(status);
        } catch (SocketTimeoutException e) {
            return new TargetHealth.Check(false, "Request timed out");
        } catch (IOException e) {
            return new TargetHealth.Check(false, "Health checks failed");
        }
    }

    /** The verdict on a status line ({@code HTTP/1.1 200 OK}); null when the target closed without one. */
    static TargetHealth.Check verdict(String statusLine) {
        if (statusLine == null) {
            return new TargetHealth.Check(false, "Health checks failed");
        }
        String[] parts = statusLine.split(" ", 3);
        int code;
        try {
            code = parts.length >= 2 && parts[0].startsWith("HTTP/") ? Integer.parseInt(parts[1]) : -1;
        } catch (NumberFormatException e) {
            code = -1;
        }
        if (code < 0) {
            return new TargetHealth.Check(false, "Health checks failed");
        }
        return code >= 200 && code < 400 ? TargetHealth.Check.PASSED
                : new TargetHealth.Check(false, "Health checks failed with these codes: [" + code + "]");
    }
}
