import { createHash } from 'node:crypto';

/** The status pages' whole stylesheet, sent in a `<style>` the CSP allows by hash (no script at all). */
export const STATUS_CSS = `
*{box-sizing:border-box}
body{margin:0;background:#f6f7f9;color:#1d2330;font:15px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif}
a{color:#2457c5}
.wrap{max-width:880px;margin:0 auto;padding:32px 20px 48px}
header{display:flex;align-items:center;gap:14px;margin-bottom:8px}
.logo{display:inline-flex;align-items:center;justify-content:center;min-width:44px;height:44px;padding:0 10px;border-radius:10px;background:#1d2330;color:#fff;font-weight:700;letter-spacing:.02em}
h1{font-size:26px;margin:0;line-height:1.2}
h1 a{color:inherit;text-decoration:none}
.desc{color:#596275;margin:4px 0 20px}
.banner{border-radius:10px;padding:16px 20px;color:#fff;font-size:18px;font-weight:600;margin:20px 0 28px}
.s-operational{background:#1f9d55}.s-degraded{background:#d69e2e}.s-partial_outage{background:#dd6b20}
.s-major_outage{background:#c53030}.s-maintenance{background:#3b7dd8}
.card{background:#fff;border:1px solid #e2e5ea;border-radius:10px;margin-bottom:24px;overflow:hidden}
.card h2{font-size:16px;margin:0;padding:14px 20px;border-bottom:1px solid #e2e5ea;background:#fbfbfc}
.comp{padding:16px 20px;border-bottom:1px solid #eef0f3}
.comp:last-child{border-bottom:0}
.row{display:flex;justify-content:space-between;align-items:baseline;gap:12px;flex-wrap:wrap}
.name{font-weight:600}.addr{color:#596275;font-size:13px;margin-left:6px;font-family:ui-monospace,monospace}
.pill{font-size:13px;font-weight:600;padding:2px 10px;border-radius:999px;white-space:nowrap}
.p-operational{color:#1f7a45;background:#e3f5ea}.p-degraded{color:#8a6100;background:#fdf3d7}
.p-down{color:#9b2222;background:#fde2e2}.p-maintenance{color:#2358a8;background:#e1ecfb}.p-unknown{color:#596275;background:#eceef2}
.bars{display:flex;gap:2px;margin:10px 0 4px;height:34px}
.bars a{flex:1;border-radius:2px;display:block;min-width:2px}
.bars a:hover{opacity:.7}
.u-ok{background:#2fb36a}.u-minor{background:#9acd32}.u-major{background:#f0a030}.u-bad{background:#dc4b4b}
.u-none{background:#dfe3e8}.u-maint{background:#6aa0ea}
.scale{display:flex;justify-content:space-between;color:#8a93a5;font-size:12px}
.d30{display:none}
@media (max-width:640px){.bars a:nth-child(-n+60){display:none}.d90{display:none}.d30{display:inline}h1{font-size:21px}.wrap{padding:20px 14px 40px}}
.inc{padding:16px 20px;border-bottom:1px solid #eef0f3}.inc:last-child{border-bottom:0}
.inc h3{margin:0 0 4px;font-size:16px}
.i-none,.i-minor{color:#b7791f}.i-major{color:#dd6b20}.i-critical{color:#c53030}.i-resolved{color:#1f7a45}
.upd{margin:8px 0 0;padding-left:12px;border-left:3px solid #e2e5ea}
.upd b{text-transform:capitalize}.when{color:#8a93a5;font-size:13px}
.muted{color:#8a93a5}.empty{padding:16px 20px;color:#596275}
table{width:100%;border-collapse:collapse}td,th{text-align:left;padding:10px 20px;border-bottom:1px solid #eef0f3;font-size:14px;vertical-align:top}
th{color:#596275;font-weight:600;background:#fbfbfc}
footer{color:#8a93a5;font-size:13px;text-align:center;margin-top:32px}
`.trim();

export const STATUS_CSS_HASH = `'sha256-${createHash('sha256').update(STATUS_CSS).digest('base64')}'`;

/** No scripts, no connections, no frames: a style by hash and nothing else. */
export const STATUS_CSP = [
  "default-src 'none'",
  `style-src ${STATUS_CSS_HASH}`,
  "img-src 'self' data:",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Escapes text for HTML content and quoted attributes. */
export function esc(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}
