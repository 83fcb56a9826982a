package org.casw.routes.transform.edifact;

import java.net.URL;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Level;
import java.util.logging.Logger;
import java.util.stream.Collectors;
import io.xlate.edi.schema.EDIComplexType;
import io.xlate.edi.schema.EDIReference;
import io.xlate.edi.schema.EDISchemaException;
import io.xlate.edi.schema.EDIType;
import io.xlate.edi.schema.Schema;
import io.xlate.edi.schema.SchemaFactory;

/**
 * The UN/EDIFACT directories the translators validate against, one instance per directory as UNH S009
 * names it ({@code D:96B:UN}), each message schema loaded once from the class path; StAEDI schemas are
 * immutable. The schemas are the whole directory, generated at build time from the published DFDL
 * ({@code edifact/directory/d96b/}, {@code d95b/}, {@code d00b/}; see
 * routes/src/build/java/org/casw/build/EdifactSchemaGenerator.java). D.96B is the directory the gateway writes
 * and reads every message in; D.95B and D.00B are read for CODECO and COARRI, the directories SMDG's user
 * manuals are written for.
 */
public final class EdifactDirectory {

    private static final List<String> MESSAGES = List.of("CUSCAR", "CODECO", "COARRI", "CUSRES");
    /** The container messages SMDG's user manuals describe; the gateway maps nothing else in D.95B and D.00B. */
    private static final List<String> SMDG_MESSAGES = List.of("CODECO", "COARRI");

    /** The directory the gateway writes in, and the one an agreement allows by default. */
    public static final EdifactDirectory D96B = new EdifactDirectory("D", "96B", "UN", MESSAGES);
    public static final EdifactDirectory D95B = new EdifactDirectory("D", "95B", "UN", SMDG_MESSAGES);
    public static final EdifactDirectory D00B = new EdifactDirectory("D", "00B", "UN", SMDG_MESSAGES);
    private static final List<EdifactDirectory> SUPPORTED = List.of(D96B, D95B, D00B);

    private final String version;
    private final String release;
    private final String agency;
    private final List<String> messages;
    private final Map<String, Schema> schemas = new ConcurrentHashMap<>();

    /** StAEDI logs every directory segment a message schema leaves unused; that is by design here. */
    private static final Logger SCHEMA_LOG = Logger.getLogger("io.xlate.edi.internal.schema");
    private static final Map<String, Schema> CONTROL = new ConcurrentHashMap<>();

    static {
        SCHEMA_LOG.setLevel(Level.WARNING);
    }

    private EdifactDirectory(String version, String release, String agency, List<String> messages) {
        this.version = version;
        this.release = release;
        this.agency = agency;
        this.messages = messages;
    }

    /** The directory UNH S009 names (0052 version, 0054 release, 0051 agency), when the gateway reads it. */
    public static Optional<EdifactDirectory> of(String version, String release, String agency) {
        return SUPPORTED.stream()
                .filter(d -> d.version.equals(version) && d.release.equals(release) && d.agency.equals(agency))
                .findFirst();
    }

    /** Every directory the gateway reads, D.96B first. */
    public static List<EdifactDirectory> supported() {
        return SUPPORTED;
    }

    /** The directories that have a schema for this message type, e.g. {@code D:96B:UN, D:95B:UN} for CODECO. */
    public static String reading(String messageType) {
        return SUPPORTED.stream().filter(d -> d.knows(messageType)).map(EdifactDirectory::unh).collect(Collectors.joining(", "));
    }

    public String version() {
        return version;
    }

    public String release() {
        return release;
    }

    public String agency() {
        return agency;
    }

    /** The name an agreement's {@code edifact.directories} uses, e.g. {@code D96B}. */
    public String name() {
        return version + release;
    }

    /** As UNH S009 carries it, e.g. {@code D:96B:UN}. */
    public String unh() {
        return version + ":" + release + ":" + agency;
    }

    /** Where its generated schemas are on the class path, e.g. {@code edifact/directory/d96b/}. */
    String generatedLocation() {
        return "edifact/directory/" + name().toLowerCase(Locale.ROOT) + "/";
    }

    @Override
    public String toString() {
        return unh();
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

    /** Whether the gateway reads this UNH message type in this directory. */
    public boolean knows(String messageType) {
        return messages.contains(messageType);
    }

    public Schema schema(String messageType) {
        if (!knows(messageType)) {
            throw new IllegalArgumentException("No " + unh() + " schema for " + messageType);
        }
        return schemas.computeIfAbsent(messageType, this::loadMessage);
    }

    private Schema loadMessage(String messageType) {
        return load(generatedLocation() + messageType.toLowerCase(Locale.ROOT) + ".xml");
    }

    /** The StAEDI schema at a class path resource, e.g. {@code edifact/directory/d96b/cuscar.xml}. */
    static Schema load(String resource) {
        URL url = EdifactDirectory.class.getClassLoader().getResource(resource);
        if (url == null) {
            throw new IllegalStateException("Missing schema resource " + resource);
        }
        try {
            SchemaFactory factory = SchemaFactory.newFactory();
            factory.setProperty(SchemaFactory.SCHEMA_LOCATION_URL_CONTEXT, url);
            return factory.createSchema(url);
        } catch (EDISchemaException e) {
            throw new IllegalStateException("The EDIFACT schema " + resource + " cannot be loaded", e);
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
