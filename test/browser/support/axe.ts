import { readFileSync } from 'node:fs';
import type { Page } from 'playwright-core';

const AXE_SOURCE = readFileSync(require.resolve('axe-core/axe.min.js'), 'utf8');

export interface AxeFinding {
  id: string;
  impact: string | null;
  help: string;
  targets: string[];
}

/**
 * The serious and critical accessibility violations axe-core finds inside `selector`. axe is evaluated
 * through the browser's debugging protocol, so the page's CSP (no inline scripts) stays in force for
 * the widget itself.
 */
export async function seriousViolations(page: Page, selector: string): Promise<AxeFinding[]> {
  await page.evaluate(AXE_SOURCE);
  const findings = await page.evaluate(async (include: string) => {
    const axe = (globalThis as any).axe;
    const result = await axe.run({ include: [[include]] }, { resultTypes: ['violations'] });
    return (result.violations as any[]).map((violation) => ({
      id: String(violation.id),
      impact: violation.impact ?? null,
      help: String(violation.help),
      targets: (violation.nodes as any[]).map((node) => JSON.stringify(node.target)),
    }));
  }, selector);
  return findings.filter((finding) => finding.impact === 'serious' || finding.impact === 'critical');
}
