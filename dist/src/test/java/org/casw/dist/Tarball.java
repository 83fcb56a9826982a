package org.casw.dist;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.GZIPInputStream;

/** The entries of a .tar.gz as written (name, mode, content), read with the JDK alone: ustar headers and PAX paths. */
final class Tarball {

    /** One file or directory of the archive. */
    static final class Entry {

        private final String name;
        private final int mode;
        private final boolean directory;
        private final byte[] content;

        Entry(String name, int mode, boolean directory, byte[] content) {
            this.name = name;
            this.mode = mode;
            this.directory = directory;
            this.content = content;
        }

        String name() {
            return name;
        }

        boolean directory() {
            return directory;
        }

        byte[] content() {
            return content.clone();
        }

        boolean executable() {
            return (mode & 0111) == 0111;
        }

        String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private Tarball() {
    }

    static Map<String, Entry> read(Path file) throws IOException {
        Map<String, Entry> entries = new LinkedHashMap<>();
        try (InputStream in = new GZIPInputStream(Files.newInputStream(file))) {
            String paxPath = null;
            while (true) {
                byte[] header = in.readNBytes(512);
                if (header.length < 512 || isZero(header)) {
                    break;
                }
                String name = string(header, 0, 100);
                int mode = (int) octal(header, 100, 8);
                long size = octal(header, 124, 12);
                char type = (char) header[156];
                String prefix = string(header, 345, 155);
                byte[] content = in.readNBytes((int) size);
                in.skipNBytes((512 - size % 512) % 512);
                if (type == 'x') {
                    paxPath = paxPath(new String(content, StandardCharsets.UTF_8));
                    continue;
                }
                if (type == 'g') {
                    continue;
                }
                String path = paxPath != null ? paxPath : prefix.isEmpty() ? name : prefix + "/" + name;
                paxPath = null;
                boolean directory = type == '5' || path.endsWith("/");
                String key = directory && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
                entries.put(key, new Entry(key, mode, directory, content));
            }
        }
        return entries;
    }

    /** Writes every entry under {@code directory}, with its mode's executable bits. */
    static void extract(Map<String, Entry> entries, Path directory) throws IOException {
        for (Entry entry : entries.values()) {
            Path target = directory.resolve(entry.name()).normalize();
            if (!target.startsWith(directory)) {
                throw new IOException("an entry outside the archive's directory: " + entry.name());
            }
            if (entry.directory()) {
                Files.createDirectories(target);
            } else {
                Files.createDirectories(target.getParent());
                Files.write(target, entry.content());
                target.toFile().setExecutable(entry.executable(), false);
            }
        }
    }

    private static String paxPath(String records) {
        for (String line : records.split("\n", -1)) {
            int space = line.indexOf(' ');
            if (space > 0 && line.startsWith("path=", space + 1)) {
                return line.substring(space + 1 + "path=".length());
            }
        }
        return null;
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String string(byte[] header, int offset, int length) {
        int end = offset;
        while (end < offset + length && header[end] != 0) {
            end++;
        }
        return new String(header, offset, end - offset, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] header, int offset, int length) {
        String digits = string(header, offset, length).trim();
        return digits.isEmpty() ? 0 : Long.parseLong(digits, 8);
    }
}
