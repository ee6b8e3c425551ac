export { clearedSessionCookie, sessionCookie } from "./cookie";
export { assertTrustedOrigin, readCredential, requireCaller, type Caller } from "./request-auth";
export { getSessionUser, revokeSessionToken, sessionTtlSeconds } from "./session";
export { signIn } from "./signin";
