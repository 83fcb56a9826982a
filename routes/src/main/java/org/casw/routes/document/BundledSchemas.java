package org.casw.routes.document;

import java.io.InputStream;
import java.io.Reader;
import org.w3c.dom.ls.LSInput;
import org.w3c.dom.ls.LSResourceResolver;

/**
 * Resolves a bundled schema's includes and imports from the class path, next to the schema that names them, never
 * by opening a URL: so they load alike from a directory, a jar, and a jar nested in the gateway's executable jar, and
 * no schema is ever fetched from elsewhere.
 */
final class BundledSchemas implements LSResourceResolver {

    private final String directory;

    /** @param resource the schema compiled, e.g. {@code xsd/declaration-receipt.xsd}; its siblings resolve beside it */
    BundledSchemas(String resource) {
        int slash = resource.lastIndexOf('/');
        this.directory = slash < 0 ? "" : resource.substring(0, slash + 1);
    }

    @Override
    public LSInput resolveResource(String type, String namespace, String publicId, String systemId, String baseUri) {
        if (systemId == null || systemId.contains(":") || systemId.contains("..")) {
            throw new IllegalStateException("A bundled schema names " + systemId + ", which is not a sibling on the class path");
        }
        InputStream in = BundledSchemas.class.getClassLoader().getResourceAsStream(directory + systemId);
        if (in == null) {
            throw new IllegalStateException("Schema " + directory + systemId + " is not on the class path");
        }
        java.net.URL url = BundledSchemas.class.getClassLoader().getResource(directory + systemId);
        return new Input(in, publicId, url == null ? directory + systemId : url.toExternalForm(), baseUri);
    }

    /** A schema's bytes, named so that its own relative references resolve beside it. */
    private record Input(InputStream byteStream, String publicId, String systemId, String baseURI) implements LSInput {
        @Override
        public InputStream getByteStream() {
            return byteStream;
        }

        @Override
        public String getPublicId() {
            return publicId;
        }

        @Override
        public String getSystemId() {
            return systemId;
        }

        @Override
        public String getBaseURI() {
            return baseURI;
        }

        @Override
        public Reader getCharacterStream() {
            return null;
        }

        @Override
        public void setCharacterStream(Reader characterStream) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setByteStream(InputStream byteStream) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getStringData() {
            return null;
        }

        @Override
        public void setStringData(String stringData) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setSystemId(String systemId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setPublicId(String publicId) {
            throw new UnsupportedOperationException();
        }

        @Override
        public void setBaseURI(String baseURI) {
            throw new UnsupportedOperationException();
        }

        @Override
        public String getEncoding() {
            return null;
        }

        @Override
        public void setEncoding(String encoding) {
            throw new UnsupportedOperationException();
        }

        @Override
        public boolean getCertifiedText() {
            return false;
        }

        @Override
        public void setCertifiedText(boolean certifiedText) {
            throw new UnsupportedOperationException();
        }
    }
}
