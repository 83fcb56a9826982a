package org.casw.gateway.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casw.routes.validation.DocumentValidator;
import org.casw.routes.validation.Violation;

/**
 * {@code validate [--format text|json] FILE...}: the gateway's own checks (well-formedness, document
 * type, schema, business rules) on local files, without starting the gateway. Exit 0 when every file
 * is valid, 1 when any is not, 2 on a usage or read error.
 */
public final class ValidateCommand {

    private ValidateCommand() {
    }

    public static int run(String[] args, PrintStream out, PrintStream err) {
        boolean json = false;
        List<Path> files = new ArrayList<>();
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--format" -> {
                    if (i + 1 >= args.length || !List.of("text", "json").contains(args[i + 1])) {
                        err.println("--format takes 'text' or 'json'");
                        return 2;
                    }
                    json = args[++i].equals("json");
                }
                case "-h", "--help" -> {
                    out.println("usage: validate [--format text|json] FILE...");
                    return 0;
                }
                default -> files.add(Path.of(args[i]));
            }
        }
        if (files.isEmpty()) {
            err.println("usage: validate [--format text|json] FILE...");
            return 2;
        }
        DocumentValidator validator = new DocumentValidator();
        List<Map<String, Object>> results = new ArrayList<>();
        boolean allValid = true;
        for (Path file : files) {
            byte[] payload;
            try {
                payload = Files.readAllBytes(file);
            } catch (IOException e) {
                err.println(file + ": cannot be read (" + e.getMessage() + ")");
                return 2;
            }
            DocumentValidator.Report report = validator.validate(payload);
            allValid &= report.valid();
            if (json) {
                Map<String, Object> result = new LinkedHashMap<>();
                result.put("file", file.toString());
                result.put("type", report.type() == null ? null : report.type().name());
                result.put("messageId", report.messageId());
                result.put("valid", report.valid());
                result.put("violations", report.violations());
                results.add(result);
            } else {
                print(file, report, out);
            }
        }
        if (json) {
            try {
                out.println(new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValueAsString(results));
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
        }
        return allValid ? 0 : 1;
    }

    private static void print(Path file, DocumentValidator.Report report, PrintStream out) {
        String what = report.type() == null ? "" : " (" + report.type() + (report.messageId() == null ? "" : " " + report.messageId()) + ")";
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
