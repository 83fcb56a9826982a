package org.casw.bench.e2e;

import java.util.List;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** A step's CPU per tier is the difference of two readings, per delivered message; and two nodes against one. */
class TierCostsTest {

    @Test
    void aStepUsesTheDifferenceOfTwoReadingsPerTierAndPerNode() {
        TierCosts before = new TierCosts(List.of(10.0, 20.0), 5.0, 7.0);
        TierCosts after = new TierCosts(List.of(13.0, 21.0), 5.5, 9.0);

        TierCosts used = after.since(before);

        assertEquals(List.of(3.0, 1.0), used.nodeSeconds());
        assertEquals(4.0, used.gatewaySeconds(), 1e-9);
        assertEquals(0.5, used.brokerSeconds(), 1e-9);
        assertEquals(2.0, used.databaseSeconds(), 1e-9);
        assertEquals(6.5, used.totalSeconds(), 1e-9);
        assertEquals(List.of(75.0, 25.0), used.nodeSharesPercent());
        assertEquals("(75/25 %)", ClusterReport.shares(used));
        assertEquals(8.0, TierCosts.msPerMessage(used.gatewaySeconds(), 500), 1e-9); // 4 s over 500 messages
        assertTrue(Double.isNaN(TierCosts.msPerMessage(1.0, 0)));
    }

    @Test
    void readingsOfClustersOfDifferentSizesAreNotSubtracted() {
        assertThrows(IllegalArgumentException.class,
                () -> new TierCosts(List.of(1.0), 0, 0).since(new TierCosts(List.of(1.0, 2.0), 0, 0)));
    }

    @Test
    void twoNodesAreComparedWithOneByTheirBestRates() {
        List<ClusterDriver.Step> steps = List.of(step(1, "50/s", 50.0), step(1, "max", 200.0), step(2, "50/s", 50.0),
                step(2, "max", 170.0));

        String table = ClusterReport.comparison(steps);

        assertTrue(table.contains("1 node: 200.0 msg/s"), table);
        assertTrue(table.contains("| 2 | 170.0 | 0.85 (**below the target**) |"), table);
        assertTrue(ClusterReport.comparison(List.of(step(1, "max", 200.0), step(2, "max", 181.0)))
                .contains("| 2 | 181.0 | 0.91 (target met) |"));
        assertTrue(ClusterReport.comparison(List.of(step(2, "max", 181.0))).startsWith("Not measured"));
    }

    private static ClusterDriver.Step step(int nodes, String load, double achieved) {
        StepResult result = new StepResult(nodes + " nodes", "declarations", load, 0, 100, 100, achieved, 1, 2, 3, 4, 1, 2, 0, 0, null,
                null, Double.NaN, Double.NaN, Double.NaN);
        return new ClusterDriver.Step(nodes, result, new TierCosts(List.of(1.0), 0, 0), 0);
    }
}
