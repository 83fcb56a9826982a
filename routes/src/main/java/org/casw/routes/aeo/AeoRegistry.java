package org.casw.routes.aeo;

import java.util.List;
import java.util.Optional;

/**
 * The AEO statuses the gateway holds, from the notices it accepted: only the newest notice counts per enterprise (by
 * issue date, then arrival). The intake refuses an older notice ({@link SupersededNotices}); registration keeps the
 * newest should two race.
 */
public interface AeoRegistry {

    /** Holds nothing: without it no declaration takes the fast lane. */
    AeoRegistry NONE = new AeoRegistry() {
        @Override
        public void register(String trackingId, List<AeoStatus> statuses) {
        }

        @Override
        public Optional<AeoStatus> find(String issuingCountry, String enterpriseId) {
            return Optional.empty();
        }
    };

    /** Records the statuses of an accepted notice, replacing what was held for each of its enterprises unless that is newer. */
    void register(String trackingId, List<AeoStatus> statuses);

    Optional<AeoStatus> find(String issuingCountry, String enterpriseId);
}
