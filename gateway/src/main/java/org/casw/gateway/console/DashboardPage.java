package org.casw.gateway.console;

import java.time.Clock;
import java.time.Instant;
import java.util.Map;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.gateway.pki.CertificateInventory;
import org.casw.routes.ledger.MessageStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The operator's dashboard: tiles that need acting on (failed, suspended, expiring, waiting), messages per minute,
 * latency and refusals. The tiles refresh by htmx, the chart from {@code figures} (JSON), both every 10 seconds.
 */
@Controller
@ConsolePage
class DashboardPage {

    private final DashboardFigures figures;
    private final PartnerSuspensions suspensions;
    private final CertificateInventory certificates;
    private final Clock clock = Clock.systemUTC();

    DashboardPage(DashboardFigures figures, PartnerSuspensions suspensions, CertificateInventory certificates) {
        this.figures = figures;
        this.suspensions = suspensions;
        this.certificates = certificates;
    }

    @GetMapping("/console/operator/dashboard")
    String dashboard(Model model) {
        tiles(model);
        model.addAttribute("statuses", MessageStatus.values());
        return "console/dashboard";
    }

    /** The tiles and tables alone, for the page's live refresh. */
    @GetMapping("/console/operator/dashboard/tiles")
    String tiles(Model model) {
        Instant now = clock.instant();
        model.addAttribute("failed", figures.failed());
        model.addAttribute("suspended", suspensions.suspended());
        model.addAttribute("expiring", certificates.expiringWithin(certificates.warningDays()));
        model.addAttribute("waiting", figures.waiting());
        model.addAttribute("latency", figures.latency(now));
        model.addAttribute("byType", figures.byType(now));
        model.addAttribute("refusals", figures.refusalsByCode(now));
        return "console/dashboard :: tiles";
    }

    @GetMapping("/console/operator/dashboard/figures")
    @ResponseBody
    Map<String, Object> chart() {
        DashboardFigures.PerMinute perMinute = figures.perMinute(clock.instant());
        return Map.of("minutes", perMinute.minutes(), "byStatus", perMinute.byStatus());
    }
}
