package org.casw.routes.transform.asean.eco;

import javax.xml.datatype.XMLGregorianCalendar;

/** The ASW-ECO exchange format: its name, namespace and how its values are written. */
final class AswEco {

    static final String FORMAT = "ASW-ECO";
    static final String NAMESPACE = "urn:casw:asean:eco:1";
    static final String CONTENT_TYPE = "application/xml";
    static final String ORIGIN_NAMESPACE = "urn:casw:origin:1";

    private AswEco() {
    }

    /** A schema date or date-time exactly as it was written (no time zone is added or dropped). */
    static String text(XMLGregorianCalendar calendar) {
        return calendar == null ? null : calendar.toXMLFormat();
    }
}
