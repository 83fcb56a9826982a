package org.casw.sandbox;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Arrays;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.EnvironmentPostProcessor;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.io.ClassPathResource;

/**
 * Adds the sandbox partners' defaults ({@code sandbox.yml}) below every other configuration source, so the
 * gateway's own application.yml needs to know nothing of the sandbox. Not in production, where the sandbox
 * is never loaded.
 */
public class SandboxDefaults implements EnvironmentPostProcessor, Ordered {

    static final String RESOURCE = "sandbox.yml";

    @Override
    public int getOrder() {
        // after application.yml and profiles are read, so the active profiles are known
        return Ordered.LOWEST_PRECEDENCE - 5;
    }

    @Override
    public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
        if (Arrays.asList(environment.getActiveProfiles()).contains(SandboxAutoConfiguration.PRODUCTION)) {
            return;
        }
        try {
            new YamlPropertySourceLoader().load("sandbox defaults (" + RESOURCE + ")", new ClassPathResource(RESOURCE))
                    .forEach(source -> environment.getPropertySources().addLast(source));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + RESOURCE, e);
        }
    }
}
