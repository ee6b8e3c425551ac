export { isAdmin, pageViewer, requireAdmin } from "./admin";
export { clearedSessionCookie, clearedSignedOutCookie, hasSignedOutMark, sessionCookie, signedOutCookie } from "./cookie";
export { assertAppOrigin, assertTrustedOrigin, readCredentials, requireCaller, type Caller } from "./request-auth";
export { revokeSessionToken, sessionTtlSeconds } from "./session";
export { signIn } from "./signin";
