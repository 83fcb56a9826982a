package org.casw.routes.partner;

import java.util.List;
import java.util.regex.Pattern;

/**
 * How a party's UN/EDIFACT interchanges are addressed, which directories it may send in and when it is
 * answered with a CONTRL ({@code edifact:} in its agreement). Every value has a default, so an agreement
 * names only what differs.
 *
 * @param interchangeId    the party's interchange id: UNB S002/0004 in what it sends, S003/0010 in what it receives
 *                         (default: its party id)
 * @param idQualifier      the code qualifier of that id, 0007 (default {@code ZZZ}, mutually defined)
 * @param ourInterchangeId the gateway's interchange id towards this party (default {@link #GATEWAY_ID})
 * @param ourIdQualifier   its code qualifier (default {@code ZZZ})
 * @param directories      the directories it may send messages in, as UNH S009 gives them (default {@code [D96B]})
 * @param contrl           when it gets a CONTRL syntax and service report for an interchange it sent
 */
public record EdifactAgreement(String interchangeId, String idQualifier, String ourInterchangeId, String ourIdQualifier,
        List<String> directories, Contrl contrl) {

    /** The gateway's own interchange id where an agreement names none. */
    public static final String GATEWAY_ID = "CASW-GATEWAY";
    public static final String MUTUALLY_DEFINED = "ZZZ";
    public static final String DEFAULT_DIRECTORY = "D96B";
    /** A UNB id: up to 35 characters that are none of the default delimiters. */
    public static final Pattern INTERCHANGE_ID = Pattern.compile("[^+:'?*\\r\\n]{1,35}");
    public static final Pattern QUALIFIER = Pattern.compile("[A-Z0-9]{1,4}");
    /** A directory as UNH S009 0052 + 0054 names it, e.g. D96B. */
    public static final Pattern DIRECTORY = Pattern.compile("D[0-9]{2}[A-C]");

    /** When the sender of an interchange is answered with a CONTRL. */
    public enum Contrl {
        /** When its UNB asks for an acknowledgement (0031 = 1). */
        ON_REQUEST,
        /** For every interchange it sends. */
        ALWAYS,
        /** Never, even when its UNB asks: the gateway's own receipts answer it. */
        NEVER
    }

    public EdifactAgreement {
        idQualifier = idQualifier == null ? MUTUALLY_DEFINED : idQualifier;
        ourInterchangeId = ourInterchangeId == null ? GATEWAY_ID : ourInterchangeId;
        ourIdQualifier = ourIdQualifier == null ? MUTUALLY_DEFINED : ourIdQualifier;
        directories = directories == null || directories.isEmpty() ? List.of(DEFAULT_DIRECTORY) : List.copyOf(directories);
        contrl = contrl == null ? Contrl.ON_REQUEST : contrl;
    }

    /** The defaults for a party whose agreement has no {@code edifact:} block. */
    public static EdifactAgreement defaults(String partyId) {
        return new EdifactAgreement(partyId, null, null, null, null, null);
    }

    /** Whether the party may send messages of this directory, e.g. {@code D96B} from UNH {@code D:96B:UN}. */
    public boolean allows(String directory) {
        return directories.contains(directory);
    }

    /** Whether an interchange whose UNB 0031 is {@code acknowledgementRequest} is answered with a CONTRL. */
    public boolean answersWithContrl(String acknowledgementRequest) {
        return contrl == Contrl.ALWAYS || contrl == Contrl.ON_REQUEST && "1".equals(acknowledgementRequest);
    }
}
