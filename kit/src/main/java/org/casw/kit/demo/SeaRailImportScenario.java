package org.casw.kit.demo;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.casw.routes.rules.CheckDigits;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * A full sea-rail import through the gateway and its sandbox partners, acted out as the demo parties over
 * the gateway's own HTTP API: the enterprise files the MT1101 manifest of a container from Singapore,
 * customs accepts it, the port reports the discharge, the Singapore window issues a Form E for the goods,
 * the enterprise declares them claiming it, customs answers L then P and notifies the window that the
 * certificate was used, the port gates the container out to rail and the rail system reports the departure.
 * Every run uses fresh ids (container, bill, certificate, message ids), so runs on one data directory never collide.
 */
public final class SeaRailImportScenario {

    static final String ENTERPRISE_KEY = "demo-enterprise-key";
    static final String CUSTOMS_KEY = "sandbox-customs-key";
    static final String SG_NSW_KEY = "demo-sg-nsw-key";
    /** A sandbox answers only operators and the party it acts as: the port's gate-out is asked for with the port's key. */
    static final String PORT_KEY = "demo-port-key";

    /** One step's outcome: the tracking id it concerns and the state it reached. */
    public record Step(int number, String name, String trackingId, String status, boolean reached, String detail) {
        public String line() {
            return String.format("%2d %-28s %-28s %-14s %s", number, name, trackingId == null ? "-" : trackingId,
                    status == null ? "-" : status, reached ? "ok" : "FAILED: " + detail);
        }
    }

    /** The run's outcome: its steps, the container's tracking timeline, and the first step that failed. */
    public record Result(String container, String billNo, String certificateNo, List<Step> steps, JsonNode timeline,
            Optional<Step> failed) {
        public boolean succeeded() {
            return failed.isEmpty();
        }
    }

    /** Waits until a probe's value satisfies a condition, or gives up (returns the last value seen, if any). */
    @FunctionalInterface
    public interface Waiter {
        <T> Optional<T> until(Supplier<T> probe, Predicate<T> done, Duration atMost);
    }

