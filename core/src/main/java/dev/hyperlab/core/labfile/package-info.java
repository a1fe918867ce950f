/**
 * Lab files: several VMs and containers written down once ({@code hyperlab.yaml}), read and checked
 * as a whole before anything is made.
 *
 * <p>{@link dev.hyperlab.core.labfile.LabFileParser} turns the YAML into a {@link
 * dev.hyperlab.core.labfile.LabFile} and reports every structural problem with its file, line and
 * column; {@link dev.hyperlab.core.labfile.LabFileChecks} then checks what needs the host (images,
 * routes, bound ports, other labs). Nothing in this package talks to libvirt or the engine.
 */
package dev.hyperlab.core.labfile;
