package org.casw.sandbox;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.casw.routes.delivery.HttpChannel;
import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * One {@link SandboxWindow} served on its own on loopback, without the gateway (no ledger, broker, database or
 * pipeline): the same paths and answers as the gateway's {@code /sandbox/windows/<PARTY>} sandbox, so that an
 * ASEAN integrator tests their own gateway against it. As in the gateway, every endpoint wants the window's
 * party API key, and its inbox also the delivery token of its data directory; request bodies are bounded.
 */
public final class StandaloneWindow implements AutoCloseable {

    private static final ObjectMapper JSON = JsonMapper.builder().findAndAddModules().build();

    private final SandboxWindow window;
    private final HttpServer server;
    private final ExecutorService executor;
    private final SandboxDeliveryToken token;
    private final long inboxLimit;

    private StandaloneWindow(SandboxWindow window, HttpServer server, ExecutorService executor, SandboxDeliveryToken token,
            long inboxLimit) {
        this.window = window;
        this.server = server;
        this.executor = executor;
        this.token = token;
        this.inboxLimit = inboxLimit;
    }

    /**
     * Serves {@code window} on 127.0.0.1:{@code port} (0: a free port) until {@link #close()}; its inbox takes
     * deliveries of at most {@code inboxLimit} bytes with {@code token} or the window's own API key.
     */
    static StandaloneWindow serve(SandboxWindow window, int port, SandboxDeliveryToken token, long inboxLimit) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        AtomicInteger threads = new AtomicInteger();
        // blocking handlers: a delayed or late (timeout fault) answer holds its thread, as many as there are deliveries
        ExecutorService executor = Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "sandbox-" + window.partyId() + "-http-" + threads.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        StandaloneWindow standalone = new StandaloneWindow(window, server, executor, token, inboxLimit);
        server.createContext(standalone.base(), standalone::handle);
        server.start();
        return standalone;
    }

    /** The port it listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    public SandboxWindow window() {
        return window;
    }

    /** {@code http://127.0.0.1:PORT/sandbox/windows/<PARTY>}: the status page; inbox and certificates are below it. */
    public String url() {
        return "http://127.0.0.1:" + port() + base();
    }

    private String base() {
        return "/sandbox/windows/" + window.partyId();
    }

    /** The file of the delivery token its inbox accepts. */
    public Path deliveryTokenFile() {
        return token.file();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try {
            String path = exchange.getRequestURI().getPath();
            String rest = path.length() > base().length() ? path.substring(base().length()) : "";
            String method = exchange.getRequestMethod();
            boolean inbox = "POST".equals(method) && "/inbox".equals(rest);
            if (!admitted(exchange, inbox)) {
                return;
            }
            long limit = inbox ? inboxLimit : SandboxSecurity.REQUEST_LIMIT;
            byte[] body = readAtMost(exchange, limit);
            if (body == null) {
                problem(exchange, 413, "PAYLOAD_TOO_LARGE", "Request too large", "This sandbox endpoint reads at most " + limit
                        + " bytes.");
                return;
            }
            switch (method + " " + rest) {
                case "POST /inbox" -> {
                    byte[] payload = body;
                    SandboxWindow.Answer answer = window.receive(exchange.getRequestHeaders().getFirst(HttpChannel.TRACKING_HEADER),
                            exchange.getRequestHeaders().getFirst("X-SW-Document-Type"), payload).get();
                    send(exchange, answer.status(), "text/plain; charset=utf-8", answer.body().getBytes(StandardCharsets.UTF_8));
                }
                case "GET /inbox" -> json(exchange, 200, window.inbox());
                case "GET /refused" -> json(exchange, 200, window.refused());
                case "GET ", "GET /" -> json(exchange, 200, window.status());
                case "POST /certificates" -> {
                    CertificateRequest request = body.length == 0 ? null : JSON.readValue(body, CertificateRequest.class);
                    SandboxWindow.Issued issued = window.issue(request);
                    json(exchange, issued.status(), issued.view());
                }
                case "POST /aeo" -> {
                    AeoNoticeRequest request = body.length == 0 ? null : JSON.readValue(body, AeoNoticeRequest.class);
                    SandboxWindow.Issued sent = window.notifyAeo(request);
                    json(exchange, sent.status(), sent.view());
                }
                default -> send(exchange, 404, "text/plain; charset=utf-8",
                        ("no " + method + " " + path + " on the sandbox window " + window.partyId()).getBytes(StandardCharsets.UTF_8));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (ExecutionException e) {
            send(exchange, 503, "text/plain; charset=utf-8", ("sandbox " + window.partyId() + " stopped").getBytes(StandardCharsets.UTF_8));
        } catch (JacksonException e) {
            send(exchange, 400, "text/plain; charset=utf-8", ("not a certificate request: " + e.getOriginalMessage())
                    .getBytes(StandardCharsets.UTF_8));
        } finally {
            exchange.close();
        }
    }

    /**
     * Whether the request bears the window's own API key or, on the inbox, the delivery token; if not, it has
     * been answered 401 (no credentials) or 403 (credentials for another door).
     */
    private boolean admitted(HttpExchange exchange, boolean inbox) throws IOException {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            exchange.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            problem(exchange, 401, "UNAUTHENTICATED", "Authentication required", "Send 'Authorization: Bearer <key>': the API key of "
                    + window.partyId() + (inbox ? ", or the delivery token in " + token.file() : "") + ".");
            return false;
        }
        String presented = header.substring(7).trim();
        if (window.isOwnKey(presented) || (inbox && token.matches(presented))) {
            return true;
        }
        problem(exchange, 403, SandboxAccess.ACCESS_DENIED, "Not this sandbox's party", "This sandbox acts as " + window.partyId()
                + ": use " + window.partyId() + "'s API key" + (inbox ? " or the delivery token in " + token.file() : "") + ".");
        return false;
    }

    /** The whole body, or null (the rest left unread) when it has more than {@code limit} bytes. */
    private static byte[] readAtMost(HttpExchange exchange, long limit) throws IOException {
        String declared = exchange.getRequestHeaders().getFirst("Content-Length");
        if (declared != null) {
            try {
                if (Long.parseLong(declared.trim()) > limit) {
                    return null;
                }
            } catch (NumberFormatException e) {
                return null;
            }
        }
        try (InputStream in = exchange.getRequestBody()) {
            byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            return body.length > limit ? null : body;
        }
    }

    private static void problem(HttpExchange exchange, int status, String code, String title, String detail) throws IOException {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "urn:casw:problem:" + code.toLowerCase(Locale.ROOT).replace('_', '-'));
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.put("code", code);
        send(exchange, status, "application/problem+json", JSON.writeValueAsBytes(problem));
    }

    private static void json(HttpExchange exchange, int status, Object body) throws IOException {
        send(exchange, status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static void send(HttpExchange exchange, int status, String contentType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", contentType);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body);
        }
    }

    /**
     * Writes what an integrator trusts to {@code directory}: {@code <PARTY>-signing.pem} (the window's signing
     * certificate), {@code <PARTY>-chain.pem} (it and its issuers) and {@code <PARTY>-root.pem} (the root).
     */
    public List<Path> exportCertificates(Path directory) {
        List<X509Certificate> chain = window.signingIdentity().chain();
        String party = window.partyId();
        try {
            Files.createDirectories(directory);
            Path signing = directory.resolve(party + "-signing.pem");
            Path all = directory.resolve(party + "-chain.pem");
            Path root = directory.resolve(party + "-root.pem");
            Files.writeString(signing, pem(chain.subList(0, 1)), StandardCharsets.US_ASCII);
            Files.writeString(all, pem(chain), StandardCharsets.US_ASCII);
            Files.writeString(root, pem(chain.subList(chain.size() - 1, chain.size())), StandardCharsets.US_ASCII);
            return List.of(signing, all, root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot export the certificates of " + party + " to " + directory, e);
        }
    }

    private static String pem(List<X509Certificate> certificates) throws IOException {
        StringWriter text = new StringWriter();
        try (JcaPEMWriter writer = new JcaPEMWriter(text)) {
            for (X509Certificate certificate : certificates) {
                writer.writeObject(certificate);
            }
        }
        return text.toString();
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
        window.close();
    }
}
