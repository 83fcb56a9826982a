package org.casw.routes.transform.edifact;

/**
 * The interchange header (UNB) of an EDIFACT interchange: who sent it to whom, when, under which reference,
 * and whether its messages travel in groups (UNG ... UNE).
 *
 * @param syntaxIdentifier       UNB S001/0001, e.g. {@code UNOC}
 * @param syntaxVersion          UNB S001/0002, e.g. {@code 3}
 * @param senderId               UNB S002/0004
 * @param senderQualifier        UNB S002/0007, or null
 * @param recipientId            UNB S003/0010
 * @param recipientQualifier     UNB S003/0007, or null
 * @param preparedDate           UNB S004/0017, YYMMDD (syntax 3) or CCYYMMDD (syntax 4)
 * @param preparedTime           UNB S004/0019, HHMM
 * @param controlReference       UNB 0020
 * @param acknowledgementRequest UNB 0031: {@code 1} asks for a CONTRL; null when absent
 * @param testIndicator          UNB 0035: {@code 1} marks a test interchange; null when absent
 * @param groups                 whether the messages are in functional groups (UNG ... UNE)
 */
public record Envelope(String syntaxIdentifier, String syntaxVersion, String senderId, String senderQualifier, String recipientId,
                       String recipientQualifier, String preparedDate, String preparedTime, String controlReference,
                       String acknowledgementRequest, String testIndicator, boolean groups) {
}
