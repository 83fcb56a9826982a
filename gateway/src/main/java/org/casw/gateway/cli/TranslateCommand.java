package org.casw.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.edifact.CodecoCoarriWriter;
import org.casw.routes.transform.edifact.CuscarWriter;
import org.casw.routes.transform.edifact.CusresWriter;
import org.casw.routes.transform.edifact.EdifactInterchange;
import org.casw.routes.transform.edifact.EdifactTranslator;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;

/**
 * {@code translate [--to xml|edifact] FILE}: UN/EDIFACT D.96B (CUSCAR, CODECO, COARRI) to native XML,
 * or a native manifest or receipt to CUSCAR / CUSRES, as the gateway's translators do. Without
 * {@code --to}, an EDIFACT file becomes XML and an XML file EDIFACT. The translation goes to standard
 * output; exit 0 when translated, 1 when there are violations (one per line), 2 on a usage or read error.
 */
public final class TranslateCommand {

    private static final String USAGE = "usage: translate [--to xml|edifact] FILE";

    private TranslateCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        String to = null;
        Path file = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--to" -> {
                    if (i + 1 >= args.length || !List.of("xml", "edifact").contains(args[i + 1])) {
                        err.println("--to takes 'xml' or 'edifact'");
                        return 2;
                    }
                    to = args[++i];
                }
                case "-h", "--help" -> {
                    out.println(USAGE);
                    return 0;
                }
                default -> {
                    if (file != null || args[i].startsWith("--")) {
                        err.println(USAGE);
                        return 2;
                    }
                    file = Path.of(args[i]);
                }
            }
        }
        if (file == null) {
            err.println(USAGE);
            return 2;
        }
        byte[] payload;
        try {
            payload = Files.readAllBytes(file);
        } catch (IOException e) {
            err.println(file + ": cannot be read (" + e.getMessage() + ")");
            return 2;
        }
        boolean edifact = EdifactInterchange.sniff(payload).isPresent();
        if (to == null) {
            to = edifact ? "xml" : "edifact";
        }
        Translation translation;
        if (to.equals("xml")) {
            translation = new EdifactTranslator().toNative(payload);
        } else {
            if (edifact) {
                err.println(file + ": is already UN/EDIFACT; use --to xml");
                return 2;
            }
            DocumentValidator.Report report = new DocumentValidator().validate(payload);
            if (!report.valid()) {
                return printViolations(file, report.violations(), out);
            }
            OutboundTranslator writer = writerFor(report.type());
            if (writer == null) {
                err.println(file + ": " + report.type() + " has no EDIFACT translation (MANIFEST, DECLARATION_RECEIPT, MANIFEST_RECEIPT and CONTAINER_EVENT have)");
                return 2;
            }
            translation = writer.fromNative(report.type(), payload);
        }
        if (!translation.ok()) {
            return printViolations(file, translation.violations(), out);
        }
        out.write(translation.payload(), 0, translation.payload().length);
        out.flush();
        return 0;
    }

    private static OutboundTranslator writerFor(DocumentType type) {
        for (OutboundTranslator writer : List.of(new CuscarWriter(), new CusresWriter(), new CodecoCoarriWriter())) {
            if (writer.translates(type)) {
                return writer;
            }
        }
        return null;
    }

    private static int printViolations(Path file, List<Violation> violations, PrintStream out) {
        out.println(file + ": NOT TRANSLATED, " + violations.size() + " violation(s)");
        for (Violation v : violations) {
            String where = (v.path() == null ? "" : " " + v.path()) + (v.line() == null ? "" : " [" + v.line()
                    + (v.column() == null ? "" : ":" + v.column()) + "]");
            out.println("  " + v.code() + where + ": " + v.message());
        }
        return 1;
    }
}
