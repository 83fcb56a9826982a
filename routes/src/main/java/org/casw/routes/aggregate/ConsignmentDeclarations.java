package org.casw.routes.aggregate;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;
import jakarta.xml.bind.JAXBContext;
import jakarta.xml.bind.JAXBException;
import jakarta.xml.bind.Marshaller;
import org.casw.schemas.aggregate.AggregateDeclaration;
import org.casw.schemas.aggregate.Consignment;
import org.casw.schemas.aggregate.Item;
import org.casw.schemas.declaration.Container;
import org.casw.schemas.declaration.DecContainers;
import org.casw.schemas.declaration.DecFreeTxt;
import org.casw.schemas.declaration.DecHead;
import org.casw.schemas.declaration.DecList;
import org.casw.schemas.declaration.DecLists;
import org.casw.schemas.declaration.DecMessage;
import org.casw.schemas.declaration.DecSign;
import org.casw.schemas.declaration.IEFlag;

/**
 * Composes the China customs declaration of each consignment of an aggregate declaration: the head
 * from the aggregate's header (office, declarant, trade company, trade and transport mode) plus the
 * consignment's bill, dates, weights and packages; its items and containers; ClientSeqNo
 * {@code <AggregateId>-<n>}. The JAXB context is built once: it is expensive and thread-safe.
 */
public class ConsignmentDeclarations {

    /** DecSign/OperType of a new declaration. */
    private static final String NEW_DECLARATION = "A";

    private final JAXBContext declarations;

    public ConsignmentDeclarations() {
        try {
            declarations = JAXBContext.newInstance(DecMessage.class);
        } catch (JAXBException e) {
            throw new IllegalStateException("The declaration model cannot be loaded", e);
        }
    }

    /** The sender's message id of consignment n (1-based): what customs de-duplicates the declaration on. */
    public static String clientSeqNo(String aggregateId, int consignment) {
        return aggregateId + "-" + consignment;
    }

    /** One declaration per consignment, in the aggregate's order. */
    public List<DecMessage> compose(AggregateDeclaration aggregate) {
        List<DecMessage> children = new ArrayList<>();
        List<Consignment> consignments = aggregate.getConsignment();
        for (int i = 0; i < consignments.size(); i++) {
            children.add(compose(aggregate, i + 1));
        }
        return children;
    }

    /** The declaration of consignment n (1-based). */
    public DecMessage compose(AggregateDeclaration aggregate, int n) {
        int count = aggregate.getConsignment().size();
        Consignment consignment = aggregate.getConsignment().get(n - 1);
        DecMessage declaration = new DecMessage();
        declaration.setVersion("3.1");
        declaration.setDecHead(head(aggregate, consignment, n, count));
        DecLists lists = new DecLists();
        for (Item item : consignment.getItem()) {
            lists.getDecList().add(item(item));
        }
        declaration.setDecLists(lists);
        // the blocks in the official order, as declaration software writes them
        if (!consignment.getContainer().isEmpty()) {
            DecContainers containers = new DecContainers();
            for (org.casw.schemas.aggregate.Container c : consignment.getContainer()) {
                containers.getContainer().add(container(c));
            }
            declaration.getBlocks().add(containers);
        }
        if (consignment.getVoyageNo() != null) {
            DecFreeTxt freeText = new DecFreeTxt();
            freeText.setVoyNo(consignment.getVoyageNo());
            declaration.getBlocks().add(freeText);
        }
        DecSign sign = new DecSign();
        sign.setOperType(NEW_DECLARATION);
        sign.setOperName(aggregate.getOperName());
        sign.setClientSeqNo(clientSeqNo(aggregate.getAggregateId(), n));
        declaration.getBlocks().add(sign);
        return declaration;
    }

    /** The declaration as XML, UTF-8, indented: what is stored, signed and delivered. */
    public byte[] marshal(DecMessage declaration) {
        try {
            Marshaller marshaller = declarations.createMarshaller();
            marshaller.setProperty(Marshaller.JAXB_ENCODING, "UTF-8");
            marshaller.setProperty(Marshaller.JAXB_FORMATTED_OUTPUT, true);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            marshaller.marshal(declaration, out);
            return out.toByteArray();
        } catch (JAXBException e) {
            throw new IllegalStateException("A composed declaration could not be written: " + e.getMessage(), e);
        }
    }

    private static DecHead head(AggregateDeclaration aggregate, Consignment consignment, int n, int count) {
        DecHead head = new DecHead();
        head.setIEFlag(IEFlag.fromValue(aggregate.getIEFlag().value()));
        head.setCustomMaster(aggregate.getCustomsOffice());
        head.setIEPort(aggregate.getIEPort());
        head.setIEDate(consignment.getIEDate());
        head.setDDate(aggregate.getDeclDate());
        head.setTradeCoScc(aggregate.getTradeCoScc());
        head.setTradeName(aggregate.getTradeName());
        head.setAgentCodeScc(aggregate.getDeclarantScc());
        head.setAgentName(aggregate.getDeclarantName());
        head.setTradeMode(aggregate.getTradeMode());
        head.setTrafMode(aggregate.getTrafMode());
        head.setTrafName(consignment.getTrafName());
        head.setBillNo(consignment.getBillNo());
        head.setContrNo(consignment.getContrNo());
        head.setTradeCountry(consignment.getTradeCountry());
        head.setPackNo(consignment.getPackNo());
        head.setWrapType(consignment.getWrapType());
        head.setGrossWet(consignment.getGrossWet());
        head.setNetWt(consignment.getNetWt());
        // tells customs which submission the declaration came from (at most 60 + 110 characters)
        head.setNoteS("Consignment " + n + " of " + count + " of aggregate declaration " + aggregate.getAggregateId()
                + ", period " + aggregate.getPeriod().getStart() + "-" + aggregate.getPeriod().getEnd());
        return head;
    }

    private static DecList item(Item item) {
        DecList line = new DecList();
        line.setGNo(item.getGNo());
        line.setCodeTS(item.getCodeTS());
        line.setGName(item.getGName());
        line.setGModel(item.getGModel());
        line.setGQty(item.getGQty());
        line.setGUnit(item.getGUnit());
        line.setFirstQty(item.getFirstQty());
        line.setFirstUnit(item.getFirstUnit());
        line.setDeclPrice(item.getDeclPrice());
        line.setDeclTotal(item.getDeclTotal());
        line.setTradeCurr(item.getTradeCurr());
        line.setOriginCountry(item.getOriginCountry());
        line.setDestinationCountry(item.getDestinationCountry());
        line.setDutyMode(item.getDutyMode());
        return line;
    }

    private static Container container(org.casw.schemas.aggregate.Container c) {
        Container container = new Container();
        container.setContainerId(c.getContainerId());
        container.setContainerMd(c.getContainerMd());
        container.setGoodsNo(c.getGoodsNo());
        container.setLclFlag(c.getLclFlag());
        container.setContainerWt(c.getContainerWt() == null ? null : c.getContainerWt().toPlainString());
        return container;
    }
}
