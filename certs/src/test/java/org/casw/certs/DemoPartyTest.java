package org.casw.certs;

import java.util.Arrays;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The fixed cast of the demo exchange and the key family names. */
class DemoPartyTest {

    @Test
    void demoPartiesAreTheGatewayEnterpriseCustomsPortRailAndThreeNationalSingleWindows() {
        assertThat(Arrays.stream(DemoParty.values()).map(DemoParty::partyId)).containsExactly(
                "CASW-GATEWAY", "DEMO-ENTERPRISE", "CN-CUSTOMS", "PORT-QINZHOU", "RAIL-QINZHOU", "SG-NSW", "MY-NSW", "TH-NSW");
        assertThat(DemoParty.DEMO_ENTERPRISE.displayName()).isEqualTo("Qinzhou Demo Import & Export Co., Ltd.");
        assertThat(DemoParty.SG_NSW.country()).isEqualTo("SG");
        assertThat(DemoParty.MY_NSW.role()).isEqualTo(PartyRole.NATIONAL_SINGLE_WINDOW);
        assertThat(DemoParty.RAIL_QINZHOU.role()).isEqualTo(PartyRole.RAIL);
    }

    @Test
    void partiesAreFoundByPartyId() {
        assertThat(DemoParty.byId("PORT-QINZHOU")).contains(DemoParty.PORT_QINZHOU);
        assertThat(DemoParty.byId("PORT_QINZHOU")).isEmpty();
    }

    @Test
    void keyFamiliesAreFoundBySuffix() {
        assertThat(KeyFamily.fromSuffix("sm2")).isEqualTo(KeyFamily.SM2);
        assertThat(Arrays.stream(KeyFamily.values()).map(KeyFamily::suffix)).containsExactly("ec", "rsa", "sm2");
        assertThatThrownBy(() -> KeyFamily.fromSuffix("dsa")).isInstanceOf(IllegalArgumentException.class);
    }
}
