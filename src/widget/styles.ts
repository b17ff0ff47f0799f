/** The widget's CSS, inside its shadow root: the host page's styles cannot reach it. */
export function styles(primary: string, text: string): string {
  return `
:host { all: initial; }
[hidden] { display: none !important; }
svg { width: 1em; height: 1em; vertical-align: -0.125em; fill: none; stroke: currentColor; stroke-width: 2; stroke-linecap: round; stroke-linejoin: round; }
.launcher svg { width: 26px; height: 26px; }
* { box-sizing: border-box; font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; }
.root { position: fixed; right: 20px; bottom: 20px; z-index: 2147483000; font-size: 14px; color: #1d2330; }
.launcher { width: 56px; height: 56px; border-radius: 50%; border: 0; cursor: pointer;
  background: ${primary}; color: ${text}; box-shadow: 0 4px 16px rgba(0,0,0,.25); font-size: 24px; }
.launcher:focus-visible, button:focus-visible, a:focus-visible, input:focus-visible, textarea:focus-visible, select:focus-visible {
  outline: 3px solid #ffbf47; outline-offset: 2px; }
.panel { position: absolute; right: 0; bottom: 72px; width: min(370px, calc(100vw - 40px));
  height: min(560px, calc(100vh - 120px)); background: #fff; border-radius: 14px;
  box-shadow: 0 8px 32px rgba(0,0,0,.25); display: flex; flex-direction: column; overflow: hidden; }
.panel[hidden] { display: none; }
header { background: ${primary}; color: ${text}; padding: 12px 14px; display: flex; align-items: center; gap: 8px; }
header .title { flex: 1; font-weight: 600; font-size: 15px; }
header .status { font-size: 12px; opacity: .9; }
header button { background: transparent; border: 0; color: inherit; font-size: 20px; cursor: pointer; }
.contact { display: flex; gap: 6px; padding: 8px 10px; border-bottom: 1px solid #e6e8ee; flex-wrap: wrap; background: #f7f8fa; }
.contact button, .contact a { display: inline-flex; align-items: center; gap: 5px; font-size: 12px; padding: 5px 9px; border-radius: 999px; border: 1px solid #cfd4de;
  background: #fff; color: #1d2330; text-decoration: none; cursor: pointer; }
.notice { padding: 8px 12px; font-size: 12px; background: #fff7e0; color: #5c4400; border-bottom: 1px solid #f0e0b0; }
.notice[hidden] { display: none; }
.messages { flex: 1; overflow-y: auto; padding: 12px; margin: 0; list-style: none; display: flex; flex-direction: column; gap: 8px; }
.message { max-width: 82%; padding: 8px 11px; border-radius: 12px; white-space: pre-wrap; word-wrap: break-word; line-height: 1.35; }
.message.in { align-self: flex-end; background: ${primary}; color: ${text}; border-bottom-right-radius: 4px; }
.message.out { align-self: flex-start; background: #eef0f4; border-bottom-left-radius: 4px; }
.message .meta { display: block; font-size: 11px; opacity: .75; margin-top: 3px; }
.message.in .meta { opacity: 1; }
.message .choices { display: flex; flex-wrap: wrap; gap: 4px; margin-top: 8px; }
.message .choices button { min-width: 32px; min-height: 36px; border: 1px solid ${primary}; border-radius: 8px; background: #fff; color: #1a1b1e; font: inherit; font-weight: 600; cursor: pointer; }
.message .choices button:focus-visible { outline: 2px solid ${primary}; outline-offset: 2px; }
.message .choices button[aria-pressed="true"] { background: ${primary}; color: ${text}; }
.message .choices button:disabled:not([aria-pressed="true"]) { opacity: .5; cursor: default; }
.message .choices-legend { display: block; font-size: 12px; margin-top: 4px; }
.message.pending { opacity: .65; }
.files { display: flex; flex-direction: column; gap: 6px; margin-top: 6px; white-space: normal; }
.file { display: flex; align-items: center; gap: 6px; padding: 6px 8px; border-radius: 8px; background: #fff;
  border: 1px solid #d5d9e2; color: #1d2330; text-decoration: none; font-size: 13px; min-width: 0; }
.file:hover { border-color: ${primary}; }
.file svg { flex-shrink: 0; color: #5b6475; }
.file .name { flex: 1; min-width: 0; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.file .size { flex-shrink: 0; font-size: 11px; color: #5b6475; }
.file.image { padding: 0; border: 0; background: transparent; display: block; }
.file.image img { display: block; max-width: 100%; max-height: 180px; border-radius: 8px; border: 1px solid #d5d9e2; }
.typing { padding: 0 14px 6px; font-size: 12px; color: #5b6475; font-style: italic; }
.typing[hidden] { display: none; }
form { display: flex; gap: 6px; padding: 8px 10px; border-top: 1px solid #e6e8ee; }
form[hidden] { display: none; }
textarea, input, select { flex: 1; border: 1px solid #cfd4de; border-radius: 8px; padding: 8px; font-size: 14px; color: #1d2330; background: #fff; }
textarea { resize: none; height: 40px; }
form button, .callback button.primary { background: ${primary}; color: ${text}; border: 0; border-radius: 8px; padding: 0 12px; cursor: pointer; font-size: 14px; }
.email-form { flex-direction: column; align-items: stretch; }
.email-form label { font-size: 12px; color: #3b4252; }
.email-form .row { display: flex; gap: 6px; }
.callback { flex: 1; overflow-y: auto; padding: 12px; display: flex; flex-direction: column; gap: 10px; }
.callback > * { flex-shrink: 0; }
.callback label { display: flex; flex-direction: column; gap: 4px; font-size: 12px; color: #3b4252; }
.callback h3 { margin: 0; font-size: 15px; }
.day { font-weight: 600; font-size: 12px; margin-top: 6px; text-transform: capitalize; }
.slots { display: flex; flex-wrap: wrap; gap: 6px; }
.slots button { border: 1px solid #cfd4de; background: #fff; border-radius: 6px; padding: 5px 8px; cursor: pointer; font-size: 13px; }
.slots button[aria-pressed="true"] { background: ${primary}; color: ${text}; border-color: ${primary}; }
.callback .primary { padding: 10px 12px; }
.callback .primary:disabled { opacity: .5; cursor: default; }
.callback .secondary { background: transparent; border: 0; color: #1f5fd6; cursor: pointer; text-align: left; padding: 0; }
.result { font-size: 13px; }
.suggestions { padding: 8px 12px; border-top: 1px solid #e6e8ee; background: #f7f8fa; font-size: 13px; max-height: 40%; overflow-y: auto; }
.suggestions-title { margin: 0 0 4px; color: #3b4252; font-size: 12px; }
.suggestions ul { margin: 0; padding-left: 18px; }
.suggestions a { color: #1f5fd6; }
`;
}
