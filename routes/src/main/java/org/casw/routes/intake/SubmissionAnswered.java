package org.casw.routes.intake;

/**
 * The submission is answered before the document is taken in: over its party's limits (nothing stored), a resend of a
 * stored message (answered with its first tracking id, after finishing what its first attempt left undone), or a
 * message id reused for another payload. The intake route's {@code onException} leaves the flow for the answer.
 */
final class SubmissionAnswered extends RuntimeException {

    private static final long serialVersionUID = 1L;

    SubmissionAnswered(IntakeResult.Outcome outcome) {
        super(outcome.name(), null, false, false);
    }
}
