/**
 * The call UI's CSS; it lives in the shadow root, so it reaches nothing on the host page.
 * The focus ring is black, 3:1 apart from the white panel (WCAG 1.4.11), and in the header the
 * header's text colour, 4.5:1 apart from the site's colour (see loader/brand.ts); a shared
 * screen's picture, whose colours could be any, gets it around its frame, on the panel.
 * The site's colour, its text colour and its hover veil are custom properties of the host element.
 */
export const css = `.panel{position:absolute;right:0;bottom:72px;width:min(360px,calc(100vw - 40px));max-height:calc(100vh - 112px);max-height:calc(100dvh - 112px);display:flex;flex-direction:column;overflow:hidden;box-sizing:border-box;background:#fff;border-radius:16px;box-shadow:0 12px 40px #00000040;outline:none}
.panel[hidden]{display:none}
.wide{width:min(760px,calc(100vw - 40px))}
header{display:flex;align-items:center;justify-content:space-between;padding:14px 16px;background:var(--accent);color:var(--on-accent);border-radius:16px 16px 0 0}
h2{margin:0;font-size:17px;font-weight:600}
.body{padding:16px;min-height:0;overflow:auto;display:flex;flex-direction:column}
.body>*{flex:none}
.middle{flex:0 1 auto;min-height:0;overflow:auto;margin:-16px -16px 0;padding:16px 16px 6px}
p{margin:0 0 8px}
.title{font-weight:600}
.notice{color:#991b1b}
.hint{color:#92400e;font-weight:600}
.captions{position:absolute;left:8px;right:8px;top:8px;max-height:calc(100% - 16px);overflow:hidden;display:flex;flex-direction:column;justify-content:flex-end;background:#000000bf;color:#fff;border-radius:8px;padding:6px 10px;font-size:15px;line-height:1.35}
.captions p{margin:0}
.captions-current,.captions-note{color:#d1d5db}
p:empty{margin:0}
.actions{display:flex;flex-wrap:wrap;gap:8px;margin-top:14px}
.actions:empty{display:none}
.call>.actions{position:sticky;bottom:-6px;background:#fff;padding:6px 0}
.actions>.hint{flex-basis:100%;margin:0}
.actions>.hint:empty{margin-bottom:-8px}
button{font:inherit;cursor:pointer;border-radius:10px;border:1px solid #d1d5db;background:#fff;color:#111827;padding:9px 14px}
button:hover{background:#f3f4f6}
.primary{background:var(--accent);border-color:var(--accent);color:var(--on-accent)}
.primary:hover{background-image:linear-gradient(var(--veil) 0 0)}
.danger{background:#dc2626;border-color:#dc2626;color:#fff}
.danger:hover{background:#b91c1c}
button[aria-pressed=true]{background:#e5e7eb}
.close{border:0;background:transparent;color:inherit;padding:6px;display:grid;place-items:center}
.close:hover{background:#ffffff26}
.stage{position:relative;margin-bottom:12px;border-radius:12px;overflow:hidden;background:#111827;aspect-ratio:4/3;max-height:50vh;display:grid;place-items:center}
.remote{width:100%;height:100%;object-fit:cover}
.audio .remote{position:absolute;opacity:0}
.stage.audio{aspect-ratio:auto;height:128px}
.avatar{width:72px;height:72px;border-radius:50%;background:var(--accent);color:var(--on-accent);display:grid;place-items:center;font-size:32px;font-weight:600}
.self{position:absolute;right:8px;bottom:8px;width:30%;border-radius:8px;border:2px solid #fff}
.off{aspect-ratio:4/3;display:grid;place-items:center;background:#111827;color:#fff;font-size:12px}
.mirror{transform:scaleX(-1)}
.level{display:block;width:100%;height:14px}
.picker{display:grid;gap:4px;margin-top:10px;font-weight:600}
textarea,input,select{font:inherit;font-weight:400;padding:8px;border-radius:10px;border:1px solid #d1d5db;resize:vertical}
.rating{display:flex;flex-wrap:wrap;gap:6px;border:0;padding:0;margin:12px 0 0}
.rating legend{font-weight:600;margin-bottom:6px}
.rating label{display:grid;place-items:center;width:40px;height:40px;border:1px solid #d1d5db;border-radius:10px;cursor:pointer;position:relative}
.rating input{position:absolute;opacity:0;inset:0;margin:0;cursor:pointer}
.rating label:has(input:checked){background:var(--accent);border-color:var(--accent);color:var(--on-accent)}
.rating label:has(input:focus-visible),.file:has(input:focus-visible),.screen:has(canvas:focus-visible),button:focus-visible,select:focus-visible,textarea:focus-visible,input:focus-visible{outline:3px solid #000;outline-offset:2px}
header button:focus-visible{outline-color:currentColor}
.held{position:absolute;top:12px;color:#fff;font-weight:600}
.launcher{position:relative}
.launcher[data-unread]::after{content:attr(data-unread);position:absolute;top:-4px;right:-4px;min-width:22px;padding:0 4px;box-sizing:border-box;border:2px solid #fff;border-radius:11px;background:#dc2626;color:#fff;font:600 11px/18px system-ui,sans-serif}
.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip-path:inset(50%);white-space:nowrap}
.log{display:flex;flex-direction:column;gap:6px;max-height:300px;overflow:auto;margin:4px 0 8px}
.message{align-self:flex-start;max-width:85%}
.message.mine{align-self:flex-end;text-align:right}
.who,.meta,.agent{font-size:13px;color:#4b5563}
.text{margin:2px 0 0;padding:8px 11px;border-radius:14px;background:#f3f4f6;white-space:pre-wrap;overflow-wrap:anywhere;text-align:left}
.mine .text{background:var(--accent);color:var(--on-accent)}
.mine .text a{color:inherit}
.typing,.live-text{margin:0 0 6px;font-style:italic;color:#4b5563}
.live-text:not(:empty){font-style:normal;padding:6px 10px;border-left:3px solid var(--accent);background:linear-gradient(#ffffffeb 0 0) var(--accent);white-space:pre-wrap;overflow-wrap:anywhere}
.composer textarea{width:100%;box-sizing:border-box;resize:none}
.composer .actions{margin-top:8px}
.file{position:relative;border:1px solid #d1d5db;border-radius:10px;padding:9px 14px;cursor:pointer}
.file input{position:absolute;inset:0;opacity:0;cursor:pointer}
.files ul{list-style:none;margin:0;padding:0}
.files p{margin:4px 0;overflow-wrap:anywhere}
.files progress{width:100%}
.prompt{margin:8px 0;padding:12px;border-radius:12px;background:linear-gradient(#ffffffeb 0 0) var(--accent);border:1px solid var(--accent)}
.prompt-note button{margin-left:8px;padding:4px 10px}
.call,.shared,.sharing{margin-bottom:12px}
.screen{position:relative;border-radius:12px;overflow:hidden;background:#111827;margin-bottom:8px}
.screen video{display:block;width:100%;height:min(60vh,480px);object-fit:contain}
.screen.small video{height:140px}
.screen canvas{position:absolute;pointer-events:none;outline:none}
.screen .drawable{pointer-events:auto;touch-action:none;cursor:crosshair}
select{background:#fff;color:#111827}
@media (max-width:480px),(max-height:480px){.panel{position:fixed;inset:0;width:auto;max-height:none;border-radius:0}header{border-radius:0}}
@media (forced-colors:active){.panel{border:2px solid CanvasText}header{border-bottom:2px solid CanvasText}}`;
