package org.casw.routes.delivery;

import java.io.IOException;
import java.nio.file.Path;
import org.casw.routes.partner.DeliveryChannel;
import org.casw.routes.partner.DropDirectory;
import org.casw.routes.partner.PartnerProfile;

/**
 * Delivery into a party's drop directory, for systems that exchange files. Each document is written
 * under a hidden temporary name and renamed to {@code <trackingId>.xml} (or {@code .edi}), so the
 * party never reads half a file; a redelivery of a file already there with the same bytes is a no-op.
 * The party shares the directory, so nothing it planted there (a link at either name) is followed.
 */
public class FileDropChannel implements PartnerChannel {

    @Override
    public DeliveryChannel kind() {
        return DeliveryChannel.FILE;
    }

    @Override
    public String deliver(PartnerProfile partner, Outbound outbound) throws IOException {
        DropDirectory directory = new DropDirectory(Path.of(partner.deliveryDirectory()));
        String extension = HttpChannel.contentType(outbound.payload()).equals("application/EDIFACT") ? ".edi" : ".xml";
        String name = outbound.trackingId() + extension;
        if (directory.holds(name, outbound.payload())) {
            return "already in " + directory.path().resolve(name);
        }
        return "written to " + directory.write(name, outbound.payload());
    }
}
