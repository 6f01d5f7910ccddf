// Starts Web Chat on the bot's own Direct Line. The page never holds a secret: it asks the bot for a
// conversation token, and keeps only a user token (so a returning resident is recognised) and the id of the
// conversation (so a reload, or a return the next day, shows the conversation and goes on with the step it was in).
// It talks to the Direct Line on its own origin, whatever address it was opened on (localhost or 127.0.0.1).
// The bot decides the language (a resident's choice is remembered there); the page follows the language
// of the bot's messages, and its language link asks the bot to switch.
(function () {
  'use strict';

  var TEXTS = {
    en: {
      title: 'Have your say about your neighbourhood',
      subtitle: 'Pottenberg and Nazareth · Resilient Neighbourhoods Maastricht',
      switchLabel: 'Nederlands',
      switchHref: '?',
      switchLang: 'nl',
      switchCommand: 'Nederlands',
      loading: 'Loading the chat…',
      erased: 'Everything has been deleted, also this conversation. You are starting a new one.',
      failed: 'Sorry, the chat cannot start right now. Please try again in a moment.',
      region: 'Chat with VeerkrachtBot',
      locale: 'en-US',
      botLocale: 'en-GB',
      userInitials: 'Me',
      strings: undefined
    },
    nl: {
      title: 'Praat mee over je buurt',
      subtitle: 'Pottenberg en Nazareth · Veerkrachtige Wijken Maastricht',
      switchLabel: 'English',
      switchHref: '?lang=en',
      switchLang: 'en',
      switchCommand: 'English',
      loading: 'De chat wordt geladen…',
      erased: 'Alles is verwijderd, ook dit gesprek. Je begint een nieuw gesprek.',
      failed: 'Sorry, de chat kan nu niet starten. Probeer het over een paar minuten opnieuw.',
      region: 'Chat met VeerkrachtBot',
      locale: 'nl-NL',
      botLocale: 'nl-NL',
      // The bot says "je" to residents; the send box should too (Web Chat's Dutch default is "uw").
      strings: { TEXT_INPUT_PLACEHOLDER: 'Typ je bericht' },
      userInitials: 'Ik'
    }
  };

  var params = new URLSearchParams(window.location.search);
  var language = params.get('lang') === 'en' ? 'en' : 'nl';
  var texts = TEXTS[language];

  var status = document.getElementById('status');
  var host = document.getElementById('webchat');
  var switcher = document.getElementById('language-switch');
  var render = null;

  function applyChrome() {
    document.documentElement.lang = language;
    document.getElementById('title').textContent = texts.title;
    document.getElementById('subtitle').textContent = texts.subtitle;
    switcher.textContent = texts.switchLabel;
    switcher.href = texts.switchHref;
    switcher.lang = texts.switchLang;
    switcher.hreflang = texts.switchLang;
    host.setAttribute('aria-label', texts.region);
  }

  function follow(locale) {
    var next = /^en/i.test(locale) ? 'en' : 'nl';
    if (next === language) { return; }
    language = next;
    texts = TEXTS[language];
    applyChrome();
    if (render) { render(); }
  }

  applyChrome();
  status.textContent = texts.loading;

  // After a card button was used, focus moves to the bot's newest message, so a screen reader or keyboard user goes
  // on there; while the resident types in the message box, focus stays there.
  function focusNewest() {
    var active = document.activeElement;
    if (active && active.matches && active.matches('input[type=text], textarea')) { return; }
    var messages = host.querySelectorAll('.webchat__basic-transcript__activity');
    var newest = messages.length ? messages[messages.length - 1] : null;
    if (!newest) { return; }
    var target = newest.querySelector('.ac-adaptiveCard, .webchat__bubble__content') || newest;
    if (!target.hasAttribute('tabindex')) { target.setAttribute('tabindex', '-1'); }
    target.focus({ preventScroll: true });
  }

  var storageKey = 'veerkracht.userToken';
  var conversationKey = 'veerkracht.conversation';

  function read(key) {
    try { return window.localStorage.getItem(key); } catch (e) { return null; }
  }

  function keep(key, value) {
    try { window.localStorage.setItem(key, value); } catch (e) { /* private mode: a new user each visit */ }
  }

  function forget() {
    try { window.localStorage.removeItem(storageKey); window.localStorage.removeItem(conversationKey); } catch (e) { /* nothing kept */ }
  }

  if (params.get('erased') === '1') {
    status.textContent = texts.erased;
  }

  fetch('api/webchat/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userToken: read(storageKey), conversationId: read(conversationKey), locale: texts.botLocale })
  })
    .then(function (response) {
      if (!response.ok) { throw new Error('token request failed: ' + response.status); }
      return response.json();
    })
    .then(function (session) {
      keep(storageKey, session.userToken);
      keep(conversationKey, session.conversationId);
      // The bot's own Direct Line is on this page's origin: the page works on every address the bot answers on.
      var domain = session.local ? new URL('v3/directline', window.location.href).href.replace(/\/$/, '') : session.directLineDomain;
      var directLine = window.WebChat.createDirectLine({
        token: session.token,
        domain: domain,
        // An earlier conversation is reconnected to (it shows again and goes on); a new one is started, which welcomes.
        conversationId: session.resumed ? session.conversationId : undefined,
        webSocket: params.get('transport') !== 'polling'
      });
      var store = window.WebChat.createStore({}, function () {
        return function (next) {
          return function (action) {
            var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload.activity;
            if (activity && activity.type === 'event' && activity.name === 'veerkracht.erased') {
              // "Alles verwijderen": nothing of the conversation stays on this device; start afresh.
              forget();
              window.setTimeout(function () { window.location.replace(window.location.pathname + '?erased=1' + (language === 'en' ? '&lang=en' : '')); }, 0);
            }
            if (activity && activity.type === 'message' && activity.from && activity.from.role === 'bot' && activity.locale) {
              // After the action is handled: re-rendering inside the store's dispatch is not allowed.
              window.setTimeout(function () { follow(activity.locale); }, 0);
            }
            if (activity && activity.type === 'message' && activity.from && activity.from.role === 'bot') {
              window.setTimeout(focusNewest, 50);
            }
            return next(action);
          };
        };
      });

      // With the chat running, the language link asks the bot, which remembers the choice and answers in it.
      switcher.addEventListener('click', function (event) {
        event.preventDefault();
        store.dispatch({ type: 'WEB_CHAT/SEND_MESSAGE', payload: { text: texts.switchCommand } });
      });

      render = function () {
        window.WebChat.renderWebChat({
          directLine: directLine,
          store: store,
          userID: session.userId,
          locale: texts.locale,
          overrideLocalizedStrings: texts.strings,
          styleOptions: {
            accent: '#0b5f8a',
            botAvatarInitials: 'VB',
            userAvatarInitials: texts.userInitials,
            bubbleBorderRadius: 12,
            bubbleFromUserBackground: '#e3f1f8',
            bubbleFromUserBorderRadius: 12,
            hideUploadButton: true,
            sendBoxTextWrap: true,
            suggestedActionLayout: 'flow',
            primaryFont: '"Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif',
            // A new message scrolls into view from its start, so the first lines of a long answer are not scrolled away.
            autoScrollSnapOnActivity: true,
            autoScrollSnapOnActivityOffset: 8,
            fontSizeSmall: '87.5%'
          }
        }, host);
      };
      render();
      if (params.get('erased') !== '1') {
        status.textContent = '';
        status.hidden = true;
      }
    })
    .catch(function (error) {
      console.error(error);
      status.textContent = texts.failed;
      status.className = 'chat__status chat__status--error';
      status.setAttribute('role', 'alert');
    });
}());
