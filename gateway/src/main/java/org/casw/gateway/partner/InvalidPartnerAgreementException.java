package org.casw.gateway.partner;

import java.util.List;

/** Start-up refusal: the partner agreements have problems, all listed in the message. */
public class InvalidPartnerAgreementException extends RuntimeException {

    private final List<String> problems;

    public InvalidPartnerAgreementException(List<String> problems) {
        super("Partner agreements are invalid (" + problems.size() + " problem(s)):\n  - " + String.join("\n  - ", problems));
        this.problems = List.copyOf(problems);
    }

    public List<String> problems() {
        return problems;
    }
}
