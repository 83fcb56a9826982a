package org.casw.kit;

import java.util.Arrays;
import org.casw.gateway.GatewayApplication;
import org.casw.kit.conformance.ConformanceCommand;
import org.casw.kit.demo.DemoCommand;
import org.casw.kit.vectors.TestVectorsCommand;
import org.casw.sandbox.SandboxCommand;

/** gateway-kit.jar: the gateway with the sandbox partners and the integrator tooling. */
public final class GatewayKit {

    private GatewayKit() {
    }

    public static void main(String[] args) {
        if (args.length > 0) {
            String[] rest = Arrays.copyOfRange(args, 1, args.length);
            switch (args[0]) {
                case "conformance" -> System.exit(ConformanceCommand.run(rest, System.out, System.err));
                case "test-vectors" -> System.exit(TestVectorsCommand.run(rest, System.out, System.err));
                case "sandbox" -> System.exit(SandboxCommand.run(rest, System.out, System.err));
                case "demo" -> System.exit(DemoCommand.run(rest, GatewayApplication.class, System.out, System.err));
                default -> {
                }
            }
        }
        GatewayApplication.main(args);
    }
}
