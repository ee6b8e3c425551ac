// What the session needs of Pi and of our sign-in routes, loaded on first use rather than with the
// page: a first paint needs none of it, and on a phone every kilobyte before it counts.

export { requestReconcile } from "@/lib/client/payments";
export { sendIncompleteReports } from "@/lib/client/pi-auth";
export { beginPiSignIn } from "@/lib/client/pi-sign-in";
export { followPiIdentity, mayRestoreSilently, openSession, signInWithPi, signOut } from "@/lib/client/sign-in";
export { detectHost, watchHost } from "@/lib/pi/detect-host";
export { declinedInPi } from "@/lib/pi/sdk-error";
