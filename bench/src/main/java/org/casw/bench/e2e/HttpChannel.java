package org.casw.bench.e2e;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** Submits over HTTP; only 202 counts as accepted (a 200 would be a duplicate: every copy here is new). */
public final class HttpChannel implements Channel {

    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final HttpClient client;
    private final URI target;
    private final Map<String, String> headers;

    public HttpChannel(URI target, Map<String, String> headers) {
        this.client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5))
                .executor(executor).build();
        this.target = target;
        this.headers = headers;
    }

    @Override
    public CompletableFuture<String> submit(Documents.Document document) {
        HttpRequest.Builder builder = HttpRequest.newBuilder(target).timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.ofByteArray(document.body()));
        headers.forEach(builder::header);
        return client.sendAsync(builder.build(), HttpResponse.BodyHandlers.ofString()).handle((response, failure) -> {
            if (failure != null) {
                Throwable cause = failure.getCause() != null ? failure.getCause() : failure;
                return cause.getClass().getSimpleName() + ": " + cause.getMessage();
            }
            if (response.statusCode() != 202) {
                String body = response.body() == null ? "" : response.body();
                return "HTTP " + response.statusCode() + " " + body.substring(0, Math.min(160, body.length()));
            }
            return null;
        });
    }

    @Override
    public String name() {
        return "HTTP";
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
