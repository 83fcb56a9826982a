package org.casw.gateway.cli;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code validate [--format text|json] FILE...}: the gateway's own checks (well-formedness, document type, schema,
 * business rules) on local files, without starting the gateway.
 */
@Command(name = "validate", mixinStandardHelpOptions = true, versionProvider = GatewayVersion.class,
        description = "Check documents as the gateway does (well-formedness, document type, schema, business rules), without a gateway.",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {"0:every file is valid", "1:a file is not valid", "2:usage or read error"})
public final class ValidateCommand extends ConsoleCommand implements Callable<Integer> {

    /** How the results are printed. */
    enum Format { text, json }

    @Option(names = "--format", defaultValue = "text", paramLabel = "text|json", description = "text or json (default: ${DEFAULT-VALUE})")
    Format format;

    @Parameters(arity = "1..*", paramLabel = "FILE", description = "documents to check")
    List<Path> files;

    public static int run(String[] args, PrintStream out, PrintStream err) {
        return GatewayCommandLine.execute(new CommandLine(new ValidateCommand()), args, out, err);
    }

    @Override
    public Integer call() {
        DocumentValidator validator = new DocumentValidator();
        List<Map<String, Object>> results = new ArrayList<>();
        boolean allValid = true;
        for (Path file : files) {
            byte[] payload;
            try {
                payload = Files.readAllBytes(file);
            } catch (IOException e) {
                err().println(file + ": cannot be read (" + e.getMessage() + ")");
                return 2;
            }
            DocumentValidator.Report report = validator.validate(payload);
            allValid &= report.valid();
            if (format == Format.json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("file", file.toString());
                result.put("type", report.type() == null ? null : report.type().name());
                result.put("messageId", report.messageId());
                result.put("valid", report.valid());
                result.put("violations", report.violations());
                results.add(result);
            } else {
                print(file, report, out());
            }
        }
        if (format == Format.json) {
            try {
                out().println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return allValid ? 0 : 1;
    }

    private static void print(Path file, DocumentValidator.Report report, PrintStream out) {
        String what = report.type() == null ? "" : " (" + report.type() + (report.messageId() == null ? "" : " " + report.messageId())
                + ")";
        if (report.valid()) {
            out.println(file + ": OK" + what);
            return;
        }
        out.println(file + ": INVALID" + what + ", " + report.violations().size() + " violation(s)");
        for (Violation v : report.violations()) {
            String where = (v.path() == null ? "" : " " + v.path()) + (v.line() == null ? "" : " [" + v.line() + ":" + v.column() + "]");
            out.println("  " + v.code() + where + ": " + v.message());
        }
    }
}
