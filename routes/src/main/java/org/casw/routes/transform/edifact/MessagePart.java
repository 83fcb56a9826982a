package org.casw.routes.transform.edifact;

/**
 * One message of an interchange, cut out as an interchange of its own so that it can be translated, tracked
 * and refused on its own.
 *
 * @param index            1-based position of the message in the interchange
 * @param messageReference UNH 0062, or null when empty
 * @param messageType      UNH S009/0065, e.g. {@code CUSCAR}
 * @param directory        UNH S009/0052 and 0054, e.g. {@code D96B}; null when either is empty
 * @param payload          a complete one-message interchange: the original UNA if any, UNB, UNG if any, the message's
 *                         original bytes UNH ... UNT, then UNE (count 1) and UNZ (count 1) written with the interchange's
 *                         delimiters, references and line breaks; same character set as the original
 * @param firstLine        1-based line of the UNH in the original interchange: a line {@code n} of the payload that is
 *                         inside the message is line {@code firstLine + n - (line of UNH in payload)} of the original
 */
public record MessagePart(int index, String messageReference, String messageType, String directory, byte[] payload,
                          int firstLine) {
}
