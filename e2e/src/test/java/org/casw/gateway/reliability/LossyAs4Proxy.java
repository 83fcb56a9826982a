package org.casw.gateway.reliability;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import com.sun.net.httpserver.HttpServer;

/**
 * A loopback HTTP proxy in front of an AS4 endpoint that can lose answers: the request reaches the endpoint, which
 * processes it, but the answer is dropped and the connection closed, as a failing network between two access points does.
 */
final class LossyAs4Proxy implements AutoCloseable {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final HttpServer server;
    private final AtomicReference<String> target = new AtomicReference<>();
    private final AtomicInteger answersToLose = new AtomicInteger();
    private final AtomicInteger lost = new AtomicInteger();

    LossyAs4Proxy() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/as4", exchange -> {
            try {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(target.get())).timeout(Duration.ofSeconds(30))
                        .POST(HttpRequest.BodyPublishers.ofByteArray(exchange.getRequestBody().readAllBytes()));
                exchange.getRequestHeaders().forEach((name, values) -> {
                    if (name.equalsIgnoreCase("Content-Type") || name.equalsIgnoreCase("MIME-Version") || name.equalsIgnoreCase("SOAPAction")) {
                        values.forEach(v -> request.header(name, v));
                    }
                });
                HttpResponse<byte[]> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
                if (answersToLose.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                    // the endpoint has processed it; its answer never arrives: closed without a response
                    lost.incrementAndGet();
                    return;
                }
                response.headers().firstValue("Content-Type").ifPresent(v -> exchange.getResponseHeaders().add("Content-Type", v));
                exchange.sendResponseHeaders(response.statusCode(), response.body().length == 0 ? -1 : response.body().length);
                exchange.getResponseBody().write(response.body());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } finally {
                exchange.close();
            }
        });
        server.start();
    }

    int port() {
        return server.getAddress().getPort();
    }

    void forwardTo(String endpoint) {
        target.set(endpoint);
    }

    /** Loses the answers to the next {@code count} requests. */
    void loseNextAnswers(int count) {
        answersToLose.set(count);
    }

    int lost() {
        return lost.get();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
