package org.casw.gateway.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.casw.gateway.partner.PartnerAgreementFiles;
import org.springframework.util.unit.DataSize;

/**
 * {@link GatewayProperties} with application.yml's defaults, for tests that build the gateway's parts by hand: each
 * test names only what it is about (its partners, operators, signing identities, AS4 identity, limits, key secret).
 */
public final class GatewayPropertiesFixture {

    private Path dataDir = Path.of("data");
    private String agreements = PartnerAgreementFiles.DEFAULT_LOCATION;
    private Map<String, GatewayProperties.Partner> partners = Map.of();
    private Map<String, GatewayProperties.Operator> operators = Map.of();
    private GatewayProperties.Signing signing = new GatewayProperties.Signing(Map.of(), Map.of());
    private boolean devPki = true;
    private GatewayProperties.As4Gateway as4;
    private GatewayProperties.Limits limits;
    private GatewayProperties.ApiKeySecret apiKeys;

    private GatewayPropertiesFixture() {
    }

    public static GatewayPropertiesFixture with(Map<String, GatewayProperties.Partner> partners) {
        GatewayPropertiesFixture properties = new GatewayPropertiesFixture();
        properties.partners = partners;
        return properties;
    }

    public GatewayPropertiesFixture dataDir(Path dataDir) {
        this.dataDir = dataDir;
        return this;
    }

    public GatewayPropertiesFixture agreements(String agreements) {
        this.agreements = agreements;
        return this;
    }

    public GatewayPropertiesFixture operators(Map<String, GatewayProperties.Operator> operators) {
        this.operators = operators;
        return this;
    }

    public GatewayPropertiesFixture signing(GatewayProperties.Signing signing) {
        this.signing = signing;
        return this;
    }

    public GatewayPropertiesFixture devPki(boolean devPki) {
        this.devPki = devPki;
        return this;
    }

    public GatewayPropertiesFixture as4(GatewayProperties.As4Gateway as4) {
        this.as4 = as4;
        return this;
    }

    public GatewayPropertiesFixture limits(GatewayProperties.Limits limits) {
        this.limits = limits;
        return this;
    }

    public GatewayPropertiesFixture apiKeys(GatewayProperties.ApiKeySecret apiKeys) {
        this.apiKeys = apiKeys;
        return this;
    }

    public GatewayProperties build() {
        return new GatewayProperties(dataDir, agreements, DataSize.ofMegabytes(10), 2, 4, Duration.ofSeconds(30), partners,
                new GatewayProperties.Broker(10, Duration.ofSeconds(1), 2.0, Duration.ofMinutes(5), "", 0.2, null, Duration.ofNanos(100_000)),
                new GatewayProperties.EmbeddedDatabase(0), signing, operators, new GatewayProperties.Certificates(30), devPki,
                GatewayProperties.Aeo.none(), as4, limits, apiKeys, null, null);
    }
}
