/** Shown whenever the app talks to the local Pi emulator, so nobody mistakes it for real Pi. */
export function EmulatorBadge() {
  return (
    <p className="emulator-badge" data-testid="emulator-badge">
      Pi emulator · test Pioneers and test π only
    </p>
  );
}
