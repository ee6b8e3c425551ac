// `npm run emulator`: the Pi emulator as its own process on 127.0.0.1 (default port 3314).
import { parseEmulatorEnv } from "../emulator/env";
import { startEmulator } from "../emulator/server";
import { loadEnvFiles } from "./env-files";

// Same .env files as `npm run dev`, so PI_EMULATOR_* set there apply to both.
loadEnvFiles();
const env = parseEmulatorEnv(process.env);
if (!env.ok) {
  console.error(env.message);
  process.exit(1);
}

const emulator = await startEmulator(env.options);
console.log(`Pi emulator (${emulator.network}) listening on ${emulator.url}
  Platform API base URL: ${emulator.url}/v2   (Authorization: Key ${emulator.apiKey})
  Browser SDK:           ${emulator.url}/pi-sdk.js
  Sandbox frame:         ${emulator.url}/sandbox?app=http://localhost:3000
  Control API:           ${emulator.url}/control/...`);

function shutdown(signal: NodeJS.Signals): void {
  console.log(`\n${signal}: stopping the Pi emulator.`);
  emulator.stop().then(
    () => process.exit(0),
    (error: unknown) => {
      console.error(error);
      process.exit(1);
    },
  );
}
process.once("SIGINT", shutdown);
process.once("SIGTERM", shutdown);
