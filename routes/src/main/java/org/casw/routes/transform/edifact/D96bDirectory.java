package org.casw.routes.transform.edifact;

import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import io.xlate.edi.schema.EDIComplexType;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;

/**
 * The UN/EDIFACT D.96B schemas the translators validate against (CUSCAR, CODECO, COARRI, CUSRES), loaded
 * once from the class path; StAEDI schemas are immutable. Every message uses the whole directory, generated
 * at build time from the published D.96B DFDL ({@code edifact/directory/d96b/}, see
 * routes/src/build/java/org/casw/build/EdifactSchemaGenerator.java).
 */
public final class D96bDirectory {

    public static final String VERSION = "D";
    public static final String RELEASE = "96B";
    public static final String AGENCY = "UN";

    private static final List<String> MESSAGES = List.of("CUSCAR", "CODECO", "COARRI", "CUSRES");
    static final String GENERATED_LOCATION = "edifact/directory/d96b/";
    private static final Map<String, Schema> SCHEMAS = new ConcurrentHashMap<>();

    /** StAEDI logs every directory segment a message schema leaves unused; that is by design here. */
    private static final Logger SCHEMA_LOG = Logger.getLogger("io.xlate.edi.internal.schema");
    private static final Map<String, Schema> CONTROL = new ConcurrentHashMap<>();

    static {
        SCHEMA_LOG.setLevel(Level.WARNING);
    }

    private D96bDirectory() {
    }

    /** StAEDI's service-segment schema (UNB ... UNZ) for syntax version 3, used when writing. */
    static Schema controlSchema() {
        return controlSchema("UNOC", "3");
    }

    /**
     * StAEDI's service-segment schema for an interchange's syntax identifier and version, loaded once:
     * StAEDI would otherwise parse it again for every interchange. Null when StAEDI has none.
     */
    static Schema controlSchema(String syntaxIdentifier, String syntaxVersion) {
        String version = syntaxVersion == null ? "3" : syntaxVersion;
        return CONTROL.computeIfAbsent(version, v -> {
            try {
                // for syntax 4 StAEDI's first schema lacks UNOW; release 2 (S001/0080 would name it) has it
                String[] s001 = v.compareTo("4") >= 0
                        ? new String[] {syntaxIdentifier, v, "", "", "02"}
                        : new String[] {syntaxIdentifier, v};
                return SchemaFactory.newFactory().getControlSchema("EDIFACT", s001);
            } catch (EDISchemaException | RuntimeException e) {
                return null;
            }
        });
    }

    /** Whether the gateway has a D.96B schema for this UNH message type. */
    public static boolean knows(String messageType) {
        return MESSAGES.contains(messageType);
    }

    public static Schema schema(String messageType) {
        if (!knows(messageType)) {
            throw new IllegalArgumentException("No D.96B schema for " + messageType);
        }
        return SCHEMAS.computeIfAbsent(messageType, D96bDirectory::loadMessage);
    }

    private static Schema loadMessage(String messageType) {
        return load(GENERATED_LOCATION + messageType.toLowerCase(Locale.ROOT) + ".xml");
    }

    /** The StAEDI schema at a class path resource, e.g. {@code edifact/directory/d96b/cuscar.xml}. */
    static Schema load(String resource) {
        URL url = D96bDirectory.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("Missing schema resource " + resource);
        }
        try {
            SchemaFactory factory = SchemaFactory.newFactory();
            factory.setProperty(SchemaFactory.SCHEMA_LOCATION_URL_CONTEXT, url);
            return factory.createSchema(url);
        } catch (EDISchemaException e) {
            throw new IllegalStateException("The D.96B schema " + resource + " cannot be loaded", e);
        }
    }

    /**
     * The directory name of the data element (or composite) at a 1-based element and component
     * position of a segment, e.g. EQD 2/1 gives {@code C237/8260}; empty when the schema does not define it.
     */
    static Optional<String> elementPath(Schema schema, String segmentTag, int element, int component) {
        if (schema == null || element < 1) {
            return Optional.empty();
        }
        EDIType segment = schema.getType(segmentTag);
        if (!(segment instanceof EDIComplexType complex) || element > complex.getReferences().size()) {
            return Optional.empty();
        }
        EDIType type = complex.getReferences().get(element - 1).getReferencedType();
        String name = code(type);
        if (type instanceof EDIComplexType composite) {
            List<EDIReference> parts = composite.getReferences();
            int index = component < 1 ? 1 : component;
            if (index <= parts.size()) {
                return Optional.of(name + "/" + code(parts.get(index - 1).getReferencedType()));
            }
        }
        return Optional.of(name);
    }

    /** The directory title of the element at a position ("Equipment identification number"), or null. */
    static String elementTitle(Schema schema, String segmentTag, int element, int component) {
        if (schema == null || element < 1) {
            return null;
        }
        EDIType segment = schema.getType(segmentTag);
        if (!(segment instanceof EDIComplexType complex) || element > complex.getReferences().size()) {
            return null;
        }
        EDIType type = complex.getReferences().get(element - 1).getReferencedType();
        if (type instanceof EDIComplexType composite) {
            int index = component < 1 ? 1 : component;
            if (index <= composite.getReferences().size()) {
                type = composite.getReferences().get(index - 1).getReferencedType();
            }
        }
        return type.getTitle();
    }

    private static String code(EDIType type) {
        String code = type.getCode() != null ? type.getCode() : type.getId();
        // StAEDI's own service-segment schemas name composites CES009 and elements DE0065
        if (code.startsWith("CE") && code.length() == 6) {
            return code.substring(2);
        }
        if (code.startsWith("DE")) {
            code = code.substring(2);
        }
        // element numbers are four digits (0065), StAEDI's control schema writes them as 65
        return code.chars().allMatch(Character::isDigit) && code.length() < 4 ? "0".repeat(4 - code.length()) + code : code;
    }
}
