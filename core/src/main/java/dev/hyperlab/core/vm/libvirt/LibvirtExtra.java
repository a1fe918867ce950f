package dev.hyperlab.core.vm.libvirt;

import com.sun.jna.Library;
import com.sun.jna.Native;
import com.sun.jna.Pointer;

/**
 * The few libvirt C functions libvirt-java 0.5.2 does not wrap. Handles are passed as raw
 * pointers taken from libvirt-java objects (see {@link Handles}).
 */
interface LibvirtExtra extends Library {
    LibvirtExtra INSTANCE = Native.load("virt", LibvirtExtra.class);

    int VIR_DOMAIN_CONSOLE_FORCE = 1;
    int VIR_DOMAIN_CONSOLE_SAFE = 2;
    int VIR_DOMAIN_METADATA_ELEMENT = 2;
    int VIR_DOMAIN_AFFECT_LIVE = 1;
    int VIR_DOMAIN_AFFECT_CONFIG = 2;

    int virDomainOpenConsole(Pointer dom, String devName, Pointer stream, int flags);

    int virStorageVolUpload(Pointer vol, Pointer stream, long offset, long length, int flags);

    int virDomainSetMetadata(Pointer dom, int type, String metadata, String key, String uri, int flags);
}
