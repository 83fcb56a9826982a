package org.casw.gateway;

import java.util.Arrays;
import org.casw.certs.DevPkiCommand;
import org.casw.gateway.cli.ApiKeyDigestCommand;
import org.casw.gateway.cli.CommandLineSecrets;
import org.casw.gateway.cli.SignCommand;
import org.casw.gateway.cli.TranslateCommand;
import org.casw.gateway.cli.ValidateCommand;
import org.casw.gateway.cli.VerifyCommand;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The single-window gateway. Without arguments it runs the server; {@code certs} generates the
 * development PKI, {@code validate FILE...} checks documents, {@code sign} and {@code verify} handle
 * signatures as the gateway does, {@code translate} converts UN/EDIFACT, {@code demo} runs the sea-rail
 * import scenario against the sandbox partners, {@code conformance} plays a partner against an endpoint of the
 * HTTP API, {@code test-vectors} regenerates the published signature test vectors; each then exits.
 * {@code sandbox --partner sg-nsw} runs one sandbox partner single window on its own (no gateway) until stopped.
 * {@code api-key-digest} prints the stored form of an API key read from a file, the environment or standard input.
 * No command takes a secret as an argument: the server refuses {@code --...password=} and {@code --...api-key=}.
 */
@SpringBootApplication(exclude = UserDetailsServiceAutoConfiguration.class)
@ConfigurationPropertiesScan
public class GatewayApplication {

    public static void main(String[] args) {
        if (args.length > 0) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "certs" -> System.exit(DevPkiCommand.run(rest, System.out));
                case "api-key-digest" -> System.exit(ApiKeyDigestCommand.run(rest, System.out, System.err));
                case "validate" -> System.exit(ValidateCommand.run(rest, System.out, System.err));
                case "sign" -> System.exit(SignCommand.run(rest, System.out, System.err));
                case "verify" -> System.exit(VerifyCommand.run(rest, System.out, System.err));
                case "translate" -> System.exit(TranslateCommand.run(rest, System.out, System.err));
                default -> {
                    // anything else is a Spring Boot argument such as --server.port=9090
                }
            }
        }
        // each command above refuses secrets on its own command line; the server refuses them here
        CommandLineSecrets.inlineSecret(args).ifPresent(refusal -> {
            System.err.println("gateway: " + refusal);
            System.exit(2);
        });
        SpringApplication.run(GatewayApplication.class, args);
    }
}
