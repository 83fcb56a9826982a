package org.casw.gateway.api;

import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import org.casw.gateway.persistence.JdbcAeoRegistry;
import org.casw.routes.aeo.AeoRecognition;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/** The AEO statuses the gateway holds under mutual recognition, for operators: which give the fast lane today. */
@RestController
public class AeoStatusController {

    private static final ZoneId CHINA = ZoneId.of("Asia/Shanghai");

    private final JdbcAeoRegistry registry;
    private final AeoRecognition recognition;
    private final Clock businessClock;

    /** @param businessClock gives "today", as for the lane a declaration takes */
    public AeoStatusController(JdbcAeoRegistry registry, AeoRecognition recognition, Clock businessClock) {
        this.registry = registry;
        this.recognition = recognition;
        this.businessClock = businessClock;
    }

    /** One enterprise's status; {@code fastLane}: recognised programme, VALID and in force today (China time). */
    public record Held(String issuingCountry, String programme, String enterpriseId, String name, String authorisationNo, String status,
            LocalDate validFrom, LocalDate validUntil, String noticeId, boolean recognised, boolean fastLane) {
    }

    @GetMapping("/api/v1/aeo-statuses")
    public List<Held> statuses(@RequestParam(required = false) String country) {
        LocalDate today = LocalDate.now(businessClock.withZone(CHINA));
        return registry.all().stream().filter(s -> country == null || country.equals(s.issuingCountry())).map(s -> {
            boolean recognised = recognition.recognises(s.issuingCountry(), s.programme());
            return new Held(s.issuingCountry(), s.programme(), s.enterpriseId(), s.name(), s.authorisationNo(), s.status(), s.validFrom(),
                    s.validUntil(), s.noticeId(), recognised, recognised && s.inForceOn(today));
        }).toList();
    }
}
