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
