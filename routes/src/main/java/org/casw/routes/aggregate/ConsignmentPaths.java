package org.casw.routes.aggregate;

import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Translates a path in a composed consignment declaration back into the aggregate the sender wrote:
 * {@code /DecMessage/DecLists/DecList[2]/CodeTS} of consignment 3 is
 * {@code /AggregateDeclaration/Consignment[3]/Item[2]/CodeTS}. Positions follow the schema validator's
 * convention: the first of same-named siblings carries no index.
 */
final class ConsignmentPaths {

    static final String ROOT = "/AggregateDeclaration";

    /** DecHead fields taken from the aggregate's header, by the header element they came from. */
    private static final Map<String, String> FROM_HEADER = Map.ofEntries(
            Map.entry("IEFlag", "IEFlag"), Map.entry("CustomMaster", "CustomsOffice"), Map.entry("IEPort", "IEPort"),
            Map.entry("DDate", "DeclDate"), Map.entry("TradeCoScc", "TradeCoScc"), Map.entry("TradeName", "TradeName"),
            Map.entry("AgentCodeScc", "DeclarantScc"), Map.entry("AgentName", "DeclarantName"),
            Map.entry("TradeMode", "TradeMode"), Map.entry("TrafMode", "TrafMode"));

    private static final Pattern HEAD = Pattern.compile("/DecMessage/DecHead/([A-Za-z]+)(.*)");
    private static final Pattern ITEM = Pattern.compile("/DecMessage/DecLists/DecList(\\[\\d+])?(.*)");
    private static final Pattern CONTAINER = Pattern.compile("/DecMessage/DecContainers/Container(\\[\\d+])?(.*)");

    private ConsignmentPaths() {
    }

    /** The consignment element, e.g. {@code /AggregateDeclaration/Consignment[2]}. */
    static String consignment(int n) {
        return ROOT + "/" + indexed("Consignment", n);
    }

    /** Where the aggregate holds what the path names in consignment n's declaration (1-based). */
    static String toAggregate(String declarationPath, int n) {
        if (declarationPath == null) {
            return consignment(n);
        }
        Matcher head = HEAD.matcher(declarationPath);
        if (head.matches()) {
            String header = FROM_HEADER.get(head.group(1));
            return header != null ? ROOT + "/" + header + head.group(2)
                    // the composed note names the aggregate; nothing of the sender's stands behind it
                    : "NoteS".equals(head.group(1)) ? consignment(n) : consignment(n) + "/" + head.group(1) + head.group(2);
        }
        Matcher item = ITEM.matcher(declarationPath);
        if (item.matches()) {
            return consignment(n) + "/Item" + (item.group(1) == null ? "" : item.group(1)) + item.group(2);
        }
        Matcher container = CONTAINER.matcher(declarationPath);
        if (container.matches()) {
            return consignment(n) + "/Container" + (container.group(1) == null ? "" : container.group(1)) + container.group(2);
        }
        if (declarationPath.startsWith("/DecMessage/DecFreeTxt/VoyNo")) {
            return consignment(n) + "/VoyageNo";
        }
        if (declarationPath.startsWith("/DecMessage/DecSign/ClientSeqNo")) {
            return ROOT + "/AggregateId";
        }
        if (declarationPath.startsWith("/DecMessage/DecSign/OperName")) {
            return ROOT + "/OperName";
        }
        return consignment(n);
    }

    static String indexed(String name, int n) {
        return n == 1 ? name : name + "[" + n + "]";
    }
}
