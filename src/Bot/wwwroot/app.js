// Starts Web Chat on the bot's own Direct Line. The page never holds a secret: it asks the bot for a
// conversation token, and keeps only a user token so a returning resident is recognised.
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

  var storageKey = 'veerkracht.userToken';

  function readUserToken() {
    try { return window.localStorage.getItem(storageKey); } catch (e) { return null; }
  }

  function keepUserToken(token) {
    try { window.localStorage.setItem(storageKey, token); } catch (e) { /* private mode: a new user each visit */ }
  }

  fetch('api/webchat/token', {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ userToken: readUserToken(), locale: texts.botLocale })
  })
    .then(function (response) {
      if (!response.ok) { throw new Error('token request failed: ' + response.status); }
      return response.json();
    })
    .then(function (session) {
      keepUserToken(session.userToken);
      var directLine = window.WebChat.createDirectLine({
        token: session.token,
        domain: session.directLineDomain,
        webSocket: params.get('transport') !== 'polling'
      });
      var store = window.WebChat.createStore({}, function () {
        return function (next) {
          return function (action) {
            var activity = action.type === 'DIRECT_LINE/INCOMING_ACTIVITY' && action.payload.activity;
            if (activity && activity.type === 'message' && activity.from && activity.from.role === 'bot' && activity.locale) {
              // After the action is handled: re-rendering inside the store's dispatch is not allowed.
              window.setTimeout(function () { follow(activity.locale); }, 0);
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
            primaryFont: '"Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif'
          }
        }, host);
      };
      render();
      status.textContent = '';
      status.hidden = true;
    })
    .catch(function (error) {
      console.error(error);
      status.textContent = texts.failed;
      status.className = 'chat__status chat__status--error';
      status.setAttribute('role', 'alert');
    });
}());
