package org.casw.gateway.as4;

import com.helger.phase4.model.pmode.IPModeIDProvider;
import com.helger.phase4.profile.AS4Profile;
import com.helger.phase4.profile.IAS4ProfileRegistrar;
import com.helger.phase4.profile.IAS4ProfileRegistrarSPI;

/**
 * Registers the gateway's AS4 profile the way phase4 finds profiles: as a service
 * ({@code META-INF/services/com.helger.phase4.profile.IAS4ProfileRegistrarSPI}) that its profile manager loads when it
 * is made. Registered afterwards instead, the manager had already found none and warned "No AS4 profile is registered"
 * on every start.
 */
public final class As4ProfileRegistrar implements IAS4ProfileRegistrarSPI {

    @Override
    public void registerAS4Profile(IAS4ProfileRegistrar registrar) {
        registrar.registerProfile(profile());
    }

    /**
     * phase4-profile-eudelivery is not available here: the eDelivery values live in As4PModes and As4Crypto, and a
     * message without an agreement's P-Mode finds none (no default P-Mode is made up). No validator either: the P-Modes
     * are the profile, and with one phase4 warns on every message that its use is switched off (measured: 3 % of the AS4
     * endpoint's CPU, formatting and writing that line).
     */
    static AS4Profile profile() {
        return new AS4Profile(As4Engine.PROFILE_ID, "CASW eDelivery AS4 (agreement P-Modes)", () -> null,
                (initiator, responder, address) -> null, IPModeIDProvider.DEFAULT_DYNAMIC, false, false);
    }
}
