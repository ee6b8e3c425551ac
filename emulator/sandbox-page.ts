// GET /sandbox?app=<url>: frames the app like sandbox.minepi.com does, so the app is tested cross-origin.
// The page also plays Pi Browser: its header shows the test Pioneer signed in, and its script
// (sdk/sandbox-page.js) tells the SDK in the frame who that is.
import { apiError, escapeHtml, html, type EmulatorRequest, type EmulatorResponse } from "./http";

function parseAppUrl(raw: string | null): URL | undefined {
  if (!raw) return undefined;
  try {
    const url = new URL(raw);
    return url.protocol === "http:" || url.protocol === "https:" ? url : undefined;
  } catch {
    return undefined;
  }
}

export function renderSandboxPage(req: EmulatorRequest): EmulatorResponse {
  const app = parseAppUrl(req.query.get("app"));
  if (!app) return apiError(400, "invalid_arguments", "Pass the app as ?app=<absolute http(s) URL>.");
  const src = escapeHtml(app.href);
  const body = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Pi Sandbox (emulator)</title>
<link rel="icon" href="data:,">
<style>
  html, body { margin: 0; height: 100%; background: #1b1530; font-family: system-ui, sans-serif; }
  body { display: flex; flex-direction: column; }
  header { flex: none; height: 36px; display: flex; align-items: center; gap: 8px; padding: 0 12px;
    color: #fff; background: #5b2d90; font-size: 14px; font-weight: 600; }
  header span { flex: 1; font-weight: 400; opacity: .85; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
  header label { font-weight: 400; }
  header select, header button { font: inherit; font-weight: 400; }
  iframe { flex: 1; width: 100%; border: 0; background: #fff; }
</style>
</head>
<body>
<header>
  <strong>Pi Sandbox (emulator)</strong><span>${src}</span>
  <label for="pi-emu-pioneer">Pioneer in Pi Browser</label>
  <select id="pi-emu-pioneer"><option value="">Signed out</option></select>
  <button type="button" id="pi-emu-sign-out" disabled>Sign out</button>
</header>
<script src="/sandbox-page.js"></script>
<iframe title="App" src="${src}" allow="clipboard-write; web-share"></iframe>
</body>
</html>
`;
  return html(200, body);
}
