package org.casw.bench.e2e;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * One entry of {@code --systems}: {@code name[:workload+workload...]}. {@code gateway} runs on its agreements
 * (CN-CUSTOMS signed cn-eport-sm2); {@code gateway-sm2}, {@code gateway-ecdsa} and {@code gateway-rsa} each start
 * their own gateway with {@code --gateway.partners.CN-CUSTOMS.signatures.sign-with=...}; {@code baseline} is the naive
 * Camel route (declarations over HTTP only, signed ECDSA P-256).
 *
 * @param name                  as given, e.g. gateway-ecdsa
 * @param kind                  which program
 * @param extraArgs             its extra application arguments
 * @param customsSignatureMethod the XML-DSig SignatureMethod its deliveries to CN-CUSTOMS must carry
 * @param workloads             what it is measured with
 */
public record SystemSpec(String name, SystemUnderTest.Kind kind, List<String> extraArgs, String customsSignatureMethod,
        List<Workload> workloads) {

    public static final String SM2 = "http://www.w3.org/2000/09/xmldsig#sm2-sm3";
    public static final String ECDSA = "http://www.w3.org/2001/04/xmldsig-more#ecdsa-sha256";
    public static final String RSA = "http://www.w3.org/2001/04/xmldsig-more#rsa-sha256";
    private static final String SIGN_WITH = "--gateway.partners.CN-CUSTOMS.signatures.sign-with=";
    /**
     * Each party's submission limits, above anything the driver offers (it keeps at most 2,000 submissions outstanding): the
     * bench measures the gateway's capacity, with the limiter still in the path, not the default limits (200/s, 64 in flight).
     */
    static final List<String> GENEROUS_LIMITS = List.of("--gateway.limits.rate-per-second=100000", "--gateway.limits.burst=100000",
            "--gateway.limits.in-flight=4000");

    /**
     * Reads one {@code --systems} entry.
     *
     * @param entry           e.g. {@code gateway-ecdsa} or {@code gateway-sm2:declarations+manifests-jms}
     * @param defaultWorkloads for a gateway entry without its own list
     * @param gatewayArgs     --gateway-arg values, for every gateway
     * @param baselineArgs    --baseline-arg values
     */
    public static SystemSpec parse(String entry, List<Workload> defaultWorkloads, List<String> gatewayArgs, List<String> baselineArgs) {
        String[] parts = entry.trim().split(":", 2);
        String name = parts[0].trim().toLowerCase(Locale.ROOT);
        List<Workload> workloads = parts.length > 1
                ? Arrays.stream(parts[1].split("\\+")).map(Workload::named).toList()
                : null;
        List<String> args = new ArrayList<>();
        String method;
        SystemUnderTest.Kind kind = SystemUnderTest.Kind.GATEWAY;
        switch (name) {
            case "gateway" -> method = signWith(gatewayArgs).map(SystemSpec::methodOf).orElse(SM2);
            case "gateway-sm2" -> {
                args.add(SIGN_WITH + "cn-eport-sm2");
                method = SM2;
            }
            case "gateway-ecdsa" -> {
                args.add(SIGN_WITH + "xmldsig-ecdsa-sha256");
                method = ECDSA;
            }
            case "gateway-rsa" -> {
                args.add(SIGN_WITH + "xmldsig-rsa-sha256");
                method = RSA;
            }
            case "baseline" -> {
                kind = SystemUnderTest.Kind.BASELINE;
                method = ECDSA;
            }
            default -> throw new IllegalArgumentException("unknown system " + name
                    + " (one of gateway, gateway-sm2, gateway-ecdsa, gateway-rsa, baseline)");
        }
        if (kind == SystemUnderTest.Kind.BASELINE) {
            args.addAll(baselineArgs);
            Workload declarations = Workload.named("declarations");
            if (workloads != null && !workloads.equals(List.of(declarations))) {
                throw new IllegalArgumentException("the baseline only takes declarations over HTTP, not " + workloads);
            }
            workloads = List.of(declarations);
        } else {
            args.addAll(GENEROUS_LIMITS);
            args.addAll(gatewayArgs); // after ours: an explicit --gateway-arg wins (Spring takes the last value)
            if (!name.equals("gateway") && signWith(gatewayArgs).isPresent()) {
                method = methodOf(signWith(gatewayArgs).get());
            }
            if (workloads == null) {
                workloads = defaultWorkloads;
            }
        }
        return new SystemSpec(name, kind, List.copyOf(args), method, workloads);
    }

    /** The method a receiver's deliveries must be signed with: CN-CUSTOMS as this system signs, SG-NSW by its agreement. */
    public String expectedSignatureMethod(String receiver) {
        return receiver.equals("CN-CUSTOMS") ? customsSignatureMethod : ECDSA;
    }

    public String profile() {
        return switch (customsSignatureMethod) {
            case SM2 -> "cn-eport-sm2";
            case ECDSA -> kind == SystemUnderTest.Kind.BASELINE ? "ECDSA P-256 (camel-xmlsecurity)" : "xmldsig-ecdsa-sha256";
            case RSA -> "xmldsig-rsa-sha256";
            default -> customsSignatureMethod;
        };
    }

    private static Optional<String> signWith(List<String> gatewayArgs) {
        return gatewayArgs.stream().filter(a -> a.startsWith(SIGN_WITH)).map(a -> a.substring(SIGN_WITH.length()))
                .reduce((first, last) -> last);
    }

    private static String methodOf(String profile) {
        return switch (profile) {
            case "cn-eport-sm2" -> SM2;
            case "xmldsig-ecdsa-sha256" -> ECDSA;
            case "xmldsig-rsa-sha256" -> RSA;
            default -> throw new IllegalArgumentException("unknown signature profile " + profile);
        };
    }
}
