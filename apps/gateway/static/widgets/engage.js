/*
 * Reader-engagement widgets for portal pages. One dependency-free script:
 *
 *   <script src="https://engage.example/widgets/engage.js" defer></script>
 *   <div data-engage="poll" data-placement="sidebar" data-archive-url="/polls"></div>
 *   <div data-engage="poll-archive"></div>
 *
 * The API is the script's own origin unless the script tag has data-api. Russian by default;
 * data-locale="en" (on the widget or on the script tag) for English. Poll texts come from editors and
 * are rendered as text only, never as HTML.
 */
(() => {
  'use strict';

  if (window.Engage && window.Engage.version) return;

  const script = document.currentScript;
  const API = apiBase(script);
  const SCRIPT_LOCALE = script ? script.dataset.locale : undefined;
  const TOKEN_KEY = 'engage:reader-token:' + API;

  function apiBase(tag) {
    try {
      if (tag && tag.dataset.api) return new URL(tag.dataset.api, document.baseURI).href.replace(/\/+$/, '');
      if (tag && tag.src) return new URL(tag.src).origin;
    } catch (_) {
      // a malformed data-api: fall back to the page's origin
    }
    return location.origin;
  }

  // ---- texts ----

  const MESSAGES = {
    ru: {
      pollTitle: 'Наш опрос',
      vote: 'Голосовать',
      sending: 'Отправляем…',
      total: 'Всего голосов: {n}',
      voters: 'участников: {n}',
      allPolls: 'Все опросы',
      mine: 'ваш выбор',
      pickUpTo: 'Можно выбрать до {n} вариантов.',
      pickAny: 'Можно выбрать несколько вариантов.',
      thanks: 'Спасибо, ваш голос учтён.',
      already: 'Вы уже голосовали в этом опросе.',
      closedNow: 'Голосование в этом опросе уже завершено.',
      closed: 'Опрос завершён.',
      closesAt: 'Голосование открыто до {date}.',
      hiddenAfterVote: 'Результаты появятся после того, как вы проголосуете.',
      hiddenAfterClose: 'Результаты будут опубликованы после завершения опроса.',
      hiddenAfterCloseAt: 'Результаты будут опубликованы после завершения опроса, {date}.',
      rateLimited: 'С вашего адреса сейчас слишком много голосов. Пожалуйста, попробуйте позже.',
      rateLimitedIn: 'С вашего адреса сейчас слишком много голосов. Пожалуйста, попробуйте через {n} мин.',
      unavailable: 'Опросы временно недоступны. Пожалуйста, попробуйте через минуту.',
      network: 'Не удалось связаться с сервером. Проверьте подключение и попробуйте ещё раз.',
      rejected: 'Голос не принят: проверьте выбранные варианты.',
      failed: 'Что-то пошло не так. Пожалуйста, попробуйте ещё раз.',
      noPoll: 'Сейчас открытых опросов нет.',
      loading: 'Загружаем опрос…',
      loadingArchive: 'Загружаем опросы…',
      retry: 'Повторить',
      showMore: 'Показать ещё',
      archiveEmpty: 'Завершённых опросов пока нет.',
      noMore: 'Других завершённых опросов нет.',
      closedOn: 'Завершён {date}',
    },
    en: {
      pollTitle: 'Our poll',
      vote: 'Vote',
      sending: 'Sending…',
      total: 'Total votes: {n}',
      voters: 'voters: {n}',
      allPolls: 'All polls',
      mine: 'your choice',
      pickUpTo: 'You can pick up to {n} options.',
      pickAny: 'You can pick several options.',
      thanks: 'Thank you, your vote has been counted.',
      already: 'You have already voted in this poll.',
      closedNow: 'Voting in this poll has already ended.',
      closed: 'This poll is closed.',
      closesAt: 'Voting is open until {date}.',
      hiddenAfterVote: 'Results will appear once you have voted.',
      hiddenAfterClose: 'Results will be published when the poll closes.',
      hiddenAfterCloseAt: 'Results will be published when the poll closes, {date}.',
      rateLimited: 'Too many votes have come from your address just now. Please try again later.',
      rateLimitedIn: 'Too many votes have come from your address just now. Please try again in {n} min.',
      unavailable: 'Polls are unavailable for a moment. Please try again in a minute.',
      network: 'Could not reach the server. Please check your connection and try again.',
      rejected: 'The vote was not accepted: please check your choices.',
      failed: 'Something went wrong. Please try again.',
      noPoll: 'There is no open poll right now.',
      loading: 'Loading the poll…',
      loadingArchive: 'Loading polls…',
      retry: 'Try again',
      showMore: 'Show more',
      archiveEmpty: 'No closed polls yet.',
      noMore: 'There are no more closed polls.',
      closedOn: 'Closed {date}',
    },
  };

  function localeOf(host) {
    const wanted = (host.dataset.locale || SCRIPT_LOCALE || 'ru').toLowerCase().slice(0, 2);
    return wanted === 'en' ? 'en' : 'ru';
  }

  function translator(locale) {
    const texts = MESSAGES[locale];
    const dates = new Intl.DateTimeFormat(locale === 'en' ? 'en-GB' : 'ru-RU', {
      day: 'numeric',
      month: 'long',
      year: 'numeric',
    });
    const t = (key, values) =>
      texts[key].replace(/\{(\w+)\}/g, (_, name) => (values && name in values ? String(values[name]) : ''));
    t.date = (iso) => {
      const at = new Date(iso);
      return Number.isNaN(at.getTime()) ? '' : dates.format(at);
    };
    t.number = (n) => Number(n).toLocaleString(locale === 'en' ? 'en-GB' : 'ru-RU');
    return t;
  }

  // ---- DOM helpers: text only ----

  function el(tag, className, text) {
    const node = document.createElement(tag);
    if (className) node.className = className;
    if (text !== undefined && text !== null) node.textContent = String(text);
    return node;
  }

  let ids = 0;
  const uid = (prefix) => `engage-${prefix}-${++ids}`;

  function safeHref(value) {
    const href = (value || '').trim();
    return href === '' || /^(javascript|data|vbscript):/i.test(href) ? '#' : href;
  }

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

  function injectStyle() {
    if (document.getElementById('engage-style')) return;
    const style = el('style');
    style.id = 'engage-style';
    // A portal with a nonce-based CSP gives the script tag a nonce; the styles carry the same one.
    if (script && script.nonce) style.nonce = script.nonce;
    style.textContent = STYLE;
    document.head.appendChild(style);
  }

  // ---- API ----

  async function request(path, options) {
    const { method = 'GET', body, token } = options || {};
    const headers = { Accept: 'application/json' };
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    if (token) headers['X-Reader-Token'] = token;
    let response;
    try {
      response = await fetch(API + path, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
        credentials: 'omit',
      });
    } catch (_) {
      return { status: 0, body: null, retryAfter: null };
    }
    let data = null;
    try {
      data = await response.json();
    } catch (_) {
      // not JSON (a proxy's error page): the status says enough
    }
    return { status: response.status, body: data, retryAfter: response.headers.get('Retry-After') };
  }

  let memoryToken = null;

  function storedToken() {
    try {
      return localStorage.getItem(TOKEN_KEY) || memoryToken;
    } catch (_) {
      return memoryToken;
    }
  }

  function storeToken(token) {
    memoryToken = token;
    try {
      if (token) localStorage.setItem(TOKEN_KEY, token);
      else localStorage.removeItem(TOKEN_KEY);
    } catch (_) {
      // storage blocked: the token lives as long as the page
    }
  }

  let tokenRequest = null;

  /** The reader's token, asking for one the first time; `{ failure }` with the answer when refused. */
  async function readerToken() {
    const existing = storedToken();
    if (existing) return { token: existing };
    if (!tokenRequest) {
      tokenRequest = request('/api/v1/reader-tokens', { method: 'POST' }).finally(() => {
        tokenRequest = null;
      });
    }
    const answer = await tokenRequest;
    if (answer.status === 201 && answer.body && typeof answer.body.token === 'string') {
      storeToken(answer.body.token);
      return { token: answer.body.token };
    }
    return { failure: answer };
  }

  /** A GET as this reader when a token is stored (so `myVote` is filled), anonymous otherwise. */
  async function readerGet(path) {
    const token = storedToken();
    const answer = await request(path, { token });
    if (answer.status !== 401 || !token) return answer;
    // The token no longer verifies (the key changed): forget it and read anonymously.
    storeToken(null);
    return request(path);
  }

  function failureText(t, answer) {
    switch (answer.status) {
      case 0:
        return t('network');
      case 429: {
        const seconds = Number(answer.retryAfter);
        return seconds > 0 ? t('rateLimitedIn', { n: Math.ceil(seconds / 60) }) : t('rateLimited');
      }
      case 502:
      case 503:
      case 504:
        return t('unavailable');
      default:
        return t('failed');
    }
  }

  // ---- results (shared by the poll and the archive) ----

  function hiddenNote(t, poll) {
    if (poll.status !== 'closed' && poll.resultsVisibility === 'after_close') {
      return poll.closesAt ? t('hiddenAfterCloseAt', { date: t.date(poll.closesAt) }) : t('hiddenAfterClose');
    }
    return t('hiddenAfterVote');
  }

  function totalText(t, poll) {
    let text = t('total', { n: t.number(poll.totalVotes) });
    if (poll.multipleChoice && poll.totalVoters !== null && poll.totalVoters !== poll.totalVotes) {
      text += ' · ' + t('voters', { n: t.number(poll.totalVoters) });
    }
    return text;
  }

  /** The results of a poll: each option with its percent and a bar, the total, the reader's choice. */
  class Results {
    constructor(t) {
      this.t = t;
      this.node = el('div', 'engage-results-block');
      this.node.setAttribute('aria-live', 'polite');
      this.rows = new Map();
      this.shape = '';
    }

    show(poll, myVote) {
      const visible = poll.totalVotes !== null;
      const shape = (visible ? 'v:' : 'h:') + poll.options.map((option) => option.id).join(',');
      if (shape !== this.shape) this.build(poll, visible, shape);
      const mine = new Set(myVote || []);
      for (const option of poll.options) {
        const row = this.rows.get(option.id);
        row.text.textContent = option.text;
        row.item.classList.toggle('engage-result--mine', mine.has(option.id));
        row.mine.hidden = !mine.has(option.id);
        if (visible) {
          const percent = Math.max(0, Math.min(100, Number(option.percent) || 0));
          row.percent.textContent = percent + '%';
          row.fill.style.width = percent + '%';
        }
      }
      this.total.textContent = visible ? totalText(this.t, poll) : hiddenNote(this.t, poll);
    }

    build(poll, visible, shape) {
      this.shape = shape;
      this.rows.clear();
      const list = el('ul', 'engage-results');
      for (const option of poll.options) {
        const item = el('li', 'engage-result');
        const head = el('div', 'engage-result-row');
        const label = el('span', 'engage-result-text');
        const text = el('span');
        const mine = el('span', 'engage-mine', '✓ ' + this.t('mine'));
        label.append(text, mine);
        head.append(label);
        const row = { item, text, mine };
        if (visible) {
          row.percent = el('span', 'engage-result-percent');
          head.append(row.percent);
        }
        item.append(head);
        if (visible) {
          const bar = el('div', 'engage-bar');
          bar.setAttribute('aria-hidden', 'true');
          row.fill = el('span', 'engage-bar-fill');
          bar.append(row.fill);
          item.append(bar);
        }
        list.append(item);
        this.rows.set(option.id, row);
      }
      this.total = el('p', visible ? 'engage-total' : 'engage-hint');
      this.node.replaceChildren(list, this.total);
    }
  }

  // ---- the poll of a placement ----

  class PollWidget {
    constructor(host) {
      this.host = host;
      this.t = translator(localeOf(host));
      this.placement = host.dataset.placement || 'sidebar';
      this.poll = null;
      this.myVote = null;
      this.view = null;
      this.stream = null;
      this.refreshTimer = null;
      this.busy = false;

      const t = this.t;
      this.root = el('section', 'engage engage-poll');
      const title = host.dataset.title === undefined ? t('pollTitle') : host.dataset.title;
      if (title) {
        const heading = el('h2', 'engage-title', title);
        heading.id = uid('poll-title');
        this.root.setAttribute('aria-labelledby', heading.id);
        this.root.append(heading);
      }
      this.body = el('div', 'engage-body');
      this.status = el('p', 'engage-status');
      this.status.setAttribute('role', 'status');
      const link = el('a', 'engage-link', t('allPolls'));
      link.href = safeHref(host.dataset.archiveUrl);
      this.root.append(this.body, this.status, link);
      host.replaceChildren(this.root);
    }

    setStatus(text, isError) {
      this.status.textContent = text || '';
      this.status.classList.toggle('engage-status--error', Boolean(isError));
    }

    async load() {
      this.body.replaceChildren(el('p', 'engage-hint', this.t('loading')));
      this.setStatus('');
      const answer = await readerGet('/api/v1/polls/current?placement=' + encodeURIComponent(this.placement));
      if (answer.status === 200 && answer.body) {
        this.accept(answer.body);
        if (this.poll.status === 'open' && this.myVote === null) this.showForm();
        else this.showResults();
        this.listen();
      } else if (answer.status === 404) {
        this.body.replaceChildren(el('p', 'engage-hint', this.t('noPoll')));
      } else {
        this.showLoadError(answer);
      }
    }

    showLoadError(answer) {
      const retry = el('button', 'engage-button engage-button--quiet', this.t('retry'));
      retry.type = 'button';
      retry.addEventListener('click', () => void this.load());
      this.body.replaceChildren(retry);
      this.setStatus(failureText(this.t, answer), true);
    }

    /** Takes a poll from the API, keeping the reader's choice that anonymous answers do not carry. */
    accept(poll) {
      if (Array.isArray(poll.myVote)) this.myVote = poll.myVote;
      this.poll = poll;
    }

    showForm() {
      const { poll, t } = this;
      this.view = 'form';
      this.results = null;
      const form = el('form', 'engage-form');
      form.noValidate = true;
      const fieldset = el('fieldset', 'engage-fieldset');
      fieldset.append(el('legend', 'engage-question', poll.question));
      const multiple = poll.multipleChoice;
      const max = multiple ? Math.max(1, poll.maxChoices || poll.options.length) : 1;
      if (multiple) {
        const hint = el(
          'p',
          'engage-hint',
          max < poll.options.length ? t('pickUpTo', { n: max }) : t('pickAny'),
        );
        hint.id = uid('poll-hint');
        fieldset.setAttribute('aria-describedby', hint.id);
        fieldset.append(hint);
      }
      const name = uid('poll-choice');
      const inputs = poll.options.map((option) => {
        const label = el('label', 'engage-option');
        const input = el('input');
        input.type = multiple ? 'checkbox' : 'radio';
        input.name = name;
        input.value = option.id;
        label.append(input, el('span', null, option.text));
        fieldset.append(label);
        return input;
      });
      const button = el('button', 'engage-button', t('vote'));
      button.type = 'submit';
      button.disabled = true;
      form.append(fieldset, button);

      const meta = [];
      if (poll.closesAt) meta.push(t('closesAt', { date: t.date(poll.closesAt) }));
      if (poll.totalVotes === null) meta.push(hiddenNote(t, poll));
      for (const line of meta) form.append(el('p', 'engage-meta', line));

      const chosen = () => inputs.filter((input) => input.checked);
      form.addEventListener('change', () => {
        const count = chosen().length;
        button.disabled = this.busy || count === 0;
        if (!multiple) return;
        for (const input of inputs) {
          input.disabled = !input.checked && count >= max;
          input.parentElement.classList.toggle('engage-option--disabled', input.disabled);
        }
      });
      form.addEventListener('submit', (event) => {
        event.preventDefault();
        const optionIds = chosen().map((input) => input.value);
        if (optionIds.length > 0 && !this.busy) void this.vote(optionIds, button);
      });
      this.body.replaceChildren(form);
    }

    showResults() {
      if (this.view !== 'results' || !this.results) {
        this.view = 'results';
        this.results = new Results(this.t);
        this.question = el('p', 'engage-question');
        this.body.replaceChildren(this.question, this.results.node);
      }
      this.question.textContent = this.poll.question;
      this.results.show(this.poll, this.myVote);
      if (this.poll.status === 'closed' && !this.status.textContent) this.setStatus(this.t('closed'));
    }

    async vote(optionIds, button) {
      const { t } = this;
      this.busy = true;
      button.disabled = true;
      button.textContent = t('sending');
      this.setStatus('');
      try {
        const answer = await this.castVote(optionIds);
        switch (answer.status) {
          case 201:
            this.accept(answer.body);
            if (this.myVote === null) this.myVote = optionIds;
            this.showResults();
            this.setStatus(t('thanks'));
            return;
          case 409:
            await this.refresh();
            this.showResults();
            this.setStatus(t('already'));
            return;
          case 422:
            await this.refresh();
            this.showResults();
            this.setStatus(t('closedNow'));
            return;
          case 400:
            this.setStatus(t('rejected'), true);
            return;
          default:
            this.setStatus(failureText(t, answer), true);
        }
      } finally {
        this.busy = false;
        if (this.view === 'form') {
          button.textContent = t('vote');
          button.disabled = false;
        }
      }
    }

    async castVote(optionIds) {
      const path = `/api/v1/polls/${encodeURIComponent(this.poll.id)}/votes`;
      let got = await readerToken();
      if (got.failure) return got.failure;
      let answer = await request(path, { method: 'POST', body: { optionIds }, token: got.token });
      if (answer.status !== 401) return answer;
      // The stored token no longer verifies: one more try with a fresh one.
      storeToken(null);
      got = await readerToken();
      if (got.failure) return got.failure;
      answer = await request(path, { method: 'POST', body: { optionIds }, token: got.token });
      return answer;
    }

    async refresh() {
      const answer = await readerGet(`/api/v1/polls/${encodeURIComponent(this.poll.id)}`);
      if (answer.status === 200 && answer.body) this.accept(answer.body);
    }

    listen() {
      if (this.stream || this.poll.status === 'closed' || typeof EventSource === 'undefined') return;
      // EventSource cannot send the reader token, so the stream is anonymous; the reader's choice is kept here.
      this.stream = new EventSource(`${API}/api/v1/polls/${encodeURIComponent(this.poll.id)}/live`);
      this.stream.addEventListener('results', (event) => {
        let poll;
        try {
          poll = JSON.parse(event.data);
        } catch (_) {
          return;
        }
        if (poll && poll.id === this.poll.id) this.onLive(poll);
      });
    }

    onLive(poll) {
      if (poll.totalVotes === null && this.myVote !== null && poll.resultsVisibility === 'after_vote') {
        // Hidden from an anonymous reader but not from this one: read the poll as the reader.
        this.refreshSoon();
        return;
      }
      this.accept(poll);
      if (this.view === 'results') this.showResults();
      else if (poll.status !== 'open' && !this.busy) this.showResults();
      if (poll.status === 'closed') this.stopListening();
    }

    refreshSoon() {
      if (this.refreshTimer) return;
      this.refreshTimer = setTimeout(async () => {
        await this.refresh();
        this.refreshTimer = null;
        if (this.view === 'results') this.showResults();
      }, 250);
    }

    stopListening() {
      if (this.stream) this.stream.close();
      this.stream = null;
    }
  }

  // ---- the archive of closed polls ----

  class ArchiveWidget {
    constructor(host) {
      this.host = host;
      this.t = translator(localeOf(host));
      const size = parseInt(host.dataset.pageSize || '', 10);
      this.pageSize = size >= 1 && size <= 100 ? size : 10;
      this.placement = host.dataset.placement || '';
      this.cursor = null;
      this.started = false;
      this.loading = false;
      this.done = false;

      this.root = el('section', 'engage engage-archive');
      if (host.dataset.title) this.root.append(el('h2', 'engage-title', host.dataset.title));
      this.list = el('div', 'engage-archive-list');
      this.status = el('p', 'engage-status');
      this.status.setAttribute('role', 'status');
      this.more = el('button', 'engage-button engage-button--quiet', this.t('showMore'));
      this.more.type = 'button';
      this.more.hidden = true;
      this.more.addEventListener('click', () => void this.loadPage());
      this.root.append(this.list, this.status, this.more);
      host.replaceChildren(this.root);
    }

    async loadPage() {
      const { t } = this;
      if (this.loading || this.done) return;
      const first = !this.started;
      this.loading = true;
      this.more.disabled = true;
      this.status.classList.remove('engage-status--error');
      this.status.textContent = first ? t('loadingArchive') : '';
      let path = `/api/v1/polls?status=closed&limit=${this.pageSize}`;
      if (this.placement) path += '&placement=' + encodeURIComponent(this.placement);
      if (this.cursor) path += '&cursor=' + encodeURIComponent(this.cursor);
      const answer = await readerGet(path);
      this.loading = false;
      this.more.disabled = false;
      if (answer.status !== 200 || !answer.body || !Array.isArray(answer.body.items)) {
        this.status.textContent = failureText(t, answer);
        this.status.classList.add('engage-status--error');
        this.more.textContent = first ? t('retry') : t('showMore');
        this.more.hidden = false;
        return;
      }
      const { items, nextCursor } = answer.body;
      if (items.length === 0) this.status.textContent = first ? t('archiveEmpty') : t('noMore');
      else this.status.textContent = '';
      const added = items.map((poll) => this.item(poll));
      this.list.append(...added);
      this.started = true;
      this.cursor = nextCursor || null;
      this.done = !this.cursor;
      this.more.textContent = t('showMore');
      this.more.hidden = this.done;
      // Keyboard and screen-reader users land on the first poll that was just added.
      if (!first && added.length > 0) added[0].focus();
    }

    item(poll) {
      const { t } = this;
      const article = el('article', 'engage-archive-item');
      article.tabIndex = -1;
      article.append(el('h3', 'engage-question', poll.question));
      const at = poll.closesAt || poll.createdAt;
      if (at) {
        const meta = el('p', 'engage-meta');
        const time = el('time', null, t('closedOn', { date: t.date(at) }));
        time.dateTime = at;
        meta.append(time);
        article.append(meta);
      }
      const results = new Results(t);
      results.node.removeAttribute('aria-live');
      results.show(poll, poll.myVote);
      article.append(results.node);
      return article;
    }
  }

  // ---- start ----

  const WIDGETS = { poll: PollWidget, 'poll-archive': ArchiveWidget };

  /** Fills every widget placeholder not filled yet; other kinds are left for their own scripts. */
  function scan(root) {
    const hosts = (root || document).querySelectorAll('[data-engage]');
    for (const host of hosts) {
      const Widget = WIDGETS[host.dataset.engage];
      if (!Widget || host.dataset.engageMounted) continue;
      host.dataset.engageMounted = 'true';
      injectStyle();
      const widget = new Widget(host);
      const start = widget instanceof PollWidget ? widget.load() : widget.loadPage();
      start.catch((error) => console.error('engage: widget failed', error));
    }
  }

  window.Engage = { version: 1, scan };
  if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', () => scan());
  else scan();
})();
