import { checkServerEnvAtStartup } from "@/lib/env";

/** Runs once when the server starts: a production server with a bad Pi configuration refuses to start. */
export function register() {
  checkServerEnvAtStartup();
}
