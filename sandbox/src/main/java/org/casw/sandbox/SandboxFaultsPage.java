package org.casw.sandbox;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.casw.gateway.console.ConsoleMenuEntry;
import org.casw.gateway.console.ConsolePage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.mvc.support.RedirectAttributes;

/**
 * The console's sandbox page on the default run: each sandbox partner's injected faults (error answers, timeouts,
 * invalid signatures), changed while it runs, so an operator or integrator can watch retries, dead letters and
 * refusals happen. Only where the sandbox partners are loaded, which the production profile never does.
 */
@Controller
@ConsolePage
class SandboxFaultsPage {

    private static final Logger log = LoggerFactory.getLogger(SandboxFaultsPage.class);

    /** One sandbox partner's faults as the page shows them; {@code signs}: whether it can send invalid signatures. */
    public record Row(String partyId, String sandbox, boolean signs, double errorRate, double timeoutRate, double invalidSignatureRate) {
    }

    private record Faulty(String partyId, String sandbox, boolean signs, FaultInjection faults) {
    }

    // each sandbox partner is there only when enabled
    private final ObjectProvider<SandboxCustoms> customs;
    private final ObjectProvider<SandboxPort> port;
    private final ObjectProvider<SandboxRail> rail;
    private final ObjectProvider<SandboxWindows> windows;

    SandboxFaultsPage(ObjectProvider<SandboxCustoms> customs, ObjectProvider<SandboxPort> port, ObjectProvider<SandboxRail> rail,
            ObjectProvider<SandboxWindows> windows) {
        this.customs = customs;
        this.port = port;
        this.rail = rail;
        this.windows = windows;
    }

    @Bean
    static ConsoleMenuEntry sandboxMenuEntry() {
        return new ConsoleMenuEntry("sandbox", "/console/operator/sandbox", "nav.sandbox");
    }

    @GetMapping("/console/operator/sandbox")
    String page(Model model) {
        model.addAttribute("sandboxes", all().stream().map(f -> new Row(f.partyId(), f.sandbox(), f.signs(), f.faults().errorRate(),
                f.faults().timeoutRate(), f.faults().invalidSignatureRate())).toList());
        port.ifAvailable(p -> model.addAttribute("discharged", p.discharged()));
        return "console/sandbox";
    }

    /** The sandbox port gates a discharged container out to rail, as the demo's step 8 does through its API. */
    @PostMapping("/console/operator/sandbox/port/gate-out")
    String gateOut(@RequestParam String container, Authentication operator, RedirectAttributes redirect) {
        SandboxPort terminal = port.getIfAvailable();
        var answer = terminal == null ? null : terminal.gateOut(new SandboxPort.GateOutRequest(container, null, null));
        if (answer != null && answer.getStatusCode().is2xxSuccessful()) {
            log.info("Sandbox port gate-out of {} asked by {}", container, operator.getName());
            redirect.addFlashAttribute("gatedOut", container);
        } else {
            redirect.addFlashAttribute("problem", "sandbox.notDischarged");
        }
        return "redirect:/console/operator/sandbox";
    }

    @PostMapping("/console/operator/sandbox/{partyId}")
    String change(@PathVariable String partyId, @RequestParam(defaultValue = "0") double errorRate,
            @RequestParam(defaultValue = "0") double timeoutRate, @RequestParam(defaultValue = "0") double invalidSignatureRate,
            Authentication operator, RedirectAttributes redirect) {
        Faulty faulty = all().stream().filter(f -> f.partyId().equals(partyId)).findFirst().orElse(null);
        if (faulty == null) {
            redirect.addFlashAttribute("problem", "sandbox.unknown");
        } else {
            try {
                faulty.faults().set(errorRate, timeoutRate, faulty.signs() ? invalidSignatureRate : 0);
                log.info("Sandbox {} faults set by {}: {}", partyId, operator.getName(), faulty.faults().describe());
                redirect.addFlashAttribute("changed", partyId);
            } catch (IllegalStateException e) {
                redirect.addFlashAttribute("problem", "sandbox.invalid");
            }
        }
        return "redirect:/console/operator/sandbox";
    }

    private List<Faulty> all() {
        List<Faulty> all = new ArrayList<>();
        customs.ifAvailable(c -> all.add(new Faulty(c.party().profile().id(), "customs", false, c.party().faults())));
        port.ifAvailable(p -> all.add(new Faulty(p.party.profile().id(), "port", false, p.party.faults())));
        rail.ifAvailable(r -> all.add(new Faulty(r.party.profile().id(), "rail", false, r.party.faults())));
        windows.ifAvailable(w -> w.windows().forEach((id, window) -> all.add(new Faulty(id, "window", true, window.faults()))));
        all.sort(Comparator.comparing(Faulty::partyId));
        return all;
    }
}
