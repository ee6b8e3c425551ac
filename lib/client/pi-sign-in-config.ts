/**
 * Pi Sign-in's public settings (NEXT_PUBLIC_PI_OAUTH_CLIENT_ID, NEXT_PUBLIC_PI_OAUTH_AUTHORIZE_URL),
 * in a module of their own: the root layout sets them as the page mounts, while the sign-in code
 * (./pi-sign-in.ts), which reads them, loads only when a Pioneer taps "Sign in with Pi".
 */
export type PiSignInConfig = { clientId: string | null; authorizeUrl: string };

export const piSignInConfig: PiSignInConfig = { clientId: null, authorizeUrl: "https://accounts.pinet.com/oauth/authorize" };

export function configurePiSignIn(next: PiSignInConfig) {
  Object.assign(piSignInConfig, next);
}
