/**
 * Templates for instant clones: what a template is on disk ({@link dev.hyperlab.core.template.TemplateRecord},
 * kept by {@link dev.hyperlab.core.template.TemplateStore}), the names of its libvirt volumes
 * ({@link dev.hyperlab.core.template.TemplateNames}) and the identity a clone is given when its
 * template's state is restored ({@link dev.hyperlab.core.template.GuestIdentity}). The making and
 * restoring is {@code core.lab.VmTemplates}, which drives the hypervisor port.
 */
package dev.hyperlab.core.template;
