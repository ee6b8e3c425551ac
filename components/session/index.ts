export { SessionControl } from "./session-control";
export { SessionNotice } from "./session-notice";
export { SessionProvider } from "./session-provider";
export { ordersKey, sessionKey, useSession, type SessionCookie, type SessionState } from "./use-session";
