package dev.mesh.api;

/**
 * What {@code mesh remote remove} asks of {@link NodeRemoval} beyond logging out. Create with
 * {@link #of}; options added later get defaults.
 */
public final class RemovalOptions {
    private final boolean uninstall;
    private final boolean unprepare;

    private RemovalOptions(boolean uninstall, boolean unprepare) {
        this.uninstall = uninstall;
        this.unprepare = unprepare;
    }

    /**
     * @param uninstall {@code --uninstall}: remove Tailscale with the package manager that installed it
     * @param unprepare {@code --unprepare}: remove what {@code mesh remote prepare} installed
     */
    public static RemovalOptions of(boolean uninstall, boolean unprepare) {
        return new RemovalOptions(uninstall, unprepare);
    }

    public boolean uninstall() {
        return uninstall;
    }

    public boolean unprepare() {
        return unprepare;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RemovalOptions r && r.uninstall == uninstall && r.unprepare == unprepare;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(uninstall) * 31 + Boolean.hashCode(unprepare);
    }

    @Override
    public String toString() {
        return "RemovalOptions[uninstall=" + uninstall + ", unprepare=" + unprepare + "]";
    }
}
