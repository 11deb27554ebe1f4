/*
 * Try it: a request form for the operation of an endpoint page.
 *
 * The site renders, on every endpoint page, an empty
 *   <div class="cws-try-it" data-operation="deleteWorkstation"></div>
 * This script fills it with a form built from the site's openapi.json: the base URL,
 * the token, the operation's path and query parameters and, for operations that take
 * one, a JSON body prefilled with a valid example. "Send request" sends the real request
 * with fetch() and shows the status line, the response headers and the body.
 *
 * Base URL: the sandbox named by <meta name="cloudws-sandbox"> (written by
 * hooks/sandbox.py under `mkdocs serve`), otherwise this origin and the API's root, which
 * the mount point says in data-api-root (the site served by `uv run cloudws serve`). The
 * reader can change it.
 *
 * The token stays in this browser tab (sessionStorage, or memory when storage is off),
 * is sent only in the Authorization header of the request to the base URL shown, and
 * is never logged or put in a URL. Its field hides what is typed, as a password's does;
 * the Show token button beside it shows it, so that a pasted token can be read back.
 *
 * No framework, no inline script or style, no eval: it runs under the site's
 * Content-Security-Policy.
 */
(function () {
  "use strict";

  var STORAGE = { token: "cloudws.try-it.token", base: "cloudws.try-it.base" };
  var DEFAULT_TOKEN = "cws_test_try_it";
  var TIMEOUT_MS = 15000;
  var MAX_BODY_SHOWN = 100000;
  var memory = {};
  var specPromise = null;
  var counter = 0;

  /* -- storage: sessionStorage when it works, memory otherwise ------------------------ */

  function remove(key) {
    delete memory[key];
    try { window.sessionStorage.removeItem(key); } catch (e) { /* memory only */ }
  }

  /* A base URL the reader chose is kept for the default it replaced: when the default
     changes (say, `mkdocs serve` restarted its sandbox on another port), it starts over. */
  function baseKey() {
    return STORAGE.base + " " + defaultBase();
  }

  function saveBase(value) {
    value = value.trim();
    if (value && value !== defaultBase()) { save(baseKey(), value); } else { remove(baseKey()); }
  }

  function load(key) {
    try {
      var value = window.sessionStorage.getItem(key);
      if (value !== null) { return value; }
    } catch (e) { /* storage disabled: memory only */ }
    return Object.prototype.hasOwnProperty.call(memory, key) ? memory[key] : null;
  }

  function save(key, value) {
    memory[key] = value;
    try { window.sessionStorage.setItem(key, value); } catch (e) { /* memory only */ }
  }

  /* -- the OpenAPI document ------------------------------------------------------------ */

  function siteRoot() {
    var config = document.getElementById("__config");
    var base = ".";
    if (config) {
      try { base = JSON.parse(config.textContent).base || "."; } catch (e) { base = "."; }
    }
    return new URL(base.replace(/\/?$/, "/"), window.location.href);
  }

  function loadSpec() {
    if (!specPromise) {
      var url = new URL("openapi.json", siteRoot());
      specPromise = fetch(url.href, { headers: { Accept: "application/json" } })
        .then(function (response) {
          if (!response.ok) {
            throw new Error("openapi.json answered " + response.status + " at " + url.href);
          }
          return response.json();
        });
      specPromise.catch(function () { specPromise = null; });
    }
    return specPromise;
  }

  function findOperation(spec, operationId) {
    var paths = spec.paths || {};
    for (var path in paths) {
      var item = paths[path];
      for (var method in item) {
        var operation = item[method];
        if (operation && operation.operationId === operationId) {
          var shared = item.parameters || [];
          return {
            method: method.toUpperCase(),
            path: path,
            operation: operation,
            parameters: shared.concat(operation.parameters || []).map(function (p) {
              return resolve(spec, p);
            })
          };
        }
      }
    }
    return null;
  }

  function resolve(spec, node) {
    var seen = 0;
    while (node && typeof node.$ref === "string" && seen < 32) {
      var parts = node.$ref.replace(/^#\//, "").split("/");
      node = parts.reduce(function (at, part) {
        return at ? at[part.replace(/~1/g, "/").replace(/~0/g, "~")] : undefined;
      }, spec);
      seen += 1;
    }
    return node || {};
  }

  /* -- examples from the document ------------------------------------------------------ */

  function firstExample(holder) {
    if (!holder) { return undefined; }
    if (holder.example !== undefined) { return holder.example; }
    var examples = holder.examples;
    if (Array.isArray(examples) && examples.length) { return examples[0]; }
    if (examples && typeof examples === "object") {
      for (var name in examples) {
        if (examples[name] && examples[name].value !== undefined) { return examples[name].value; }
      }
    }
    return undefined;
  }

  function parameterExample(spec, parameter) {
    var value = firstExample(parameter);
    if (value === undefined) { value = firstExample(resolve(spec, parameter.schema)); }
    return value === undefined ? "" : String(value);
  }

  /* A small valid value for `schema`: its example, default or first enum value, else the
     smallest value its type and bounds allow. Objects get their required properties (or,
     when none is required, the first one). */
  function sampleValue(spec, schema, depth) {
    schema = resolve(spec, schema);
    var value = firstExample(schema);
    if (value !== undefined) { return value; }
    if (schema.default !== undefined) { return schema.default; }
    if (Array.isArray(schema.enum) && schema.enum.length) { return schema.enum[0]; }
    if (schema.const !== undefined) { return schema.const; }
    var choices = schema.anyOf || schema.oneOf;
    if (Array.isArray(choices) && choices.length) { return sampleValue(spec, choices[0], depth); }
    var type = Array.isArray(schema.type) ? schema.type[0] : schema.type;
    if (type === "object" || schema.properties) {
      var out = {};
      if (depth > 4) { return out; }
      var properties = schema.properties || {};
      var names = (schema.required || []).filter(function (n) { return n in properties; });
      if (!names.length && Object.keys(properties).length) {
        names = [Object.keys(properties)[0]];
      }
      names.forEach(function (name) {
        out[name] = sampleValue(spec, properties[name], depth + 1);
      });
      return out;
    }
    if (type === "array") { return []; }
    if (type === "integer" || type === "number") {
      return typeof schema.minimum === "number" ? schema.minimum : 1;
    }
    if (type === "boolean") { return false; }
    if (type === "null") { return null; }
    return "";
  }

  function bodyExample(spec, operation) {
    var body = resolve(spec, operation.requestBody);
    var media = body.content && body.content["application/json"];
    if (!media) { return null; }
    var value = firstExample(media);
    if (value === undefined) { value = sampleValue(spec, media.schema, 0); }
    return JSON.stringify(value, null, 2);
  }

  /* -- building the form ---------------------------------------------------------------- */

  function el(tag, attributes, children) {
    var node = document.createElement(tag);
    Object.keys(attributes || {}).forEach(function (name) {
      var value = attributes[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "text") {
        node.textContent = value;
      } else {
        node.setAttribute(name, value === true ? "" : value);
      }
    });
    (children || []).forEach(function (child) {
      if (child) {
        node.appendChild(typeof child === "string" ? document.createTextNode(child) : child);
      }
    });
    return node;
  }

  /* Plain text with `code` spans, as DOM nodes (never as HTML). */
  function richText(tag, attributes, text) {
    var node = el(tag, attributes);
    String(text || "").split("`").forEach(function (part, index) {
      if (!part) { return; }
      node.appendChild(index % 2 ? el("code", { text: part }) : document.createTextNode(part));
    });
    return node;
  }

  function field(prefix, name, label, control, hint, beside) {
    var id = prefix + "-" + name;
    control.id = id;
    control.name = name;
    var hintNode = null;
    var errorNode = el("p", { id: id + "-error", class: "cws-try-it__error", hidden: true });
    var described = [id + "-error"];
    if (hint) {
      hintNode = richText("p", { id: id + "-hint", class: "cws-try-it__hint" }, hint);
      described.unshift(id + "-hint");
    }
    control.setAttribute("aria-describedby", described.join(" "));
    var row = beside ? el("div", { class: "cws-try-it__row" }, [control, beside]) : control;
    if (beside) { beside.querySelector("button").setAttribute("aria-controls", id); }
    return el("div", { class: "cws-try-it__field" }, [
      el("label", { for: id, text: label }), row, hintNode, errorNode
    ]);
  }

  /* A button that shows a password field's value, so that a token pasted in can be read
     back, and hides it again. Its label says what it does next ("Show token", "Hide
     token"), which reads the same in every colour scheme and in forced colours; a status
     beside it, read by screen readers only, says what it did. */
  function revealer(control, what) {
    var button = el("button", { type: "button", class: "cws-try-it__reveal",
      text: "Show " + what });
    var said = el("span", { class: "cws-try-it__unseen", role: "status" });
    button.addEventListener("click", function () {
      var shown = control.type === "password";
      control.type = shown ? "text" : "password";
      button.textContent = (shown ? "Hide " : "Show ") + what;
      said.textContent = "The " + what + " is " + (shown ? "shown." : "hidden.");
    });
    return el("span", { class: "cws-try-it__reveal-wrap" }, [button, said]);
  }

  function group(legend, fields) {
    if (!fields.length) { return null; }
    return el("fieldset", {}, [el("legend", { text: legend })].concat(fields));
  }

  function input(attributes) {
    return el("input", Object.assign({ type: "text", autocomplete: "off", spellcheck: "false",
      autocapitalize: "off" }, attributes));
  }

  function parameterControl(spec, parameter) {
    var schema = resolve(spec, parameter.schema);
    if (Array.isArray(schema.enum)) {
      var select = el("select", {}, [el("option", { value: "", text: "(not sent)" })]);
      schema.enum.forEach(function (value) {
        select.appendChild(el("option", { value: String(value), text: String(value) }));
      });
      return select;
    }
    var numeric = schema.type === "integer" || schema.type === "number";
    var placeholder = schema.default !== undefined ? "default: " + schema.default : null;
    var value = parameter.in === "path" ? parameterExample(spec, parameter) : "";
    return input({ inputmode: numeric ? "numeric" : null, placeholder: placeholder,
      value: value, required: parameter.required ? true : null,
      "aria-required": parameter.required ? "true" : null });
  }

  /* The API's root (/v1): its paths start with it, and this site's sandbox answers there.
     The hook that writes the mount point says it (cloudws.operations.API_ROOT). */
  function apiRoot() {
    var mount = document.querySelector(".cws-try-it[data-api-root]");
    return mount ? mount.getAttribute("data-api-root") : "";
  }

  function defaultBase() {
    var meta = document.querySelector('meta[name="cloudws-sandbox"]');
    if (meta && meta.content) { return meta.content.replace(/\/+$/, ""); }
    return window.location.origin + apiRoot();
  }

  /* Where the sandbox is, said for the server this page came from: `uv run mkdocs serve`
     names the sandbox it started beside it in a meta tag; `uv run cloudws serve` answers
     the API on its own origin. */
  function baseHint() {
    var meta = document.querySelector('meta[name="cloudws-sandbox"]');
    if (meta && meta.content) {
      return "Where the request goes: the sandbox `uv run mkdocs serve` started for these " +
        "pages, at " + meta.content.replace(/\/+$/, "") + ".";
    }
    return "Where the request goes: the sandbox answers at `" + apiRoot() + "` of this site when " +
      "`uv run cloudws serve` serves it.";
  }

  /* Headers a server adds to every answer, site pages included: shown folded, after the
     API's own. */
  var SITE_HEADERS = ["content-security-policy", "cross-origin-opener-policy",
    "permissions-policy", "referrer-policy", "strict-transport-security",
    "x-content-type-options", "x-frame-options"];

  function mount(container) {
    if (container.getAttribute("data-cws-mounted")) { return; }
    container.setAttribute("data-cws-mounted", "loading");
    var operationId = container.getAttribute("data-operation") || "";
    var status = el("p", { class: "cws-try-it__loading", role: "status",
      text: "Loading the request form…" });
    container.appendChild(status);
    loadSpec().then(function (spec) {
      var found = findOperation(spec, operationId);
      if (!found) {
        throw new Error("openapi.json has no operation " + JSON.stringify(operationId));
      }
      container.replaceChild(buildForm(spec, found, operationId), status);
      container.setAttribute("data-cws-mounted", "ready");
    }).catch(function (error) {
      var problem = richText("p", { class: "cws-try-it__problem", role: "status" },
        "Try it is not available: " + error.message + ". Serve the site with " +
        "`uv run cloudws serve` (or `uv run mkdocs serve`) and reload the page.");
      container.replaceChild(problem, status);
      container.setAttribute("data-cws-mounted", "failed");
    });
  }

  function buildForm(spec, found, operationId) {
    counter += 1;
    var prefix = "cws-try-it-" + counter;
    var parts = { path: [], query: [], header: [] };
    var controls = {};

    var base = input({ type: "url", inputmode: "url", required: true, "aria-required": "true",
      value: load(baseKey()) || defaultBase() });
    var storedToken = load(STORAGE.token);
    var token = input({ type: "password",
      value: storedToken === null ? DEFAULT_TOKEN : storedToken });
    base.addEventListener("change", function () { saveBase(base.value); });
    token.addEventListener("input", function () { save(STORAGE.token, token.value); });

    var connection = el("fieldset", {}, [
      el("legend", { text: "Connection" }),
      field(prefix, "base-url", "Base URL", base, baseHint()),
      field(prefix, "token", "Token", token,
        "Sent as `Authorization: Bearer <token>` to the base URL only, and kept in this tab. " +
        "The sandbox accepts `cws_test_` followed by a name, such as `cws_test_me`. Until you " +
        "change it, the form sends `" + DEFAULT_TOKEN + "`.", revealer(token, "token"))
    ]);

    found.parameters.forEach(function (parameter) {
      if (!(parameter.in in parts)) { return; }
      var control = parameterControl(spec, parameter);
      controls[parameter.in + ":" + parameter.name] = control;
      var label = parameter.name + (parameter.required ? " (required)" : "");
      parts[parameter.in].push(field(prefix, parameter.in + "-" + parameter.name, label, control,
        parameter.description || resolve(spec, parameter.schema).description));
    });

    var example = bodyExample(spec, found.operation);
    var body = null;
    if (example !== null) {
      body = el("textarea", { rows: String(Math.min(12, example.split("\n").length + 2)),
        spellcheck: "false", autocomplete: "off", autocapitalize: "off" });
      body.value = example;
    }

    var send = el("button", { type: "submit", class: "cws-try-it__send",
      text: "Send request" });
    var result = el("div", { class: "cws-try-it__result", hidden: true });
    var live = el("p", { class: "cws-try-it__status", role: "status", "aria-live": "polite",
      "aria-atomic": "true" });

    var form = el("form", { class: "cws-try-it__form", novalidate: true,
      "aria-label": "Try it: " + found.method + " " + found.path }, [
      el("p", { class: "cws-try-it__endpoint" }, [
        el("span", { class: "cws-try-it__method", text: found.method }), " ",
        el("code", { text: found.path })
      ]),
      connection,
      group("Path parameters", parts.path),
      group("Query parameters", parts.query),
      group("Headers", parts.header),
      body ? el("fieldset", {}, [el("legend", { text: "Request body" }),
        field(prefix, "body", "JSON body (sent as application/json)", body, null)]) : null,
      el("div", { class: "cws-try-it__actions" }, [send])
    ]);

    var wrapper = el("div", { class: "cws-try-it__panel" }, [form, live, result]);
    var busy = false;
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) { return; }
      var request = buildRequest(found,
        { base: base, token: token, body: body, controls: controls });
      if (!request) {  /* no answer shown beside a field's error: it was another request's */
        result.hidden = true;
        result.textContent = "";
        live.textContent = "";
        live.className = "cws-try-it__status";
        return;
      }
      busy = true;
      send.setAttribute("aria-disabled", "true");
      send.textContent = "Sending…";
      live.textContent = "Sending " + found.method + " " + request.shownUrl + "…";
      live.className = "cws-try-it__status";
      execute(request).then(function (outcome) {
        showOutcome(outcome, request, live, result);
      }).finally(function () {
        busy = false;
        send.removeAttribute("aria-disabled");
        send.textContent = "Send request";
      });
    });
    wrapper.setAttribute("data-operation-id", operationId);
    return wrapper;
  }

  /* -- the request ----------------------------------------------------------------------- */

  function setError(control, message) {
    var error = document.getElementById(control.id + "-error");
    if (message) {
      control.setAttribute("aria-invalid", "true");
      error.textContent = message;
      error.hidden = false;
    } else {
      control.removeAttribute("aria-invalid");
      error.textContent = "";
      error.hidden = true;
    }
  }

  /* The request to send, or null after marking the first bad field and focusing it. */
  function buildRequest(found, form) {
    var problems = [];
    var baseText = form.base.value.trim().replace(/\/+$/, "");
    var baseUrl = null;
    try { baseUrl = new URL(baseText); } catch (e) { baseUrl = null; }
    if (!baseUrl || (baseUrl.protocol !== "http:" && baseUrl.protocol !== "https:")) {
      problems.push([form.base, "Enter an absolute http:// or https:// URL, such as " +
        defaultBase() + "."]);
    } else if (baseUrl.search || baseUrl.hash || baseUrl.username || baseUrl.password) {
      problems.push([form.base, "The base URL takes no query, fragment or user name."]);
    }
    setError(form.base, null);
    setError(form.token, null);
    if (!/^[A-Za-z0-9\-._~+\/]*=*$/.test(form.token.value.trim())) {  /* RFC 6750 b64token */
      problems.push([form.token, "A token is letters, digits and - . _ ~ + / = only, with no " +
        "spaces; sandbox tokens start with cws_test_."]);
    }

    var root = apiRoot();
    var path = root && (found.path === root || found.path.indexOf(root + "/") === 0)
      ? found.path.slice(root.length) : found.path;
    var query = new URLSearchParams();
    found.parameters.forEach(function (parameter) {
      var control = form.controls[parameter.in + ":" + parameter.name];
      if (!control) { return; }
      setError(control, null);
      var value = control.value.trim();
      if (parameter.in === "path") {
        if (!value) {
          problems.push([control, "Enter the " + parameter.name + "; the path needs it."]);
          return;
        }
        path = path.split("{" + parameter.name + "}").join(encodeURIComponent(value));
      } else if (value && parameter.in === "query") {
        query.append(parameter.name, value);
      } else if (parameter.in === "header" && !/^[\x20-\x7e]*$/.test(value)) {
        problems.push([control, "A header's value here is printable ASCII only, as the " +
          "API reads it: no accented letter, other script, tab or emoji."]);
      }
    });

    if (problems.length) {
      problems.forEach(function (problem) { setError(problem[0], problem[1]); });
      problems[0][0].focus();
      return null;
    }

    var search = query.toString();
    var url = baseUrl.href.replace(/\/+$/, "") + path + (search ? "?" + search : "");
    var headers = { Accept: "application/json, application/problem+json" };
    found.parameters.forEach(function (parameter) {  /* a header left empty is not sent */
      var control = form.controls["header:" + parameter.name];
      if (control && control.value.trim()) { headers[parameter.name] = control.value.trim(); }
    });
    var tokenValue = form.token.value.trim();
    if (tokenValue) { headers.Authorization = "Bearer " + tokenValue; }
    var init = { method: found.method, headers: headers, credentials: "omit", cache: "no-store",
      redirect: "manual", referrerPolicy: "no-referrer" };
    if (form.body) {
      headers["Content-Type"] = "application/json";
      init.body = form.body.value;
    }
    return { url: url, shownUrl: url, base: baseUrl.href.replace(/\/+$/, ""), init: init,
      method: found.method };
  }

  function originOf(url) {
    try { return new URL(url, window.location.href).origin; } catch (e) { return null; }
  }

  function execute(request) {
    var controller = typeof AbortController === "function" ? new AbortController() : null;
    if (controller) { request.init.signal = controller.signal; }
    var timer = controller ? setTimeout(function () { controller.abort(); }, TIMEOUT_MS) : null;
    var started = window.performance.now();
    /* The page's own Content-Security-Policy (connect-src) may refuse the request before
       it is sent: the browser says so in an event, and fetch fails as if unreachable. */
    var blocked = false;
    function onViolation(event) {
      var directive = event.effectiveDirective || event.violatedDirective || "";
      if (directive.indexOf("connect-src") === 0 &&
          originOf(event.blockedURI) === originOf(request.url)) { blocked = true; }
    }
    document.addEventListener("securitypolicyviolation", onViolation);
    return fetch(request.url, request.init).then(function (response) {
      return response.text().then(function (text) {
        return { response: response, text: text, ms: window.performance.now() - started };
      });
    }).catch(function (error) {
      var timedOut = error && error.name === "AbortError";
      return new Promise(function (done) { setTimeout(done, 50); }).then(function () {
        return { error: timedOut ? "timeout" : blocked ? "policy" : "network" };
      });
    }).finally(function () {
      document.removeEventListener("securitypolicyviolation", onViolation);
      if (timer) { clearTimeout(timer); }
    });
  }

  function showOutcome(outcome, request, live, result) {
    result.textContent = "";
    result.hidden = false;
    result.appendChild(el("p", { class: "cws-try-it__request" }, [
      el("span", { class: "cws-try-it__method", text: request.method }), " ",
      el("code", { text: request.shownUrl })
    ]));

    if (outcome.error === "policy") {
      live.className = "cws-try-it__status cws-try-it__status--error";
      live.textContent = "";
      live.appendChild(el("strong", { text: "Request not sent" }));
      live.appendChild(richText("span", { class: "cws-try-it__detail" },
        " — this page's Content-Security-Policy does not let it call " +
        originOf(request.url) + ". Set the base URL back to " + defaultBase() + ", or serve " +
        "the site with `uv run cloudws serve --api-base " + request.base + "`, which lets " +
        "its pages call that API."));
      return;
    }
    if (outcome.error) {
      var message = outcome.error === "timeout"
        ? "No answer from " + request.base + " within " + TIMEOUT_MS / 1000 + " seconds."
        : "Could not reach " + request.base + ": the request failed before any answer " +
          "(the server is not running, the address is wrong, or it does not accept requests " +
          "from this page).";
      live.className = "cws-try-it__status cws-try-it__status--error";
      live.textContent = "";
      live.appendChild(el("strong", { text: "Request failed" }));
      live.appendChild(richText("span", { class: "cws-try-it__detail" },
        " — " + message + " To try requests against the sandbox, serve the site with " +
        "`uv run cloudws serve` and open it there, or set the base URL to a running sandbox."));
      return;
    }

    var response = outcome.response;
    var type = (response.headers.get("content-type") || "").toLowerCase();
    var isJson = /(^|[\/+])json$/.test(type.split(";")[0].trim());
    var parsed = null;
    if (isJson && outcome.text) {
      try { parsed = JSON.parse(outcome.text); } catch (e) { parsed = null; }
    }
    /* The reason phrase as the server sent it; where there is none (HTTP/2 has none), an
       error's problem title, which is the same phrase in the API's own words. */
    var reason = response.statusText ||
      (/problem\+json/.test(type) && parsed && typeof parsed === "object" &&
        typeof parsed.title === "string" ? parsed.title : "");
    var line = response.type === "opaqueredirect" ? "A redirect (not followed)"
      : "HTTP " + response.status + (reason ? " " + reason : "");
    var ok = response.status >= 200 && response.status < 300;
    live.className = "cws-try-it__status cws-try-it__status--" + (ok ? "ok" : "error");
    live.textContent = "";
    live.appendChild(el("strong", { text: line }));
    if (parsed && typeof parsed === "object" && parsed.code && parsed.detail) {
      live.appendChild(el("span", { class: "cws-try-it__detail",
        text: " — " + parsed.code + ": " + parsed.detail }));
    }
    result.firstChild.appendChild(el("span", { class: "cws-try-it__timing",
      text: " answered in " + Math.round(outcome.ms) + " ms" }));
    if (response.type === "opaqueredirect" || (!isJson && outcome.text)) {
      result.appendChild(richText("p", { class: "cws-try-it__problem" },
        "This answer did not come from the API (Content-Type: " + (type || "none") + "). " +
        "No sandbox answers at " + request.base + ": serve the site with `uv run cloudws serve`, " +
        "or set the base URL to a running sandbox."));
    }

    var headerLines = [];
    var siteLines = [];
    response.headers.forEach(function (value, name) {
      (SITE_HEADERS.indexOf(name) >= 0 ? siteLines : headerLines).push(name + ": " + value);
    });
    headerLines.sort();
    siteLines.sort();
    var headersId = "cws-try-it-headers-" + (counter += 1);
    result.appendChild(el("h3", { id: headersId, class: "cws-try-it__heading",
      text: "Response headers" }));
    result.appendChild(el("pre", { class: "cws-try-it__headers", "aria-labelledby": headersId,
      tabindex: "0" },
      [el("code", { text: headerLines.join("\n") || "(none visible)" })]));
    if (siteLines.length) {
      result.appendChild(el("details", { class: "cws-try-it__site-headers" }, [
        el("summary", { text: "Security headers of the server (" + siteLines.length + ")" }),
        el("pre", { tabindex: "0" }, [el("code", { text: siteLines.join("\n") })])
      ]));
    }

    var bodyId = "cws-try-it-body-" + (counter += 1);
    var shown = parsed !== null ? JSON.stringify(parsed, null, 2) : outcome.text;
    if (shown.length > MAX_BODY_SHOWN) {  /* counted in what is shown (reformatted JSON) */
      shown = shown.slice(0, MAX_BODY_SHOWN) + "\n… (" + (shown.length - MAX_BODY_SHOWN) +
        " more characters not shown)";
    }
    result.appendChild(el("h3", { id: bodyId, class: "cws-try-it__heading",
      text: "Response body" }));
    result.appendChild(el("pre", { class: "cws-try-it__body", "aria-labelledby": bodyId,
      tabindex: "0" },
      [el("code", { text: shown || "(empty)" })]));
  }

  /* -- start ------------------------------------------------------------------------------ */

  /* Each form is built when its section comes near the viewport, so a reader who never
     scrolls to Try it does not download openapi.json. */
  function mountAll() {
    var containers = document.querySelectorAll(".cws-try-it[data-operation]");
    if (typeof window.IntersectionObserver !== "function") {
      Array.prototype.forEach.call(containers, mount);
      return;
    }
    var observer = new window.IntersectionObserver(function (entries) {
      entries.forEach(function (entry) {
        if (entry.isIntersecting) {
          observer.unobserve(entry.target);
          mount(entry.target);
        }
      });
    }, { rootMargin: "600px 0px" });
    Array.prototype.forEach.call(containers, function (container) { observer.observe(container); });
  }

  if (typeof window.document$ !== "undefined" && window.document$ &&
      typeof window.document$.subscribe === "function") {
    window.document$.subscribe(mountAll);
  } else if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", mountAll);
  } else {
    mountAll();
  }
})();
