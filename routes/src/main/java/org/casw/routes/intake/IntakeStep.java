package org.casw.routes.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/**
 * A stage of the intake route, working on the submission's {@link Intake}. Built once and shared by every exchange. A
 * stage that refuses the document throws {@link DocumentRefused}; the route's error handling takes it from there.
 */
abstract class IntakeStep implements Processor {

    @Override
    public final void process(Exchange exchange) throws Exception {
        apply(Intake.of(exchange), exchange);
    }

    abstract void apply(Intake intake, Exchange exchange) throws Exception;
}
