// The pages of GET /oauth/authorize: plain HTML forms, no script, so they work in any browser.
import { escapeHtml, html, type EmulatorResponse } from "./http";
import type { PendingSignIn } from "./oauth";
import type { Pioneer } from "./store";

const STYLE = `
  body { margin: 0; min-height: 100vh; display: flex; align-items: flex-end; justify-content: center; background: #1b1530;
    font: 17px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1a1328; }
  main { box-sizing: border-box; width: 100%; max-width: 480px; padding: 20px; border-radius: 20px 20px 0 0; background: #fff; }
  .badge { display: inline-block; margin: 0 0 8px; padding: 2px 10px; border-radius: 999px; background: #fff1c9; color: #5c3d00; font-size: 13px; font-weight: 700; }
  h1 { margin: 0 0 6px; font-size: 21px; line-height: 1.25; }
  p, li { font-size: 15px; color: #3f3850; overflow-wrap: anywhere; }
  form { display: flex; flex-direction: column; gap: 10px; }
  button { min-height: 50px; padding: 13px 16px; border: 0; border-radius: 12px; font-family: inherit; font-size: 17px; font-weight: 700; line-height: 1.2; cursor: pointer; background: #4b2380; color: #fff; }
  button.secondary { background: #f3eff9; color: #2d1b4e; box-shadow: inset 0 0 0 2px #cfc3e3; }
  button:focus-visible { outline: 3px solid #e39b00; outline-offset: 2px; }`;

/**
 * No script at all, and no framing: a framed consent could be clickjacked. No form-action: browsers apply
 * it to the 303 as well, and a CSP source cannot name http://[::1], a redirect URI Pi always allows.
 */
const PAGE_HEADERS: Readonly<Record<string, string>> = {
  "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; frame-ancestors 'none'; base-uri 'none'",
  "X-Frame-Options": "DENY",
  "Referrer-Policy": "no-referrer",
};

function page(title: string, content: string): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<main aria-labelledby="pi-emu-title">
<p class="badge">Pi emulator · test Pioneers only</p>
${content}
</main>
</body>
</html>
`;
}

/** Shown instead of any redirect when the client or its redirect URI cannot be trusted. */
export function signInErrorPage(status: number, reason: string): EmulatorResponse {
  const content = `<h1 id="pi-emu-title">Pi Sign-in cannot continue</h1>
<p>${escapeHtml(reason)}</p>
<p>The emulator never sends you back to an address it cannot verify for this app.</p>`;
  return html(status, page("Pi Sign-in (emulator)", content), PAGE_HEADERS);
}

/** The consent sheet: one button per test Pioneer, then Decline, all posting the request id back. */
export function consentPage(request: PendingSignIn, pioneers: Pioneer[]): EmulatorResponse {
  const target = new URL(request.redirectUri);
  const title = `Sign in to ${target.host} with Pi (emulator)`;
  const choices = pioneers.map(
    (p, i) => `<button type="submit" name="pioneer" value="${escapeHtml(p.uid)}"${i === 0 ? " autofocus" : ""}>Continue as ${escapeHtml(p.username)}</button>`,
  );
  const content = `<h1 id="pi-emu-title">${escapeHtml(title)}</h1>
<p>Choose a test Pioneer. ${escapeHtml(target.host)} will get:</p>
<ul>${request.scopes.map((s) => `<li>${escapeHtml(s)}</li>`).join("")}</ul>
<p>Afterwards you return to ${escapeHtml(target.origin + target.pathname)} (client ${escapeHtml(request.clientId)}).</p>
${pioneers.length === 0 ? "<p>No test Pioneers: create one with POST /control/users.</p>" : ""}
<form method="post" action="/oauth/authorize">
<input type="hidden" name="request" value="${escapeHtml(request.id)}">
${choices.join("\n")}
<button type="submit" name="decline" value="1" class="secondary"${pioneers.length === 0 ? " autofocus" : ""}>Decline</button>
</form>`;
  return html(200, page(title, content), PAGE_HEADERS);
}
