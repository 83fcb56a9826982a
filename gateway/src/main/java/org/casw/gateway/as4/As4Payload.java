package org.casw.gateway.as4;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Reads a user message's payload as phase4 hands it over: decrypted and decompressed while it is read, from the MIME
 * part phase4 spooled to a temporary file. A small payload is read in one go. A large one is first streamed to a
 * temporary file of the gateway's, counting its bytes, and then read once into an array of exactly its size, so the
 * heap holds the document once rather than the growing copies an unknown-length read makes. One over the limit is
 * counted to its end without being kept.
 */
final class As4Payload {

    /** Payloads up to this size (the usual documents of a few KB) never touch the disk. */
    static final int IN_MEMORY = 1 << 20;

    private final byte[] bytes;
    private final long size;

    private As4Payload(byte[] bytes, long size) {
        this.bytes = bytes;
        this.size = size;
    }

    /** The payload, or null when it has more than the limit's bytes. */
    byte[] bytes() {
        return bytes;
    }

    /** How many bytes the payload has, also when it was not kept. */
    long size() {
        return size;
    }

    static As4Payload read(InputStream in, long limit) throws IOException {
        long maxBytes = Math.min(limit, Integer.MAX_VALUE - 8); // one array holds the document
        byte[] head = in.readNBytes((int) Math.min(IN_MEMORY, maxBytes) + 1);
        if (head.length <= Math.min(IN_MEMORY, maxBytes)) {
            return new As4Payload(head, head.length);
        }
        if (head.length > maxBytes) {
            return new As4Payload(null, head.length + in.transferTo(OutputStream.nullOutputStream()));
        }
        Path spool = Files.createTempFile("casw-as4-payload-", ".bin");
        try {
            long size = head.length;
            try (OutputStream out = Files.newOutputStream(spool)) {
                out.write(head);
                byte[] buffer = new byte[64 * 1024];
                int n;
                while ((n = in.read(buffer)) >= 0) {
                    if (size + n <= maxBytes) {
                        out.write(buffer, 0, n);
                    }
                    size += n;
                }
            }
            if (size > maxBytes) {
                return new As4Payload(null, size);
            }
            byte[] whole = new byte[(int) size];
            try (InputStream spooled = Files.newInputStream(spool)) {
                if (spooled.readNBytes(whole, 0, whole.length) != whole.length) {
                    throw new IOException("the spooled payload " + spool + " is shorter than the " + size + " bytes written");
                }
            }
            return new As4Payload(whole, size);
        } finally {
            Files.deleteIfExists(spool);
        }
    }
}
