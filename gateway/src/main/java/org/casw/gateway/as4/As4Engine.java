package org.casw.gateway.as4;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import com.helger.phase4.duplicate.IAS4DuplicateManager;
import com.helger.phase4.mgr.AS4ManagerFactoryInMemory;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.phase4.model.pmode.IPModeIDProvider;
import com.helger.phase4.profile.AS4Profile;
import com.helger.scope.mgr.ScopeManager;

/**
 * phase4 keeps its managers in a process-wide scope; this starts that scope once per gateway process, with
 * the PostgreSQL duplicate check instead of phase4's in-memory one (so every node of a cluster sees every message id
 * received by any; {@link As4DuplicateRetention} forgets them after the retention). One gateway per JVM: a second one
 * would share phase4's scope.
 */
public final class As4Engine implements AutoCloseable {

    /** The AS4 profile id the gateway sends and receives under. */
    public static final String PROFILE_ID = "casw-edelivery-as4";

    private static final Logger log = LoggerFactory.getLogger(As4Engine.class);

    private final boolean ownsScope;

    private As4Engine(boolean ownsScope) {
        this.ownsScope = ownsScope;
    }

    /**
     * JAXP and Jakarta Mail find their implementations per call (phase4 makes a TransformerFactory per message and
     * jakarta.mail a StreamProvider per MIME part); without a system property each call scans the class path, which in
     * the Spring Boot jar serialises on the nested jar files (measured: the AS4 rate did not grow from 1 to 8 senders).
     * The properties name the implementations the scan finds anyway: the JDK's own (the jar ships no other JAXP
     * parser or transformer) and Angus Mail's stream provider. Values already set are left alone.
     */
    static final Map<String, String> FACTORY_IMPLEMENTATIONS = Map.of(
            "javax.xml.transform.TransformerFactory", "com.sun.org.apache.xalan.internal.xsltc.trax.TransformerFactoryImpl",
            "javax.xml.parsers.DocumentBuilderFactory", "com.sun.org.apache.xerces.internal.jaxp.DocumentBuilderFactoryImpl",
            "javax.xml.parsers.SAXParserFactory", "com.sun.org.apache.xerces.internal.jaxp.SAXParserFactoryImpl",
            "javax.xml.datatype.DatatypeFactory", "com.sun.org.apache.xerces.internal.jaxp.datatype.DatatypeFactoryImpl",
            "javax.xml.validation.SchemaFactory:http://www.w3.org/2001/XMLSchema",
            "com.sun.org.apache.xerces.internal.jaxp.validation.XMLSchemaFactory",
            "javax.xml.xpath.XPathFactory:http://java.sun.com/jaxp/xpath/dom", "com.sun.org.apache.xpath.internal.jaxp.XPathFactoryImpl",
            "jakarta.mail.util.StreamProvider", "org.eclipse.angus.mail.util.MailStreamProvider");

    public static As4Engine start(As4Ledger ledger) {
        FACTORY_IMPLEMENTATIONS.forEach((property, implementation) -> {
            if (System.getProperty(property) == null) {
                System.setProperty(property, implementation);
            }
        });
        boolean ownsScope = !ScopeManager.isGlobalScopePresent();
        if (ownsScope) {
            ScopeManager.onGlobalBegin("casw-as4");
        }
        IAS4DuplicateManager duplicates = new JdbcAs4DuplicateManager(ledger);
        MetaAS4Manager.setFactory(new AS4ManagerFactoryInMemory() {
            @Override
            public IAS4DuplicateManager createDuplicateManager() {
                return duplicates;
            }
        });
        if (!(MetaAS4Manager.getIncomingDuplicateMgr() instanceof JdbcAs4DuplicateManager)) {
            throw new IllegalStateException("phase4 was started elsewhere in this JVM with its in-memory duplicate check");
        }
        if (MetaAS4Manager.getProfileMgr().getProfileOfID(PROFILE_ID) == null) {
            // phase4-profile-eudelivery is not available here: the eDelivery values live in As4PModes and As4Crypto,
            // and a message without an agreement's P-Mode finds none (no default P-Mode is made up). No validator either:
            // the P-Modes are the profile, and with one phase4 warns on every message that its use is switched off
            // (measured: 3 % of the AS4 endpoint's CPU, formatting and writing that line)
            MetaAS4Manager.getProfileMgr().registerProfile(new AS4Profile(PROFILE_ID, "CASW eDelivery AS4 (agreement P-Modes)",
                    () -> null, (initiator, responder, address) -> null, IPModeIDProvider.DEFAULT_DYNAMIC, false, false));
        }
        return new As4Engine(ownsScope);
    }

    /** Forgets the message ids received longer ago than the retention; returns how many. */
    static int forgetExpired(IAS4DuplicateManager duplicates, Duration retention) {
        int forgotten = duplicates.evictAllItemsBefore(OffsetDateTime.now(ZoneOffset.UTC).minus(retention)).size();
        if (forgotten > 0) {
            log.info("Forgot {} AS4 message ids received more than {} ago", forgotten, retention);
        }
        return forgotten;
    }

    @Override
    public void close() {
        if (ownsScope && ScopeManager.isGlobalScopePresent()) {
            ScopeManager.onGlobalEnd();
        }
    }
}
