package org.casw.gateway.console;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.casw.gateway.api.OperatorActions;
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

    /** One partner as the page shows it. */
    public record PartnerRow(PartnerProfile profile, boolean suspended, long waiting, long failed, Instant lastDelivered) {
    }

    private final PartnerDirectory partners;
    private final PartnerSuspensions suspensions;
    private final OperatorActions actions;
    private final JdbcTemplate jdbc;

    PartnersPage(PartnerDirectory partners, PartnerSuspensions suspensions, OperatorActions actions, JdbcTemplate jdbc) {
        this.partners = partners;
        this.suspensions = suspensions;
        this.actions = actions;
        this.jdbc = jdbc;
    }

    @GetMapping("/console/operator/partners")
    String partners(Model model) {
        Set<String> suspended = suspensions.suspended();
        // only the waiting and failed rows are counted (the status index finds them); delivered ones are the bulk
        Map<String, Health> health = jdbc.query("""
                select receiver, count(*) filter (where status = 'QUEUED'), count(*) filter (where status = 'FAILED')
                from message where status in ('QUEUED', 'FAILED') and receiver is not null group by receiver""",
                (rs, n) -> new Health(rs.getString(1), rs.getLong(2), rs.getLong(3), null))
                .stream().collect(Collectors.toMap(Health::party, Function.identity()));
        List<PartnerRow> rows = partners.all().stream().sorted(Comparator.comparing(PartnerProfile::id)).map(p -> {
            Health h = health.getOrDefault(p.id(), new Health(p.id(), 0, 0, null));
            return new PartnerRow(p, p.suspended() || suspended.contains(p.id()), h.waiting(), h.failed(), lastDelivered(p.id()));
        }).toList();
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

    private record Health(String party, long waiting, long failed, Instant lastDelivered) {
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
