package org.casw.routes.delivery;

import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Arrays;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.PartnerProfile;

/**
 * Delivery into a party's drop directory, for systems that exchange files. Each document is written
 * under a hidden temporary name and renamed to {@code <trackingId>.xml} (or {@code .edi}), so the
 * party never reads half a file; a redelivery of a file already there with the same bytes is a no-op.
 */
public class FileDropChannel implements PartnerChannel {

    @Override
    public DeliveryChannel kind() {
        return DeliveryChannel.FILE;
    }

    @Override
    public String deliver(PartnerProfile partner, Outbound outbound) throws IOException {
        Path directory = Path.of(partner.deliveryDirectory());
        Files.createDirectories(directory);
        String extension = HttpChannel.contentType(outbound.payload()).equals("application/EDIFACT") ? ".edi" : ".xml";
        Path target = directory.resolve(outbound.trackingId() + extension);
        if (Files.exists(target) && Arrays.equals(Files.readAllBytes(target), outbound.payload())) {
            return "already in " + target;
        }
        Path temporary = directory.resolve("." + outbound.trackingId() + extension + ".part");
        Files.write(temporary, outbound.payload());
        try {
            Files.move(temporary, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(temporary, target, StandardCopyOption.REPLACE_EXISTING);
        }
        return "written to " + target;
    }
}
