'use strict';
(function () {
  // The web token, when one is needed, travels in the HttpOnly cookie the server set: same-origin fetches send it.
  function api(path, body) {
    var init = body ? { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body) } : {};
    return fetch(path, init).then(function (r) { return r.json().then(function (j) { if (!r.ok) throw new Error(j.error || r.statusText); return j; }); });
  }
  // Every piece of user text goes in through textContent: nothing anyone writes becomes markup.
  function el(tag, cls, text) { var e = document.createElement(tag); if (cls) e.className = cls; if (text !== undefined) e.textContent = text; return e; }
  var localPrompts = {};
  var localChannel = 'general';
  function render(status, exp, local) {
    document.getElementById('title').textContent = status.programme.title;
    document.getElementById('sub').textContent = 'day 1 = ' + status.programme.start + ' · ' + status.programme.time + ' ' + status.programme.timezone;
    var hasLocal = status.channels.some(function (c) { return c.platform === 'local'; });
    document.getElementById('sandbox').hidden = !hasLocal;
    status.channels.some(function (c) { if (c.platform === 'local' && c.active) { localChannel = c.id; return true; } return false; });
    var chans = document.getElementById('channels'); chans.textContent = '';
    status.channels.forEach(function (c) {
      var line = el('div', 'next', c.channel + ' — ' + (c.next ? 'next: day ' + c.next.day + ' ' + c.next.theme + ' at ' + c.next.local + ' (' + c.timezone + ')' : (c.active ? 'no more posts' : 'inactive')));
      chans.appendChild(line);
    });
    localPrompts = {};
    (local.messages || []).forEach(function (m) { if (m.kind === 'prompt') localPrompts[m.id] = m.body; });
    var posts = document.getElementById('posts'); posts.textContent = '';
    if (!exp.posts.length) posts.appendChild(el('div', 'empty', 'Nothing posted yet. The first post appears at its local time.'));
    exp.posts.slice().reverse().forEach(function (p) {
      var card = el('article', 'post'); card.dataset.thread = p.thread;
      card.appendChild(el('div', 'channel', p.platform + ':' + p.channel));
      var body = localPrompts[p.thread];
      card.appendChild(el('h2', null, body && body.heading ? body.heading : 'Day ' + p.day + ' · ' + p.theme));
      card.appendChild(el('div', 'meta', 'posted ' + new Date(p.postedAt).toLocaleString() + ' · ' + p.reactions + ' reaction' + (p.reactions === 1 ? '' : 's') + ' · ' + p.replies.length + ' repl' + (p.replies.length === 1 ? 'y' : 'ies')));
      if (body) { card.appendChild(el('p', 'text', body.text)); card.appendChild(el('div', 'challenge', (body.challengeLabel || 'Challenge') + ': ' + body.challenge)); card.appendChild(el('div', 'meta', body.footer)); }
      var ul = el('ul', 'replies');
      p.replies.forEach(function (r) {
        var li = el('li'); li.appendChild(el('span', 'who', r.user)); li.appendChild(el('span', 'reply-text', r.text));
        li.appendChild(el('span', 'meta', ' · ' + r.reactions + ' ❤'));
        if (p.platform === 'local') { var b = el('button', 'ghost', '❤'); b.title = 'react'; b.onclick = function () { api('/v1/reactions', { channel: p.channel, item: r.id, emoji: 'heart' }).then(load); }; li.appendChild(b); }
        ul.appendChild(li);
      });
      card.appendChild(ul);
      if (p.platform === 'local') {
        var f = el('form'); f.setAttribute('aria-label', 'reply to day ' + p.day);
        var i = el('input'); i.type = 'text'; i.placeholder = 'Reply with your work in progress'; i.setAttribute('aria-label', 'reply text');
        var like = el('button', 'ghost', '❤ prompt'); like.type = 'button'; like.onclick = function () { api('/v1/reactions', { channel: p.channel, item: p.thread, emoji: 'heart' }).then(load); };
        f.appendChild(i); f.appendChild(el('button', null, 'Reply')); f.appendChild(like);
        f.onsubmit = function (e) { e.preventDefault(); if (!i.value.trim()) return; api('/v1/replies', { channel: p.channel, thread: p.thread, text: i.value }).then(load); };
        card.appendChild(f);
      }
      posts.appendChild(card);
    });
  }
  function load() {
    return Promise.all([api('/v1/status'), api('/v1/export'), api('/v1/local/messages').catch(function () { return { messages: [] }; })])
      .then(function (a) { render(a[0], a[1], a[2]); })
      .catch(function (e) { document.getElementById('sub').textContent = 'could not load: ' + e.message; });
  }
  document.getElementById('command-form').onsubmit = function (e) {
    e.preventDefault();
    var input = document.getElementById('command'); var out = document.getElementById('answer');
    api('/v1/commands', { channel: localChannel, text: input.value }).then(function (a) { out.hidden = false; out.textContent = [a.text].concat(a.followUps).join('\n\n'); input.value = ''; return load(); })
      .catch(function (err) { out.hidden = false; out.textContent = err.message; });
  };
  load(); setInterval(load, 5000);
})();
