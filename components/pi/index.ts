export { EmulatorBadge } from "./emulator-badge";
export { PiSdkScript } from "./pi-sdk-script";
export { ShareButton } from "./share-button";
