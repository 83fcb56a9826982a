package org.casw.gateway.console;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.casw.gateway.observability.PartnerBacklog;
import org.casw.gateway.observability.PartnerQueue;
import org.casw.gateway.pki.CertificateInventory;
import org.casw.routes.document.DocumentType;
import org.casw.routes.ledger.MessageStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;

/**
 * The operator's dashboard: tiles that need acting on (dead letters, suspended partners, expiring certificates,
 * backlogs), messages per minute, latency and refusals. The tiles refresh by htmx, the chart from {@code figures}
 * (JSON), both every 10 seconds; one reading serves every operator looking for {@link #FRESH}, so ten open dashboards
 * cost the ledger what one does.
 */
@Controller
@ConsolePage
class DashboardPage {

    static final Duration FRESH = Duration.ofSeconds(5);

    /** One reading of the ledger's figures for the last hour. */
    private record Reading(Instant at, long failed, DashboardFigures.Latency latency, Map<String, Long> byType,
            Map<String, Long> refusals, DashboardFigures.PerMinute perMinute) {
    }

    private final DashboardFigures figures;
    private final PartnerBacklog backlog;
    private final CertificateInventory certificates;
    private final Clock clock = Clock.systemUTC();
    private Reading last;

    DashboardPage(DashboardFigures figures, PartnerBacklog backlog, CertificateInventory certificates) {
        this.figures = figures;
        this.backlog = backlog;
        this.certificates = certificates;
    }

    @GetMapping("/console/operator/dashboard")
    String dashboard(Model model) {
        tiles(model);
        model.addAttribute("statuses", MessageStatus.values());
        model.addAttribute("types", DocumentType.values());
        return "console/dashboard";
    }

    /** The tiles and tables alone, for the page's live refresh. */
    @GetMapping("/console/operator/dashboard/tiles")
    String tiles(Model model) {
        Reading reading = reading();
        List<PartnerQueue> queues = backlog.queues();
        Set<String> suspended = backlog.suspended();
        model.addAttribute("deadLetters", backlog.deadLettersTotal() + backlog.unprocessedDeadLetters());
        model.addAttribute("failed", reading.failed());
        model.addAttribute("suspended", suspended);
        model.addAttribute("expiring", certificates.expiringWithin(certificates.warningDays()));
        // partners with something waiting or dead-lettered, or whose queue the broker could not report
        model.addAttribute("queues", queues.stream().filter(q -> q.depth() != 0 || q.deadLetters() > 0).toList());
        model.addAttribute("latency", reading.latency());
        model.addAttribute("byType", reading.byType());
        model.addAttribute("refusals", reading.refusals());
        return "console/dashboard :: tiles";
    }

    @GetMapping("/console/operator/dashboard/figures")
    @ResponseBody
    Map<String, Object> chart() {
        DashboardFigures.PerMinute perMinute = reading().perMinute();
        return Map.of("minutes", perMinute.minutes(), "byStatus", perMinute.byStatus(), "byType", perMinute.byType());
    }

    private synchronized Reading reading() {
        Instant now = clock.instant();
        if (last == null || last.at().plus(FRESH).isBefore(now)) {
            last = new Reading(now, figures.failed(), figures.latency(now), figures.byType(now), figures.refusalsByCode(now),
                    figures.perMinute(now));
        }
        return last;
    }
}
