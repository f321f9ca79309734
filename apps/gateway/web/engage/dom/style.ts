import { SCRIPT_NONCE } from '../api/script-context';
import { el } from './el';

/** The widgets' looks, scoped under .engage; a portal tunes colours through the --engage-* custom properties. */
const STYLE = `
.engage{box-sizing:border-box;max-width:100%;font:inherit;color:inherit;line-height:1.4}
.engage *,.engage *::before,.engage *::after{box-sizing:inherit}
.engage [hidden]{display:none!important}
.engage-title{margin:0 0 .6em;font-size:1.05em;font-weight:700;letter-spacing:.03em;text-transform:uppercase}
.engage-question{display:block;margin:0 0 .6em;padding:0;font-size:1em;font-weight:700;overflow-wrap:anywhere}
.engage-fieldset{min-width:0;margin:0;padding:0;border:0}
.engage-option{display:flex;gap:.5em;align-items:flex-start;padding:.3em 0;cursor:pointer;overflow-wrap:anywhere}
.engage-option input{flex:none;margin:.2em 0 0;accent-color:var(--engage-accent,#1d6fa5)}
.engage-option-text{flex:1;min-width:0}
.engage-option--disabled{cursor:default;opacity:.6}
.engage-button{display:inline-block;margin:.6em 0 0;padding:.45em 1.1em;border:0;border-radius:.3em;font:inherit;font-weight:700;color:#fff;background:var(--engage-accent,#1d6fa5);cursor:pointer}
.engage-button:hover{background:var(--engage-accent-strong,#0f4c75)}
.engage-button:focus-visible,.engage-option input:focus-visible,.engage-link:focus-visible{outline:2px solid var(--engage-accent-strong,#0f4c75);outline-offset:2px}
.engage-button:disabled{opacity:.55;cursor:default;background:var(--engage-accent,#1d6fa5)}
.engage-button--quiet{color:var(--engage-accent-strong,#0f4c75);background:transparent;border:1px solid currentColor}
.engage-button--quiet:hover{background:rgba(29,111,165,.08)}
.engage-results{margin:0;padding:0;list-style:none}
.engage-result{margin:0 0 .6em}
.engage-result-row{display:flex;gap:.5em;align-items:baseline;justify-content:space-between}
.engage-result-text{min-width:0;overflow-wrap:anywhere}
.engage-result-percent{flex:none;font-weight:700;font-variant-numeric:tabular-nums}
.engage-bar{height:.5em;margin-top:.2em;overflow:hidden;border-radius:.25em;background:var(--engage-track,#e3e8ee)}
.engage-bar-fill{display:block;width:0;height:100%;border-radius:inherit;background:var(--engage-accent,#1d6fa5);transition:width .4s ease}
.engage-result--mine .engage-result-text{font-weight:700}
.engage-result--mine .engage-bar-fill{background:var(--engage-accent-strong,#0f4c75)}
.engage-mine{margin-left:.35em;font-size:.8em;font-weight:400;white-space:nowrap;color:var(--engage-accent-strong,#0f4c75)}
.engage-total,.engage-meta,.engage-hint{margin:.4em 0;font-size:.875em;color:var(--engage-muted,#5d6773)}
.engage-status{margin:.5em 0;font-size:.9em}
.engage-status:empty{display:none}
.engage-status--error{color:var(--engage-error,#a3261b)}
.engage-link{display:inline-block;margin-top:.5em;font-size:.9em;color:var(--engage-accent-strong,#0f4c75)}
.engage-archive-item{margin:0 0 1.4em;padding:0 0 1.2em;border-bottom:1px solid var(--engage-track,#e3e8ee)}
.engage-archive-item:focus{outline:none}
.engage-archive-item .engage-question{font-size:1.05em}
.engage-label{display:block;margin:.5em 0 .2em;font-size:.9em;font-weight:600}
.engage-label--inline{display:inline-block;margin:0 .5em 0 0}
.engage-input,.engage-textarea,.engage-select{width:100%;max-width:100%;padding:.45em .55em;border:1px solid var(--engage-border,#8a95a1);border-radius:.3em;font:inherit;color:inherit;background:var(--engage-field,#fff)}
.engage-select{width:auto}
.engage-textarea{min-height:6em;resize:vertical}
.engage-input:focus-visible,.engage-textarea:focus-visible,.engage-select:focus-visible,.engage-action:focus-visible{outline:2px solid var(--engage-accent-strong,#0f4c75);outline-offset:1px}
.engage-comments>.engage-title{font-size:1.3em;letter-spacing:0;text-transform:none}
.engage-form-title{margin:0 0 .3em;font-size:1em}
.engage-form-actions{display:flex;flex-wrap:wrap;gap:.5em;align-items:center}
.engage-comment-form{margin:0 0 1.2em;padding:1em;border-radius:.4em;background:var(--engage-panel,#f5f7f9)}
.engage-toolbar{display:flex;align-items:center;margin:.6em 0}
.engage-comment-list,.engage-replies{margin:0;padding:0;list-style:none}
.engage-replies{margin-left:1.2em;padding-left:.9em;border-left:2px solid var(--engage-track,#e3e8ee)}
.engage-comment-card{padding:.7em 0;border-bottom:1px solid var(--engage-track,#e3e8ee)}
.engage-comment-meta{display:flex;flex-wrap:wrap;gap:.2em .6em;align-items:baseline;margin:0 0 .3em;font-size:.9em;color:var(--engage-muted,#5d6773)}
.engage-author{font-weight:700;color:var(--engage-ink,#1c2430);overflow-wrap:anywhere}
.engage-badge{padding:0 .4em;border-radius:.25em;font-size:.85em;color:#fff;background:var(--engage-accent-strong,#0f4c75)}
.engage-edited{font-style:italic}
.engage-comment-body{margin:0 0 .4em;white-space:pre-wrap;overflow-wrap:anywhere}
.engage-tombstone{font-style:italic;color:var(--engage-muted,#5d6773)}
.engage-comment-actions{display:flex;flex-wrap:wrap;gap:.3em .9em}
.engage-action{padding:.15em 0;border:0;font:inherit;font-size:.875em;color:var(--engage-accent-strong,#0f4c75);background:none;cursor:pointer}
.engage-action:hover{text-decoration:underline}
.engage-action[aria-pressed=true]{font-weight:700;color:var(--engage-error,#a3261b)}
.engage-comment-extra:not(:empty){margin:.5em 0}
.engage-comment-extra .engage-comment-form{margin:0}
.engage-confirm-text{margin:0 0 .3em}
.engage-reporter>.engage-title{font-size:1.3em;letter-spacing:0;text-transform:none}
.engage-switch{display:flex;flex-wrap:wrap;gap:.5em;margin:0 0 .8em}
.engage-switch .engage-button{margin:0}
.engage-switch .engage-button[aria-pressed=true]{color:#fff;background:var(--engage-accent-strong,#0f4c75)}
.engage-reporter-form,.engage-receipt,.engage-tracking{padding:1em;border-radius:.4em;background:var(--engage-panel,#f5f7f9)}
.engage-reporter .engage-field{margin:0 0 .6em}
.engage-contact{margin:.8em 0;padding:.6em .8em;border:1px solid var(--engage-track,#e3e8ee);border-radius:.3em}
.engage-legend{padding:0 .3em;font-weight:700}
.engage-file-input{max-width:100%;font:inherit}
.engage-file-list{margin:.3em 0 0;padding:0;list-style:none}
.engage-file{display:flex;flex-wrap:wrap;gap:.2em .8em;align-items:baseline;padding:.2em 0}
.engage-file-name{min-width:0;overflow-wrap:anywhere;font-weight:600}
.engage-file-size{font-size:.875em;color:var(--engage-muted,#5d6773)}
.engage-consent{margin:.6em 0}
.engage-trap{position:absolute!important;left:-10000px;width:1px;height:1px;overflow:hidden}
.engage-progress{display:flex;flex-wrap:wrap;gap:.2em .8em;align-items:center;margin:.6em 0 0}
.engage-progress .engage-label{margin:0}
.engage-progress progress{flex:1 1 12em;height:.8em;accent-color:var(--engage-accent,#1d6fa5)}
.engage-alert:empty{display:none}
.engage-alert{margin:.6em 0 0;padding:.5em .7em;border-left:4px solid var(--engage-error,#a3261b);color:var(--engage-error,#a3261b);background:#fff}
.engage-alert-line{margin:.2em 0;overflow-wrap:anywhere}
.engage-code{width:auto;max-width:100%;font-family:ui-monospace,Consolas,monospace;font-size:1.2em;font-weight:700;letter-spacing:.08em}
.engage-advice,.engage-notice{margin:.5em 0;padding:.5em .7em;border-left:4px solid #b8860b;background:#fff8e6}
.engage-track-form .engage-button,.engage-reply-form .engage-button{margin-top:.4em}
.engage-track-form .engage-code{display:block}
.engage-track-status{margin:.8em 0 .2em}
.engage-messages{margin:0 0 .8em;padding:0;list-style:none}
.engage-message{margin:0 0 .5em;padding:.5em .7em;border-radius:.3em;background:#fff}
.engage-message--newsroom{border-left:4px solid var(--engage-accent,#1d6fa5)}
.engage-reporter [aria-invalid=true]{border-color:var(--engage-error,#a3261b);outline:1px solid var(--engage-error,#a3261b)}
@media (prefers-reduced-motion:reduce){.engage-bar-fill{transition:none}}
`;

export function injectStyle(): void {
  if (document.getElementById('engage-style')) return;
  const style = el('style');
  style.id = 'engage-style';
  if (SCRIPT_NONCE) style.nonce = SCRIPT_NONCE;
  style.textContent = STYLE;
  document.head.appendChild(style);
}
