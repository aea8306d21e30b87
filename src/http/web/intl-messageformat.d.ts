// intl-messageformat's browser build, served by our own server as /assets/intl-messageformat.js
// (src/http/page.ts); its types are the package's own.
export { IntlMessageFormat } from 'intl-messageformat';
