package org.casw.routes.intake;

import org.apache.camel.Exchange;
import org.apache.camel.Processor;

/** A step of the intake route; once an earlier step has settled the answer, later steps stand aside. */
abstract class IntakeStep implements Processor {

    @Override
    public final void process(Exchange exchange) throws Exception {
        Intake intake = Intake.of(exchange);
        if (!intake.settled()) {
            apply(intake, exchange);
        }
    }

    abstract void apply(Intake intake, Exchange exchange) throws Exception;
}
