import { isSea } from 'node:sea';

// Inside the single executable, require() loads only Node's built-in modules: the optional native
// helpers of the WebSocket library (bufferutil, utf-8-validate) can never be found there, and trying
// prints a warning at every start. Telling the library not to look keeps its pure-JS code paths,
// which are the ones the bundle uses too when the helpers are not installed.
if (isSea()) {
  process.env['WS_NO_BUFFER_UTIL'] ??= '1';
  process.env['WS_NO_UTF_8_VALIDATE'] ??= '1';
}
