package org.casw.routes.rules.manifest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.casw.routes.document.DocumentType;
import org.casw.routes.document.TestDocuments;
import org.casw.routes.rules.CheckDigits;
import org.casw.routes.rules.RuleViolations;
import org.casw.routes.validation.Violation;
import org.casw.schemas.manifest.Manifest;
import org.casw.testsupport.Samples;

/** Shared by the manifest tests: the compiled manifest.xsd, the JAXB model, the samples and a large manifest. */
public final class ManifestTestSupport {

    static final Path SAMPLES = Samples.DIR;
    static final Path MANIFESTS = SAMPLES.resolve("manifest");
    static final Path RECEIPTS = SAMPLES.resolve("manifest-receipt");


    private ManifestTestSupport() {
    }

    /** Schema errors as "line:column message"; empty when the payload is schema-valid. */
    static List<String> schemaErrors(byte[] payload) {
        return TestDocuments.schemaErrors(DocumentType.MANIFEST, payload);
    }

    static Object read(byte[] payload) {
        return TestDocuments.read(DocumentType.MANIFEST, payload);
    }

    static Manifest manifest(byte[] payload) {
        return (Manifest) read(payload);
    }

    static List<Violation> check(ManifestRules rules, byte[] payload) {
        RuleViolations violations = new RuleViolations();
        rules.check(manifest(payload), violations);
        return violations.list();
    }

    static byte[] bytes(Path file) {
        try {
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String text(Path file) {
        return new String(bytes(file), StandardCharsets.UTF_8);
    }

    static List<Path> xmlFiles(Path folder) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.filter(p -> p.toString().endsWith(".xml")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A valid ISO 6346 container number for an owner code (with category U) and a serial number. */
    public static String container(String ownerAndCategory, int serial) {
        String firstTen = ownerAndCategory + String.format("%06d", serial);
        return firstTen + CheckDigits.containerCheckDigit(firstTen);
    }

    /**
     * A schema-valid sea manifest (MT1101, Laem Chabang to Qinzhou) with the given number of consignments,
     * each with as many items as containers, every item in its own listed container.
     */
    /** A valid MT1101 with the given number of consignments and containers per consignment (about 700 bytes each). */
    public static String largeManifest(int consignments, int containersPerConsignment) {
        StringBuilder xml = new StringBuilder(consignments * containersPerConsignment * 700 + 2000);
        xml.append("""
                <?xml version="1.0" encoding="UTF-8"?>
                <Manifest xmlns="urn:casw:cn:manifest:1">
                  <Head>
                    <MessageID>PABV-MT1101-LARGE-0001</MessageID>
                    <FunctionCode>9</FunctionCode>
                    <MessageType>MT1101</MessageType>
                    <SenderID>PABV-QZH-AGENT</SenderID>
                    <ReceiverID>CN-CUSTOMS-7205</ReceiverID>
                    <SendTime>20261120083000000</SendTime>
                    <Version>1.0</Version>
                  </Head>
                  <Declaration>
                    <DeclarationOfficeID>7205</DeclarationOfficeID>
                    <BorderTransportMeans>
                      <JourneyID>0342N</JourneyID>
                      <TypeCode>1</TypeCode>
                      <ID>IMO9321483</ID>
                      <Name>KOTA CAHAYA</Name>
                    </BorderTransportMeans>
                    <LoadingLocation><ID>THLCH</ID></LoadingLocation>
                    <UnloadingLocation><ID>CNQZH</ID></UnloadingLocation>
                """);
        int serial = 100000;
        for (int c = 1; c <= consignments; c++) {
            xml.append("    <Consignment>\n")
                    .append("      <TransportContractDocument><ID>PILQZH26").append(String.format("%05d", c))
                    .append("</ID></TransportContractDocument>\n")
                    .append("      <ConsignmentPackaging><QuantityQuantity>").append(containersPerConsignment * 100)
                    .append("</QuantityQuantity></ConsignmentPackaging>\n")
                    .append("      <TotalGrossMassMeasure>").append(containersPerConsignment * 20000)
                    .append("</TotalGrossMassMeasure>\n");
            List<String> numbers = new ArrayList<>(containersPerConsignment);
            for (int i = 1; i <= containersPerConsignment; i++) {
                String number = container("CSQU", serial++);
                numbers.add(number);
                xml.append("      <ConsignmentItem><SequenceNumeric>").append(i).append("</SequenceNumeric>")
                        .append("<Commodity><CargoDescription>Technically specified natural rubber</CargoDescription>")
                        .append("<Classification><ID>400122</ID></Classification></Commodity>")
                        .append("<GoodsMeasure><GrossMassMeasure>20000</GrossMassMeasure></GoodsMeasure>")
                        .append("<EquipmentIdentification><ID>").append(number).append("</ID></EquipmentIdentification>")
                        .append("</ConsignmentItem>\n");
            }
            for (String number : numbers) {
                xml.append("      <TransportEquipment><EquipmentIdentification><ID>").append(number)
                        .append("</ID></EquipmentIdentification><CharacteristicCode>45G1</CharacteristicCode>")
                        .append("<FullnessCode>8</FullnessCode><SealID>TH").append(number, 4, 11)
                        .append("</SealID></TransportEquipment>\n");
            }
            xml.append("    </Consignment>\n");
        }
        return xml.append("  </Declaration>\n</Manifest>\n").toString();
    }
}
