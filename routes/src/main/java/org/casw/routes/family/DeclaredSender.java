package org.casw.routes.family;

/** Whom a document claims to speak for: a trade party by its code, or an authority by the country it acts for. */
public sealed interface DeclaredSender {

    /** The path of the field that names it, for the violation. */
    String path();

    /**
     * A party code (a declarant's USCC): the sending party must be allowed to declare as it.
     *
     * @param code the code the document names
     */
    record Party(String code, String path) implements DeclaredSender {
    }

    /**
     * A country whose authority's word the document carries: only that country's customs or window sends it.
     *
     * @param country           the country the document speaks for
     * @param violation         the code of the refusal when the sender acts for another country
     * @param what              what the sender may not do otherwise, completing "Party X acts for Y and may not ..."
     * @param signatureRequired the document must also carry its issuer's verified signature (or come sealed by it)
     */
    record Authority(String country, String path, String violation, String what, boolean signatureRequired)
            implements DeclaredSender {
    }
}
