package dev.mesh.os.linux;

import java.util.List;

/**
 * The root helper exactly as {@code mesh remote prepare} renders it for the real host (its paths),
 * for tests outside this package that install it on a real Debian container with real sudo: a host
 * prepared for a given login server and preferences.
 */
public final class PreparedHelper {
    /** Where prepare installs the helper, and the sudo rule that lets the login user run it. */
    public static final String PATH = RootHelper.PATH;
    public static final String SUDOERS = SudoRules.PATH;

    private PreparedHelper() {
    }

    /**
     * The helper's text.
     *
     * @param settings    the plugin's settings as HOCON under {@code mesh.plugins.linux}
     * @param loginServer the pinned login server
     * @param preferences the pinned preference flags, each {@code --name=value}
     */
    public static String text(String settings, String loginServer, List<String> preferences) {
        return RootHelper.render(TestContext.linuxSettings(settings),
                new RootHelper.Pins(loginServer, preferences, false, false, ""), RootHelper.Layout.HOST).text();
    }

    /** The sudo rule prepare writes for {@code user}. */
    public static String sudoRules(String user) {
        return SudoRules.forUser(user);
    }
}
