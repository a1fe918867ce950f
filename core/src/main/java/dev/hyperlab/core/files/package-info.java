/** hyperlab's own state files under the data directory: private, written whole or not at all. */
package dev.hyperlab.core.files;
