// The app wallet of every emulator: a real keypair, so the app signs payouts exactly as against Pi's Horizon.

/**
 * PUBLIC TEST SEED, for the emulator's fake chain only. It is fixed, so it is the same on every machine and restart
 * (an app's .env can name it), and it is anyone's: never fund this account on a real Pi network.
 * Plain strings, not a Keypair: deriving one at import would run ed25519 code in every test environment (jsdom too).
 */
export const EMULATOR_APP_WALLET = {
  publicKey: "GDY7QZ7MTRXIYRXIOJ2CQFKY5KN5L6V2HDGEIPBZSSRHUSKZE6PNMPGX",
  secret: "SCGLHHL6BSJMY3LY2KFDJ4MOUGBS34BHBRSSUKTB23IXFMQQVWLRBCZE",
} as const;

export type WalletKeys = { readonly publicKey: string; readonly secret: string };
