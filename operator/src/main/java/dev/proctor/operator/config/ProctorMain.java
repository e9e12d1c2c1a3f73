package dev.proctor.operator.config;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;

/** The operator's entry point: settles what Fabric8 must know before any client is built, then starts Quarkus. */
@QuarkusMain
public final class ProctorMain {
    private ProctorMain() {}

    public static void main(String... args) {
        ClientKeyAlgorithm.nameForFabric8();
        Quarkus.run(args);
    }
}
