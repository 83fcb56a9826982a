package org.casw.kit.conformance;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.casw.certs.CertificateAuthority;
import org.casw.certs.DevPki;
import org.casw.certs.IssuedIdentity;
import org.casw.kit.conformance.ConformanceCase.Expectation;
import org.casw.kit.conformance.ConformanceCase.Request;
import org.casw.routes.signature.SigningIdentity;
import org.casw.routes.signature.SigningOptions;
import org.casw.routes.signature.XmlSigner;
import org.casw.routes.validation.ViolationCodes;

/**
 * Builds the cases for one partner profile from the published samples and the development PKI: the valid
 * documents the partner sends, signed as its agreement demands, then one case per kind of refusal.
 */
public final class ConformanceSuite {

    static final String MESSAGES = "/api/v1/messages";
    static final String MALFORMED_SAMPLE = "declaration/invalid/malformed-unclosed-tag.xml";
    static final String XXE_SAMPLE = "declaration/invalid/xxe-external-entity.xml";
    static final String ENTITY_BOMB_SAMPLE = "declaration/invalid/entity-expansion-bomb.xml";
    static final String RATE_LIMITED = "rate-limited";

    private final ConformanceProfile profile;
    private final ConformanceSamples samples;
    private final DevPki pki;
    private final long maxPayloadBytes;
    private final int burst;
    private final XmlSigner signer = new XmlSigner();

    /**
     * @param profile         the partner played
     * @param samples         where documents come from
     * @param pki             the development PKI the target trusts; may be null for a profile that does not sign
     * @param maxPayloadBytes the target's size limit; the oversized case sends one byte more
     */
    public ConformanceSuite(ConformanceProfile profile, ConformanceSamples samples, DevPki pki, long maxPayloadBytes) {
        this(profile, samples, pki, maxPayloadBytes, 0);
    }

    /**
     * @param burst how many submissions the rate-limited case may send back to back: more than the party may send at once
     *              (its agreement's {@code limits.burst}); 0 skips the case
     */
    public ConformanceSuite(ConformanceProfile profile, ConformanceSamples samples, DevPki pki, long maxPayloadBytes, int burst) {
        if (burst < 0) {
            throw new IllegalArgumentException("burst must be 0 (skip the rate-limited case) or more, not " + burst);
        }
        this.burst = burst;
        if (profile.signature() != null && pki == null) {
            throw new IllegalArgumentException("profile " + profile.name() + " signs: the development PKI is needed");
        }
        this.profile = profile;
        this.samples = samples;
        this.pki = pki;
        this.maxPayloadBytes = maxPayloadBytes;
    }

    /** Every case, in the order they run. */
    public List<ConformanceCase> cases() {
        List<ConformanceCase> cases = new ArrayList<>();
        for (Map.Entry<String, String> valid : profile.valid().entrySet()) {
            cases.add(ConformanceCase.of("valid-" + valid.getKey(), "a valid " + valid.getKey().replace('-', ' ') + " ("
                    + valid.getValue() + ")" + signedAs() + " is accepted with a tracking id",
                    submit("submission", sign(samples.fresh(valid.getValue())), Expectation.accepted())));
        }
        cases.add(ConformanceCase.of("schema-violation", "a document breaking its XML Schema (" + profile.schemaViolation()
                + ") is refused with every schema violation",
                submit("submission", sign(samples.fresh(profile.schemaViolation())),
                        Expectation.problem(422, ViolationCodes.SCHEMA_VIOLATION))));
        String ruleCode = ConformanceSamples.expectedCode(profile.businessRuleViolation());
        cases.add(ConformanceCase.of("business-rule-violation", "a schema-valid document breaking a business rule ("
                + profile.businessRuleViolation() + ") is refused naming the rule",
                submit("submission", sign(samples.fresh(profile.businessRuleViolation())), Expectation.problem(422, ruleCode))));
        addSignatureCases(cases);
        if (profile.notAllowed() != null) {
            cases.add(ConformanceCase.of("document-type-not-allowed", "a valid document of a type " + profile.party()
                    + "'s agreement does not let it send (" + profile.notAllowed() + ") is refused with 403",
                    submit("submission", sign(samples.fresh(profile.notAllowed())),
                            Expectation.problem(403, ViolationCodes.DOCUMENT_TYPE_NOT_ALLOWED))));
        } else {
            cases.add(ConformanceCase.skipped("document-type-not-allowed", "a document type the partner may not send is refused",
                    "the profile names no sample of a type " + profile.party() + " may not send"));
        }
        cases.add(duplicate());
        cases.add(conflict());
        cases.add(ConformanceCase.of("oversized-payload", "a body one byte over the size limit (" + maxPayloadBytes
                + " bytes) is refused before it is processed",
                submit("submission", oversized(), Expectation.problem(413, ViolationCodes.PAYLOAD_TOO_LARGE))));
        cases.add(ConformanceCase.of("malformed-xml", "XML that is not well-formed (" + MALFORMED_SAMPLE + ") is refused",
                submit("submission", samples.raw(MALFORMED_SAMPLE).getBytes(StandardCharsets.UTF_8),
                        Expectation.problem(400, ViolationCodes.XML_MALFORMED))));
        cases.add(ConformanceCase.of("xxe-external-entity", "a DOCTYPE declaring an external entity (" + XXE_SAMPLE
                + ") is refused outright, never resolved",
                submit("submission", samples.raw(XXE_SAMPLE).getBytes(StandardCharsets.UTF_8),
                        Expectation.problem(400, ViolationCodes.XML_DOCTYPE_FORBIDDEN))));
        cases.add(ConformanceCase.of("entity-expansion", "a DOCTYPE with an entity-expansion bomb (" + ENTITY_BOMB_SAMPLE
                + ") is refused outright, never expanded",
                submit("submission", samples.raw(ENTITY_BOMB_SAMPLE).getBytes(StandardCharsets.UTF_8),
                        Expectation.problem(400, ViolationCodes.XML_DOCTYPE_FORBIDDEN))));
        cases.add(ConformanceCase.of("unauthenticated", "a submission with an API key the endpoint does not know is refused",
                new Request("submission with a wrong key", "POST", MESSAGES, headers("conformance-wrong-key"),
                        sign(samples.fresh(firstValid())).bytes(), Expectation.problem(401, "UNAUTHENTICATED"))));
        cases.add(rateLimited());
        return cases;
    }

