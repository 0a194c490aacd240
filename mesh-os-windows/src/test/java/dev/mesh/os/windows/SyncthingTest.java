package dev.mesh.os.windows;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.mesh.api.FailureReason;
import dev.mesh.api.StepFailedException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SyncthingTest {
    private final Fixture f = new Fixture();

    @Test
    void installsWithWingetAndRegistersABootTask() {
        assertTrue(f.provisioner.installSyncthing(f.ctx));
        assertTrue(f.host.syncthingInstalled() && f.host.syncthingTask);
        assertTrue(f.host.scripts.stream().anyMatch(s -> s.contains("& winget install --id 'Syncthing.Syncthing' --exact")));
        String task = f.host.scripts.stream().filter(s -> s.contains("Register-ScheduledTask")).findFirst().orElseThrow();
        assertTrue(task.contains("-Execute 'C:\\Users\\admin\\AppData\\Local\\Microsoft\\WinGet\\Links\\syncthing.exe'"
                + " -Argument '--no-console --no-browser'"), task);
        assertTrue(task.contains("New-ScheduledTaskTrigger -AtStartup"), task);
        assertTrue(task.contains("-ExecutionTimeLimit ([TimeSpan]::Zero)"), "no 72-hour limit: " + task);
        assertTrue(task.contains("Start-ScheduledTask -TaskName 'Syncthing'"), task);
        f.assertCommandsAreSafeForCmd();
        f.assertNoKeyLeaked();
    }

    @Test
    void alreadyInstalledWithItsTaskRunningChangesNothing() {
        f.host.withSyncthing();
        f.host.syncthingTask = true;
        f.host.syncthingRunning = true;
        assertFalse(f.provisioner.installSyncthing(f.ctx));
        assertEquals(1, f.host.commands().size(), "one probe, nothing else");
    }

    @Test
    void itsTaskNotRunningIsStartedAndThatIsAChange() {
        f.host.withSyncthing();
        f.host.syncthingTask = true;
        assertTrue(f.provisioner.installSyncthing(f.ctx));
        assertTrue(f.host.syncthingRunning);
        assertTrue(f.host.scripts.stream().noneMatch(s -> s.contains("Register-ScheduledTask")));
    }

    @ParameterizedTest
    @ValueSource(strings = {"process", "\\SyncTrayzor"})
    void aSyncthingTheAccountRunsOtherwiseIsLeftAlone(String form) {
        f.host.withSyncthing();
        f.host.ownSyncthing = form;
        assertFalse(f.provisioner.installSyncthing(f.ctx));
        assertFalse(f.host.syncthingTask, "no task of mesh's");
        assertEquals(1, f.host.commands().size(), "one probe, nothing else");
        assertTrue(f.ctx.listener.has("ok", "Syncthing already runs for admin ("
                + (form.equals("process") ? "syncthing.exe, pid 4120" : "the scheduled task \\SyncTrayzor")
                + "); mesh leaves it alone"), f.ctx.messages.toString());
    }

    @Test
    void aSyncthingThatDoesNotStayUpFailsWithItsLog() {
        f.host.syncthingCrashes = true;
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.installSyncthing(f.ctx));
        assertEquals(FailureReason.SYNCTHING_INSTALL_FAILED, e.reason());
        assertTrue(e.getMessage().startsWith("Syncthing is not running 3.0 s after its task started it: stopped; the task's"
                + " last result: 1\n"), e.getMessage());
        assertTrue(e.getMessage().contains("Failed to acquire lock"), e.getMessage());
    }

    @Test
    void installedWithoutTaskOnlyAddsTheTask() {
        f.host.withSyncthing();
        assertTrue(f.provisioner.installSyncthing(f.ctx));
        assertFalse(f.host.scripts.stream().anyMatch(s -> s.contains("winget")));
    }

    @Test
    void withoutWingetItFailsClearly() {
        f.host.winget = false;
        StepFailedException e = assertThrows(StepFailedException.class, () -> f.provisioner.installSyncthing(f.ctx));
        assertEquals(FailureReason.SYNCTHING_INSTALL_FAILED, e.reason());
        assertTrue(e.hint().contains("--skip-syncthing"), e.hint());
    }
}
