package dev.mesh.api.tailscale;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class TailscaleArgumentsTest {
    private static final URI SERVER = URI.create("https://hs.example.com");

    @Test
    void upIsTheCompleteSetWithTheKeyOnStdinAndAlwaysATimeout() {
        assertEquals(List.of("up", "--reset", "--login-server=https://hs.example.com", "--auth-key=file:/dev/stdin",
                        "--accept-routes=true", "--timeout=60s"),
                TailscaleArguments.up(SERVER, Duration.ofSeconds(60),
                        TailscalePreferences.builder().acceptRoutes(true).build(), false, List.of()));
    }

    @Test
    void osFlagsComeFirstAndForceReauthLast() {
        assertEquals(List.of("up", "--unattended", "--reset", "--login-server=https://hs.example.com",
                        "--auth-key=file:/dev/stdin", "--timeout=1s", "--force-reauth"),
                TailscaleArguments.up(SERVER, Duration.ofMillis(10), TailscalePreferences.tailscaleDefaults(), true,
                        List.of("--unattended")));
    }

    @Test
    void theKeyItselfIsNeverAnArgument() {
        for (String arg : TailscaleArguments.up(SERVER, Duration.ofSeconds(5), TailscalePreferences.tailscaleDefaults(),
                false, List.of())) {
            assertFalse(arg.startsWith("--auth-key") && !arg.equals(TailscaleArguments.AUTH_KEY_FROM_STDIN), arg);
        }
    }

    @Test
    void setCarriesOnlyThePreferences() {
        assertEquals(List.of("set", "--ssh=false"), TailscaleArguments.set(TailscalePreferences.builder().ssh(false).build()));
    }

    @Test
    void upWithExplicitFlagsResetsOnlyWhenAsked() {
        assertEquals(List.of("up", "--login-server=https://hs.example.com", "--auth-key=file:/dev/stdin", "--ssh=true",
                        "--timeout=60s"),
                TailscaleArguments.up(SERVER, Duration.ofSeconds(60), List.of("--ssh=true"), false, false, List.of()));
        assertEquals(List.of("up", "--unattended", "--reset", "--login-server=https://hs.example.com",
                        "--auth-key=file:/dev/stdin", "--timeout=60s", "--force-reauth"),
                TailscaleArguments.up(SERVER, Duration.ofSeconds(60), List.of(), true, true, List.of("--unattended")));
        assertEquals(List.of("set", "--accept-routes=true"), TailscaleArguments.set(List.of("--accept-routes=true")));
    }
}
