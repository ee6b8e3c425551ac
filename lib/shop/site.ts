/** The app's name and one-line description, as the browser tab, the header and the Pi wallet show them. */
export const site = {
  name: "Corner Shop",
  description: "A small shop that takes Pi: sign in with Pi, buy, and see what you own.",
};
