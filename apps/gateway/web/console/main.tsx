/*
 * The newsroom console, served by the gateway at /console/. A single-page app on the public API only,
 * bundled by esbuild into assets/console.js; its document's CSP allows no inline script or style.
 */
import { render } from 'preact';
import { App } from './app';

const root = document.getElementById('console');
if (root) render(<App />, root);
