package org.casw.bench.e2e.baseline;

import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.util.Map;
import javax.xml.crypto.KeySelector;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import org.apache.camel.Exchange;
import org.apache.camel.Message;
import org.apache.camel.builder.RouteBuilder;
import org.apache.camel.component.xmlsecurity.api.KeyAccessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.w3c.dom.Node;

/**
 * The naive baseline: the Camel route a user writes first for "validate, sign, queue durably, deliver",
 * on Spring Boot and component defaults. camel-validator against the declaration XSD, camel-xmlsecurity
 * enveloped ECDSA P-256 signature with the JDK's provider, one persistent JMS send per message on
 * embedded Artemis, and one JMS consumer posting each to the partner with camel-http.
 * Nothing here is tuned on purpose; it is what the gateway is measured against.
 */
@SpringBootApplication(scanBasePackages = "org.casw.bench.e2e.baseline")
public class NaiveBaselineApplication {

    public static void main(String[] args) {
        SpringApplication app = new SpringApplication(NaiveBaselineApplication.class);
        // durable, as the gateway is: Spring Boot's embedded Artemis is in-memory unless told otherwise
        app.setDefaultProperties(Map.of(
                "spring.artemis.mode", "embedded",
                "spring.artemis.embedded.persistent", "true",
                "spring.main.banner-mode", "off",
                "camel.main.name", "naive-baseline"));
        app.run(args);
    }

    /** The signing key: a fresh P-256 pair per run, no KeyInfo (the partner does not verify here). */
    @Bean
    KeyAccessor baselineKeys() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
        generator.initialize(new ECGenParameterSpec("secp256r1"));
        KeyPair pair = generator.generateKeyPair();
        return new KeyAccessor() {
            @Override
            public KeySelector getKeySelector(Message message) {
                return KeySelector.singletonKeySelector(pair.getPrivate());
            }

            @Override
            public KeyInfo getKeyInfo(Message message, Node messageBody, KeyInfoFactory keyInfoFactory) {
                return null;
            }
        };
    }

    @Bean
    RouteBuilder naiveRoute() {
        return new RouteBuilder() {
            @Override
            public void configure() {
                from("servlet:messages?httpMethodRestrict=POST").routeId("naive-submit")
                        .to("validator:xsd/declaration.xsd")
                        .to("xmlsecurity-sign:declaration?keyAccessor=#baselineKeys"
                                + "&signatureAlgorithm=http://www.w3.org/2001/04/xmldsig-more%23ecdsa-sha256"
                                + "&parentLocalName=DecMessage&parentNamespace=http://www.chinaport.gov.cn/dec")
                        .to("jms:queue:baseline.outbound?exchangePattern=InOnly")
                        .setHeader(Exchange.HTTP_RESPONSE_CODE, constant(202))
                        .setBody(constant("accepted"));

                from("jms:queue:baseline.outbound").routeId("naive-deliver")
                        .removeHeaders("*")
                        .setHeader(Exchange.HTTP_METHOD, constant("POST"))
                        .setHeader(Exchange.CONTENT_TYPE, constant("application/xml"))
                        .to("{{baseline.partner-url}}");
            }
        };
    }
}
