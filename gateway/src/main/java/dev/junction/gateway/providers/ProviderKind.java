package dev.junction.gateway.providers;

import dev.junction.gateway.config.UpstreamKind;
import dev.junction.gateway.config.UpstreamSettings;

/**
 * One kind of upstream: how its configuration is checked ({@link UpstreamKind}) and how a
 * provider is made from it. A new vendor is a package with one of these, registered in
 * {@link ProviderKinds}.
 */
public interface ProviderKind extends UpstreamKind {
    /** @param settings an upstream of this kind, already validated by {@link #validate} */
    Provider create(UpstreamSettings settings, ProviderContext context);
}
