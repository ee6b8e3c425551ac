import process from "node:process";

// Next's defaults, except Turbopack's root: the page is built outside the repository (so Next finds
// none of the app's files) with the repository's node_modules, and the root must hold both.
export default { turbopack: { root: process.env.BASELINE_TURBOPACK_ROOT } };
