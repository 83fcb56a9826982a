package org.casw.routes.intake;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import org.apache.camel.Exchange;
import org.apache.camel.Processor;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.file.GenericFile;
import org.apache.camel.component.file.GenericFileFilter;
import org.casw.routes.partner.DropDirectory;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parties that exchange files drop documents into their own inbound directory: each file goes through
 * the same intake as the HTTP API, then moves to {@code .done/} (stored: the gateway answers for it) or
 * {@code .error/} (could not be stored: it will be taken again once moved back). The gateway receipt is
 * written to {@code .receipts/<file>.receipt.xml}. Files whose names start with a dot are not read, so
 * a party writes {@code .name.part} and renames it when complete. Only regular files are read; the
 * gateway writes and moves nothing through a link the party planted.
 */
public class FileDropRoutes extends RouteBuilder {

    private static final Logger log = LoggerFactory.getLogger(FileDropRoutes.class);

    /** The folders the gateway moves files and writes receipts into, inside each drop directory. */
    private static final String[] FOLDERS = {".done", ".error", ".receipts"};

    private final PartnerDirectory partners;
    private final GatewayReceipts receipts;
    private final long maxPayloadBytes;

    public FileDropRoutes(PartnerDirectory partners, GatewayReceipts receipts, long maxPayloadBytes) {
        this.partners = partners;
        this.receipts = receipts;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    @Override
    public void configure() {
        for (PartnerProfile partner : partners.all()) {
            if (partner.inboundDirectory() == null || partner.inboundDirectory().isBlank()) {
                continue;
            }
            DropDirectory inbox = new DropDirectory(Path.of(partner.inboundDirectory()));
            getContext().getRegistry().bind(filterName(partner), new FoldersAreReal(partner, inbox));
            // the file is moved only after the intake stored it; a crash before that reads it again, and the
            // sender's message id makes the second reading answer with the first tracking id
            fromF("file:%s?autoCreate=true&move=.done/${file:name}&moveFailed=.error/${file:name}"
                    + "&readLock=changed&readLockCheckInterval=200&readLockMinAge=200&delay=500&filter=#%s",
                    partner.inboundDirectory(), filterName(partner))
                    .routeId("files-" + partner.id())
                    .process(new DroppedFiles(partner, inbox, maxPayloadBytes))
                    .to(IntakeRoute.INTAKE)
                    .process(receiptFile(new DropDirectory(inbox.path().resolve(".receipts"))));
        }
    }

    private static String filterName(PartnerProfile partner) {
        return "dropFolders-" + partner.id();
    }

    /** Writes the gateway receipt as {@code .receipts/<file>.receipt.xml}: create-new, then renamed into place. */
    private Processor receiptFile(DropDirectory receiptFolder) {
        return (Exchange exchange) -> {
            IntakeResult result = exchange.getMessage().getBody(IntakeResult.class);
            receiptFolder.write(exchange.getProperty(DroppedFiles.FILE_NAME, String.class) + ".receipt.xml", receipts.write(result));
        };
    }

    /**
     * Takes no file while {@code .done}, {@code .error} or {@code .receipts} is a link (or not a directory): Camel
     * would move the party's file, or the gateway write its receipt, wherever the link points. Files wait until an
     * operator puts the folder right.
     */
    private static final class FoldersAreReal implements GenericFileFilter<File> {

        private final PartnerProfile partner;
        private final DropDirectory inbox;
        /** What was last reported, so a poll every half second does not repeat the warning. */
        private volatile List<String> reported = List.of();

        FoldersAreReal(PartnerProfile partner, DropDirectory inbox) {
            this.partner = partner;
            this.inbox = inbox;
        }

        @Override
        public boolean accept(GenericFile<File> file) {
            List<String> wrong = inbox.notRealDirectories(FOLDERS);
            if (!wrong.equals(reported)) {
                reported = wrong;
                if (!wrong.isEmpty()) {
                    log.warn("Drop directory of {} not read: {} in {} must be real directories, not links", partner.id(), wrong,
                            inbox.path());
                }
            }
            return wrong.isEmpty();
        }
    }
}
