/** Shown whenever the app talks to the local Pi emulator, so nobody mistakes it for real Pi. */
export function EmulatorBadge() {
  return (
    <aside className="emulator-badge" aria-label="Pi emulator" data-testid="emulator-badge">
      Pi emulator · test Pioneers and test π only
    </aside>
  );
}
