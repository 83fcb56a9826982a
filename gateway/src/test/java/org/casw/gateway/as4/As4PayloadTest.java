package org.casw.gateway.as4;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class As4PayloadTest {

    @Test
    void aSmallPayloadIsReadWhole() throws IOException {
        byte[] document = random(5_000);

        As4Payload read = As4Payload.read(new ByteArrayInputStream(document), 10_000_000);

        assertThat(read.bytes()).isEqualTo(document);
        assertThat(read.size()).isEqualTo(5_000);
    }

    @Test
    void aLargePayloadIsSpooledAndReadWholeAndItsSpoolFileIsGone() throws IOException {
        byte[] document = random(3 * As4Payload.IN_MEMORY + 12_345);
        long spoolsBefore = spoolFiles();

        As4Payload read = As4Payload.read(new SlowStream(document), 10_000_000);

        assertThat(read.bytes()).isEqualTo(document);
        assertThat(read.size()).isEqualTo(document.length);
        assertThat(spoolFiles()).isEqualTo(spoolsBefore);
    }

    @Test
    void aPayloadExactlyAtTheLimitIsKept() throws IOException {
        byte[] document = random(2 * As4Payload.IN_MEMORY);

        As4Payload read = As4Payload.read(new ByteArrayInputStream(document), document.length);

        assertThat(read.bytes()).isEqualTo(document);
    }

    @Test
    void aPayloadOverTheLimitIsCountedToItsEndWithoutBeingKept() throws IOException {
        byte[] small = random(2_000);
        byte[] large = random(3 * As4Payload.IN_MEMORY);

        As4Payload overSmallLimit = As4Payload.read(new ByteArrayInputStream(small), 1_000);
        As4Payload overLargeLimit = As4Payload.read(new SlowStream(large), 2 * As4Payload.IN_MEMORY);

        assertThat(overSmallLimit.bytes()).isNull();
        assertThat(overSmallLimit.size()).isEqualTo(2_000);
        assertThat(overLargeLimit.bytes()).isNull();
        assertThat(overLargeLimit.size()).isEqualTo(large.length);
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    private static long spoolFiles() throws IOException {
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            return files.filter(f -> f.getFileName().toString().startsWith("casw-as4-payload-")).count();
        }
    }

    /** Hands out at most 1000 bytes per read, as a decrypting, decompressing stream does. */
    private static final class SlowStream extends InputStream {
        private final ByteArrayInputStream in;

        SlowStream(byte[] bytes) {
            in = new ByteArrayInputStream(bytes);
        }

        @Override
        public int read() {
            return in.read();
        }

        @Override
        public int read(byte[] b, int off, int len) {
            return in.read(b, off, Math.min(len, 1000));
        }
    }
}
