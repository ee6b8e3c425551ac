import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const noEmulator = {
  group: ["@/emulator", "@/emulator/*", "**/emulator/*"],
  message: "Production code never imports the emulator.",
};
const noServerModules = {
  group: ["@/lib/db", "@/lib/db/*", "@/lib/auth", "@/lib/auth/*", "@/lib/payments", "@/lib/payments/*", "@/lib/pi/platform-api", "@/lib/env"],
  message: "Client code must not import server modules.",
};

export default tseslint.config(
  { ignores: [".next/**", ".next-e2e/**", "node_modules/**", ".data/**", "lib/db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": "error",
      "@typescript-eslint/no-misused-promises": ["error", { checksVoidReturn: { attributes: false } }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_" }],
    },
  },
  {
    files: ["app/**", "components/**", "hooks/**"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["app/**", "lib/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noEmulator] }] },
  },
  {
    // Client modules: nothing that holds the API key, the database or sessions.
    files: ["components/**", "hooks/**", "lib/client/**", "lib/pi/sdk.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noEmulator, { ...noServerModules, allowTypeImports: true }] }] },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
