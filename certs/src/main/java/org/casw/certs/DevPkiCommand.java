package org.casw.certs;

import java.io.PrintStream;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/** Command line entry point that creates (or recreates) the development PKI and lists its certificates. */
public final class DevPkiCommand {

    static final String USAGE = "usage: DevPkiCommand [--dir DIR] [--force]\n"
            + "  --dir DIR  directory of the development PKI (default " + DevPki.DEFAULT_DIRECTORY + ")\n"
            + "  --force    discard any existing PKI there and generate a new one";

    private static final String[] HEADER = {"PARTY", "FAMILY", "SUBJECT", "SERIAL", "NOT-AFTER", "SHA-256"};

    private DevPkiCommand() {
    }

    public static void main(String[] args) {
        int status = run(args, System.out);
        if (status != 0) {
            System.exit(status);
        }
    }

    /**
     * Runs the command, writing the table (or the error) to {@code out}, so that another application can
     * offer it as a sub-command. Returns 0 on success, 1 on failure, 2 on bad arguments.
     */
    public static int run(String[] args, PrintStream out) {
        Path directory = DevPki.DEFAULT_DIRECTORY;
        boolean force = false;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--force" -> force = true;
                case "--dir" -> {
                    if (i + 1 >= args.length) {
                        out.println("--dir needs a directory");
                        out.println(USAGE);
                        return 2;
                    }
                    directory = Path.of(args[++i]);
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (args[i].startsWith("--dir=")) {
                        directory = Path.of(args[i].substring("--dir=".length()));
                    } else {
                        out.println("unknown argument: " + args[i]);
                        out.println(USAGE);
                        return 2;
                    }
                }
            }
        }
        try {
            DevPki pki = force ? DevPki.regenerate(directory) : DevPki.ensure(directory);
            printTable(pki, out);
            return 0;
        } catch (RuntimeException e) {
            out.println("development PKI failed in " + directory + ": " + e.getMessage());
            return 1;
        }
    }

    private static void printTable(DevPki pki, PrintStream out) {
        List<String[]> rows = new ArrayList<>();
        rows.add(HEADER);
        for (KeyFamily family : KeyFamily.values()) {
            rows.add(row("(root)", family, pki.rootCertificate(family)));
        }
        for (DemoParty party : DemoParty.values()) {
            for (KeyFamily family : KeyFamily.values()) {
                rows.add(row(party.partyId(), family, pki.certificate(party.partyId(), family)));
            }
        }
        int[] widths = new int[HEADER.length];
        for (String[] row : rows) {
            for (int c = 0; c < row.length; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        out.println("Development PKI in " + pki.directory().toAbsolutePath()
                + " (keystore password in " + DevPki.PASSWORD_FILE + ")");
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < row.length; c++) {
                line.append(c == row.length - 1 ? row[c] : String.format("%-" + widths[c] + "s  ", row[c]));
            }
            out.println(line);
        }
    }

    private static String[] row(String party, KeyFamily family, X509Certificate certificate) {
        return new String[] {
            party,
            family.name(),
            certificate.getSubjectX500Principal().getName(),
            certificate.getSerialNumber().toString(16),
            certificate.getNotAfter().toInstant().toString(),
            sha256Fingerprint(certificate)
        };
    }

    static String sha256Fingerprint(X509Certificate certificate) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(certificate.getEncoded());
            return HexFormat.ofDelimiter(":").withUpperCase().formatHex(digest);
        } catch (GeneralSecurityException e) {
            throw new DevPkiException("cannot fingerprint " + certificate.getSubjectX500Principal(), e);
        }
    }
}
