package org.casw.sandbox;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casw.certs.DevPki;
import org.casw.gateway.config.GatewayProperties;
import org.casw.gateway.partner.ConfiguredPartners;
import org.casw.routes.delivery.HttpChannel;
import org.casw.routes.signature.SigningProfile;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.core.env.Environment;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.context.request.async.DeferredResult;

/**
 * Sandbox partner single windows on loopback (sandbox.sg-nsw, sandbox.my-nsw): each receives
 * over HTTP what the gateway delivers to its party (certificates of origin for imports into its country,
 * utilization notices of certificates it issued), checks the gateway's signature and acknowledges it; on
 * request it issues a certificate of origin for an export to China, signed with its development key as its
 * agreement requires, and submits it through the gateway's API as its party. The windows themselves are
 * {@link SandboxWindow}s, the same the standalone {@code sandbox} command runs.
 */
@RestController
@RequestMapping("/sandbox/windows")
@ConditionalOnExpression("${sandbox.sg-nsw.enabled:false} or ${sandbox.my-nsw.enabled:false}")
public class SandboxWindows implements AutoCloseable {

    /** The setting names of the sandbox windows ({@code sandbox.<name>}). */
    static final List<String> NAMES = List.of("sg-nsw", "my-nsw");

    private final Map<String, SandboxWindow> windows = new LinkedHashMap<>();

    public SandboxWindows(GatewayProperties properties, SandboxProperties sandbox, ConfiguredPartners partners,
            ObjectProvider<DevPki> devPki, Environment environment) {
        LoopbackGateway gateway = new LoopbackGateway(environment);
        long lateMillis = properties.deliveryTimeout().toMillis() + 1_000L;
        Map<String, SandboxProperties.Partner> configured = sandbox.byName();
        for (String name : NAMES) {
            SandboxProperties.Partner settings = configured.get(name);
            if (!settings.enabled()) {
                continue;
            }
            SandboxParty party = SandboxParty.of(name, settings, partners, true);
            DevPki pki = devPki.getIfAvailable();
            if (pki == null) {
                throw new IllegalStateException("sandbox." + name + " signs with its development key: it needs gateway.dev-pki=true");
            }
            GatewayProperties.Partner agreement = properties.partners().get(party.partyId());
            SigningProfile profile = SigningProfile.of(agreement.signatures().signWith() == null ? "xmldsig-ecdsa-sha256"
                    : agreement.signatures().signWith());
            SandboxWindow.Identity who = new SandboxWindow.Identity(name, party.partyId(), party.profile().country(), settings);
            // it trusts the development roots, which the gateway's own development keys chain to
            windows.put(party.partyId(), SandboxWindow.withDevelopmentKey(who, profile, pki, List.of(), lateMillis, gateway));
        }
    }

    /** A window's inbox: acknowledges each delivery whose signature verifies (HTTP 200) unless a fault is injected; counts repeats. */
    /** The windows by party id, for the console's sandbox page. */
    Map<String, SandboxWindow> windows() {
        return windows;
    }

    @PostMapping("/{party}/inbox")
    public DeferredResult<ResponseEntity<String>> receive(@PathVariable String party,
            @RequestHeader(name = HttpChannel.TRACKING_HEADER, required = false) String trackingId,
            @RequestHeader(name = "X-SW-Document-Type", defaultValue = "") String documentType, @RequestBody byte[] payload) {
        SandboxWindow window = windows.get(party);
        // long enough for the timeout fault, which answers after the gateway stopped waiting
        DeferredResult<ResponseEntity<String>> result = new DeferredResult<>(10 * 60_000L);
        if (window == null) {
            result.setResult(ResponseEntity.status(HttpStatus.NOT_FOUND).body("no sandbox window " + party));
            return result;
        }
        // the deferred result carries the outcome; the future returned by whenComplete has nothing more to say
        var unused = window.receive(trackingId, documentType, payload).whenComplete((answer, failure) -> result.setResult(failure != null
                ? ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).body("sandbox " + party + " stopped")
                : ResponseEntity.status(answer.status()).contentType(MediaType.TEXT_PLAIN).body(answer.body())));
        return result;
    }

    /** What a window accepted: per tracking id, the document type, its verified signer and how often it was delivered. */
    @GetMapping("/{party}/inbox")
    public ResponseEntity<Map<String, Map<String, Object>>> inbox(@PathVariable String party) {
        SandboxWindow window = windows.get(party);
        return window == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(window.inbox());
    }

    /** What a window refused, with the reasons (signature violations). */
    @GetMapping("/{party}/refused")
    public ResponseEntity<Map<String, Map<String, Object>>> refused(@PathVariable String party) {
        SandboxWindow window = windows.get(party);
        return window == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(window.refused());
    }

    /**
     * The window issues a certificate of origin (ACFTA Form E) for an export from its country to China,
     * signs it and submits it through the gateway. Answers with the certificate number and the gateway's answer.
     */
    @PostMapping("/{party}/certificates")
    public ResponseEntity<Map<String,
            Object>> issue(@PathVariable String party, @RequestBody(required = false) CertificateRequest request) {
        SandboxWindow window = windows.get(party);
        if (window == null) {
            return ResponseEntity.notFound().build();
        }
        SandboxWindow.Issued issued = window.issue(request);
        return ResponseEntity.status(issued.status()).body(issued.view());
    }

    /** The window sends its AEO status notice (AEO mutual recognition) through the gateway; JSON body optional. */
    @PostMapping("/{party}/aeo")
    public ResponseEntity<Map<String,
            Object>> notifyAeo(@PathVariable String party, @RequestBody(required = false) AeoNoticeRequest request) {
        SandboxWindow window = windows.get(party);
        if (window == null) {
            return ResponseEntity.notFound().build();
        }
        SandboxWindow.Issued sent = window.notifyAeo(request);
        return ResponseEntity.status(sent.status()).body(sent.view());
    }

    /** A window's settings and how many faults it injected. */
    @GetMapping("/{party}")
    public ResponseEntity<Map<String, Object>> status(@PathVariable String party) {
        SandboxWindow window = windows.get(party);
        return window == null ? ResponseEntity.notFound().build() : ResponseEntity.ok(window.status());
    }

    @Override
    public void close() {
        windows.values().forEach(SandboxWindow::close);
    }
}
