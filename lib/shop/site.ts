import { publicEnv } from "@/lib/config/public";

/** The app's name (NEXT_PUBLIC_APP_NAME), as the browser tab, the header and the home page show it; its tagline is in lib/i18n/messages. */
export const site = {
  name: publicEnv.NEXT_PUBLIC_APP_NAME,
};
