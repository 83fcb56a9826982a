package org.casw.gateway.api;

import java.util.List;
import org.casw.gateway.pki.CertificateInventory;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The gateway's certificates (signing keys and trust anchors) and when they expire. Public data only. */
@RestController
@RequestMapping("/api/v1/certificates")
public class CertificateController {

    private final CertificateInventory inventory;

    public CertificateController(CertificateInventory inventory) {
        this.inventory = inventory;
    }

    /** All certificates, soonest expiry first; {@code expiringWithinDays} narrows to those about to expire. */
    @GetMapping
    public List<CertificateInventory.Entry> list(@RequestParam(required = false) Integer expiringWithinDays) {
        return expiringWithinDays == null ? inventory.all() : inventory.expiringWithin(expiringWithinDays);
    }
}
