/**
 * Host ports forwarded to guests over TCP, as vagrant-libvirt's and Lima's forwarders do: {@link
 * dev.hyperlab.core.forward.TcpForwarder} listens on host addresses and copies bytes to an {@link
 * dev.hyperlab.core.forward.Upstream} it connects per client. {@link dev.hyperlab.core.forward.NetnsSockets}
 * is the port for connections made from inside another process's network namespace (a container on a
 * macvlan lab network, which the host's own namespace cannot reach); its Linux adapter is in {@code
 * core.host.linux}. Nothing here knows labs, libvirt or the engine.
 */
package dev.hyperlab.core.forward;
