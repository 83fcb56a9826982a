package org.casw.routes.signature;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CRL;
import java.security.cert.CRLException;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509CRL;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Loads X.509 CRLs (DER or PEM) from files, or fetches one from a CRL server on this machine's loopback. */
public final class CrlFiles {

    /** A CRL of a national CA can reach megabytes; far beyond this, something other than a CRL is answering. */
    static final int MAX_CRL_BYTES = 32 * 1024 * 1024;

    private static final Pattern IPV4_LITERAL = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})");

    private CrlFiles() {
    }

    /** Every CRL in the files, in order; a file may hold one DER CRL or several PEM ones. */
    public static List<X509CRL> load(Path... files) {
        List<X509CRL> crls = new ArrayList<>();
        for (Path file : files) {
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read CRL file " + file, e);
            }
            crls.addAll(parse(content, file.toString()));
        }
        return List.copyOf(crls);
    }

    /**
     * Fetches the CRL at {@code uri}, which must be http(s) to a loopback IP literal such as
     * {@code http://127.0.0.1:8089/root-ec.crl}. Anything else is refused before any network activity: CRL
     * distribution points come from certificates, so following them blindly would let a partner make the gateway
     * call arbitrary hosts. No proxy, no redirects.
     *
     * @throws IllegalArgumentException for a non-loopback or malformed URI
     * @throws UncheckedIOException     when the server cannot be reached, answers other than 200, or times out
     * @throws IllegalStateException    when the answer is not exactly one CRL
     */
    public static X509CRL fetch(URI uri, Duration timeout) {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(timeout, "timeout");
        requireLoopback(uri);
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("timeout must be positive: " + timeout);
        }
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(timeout).GET().build();
        CompletableFuture<HttpResponse<byte[]>> exchange = Http.CLIENT.sendAsync(request,
                info -> BoundedBody.upTo(MAX_CRL_BYTES, uri + " sent more than " + MAX_CRL_BYTES + " bytes; not a CRL"));
        HttpResponse<byte[]> response;
        try {
            // The request timeout stops at the response headers; this bounds the body too.
            response = exchange.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            exchange.cancel(true);
            throw new UncheckedIOException(new IOException("CRL fetch from " + uri + " timed out after " + timeout));
        } catch (InterruptedException e) {
            exchange.cancel(true);
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("interrupted while fetching CRL from " + uri));
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            IOException io = cause instanceof IOException ioe ? ioe
                    : new IOException(cause == null ? e.getMessage() : cause.toString(), cause);
            throw new UncheckedIOException("cannot fetch CRL from " + uri + ": " + io.getMessage(), io);
        }
        if (response.statusCode() != 200) {
            throw new UncheckedIOException(new IOException("CRL server " + uri + " answered HTTP "
                    + response.statusCode()));
        }
        List<X509CRL> crls = parse(response.body(), uri.toString());
        if (crls.size() != 1) {
            throw new IllegalStateException(uri + " returned " + crls.size() + " CRLs; expected exactly one");
        }
        return crls.get(0);
    }

    /** Refuses anything but http(s) to a loopback address written as an IP literal, without resolving names. */
    static void requireLoopback(URI uri) {
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IllegalArgumentException("refusing CRL URI " + uri + ": only http or https is allowed");
        }
        String host = uri.getHost();
        if (host == null) {
            throw new IllegalArgumentException("refusing CRL URI " + uri + ": no host");
        }
        InetAddress address = loopbackLiteral(host);
        if (address == null || !address.isLoopbackAddress()) {
            throw new IllegalArgumentException("refusing CRL URI " + uri + ": host " + host
                    + " is not a loopback address; CRLs are fetched only from 127.0.0.1 or [::1]");
        }
    }

    /** The address of an IP literal, or null for a host name: names are never looked up here. */
    private static InetAddress loopbackLiteral(String host) {
        try {
            Matcher ipv4 = IPV4_LITERAL.matcher(host);
            if (ipv4.matches()) {
                byte[] octets = new byte[4];
                for (int i = 0; i < 4; i++) {
                    int octet = Integer.parseInt(ipv4.group(i + 1));
                    if (octet > 255) {
                        return null;
                    }
                    octets[i] = (byte) octet;
                }
                return InetAddress.getByAddress(octets);
            }
            if (host.startsWith("[") && host.endsWith("]")) {
                // A bracketed string is parsed as an IPv6 literal only; an invalid one fails without a lookup.
                return InetAddress.getByName(host);
            }
            return null;
        } catch (UnknownHostException e) {
            return null;
        }
    }

    private static List<X509CRL> parse(byte[] content, String source) {
        Collection<? extends CRL> parsed;
        try {
            CertificateFactory factory = CertificateFactory.getInstance("X.509", PkixCertificateTrust.bouncyCastle());
            parsed = factory.generateCRLs(new ByteArrayInputStream(content));
        } catch (CertificateException | CRLException | RuntimeException e) {
            throw new IllegalStateException("not a CRL: " + source + ": " + e.getMessage(), e);
        }
        if (parsed.isEmpty()) {
            throw new IllegalStateException("no CRL in " + source);
        }
        List<X509CRL> crls = new ArrayList<>();
        for (CRL crl : parsed) {
            if (!(crl instanceof X509CRL x509)) {
                throw new IllegalStateException("not an X.509 CRL in " + source + ": " + crl.getType());
            }
            crls.add(x509);
        }
        return crls;
    }

    /** Created on first fetch only, so merely loading files starts no HTTP client threads. */
    private static final class Http {
        static final HttpClient CLIENT = HttpClient.newBuilder()
                .proxy(HttpClient.Builder.NO_PROXY) // a proxy would turn a loopback URI into a remote call
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect could point anywhere
                .build();
    }
}
