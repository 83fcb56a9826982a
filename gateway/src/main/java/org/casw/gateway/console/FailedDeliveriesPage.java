package org.casw.gateway.console;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.casw.gateway.api.MessageJson;
import org.casw.gateway.api.MessageSearch;
import org.casw.gateway.api.OperatorActions;
import org.casw.routes.ledger.MessageStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * Messages whose delivery failed, dead letters among them (the dead-letter route marks them FAILED), with retry of one
 * or of every one ticked. Each retry goes into the message's history under the operator's name.
 */
@Controller
@ConsolePage
class FailedDeliveriesPage {

    private final MessageSearch search;
    private final OperatorActions actions;
    private final JdbcTemplate jdbc;

    FailedDeliveriesPage(MessageSearch search, OperatorActions actions, JdbcTemplate jdbc) {
        this.search = search;
        this.actions = actions;
        this.jdbc = jdbc;
    }

    @GetMapping("/console/operator/failed")
    String failed(@RequestParam(required = false) String party, @RequestParam(defaultValue = "0") int page, Model model) {
        MessageJson.Page results = search.search(new MessageSearch.Criteria(null, null, MessageStatus.FAILED.name(), party, null,
                null, null, Math.max(page, 0), 100));
        model.addAttribute("results", results);
        // why each failed: the last attempt's error, as the ledger kept it
        Map<String, String> errors = new HashMap<>();
        jdbc.query("select tracking_id, last_error from message where tracking_id = any (?)",
                rs -> {
                    errors.put(rs.getString(1), rs.getString(2));
                }, (Object) results.items().stream().map(MessageJson.Summary::trackingId).toArray(String[]::new));
        model.addAttribute("errors", errors);
        model.addAttribute("party", party);
        return "console/failed";
    }

    @PostMapping("/console/operator/failed/retry")
    String retry(@RequestParam(name = "trackingId", required = false) List<String> ticked, @RequestParam(required = false) String one,
            @RequestParam(required = false) String back, Authentication operator, RedirectAttributes redirect) {
        // a row's own button retries that message alone, whatever else is ticked
        List<String> trackingIds = one != null ? List.of(one) : ticked == null ? List.of() : ticked;
        int retried = 0;
        int skipped = 0;
        for (String trackingId : trackingIds) {
            if (actions.retry(trackingId, operator.getName()) == OperatorActions.Retry.RETRIED) {
                retried++;
            } else {
                skipped++;
            }
        }
        redirect.addFlashAttribute("retried", retried);
        redirect.addFlashAttribute("skipped", skipped);
        // back to the message's own page when retried from there; never to another site
        boolean fromMessage = back != null && back.matches("/console/messages/[A-Za-z0-9-]{1,40}");
        return "redirect:" + (fromMessage ? back + "?retried" : "/console/operator/failed");
    }
}
