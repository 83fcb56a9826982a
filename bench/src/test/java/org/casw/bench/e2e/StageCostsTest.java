package org.casw.bench.e2e;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Stage costs: the compiler's share first, the rest of the JVM's CPU by samples, PostgreSQL on the ledger. */
class StageCostsTest {

    @Test
    void theJvmsCpuIsSplitBySamplesAfterTheCompilersShareAndPostgresGoesToTheLedger() {
        Map<String, Long> samples = new LinkedHashMap<>();
        samples.put("sign", 3L);
        samples.put("ledger", 1L);
        samples.put("other", 0L);

        Map<String, Double> micros = StageCosts.microsPerMessage(new StageCosts.Window(samples, 0.25), 8.0, 1.5);

        assertEquals(4500, micros.get("sign"), 1e-9); // 8 ms, a quarter to the compiler, 3 of 4 samples
        assertEquals(1500 + 1500, micros.get("ledger"), 1e-9);
        assertEquals(2000, micros.get("JIT compiler"), 1e-9);
        assertTrue(StageCosts.table(samples, micros).contains("| **total** | **9500** | 100 % | 4 |"));
    }
}
