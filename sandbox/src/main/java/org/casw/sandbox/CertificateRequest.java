package org.casw.sandbox;

import java.math.BigDecimal;
import java.time.LocalDate;

/**
 * What an exporter asks a sandbox single window to certify: one consignment of one kind of goods for an
 * export to China under ACFTA (Form E). Missing values take the sandbox's defaults.
 *
 * @param hsCode     the 6-digit HS 2022 subheading
 * @param unit       UN/ECE Rec 20 unit of the quantity (KGM)
 * @param departure  the shipment's departure date (default: today, UTC)
 */
public record CertificateRequest(String exporterName, String exporterAddress, String exporterId, String consigneeName,
        String consigneeAddress, String consigneeId, String vessel, String portOfLoading, String portOfDischarge, LocalDate departure,
        String description, String hsCode, String originCriterion, Integer packages, String packageKind, BigDecimal grossWeight,
        BigDecimal quantity, String unit, BigDecimal fobValue, String currency, String invoiceNo, String marks) {
}
