// The reference server as its own process (the bench starts it), so it never shares the load driver's event loop.
import { startReferenceServer } from "./reference-server";

const server = await startReferenceServer(Number(process.env.REFERENCE_PORT), { baseUrl: process.env.PI_API_BASE_URL ?? "", apiKey: process.env.PI_API_KEY ?? "" });
console.log(`reference server on ${server.origin}`);
