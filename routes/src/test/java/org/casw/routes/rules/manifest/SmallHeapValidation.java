package org.casw.routes.rules.manifest;

import java.nio.file.Files;
import java.nio.file.Path;
import org.casw.routes.document.BusinessKeys;
import org.casw.routes.validation.DocumentValidator;
import org.casw.testsupport.SampleEra;

/** Run in a child JVM with a small heap: validates one file the way the gateway does and prints the outcome. */
public final class SmallHeapValidation {

    private SmallHeapValidation() {
    }

    public static void main(String[] args) throws Exception {
        byte[] payload = Files.readAllBytes(Path.of(args[0]));
        DocumentValidator validator = new DocumentValidator(null, SampleEra.CLOCK);
        DocumentValidator.Report report = validator.validate(payload);
        if (!report.valid()) {
            System.out.println("INVALID " + report.violations());
            System.exit(1);
        }
        long containers = validator.read(report.type(), payload).keys().all().stream()
                .filter(k -> k.kind() == BusinessKeys.Kind.CONTAINER_NO).count();
        System.out.println("OK " + report.type() + " containers=" + containers
                + " maxHeapMb=" + Runtime.getRuntime().maxMemory() / (1024 * 1024));
    }
}
