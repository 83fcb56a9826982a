package org.casw.gateway.transform;

import java.time.Clock;
import org.casw.gateway.config.GatewayProperties;
import org.casw.routes.partner.EdifactAgreement;
import org.casw.routes.registry.CertificateRegistry;
import org.casw.routes.transform.asean.acdd.AcddDeclarationTranslator;
import org.casw.routes.transform.asean.acdd.AcddResponseTranslator;
import org.casw.routes.transform.asean.eco.AswEcoInboundTranslator;
import org.casw.routes.transform.asean.eco.AswEcoOutboundTranslator;
import org.casw.routes.transform.asean.eco.IssuingCountries;
import org.casw.routes.transform.cnmanifest.CnManifestReader;
import org.casw.routes.transform.cnmanifest.CnManifestWriter;
import org.casw.routes.transform.edifact.CodecoCoarriWriter;
import org.casw.routes.transform.edifact.ContrlWriter;
import org.casw.routes.transform.edifact.ControlReferences;
import org.casw.routes.transform.edifact.CuscarWriter;
import org.casw.routes.transform.edifact.CusresWriter;
import org.casw.routes.transform.edifact.EdifactTranslator;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * The formats the gateway translates, available to every agreement's {@code formats}: UN/EDIFACT D.96B
 * (CUSCAR, CODECO, COARRI in; CUSCAR, CUSRES, CODECO, COARRI and the gateway's CONTRL out), WCO-ACDD (export declarations out, customs
 * responses in), ASW-ECO (certificates of origin and utilization notices, both ways) and CN-MANIFEST (China's own
 * manifest messages and customs' responses, both ways). The EDIFACT writers address each receiver from its
 * agreement, dated by the real clock (not the business clock documents are judged by), with control references kept
 * per recipient in the database.
 */
@Configuration(proxyBeanMethods = false)
public class TranslatorConfiguration {

    @Bean
    EdifactTranslator edifactTranslator(GatewayProperties properties) {
        return new EdifactTranslator((int) Math.min(Integer.MAX_VALUE, properties.maxPayloadSize().toBytes()));
    }

    @Bean
    CuscarWriter cuscarWriter(ControlReferences controlReferences) {
        return new CuscarWriter(Clock.systemUTC(), controlReferences);
    }

    @Bean
    CodecoCoarriWriter codecoCoarriWriter(ControlReferences controlReferences) {
        return new CodecoCoarriWriter(EdifactAgreement.GATEWAY_ID, Clock.systemUTC(), controlReferences);
    }

    @Bean
    CusresWriter cusresWriter(ControlReferences controlReferences) {
        return new CusresWriter(Clock.systemUTC(), controlReferences);
    }

    /** The interchange reports the gateway issues, as CONTRL to parties that send EDIFACT. */
    @Bean
    ContrlWriter contrlWriter(ControlReferences controlReferences) {
        return new ContrlWriter(controlReferences);
    }

    @Bean
    AcddDeclarationTranslator acddDeclarationTranslator() {
        return new AcddDeclarationTranslator();
    }

    @Bean
    AcddResponseTranslator acddResponseTranslator() {
        return new AcddResponseTranslator();
    }

    @Bean
    AswEcoOutboundTranslator aswEcoOutboundTranslator(CertificateRegistry certificates) {
        return new AswEcoOutboundTranslator(IssuingCountries.from(certificates));
    }

    @Bean
    AswEcoInboundTranslator aswEcoInboundTranslator() {
        return new AswEcoInboundTranslator();
    }

    @Bean
    CnManifestReader cnManifestReader() {
        return new CnManifestReader();
    }

    @Bean
    CnManifestWriter cnManifestWriter() {
        return new CnManifestWriter();
    }
}
