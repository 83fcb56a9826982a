package org.casw.gateway.console;

import org.casw.gateway.api.AeoStatusController;
import org.casw.gateway.pki.CertificateInventory;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;

/** What the gateway trusts and signs with: its certificates with their expiry, and the AEO statuses partners sent. */
@Controller
@ConsolePage
class CertificatesPage {

    private final CertificateInventory certificates;
    private final AeoStatusController aeo;

    CertificatesPage(CertificateInventory certificates, AeoStatusController aeo) {
        this.certificates = certificates;
        this.aeo = aeo;
    }

    @GetMapping("/console/operator/certificates")
    String certificates(Model model) {
        model.addAttribute("certificates", certificates.all());
        model.addAttribute("warningDays", certificates.warningDays());
        return "console/certificates";
    }

    @GetMapping("/console/operator/aeo")
    String aeo(Model model) {
        model.addAttribute("statuses", aeo.statuses(null));
        return "console/aeo";
    }
}
