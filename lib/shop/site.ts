import { publicEnv } from "@/lib/config/public";

/** The app's name (NEXT_PUBLIC_APP_NAME) and tagline, as the browser tab, the header and the home page show them. */
export const site = {
  name: publicEnv.NEXT_PUBLIC_APP_NAME,
  description: "A small shop that takes Pi: sign in with Pi, buy, and see what you own.",
};
