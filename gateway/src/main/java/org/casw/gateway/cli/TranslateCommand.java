package org.casw.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.casw.routes.document.DocumentType;
import org.casw.routes.transform.OutboundTranslator;
import org.casw.routes.transform.Translation;
import org.casw.routes.transform.cnmanifest.CnManifestReader;
import org.casw.routes.transform.edifact.CodecoCoarriWriter;
import org.casw.routes.transform.edifact.CuscarWriter;
import org.casw.routes.transform.edifact.CusresWriter;
import org.casw.routes.transform.edifact.EdifactInterchange;
import org.casw.routes.transform.edifact.EdifactInterchanges;
import org.casw.routes.transform.edifact.EdifactTranslator;
import org.casw.routes.transform.edifact.InterchangeSplit;
import org.casw.routes.transform.edifact.MessagePart;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code translate [--to xml|edifact] FILE}: UN/EDIFACT D.96B (CUSCAR, CODECO, COARRI) or China's manifest messages
 * (CN-MANIFEST) to native XML, or a native manifest or receipt to CUSCAR / CUSRES, as the gateway's translators do.
 * Large files report their stages on standard error, so a long translation shows where it is.
 *
 * <p>Written EDIFACT is addressed without a partner agreement (the writers' two-argument {@code fromNative}): UNB
 * names the parties the document names, qualifier ZZZ (CUSCAR: the manifest's SenderID to its ReceiverID; CODECO /
 * COARRI: the reporter to CASW-GATEWAY; CUSRES, whose receipt names neither: CASW-GATEWAY on both sides), dated now,
 * with a control reference counted from the current epoch millisecond. The running gateway addresses each receiver
 * from its agreement and keeps control references in its database.
 */
@Command(name = "translate", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
        description = {"Translate between UN/EDIFACT D.96B and native XML as the gateway does.",
            "CUSCAR, CODECO, COARRI and China's manifest messages (CN-MANIFEST) become native XML;",
            "a native manifest, receipt or container event becomes CUSCAR, CUSRES, CODECO or COARRI,",
            "its UNB naming the document's own parties (a receipt's: CASW-GATEWAY) rather than an agreement's.",
            "The translation goes to standard output; large files report their stages on standard error.",
            "An interchange of several messages is translated message by message, each after a comment naming it."},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:translated", "1:not translated, or a message of the interchange not (violations, one per line)",
            "2:usage or read error"})
public final class TranslateCommand extends ConsoleCommand implements Callable<Integer> {

    /** Files from this size on report their progress. */
    static final long PROGRESS_FROM_BYTES = 1024 * 1024;

    /** The direction of a translation. */
    enum Target { xml, edifact }

    @Option(names = "--to", paramLabel = "xml|edifact",
            description = "the target format (default: XML for an EDIFACT file, EDIFACT for an XML file)")
    Target to;

    @Parameters(paramLabel = "FILE", description = "the document to translate")
    Path file;

    private final long progressFromBytes;

    public TranslateCommand() {
        this(PROGRESS_FROM_BYTES);
    }

    /** @param progressFromBytes the size from which a file reports its stages */
    TranslateCommand(long progressFromBytes) {
        this.progressFromBytes = progressFromBytes;
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return GatewayCommandLine.execute(new CommandLine(new TranslateCommand()), args, out, err);
    }

    @Override
    public Integer call() {
        byte[] payload;
        try {
            payload = Files.readAllBytes(file);
        } catch (IOException e) {
            err().println(file + ": cannot be read (" + e.getMessage() + ")");
            return 2;
        }
        Progress progress = new Progress(payload.length >= progressFromBytes ? err() : null, file);
        progress.step("read " + payload.length / 1024 + " KiB");
        boolean edifact = EdifactInterchange.sniff(payload).isPresent();
        CnManifestReader chinaManifests = new CnManifestReader();
        boolean chinaManifest = chinaManifests.recognises(payload);
        Target target = to != null ? to : edifact || chinaManifest ? Target.xml : Target.edifact;
        Translation translation;
        if (target == Target.xml && chinaManifest) {
            progress.step("translating CN-MANIFEST to XML");
            translation = chinaManifests.toNative(payload);
        } else if (target == Target.xml) {
            Optional<InterchangeSplit> split = EdifactInterchanges.split(payload);
            if (split.isPresent() && split.get().envelopeViolations().isEmpty() && split.get().messages().size() > 1) {
                return translateEach(split.get(), progress);
            }
            progress.step("translating UN/EDIFACT to XML");
            translation = new EdifactTranslator().toNative(payload);
        } else {
            if (edifact) {
                err().println(file + ": is already UN/EDIFACT; use --to xml");
                return 2;
            }
            progress.step("validating");
            DocumentValidator.Report report = new DocumentValidator().validate(payload);
            if (!report.valid()) {
                return printViolations(file, report.violations(), out());
            }
            OutboundTranslator writer = writerFor(report.type());
            if (writer == null) {
                err().println(file + ": " + report.type() + " has no EDIFACT translation"
                        + " (MANIFEST, DECLARATION_RECEIPT, MANIFEST_RECEIPT and CONTAINER_EVENT have)");
                return 2;
            }
            progress.step("translating " + report.type() + " to UN/EDIFACT");
            translation = writer.fromNative(report.type(), payload);
        }
        if (!translation.ok()) {
            return printViolations(file, translation.violations(), out());
        }
        out().write(translation.payload(), 0, translation.payload().length);
        out().flush();
        progress.step("wrote " + translation.payload().length / 1024 + " KiB");
        return 0;
    }

    /**
     * An interchange of several messages, translated message by message as the gateway takes it in: each translation
     * after a comment naming its message, each refusal with its own violations; 1 when any message was refused.
     */
    private int translateEach(InterchangeSplit split, Progress progress) {
        EdifactTranslator translator = new EdifactTranslator();
        int refused = 0;
        for (MessagePart message : split.messages()) {
            progress.step("translating message " + message.messageReference() + " (" + message.messageType() + ") to XML");
            Translation translation = translator.toNative(message.payload());
            String name = "message " + message.messageReference() + " (UNH 0062, " + message.messageType() + ")";
            if (translation.ok()) {
                out().println("<!-- " + file + ", " + name + " -->");
                out().write(translation.payload(), 0, translation.payload().length);
                out().println();
            } else {
                refused++;
                printViolations(file + ", " + name, translation.violations(), out());
            }
        }
        out().flush();
        progress.step("translated " + (split.messages().size() - refused) + " of " + split.messages().size() + " messages");
        return refused == 0 ? 0 : 1;
    }

    private static OutboundTranslator writerFor(DocumentType type) {
        for (OutboundTranslator writer : List.of(new CuscarWriter(), new CusresWriter(), new CodecoCoarriWriter())) {
            if (writer.translates(type)) {
                return writer;
            }
        }
        return null;
    }

    private static int printViolations(Object file, List<Violation> violations, PrintStream out) {
        out.println(file + ": NOT TRANSLATED, " + violations.size() + " violation(s)");
        for (Violation v : violations) {
            String where = (v.path() == null ? "" : " " + v.path()) + (v.line() == null ? "" : " [" + v.line()
                    + (v.column() == null ? "" : ":" + v.column()) + "]");
            out.println("  " + v.code() + where + ": " + v.message());
        }
        return 1;
    }
}
