package org.casw.gateway.cli;

import org.casw.gateway.GatewayApplication;
import picocli.CommandLine.IVersionProvider;

/** {@code --version}: the build's version from the jar manifest, and the Java running it. */
public final class GatewayVersion implements IVersionProvider {

    @Override
    public String[] getVersion() {
        String version = GatewayApplication.class.getPackage().getImplementationVersion();
        return new String[] {
            "China-ASEAN single-window gateway " + (version == null ? "(development build, not from a jar)" : version),
            "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
        };
    }
}
