// Everything a route handler may touch, passed explicitly so several emulators can run in one process.
import type { PayoutSwitch } from "./a2u";
import type { ResolvedEmulatorOptions } from "./config";
import type { ConsentRegistry } from "./consents";
import type { FaultRegistry } from "./faults";
import type { IncompleteRule } from "./incomplete-rule";
import type { Ledger } from "./horizon/ledger";
import type { OAuthRegistry } from "./oauth";
import type { PiBrowserHost } from "./pi-browser";
import type { EmulatorStore } from "./store";

export interface EmulatorContext {
  store: EmulatorStore;
  faults: FaultRegistry;
  consents: ConsentRegistry;
  oauth: OAuthRegistry;
  host: PiBrowserHost;
  /** The emulator's chain, served as Horizon under /horizon. */
  ledger: Ledger;
  payouts: PayoutSwitch;
  incomplete: IncompleteRule;
  options: ResolvedEmulatorOptions;
  now(): number;
}