    /**
     * A burst over the party's limits is answered 429 with Retry-After and a code, not with failures and not accepted
     * without end. The burst is of malformed XML: cheap for the target, and a limit counts every submission.
     */
    private ConformanceCase rateLimited() {
        String checks = "a burst of submissions over the party's limit is answered 429 with Retry-After and RATE_LIMITED, "
                + "and every submission before it is answered as usual";
        if (burst == 0) {
            return ConformanceCase.skipped(RATE_LIMITED, checks, "no --burst given: pass more submissions than "
                    + profile.party() + " may send at once (its agreement's limits.burst)");
        }
        return ConformanceCase.of(RATE_LIMITED, checks + " (up to " + burst + " back to back)",
                new Request("burst of " + burst + " submissions", "POST", MESSAGES, headers(profile.apiKey()),
                        samples.raw(MALFORMED_SAMPLE).getBytes(StandardCharsets.UTF_8),
                        Expectation.problem(429, ViolationCodes.RATE_LIMITED), burst));
    }

    private void addSignatureCases(List<ConformanceCase> cases) {
        String why = profile.party() + "'s agreement asks for no signature, so the endpoint does not verify one";
        if (profile.signature() == null) {
            cases.add(ConformanceCase.skipped("bad-signature", "a signed document changed after signing is refused", why));
            cases.add(ConformanceCase.skipped("untrusted-signer", "a signer outside the trust anchors is refused", why));
            cases.add(ConformanceCase.skipped("expired-certificate", "a signer certificate expired at signing is refused", why));
            cases.add(ConformanceCase.skipped("missing-signature", "an unsigned document is refused", why));
            return;
        }
        ConformanceSamples.Copy tampered = sign(samples.fresh(firstValid()));
        // one character of signed content changes: the message id, which every family carries
        String changed = tampered.xml().replaceFirst(">" + tampered.messageId() + "<", ">" + tampered.messageId() + "X<");
        cases.add(ConformanceCase.of("bad-signature", "a document changed after signing (its message id gained a letter) "
                + "is refused", submit("submission", changed.getBytes(StandardCharsets.UTF_8),
                        Expectation.problem(422, "SIGNATURE_INVALID"))));

        Instant now = Instant.now();
        CertificateAuthority stranger = CertificateAuthority.create(profile.signature().keyFamily(),
                "Conformance stranger root (untrusted)", now.minus(1, ChronoUnit.DAYS), now.plus(365, ChronoUnit.DAYS));
        IssuedIdentity strangerLeaf = stranger.issue(profile.party() + " (untrusted)", profile.party(), "CN",
                now.minus(1, ChronoUnit.DAYS), now.plus(180, ChronoUnit.DAYS));
        cases.add(ConformanceCase.of("untrusted-signer", "a document signed with a key from a CA outside the partner's "
                + "trust anchors is refused", submit("submission", sign(samples.fresh(firstValid()), strangerLeaf).bytes(),
                        Expectation.problem(422, "UNTRUSTED_SIGNER"))));

        IssuedIdentity expired = pki.issue(profile.party(), profile.party() + " (expired)", profile.signature().keyFamily(),
                now.minus(400, ChronoUnit.DAYS), now.minus(35, ChronoUnit.DAYS));
        cases.add(ConformanceCase.of("expired-certificate", "a document signed under a certificate of the partner's own CA "
                + "that expired 35 days ago is refused", submit("submission",
                        sign(samples.fresh(firstValid()), expired).bytes(), Expectation.problem(422, "CERTIFICATE_EXPIRED"))));

        if (profile.signature().required()) {
            cases.add(ConformanceCase.of("missing-signature", "an unsigned document from a partner that must sign is refused",
                    submit("submission", samples.fresh(firstValid()).bytes(), Expectation.problem(422, "SIGNATURE_REQUIRED"))));
        } else {
            cases.add(ConformanceCase.skipped("missing-signature", "an unsigned document is refused",
                    profile.party() + "'s agreement accepts unsigned documents"));
        }
    }

