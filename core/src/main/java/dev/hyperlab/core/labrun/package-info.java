/**
 * Bringing a lab up and down: the plan made from a checked {@link dev.hyperlab.core.labfile.LabFile}
 * (subnets, every guest's address, the hosts entries each guest gets), then the guests and networks
 * it makes through the services.
 */
package dev.hyperlab.core.labrun;
