package org.casw.build;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Build-time generator: turns the UN/EDIFACT directory published as DFDL by Smooks
 * ({@code org.smooks.cartridges.edi:edifact-schemas}, one classifier per directory, e.g. {@code d96b})
 * into StAEDI EDISchema v4 message schemas, one self-contained file per message with exactly the
 * segments, composites and data elements that message's segment table uses.
 *
 * <p>Run by routes/pom.xml in generate-resources as a single-file Java program (JDK only, no compile step):
 * <pre>java EdifactSchemaGenerator.java DFDL_DIR OUT_DIR COORDINATES RELAX MESSAGE...</pre>
 * where DFDL_DIR holds EDIFACT-Messages.dfdl.xsd and EDIFACT-Segments.dfdl.xsd, COORDINATES names the
 * artifact for the provenance comment, and RELAX lists data elements whose code list is not enforced
 * ({@code ELEMENT=reason;...}) or gains codes the directory lacks but its implementation guides use
 * ({@code ELEMENT+CODE,CODE=reason}, e.g. SMDG's D.95B manuals use 3227 code 165, added to the directory in
 * D.96B), or is {@code -} for none.
 *
 * <p>How the DFDL encodes the directory, and what each construct becomes:
 * <ul>
 * <li>message {@code complexType NAME}: a sequence of {@code sequence dfdl:initiatedContent} blocks of
 *     segment elements ({@code dfdl:initiator} = tag, min/maxOccurs = status and repeats) and
 *     {@code element name="SegGrp-n"} groups with min/maxOccurs; a group's first segment is its trigger.
 *     Becomes {@code transaction} with {@code segment} and {@code loop code="SGn"}.</li>
 * <li>segment {@code complexType TAG-Title} (sequence EDISegmentSequenceFormat): its data elements
 *     ({@code Ennnn}) and composites ({@code Cnnn}) in position order, minOccurs 1 = mandatory; a part
 *     repeated in positions (EDISegmentPartRepeatSequenceFormat, e.g. GID's three C213) becomes that many
 *     positions, only the first of which can be mandatory.</li>
 * <li>composite {@code complexType Cnnn-Title} (EDICompositeSequenceFormat): its components, same rules.</li>
 * <li>data element {@code simpleType Ennnn-Title} restricting {@code alphaMIN-MAX} (an..MAX, or anMAX when
 *     MIN = MAX), {@code numeric1-MAX} (n..MAX) or {@code numericN} (nN), with its code list as
 *     enumerations. an becomes {@code string} ({@code identifier} when it has a code list), n becomes
 *     {@code decimal} (EDIFACT n may carry a sign and decimal mark, not counted in the length).</li>
 * </ul>
 */
public final class EdifactSchemaGenerator {

    private static final String XSD = "http://www.w3.org/2001/XMLSchema";
    private static final String DFDL = "http://www.ogf.org/dfdl/dfdl-1.0/";

    private final Map<String, Element> segments = new LinkedHashMap<>();
    private final Map<String, Element> composites = new LinkedHashMap<>();
    private final Map<String, Element> simpleTypes = new LinkedHashMap<>();
    private final Map<String, Element> messages = new LinkedHashMap<>();
    private final Map<String, String> relaxed;
    /** Codes added to an element's list: element to (codes, reason). */
    private final Map<String, Map.Entry<List<String>, String>> added;

    private EdifactSchemaGenerator(Document segmentsXsd, Document messagesXsd, Map<String, String> relaxed,
            Map<String, Map.Entry<List<String>, String>> added) {
        this.relaxed = relaxed;
        this.added = added;
        for (Element type : children(segmentsXsd.getDocumentElement(), "complexType")) {
            String name = type.getAttribute("name");
            Element sequence = first(type, "sequence");
            String format = sequence == null ? "" : sequence.getAttributeNS(DFDL, "ref");
            if (format.endsWith("EDISegmentSequenceFormat")) {
                segments.put(name.substring(0, name.indexOf('-')), type);
            } else if (format.endsWith("EDICompositeSequenceFormat")) {
                composites.put(name.substring(0, name.indexOf('-')), type);
            }
        }
        for (Element type : children(segmentsXsd.getDocumentElement(), "simpleType")) {
            simpleTypes.put(type.getAttribute("name"), type);
        }
        for (Element type : children(messagesXsd.getDocumentElement(), "complexType")) {
            messages.put(type.getAttribute("name"), type);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 5) {
            throw new IllegalArgumentException("usage: EdifactSchemaGenerator DFDL_DIR OUT_DIR COORDINATES RELAX MESSAGE...");
        }
        Path dfdl = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String coordinates = args[2];
        Map<String, String> relaxed = new TreeMap<>();
        Map<String, Map.Entry<List<String>, String>> added = new TreeMap<>();
        if (!"-".equals(args[3])) {
            for (String entry : args[3].split(";")) {
                if (entry.isBlank() || "-".equals(entry.trim())) {
                    continue;
                }
                String[] kv = entry.split("=", 2);
                String reason = kv.length > 1 ? kv[1].trim() : "relaxed";
                String key = kv[0].trim();
                if (key.contains("+")) {
                    String element = key.substring(0, key.indexOf('+'));
                    added.put(element, Map.entry(List.of(key.substring(key.indexOf('+') + 1).split(",")), reason));
                } else {
                    relaxed.put(key, reason);
                }
            }
        }
        Path segmentsFile = dfdl.resolve("EDIFACT-Segments.dfdl.xsd");
        Path messagesFile = dfdl.resolve("EDIFACT-Messages.dfdl.xsd");
        EdifactSchemaGenerator generator = new EdifactSchemaGenerator(parse(segmentsFile), parse(messagesFile), relaxed, added);
        String directory = dfdl.getFileName().toString().toUpperCase(Locale.ROOT);
        Files.createDirectories(out);
        for (int i = 4; i < args.length; i++) {
            String message = args[i];
            String provenance = "  Provenance: " + coordinates + ", " + dfdl.getFileName() + "/EDIFACT-Messages.dfdl.xsd (sha256 "
                    + sha256(messagesFile) + ") and " + dfdl.getFileName() + "/EDIFACT-Segments.dfdl.xsd (sha256 "
                    + sha256(segmentsFile) + ").\n";
            String xml = generator.message(message, directory, provenance);
            Files.writeString(out.resolve(message.toLowerCase(Locale.ROOT) + ".xml"), xml, StandardCharsets.UTF_8);
        }
    }

    private String message(String name, String directory, String provenance) {
        Element type = messages.get(name);
        if (type == null) {
            throw new IllegalArgumentException("The directory has no message " + name);
        }
        Set<String> usedSegments = new LinkedHashSet<>();
        StringBuilder body = new StringBuilder();
        body.append("  <transaction>\n    <sequence>\n");
        messageContent(first(type, "sequence"), body, "      ", usedSegments);
        body.append("    </sequence>\n  </transaction>\n");

        Set<String> usedComposites = new LinkedHashSet<>();
        Set<String> usedElements = new LinkedHashSet<>();
        StringBuilder segmentTypes = new StringBuilder();
        for (String tag : usedSegments) {
            Element segment = segments.get(tag);
            if (segment == null) {
                throw new IllegalStateException(name + " uses segment " + tag + ", which the directory does not define");
            }
            segmentTypes.append("  <segmentType name=\"").append(tag).append("\" title=\"").append(title(segment)).append("\">\n");
            segmentTypes.append("    <sequence>\n");
            for (Part part : parts(first(segment, "sequence"))) {
                if (part.name.startsWith("C")) {
                    usedComposites.add(part.name);
                    segmentTypes.append("      <composite type=\"").append(part.name).append('"');
                } else {
                    usedElements.add(part.type);
                    segmentTypes.append("      <element type=\"DE").append(part.name.substring(1)).append('"');
                }
                segmentTypes.append(part.mandatory ? " minOccurs=\"1\"/>\n" : "/>\n");
            }
            segmentTypes.append("    </sequence>\n  </segmentType>\n");
        }
        StringBuilder compositeTypes = new StringBuilder();
        for (String code : usedComposites) {
            Element composite = composites.get(code);
            compositeTypes.append("  <compositeType name=\"").append(code).append("\" code=\"").append(code).append("\" title=\"")
                    .append(title(composite)).append("\">\n    <sequence>\n");
            for (Part part : parts(first(composite, "sequence"))) {
                usedElements.add(part.type);
                compositeTypes.append("      <element type=\"DE").append(part.name.substring(1)).append('"')
                        .append(part.mandatory ? " minOccurs=\"1\"/>\n" : "/>\n");
            }
            compositeTypes.append("    </sequence>\n  </compositeType>\n");
        }
        StringBuilder elementTypes = new StringBuilder();
        Map<String, String> elementsByCode = new TreeMap<>();
        for (String typeName : usedElements) {
            elementsByCode.put(typeName.substring(1, typeName.indexOf('-')), typeName);
        }
        for (Map.Entry<String, String> e : elementsByCode.entrySet()) {
            elementTypes.append(elementType(e.getKey(), simpleTypes.get(e.getValue())));
        }

        StringBuilder xml = new StringBuilder();
        xml.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n");
        xml.append("  GENERATED at build time by routes/src/build/java/org/casw/build/EdifactSchemaGenerator.java; do not edit.\n");
        xml.append("  UN/EDIFACT ").append(name).append(", directory ").append(directory)
                .append(": the whole segment table (every segment, group, status and repeat) and every data element's\n");
        xml.append("  representation and code list, as StAEDI EDISchema v4.\n");
        xml.append(provenance);
        xml.append("  Source licence: Smooks EDIFACT schemas, Apache-2.0 OR LGPL-3.0-or-later (SPDX header of the DFDL files);\n");
        xml.append("  the directory itself is published by UN/CEFACT (UNECE) for free use.\n");
        xml.append("  Loop codes SGn are the directory's segment group numbers.\n");
        for (Map.Entry<String, String> r : relaxed.entrySet()) {
            if (elementsByCode.containsKey(r.getKey())) {
                xml.append("  Code list of ").append(r.getKey()).append(" not enforced: ").append(r.getValue()).append('\n');
            }
        }
        for (Map.Entry<String, Map.Entry<List<String>, String>> a : added.entrySet()) {
            if (elementsByCode.containsKey(a.getKey()) && !relaxed.containsKey(a.getKey())) {
                xml.append("  Codes added to the list of ").append(a.getKey()).append(": ").append(String.join(", ", a.getValue().getKey()))
                        .append(" (").append(a.getValue().getValue()).append(")\n");
            }
        }
        xml.append("-->\n<schema xmlns=\"http://xlate.io/EDISchema/v4\">\n");
        xml.append(body).append(elementTypes).append(compositeTypes).append(segmentTypes).append("</schema>\n");
        return xml.toString();
    }

    /** Segments and segment groups of a message or group, in order. */
    private void messageContent(Element sequence, StringBuilder out, String indent, Set<String> usedSegments) {
        for (Element child : childElements(sequence)) {
            switch (child.getLocalName()) {
                case "sequence" -> messageContent(child, out, indent, usedSegments);
                case "element" -> {
                    String name = child.getAttribute("name");
                    String min = occurs(child, "minOccurs");
                    String max = occurs(child, "maxOccurs");
                    if (name.startsWith("SegGrp-")) {
                        out.append(indent).append("<loop code=\"SG").append(name.substring("SegGrp-".length())).append('"')
                                .append(attrs(min, max)).append(">\n");
                        out.append(indent).append("  <sequence>\n");
                        Element group = first(first(child, "complexType"), "sequence");
                        messageContent(group, out, indent + "    ", usedSegments);
                        out.append(indent).append("  </sequence>\n");
                        out.append(indent).append("</loop>\n");
                    } else {
                        String tag = child.getAttributeNS(DFDL, "initiator");
                        if (tag.isEmpty()) {
                            throw new IllegalStateException("Unexpected message content " + name);
                        }
                        usedSegments.add(tag);
                        out.append(indent).append("<segment type=\"").append(tag).append('"').append(attrs(min, max)).append("/>\n");
                    }
                }
                default -> throw new IllegalStateException("Unexpected DFDL construct " + child.getLocalName());
            }
        }
    }

    private static String attrs(String min, String max) {
        StringBuilder s = new StringBuilder();
        if (!"0".equals(min)) {
            s.append(" minOccurs=\"").append(min).append('"');
        }
        if (!"1".equals(max)) {
            s.append(" maxOccurs=\"").append("unbounded".equals(max) ? "99999" : max).append('"');
        }
        return s.toString();
    }

    private static String occurs(Element e, String attribute) {
        return e.hasAttribute(attribute) ? e.getAttribute(attribute) : "1";
    }

    private record Part(String name, String type, boolean mandatory) {
    }

    /** The positions of a segment or composite; a part repeated N times fills N positions. */
    private static List<Part> parts(Element sequence) {
        List<Part> parts = new ArrayList<>();
        for (Element child : childElements(sequence)) {
            if ("sequence".equals(child.getLocalName())) {
                parts.addAll(parts(child));
                continue;
            }
            String type = child.getAttribute("type");
            type = type.substring(type.indexOf(':') + 1);
            int min = Integer.parseInt(occurs(child, "minOccurs"));
            int max = Integer.parseInt(occurs(child, "maxOccurs"));
            for (int i = 0; i < max; i++) {
                // the code comes from the type: a composite's second 1131 is named E1131a
                parts.add(new Part(type.substring(0, type.indexOf('-')), type, i < min));
            }
        }
        return parts;
    }

    private String elementType(String code, Element type) {
        Element restriction = first(type, "restriction");
        String base = restriction.getAttribute("base");
        base = base.substring(base.indexOf(':') + 1);
        List<String> codes = new ArrayList<>();
        for (Element e : children(restriction, "enumeration")) {
            codes.add(e.getAttribute("value"));
        }
        if (!codes.isEmpty() && added.containsKey(code)) {
            for (String extra : added.get(code).getKey()) {
                if (!codes.contains(extra)) {
                    codes.add(extra);
                }
            }
        }
        int min;
        int max;
        boolean numeric;
        if (base.startsWith("alpha")) {
            String[] range = base.substring("alpha".length()).split("-");
            min = Math.max(1, Integer.parseInt(range[0]));
            max = Integer.parseInt(range[1]);
            numeric = false;
        } else if (base.startsWith("numeric")) {
            String[] range = base.substring("numeric".length()).split("-");
            numeric = true;
            if (range.length == 1) {
                min = Integer.parseInt(range[0]);
                max = min;
            } else {
                min = Math.max(1, Integer.parseInt(range[0]));
                max = Integer.parseInt(range[1]);
            }
        } else {
            throw new IllegalStateException("Data element " + code + " has an unknown representation " + base);
        }
        boolean enforce = !codes.isEmpty() && !relaxed.containsKey(code);
        String staediBase = numeric ? "decimal" : !codes.isEmpty() ? "identifier" : "string";
        StringBuilder s = new StringBuilder();
        s.append("  <elementType name=\"DE").append(code).append("\" code=\"").append(code).append("\" title=\"").append(title(type))
                .append("\" base=\"").append(staediBase).append('"');
        if (!numeric || min > 1) {
            s.append(" minLength=\"").append(min).append('"');
        }
        s.append(" maxLength=\"").append(max).append('"');
        if (!enforce) {
            return s.append("/>\n").toString();
        }
        s.append(">\n    <enumeration>\n");
        for (String value : codes) {
            s.append("      <value>").append(escape(value)).append("</value>\n");
        }
        return s.append("    </enumeration>\n  </elementType>\n").toString();
    }

    /** "EQD-EquipmentDetails" gives "Equipment details". */
    private static String title(Element type) {
        String name = type.getAttribute("name");
        String camel = name.substring(name.indexOf('-') + 1);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean wordStart = i > 0 && Character.isUpperCase(c)
                    && (Character.isLowerCase(camel.charAt(i - 1))
                            || i + 1 < camel.length() && Character.isLowerCase(camel.charAt(i + 1)));
            if (wordStart) {
                s.append(' ');
            }
            s.append(i > 0 && wordStart && !(i + 1 < camel.length() && Character.isUpperCase(camel.charAt(i + 1)))
                    ? Character.toLowerCase(c) : c);
        }
        return escape(s.toString());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace("\"", "&quot;");
    }

    private static Document parse(Path file) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setNamespaceAware(true);
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        try (InputStream in = Files.newInputStream(file)) {
            return factory.newDocumentBuilder().parse(in);
        }
    }

    private static String sha256(Path file) throws IOException, NoSuchAlgorithmException {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(file)));
    }

    private static List<Element> childElements(Element parent) {
        List<Element> list = new ArrayList<>();
        for (Node n = parent.getFirstChild(); n != null; n = n.getNextSibling()) {
            if (n instanceof Element e && XSD.equals(e.getNamespaceURI()) && !"annotation".equals(e.getLocalName())) {
                list.add(e);
            }
        }
        return list;
    }

    private static List<Element> children(Element parent, String localName) {
        List<Element> list = new ArrayList<>();
        for (Element e : childElements(parent)) {
            if (localName.equals(e.getLocalName())) {
                list.add(e);
            }
        }
        return list;
    }

    private static Element first(Element parent, String localName) {
        List<Element> list = children(parent, localName);
        return list.isEmpty() ? null : list.get(0);
    }
}
