package org.casw.certs;

import java.io.OutputStreamWriter;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code certs [--dir DIR] [--force]}: creates (or recreates) the development PKI and lists its certificates.
 * A picocli command, so that an application can offer it as a sub-command (the gateway's {@code certs}).
 */
@Command(name = "certs", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Create the development PKI (keys and certificates of the demo parties) if it is missing, and list it.",
        exitCodeListHeading = "%nExit codes:%n", exitCodeList = {"0:the PKI is ready", "1:it could not be made", "2:usage error"})
public final class DevPkiCommand implements Callable<Integer> {

    private static final String[] HEADER = {"PARTY", "FAMILY", "SUBJECT", "SERIAL", "NOT-AFTER", "SHA-256"};

    @Option(names = "--dir", paramLabel = "DIR", description = "directory of the development PKI (default: ${DEFAULT-VALUE})")
    Path directory = DevPki.DEFAULT_DIRECTORY;

    @Option(names = "--force", description = "discard any existing PKI there and generate a new one")
    boolean force;

    @Spec
    CommandSpec spec;

    public static void main(String[] args) {
        int status = new CommandLine(new DevPkiCommand()).execute(args);
        if (status != 0) {
            System.exit(status);
        }
    }

    /** Runs the command with its table, usage and errors written to {@code out}. 0 on success, 1 on failure, 2 on bad arguments. */
    public static int run(String[] args, PrintStream out) {
        PrintWriter writer = new PrintWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8), true);
        return new CommandLine(new DevPkiCommand()).setOut(writer).setErr(writer).execute(args);
    }

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        try {
            DevPki pki = force ? DevPki.regenerate(directory) : DevPki.ensure(directory);
            printTable(pki, out);
            return 0;
        } catch (RuntimeException e) {
            spec.commandLine().getErr().println("development PKI failed in " + directory + ": " + e.getMessage());
            return 1;
        } finally {
            out.flush();
        }
    }

    private static void printTable(DevPki pki, PrintWriter out) {
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
