package org.casw.build;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

/**
 * Build-time generator of the StAEDI schema for CONTRL, the UN/EDIFACT syntax and service report message, from the
 * ISO 9735 service segments published as DFDL by Smooks ({@code org.smooks.cartridges.edi:edi-schemas},
 * {@code EDIFACT-Common/EDIFACT-Service-Segments-4.1.dfdl.xsd}). That file holds both the service segments (UCI, UCM,
 * UCS, UCD, UCF and their composites and data elements with code lists) and CONTRL's segment table. Kept apart from
 * {@link EdifactSchemaGenerator}: the service DFDL names its parts differently (elements {@code E0085}, composites
 * {@code S011}) and has no directory around it.
 *
 * <p>Run by routes/pom.xml in generate-resources as a single-file Java program (JDK only):
 * <pre>java ContrlSchemaGenerator.java SERVICE_DFDL OUT_FILE COORDINATES</pre>
 *
 * <p>What is written: the segment table as {@code transaction} (UCI, SG1 UCM with SG2 UCS/UCD, SG3 UCF with SG4 UCM
 * and SG5 UCS/UCD, statuses and repeats as in the DFDL); each segment's data elements and composites in position order,
 * minOccurs 1 where mandatory; a part repeated in place (UCM's S020, a syntax 4 repeating element) is one position with
 * that many repetitions; an..n and n..n as the directory generator writes them, code lists enforced.
 */
public final class ContrlSchemaGenerator {

    private static final String XSD = "http://www.w3.org/2001/XMLSchema";
    private static final String DFDL = "http://www.ogf.org/dfdl/dfdl-1.0/";

    private final Map<String, Element> complexTypes = new LinkedHashMap<>();
    private final Map<String, Element> simpleTypes = new LinkedHashMap<>();

