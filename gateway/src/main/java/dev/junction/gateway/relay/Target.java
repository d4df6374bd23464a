package dev.junction.gateway.relay;

import dev.junction.gateway.providers.Provider;

/** One candidate for a request: an upstream, and the vendor's id of the model asked for there. */
public record Target(Provider provider, String model) {
    @Override
    public String toString() {
        return provider.name() + "/" + model;
    }
}
