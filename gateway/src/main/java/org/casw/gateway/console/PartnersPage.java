package org.casw.gateway.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.casw.gateway.api.OperatorActions;
import org.casw.gateway.observability.PartnerBacklog;
import org.casw.gateway.observability.PartnerQueue;
import org.casw.gateway.partner.PartnerSuspensions;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.server.ResponseStatusException;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Partners with their agreement and the health of their channel (deliveries waiting, failed, last delivered), and
 * suspend or resume: suspending pauses delivery, the documents wait in the durable queue.
 */
@Controller
@ConsolePage
class PartnersPage {

    /**
     * One partner as the page shows it: its agreement, whether it is suspended, and its channel's health, what waits in
     * its queue and for how long (from the broker), its dead letters, and when it last took a delivery.
     */
    public record PartnerRow(PartnerProfile profile, boolean suspended, PartnerQueue queue, Instant lastDelivered) {
    }

    private final PartnerDirectory partners;
    private final PartnerSuspensions suspensions;
    private final PartnerBacklog backlog;
    private final OperatorActions actions;
    private final JdbcTemplate jdbc;

    PartnersPage(PartnerDirectory partners, PartnerSuspensions suspensions, PartnerBacklog backlog, OperatorActions actions,
            JdbcTemplate jdbc) {
        this.partners = partners;
        this.suspensions = suspensions;
        this.backlog = backlog;
        this.actions = actions;
        this.jdbc = jdbc;
    }

    @GetMapping("/console/operator/partners")
    String partners(Model model) {
        // suspensions as they are this instant (the backlog's reading may be a second old, and the page follows a click)
        Set<String> suspended = suspensions.suspended();
        List<PartnerRow> rows = partners.all().stream().sorted(Comparator.comparing(PartnerProfile::id))
                .map(p -> new PartnerRow(p, p.suspended() || suspended.contains(p.id()), backlog.queue(p.id()), lastDelivered(p.id())))
                .toList();
        model.addAttribute("partners", rows);
        return "console/partners";
    }

    /** Among its latest documents (the receiver index), when the newest delivered one was last updated. */
    private Instant lastDelivered(String party) {
        Timestamp at = jdbc.queryForObject("""
                select max(updated_at) from (select updated_at, status from message where receiver = ?
                                             order by received_at desc limit 200) latest
                where status in ('DELIVERED', 'ACKNOWLEDGED')""", Timestamp.class, party);
        return at == null ? null : at.toInstant();
    }

    @PostMapping("/console/operator/partners/{partyId}/suspend")
    String suspend(@PathVariable String partyId, Authentication operator, RedirectAttributes redirect) throws Exception {
        known(partyId);
        actions.suspend(partyId, operator.getName());
        redirect.addFlashAttribute("changed", "partners.suspended");
        redirect.addFlashAttribute("changedParty", partyId);
        return "redirect:/console/operator/partners";
    }

    @PostMapping("/console/operator/partners/{partyId}/resume")
    String resume(@PathVariable String partyId, RedirectAttributes redirect) throws Exception {
        known(partyId);
        actions.resume(partyId);
        redirect.addFlashAttribute("changed", "partners.resumed");
        redirect.addFlashAttribute("changedParty", partyId);
        return "redirect:/console/operator/partners";
    }

    private void known(String partyId) {
        if (partners.find(partyId).isEmpty()) {
            throw new ResponseStatusException(HttpStatus.NOT_FOUND);
        }
    }
}
