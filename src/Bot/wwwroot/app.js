// Starts Web Chat on the bot's own Direct Line. The page never holds a secret: it asks the bot for a
// conversation token, and keeps only a user token so a returning resident is recognised.
(function () {
  'use strict';

  var params = new URLSearchParams(window.location.search);
  var english = params.get('lang') === 'en';
  var texts = english
    ? {
        title: 'Have your say about your neighbourhood',
        subtitle: 'Pottenberg and Nazareth · Resilient Neighbourhoods Maastricht',
        switchLabel: 'Nederlands',
        switchHref: '?',
        switchLang: 'nl',
        loading: 'Loading the chat…',
        failed: 'Sorry, the chat cannot start right now. Please try again in a moment.',
        region: 'Chat with VeerkrachtBot',
        locale: 'en-US',
        botLocale: 'en-GB'
      }
    : {
        title: 'Praat mee over je buurt',
        subtitle: 'Pottenberg en Nazareth · Veerkrachtige Wijken Maastricht',
        switchLabel: 'English',
        switchHref: '?lang=en',
        switchLang: 'en',
        loading: 'De chat wordt geladen…',
        failed: 'Sorry, de chat kan nu niet starten. Probeer het over een paar minuten opnieuw.',
        region: 'Chat met VeerkrachtBot',
        locale: 'nl-NL',
        botLocale: 'nl-NL'
      };

  var status = document.getElementById('status');
  var host = document.getElementById('webchat');
  var switcher = document.getElementById('language-switch');

  document.documentElement.lang = english ? 'en' : 'nl';
  document.getElementById('title').textContent = texts.title;
  document.getElementById('subtitle').textContent = texts.subtitle;
  switcher.textContent = texts.switchLabel;
  switcher.href = texts.switchHref;
  switcher.lang = texts.switchLang;
  switcher.hreflang = texts.switchLang;
  host.setAttribute('aria-label', texts.region);
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
      window.WebChat.renderWebChat({
        directLine: directLine,
        userID: session.userId,
        locale: texts.locale,
        // The bot says "je" to residents; the send box should too (Web Chat's Dutch default is "uw").
        overrideLocalizedStrings: english ? undefined : { TEXT_INPUT_PLACEHOLDER: 'Typ je bericht' },
        styleOptions: {
          accent: '#0b5f8a',
          botAvatarInitials: 'VB',
          userAvatarInitials: english ? 'Me' : 'Ik',
          bubbleBorderRadius: 12,
          bubbleFromUserBackground: '#e3f1f8',
          bubbleFromUserBorderRadius: 12,
          hideUploadButton: true,
          sendBoxTextWrap: true,
          suggestedActionLayout: 'flow',
          primaryFont: '"Segoe UI", system-ui, -apple-system, "Helvetica Neue", Arial, sans-serif'
        }
      }, host);
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
