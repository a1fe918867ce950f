package dev.hyperlab.core.vm.libvirt;

import com.sun.jna.Pointer;
import com.sun.jna.PointerType;
import java.lang.reflect.Field;
import java.lang.reflect.Method;
import org.libvirt.Connect;
import org.libvirt.Domain;
import org.libvirt.StorageVol;
import org.libvirt.Stream;

/**
 * Gets the C handle out of libvirt-java objects, for {@link LibvirtNative}. libvirt-java keeps
 * them package-private; reading them by reflection is the price of not forking the library.
 */
final class Handles {
    private static final Field DOMAIN = field(Domain.class, "vdp");
    private static final Field VOLUME = field(StorageVol.class, "vsvp");
    private static final Field CONNECT = field(Connect.class, "vcp");
    private static final Method STREAM = method(Stream.class, "getVsp");

    private Handles() {}

    static Pointer of(Connect c) { return ptr(get(CONNECT, c)); }

    static Pointer of(Domain d) { return ptr(get(DOMAIN, d)); }

    static Pointer of(StorageVol v) { return ptr(get(VOLUME, v)); }

    static Pointer of(Stream s) {
        try {
            return ptr(STREAM.invoke(s));
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("libvirt-java changed: " + e, e);
        }
    }

    private static Object get(Field f, Object o) {
        try {
            return f.get(o);
        } catch (IllegalAccessException e) {
            throw new IllegalStateException("libvirt-java changed: " + e, e);
        }
    }

    private static Pointer ptr(Object handle) { return ((PointerType) handle).getPointer(); }

    private static Field field(Class<?> c, String name) {
        try {
            Field f = c.getDeclaredField(name);
            f.setAccessible(true);
            return f;
        } catch (NoSuchFieldException e) {
            throw new ExceptionInInitializerError(e);
        }
    }

    private static Method method(Class<?> c, String name) {
        try {
            Method m = c.getDeclaredMethod(name);
            m.setAccessible(true);
            return m;
        } catch (NoSuchMethodException e) {
            throw new ExceptionInInitializerError(e);
        }
    }
}