    private ConformanceCase duplicate() {
        byte[] body = sign(samples.fresh(firstValid())).bytes();
        return ConformanceCase.of("duplicate-submission", "the same document sent twice is stored once: the resend is "
                + "answered 200 with the first tracking id",
                submit("first submission", body, Expectation.accepted()),
                submit("identical resend", body, Expectation.resendOf(0)));
    }

    private ConformanceCase conflict() {
        ConformanceSamples.Copy first = samples.fresh(firstValid());
        // same message id, different payload: an amended copy under the id already used
        String amended = first.xml().replaceFirst("\\?>", "?>\n<!-- amended after the first submission -->");
        return ConformanceCase.of("message-id-conflict", "a different document under a message id already used is "
                + "refused as a conflict",
                submit("first submission", sign(first).bytes(), Expectation.accepted()),
                submit("different payload, same message id", sign(new ConformanceSamples.Copy(first.sample(),
                        first.messageId(), amended)).bytes(), Expectation.problem(409, ViolationCodes.MESSAGE_ID_CONFLICT)));
    }

    /** A valid signed document padded with trailing white space (allowed after the root) to one byte over the limit. */
    private byte[] oversized() {
        byte[] document = sign(samples.fresh(firstValid())).bytes();
        long size = maxPayloadBytes + 1;
        if (size > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("max payload size " + maxPayloadBytes + " is too large to exceed in memory");
        }
        byte[] body = new byte[(int) Math.max(size, document.length)];
        System.arraycopy(document, 0, body, 0, document.length);
        Arrays.fill(body, document.length, body.length, (byte) '\n');
        return body;
    }

    private String firstValid() {
        return profile.valid().values().iterator().next();
    }

    private String signedAs() {
        return profile.signature() == null ? "" : ", signed " + profile.signature().profile().id()
                + (profile.signature().xades() ? " with XAdES-BES" : "") + " with " + profile.party() + "'s development key,";
    }

    private ConformanceSamples.Copy sign(ConformanceSamples.Copy copy) {
        return profile.signature() == null ? copy : sign(copy, pki.identity(profile.party(), profile.signature().keyFamily()));
    }

    private ConformanceSamples.Copy sign(ConformanceSamples.Copy copy, IssuedIdentity identity) {
        ConformanceProfile.Signature s = profile.signature();
        byte[] signed = signer.sign(copy.bytes(), s.profile(), new SigningIdentity(identity.privateKey(), identity.chain()),
                s.xades() ? SigningOptions.xades(null) : SigningOptions.defaults());
        return new ConformanceSamples.Copy(copy.sample(), copy.messageId(), new String(signed, StandardCharsets.UTF_8));
    }

    private Request submit(String label, ConformanceSamples.Copy copy, Expectation expected) {
        return submit(label, copy.bytes(), expected);
    }

    private Request submit(String label, byte[] body, Expectation expected) {
        return new Request(label, "POST", MESSAGES, headers(profile.apiKey()), body, expected);
    }

    private static Map<String, String> headers(String apiKey) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/xml");
        headers.put("Accept", "application/json, application/problem+json");
        headers.put("Authorization", "Bearer " + apiKey);
        return headers;
    }
}
