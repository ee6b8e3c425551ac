import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import tseslint from "typescript-eslint";

const noEmulator = {
  group: ["@/emulator", "@/emulator/*", "**/emulator/*"],
  message: "Production code never imports the emulator.",
};
const noServerModules = {
  regex: "^@/lib/(db|auth|payments|http)(/.*)?$|^@/lib/shop(/(?!types$).*)?$|^@/lib/pi/platform-api$|^@/lib/config/server$|^@/lib/(jobs|limits|log|diagnostics|payouts|ads)(/.*)?$",
  message: "Client code must not import server modules: share types through lib/contract or lib/shop/types.",
};
const noDomain = {
  group: ["@/lib/*", "!@/lib/db", "!@/lib/db/*", "!@/lib/config", "!@/lib/log", "../*"],
  message: "lib/db knows tables and queries only: the domain imports the database, never the other way round.",
};

export default tseslint.config(
  { ignores: [".next/**", ".next-e2e/**", ".next-perf/**", "node_modules/**", ".data/**", "lib/db/migrations/**", "next-env.d.ts", "test-results/**", "playwright-report/**"] },
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
    files: ["app/**", "components/**"],
    plugins: { "react-hooks": reactHooks },
    rules: reactHooks.configs.recommended.rules,
  },
  {
    files: ["app/**", "lib/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noEmulator] }] },
  },
  {
    // Client modules: nothing that holds the API key, the database or sessions, not even for a type.
    files: ["components/**", "app/providers.tsx", "lib/client/**", "lib/pi/sdk.ts", "lib/pi/ads.ts"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noEmulator, noServerModules] }] },
  },
  {
    files: ["lib/db/**"],
    rules: { "@typescript-eslint/no-restricted-imports": ["error", { patterns: [noEmulator, noDomain] }] },
  },
  {
    files: ["**/*.js", "**/*.mjs"],
    extends: [tseslint.configs.disableTypeChecked],
  },
);
