package org.casw.gateway.console;

import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The way in: the login page, then each person's first view (the dashboard for operators, the upload for parties). */
@Controller
@ConsolePage
class ConsoleHome {

    @GetMapping("/console")
    String home(Authentication who) {
        return "redirect:" + (Viewer.of(who).operator() ? "/console/operator/dashboard" : "/console/party/upload");
    }

    @GetMapping(ConsoleSecurity.LOGIN)
    String login(@RequestParam(required = false) String error, Model model) {
        // only the codes the sign-in gives: nothing from the query string reaches the page as text
        model.addAttribute("error", "PARTY_SUSPENDED".equals(error) ? "login.suspended"
                : "TOO_MANY_ATTEMPTS".equals(error) ? "login.locked" : error != null ? "login.failed" : null);
        return "console/login";
    }
}
