// Preloaded (node --require) into every JavaScript example the docs' checks run: a fetch
// to any host but this machine's loopback is refused before it is sent. The sandbox is
// served on 127.0.0.1; node's fetch ignores the proxy variables that stop curl and httpx
// from reaching another host, so without this an example that writes a URL out instead of
// building it from BASE_URL would reach for the network.
"use strict";
const sent = globalThis.fetch;
const loopback = new Set(["127.0.0.1", "localhost", "[::1]"]);

globalThis.fetch = function fetch(input, init) {
  let url = null;
  try {
    url = new URL(input instanceof Request ? input.url : String(input));
  } catch {
    // not a URL: fetch itself says so
  }
  if (url !== null && !loopback.has(url.hostname)) {
    const refused = new TypeError(
      `fetch refused: ${url.origin} is not the sandbox (the checks send nothing off this ` +
      "machine)");
    Error.captureStackTrace(refused, fetch); // its stack starts at the example's line
    return Promise.reject(refused);
  }
  return sent(input, init);
};
