package org.casw.certs;

import java.util.Arrays;
import java.util.Optional;

/** The parties of the demo exchange that get development certificates. */
public enum DemoParty {

    GATEWAY("CASW-GATEWAY", "China-ASEAN Single Window Gateway", PartyRole.GATEWAY, "CN"),
    DEMO_ENTERPRISE("DEMO-ENTERPRISE", "Qinzhou Demo Import & Export Co., Ltd.", PartyRole.ENTERPRISE, "CN"),
    CN_CUSTOMS("CN-CUSTOMS", "China Customs", PartyRole.CUSTOMS, "CN"),
    PORT_QINZHOU("PORT-QINZHOU", "Qinzhou Port", PartyRole.PORT, "CN"),
    RAIL_QINZHOU("RAIL-QINZHOU", "Qinzhou Rail Freight", PartyRole.RAIL, "CN"),
    SG_NSW("SG-NSW", "Singapore National Single Window", PartyRole.NATIONAL_SINGLE_WINDOW, "SG"),
    MY_NSW("MY-NSW", "Malaysia National Single Window", PartyRole.NATIONAL_SINGLE_WINDOW, "MY"),
    TH_NSW("TH-NSW", "Thailand National Single Window", PartyRole.NATIONAL_SINGLE_WINDOW, "TH");

    private final String partyId;
    private final String displayName;
    private final PartyRole role;
    private final String country;

    DemoParty(String partyId, String displayName, PartyRole role, String country) {
        this.partyId = partyId;
        this.displayName = displayName;
        this.role = role;
        this.country = country;
    }

    /** Identifier used in messages, file names and the certificate's OU. */
    public String partyId() {
        return partyId;
    }

    /** English name, used as the certificate's CN. */
    public String displayName() {
        return displayName;
    }

    public PartyRole role() {
        return role;
    }

    /** ISO 3166 alpha-2 country code, used as the certificate's C. */
    public String country() {
        return country;
    }

    /** The demo party with this party id, if any. */
    public static Optional<DemoParty> byId(String partyId) {
        return Arrays.stream(values()).filter(p -> p.partyId.equals(partyId)).findFirst();
    }
}
