package org.casw.routes.document;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.xml.sax.Attributes;
import org.xml.sax.InputSource;
import org.xml.sax.SAXParseException;
import org.xml.sax.helpers.DefaultHandler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Parsers are reused per thread: a reused one is as strict as a new one and carries nothing over. */
class SecureXmlTest {

    private static final String PLAIN = "<a><b>1</b></a>";
    private static final String BOMB = """
            <?xml version="1.0"?>
            <!DOCTYPE a [<!ENTITY x "xxxxxxxxxx"><!ENTITY y "&x;&x;&x;&x;&x;&x;&x;&x;&x;&x;">]>
            <a>&y;</a>""";

    @Test
    void aReusedParserStillRefusesDoctypes() throws Exception {
        parse(PLAIN, new DefaultHandler());
        assertThatThrownBy(() -> parse(BOMB, new DefaultHandler()))
                .isInstanceOf(SAXParseException.class)
                .satisfies(e -> assertThat(SecureXml.isDoctypeRefusal((SAXParseException) e)).isTrue());
        // and after a refused parse the next one works again
        assertThat(parse(PLAIN, new Elements()).names).containsExactly("a", "b");
    }

    @Test
    void aReusedParserReportsOnlyToTheCurrentHandler() throws Exception {
        Elements first = parse(PLAIN, new Elements());
        Elements second = parse("<c/>", new Elements());
        assertThat(first.names).containsExactly("a", "b");
        assertThat(second.names).containsExactly("c");
    }

    @Test
    void aParseInsideAParseGetsItsOwnParser() throws Exception {
        List<String> inner = new ArrayList<>();
        Elements outer = new Elements() {
            @Override
            public void startElement(String uri, String localName, String qName, Attributes attributes) {
                super.startElement(uri, localName, qName, attributes);
                if (localName.equals("b")) {
                    try {
                        inner.addAll(parse("<x><y/></x>", new Elements()).names);
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        };
        parse("<a><b/><c/></a>", outer);
        assertThat(outer.names).containsExactly("a", "b", "c");
        assertThat(inner).containsExactly("x", "y");
    }

    private static <H extends DefaultHandler> H parse(String xml, H handler) throws Exception {
        try (SecureXml.Lease lease = SecureXml.lease()) {
            lease.reader().setContentHandler(handler);
            lease.reader().setErrorHandler(handler);
            lease.reader().parse(new InputSource(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8))));
        }
        return handler;
    }

    /** The local names of the elements seen, in order. */
    private static class Elements extends DefaultHandler {
        final List<String> names = new ArrayList<>();

        @Override
        public void startElement(String uri, String localName, String qName, Attributes attributes) {
            names.add(localName);
        }
    }
}
