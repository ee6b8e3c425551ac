/**
 * How Pi's SDK is to be initialised. A module of its own: <PiSdkScript> sets it as the page mounts,
 * while the SDK wrapper (lib/pi/sdk.ts), which reads it, loads only when Pi is first needed.
 */
export const piSdkConfig = { sandbox: false, requiresFrame: true };

/** `requiresFrame`: Pi's real SDK talks to a parent frame (Pi Browser, the Sandbox); the emulator's doesn't. */
export function configurePiSdk(options: { sandbox: boolean; requiresFrame: boolean }) {
  Object.assign(piSdkConfig, options);
}
