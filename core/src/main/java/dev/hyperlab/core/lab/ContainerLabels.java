package dev.hyperlab.core.lab;

/** The labels every container hyperlab creates carries, so `list` and `gc` find them (and only them). */
public final class ContainerLabels {
    public static final String MANAGED = "dev.hyperlab.managed";
    public static final String KIND = "dev.hyperlab.kind";
    public static final String INSTANCE_ID = "dev.hyperlab.instance-id";
    public static final String IMAGE = "dev.hyperlab.image";
    public static final String SEED_DIR = "dev.hyperlab.seed-dir";

    private ContainerLabels() {}
}
