/** A Pioneer as the app knows them: identity from Pi's /me, never from the client. */
export type Pioneer = { uid: string; username: string | null };
