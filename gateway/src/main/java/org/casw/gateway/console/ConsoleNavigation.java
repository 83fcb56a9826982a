package org.casw.gateway.console;

import java.util.List;
import java.util.stream.Stream;
import jakarta.servlet.http.HttpServletRequest;
import org.casw.routes.partner.PartnerDirectory;
import org.casw.routes.partner.PartnerProfile;
import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;

/** The menu and the person's name on every console page: operators and parties have their own views. */
@ControllerAdvice(annotations = ConsolePage.class)
class ConsoleNavigation {

    /** One menu entry; {@code label} is a message key. */
    public record Item(String key, String path, String label) {
    }

    static final List<Item> OPERATOR = List.of(
            new Item("dashboard", "/console/operator/dashboard", "nav.dashboard"),
            new Item("messages", "/console/messages", "nav.messages"),
            new Item("failed", "/console/operator/failed", "nav.failed"),
            new Item("partners", "/console/operator/partners", "nav.partners"),
            new Item("certificates", "/console/operator/certificates", "nav.certificates"),
            new Item("aeo", "/console/operator/aeo", "nav.aeo"),
            new Item("track", "/console/track", "nav.track"));

    static final List<Item> PARTY = List.of(
            new Item("upload", "/console/party/upload", "nav.upload"),
            new Item("messages", "/console/messages", "nav.myMessages"),
            new Item("track", "/console/track", "nav.track"));

    private final PartnerDirectory partners;
    private final List<Item> operatorMenu;

    ConsoleNavigation(PartnerDirectory partners, List<ConsoleMenuEntry> added) {
        this.partners = partners;
        this.operatorMenu = Stream.concat(OPERATOR.stream(), added.stream().map(e -> new Item(e.key(), e.path(), e.label()))).toList();
    }

    @ModelAttribute
    void navigation(org.springframework.ui.Model model, Authentication who, HttpServletRequest request) {
        model.addAttribute("consolePath", request.getRequestURI());
        if (who == null || who instanceof AnonymousAuthenticationToken) {
            return;
        }
        Viewer viewer = Viewer.of(who);
        model.addAttribute("consoleNav", viewer.operator() ? operatorMenu : PARTY);
        model.addAttribute("consoleUser", viewer.operator() ? viewer.name().substring("operator:".length())
                : partners.find(viewer.name()).map(PartnerProfile::name).orElse(viewer.name()) + " (" + viewer.name() + ")");
        model.addAttribute("viewer", viewer);
    }
}
