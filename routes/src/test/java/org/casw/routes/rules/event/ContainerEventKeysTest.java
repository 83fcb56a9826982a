package org.casw.routes.rules.event;

import org.casw.routes.document.BusinessKeys;
import org.casw.routes.document.BusinessKeys.Key;
import org.casw.routes.document.BusinessKeys.Kind;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/** A container event batch is found by its containers, bills of lading and locations. */
class ContainerEventKeysTest {

    @Test
    void keysListEveryContainerBillAndLocationOnce() {
        BusinessKeys keys = ContainerEventKeys.keysOf(ContainerEventSamples.read(
                ContainerEventSamples.sample("valid", "qinzhou-port-discharge-and-gate-out-to-rail.xml")));

        assertThat(keys.all()).containsExactlyInAnyOrder(
                new Key(Kind.CONTAINER_NO, "CSQU3054383"),
                new Key(Kind.CONTAINER_NO, "ZEPU0037255"),
                new Key(Kind.BILL_NO, "COSU6401234560"),
                new Key(Kind.BILL_NO, "COSU6401234577"),
                new Key(Kind.LOCATION, "CNQZH"));
    }

    @Test
    void eventsWithoutBillsStillYieldContainerAndLocation() {
        BusinessKeys keys = ContainerEventKeys.keysOf(ContainerEventSamples.read(
                ContainerEventSamples.sample("valid", "qinzhou-bonded-zone-gate-in-out.xml")));

        assertThat(keys.all()).extracting(Key::kind).contains(Kind.CONTAINER_NO, Kind.LOCATION);
        assertThat(keys.all()).filteredOn(k -> k.kind() == Kind.CONTAINER_NO).extracting(Key::value)
                .containsExactly("TGHU6123458", "OOLU1847208");
        assertThat(keys.all()).filteredOn(k -> k.kind() == Kind.BILL_NO).extracting(Key::value)
                .containsExactly("MEDUTH2611004");
    }

    @Test
    void reporterIsTheClaimedSender() {
        BusinessKeys keys = ContainerEventKeys.keysOf(ContainerEventSamples.read(
                ContainerEventSamples.sample("valid", "qinzhou-rail-departure-to-chongqing.xml")));

        assertThat(keys.declaredSender()).isEqualTo("91450700MA5K8R2N25");
        assertThat(keys.declaredSenderPath()).isEqualTo("/ContainerEvents/Reporter");
    }
}
