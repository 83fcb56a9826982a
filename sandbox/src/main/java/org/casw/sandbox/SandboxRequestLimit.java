package org.casw.sandbox;

import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import org.casw.gateway.api.Problems;
import org.casw.routes.validation.ViolationCodes;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.web.filter.OncePerRequestFilter;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Bounds what a sandbox endpoint reads: an inbox takes what the gateway delivers (up to {@code inboxLimit}, twice
 * the gateway's payload limit, as signing and translation make a document larger), every other endpoint a small
 * JSON request ({@code requestLimit}). Over the limit, by Content-Length or while reading a chunked body, the
 * answer is 413 with the problem code PAYLOAD_TOO_LARGE; the body is never held beyond the limit.
 */
final class SandboxRequestLimit extends OncePerRequestFilter {

    private final long inboxLimit;
    private final long requestLimit;
    private final ObjectMapper json;

    SandboxRequestLimit(long inboxLimit, long requestLimit, ObjectMapper json) {
        this.inboxLimit = inboxLimit;
        this.requestLimit = requestLimit;
        this.json = json;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return !SandboxAccess.path(request).startsWith("/sandbox/");
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        long limit = SandboxAccess.isInbox(request.getMethod(), SandboxAccess.path(request)) ? inboxLimit : requestLimit;
        if (request.getContentLengthLong() > limit) {
            tooLarge(request, response, limit);
            return;
        }
        byte[] body = readAtMost(request.getInputStream(), limit);
        if (body == null) {
            tooLarge(request, response, limit);
            return;
        }
        chain.doFilter(new ReadBody(request, body), response);
    }

    /** The whole body, or null when it has more than {@code limit} bytes. */
    private static byte[] readAtMost(InputStream in, long limit) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        long total = 0;
        for (int n; (n = in.read(buffer)) != -1; ) {
            total += n;
            if (total > limit) {
                return null;
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    private void tooLarge(HttpServletRequest request, HttpServletResponse response, long limit) throws IOException {
        ProblemDetail problem = Problems.of(HttpStatus.PAYLOAD_TOO_LARGE, ViolationCodes.PAYLOAD_TOO_LARGE, "Request too large",
                "This sandbox endpoint reads at most " + limit + " bytes.");
        problem.setInstance(URI.create(request.getRequestURI()));
        problem.setProperty("limit", limit);
        response.setStatus(HttpStatus.PAYLOAD_TOO_LARGE.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        // the client may still be sending: say we will not read on, rather than leave it blocked
        response.setHeader("Connection", "close");
        json.writeValue(response.getOutputStream(), problem);
    }

    /** The request with its body already read into memory. */
    private static final class ReadBody extends HttpServletRequestWrapper {

        private final byte[] body;

        ReadBody(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }

                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("the body was read already");
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.UTF_8 : Charset.forName(encoding);
            return new BufferedReader(new InputStreamReader(getInputStream(), charset));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
