export { EmulatorBadge } from "./emulator-badge";
export { PiSdkScript } from "./pi-sdk-script";
