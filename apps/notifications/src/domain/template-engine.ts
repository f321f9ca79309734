import { escapeHtml } from '@app/contracts';
/**
 * A small subset of Mustache, enough for notices: `{{name}}` puts a value in (escaped for HTML when
 * rendering HTML), `{{#list}}...{{/list}}` repeats for each item of a list (its fields in scope) or
 * shows once for a value that is set, `{{^name}}...{{/name}}` shows when it is not. Nothing else:
 * values can never add markup or template syntax, since they are inserted after parsing.
 */
export type TemplateValue = string | number | boolean | null | undefined | TemplateScope | TemplateScope[];
export interface TemplateScope {
  [name: string]: TemplateValue;
}

type Node =
  | { kind: 'text'; text: string }
  | { kind: 'value'; name: string }
  | { kind: 'section'; name: string; inverted: boolean; children: Node[] };

const TAG = /\{\{\s*([#^/]?)\s*([A-Za-z][A-Za-z0-9_.]*)\s*\}\}/g;

export class TemplateSyntaxError extends Error {}

export function parseTemplate(source: string): Node[] {
  const root: Node[] = [];
  const stack: { name: string; children: Node[] }[] = [{ name: '', children: root }];
  let last = 0;
  for (const match of source.matchAll(TAG)) {
    const [whole, sigil, name] = match;
    const top = stack[stack.length - 1];
    if (match.index > last) top.children.push({ kind: 'text', text: source.slice(last, match.index) });
    last = match.index + whole.length;
    if (sigil === '') {
      top.children.push({ kind: 'value', name });
    } else if (sigil === '/') {
      if (stack.length === 1 || top.name !== name) {
        throw new TemplateSyntaxError(`{{/${name}}} closes nothing open`);
      }
      stack.pop();
    } else {
      const section: Node = { kind: 'section', name, inverted: sigil === '^', children: [] };
      top.children.push(section);
      stack.push({ name, children: section.children });
    }
  }
  if (stack.length > 1) throw new TemplateSyntaxError(`{{#${stack[stack.length - 1].name}}} is never closed`);
  if (last < source.length) root.push({ kind: 'text', text: source.slice(last) });
  return root;
}

function lookup(scopes: TemplateScope[], name: string): TemplateValue {
  for (let i = scopes.length - 1; i >= 0; i -= 1) {
    if (name in scopes[i]) return scopes[i][name];
  }
  return undefined;
}

function isSet(value: TemplateValue): boolean {
  if (Array.isArray(value)) return value.length > 0;
  return value !== undefined && value !== null && value !== false && value !== '';
}

function renderNodes(nodes: Node[], scopes: TemplateScope[], html: boolean): string {
  let out = '';
  for (const node of nodes) {
    if (node.kind === 'text') {
      out += node.text;
    } else if (node.kind === 'value') {
      const value = lookup(scopes, node.name);
      const text = value === undefined || value === null || typeof value === 'object' ? '' : String(value);
      out += html ? escapeHtml(text) : text;
    } else {
      const value = lookup(scopes, node.name);
      if (node.inverted) {
        if (!isSet(value)) out += renderNodes(node.children, scopes, html);
      } else if (Array.isArray(value)) {
        for (const item of value) out += renderNodes(node.children, [...scopes, item], html);
      } else if (isSet(value)) {
        const scope = typeof value === 'object' && value !== null ? [...scopes, value] : scopes;
        out += renderNodes(node.children, scope, html);
      }
    }
  }
  return out;
}

export function renderTemplate(nodes: Node[], params: TemplateScope, html: boolean): string {
  return renderNodes(nodes, [params], html);
}