    /** Polls every 200 ms: the demo command's waiter (tests use Awaitility). */
    public static final Waiter POLLING = new Waiter() {
        @Override
        public <T> Optional<T> until(Supplier<T> probe, Predicate<T> done, Duration atMost) {
            long deadline = System.nanoTime() + atMost.toNanos();
            while (true) {
                T value = probe.get();
                if (value != null && done.test(value)) {
                    return Optional.of(value);
                }
                if (System.nanoTime() > deadline) {
                    return Optional.empty();
                }
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return Optional.empty();
                }
            }
        }
    };

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final DateTimeFormatter DATE_TIME_17 = DateTimeFormatter.ofPattern("yyyyMMddHHmmssSSS");
    private static final DateTimeFormatter DATE_TIME_14 = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");
    private static final DateTimeFormatter DATE_8 = DateTimeFormatter.BASIC_ISO_DATE;

    private final String base;
    private final Waiter waiter;
    private final Duration stepTimeout;
    private final Consumer<Step> progress;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final List<Step> steps = new ArrayList<>();
    /** The step being acted out, so a failed request is reported under its name. */
    private int currentNumber = 1;
    private String currentName = "manifest MT1101 filed";

    public SeaRailImportScenario(int port, Waiter waiter, Duration stepTimeout, Consumer<Step> progress) {
        this.base = "http://127.0.0.1:" + port;
        this.waiter = waiter;
        this.stepTimeout = stepTimeout;
        this.progress = progress;
    }

    /** Runs every step in order; stops at the first that does not reach its expected state in time. */
    public Result run() {
        String run = Long.toString(System.currentTimeMillis(), 36).toUpperCase(Locale.ROOT);
        String container = container();
        String bill = "PILSQZ" + run;
        String certificateNo = null;
        JsonNode timeline = null;
        try {
            // 1-2: the enterprise (as shipping agent) files the manifest; customs answers 01
            String manifest = post(ENTERPRISE_KEY, "/api/v1/messages", manifest(run, bill, container)).path("trackingId").asText(null);
            if (!awaitMessage(1, "manifest MT1101 filed", ENTERPRISE_KEY, manifest, "QUEUED", m -> true)
                    || !awaitMessage(2, "manifest accepted (01)", ENTERPRISE_KEY, manifest, "ACKNOWLEDGED 01",
                            m -> "ACKNOWLEDGED".equals(m.path("status").asText()) && "01".equals(m.path("destinationStatus").asText()))) {
                return result(container, bill, null, null);
            }
            // 3: the port got its copy of the manifest and reports the discharge to customs
            if (awaitEvent(3, "container discharged", container, "QZPORT-DIS") == null) {
                return result(container, bill, null, null);
            }
            // 4: the Singapore window reports its AEO enterprises (the exporter among them, AEO mutual recognition),
            // then issues and signs a Form E for the goods; it reaches customs
            begin(4, "certificate of origin");
            JsonNode aeo = post(SG_NSW_KEY, "/sandbox/windows/SG-NSW/aeo", JSON.createObjectNode());
            if (aeo.path("gatewayStatus").asInt() != 202) {
                record(4, "certificate of origin", aeo.path("trackingId").asText(null), null, false,
                        "the Singapore window's AEO status notice was refused: " + aeo.path("gatewayAnswer").asText(aeo.toString()));
                return result(container, bill, null, null);
            }
            JsonNode issued = post(SG_NSW_KEY, "/sandbox/windows/SG-NSW/certificates", certificateRequest());
            certificateNo = issued.path("certificateNo").asText(null);
            String certificate = issued.path("trackingId").asText(null);
            if (!awaitMessage(4, "certificate of origin " + certificateNo, SG_NSW_KEY, certificate, "DELIVERED",
                    m -> "DELIVERED".equals(m.path("status").asText()))) {
                return result(container, bill, certificateNo, null);
            }
            // 5-6: the enterprise declares, claiming the certificate; customs answers L, then P
            begin(5, "declaration received (L)");
            String declaration = post(ENTERPRISE_KEY, "/api/v1/messages", declaration(run, bill, container, certificateNo))
                    .path("trackingId").asText(null);
            if (!awaitMessage(5, "declaration received (L)", ENTERPRISE_KEY, declaration, "ACKNOWLEDGED L",
                    m -> m.path("history").toString().contains("CN-CUSTOMS L ") && lane(m) != null)
                    || !awaitMessage(6, "declaration released (P)", ENTERPRISE_KEY, declaration, "ACKNOWLEDGED P",
                            m -> "P".equals(m.path("destinationStatus").asText()))) {
                return result(container, bill, certificateNo, null);
            }
            // 7: customs tells the issuing window the certificate was used
            String used = "CERTIFICATE_NO:" + certificateNo;
            String notice = waitFor(() -> search(SG_NSW_KEY, "CERTIFICATE_UTILIZATION", used, s -> true));
            if (!awaitMessage(7, "utilization notice to SG-NSW", SG_NSW_KEY, notice,
                    "DELIVERED", m -> "DELIVERED".equals(m.path("status").asText()))) {
                return result(container, bill, certificateNo, null);
            }
            // 8: released goods leave the terminal on the sea-rail train; the port reports the gate-out
            begin(8, "gate-out to rail");
            JsonNode gateOut = post(PORT_KEY, "/sandbox/port/gate-out", JSON.createObjectNode().put("container", container));
            if (awaitEvent(8, "gate-out to rail", container, gateOut.path("batchId").asText("QZPORT-GO")) == null) {
                return result(container, bill, certificateNo, null);
            }
            // 9: the rail system, told of the gate-out, reports the departure
            if (awaitEvent(9, "rail departure", container, "QZRAIL-DEP") == null) {
                return result(container, bill, certificateNo, null);
            }
            // the largest page: the demo prints the whole timeline of its one container
            timeline = get(CUSTOMS_KEY, "/api/v1/track?key=" + URLEncoder.encode(container, StandardCharsets.UTF_8) + "&size=500");
            return result(container, bill, certificateNo, timeline);
        } catch (IOException | RuntimeException e) {
            record(currentNumber, currentName, null, null, false, e.getMessage() == null ? e.toString() : e.getMessage());
            return result(container, bill, certificateNo, timeline);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            record(currentNumber, currentName, null, null, false, "interrupted");
            return result(container, bill, certificateNo, timeline);
        }
    }

    private Result result(String container, String bill, String certificateNo, JsonNode timeline) {
        Optional<Step> failed = steps.stream().filter(s -> !s.reached()).findFirst();
        return new Result(container, bill, certificateNo, List.copyOf(steps), timeline, failed);
    }

    private boolean awaitMessage(int number, String name, String key, String trackingId, String expected, Predicate<JsonNode> done) {
        if (trackingId == null) {
            record(number, name, null, null, false, "the gateway gave no tracking id");
            return false;
        }
        JsonNode[] last = new JsonNode[1];
        Optional<JsonNode> reached = waiter.until(() -> {
            last[0] = getQuietly(key, "/api/v1/messages/" + trackingId);
            return last[0];
        }, m -> isTerminalFailure(m) || done.test(m), stepTimeout);
        JsonNode m = reached.orElse(last[0]);
        String status = m == null ? null : m.path("status").asText()
                + (m.hasNonNull("destinationStatus") ? " " + m.get("destinationStatus").asText() : "")
                + (lane(m) == null ? "" : ", lane " + lane(m));
        boolean ok = reached.isPresent() && !isTerminalFailure(reached.get());
        record(number, name, trackingId, status, ok, ok ? "" : "expected " + expected + " within " + stepTimeout.toSeconds() + " s"
                + (m != null && m.has("violations") ? ", violations " + m.get("violations") : ""));
        return ok;
    }

    /** A container event batch of this container whose batch id starts with the prefix, delivered to customs. */
    private String awaitEvent(int number, String name, String container, String batchPrefix) {
        String trackingId = waitFor(() -> search(CUSTOMS_KEY, "CONTAINER_EVENT", "CONTAINER_NO:" + container,
                s -> s.path("messageId").asText().startsWith(batchPrefix)));
        return awaitMessage(number, name, CUSTOMS_KEY, trackingId, "DELIVERED", m -> "DELIVERED".equals(m.path("status").asText()))
                ? trackingId : null;
    }

    private String waitFor(Supplier<String> probe) {
        return waiter.until(probe, v -> true, stepTimeout).orElse(null);
    }

    /** A declaration's customs lane (FAST for a recognised AEO enterprise), or null for other documents. */
    private static String lane(JsonNode m) {
        JsonNode lane = m.path("businessKeys").path("LANE");
        return lane.isArray() && !lane.isEmpty() ? lane.get(0).asText() : null;
    }

    private static boolean isTerminalFailure(JsonNode m) {
        String status = m.path("status").asText();
        return "REJECTED".equals(status) || "FAILED".equals(status);
    }

    private void begin(int number, String name) {
        currentNumber = number;
        currentName = name;
    }

    private void record(int number, String name, String trackingId, String status, boolean reached, String detail) {
        Step step = new Step(number, name, trackingId, status, reached, detail);
        steps.add(step);
        progress.accept(step);
    }

    /** The newest message of the caller of a type carrying a business key and matching a filter, or null. */
    private String search(String key, String type, String businessKey, Predicate<JsonNode> filter) {
        JsonNode page = getQuietly(key, "/api/v1/messages?type=" + type + "&businessKey="
                + URLEncoder.encode(businessKey, StandardCharsets.UTF_8) + "&size=50");
        if (page == null) {
            return null;
        }
        for (JsonNode item : page.path("items")) {
            if (filter.test(item)) {
                return item.path("trackingId").asText();
            }
        }
        return null;
    }

    private JsonNode post(String key, String path, Object body) throws IOException, InterruptedException {
        boolean xml = body instanceof String;
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Content-Type", xml ? "application/xml" : "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(xml ? (String) body : JSON.writeValueAsString(body), StandardCharsets.UTF_8));
        if (key != null) {
            request.header("Authorization", "Bearer " + key);
        }
        HttpResponse<String> response = http.send(request.build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        JsonNode answer = response.body() == null || response.body().isBlank() ? JSON.createObjectNode() : JSON.readTree(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new IllegalStateException("POST " + path + " answered HTTP " + response.statusCode() + ": " + response.body());
        }
        return answer;
    }

    private JsonNode get(String key, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(30))
                .header("Authorization", "Bearer " + key).GET().build(), HttpResponse.BodyHandlers.ofString(StandardCharsets.UTF_8));
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : null;
    }

    private JsonNode getQuietly(String key, String path) {
        try {
            return get(key, path);
        } catch (IOException e) {
            return null;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return null;
        }
    }

    /** A fresh container number with a valid ISO 6346 check digit. */
    static String container() {
        String first = "SWDU" + String.format("%06d", new SecureRandom().nextInt(1_000_000));
        return first + CheckDigits.containerCheckDigit(first) % 10;
    }

    private static JsonNode certificateRequest() {
        LocalDate departed = LocalDate.now(ZoneOffset.UTC).minusDays(4);
        return JSON.createObjectNode().put("vessel", "KOTA CAHAYA 0417N").put("portOfLoading", "SGSIN").put("portOfDischarge", "CNQZH")
                .put("departure", departed.toString()).put("description", "Food preparations, instant noodle seasoning, 12 kg cartons")
                .put("hsCode", "210690").put("originCriterion", "RVC40").put("packages", 1000).put("packageKind", "CT")
                .put("grossWeight", 13100).put("quantity", 12000).put("unit", "KGM").put("fobValue", 42000).put("currency", "USD");
    }

    /** The original manifest as the shipping agent's manifest software writes it: China's MT1101 (CN-MANIFEST). */
    static String manifest(String run, String bill, String container) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.ofHours(8));
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <Manifest xmlns="urn:Declaration:datamodel:standard:CN:MT1101:1">
                  <Head>
                    <MessageID>CN_MT1101_1p0_PABVQZH_%1$s</MessageID>
                    <FunctionCode>9</FunctionCode>
                    <MessageType>MT1101</MessageType>
                    <SenderID>PABV-QZH-AGENT</SenderID>
                    <ReceiverID>EPORT</ReceiverID>
                    <SendTime>%2$s</SendTime>
                    <Version>1.0</Version>
                  </Head>
                  <Declaration>
                    <RepresentativePerson>
                      <Name>PABV-QZH-AGENT</Name>
                    </RepresentativePerson>
                    <Agent>
                      <ID>PABV-QZH-AGENT</ID>
                    </Agent>
                    <Carrier>
                      <ID>PABV</ID>
                    </Carrier>
                    <BorderTransportMeans>
                      <JourneyID>0417N</JourneyID>
                      <TypeCode>1</TypeCode>
                      <ID>UN9321483</ID>
                      <Name>KOTA CAHAYA</Name>
                      <FirstArrivalLocationID>CNQZH</FirstArrivalLocationID>
                      <ArrivalDateTime>%7$s</ArrivalDateTime>
                      <DepartureDateTime>%3$s</DepartureDateTime>
                    </BorderTransportMeans>
                    <Consignment>
                      <TransportContractDocument>
                        <ID>%4$s</ID>
                        <ConditionCode>10</ConditionCode>
                      </TransportContractDocument>
                      <AssociatedTransportDocument>
                        <ID></ID>
                      </AssociatedTransportDocument>
                      <LoadingLocation>
                        <ID>SGSIN</ID>
                        <LoadingDate>%3$s</LoadingDate>
                      </LoadingLocation>
                      <UnloadingLocation>
                        <ID>CNQZH/7205</ID>
                        <ArrivalDate>%7$s</ArrivalDate>
                      </UnloadingLocation>
                      <FreightPayment>
                        <MethodCode>PP</MethodCode>
                      </FreightPayment>
                      <ConsignmentPackaging>
                        <QuantityQuantity>1000</QuantityQuantity>
                        <TypeCode>CT</TypeCode>
                      </ConsignmentPackaging>
                      <TotalGrossMassMeasure>13100</TotalGrossMassMeasure>
                      <Consignee>
                        <ID>USCI+91450700MA5L3QR71R</ID>
                        <Name>Qinzhou Demo Import &amp; Export Co., Ltd.</Name>
                        <Address>
                          <Line>Qinzhou Port Economic and Technological Development Zone</Line>
                          <CountryCode>CN</CountryCode>
                        </Address>
                        <AEO></AEO>
                      </Consignee>
                      <Consignor>
                        <Name>Jurong Food Industries Pte. Ltd.</Name>
                        <Address>
                          <CountryCode>SG</CountryCode>
                        </Address>
                        <AEO>SG199801234K</AEO>
                      </Consignor>
                      <TransportEquipment>
                        <EquipmentIdentification>
                          <ID>%5$s</ID>
                        </EquipmentIdentification>
                        <CharacteristicCode>45G1</CharacteristicCode>
                        <SupplierPartyTypeCode>2</SupplierPartyTypeCode>
                        <FullnessCode>8</FullnessCode>
                        <SealID AgencyCode="CA">SG%6$s</SealID>
                      </TransportEquipment>
                      <ConsignmentItem>
                        <SequenceNumeric>1</SequenceNumeric>
                        <ConsignmentItemPackaging>
                          <QuantityQuantity>1000</QuantityQuantity>
                          <TypeCode>CT</TypeCode>
                        </ConsignmentItemPackaging>
                        <Commodity>
                          <CargoDescription>Food preparations, instant noodle seasoning, 1000 cartons of 12 kg</CargoDescription>
                          <TariffClassificationCode>2106909090</TariffClassificationCode>
                        </Commodity>
                        <GoodsMeasure>
                          <GrossMassMeasure>13100</GrossMassMeasure>
                        </GoodsMeasure>
                        <EquipmentIdentification>
                          <ID>%5$s</ID>
                        </EquipmentIdentification>
                      </ConsignmentItem>
                    </Consignment>
                    <AdditionalInformation>
                      <Content></Content>
                    </AdditionalInformation>
                  </Declaration>
                </Manifest>
                """.formatted(run, now.format(DATE_TIME_17), now.minusDays(4).format(DATE_TIME_14), bill, container,
                container.substring(5, 11), now.format(DATE_TIME_14));
    }

    static String declaration(String run, String bill, String container, String certificateNo) {
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        return """
                <?xml version="1.0" encoding="UTF-8"?>
                <DecMessage xmlns="http://www.chinaport.gov.cn/dec" version="3.1">
                  <DecHead>
                    <SeqNo/>
                    <IEFlag>I</IEFlag>
                    <Type>0000CR</Type>
                    <AgentCode/>
                    <AgentName>Qinzhou Demo Import &amp; Export Co., Ltd.</AgentName>
                    <ApprNo/>
                    <BillNo>%2$s</BillNo>
                    <ContrNo>QZDEMO-%3$s</ContrNo>
                    <CustomMaster>7205</CustomMaster>
                    <CutMode>101</CutMode>
                    <DistinatePort>CNQZH</DistinatePort>
                    <FeeCurr/>
                    <FeeMark/>
                    <FeeRate/>
                    <GrossWet>13100</GrossWet>
                    <IEDate>%1$s</IEDate>
                    <IEPort>7205</IEPort>
                    <InsurCurr/>
                    <InsurMark/>
                    <InsurRate/>
                    <LicenseNo/>
                    <ManualNo/>
                    <NetWt>12000</NetWt>
                    <NoteS>Sea-rail import via Qinzhou to Chongqing</NoteS>
                    <OtherCurr/>
                    <OtherMark/>
                    <OtherRate/>
                    <OwnerCode/>
                    <OwnerName>Qinzhou Demo Import &amp; Export Co., Ltd.</OwnerName>
                    <PackNo>1000</PackNo>
                    <TradeCode/>
                    <TradeCountry>SGP</TradeCountry>
                    <TradeMode>0110</TradeMode>
                    <TradeName>Qinzhou Demo Import &amp; Export Co., Ltd.</TradeName>
                    <TrafMode>2</TrafMode>
                    <TrafName>KOTA CAHAYA</TrafName>
                    <TransMode>1</TransMode>
                    <WrapType>22</WrapType>
                    <EntryId/>
                    <PreEntryId/>
                    <EdiId>1</EdiId>
                    <Risk/>
                    <CopName>Qinzhou Demo Import &amp; Export Co., Ltd.</CopName>
                    <CopCode/>
                    <EntryType>M</EntryType>
                    <PDate/>
                    <TypistNo/>
                    <InputerName/>
                    <PartenerID/>
                    <TgdNo/>
                    <DataSource/>
                    <DeclTrnRel>0</DeclTrnRel>
                    <ChkSurety>0</ChkSurety>
                    <BillType/>
                    <CopCodeScc>91450700MA5L3QR71R</CopCodeScc>
                    <OwnerCodeScc>91450700MA5L3QR71R</OwnerCodeScc>
                    <AgentCodeScc>91450700MA5L3QR71R</AgentCodeScc>
                    <TradeCoScc>91450700MA5L3QR71R</TradeCoScc>
                    <PromiseItmes>000</PromiseItmes>
                    <TradeAreaCode>SGP</TradeAreaCode>
                    <CheckFlow/>
                    <TaxAaminMark/>
                    <MarkNo>N/M</MarkNo>
                    <DespPortCode>SGSIN</DespPortCode>
                    <EntyPortCode/>
                    <GoodsPlace/>
                    <BLNo/>
                    <InspOrgCode/>
                    <SpecDeclFlag/>
                    <PurpOrgCode/>
                    <DespDate/>
                    <CmplDschrgDt/>
                    <CorrelationReasonFlag/>
                    <VsaOrgCode/>
                    <OrigBoxFlag/>
                    <DeclareName>Li Wei</DeclareName>
                    <NoOtherPack/>
                    <OrgCode/>
                    <OverseasConsignorCode>SG199801234K</OverseasConsignorCode>
                    <OverseasConsignorCname/>
                    <OverseasConsignorEname>Jurong Food Industries Pte. Ltd.</OverseasConsignorEname>
                    <OverseasConsignorAddr/>
                    <OverseasConsigneeCode/>
                    <OverseasConsigneeEname/>
                    <DomesticConsigneeEname/>
                    <CorrelationNo/>
                    <EdiRemark2/>
                    <EdiRemark/>
                    <TradeCiqCode/>
                    <OwnerCiqCode/>
                    <DeclCiqCode/>
                    <DDate>%1$s</DDate>
                  </DecHead>
                  <DecLists>
                    <DecList>
                      <ClassMark/>
                      <CodeTS>2106909090</CodeTS>
                      <ContrItem/>
                      <DeclPrice>3.5</DeclPrice>
                      <DutyMode>1</DutyMode>
                      <Factor/>
                      <GModel>Instant noodle seasoning, 12 kg cartons</GModel>
                      <GName>Food preparations</GName>
                      <GNo>1</GNo>
                      <OriginCountry>SGP</OriginCountry>
                      <TradeCurr>USD</TradeCurr>
                      <DeclTotal>42000</DeclTotal>
                      <GQty>12000</GQty>
                      <FirstQty/>
                      <SecondQty/>
                      <GUnit>035</GUnit>
                      <FirstUnit/>
                      <SecondUnit/>
                      <UseTo/>
                      <WorkUsd/>
                      <ExgNo/>
                      <ExgVersion/>
                      <DestinationCountry>CHN</DestinationCountry>
                      <CiqCode/>
                      <DeclGoodsEname>Food preparations</DeclGoodsEname>
                      <OrigPlaceCode/>
                      <Purpose/>
                      <ProdValidDt/>
                      <ProdQgp/>
                      <GoodsAttr/>
                      <Stuff/>
                      <Uncode/>
                      <DangName/>
                      <DangPackType/>
                      <DangPackSpec/>
                      <EngManEntCnm/>
                      <NoDangFlag>1</NoDangFlag>
                      <DestCode/>
                      <GoodsSpec/>
                      <GoodsModel/>
                      <GoodsBrand/>
                      <ProduceDate/>
                      <ProdBatchNo/>
                      <DistrictCode/>
                      <CiqName/>
                      <DecGoodsLimits/>
                      <MnufctrRegNo/>
                      <MnufctrRegName/>
                      <RcepOrigPlaceCode/>
                    </DecList>
                  </DecLists>
                  <DecContainers>
                    <Container>
                      <ContainerId>%4$s</ContainerId>
                      <ContainerMd>45G1</ContainerMd>
                      <GoodsNo>1</GoodsNo>
                      <LclFlag>0</LclFlag>
                      <ContainerWt>13100</ContainerWt>
                    </Container>
                  </DecContainers>
                  <DecLicenseDocus>
                    <LicenseDocu>
                      <DocuCode>Y</DocuCode>
                      <CertCode>%5$s</CertCode>
                    </LicenseDocu>
                  </DecLicenseDocus>
                  <DecRequestCerts/>
                  <DecOtherPacks/>
                  <DecFreeTxt>
                    <RelId/>
                    <RelManNo/>
                    <BonNo/>
                    <VoyNo>0417N</VoyNo>
                    <DecBpNo/>
                    <CusFie/>
                    <DecNo/>
                  </DecFreeTxt>
                  <DecSign>
                    <OperType>A</OperType>
                    <ICCode/>
                    <CopCode/>
                    <OperName>Li Wei</OperName>
                    <ClientSeqNo>QZDEMO-%3$s-DEC</ClientSeqNo>
                    <Sign/>
                    <SignDate>%6$s</SignDate>
                    <Certificate/>
                    <HostId/>
                    <BillSeqNo/>
                    <DomainId/>
                    <Note/>
                  </DecSign>
                  <EcoRelation>
                    <CertType>E</CertType>
                    <EcoCertNo>%5$s</EcoCertNo>
                    <DecGNo>1</DecGNo>
                    <EcoGNo>1</EcoGNo>
                  </EcoRelation>
                  <DecCopPromises>
                    <DecCopPromise>
                      <DeclaratioMaterialCode>101040</DeclaratioMaterialCode>
                    </DecCopPromise>
                  </DecCopPromises>
                </DecMessage>
                """.formatted(today.format(DATE_8), bill, run, container, certificateNo,
                // DecSign/SignDate as declaration software writes it: China time, yyyyMMddHHmmss and hundredths
                OffsetDateTime.now(ZoneOffset.ofHours(8)).format(DateTimeFormatter.ofPattern("uuuuMMddHHmmssSS")));
    }
}
