package org.casw.gateway.as4;

import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Map;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;
import com.helger.phase4.duplicate.IAS4DuplicateManager;
import com.helger.phase4.mgr.AS4ManagerFactoryInMemory;
import com.helger.phase4.mgr.MetaAS4Manager;
import com.helger.scope.mgr.ScopeManager;
import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;

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
        RefusalEcho.install();
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
            // As4ProfileRegistrar registers it as phase4 loads its profiles; this is for a class loader that does not show
            // phase4 the gateway's service file
            MetaAS4Manager.getProfileMgr().registerProfile(As4ProfileRegistrar.profile());
        }
        return new As4Engine(ownsScope);
    }

    /**
     * phase4 warns "Error invoking synchronous SPIs" whenever {@link As4Inbox} refuses a message, after As4Inbox has
     * logged the refusal with its reason: a second WARN per refused message that says nothing more. Only that line of
     * that logger is dropped; the logger's other warnings stay. And phase4 logs a partner's message whose signature does
     * not verify or that cannot be decrypted as an ERROR with WSS4J's stack trace: that becomes one WARN line with WSS4J's
     * reason (the partner gets it in its ebMS error). A no-op unless Logback is the logging backend.
     */
    static final class RefusalEcho extends TurboFilter {

        static final String LOGGER = "com.helger.phase4.incoming.AS4RequestHandler";
        static final String LINE = "Error invoking synchronous SPIs";
        static final String SECURITY_HEADER = "com.helger.phase4.incoming.soap.SoapHeaderElementProcessorWSS4J";

        static void install() {
            if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context
                    && context.getTurboFilterList().stream().noneMatch(RefusalEcho.class::isInstance)) {
                RefusalEcho filter = new RefusalEcho();
                filter.setContext(context);
                filter.start();
                context.addTurboFilter(filter);
            }
        }

        @Override
        public FilterReply decide(Marker marker, ch.qos.logback.classic.Logger logger, Level level, String format, Object[] params,
                Throwable t) {
            // called for every log call (enabled or not): reference checks before any string comparison
            if (t instanceof WSSecurityException wss && level == Level.ERROR && SECURITY_HEADER.equals(logger.getName())) {
                log.warn("AS4 message refused: its WS-Security header failed ({}): {}", wss.getErrorCode(), wss.getMessage());
                return FilterReply.DENY;
            }
            return level == Level.WARN && t == null && LINE.equals(format) && LOGGER.equals(logger.getName()) ? FilterReply.DENY
                    : FilterReply.NEUTRAL;
        }
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
