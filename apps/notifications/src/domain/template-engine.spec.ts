import { parseTemplate, renderTemplate, TemplateSyntaxError } from './template-engine';

const render = (source: string, params: Record<string, unknown>, html = false) =>
  renderTemplate(parseTemplate(source), params as never, html);

describe('the template engine', () => {
  it('puts values in, escaped for HTML only when rendering HTML', () => {
    const params = { name: '<b>"Tom" & Jerry\'s</b>' };
    expect(render('Hi {{name}}!', params)).toBe('Hi <b>"Tom" & Jerry\'s</b>!');
    expect(render('Hi {{ name }}!', params, true)).toBe(
      'Hi &lt;b&gt;&quot;Tom&quot; &amp; Jerry&#39;s&lt;/b&gt;!',
    );
  });

  it('repeats a section for each item of a list, with the outer values still in scope', () => {
    const params = { site: 'S', items: [{ title: 'a' }, { title: 'b' }] };
    expect(render('{{#items}}[{{title}}@{{site}}]{{/items}}', params)).toBe('[a@S][b@S]');
  });

  it('shows a section when its value is set and an inverted one when it is not', () => {
    expect(render('{{#url}}link {{url}}{{/url}}{{^url}}no link{{/url}}', { url: 'x' })).toBe('link x');
    expect(render('{{#url}}link {{url}}{{/url}}{{^url}}no link{{/url}}', { url: null })).toBe('no link');
    expect(render('{{^items}}none{{/items}}', { items: [] })).toBe('none');
  });

  it('never reads template syntax out of a value', () => {
    expect(render('{{a}}', { a: '{{b}}', b: 'secret' })).toBe('{{b}}');
  });

  it('refuses a section that is not closed or closed out of order', () => {
    expect(() => parseTemplate('{{#a}}x')).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate('{{#a}}{{#b}}{{/a}}{{/b}}')).toThrow(TemplateSyntaxError);
    expect(() => parseTemplate('{{/a}}')).toThrow(TemplateSyntaxError);
  });
});
