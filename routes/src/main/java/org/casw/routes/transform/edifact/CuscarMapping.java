package org.casw.routes.transform.edifact;

import org.casw.schemas.manifest.MessageType;

/**
 * How the native manifest and a UN/EDIFACT D.96B CUSCAR correspond, in both directions, following the
 * D.96B segment table (validated against the whole directory) and what the WCO and national customs
 * implementation guides agree on: the HS code in CST C246/7361, contacts in CTA/COM under the party, the
 * reefer set temperature in TMP+2 under its EQD, dangerous goods in DGS under the goods item. A partner's
 * own guide may differ and is agreed per partner.
 *
 * <pre>
 * Head/SenderID, ReceiverID         UNB S002/0004, S003/0010 (syntax UNOC:3)
 * Head/Version                      UNH S009/0057 (association assigned code); absent reads as 1.0
 * Head/MessageType                  BGM C002/1001: 85 customs manifest = MT1101, 785 cargo manifest = MT2101
 * Head/MessageID, FunctionCode      BGM 1004, BGM 1225 (same code list: 2, 3, 5, 9)
 * Head/SendTime                     DTM+137, format 204 (CCYYMMDDHHMMSS: milliseconds are dropped)
 * Declaration/Carrier/ID            SG2 NAD+CA C082/3039
 * .../Contact (carrier, parties)    SG3 / SG12 CTA+IC C056/3412 name; COM C076 3148 with 3155 TE telephone,
 *                                   EM e-mail (other channels are not kept)
 * BorderTransportMeans              SG4 TDT+20: 8028 journey, C220/8067 mode, C222/8213 IMO digits (3055 = 11
 *                                   Lloyd's) or train number, C222/8212 name; DTM+132 arrival, DTM+133 departure
 * DeclarationOfficeID               LOC+22 (customs office) C517/3225
 * Loading / Unloading / first arr.  LOC+9 / LOC+11 / LOC+60 as UN/LOCODE (1131 = 139, 3055 = 6);
 *                                   DTM+11 loading date, DTM+178 arrival at the place of unloading
 * TransportEquipment                SG5 EQD+CN C237/8260 number, C224/8155 ISO size-type, 8169 full/empty;
 *                                   SEL 9308 (sealed by C215/9303 CA); SG6 TMP+2 C239 6246 (n3: -018, 005)
 *                                   6411 CEL/FAH = SetTemperature (no unit reads as CEL)
 * Consignment                       SG7 CNI C503/1004 bill; SG8 RFF+BH house bill (else RFF+BM, the same bill);
 *                                   CNT+7 gross kg, CNT+11 packages; SG11 NAD+CN consignee, NAD+CZ consignor
 *                                   (C082/3039 id, C080 name 5 x 35 cut at spaces); NAD+NI is not kept
 * ConsignmentItem                   SG14 GID 1496 sequence; FTX+AAA description (C108 5 x 70, cut at spaces);
 *                                   MEA+WT+G+KGM gross; SGP container; CST C246/7361 HS code, first 6 digits
 *                                   (the first C246 whose 7361 has 6 to 12 digits, whatever 1131/3055 say;
 *                                   read also from PIA C212 7143 = HS where a partner's directory has PIA)
 * .../DangerousGoods                DGS: 8273 regulation (IMD), C205/8351 class, C234/7124 UN number,
 *                                   C223 7106/6411 flashpoint, 8339 packing group (1, 2, 3 = I, II, III)
 * </pre>
 *
 * A container belongs to the consignment whose goods item names it in SGP (CUSCAR lists equipment
 * before consignments, so there is no other link). Everything else the directory allows (header RFF,
 * GIS, TSR, MEA and DIM of equipment, HAN, PAC, on-carriage SG9, AUT) is valid and not kept: the raw
 * interchange is.
 */
final class CuscarMapping {

    static final String DEFAULT_VERSION = "1.0";
    static final String DOCUMENT_CUSTOMS_MANIFEST = "85";
    static final String DOCUMENT_CARGO_MANIFEST = "785";
    static final String DATE_MESSAGE = "137";
    static final String DATE_ARRIVAL_ESTIMATED = "132";
    static final String DATE_DEPARTURE_ESTIMATED = "133";
    static final String DATE_LOADING = "11";
    static final String DATE_UNLOADING_ARRIVAL = "178";
    static final String DATE_FORMAT = "204";
    static final String PARTY_CARRIER = "CA";
    static final String PARTY_CONSIGNEE = "CN";
    static final String PARTY_CONSIGNOR = "CZ";
    static final String STAGE_MAIN_CARRIAGE = "20";
    static final String AGENCY_LLOYDS = "11";
    static final String CODE_LIST_MEANS = "146";
    static final String PLACE_CUSTOMS_OFFICE = "22";
    static final String PLACE_LOADING = "9";
    static final String PLACE_DISCHARGE = "11";
    static final String PLACE_FIRST_ARRIVAL = "60";
    static final String CODE_LIST_LOCODE = "139";
    static final String AGENCY_UNECE = "6";
    static final String AGENCY_MUTUAL = "ZZZ";
    static final String EQUIPMENT_CONTAINER = "CN";
    static final String SEALING_CARRIER = "CA";
    /** SEL repeats at most 9 times in D.96B CUSCAR's SG5; the native manifest allows 10 seals. */
    static final int MAX_SEALS = 9;
    static final String CONTACT_INFORMATION = "IC";
    static final String CHANNEL_TELEPHONE = "TE";
    static final String CHANNEL_EMAIL = "EM";
    static final String TEMPERATURE_TRANSPORT = "2";
    static final String UNIT_CELSIUS = "CEL";
    static final String UNIT_FAHRENHEIT = "FAH";
    static final String REFERENCE_BILL = "BM";
    static final String REFERENCE_HOUSE_BILL = "BH";
    static final String TOTAL_GROSS_WEIGHT = "7";
    static final String TOTAL_PACKAGES = "11";
    static final String TEXT_GOODS_DESCRIPTION = "AAA";
    static final String ITEM_TYPE_HS = "HS";
    static final String MEASURE_WEIGHT = "WT";
    static final String MEASURE_GROSS_WEIGHT = "G";
    static final String UNIT_KILOGRAM = "KGM";
    static final String UNIT_TONNE = "TNE";

    private CuscarMapping() {
    }

    static MessageType messageType(String documentName) {
        if (DOCUMENT_CUSTOMS_MANIFEST.equals(documentName)) {
            return MessageType.MT_1101;
        }
        if (DOCUMENT_CARGO_MANIFEST.equals(documentName)) {
            return MessageType.MT_2101;
        }
        return null;
    }

    static String documentName(MessageType type) {
        return switch (type) {
            case MT_1101 -> DOCUMENT_CUSTOMS_MANIFEST;
            case MT_2101 -> DOCUMENT_CARGO_MANIFEST;
            default -> null;
        };
    }
}
