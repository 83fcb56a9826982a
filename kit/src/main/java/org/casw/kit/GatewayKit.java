package org.casw.kit;

import org.casw.gateway.cli.GatewayCommandLine;
import org.casw.kit.conformance.ConformanceCommand;
import org.casw.kit.demo.DemoCommand;
import org.casw.kit.vectors.TestVectorsCommand;
import org.casw.sandbox.SandboxCommand;
import picocli.CommandLine;

/**
 * gateway-kit.jar: the gateway with the sandbox partners and the integrator tooling in one command line. Without a
 * command it runs the gateway on its embedded defaults with the sandbox partners and the demo agreements.
 */
public final class GatewayKit {

    private GatewayKit() {
    }

    public static void main(String[] args) {
        GatewayCommandLine.run(commandLine(), args);
    }

    /** The gateway's commands, then the kit's: demo, conformance, sandbox, test-vectors. */
    public static CommandLine commandLine() {
        return GatewayCommandLine.create("gateway-kit", new DemoCommand(), new ConformanceCommand(), new SandboxCommand(),
                new TestVectorsCommand());
    }
}
