/**
 * Where the app runs, decided once per page by ./detect-host.ts and never from the user agent:
 * - "pi-browser": Pi Browser (Pi.getPiHostAppInfo says so, or Pi.init answers outside the Sandbox);
 * - "sandbox": the Pi Sandbox on a computer (the app was built for it and Pi.init answers);
 * - "browser": anywhere else, where Pi.init and Pi.authenticate never answer. Pioneers sign in
 *   there with Pi Sign-in, and pay in Pi Browser.
 */
export type Host = "pi-browser" | "sandbox" | "browser";

/** Whether Pi's wallet (and so Pi.createPayment and Pi.authenticate) can answer here. */
export const paysHere = (host: Host | null) => host === "pi-browser" || host === "sandbox";