    private ContrlSchemaGenerator(Document service) {
        for (Element type : children(service.getDocumentElement(), "complexType")) {
            complexTypes.put(type.getAttribute("name"), type);
        }
        for (Element type : children(service.getDocumentElement(), "simpleType")) {
            simpleTypes.put(type.getAttribute("name"), type);
        }
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException("usage: ContrlSchemaGenerator SERVICE_DFDL OUT_FILE COORDINATES");
        }
        Path dfdl = Path.of(args[0]);
        Path out = Path.of(args[1]);
        String provenance = "  Provenance: " + args[2] + ", EDIFACT-Common/" + dfdl.getFileName() + " (sha256 "
                + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(dfdl))) + ").\n";
        Files.createDirectories(out.getParent());
        Files.writeString(out, new ContrlSchemaGenerator(parse(dfdl)).contrl(provenance), StandardCharsets.UTF_8);
    }

    private String contrl(String provenance) {
        Element message = complexTypes.get("CONTRL");
        if (message == null) {
            throw new IllegalStateException("The service DFDL has no CONTRL message");
        }
        Map<String, String> segmentTypes = new LinkedHashMap<>(); // tag -> DFDL type name
        StringBuilder body = new StringBuilder("  <transaction>\n    <sequence>\n");
        table(first(message, "sequence"), body, "      ", segmentTypes);
        body.append("    </sequence>\n  </transaction>\n");

        Set<String> composites = new LinkedHashSet<>();
        Set<String> elements = new LinkedHashSet<>();
        StringBuilder segments = new StringBuilder();
        for (Map.Entry<String, String> s : segmentTypes.entrySet()) {
            Element type = complexTypes.get(s.getValue());
            segments.append("  <segmentType name=\"").append(s.getKey()).append("\" title=\"").append(title(type)).append("\">\n");
            segments.append("    <sequence>\n");
            for (Part part : parts(first(type, "sequence"))) {
                segments.append(reference(part, composites, elements, "      "));
            }
            segments.append("    </sequence>\n  </segmentType>\n");
        }
        StringBuilder compositeTypes = new StringBuilder();
        for (String name : composites) {
            Element type = complexTypes.get(name);
            String code = name.substring(0, name.indexOf('-'));
            compositeTypes.append("  <compositeType name=\"").append(code).append("\" code=\"").append(code).append("\" title=\"")
                    .append(title(type)).append("\">\n    <sequence>\n");
            for (Part part : parts(first(type, "sequence"))) {
                compositeTypes.append(reference(part, composites, elements, "      "));
            }
            compositeTypes.append("    </sequence>\n  </compositeType>\n");
        }
        Map<String, String> byCode = new TreeMap<>();
        for (String name : elements) {
            byCode.put(name.substring(1, name.indexOf('-')), name);
        }
        StringBuilder elementTypes = new StringBuilder();
        for (Map.Entry<String, String> e : byCode.entrySet()) {
            elementTypes.append(elementType(e.getKey(), simpleTypes.get(e.getValue())));
        }
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!--\n"
                + "  GENERATED at build time by routes/src/build/java/org/casw/build/ContrlSchemaGenerator.java; do not edit.\n"
                + "  UN/EDIFACT CONTRL (syntax and service report), the message of ISO 9735 with the segment table UCI, SG1 UCM\n"
                + "  (SG2 UCS, UCD), SG3 UCF (SG4 UCM (SG5 UCS, UCD)), as StAEDI EDISchema v4. Segment table, service segments\n"
                + "  and code lists are those of syntax version 4 release 1; the gateway writes CONTRL:D:3:UN in syntax 3, whose\n"
                + "  segment table and the positions of what it writes (UCI 0020 S002 S003 0083 0085 0013/0135 S011, UCM 0062\n"
                + "  S009 0083 0085 0013/0135 S011, UCS 0096 0085, UCD 0085 S011) are the same.\n"
                + provenance
                + "  Source licence: the file's own header (IBM, 2014) grants use, copying and modification for use with DFDL\n"
                + "  processors; the artifact is published by the Smooks project under Apache-2.0 OR LGPL-3.0-or-later. The\n"
                + "  syntax rules themselves are ISO 9735 / UN/CEFACT's, free to use.\n"
                + "  Loop codes SGn are CONTRL's segment group numbers.\n"
                + "-->\n<schema xmlns=\"http://xlate.io/EDISchema/v4\">\n" + body + elementTypes + compositeTypes + segments + "</schema>\n";
    }

    /** Segments and groups of the message, in order; records each segment tag's DFDL type. */
    private void table(Element sequence, StringBuilder out, String indent, Map<String, String> segmentTypes) {
        for (Element child : childElements(sequence)) {
            if ("sequence".equals(child.getLocalName())) {
                table(child, out, indent, segmentTypes);
                continue;
            }
            String name = child.getAttribute("name");
            String occurs = occurs(child);
            if (name.startsWith("SegGrp-")) {
                out.append(indent).append("<loop code=\"SG").append(name.substring("SegGrp-".length())).append('"').append(occurs)
                        .append(">\n").append(indent).append("  <sequence>\n");
                table(first(first(child, "complexType"), "sequence"), out, indent + "    ", segmentTypes);
                out.append(indent).append("  </sequence>\n").append(indent).append("</loop>\n");
            } else {
                String tag = child.getAttributeNS(DFDL, "initiator");
                String type = child.getAttribute("type");
                segmentTypes.put(tag, type.substring(type.indexOf(':') + 1));
                out.append(indent).append("<segment type=\"").append(tag).append('"').append(occurs).append("/>\n");
            }
        }
    }

    private static String occurs(Element e) {
        String min = e.hasAttribute("minOccurs") ? e.getAttribute("minOccurs") : "1";
        String max = e.hasAttribute("maxOccurs") ? e.getAttribute("maxOccurs") : "1";
        return ("0".equals(min) ? "" : " minOccurs=\"" + min + "\"") + ("1".equals(max) ? "" : " maxOccurs=\"" + max + "\"");
    }

    private record Part(String type, boolean mandatory, int repeats) {
    }

    private static List<Part> parts(Element sequence) {
        List<Part> parts = new ArrayList<>();
        for (Element child : childElements(sequence)) {
            if ("sequence".equals(child.getLocalName())) {
                parts.addAll(parts(child));
                continue;
            }
            String type = child.getAttribute("type");
            int max = child.hasAttribute("maxOccurs") ? Integer.parseInt(child.getAttribute("maxOccurs")) : 1;
            parts.add(new Part(type.substring(type.indexOf(':') + 1), !"0".equals(child.getAttribute("minOccurs")), max));
        }
        return parts;
    }

    private String reference(Part part, Set<String> composites, Set<String> elements, String indent) {
        String code = part.type.substring(0, part.type.indexOf('-'));
        String occurs = (part.mandatory ? " minOccurs=\"1\"" : "") + (part.repeats > 1 ? " maxOccurs=\"" + part.repeats + "\"" : "");
        if (code.startsWith("S")) {
            composites.add(part.type);
            return indent + "<composite type=\"" + code + "\"" + occurs + "/>\n";
        }
        elements.add(part.type);
        return indent + "<element type=\"DE" + code.substring(1) + "\"" + occurs + "/>\n";
    }

    private String elementType(String code, Element type) {
        Element restriction = first(type, "restriction");
        String base = restriction.getAttribute("base");
        base = base.substring(base.indexOf(':') + 1);
        List<String> codes = new ArrayList<>();
        for (Element e : children(restriction, "enumeration")) {
            codes.add(e.getAttribute("value"));
        }
        boolean numeric = base.startsWith("numeric");
        String[] range = base.substring(numeric ? "numeric".length() : "alpha".length()).split("-");
        if (!numeric && !base.startsWith("alpha")) {
            throw new IllegalStateException("Data element " + code + " has an unknown representation " + base);
        }
        int min = range.length == 1 ? Integer.parseInt(range[0]) : Math.max(1, Integer.parseInt(range[0]));
        int max = Integer.parseInt(range[range.length - 1]);
        StringBuilder s = new StringBuilder("  <elementType name=\"DE").append(code).append("\" code=\"").append(code)
                .append("\" title=\"").append(title(type)).append("\" base=\"")
                .append(numeric ? "decimal" : codes.isEmpty() ? "string" : "identifier").append('"');
        if (!numeric || min > 1) {
            s.append(" minLength=\"").append(min).append('"');
        }
        s.append(" maxLength=\"").append(max).append('"');
        if (codes.isEmpty()) {
            return s.append("/>\n").toString();
        }
        s.append(">\n    <enumeration>\n");
        for (String value : codes) {
            s.append("      <value>").append(escape(value)).append("</value>\n");
        }
        return s.append("    </enumeration>\n  </elementType>\n").toString();
    }

    /** "UCI-InterchangeResponse" gives "Interchange response". */
    private static String title(Element type) {
        String name = type.getAttribute("name");
        String camel = name.substring(name.indexOf('-') + 1);
        StringBuilder s = new StringBuilder();
        for (int i = 0; i < camel.length(); i++) {
            char c = camel.charAt(i);
            boolean wordStart = i > 0 && Character.isUpperCase(c) && Character.isLowerCase(camel.charAt(i - 1));
            s.append(wordStart ? " " + Character.toLowerCase(c) : String.valueOf(c));
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
        return childElements(parent).stream().filter(e -> localName.equals(e.getLocalName())).toList();
    }

    private static Element first(Element parent, String localName) {
        List<Element> list = children(parent, localName);
        return list.isEmpty() ? null : list.get(0);
    }
}
